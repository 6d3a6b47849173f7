"""E[g(X)] by linearity: constant factors out, each remaining factor looked up in the family's table."""
from __future__ import annotations

from typing import Callable

import sympy

from ..registry import NotDerivable


def by_linearity(g: sympy.Expr, x: sympy.Symbol, factor_mean: Callable[[sympy.Expr], sympy.Expr]) -> sympy.Expr:
    """Sum over the terms of expand(g) of coefficient * E[factor]; factor_mean raises NotDerivable."""
    total = sympy.Integer(0)
    for term in sympy.Add.make_args(sympy.expand(g)):
        coefficient, factor = term.as_independent(x, as_Add=False)
        total += coefficient if factor == 1 else coefficient * factor_mean(factor)
    return total


def power_of(factor: sympy.Expr, x: sympy.Symbol) -> int | None:
    """n when the factor is x^n with n a positive integer, else None."""
    if factor == x:
        return 1
    if factor.is_Pow and factor.base == x and factor.exp.is_Integer and factor.exp > 0:
        return int(factor.exp)
    return None


def moments_only(moment: Callable[[int], sympy.Expr], x: sympy.Symbol, family: str) -> Callable:
    """A factor_mean that knows the moments E[X^n] and nothing else."""
    def factor_mean(factor):
        n = power_of(factor, x)
        if n is None:
            raise NotDerivable(f"no closed form for E[{factor}] under the {family} family")
        return moment(n)
    return factor_mean


def finite_sum(g: sympy.Expr, x: sympy.Symbol, masses: list[tuple[sympy.Expr, sympy.Expr]]) -> sympy.Expr:
    """E[g(X)] = sum of P(X = k) g(k) over a finite support given as (k, P(X = k)) pairs."""
    return sympy.Add(*(mass * g.xreplace({x: k}) for k, mass in masses))


def with_support(g: sympy.Expr, x: sympy.Symbol, **assumptions) -> tuple[sympy.Expr, sympy.Symbol]:
    """g in a fresh variable carrying what the support says (positive, integer...), so logs expand."""
    y = sympy.Dummy(x.name, **assumptions)
    return g.xreplace({x: y}), y


def finite_where(closed: sympy.Expr, margin: sympy.Expr) -> sympy.Expr:
    """A positive integrand's mean that exists only where `margin` > 0 (alpha - r for a Pareto's E[X^r]):
    `closed` there and +oo elsewhere, as the assumptions decide it, else the Piecewise the points compare."""
    if margin.is_positive:
        return closed
    if margin.is_nonpositive:
        return sympy.oo
    return sympy.Piecewise((closed, margin > 0), (sympy.oo, True))
