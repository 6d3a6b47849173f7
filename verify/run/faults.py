"""A claim whose check raised: unchecked, with V900 and the traceback, never a finding on the note."""
from __future__ import annotations

from ..checks.link import LinkResult
from ..model.faults import fault_finding
from ..model.verdicts import UNCHECKED
from ..note.claims import ReadClaim
from .claim import ClaimResult
from ..model.stops import FAULT, Stopped

FAULT_REASON = Stopped(FAULT)


def faulted_claim(read: ReadClaim, error: BaseException) -> ClaimResult:
    """Every link unchecked, one V900 finding carrying the traceback."""
    claim = read.claim
    relations = read.reading.relations if read.reading is not None else ()
    links = [LinkResult(k + 1, rel, UNCHECKED, reason=FAULT_REASON) for k, rel in enumerate(relations)]
    return ClaimResult(read, UNCHECKED, links, [], [fault_finding(claim.line, claim.column, "checking", error)])
