"""One note's run: every claim checked in this process, its verdicts made findings, claims linked."""
from __future__ import annotations

from dataclasses import dataclass, field

import sympy

from ..model.findings import Finding
from ..model.options import Options
from ..model.verdicts import CONSISTENT, REFUTED, UNCHECKED, VERIFIED
from ..note.loading import LoadedNote
from ..note.prose import states_a_condition
from .claim import ClaimResult, check_claim, is_stated_value
from ..model.faults import strict
from .faults import faulted_claim
from .findings import inherited_findings, quantity_of, refutation_finding, with_origin


@dataclass
class NoteResult:
    loaded: LoadedNote
    claims: list[ClaimResult] = field(default_factory=list)

    @property
    def note_findings(self) -> list[Finding]:
        """What is said of the note outside its checked claims: its reading, each claim it skips (V302),
        each value its prose states (V402) and each assumption a formula states (V403, V404)."""
        findings = list(self.loaded.findings)
        for read in self.loaded.claims:
            if read.listed and read.finding is not None:
                findings.append(read.finding)
            elif self.loaded.context is not None and is_stated_value(read, read.table(self.loaded.context.table)):
                name, value = (m.latex for m in read.reading.members)
                findings.append(Finding("V402", read.claim.line, read.claim.column, args=(
                    ("name", name), ("value", value), ("relation", read.reading.relations[0]))))
        return findings

    @property
    def findings(self) -> list[Finding]:
        return self.note_findings + [f for c in self.claims for f in c.findings]


def check_note(loaded: LoadedNote, options: Options) -> NoteResult:
    """Every claim of a note in this process, then what one claim says about the next."""
    claims = [check_one(loaded, index, options) for index in claim_indices(loaded)]
    return link_claims(NoteResult(loaded, claims))


def claim_indices(loaded: LoadedNote) -> list[int]:
    if loaded.fatal:
        return []
    table = loaded.context.table if loaded.context is not None else None
    return [i for i, read in enumerate(loaded.claims)
            if not read.listed and not (table is not None and is_stated_value(read, read.table(table)))]


def check_one(loaded: LoadedNote, index: int, options: Options) -> ClaimResult:
    """One claim and the findings its own verdicts call for; a fault of the tool is its own finding."""
    try:
        return _check_one(loaded, index, options)
    except Exception as error:  # any exception here is the tool's, not the note's
        if strict():
            raise
        return faulted_claim(loaded.claims[index], error)


def _check_one(loaded: LoadedNote, index: int, options: Options) -> ClaimResult:
    read = loaded.claims[index]
    claim = check_claim(read, loaded.context.table, options, index,
                        condition=states_a_condition(loaded.note, read.claim))
    line, column = claim.line, claim.column
    for link in claim.links:
        if link.verdict == REFUTED and _recovers(claim, link):
            # the member before the link is the wrong one (its own link says which slip); the one after it
            # meets the first member again: the chain recovers, and no edit of the right member is offered
            claim.findings.append(Finding("V200", line, column, args=(
                ("index", link.index), ("relation", link.relation), ("recovers", link.index + 1))))
        elif link.verdict == REFUTED:
            claim.findings.append(refutation_finding(claim, link, loaded, options))
        elif link.verdict == UNCHECKED:
            claim.findings.append(Finding("V303", line, column, args=(
                ("index", link.index), ("relation", link.relation), ("reason", link.reason))))
    claim.findings += inherited_findings(claim, loaded, options)
    if claim.expected_refuted and claim.verdict != REFUTED:
        claim.findings.append(Finding("V304", line, column, args=(("verdict", claim.verdict),)))
    return claim


def _recovers(claim: ClaimResult, link) -> bool:
    """The link breaks after a refuted link, and the member after it agrees with the first member."""
    if link.index < 2 or claim.links[link.index - 2].verdict != REFUTED:
        return False
    after = next((r for r in claim.against_first if r.index == link.index + 1), None)
    return after is not None and after.verdict in (VERIFIED, CONSISTENT)


def link_claims(result: NoteResult) -> NoteResult:
    """Where an error comes from: a refuted member repeated, unchanged, by a later claim (V401)."""
    refuted: list[tuple[object, int, str]] = []
    for claim in result.claims:
        for link in claim.links:
            if link.verdict != REFUTED:
                continue
            members = claim.reading.members
            right = members[link.index].value
            origin = next(((l, what) for value, l, what in refuted
                           if value != right and _a_result(value) and right.has(value)), None)
            refuted.append((right, claim.line, quantity_of(members[0].value)))
            if origin is None:
                continue
            claim.findings = [with_origin(f, *origin) for f in claim.findings]
            claim.findings.insert(0, Finding("V401", claim.line, claim.column, args=(("line", origin[0]),)))
    return result


# A refuted member is a result a later claim can repeat when it is an expression of this many operations
# at least: a lone name or number (`x` of `\sqrt{x^2} = x`, the 1 of `\sigma_2 = 1`) is in every formula
# that names it, and `(x + 1)^2 = x^2 + 1` repeats nothing of `\sqrt{x^2} = x`.
RESULT_OPERATIONS = 2


def _a_result(value) -> bool:
    return isinstance(value, sympy.Basic) and not value.is_Atom and sympy.count_ops(value) >= RESULT_OPERATIONS


def exit_code(results: list[NoteResult]) -> int:
    """0 when every claim passes, 1 when one does not, 2 when a note could not be read at all."""
    if any(r.loaded.fatal for r in results):
        return 2
    passes = all(c.passes for r in results for c in r.claims)
    unread = any(c.reading is None and not c.listed for r in results for c in r.loaded.claims)
    return 0 if passes and not unread else 1
