"""The diagnosis of a refuted link, and the finding it is reported as."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model.findings import KIND_CODES, Finding, Fix
from ..note.document import Note


@dataclass
class Diagnosis:
    """What kind of slip, where, and the fix that makes the link hold (none for a mismatch)."""

    kind: str
    term: str  # as the author wrote it, or a description
    offset: int  # where the term starts in the note
    fix: Fix | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def diagnosis_finding(diagnosis: Diagnosis, note: Note, note_text: str) -> Finding:
    """The finding of the diagnosis' kind at its place in the note; `note_text` is appended to its message."""
    line, column = note.position(diagnosis.offset)
    args = (("term", diagnosis.term), ("note", note_text), ("factor", diagnosis.extra.get("factor", "")))
    return Finding(KIND_CODES[diagnosis.kind], line, column, args=args, kind=diagnosis.kind, fix=diagnosis.fix)
