"""A whole run: every claim of every note checked, and the findings each verdict calls for."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

import sympy
from sympy.core.function import AppliedUndef

from ..diagnose.diagnosis import diagnosis_finding
from ..diagnose.policy import diagnose
from ..model.findings import Finding
from ..latex.errors import ReadError
from ..model.quantities import Entropy, Expectation, KLDivergence
from ..note.loading import LoadedNote
from ..semantics.registry import NotDerivable
from ..checks.budget import BudgetExceeded
from .claim import ClaimResult, check_claim
from ..model.verdicts import REFUTED, UNCHECKED
from ..model.options import Options


# How a diagnosis can fail; the link is then reported as refuted without a kind (V200).
DIAGNOSIS_FAILURES = (LookupError, NotDerivable, ReadError, BudgetExceeded, ValueError, TypeError, RecursionError)


@dataclass
class NoteResult:
    loaded: LoadedNote
    claims: list[ClaimResult] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        return self.loaded.findings + [f for c in self.claims for f in c.findings]


def check_note(loaded: LoadedNote, options: Options) -> NoteResult:
    """Every claim of a note in this process, then what one claim says about the next."""
    claims = [check_one(loaded, index, options) for index in claim_indices(loaded)]
    return link_claims(NoteResult(loaded, claims))


def claim_indices(loaded: LoadedNote) -> list[int]:
    if loaded.fatal:
        return []
    return [i for i, read in enumerate(loaded.claims) if not read.skipped]


def check_one(loaded: LoadedNote, index: int, options: Options) -> ClaimResult:
    """One claim and the findings its own verdicts call for; no other claim is needed."""
    claim = check_claim(loaded.claims[index], loaded.context.table, options, index)
    line, column = claim.read.claim.line, claim.read.claim.column
    for link in claim.links:
        if link.verdict == REFUTED:
            claim.findings.append(refutation_finding(claim, link, loaded, options))
        elif link.verdict == UNCHECKED:
            claim.findings.append(Finding("V303", line, column, args=(
                ("index", link.index), ("relation", link.relation), ("reason", link.reason))))
    claim.findings += inherited_findings(claim, loaded, options)
    if claim.expected_refuted and claim.verdict != REFUTED:
        claim.findings.append(Finding("V304", line, column, args=(("verdict", claim.verdict),)))
    return claim


def inherited_findings(claim: ClaimResult, loaded: LoadedNote, options: Options) -> list[Finding]:
    """A member that meets the one before it but not the first carries an earlier slip: fix it too."""
    found = []
    for result in claim.against_first:
        member = result.index - 1
        if result.verdict != REFUTED or claim.links[member - 1].verdict == REFUTED:
            continue
        try:
            diagnosis = diagnose(loaded.note, loaded.context.table, claim.read, member, options.seed,
                                 options.budget, against=0, relation=result.relation)
        except DIAGNOSIS_FAILURES:
            continue
        if diagnosis.kind != "mismatch":
            found.append(diagnosis_finding(diagnosis, loaded.note, f"; member {member + 1} carries the slip "
                                                                   f"of an earlier member through a step that holds"))
    return found


def link_claims(result: NoteResult) -> NoteResult:
    """Where an error comes from: a refuted member repeated, unchanged, by a later claim (V401)."""
    refuted: list[tuple[object, int, str]] = []
    for claim in result.claims:
        line, column = claim.read.claim.line, claim.read.claim.column
        for link in claim.links:
            if link.verdict != REFUTED:
                continue
            members = claim.read.reading.members
            right = members[link.index].value
            origin = next(((l, what) for value, l, what in refuted if value != right and right.has(value)), None)
            refuted.append((right, line, quantity_name(members[0].value)))
            if origin is None:
                continue
            claim.findings = [_with_origin(f, *origin) for f in claim.findings]
            claim.findings.insert(0, Finding("V401", line, column, args=(("line", origin[0]),)))
    return result


def quantity_name(value) -> str:
    """What an earlier claim was about, to say whose error a later claim inherits."""
    for kind, name in ((KLDivergence, "KL divergence"), (Entropy, "entropy"), (Expectation, "expectation")):
        if value.atoms(kind):
            return name
    return ""


def _with_origin(finding: Finding, origin: int, what: str) -> Finding:
    if finding.kind is None:
        return finding
    args = dict(finding.args)
    whose = f"the error is the {what}'s: " if what else ""
    args["note"] = f"; {whose}it repeats the refuted result of line {origin}" + args.get("note", "")
    return replace(finding, args=tuple(args.items()))


def refutation_finding(claim: ClaimResult, link, loaded: LoadedNote, options: Options) -> Finding:
    """The diagnosis of a refuted link, or the bare refutation when no diagnosis can be made."""
    table = loaded.context.table
    notes = []
    meaning = definition_meaning(claim.read.reading.members[link.index - 1].value, table)
    if meaning:
        notes.append(meaning)
    try:
        diagnosis = diagnose(loaded.note, table, claim.read, link.index, options.seed, options.budget)
        return diagnosis_finding(diagnosis, loaded.note, "; ".join([""] + notes) if notes else "")
    except DIAGNOSIS_FAILURES:
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
