"""A claim: every link checked, every member against the first, the verdict the worst of its links."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import sympy


from ..model.findings import Finding
from ..model.names import Defined, NameTable, Scalar
from ..latex.reader import read_name
from ..note.claims import ReadClaim
from ..note.document import Claim
from ..semantics.reference import Reference
from ..checks.evidence import PROVED, Evidence
from ..model.verdicts import CONSISTENT, REFUTED, UNCHECKED, VERIFIED, worst
from ..checks.link import LinkChecker, LinkResult
from ..model.options import Options
from ..model.chains import compose
from ..model import seeds


@dataclass
class ClaimResult:
    read: ReadClaim
    verdict: str
    links: list[LinkResult] = field(default_factory=list)
    against_first: list[LinkResult] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def claim(self) -> Claim:
        """The claim as written: its LaTeX, line, column and directives."""
        return self.read.claim

    @property
    def reading(self):
        """What the claim was read as: its members and relations (None when it could not be read)."""
        return self.read.reading

    @property
    def line(self) -> int:
        return self.read.claim.line

    @property
    def column(self) -> int:
        return self.read.claim.column

    @property
    def expected_refuted(self) -> bool:
        return bool(self.read.claim.directive("expect refuted"))

    @property
    def known_erratum(self) -> bool:
        """Refuted where the note says it is (`expect refuted`): shown, never failed."""
        return self.expected_refuted and self.verdict == REFUTED

    @property
    def passes(self) -> bool:
        """What `make verify` asks: verified or consistent, or refuted where the note expects it."""
        if self.expected_refuted:
            return self.verdict == REFUTED
        return self.verdict in (VERIFIED, CONSISTENT)


def check_claim(read: ReadClaim, table: NameTable, options: Options, claim_index: int,
                condition: bool = False) -> ClaimResult:
    """`condition`: the prose before the formula says it sets a derivative to zero (note/prose.py)."""
    claim = read.claim
    if read.reading is None:
        finding = read.finding or Finding("V106", claim.line, claim.column, args=(("problem", "not read"),))
        return ClaimResult(read, UNCHECKED, findings=[finding])
    table = read.table(table)  # a premise's laws hold in the formula after its arrow; a scope's in its formulas
    members = [m.value for m in read.reading.members]
    relations = list(read.reading.relations)
    if not relations:
        return ClaimResult(read, UNCHECKED, findings=[Finding("V301", claim.line, claim.column)])
    checker = LinkChecker(Reference(table), options, (claim_index,))
    links: list[LinkResult] = []
    try:
        definition = definition_of(read, table, members)
        if definition is None:
            definition = stated_definition(read, table, members)
    except DefinitionMismatch as bad:
        return ClaimResult(read, UNCHECKED, findings=[Finding(
            "V113", claim.line, claim.column, args=(("name", bad.name), ("problem", bad.problem)))])
    if definition is not None:
        members = [m.xreplace(definition) for m in members]
        defined = next(iter(definition)) if definition else read.claim.directive("defines")[0].argument
        links.append(LinkResult(1, relations[0], VERIFIED, [Evidence("definition", PROVED,
                                reason=f"the note defines {defined} here")]))
    for k in range(len(links), len(relations)):
        links.append(checker.check(k + 1, relations[k], (k, members[k]), (k + 1, members[k + 1])))
    against_first = []
    composed = relations[0]
    for k in range(1, len(relations)):
        composed = compose(composed, relations[k])
        if composed is not None:
            result = checker.check(seeds.against_first(k), composed, (0, members[0]), (k + 1, members[k + 1]))
            result.index = k + 2  # the member judged against the first
            against_first.append(result)
    if read.claim.implication and read.premise_table is None:
        links, against_first = _as_sides_of_an_arrow(links), _as_sides_of_an_arrow(against_first)
    if read.bridge:
        links = _as_a_bridge(links)
    if condition:  # every link: the whole formula may be the condition, or what follows from it
        links, against_first = _as_a_condition(links, PROSE_CONDITION), _as_a_condition(against_first, PROSE_CONDITION)
    elif _sets_a_derivative_to_zero(relations, members, read.claim.latex):
        links[-1:] = _as_a_condition(links[-1:])
        against_first[-1:] = _as_a_condition(against_first[-1:])
    verdict = worst(l.verdict for l in links)
    return ClaimResult(read, verdict, links, against_first)


SIDE_OF_AN_ARROW = ("a side of an implication (`\\implies`, `\\iff`) may hold only under the other side, "
                    "as `\\frac{d}{d\\mu} f = 0 \\implies \\mu = x` does: a counterexample to it alone refutes nothing")


def _as_sides_of_an_arrow(links: list) -> list:
    """`a = b \\implies c = d` with no law stated before the arrow: each side is checked alone, and proved
    sides stay verified, but a side that fails somewhere is unchecked (it may be a condition, not an identity)."""
    for link in links:
        if link.verdict == REFUTED:
            link.verdict, link.counterexample = UNCHECKED, None
            link.reason = f"{SIDE_OF_AN_ARROW} (it fails at a point)"
    return links


TO_ZERO = ("setting a derivative to zero states the condition of an optimum, which holds at the optimum only: "
           "it is proved or left unchecked, never refuted")


# `\\partial`, `\\nabla`, or a fraction whose numerator and denominator both start with a d (`\\frac{d}{dx}`,
# `\\frac{d\\ell}{d\\mu}`, `\\frac{\\mathrm{d}}{\\mathrm{d}x}`), never `\\frac{d}{2}` with d a dimension
DERIVATIVE_MARKS = re.compile(r"\\partial|\\nabla|\\frac\s*\{\s*(d|\\mathrm\{d\})[^{}]*\}\s*\{\s*(d|\\mathrm\{d\})")


def _sets_a_derivative_to_zero(relations: list, members: list, latex: str) -> bool:
    """`\\frac{\\partial \\ell}{\\partial \\mu} = \\frac{1}{\\sigma^2}\\sum_i (x_i - \\mu) = 0`: the last member is 0 and
    the chain is about a derivative (one of its members is, or its text writes one: a member left unread, such
    as a derivative of an undeclared log-likelihood, still says what the chain sets to zero)."""
    last = members[-1]
    about_a_derivative = (any(isinstance(m, sympy.Basic) and m.has(sympy.Derivative) for m in members[:-1])
                          or DERIVATIVE_MARKS.search(latex) is not None)
    return relations[-1] == "=" and isinstance(last, sympy.Expr) and last == 0 and about_a_derivative


PROSE_CONDITION = ("the prose before it sets a derivative to zero: the formula states, or follows from, the "
                   "condition of an optimum, which holds at the optimum only; it is proved or left unchecked, never refuted")


def _as_a_condition(links: list, reason: str = TO_ZERO) -> list:
    for link in links:
        if link.verdict == REFUTED:
            link.verdict, link.counterexample, link.reason = UNCHECKED, None, reason
    return links


ACROSS_UNREAD = ("the members on either side of an unread member agree, which proves nothing about the "
                 "member between them")


def _as_a_bridge(links: list) -> list:
    """Two members across unread ones: a counterexample refutes the chain, and agreement is unchecked."""
    for link in links:
        if link.verdict in (VERIFIED, CONSISTENT):
            link.verdict, link.reason = UNCHECKED, ACROSS_UNREAD
    return links


# What a declaration may say of a scalar, and how a value that breaks it is described.
def stated_definition(read: ReadClaim, table: NameTable, members: list) -> dict | None:
    """Prose that sets a declared scalar to a number (`Let $D = 3 \\times 32 \\times 32 = 3072$`): the
    first link defines it, as `defines D` would say; the rest of the chain is checked."""
    if read.claim.display or read.claim.directive("defines") or read.reading.relations[0] != "=":
        return None
    symbol, value = members[0], members[1]
    declared = symbol in table.scalar_symbols()
    if not (declared and isinstance(value, sympy.Expr) and value.is_number):
        return None
    if broken_assumption(symbol, value) is not None:
        return None  # a value the symbol cannot take: no definition, a claim to check
    return {symbol: value}


def is_stated_value(read: ReadClaim, table: NameTable) -> bool:
    """A lone `x = 0` in prose, or a relation between two declared names anywhere (`when $\\sigma_2 >
    \\sigma_1$`, `a_i(1 - a_i), \\quad i = j`): an assumption, a definition or a case's condition, listed
    (V402) and not checked."""
    if read.reading is None or len(read.reading.relations) != 1 or read.claim.directive("defines"):
        return False
    members = [m.value for m in read.reading.members]
    return (stated_definition(read, table, members) is not None or is_condition(read, table, members)
            or is_solved_value(read, table, members))


def is_solved_value(read: ReadClaim, table: NameTable, members: list) -> bool:
    """`\\sigma^2 = \\frac{1}{n}\\sum_i (x_i - \\bar x)^2`, `\\theta^* = \\arg\\max_\\theta f`: a declared scalar (or a
    power of it) alone on the left, an expression of other names on the right that holds no trace of it (not
    even through a law's parameters): no identity for every value of it, but a solution, a definition or an
    assumption. A number on the right stays a claim in a display (`$$D = 3072$$`), as the README says."""
    if read.reading.relations[0] != "=":
        return False
    left, right = members
    declared = table.scalar_symbols()
    if isinstance(left, sympy.Tuple):  # `\\theta^*, \\phi^* = \\arg\\min_{\\theta, \\phi} L`: the reader checked its shape
        return all(s in declared and s not in right.free_symbols for s in left) and isinstance(right, sympy.Expr)
    symbol = left.base if isinstance(left, sympy.Pow) and left.exp.is_number else left
    return (symbol in declared and isinstance(right, sympy.Expr) and not right.is_number
            and symbol not in right.free_symbols)


def is_condition(read: ReadClaim, table: NameTable, members: list) -> bool:
    """`\\sigma_2 > \\sigma_1`, `i = j`: two different declared scalars and nothing else, which no derivation
    claims for every value (it would be false somewhere): a condition the note states."""
    declared = table.scalar_symbols()
    if read.reading.relations[0] not in ("=", "<", ">", "\\le", "\\ge"):
        return False
    left, right = members
    return left in declared and right in declared and left != right


DOMAIN_ASSUMPTIONS = {"integer": "an integer", "positive": "positive", "nonnegative": "nonnegative",
                      "negative": "negative", "real": "real"}


def broken_assumption(symbol: sympy.Symbol, value) -> str | None:
    """The first declared assumption of the symbol that the value breaks (`integer` for 7/2), if any."""
    return next((a for a in DOMAIN_ASSUMPTIONS if symbol.assumptions0.get(a) and getattr(value, f"is_{a}") is False), None)


def unchecked_links(read: ReadClaim, reason) -> list[LinkResult]:
    """Every link of the claim unchecked for one reason the run gives (a worker stopped, a fault)."""
    relations = read.reading.relations if read.reading is not None else ()
    return [LinkResult(k + 1, rel, UNCHECKED, reason=reason) for k, rel in enumerate(relations)]


def definition_of(read: ReadClaim, table: NameTable, members: list) -> dict | None:
    """`<!-- verify: defines D -->`: the first link defines D, which then holds its value in the claim."""
    directives = read.claim.directive("defines")
    if not directives:
        return None
    name = directives[0].argument
    meaning = table.lookup(read_name(name)) if name else None
    if isinstance(meaning, Defined) and read.defines_function:
        return {}  # `defines f`: the note reads f through this first link (note.claims), which holds by definition
    if not isinstance(meaning, Scalar) or members[0] != meaning.symbol:
        raise DefinitionMismatch(name, "the first member must be that declared scalar")
    broken = broken_assumption(meaning.symbol, members[1])
    if broken is not None:  # `D = 7/2` for an integer D: the rest of the claim would be checked at a value D cannot take
        raise DefinitionMismatch(name, f"its value {members[1]} is not {DOMAIN_ASSUMPTIONS[broken]}, as {name} is declared")
    return {meaning.symbol: members[1]}


class DefinitionMismatch(Exception):
    def __init__(self, name: str, problem: str):
        self.name, self.problem = name, problem
