"""What one method found about one link."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PROVED, AGREE, DISAGREE, INCONCLUSIVE = "proved", "agree", "disagree", "inconclusive"


@dataclass(frozen=True)
class Evidence:
    """One method's outcome; `counterexample` maps LaTeX names to values where it disagrees."""

    method: str
    outcome: str
    reason: str = ""
    counterexample: dict[str, Any] | None = None
    statistic: float | None = None
    details: dict[str, Any] = field(default_factory=dict)
