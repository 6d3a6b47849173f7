"""One written term to be replaced by a simpler one (`wrong-term`): `\\frac{1}{2\\sigma}` for `\\frac12`, x for |x|."""
from __future__ import annotations

import sympy
from sympy.polys.polyerrors import BasePolynomialError

from .. import fixes
from ..diagnosis import Diagnosis
from ..economy import rewrites_member
from ..trees import additive_terms
from ..workbench import Workbench
from ...checks.budget import BudgetExceeded, time_budget
from ...checks.normal_form import normal_form
from ...semantics.registry import NotDerivable
from ...latex.printing import author_latex

# A replacement an author could have meant is about as long as what was written: at most this many
# operations longer (x for |x|); a longer one only restates the truth, which the mismatch shows instead.
WRONG_TERM_OPS = 2


def wrong_term(bench: Workbench) -> Diagnosis | None:
    """A term t whose right value r, solved for with the other terms as written, is shorter than the
    residual r - t an appended term would add: then the author wrote t where r belongs, and appending
    r - t (`x - x + |x|`, `\\frac{1}{2\\sigma} + \\frac{\\sigma - 1}{2\\sigma}`) would only re-add the residual."""
    try:
        with time_budget(bench.budget):
            tree = bench.located.tree
            terms = [term for term, _ in additive_terms(tree)] or [tree]  # a member of one term is that term
            for term in terms:
                found = _replacement(bench, term, whole=term is tree)
                if found is not None:
                    return found
    except BudgetExceeded:
        return None
    return None


def _replacement(bench: Workbench, term, whole: bool) -> Diagnosis | None:
    """`whole`: the term is the whole member, whose replacement is then the truth itself: an edit of it only
    where it keeps what was written (x in |x|), else `3 should be \\log 8` merely restates the other side."""
    t = sympy.Dummy("t")
    written: list[sympy.Expr] = []
    try:
        placed = bench.reference.expand(bench.rebuilt({id(term): lambda v: written.append(v) or t}))
        gap = sympy.expand(placed - bench.truth)
        slope = gap.diff(t)
        if not written or t not in gap.free_symbols or slope.has(t) or slope == 0:
            return None
        right = sympy.simplify(normal_form(-(gap.xreplace({t: 0})) / slope))
        residual = sympy.simplify(normal_form(right - written[0]))
    except (NotDerivable, BasePolynomialError, NotImplementedError, TypeError, ValueError, ZeroDivisionError):
        return None
    # (a right value of 0 is a term to drop, which extra-term says, or a whole side that is 0: no edit)
    if residual == 0 or right == 0 or right.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo) or \
            sympy.count_ops(right) >= sympy.count_ops(residual) or \
            sympy.count_ops(right) > sympy.count_ops(written[0]) + WRONG_TERM_OPS:
        return None
    if whole and not (written[0].free_symbols and written[0].free_symbols <= right.free_symbols):
        return None
    names = bench.symbol_names()
    latex = author_latex(right, symbol_names=names)
    located = bench.located
    if not whole and rewrites_member(located.text(term), latex, located.text(located.tree)):
        return None  # the "term" is most of the member: its replacement restates the truth
    if not bench.confirm(bench.rebuilt({id(term): lambda v: right})):
        return None
    scaled = _scaled(bench, term, sympy.simplify(right / written[0]), written[0])
    if scaled is not None:
        return scaled
    start, end = fixes.span(term)
    new = f"\\left({latex}\\right)" if right.is_Add else latex
    edit = fixes.Edit(start, end, new, new)
    return Diagnosis("wrong-term", bench.located.text(term), bench.located.at(term), bench.fix([edit]),
                     (("replacement", latex),))


def _scaled(bench: Workbench, term, ratio: sympy.Expr, value: sympy.Expr) -> Diagnosis | None:
    """A right value that is the written term times a symbol or over one that the term does not hold
    (`\\log\\hat\\rho` for `\\rho\\log\\hat\\rho`): the term is off by that factor, and the fix writes the
    factor before it. A symbol the term holds changes its power (`\\frac{1}{2\\sigma}` for `\\frac12`): no factor."""
    base, exponent = ratio.as_base_exp()
    if not (isinstance(base, sympy.Symbol) and exponent in (1, -1)) or base in value.free_symbols:
        return None
    names = bench.symbol_names()
    factor = author_latex(ratio, symbol_names=names)
    start, end = fixes.span(term)
    written = bench.located.text(term)
    glue = " \\cdot " if written[:1].isdigit() else " "  # `\\rho \\cdot 2\\log x`, not `\\rho 2\\log x`
    new = f"{factor}{glue}{written}" if exponent > 0 else f"\\frac{{{written}}}{{{author_latex(1 / ratio, symbol_names=names)}}}"
    candidate = bench.rebuilt({id(term): lambda v: ratio * v})
    if not bench.confirm(candidate):
        return None
    return Diagnosis("factor", written, bench.located.at(term), bench.fix([fixes.Edit(start, end, new, new)]),
                     (("factor", factor),))
