"""A whole run: every claim of every note checked, and the findings each verdict calls for."""
from __future__ import annotations

from dataclasses import dataclass, field

import sympy
from sympy.core.function import AppliedUndef

from ..diagnose import Diagnoser, diagnosis_finding
from ..findings import Finding
from ..latex.errors import ReadError
from ..latex.nodes import Expectation, KLDivergence
from ..loading import LoadedNote
from ..semantics.registry import NotDerivable
from .budget import BudgetExceeded
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
    refuted: list[tuple[object, int]] = []  # members found false so far, with their claim's line
    for index, read in enumerate(loaded.claims):
        if read.skipped:
            continue
        claim = check_claim(read, loaded.context.table, options, index)
        claim.findings += link_findings(claim, loaded, options, refuted)
        result.claims.append(claim)
    return result


def link_findings(claim: ClaimResult, loaded: LoadedNote, options: Options,
                  refuted: list[tuple[object, int]]) -> list[Finding]:
    line, column = claim.read.claim.line, claim.read.claim.column
    found = []
    for link in claim.links:
        if link.verdict == REFUTED:
            right = claim.read.reading.members[link.index].value
            origin = next((l for value, l in refuted if value != right and right.has(value)), None)
            if origin is not None:
                found.append(Finding("V401", line, column, args=(("line", origin),)))
            found.append(refutation_finding(claim, link, loaded, options, origin))
            refuted.append((right, line))
        elif link.verdict == UNCHECKED:
            found.append(Finding("V303", line, column, args=(
                ("index", link.index), ("relation", link.relation), ("reason", link.reason))))
    if claim.expected_refuted and claim.verdict != REFUTED:
        found.append(Finding("V304", line, column, args=(("verdict", claim.verdict),)))
    return found


def refutation_finding(claim: ClaimResult, link, loaded: LoadedNote, options: Options, origin) -> Finding:
    """The diagnosis of a refuted link, or the bare refutation when no diagnosis can be made."""
    table = loaded.context.table
    notes = []
    if origin is not None:
        notes.append(f"it repeats the refuted result of line {origin}")
    meaning = definition_meaning(claim.read.reading.members[link.index - 1].value, table)
    if meaning:
        notes.append(meaning)
    try:
        diagnosis = Diagnoser(loaded.note, table, claim.read, link.index, options.seed, options.budget).diagnose()
        return diagnosis_finding(diagnosis, loaded.note, "; ".join([""] + notes) if notes else "")
    except (LookupError, NotDerivable, ReadError, BudgetExceeded, ValueError, TypeError):
        evidence = ", ".join(f"{k} = {v:g}" if isinstance(v, float) else f"{k} = {v}"
                             for k, v in (link.counterexample or {}).items())
        c = claim.read.claim
        return Finding("V200", c.line, c.column, args=(
            ("index", link.index), ("relation", link.relation),
            ("evidence", f"at {evidence}" if evidence else "by Monte Carlo")))


def definition_meaning(value, table) -> str:
    """What a defined objective is, when its definition is an ELBO or its negative."""
    definitions = table.definitions()
    if not (isinstance(value, AppliedUndef) and value.func in definitions):
        return ""
    body = definitions[value.func].body
    terms = sympy.Add.make_args(body)
    kl = [t for t in terms if isinstance(t, KLDivergence)]
    nll = [t for t in terms if isinstance(-t, Expectation)]
    ll = [t for t in terms if isinstance(t, Expectation)]
    minus_kl = [t for t in terms if isinstance(-t, KLDivergence)]
    name = value.func.__name__
    if len(terms) == 2 and kl and nll:
        return f"{name} is defined as the negative ELBO (a loss: expected negative log-likelihood plus the KL)"
    if len(terms) == 2 and ll and minus_kl:
        return f"{name} is defined as the ELBO (expected log-likelihood minus the KL)"
    return ""


def exit_code(results: list[NoteResult]) -> int:
    """0 when every claim passes, 1 when one does not, 2 when a note could not be read at all."""
    if any(r.loaded.fatal for r in results):
        return 2
    passes = all(c.passes for r in results for c in r.claims)
    unread = any(c.reading is None and not c.skipped for r in results for c in r.loaded.claims)
    return 0 if passes and not unread else 1
