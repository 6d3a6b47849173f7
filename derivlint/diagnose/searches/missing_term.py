"""A term lost, from the whole side or inside a bracket, a fraction or an exponent (`missing-term`)."""
from __future__ import annotations

import numpy as np
import sympy
from sympy.polys.polyerrors import BasePolynomialError

from .. import fixes
from ..diagnosis import Diagnosis
from ..economy import readds
from ..fitting import common_ratios, secant
from ..trees import inner_places
from ..workbench import Workbench
from ...checks.budget import BudgetExceeded, time_budget
from ...checks.normal_form import normal_form
from ...semantics.registry import NotDerivable
from ...latex.printing import author_latex

MISSING_TERM_OPS = 8  # a lost term as long as this is plausible whatever the truth's own terms


def missing_term(bench: Workbench) -> Diagnosis | None:
    """The residual itself, when it reads as a term an author could have lost, appended to the side."""
    try:
        with time_budget(bench.budget):
            missing = sympy.simplify(normal_form(bench.truth - bench.claimed))
            if len(sympy.Add.make_args(missing)) > 2:  # a lost bracket: (mu^2 + sigma^2 - 1)/2 is one term
                missing = sympy.factor(missing)
            # a side that writes the truth's own terms leaves the lost one as SymPy's plain difference, shorter
            # than a normal form that splits the logs it cannot join back (`\theta\log\frac{\theta}{\phi}`)
            plain = sympy.expand(sympy.expand_log(bench.truth - bench.claimed, force=True))
            if sympy.count_ops(plain) < sympy.count_ops(missing):
                missing = plain
            # a term that changes one the member writes (`x - x + |x|`) is no lost term: it re-adds the residual
            if missing != 0 and readds(missing, bench.claimed):
                return None
    except (BudgetExceeded, BasePolynomialError, NotImplementedError, TypeError, ValueError):
        return None
    if len(sympy.Add.make_args(missing)) > 2 or missing == 0 or missing == -bench.claimed or not _readable(bench, missing):
        # (a term cancelling the whole side says only that the truth is 0: no term was lost)
        return None
    if bench.claimed == 0:  # `... = 0`: the whole member is what is missing, written in place of the 0
        latex = author_latex(missing, symbol_names=bench.symbol_names())
        edit = fixes.Edit(bench.located.lo, bench.located.hi, latex, latex)
    else:
        edit = fixes.append_term(bench.located.hi, missing, bench.symbol_names())
    return Diagnosis("missing-term", author_latex(missing, symbol_names=bench.symbol_names()),
                     bench.located.start, bench.fix([edit]))


def _readable(bench: Workbench, term: sympy.Expr) -> bool:
    """A term an author could have lost: finite, real where the truth is, and no longer than the truth
    itself (a residual such as `(-1)^x (...) e^{-x log(1 - theta)}` only restates that the sides differ)."""
    if term.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo) or (term.has(sympy.I) and not bench.truth.has(sympy.I)):
        return False
    return sympy.count_ops(term) <= max(MISSING_TERM_OPS, sympy.count_ops(bench.truth))


def nested_missing_term(bench: Workbench) -> Diagnosis | None:
    """A term missing inside a bracket, a fraction or an exponent (`\\log(-\\theta)` for
    `\\log(1 - \\theta)`), where it does not add to the member, within the link's budget."""
    try:
        with time_budget(bench.budget):
            places = inner_places(bench.located.tree)
            return next(filter(None, (_term_missing_at(bench, place) for place in places)), None)
    except BudgetExceeded:
        return None


def _term_missing_at(bench: Workbench, place) -> Diagnosis | None:
    """The term t that makes the member hold once added at `place`: solved for at every point
    (secant steps), matched with a rational multiple of 1, of a symbol, of its square or of a product
    of two, and the edit confirmed symbolically."""
    t = sympy.Dummy("t")
    try:
        placed = bench.reference.expand(bench.rebuilt({id(place): lambda v: v + t}))
    except NotDerivable:
        return None
    if t not in placed.free_symbols:
        return None
    solved = _solve_each_point(bench, placed, t)
    if solved is None:
        return None
    for monomial, values in bench.monomials:
        for factor in common_ratios(solved, values):
            term = factor * monomial
            if not bench.confirm(bench.rebuilt({id(place): lambda v, term=term: v + term})):
                continue
            edit = _placed_edit(bench, place, term)
            return Diagnosis("missing-term", author_latex(term, symbol_names=bench.symbol_names()),
                             bench.located.at(place), bench.fix([edit]))
    return None


def _placed_edit(bench: Workbench, place, term: sympy.Expr) -> fixes.Edit:
    """The term written at the place's end, or at its start where the place opens with a minus and the
    term does not (`-\\theta` -> `1 - \\theta`)."""
    lo, hi = fixes.span(place)
    opens_negative = bench.located.source[lo:hi].startswith("-") and not term.could_extract_minus_sign()
    return (fixes.prepend_term(lo, term, bench.symbol_names()) if opens_negative
            else fixes.append_term(hi, term, bench.symbol_names()))


def _solve_each_point(bench: Workbench, placed: sympy.Expr, t: sympy.Dummy) -> np.ndarray | None:
    """From each of a few starts (a row each), t at every point such that `placed` meets the truth,
    nan where the secant steps, kept inside the domain, do not converge; None when none does. A
    place under a square has two roots: the last rows look for a second one, either side of the first."""
    target = bench.truth_values

    def gap(given):
        return bench.sampler.values_with(placed, t, given) - target

    rows = [secant(gap, np.full_like(target, start), target) for start in (0.5, -0.5, 2.0)]
    first = next((r for r in rows if np.isfinite(r).any()), None)
    if first is None:
        return None
    with np.errstate(all="ignore"):
        rows += [secant(lambda given: gap(given) / (given - first), first + side, target) for side in (1.0, -2.0)]
    solved = np.array(rows)
    # A few points suffice to propose a term: the edit is then confirmed symbolically.
    return solved if np.isfinite(solved).any(axis=0).sum() >= 3 else None
