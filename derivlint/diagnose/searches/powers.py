"""A root or an exponent written where none was meant, or missing, or halved or doubled (`power`)."""
from __future__ import annotations

import sympy
from lark import Tree

from .. import fixes
from ..diagnosis import Diagnosis
from ..trees import additive_terms
from ..workbench import Workbench
from ...latex.build import Builder, canonical
from ...latex.errors import ReadError
from ...model.names import NameTable, Scalar


def removed_powers(bench: Workbench) -> Diagnosis | None:
    """A root or an exponent written where none was meant: deleting it is the smallest edit, tried
    before a substitution would rewrite the symbol under it (`\\sqrt{x}` -> `\\sqrt{x^2}`)."""
    return powers(bench, removals=True)


def added_powers(bench: Workbench) -> Diagnosis | None:
    """A root or an exponent the author did not write, or a written exponent halved or doubled."""
    return powers(bench, removals=False)


def powers(bench: Workbench, tree=None, removals: bool | None = None) -> Diagnosis | None:
    """A power slip on one occurrence: x^2 where x was meant, sqrt(x) for x, x for x^2; `removals`
    True or False keeps only the edits that delete, or only those that write, a root or exponent."""
    located = bench.located
    for node in (tree if tree is not None else located.tree).iter_subtrees_topdown():
        for target, transform, edit, removal in _power_candidates(bench, node):
            if removals is not None and removal != removals:
                continue
            if bench.holds(bench.rebuilt({id(target): transform})):
                return Diagnosis("power", located.text(node), located.at(node), bench.fix([edit]))
    return None


# The shapes of a product of names and numbers written without a power: `\\frac{\\pi\\beta}{12\\sigma}`.
_PRODUCT = {"juxt", "frac", "brace_arg", "number", "word", "command"}


def product_powers(bench: Workbench) -> Diagnosis | None:
    """Every name of one product squared (or rooted), its numbers kept: torch's first Gumbel KL wrote
    `\\frac{\\pi\\beta}{12\\sigma}` for `\\frac{\\pi^2\\beta^2}{12\\sigma^2}`. One edit of the term, after the
    edits of one name: the term should be squared."""
    located = bench.located
    for term in [t for t, _ in additive_terms(located.tree)] + [located.tree]:
        if not isinstance(term, Tree) or any(n.data not in _PRODUCT for n in term.iter_subtrees()):
            continue
        names = [n for n in term.iter_subtrees_topdown() if n.data in ("word", "command")]
        if len(names) < 2:
            continue  # one name's power is added_powers' edit
        for power, transform, shown in (("squared", lambda v: v ** 2, "{}^2"), ("a square root", sympy.sqrt, "\\sqrt{{{}}}")):
            if bench.holds(bench.rebuilt({id(n): transform for n in names})):
                edits = [bench.name_edit(*fixes.span(n), shown.format(located.text(n)), compound=True) for n in names]
                return Diagnosis("power", located.text(term), located.at(term), bench.fix(edits), (("should", power),))
    return None


def unwritten_power(bench: Workbench, term) -> Diagnosis | None:
    """Rescaling a term that has no written coefficient inserts a number the author never wrote
    (`\\log\\sqrt{x}` -> `2\\log\\sqrt{x}`); when deleting a root or an exponent written inside the
    term restores equality, that edit of the author's own text is the slip."""
    if fixes.leading_coefficient(term) is not None or not isinstance(term, Tree):
        return None
    return powers(bench, term, removals=True)


def _power_candidates(bench: Workbench, node):
    """(node whose value changes, how, the text edit, whether the edit deletes a written power):
    the exponent itself when one is written."""
    text = bench.located.text
    if node.data == "superscript":
        base, exponent = node.children[0], node.children[2]
        value = _literal(bench, exponent)
        if value is None:
            return
        for scale in (sympy.Rational(1, 2), sympy.Integer(2)):
            new = value * scale
            shown = text(base) if new == 1 else f"{text(base)}^{{{fixes.rational_latex(new) or 1}}}"
            yield exponent, (lambda v, s=scale: v * s), fixes.Edit(*fixes.span(node), shown), new == 1
    elif node.data == "sqrt" and len(node.children) == 2:  # no index: \sqrt{x} where x was meant
        inner = text(node.children[1]).strip()
        inner = inner[1:-1] if inner.startswith("{") and inner.endswith("}") else inner
        yield node, (lambda v: v ** 2), fixes.Edit(*fixes.span(node), inner), True
    elif node.data in ("word", "command", "accent") and _positive_scalar(bench.table, node):
        yield node, (lambda v: v ** 2), bench.name_edit(*fixes.span(node), f"{text(node)}^2", compound=True), False
        yield node, (lambda v: sympy.sqrt(v)), fixes.Edit(*fixes.span(node), f"\\sqrt{{{text(node)}}}"), False


def _literal(bench: Workbench, node):
    """A written exponent's value when it is a plain number, else None."""
    try:
        value = Builder(bench.table, bench.overrides).expr(node)
    except (ReadError, TypeError, ValueError):
        return None
    return value if value.is_Rational else None


def _positive_scalar(table: NameTable, node) -> bool:
    """A positive real parameter; integers are dimensions and counts, not slips of power."""
    meaning = table.lookup(canonical(node))
    return isinstance(meaning, Scalar) and bool(meaning.symbol.is_positive) and not meaning.symbol.is_integer
