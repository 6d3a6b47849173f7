"""Why the run, not a check, left a link unchecked: a worker that died or overran, a fault of the tool."""
from __future__ import annotations

from dataclasses import dataclass

DIED, DEADLINE, FAULT = "died", "deadline", "fault"


@dataclass(frozen=True)
class Stopped:
    """A link's reason when the run stopped its check; reporters render it (report/messages.py)."""

    why: str  # DIED, DEADLINE or FAULT
    seconds: float = 0.0  # the deadline that was overrun

    def __bool__(self) -> bool:  # a reason is given
        return True
