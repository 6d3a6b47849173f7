"""A claim whose check raised: unchecked, with V900 and the traceback, never a finding on the note."""
from __future__ import annotations

from ..model.faults import fault_finding
from ..model.verdicts import UNCHECKED
from ..note.claims import ReadClaim
from .claim import ClaimResult, unchecked_links
from ..model.stops import FAULT, Stopped

FAULT_REASON = Stopped(FAULT)


def faulted_claim(read: ReadClaim, error: BaseException) -> ClaimResult:
    """Every link unchecked, one V900 finding carrying the traceback."""
    claim = read.claim
    return ClaimResult(read, UNCHECKED, unchecked_links(read, FAULT_REASON), [],
                       [fault_finding(claim.line, claim.column, "checking", error)])
