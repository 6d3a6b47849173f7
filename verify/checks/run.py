"""A whole run: every claim of every note checked, and the findings each verdict calls for."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..findings import Finding
from ..loading import LoadedNote
from .claim import ClaimResult, check_claim
from .link import REFUTED, UNCHECKED, Options


@dataclass
class NoteResult:
    loaded: LoadedNote
    claims: list[ClaimResult] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        return self.loaded.findings + [f for c in self.claims for f in c.findings]


def check_note(loaded: LoadedNote, options: Options) -> NoteResult:
    result = NoteResult(loaded)
    if loaded.fatal:
        return result
    for index, read in enumerate(loaded.claims):
        if read.skipped:
            continue
        claim = check_claim(read, loaded.context.table, options, index)
        claim.findings += link_findings(claim)
        result.claims.append(claim)
    return result


def link_findings(claim: ClaimResult) -> list[Finding]:
    line, column = claim.read.claim.line, claim.read.claim.column
    found = []
    for link in claim.links:
        if link.verdict == REFUTED:
            evidence = ", ".join(f"{k} = {v:g}" if isinstance(v, float) else f"{k} = {v}"
                                 for k, v in (link.counterexample or {}).items())
            found.append(Finding("V200", line, column, args=(
                ("index", link.index), ("relation", link.relation),
                ("evidence", f"at {evidence}" if evidence else "by Monte Carlo"))))
        elif link.verdict == UNCHECKED:
            found.append(Finding("V303", line, column, args=(
                ("index", link.index), ("relation", link.relation), ("reason", link.reason))))
    if claim.expected_refuted and claim.verdict != REFUTED:
        found.append(Finding("V304", line, column, args=(("verdict", claim.verdict),)))
    return found


def exit_code(results: list[NoteResult]) -> int:
    """0 when every claim passes, 1 when one does not, 2 when a note could not be read at all."""
    if any(r.loaded.fatal for r in results):
        return 2
    passes = all(c.passes for r in results for c in r.claims)
    unread = any(c.reading is None and not c.skipped for r in results for c in r.loaded.claims)
    return 0 if passes and not unread else 1
