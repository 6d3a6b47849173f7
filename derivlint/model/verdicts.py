"""The four verdicts a link or a claim can get, from best to worst."""
from __future__ import annotations

from enum import StrEnum


class Verdict(StrEnum):
    """A StrEnum, so a verdict prints and serialises as its name ("verified") in every report."""

    VERIFIED = "verified"  # proved symbolically
    CONSISTENT = "consistent"  # not proved; every numeric check agrees
    UNCHECKED = "unchecked"  # no method could decide, with the reason
    REFUTED = "refuted"  # a confirmed counterexample

    @property
    def severity(self) -> int:
        """A claim's verdict is the worst of its links': refuted over unchecked over consistent."""
        return SEVERITY[self]


VERIFIED, CONSISTENT, UNCHECKED, REFUTED = Verdict.VERIFIED, Verdict.CONSISTENT, Verdict.UNCHECKED, Verdict.REFUTED
SEVERITY = {VERIFIED: 0, CONSISTENT: 1, UNCHECKED: 2, REFUTED: 3}


def worst(verdicts) -> Verdict:
    return max(verdicts, key=SEVERITY.__getitem__)
