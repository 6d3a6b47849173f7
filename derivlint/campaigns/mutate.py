"""Mutation campaign: single slips written into verified claims, to measure what the checks catch.

Each mutant is a text edit of a claim's last member (so the reader is exercised too): flip the
sign of a term, scale a term by 2 or 1/2, drop a term, square a symbol or take its root, swap
two symbols of one domain, change a log's base. Only claims whose last link is `=` are mutated.
Mutants provably equal to the original (before checking, or verified by the check) are
discarded; every other one should be refuted, and its diagnosis should name the slip.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterator

import sympy
from lark import Tree

from ..diagnose import fixes
from ..checks.budget import BudgetExceeded, time_budget
from ..model.verdicts import CONSISTENT, REFUTED, VERIFIED
from ..model.options import Options
from ..run.workers import check_notes
from ..checks.relations import prove
from ..diagnose.member import locate
from ..diagnose.trees import additive_terms
from ..latex.build import Builder, Group
from ..latex.shapes import canonical
from ..latex.errors import ReadError
from ..note.loading import LoadedNote, load_text
from ..model.names import Scalar
from ..semantics.reference import Reference
from ..semantics.registry import NotDerivable

# The kinds a diagnosis may rightly give for each mutation: dropping a constant term is a
# missing constant; squaring a symbol written once is both a power and a substitution.
EXPECTED_KINDS = {
    "flip-sign": {"sign"},
    "scale": {"factor"},
    "drop": {"missing-term", "constant", "special-case"},
    "square": {"power", "substitution"},
    "root": {"power", "substitution"},
    "swap": {"substitution", "swapped-arguments"},  # swapping the two laws' scales in a KL swaps its arguments
    "log-base": {"log-base"},
}
UNREAD = "unread"  # a mutant's text that the reader refuses


@dataclass(frozen=True)
class Mutant:
    path: str
    claim_line: int
    operator: str
    latex: str  # the mutated member
    text: str  # the whole mutated note


@dataclass(frozen=True)
class Outcome:
    mutant: Mutant
    equivalent: bool
    verdict: str
    kind: str | None

    @property
    def caught(self) -> bool:
        return self.verdict == REFUTED

    @property
    def right_kind(self) -> bool:
        return self.kind in EXPECTED_KINDS[self.mutant.operator]


def mutants(loaded: LoadedNote, index: int) -> Iterator[Mutant]:
    """Every single mutation of the last member of claim `index`."""
    read = loaded.claims[index]
    member = read.reading.members[-1]
    if member.origins is not None:
        return  # written with the note's macros: a mutant is spliced into the note, whose text is not the one read
    located = locate(member)
    source, tree = located.source, located.tree

    def make(operator: str, edits: list) -> Mutant:
        fix = fixes.apply(source, located.base, located.lo, located.hi, edits)
        text = loaded.note.text[:fix.start] + " " + fix.latex + " " + loaded.note.text[fix.end:]
        return Mutant(loaded.path, read.claim.line, operator, fix.latex, text)

    builder = Builder(read.scope_table or loaded.context.table, read.bindings)
    for term, parent in additive_terms(tree):
        if not _has_value(builder, term):
            continue  # a law's name in H(p): -p or 2p is no slip, and no formula either
        yield make("flip-sign", [fixes.flip_sign(source, term, parent)])
        for factor in (sympy.Integer(2), sympy.Rational(1, 2)):
            yield make("scale", [fixes.scale_term(source, term, factor)])
        if fixes.droppable(parent):
            yield make("drop", [fixes.drop_term(source, term, parent)])
    names = _symbol_nodes(tree, loaded)
    powers = {id(n.children[0]): n for n in tree.iter_subtrees() if n.data == "superscript"}
    bases = set(powers)
    scripts = {id(n.children[2]) for n in tree.iter_subtrees() if n.data in ("superscript", "subscript")}
    braced = lambda node, text: f"{{{text}}}" if id(node) in scripts else text  # `\alpha^{x_m}`, not `\alpha^x_m`
    for key, (symbol, nodes) in names.items():
        for node in nodes:
            text = fixes.text_of(source, node)
            # The base of a power is bracketed: `\sigma^2` becomes `\left(\sigma^{2}\right)^2`, not `{\sigma}^{2}^2`;
            # an exponent written without braces gets them: `\beta^{\sqrt{\alpha}}`, not `\beta^\sqrt{\alpha}`.
            rooted = braced(node, f"\\sqrt{{{text}}}")
            if id(node) in bases:
                # the whole power bracketed, `\log \sigma^2` -> `\log \left(\left(\sigma^{2}\right)^2\right)`: a
                # bracket then a power after `\log` would be ambiguous to read (the log of a power, or a power of it)
                power = powers[id(node)]
                start, end = fixes.span(power)
                rest = source[fixes.span(node)[1] : end]
                yield make("square", [fixes.Edit(start, end, braced(power, f"\\left(\\left({text}^{{2}}\\right){rest}\\right)"))])
            else:
                yield make("square", [fixes.Edit(*fixes.span(node), braced(node, f"{{{text}}}^{{2}}"))])
            if symbol.is_positive:
                yield make("root", [fixes.Edit(*fixes.span(node), rooted)])
    keys = sorted(names)
    for i, a in enumerate(keys):
        for b in keys[i + 1:]:
            sa, sb = names[a][0], names[b][0]
            if sa.assumptions0 == sb.assumptions0:
                edits = [fixes.name_replaced(source, *fixes.span(n), braced(n, b)) for n in names[a][1]]
                edits += [fixes.name_replaced(source, *fixes.span(n), braced(n, a)) for n in names[b][1]]
                yield make("swap", edits)
    for node in tree.iter_subtrees_topdown():
        if node.data in ("app", "fnrun") and node.children[0].value in ("\\log", "\\ln") and not (
                isinstance(node.children[1], Tree) and node.children[1].data == "fnsub"):
            func = node.children[0]
            yield make("log-base", [fixes.Edit(func.start_pos, func.end_pos, "\\log_{2}")])


def _has_value(builder: Builder, term) -> bool:
    """Whether the term reads as an expression: not a law's name (`p` in H(p)) nor anything else that
    only an operator around it gives a value."""
    try:
        value = builder.build(term)
        return isinstance(builder.group_value(value) if isinstance(value, Group) else value, sympy.Expr)
    except (ReadError, TypeError, ValueError, ArithmeticError, RecursionError):
        return False


def _symbol_nodes(tree: Tree, loaded: LoadedNote) -> dict:
    """Declared non-integer scalars written in the member, with every node that writes them; a name
    written with a subscript (`x_m`) is one name: the `x` inside it is not written on its own."""
    found: dict[str, tuple] = {}

    def visit(node) -> None:
        if not isinstance(node, Tree):
            return
        if node.data in ("word", "command", "accent", "font", "subscript"):
            key = canonical(node)
            meaning = loaded.context.table.lookup(key)
            if isinstance(meaning, Scalar) and not meaning.symbol.is_integer:
                found.setdefault(key, (meaning.symbol, []))[1].append(node)
                return
        for child in node.children:
            visit(child)

    visit(tree)
    return found


def load_mutant(mutant: Mutant, original: LoadedNote, index: int) -> LoadedNote | None:
    """The mutated note, read with its front matter; only the mutated claim is kept."""
    loaded = load_text(mutant.path, mutant.text, joined=True)  # a notebook's is its cells' text, a LaTeX file's inlined
    if loaded.fatal or index >= len(loaded.claims) or loaded.claims[index].reading is None:
        return None
    return replace(loaded, claims=[loaded.claims[index]], findings=[])


def equivalent(original: LoadedNote, index: int, mutated: LoadedNote, budget: float) -> bool:
    """A mutant that provably keeps the member's value is no slip at all."""
    reference = Reference(original.claims[index].scope_table or original.context.table)
    old = original.claims[index].reading.members[-1].value
    new = mutated.claims[0].reading.members[-1].value
    try:
        with time_budget(budget):
            return prove("=", reference.expand(old), reference.expand(new), set())[0]
    except (NotDerivable, BudgetExceeded, TypeError, ValueError):
        return False


def campaign(notes: list[LoadedNote], options: Options, jobs: int) -> tuple[list, list[Outcome]]:
    """(results of the unmutated notes, outcome of every mutant)."""
    originals = check_notes(notes, options, jobs)
    pending: list[tuple[Mutant, LoadedNote]] = []
    outcomes: list[Outcome] = []
    for loaded, result in zip(notes, originals):
        for claim in result.claims:
            index = loaded.claims.index(claim.read)
            if claim.verdict not in (VERIFIED, CONSISTENT) or claim.claim.directive("defines") \
                    or claim.reading.relations[-1] != "=":
                continue  # a changed side of an inequality or of \equiv may well stay true
            for mutant in mutants(loaded, index):
                mutated = load_mutant(mutant, loaded, index)
                if mutated is None:  # a fault of the generator, counted and listed, never dropped
                    outcomes.append(Outcome(mutant, False, UNREAD, None))
                    continue
                if equivalent(loaded, index, mutated, options.budget):
                    outcomes.append(Outcome(mutant, True, VERIFIED, None))
                else:
                    pending.append((mutant, mutated))
    checked = check_notes([m for _, m in pending], options, jobs)
    for (mutant, _), result in zip(pending, checked):
        claim = result.claims[0]
        kinds = [f.kind for f in claim.findings if f.kind is not None]
        # A mutated claim that is proved (the Beta entropy is symmetric in a and b) kept its value.
        outcomes.append(Outcome(mutant, claim.verdict == VERIFIED, claim.verdict, kinds[0] if kinds else None))
    return originals, outcomes


@dataclass(frozen=True)
class Figures:
    """What the campaign measured: catches, right kinds and false alarms, per operator too."""

    claims: int
    mutants: int
    equivalent: int
    caught: int
    missed: int
    right_kind: int
    false_alarms: int
    by_operator: dict[str, tuple[int, int, int]]  # operator -> (value-changing, caught, right kind)
    misses: list[Outcome]
    wrong_kinds: list[Outcome]
    unread: list[Outcome]


def summary(originals, outcomes: list[Outcome]) -> Figures:
    live = [o for o in outcomes if not o.equivalent and o.verdict != UNREAD]
    by_operator: dict[str, tuple[int, int, int]] = {}
    for o in live:
        n, c, k = by_operator.get(o.mutant.operator, (0, 0, 0))
        by_operator[o.mutant.operator] = (n + 1, c + o.caught, k + (o.caught and o.right_kind))
    claims = [c for r in originals for c in r.claims]
    false_alarms = sum(1 for c in claims if c.verdict == REFUTED and not c.expected_refuted)
    return Figures(
        claims=sum(1 for c in claims if c.verdict in (VERIFIED, CONSISTENT)),
        mutants=len(outcomes), equivalent=sum(o.equivalent for o in outcomes),
        caught=sum(o.caught for o in live), missed=sum(not o.caught for o in live),
        right_kind=sum(o.caught and o.right_kind for o in live), false_alarms=false_alarms,
        by_operator=dict(sorted(by_operator.items())),
        misses=[o for o in live if not o.caught],
        wrong_kinds=[o for o in live if o.caught and not o.right_kind],
        unread=[o for o in outcomes if o.verdict == UNREAD],
    )
