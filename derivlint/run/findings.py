"""Verdicts turned into findings: a refuted link's diagnosis, an unchecked link, an inherited slip."""
from __future__ import annotations

from dataclasses import replace

import sympy
from sympy.core.function import AppliedUndef

from ..checks.budget import BudgetExceeded
from ..checks.link import LinkResult
from ..diagnose.policy import diagnose
from ..latex.errors import ReadError
from ..model.findings import KIND_CODES, Finding
from ..model.options import Options
from ..model.quantities import Entropy, Expectation, KLDivergence
from ..model.verdicts import REFUTED
from ..note.document import Note
from ..note.loading import LoadedNote
from ..semantics.registry import NotDerivable
from .claim import ClaimResult

# Why a diagnosis may rightly find nothing: the member cannot be re-derived or rebuilt, or the
# budget ran out. The link is then reported refuted without a kind (V200). Any other exception is
# a fault of the tool and reaches the run's fault handler.
DIAGNOSIS_FAILURES = (NotDerivable, ReadError, BudgetExceeded)


def refutation_finding(claim: ClaimResult, link: LinkResult, loaded: LoadedNote, options: Options) -> Finding:
    """The diagnosis of a refuted link, or the bare refutation when no diagnosis can be made."""
    table = claim.read.table(loaded.context.table)
    context = definition_context(claim.reading.members[link.index - 1].value, table)
    try:
        diagnosis = diagnose(loaded.note, table, claim.read, link.index, options.seed, options.budget)
    except DIAGNOSIS_FAILURES:
        source = claim.claim
        evidence = (("counterexample", tuple((link.counterexample or {}).items())),) if link.counterexample else ()
        return Finding("V200", source.line, source.column,
                       args=(("index", link.index), ("relation", link.relation)) + evidence)
    return diagnosis_finding(diagnosis, loaded.note, context)


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
            found.append(diagnosis_finding(diagnosis, loaded.note, (("carried", member + 1),)))
    return found


def diagnosis_finding(diagnosis, note: Note, context: tuple = ()) -> Finding:
    line, column = note.position(diagnosis.offset)
    return Finding(KIND_CODES[diagnosis.kind], line, column, args=(("term", diagnosis.term),) + diagnosis.details + context,
                   kind=diagnosis.kind, fix=diagnosis.fix)


def with_origin(finding: Finding, origin: int, quantity: str) -> Finding:
    """A diagnosed slip that repeats an earlier claim's refuted result says whose it is."""
    if finding.kind is None or "origin" in finding.arguments:
        return finding
    args = (("origin", origin), ("origin_quantity", quantity)) + finding.args
    return replace(finding, args=args)


def quantity_of(value) -> str:
    """What an earlier claim was about ("kl", "entropy", "expectation" or ""), to say whose error is inherited."""
    for kind, key in ((KLDivergence, "kl"), (Entropy, "entropy"), (Expectation, "expectation")):
        if value.atoms(kind):
            return key
    return ""


def definition_context(value, table) -> tuple:
    """What a defined objective is, when its definition is an ELBO or its negative."""
    definitions = table.definitions()
    if not (isinstance(value, AppliedUndef) and value.func in definitions):
        return ()
    terms = sympy.Add.make_args(definitions[value.func].body)
    kl = [t for t in terms if isinstance(t, KLDivergence)]
    nll = [t for t in terms if isinstance(-t, Expectation)]
    ll = [t for t in terms if isinstance(t, Expectation)]
    minus_kl = [t for t in terms if isinstance(-t, KLDivergence)]
    name = value.func.__name__
    if len(terms) == 2 and kl and nll:
        return (("defined", name), ("definition", "negative-elbo"))
    if len(terms) == 2 and ll and minus_kl:
        return (("defined", name), ("definition", "elbo"))
    return ()
