"""The diagnosis of a refuted link: the kind of slip, the term, where, the fix; typed data, no English."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model.findings import Fix


@dataclass
class Diagnosis:
    """What kind of slip, where, and the fix that makes the link hold (none for a mismatch)."""

    kind: str
    term: str  # LaTeX: the term as the author wrote it, or the one to add; "" with side="whole"
    offset: int  # where the term starts in the note
    fix: Fix | None = None
    # What else the finding says, as its code's arguments: the factor of a rescaled term, side="whole"
    # for an edit of the whole side, a second term flipped with the first, the log base due.
    details: tuple[tuple[str, Any], ...] = ()

