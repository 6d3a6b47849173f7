"""Relations: what each one means at a point, and how it is proved symbolically."""
from __future__ import annotations

from typing import Callable

import sympy

from ..model.atoms import names_used, non_integer_vectors, scalar_values
from .optima import same_optimum
from .normal_form import closed_series, is_zero, log_form, normal_form, usual_convention

EQUALITIES = ("=",)
UP_TO_CONSTANT = ("\\equiv", "\\propto")
APPROXIMATELY = "\\approx"  # read in a chain, never decided: a link to it, or through it, is unchecked
ORDERS = {"\\le": "le", "<": "lt", "\\ge": "ge", ">": "gt"}


def _close(a, b, tol) -> bool:
    return abs(a - b) <= tol * (1 + abs(a) + abs(b))


def holds(relation: str, strict: bool = True) -> Callable:
    """A test of the relation on values at one point (or a pair of points for \\equiv and \\propto).

    `<` and `>` are strict: sides equal within the tolerance do not pass (`s < s` is false). A check
    too coarse to tell a tie from a small gap (quadrature, to 1e-6) asks with strict=False.
    """
    if relation == "=":
        return lambda l, r, tol: _close(l[0], r[0], tol)
    if relation == "\\equiv":
        return lambda l, r, tol: _close(l[0] - r[0], l[1] - r[1], tol)
    if relation == "\\propto":
        return lambda l, r, tol: r[0] == 0 or r[1] == 0 or _close(l[0] / r[0], l[1] / r[1], tol)
    slack = lambda l, r, tol: tol * (1 + abs(l[0]) + abs(r[0]))  # equality at a point is not a violation
    if strict and relation == "<":
        return lambda l, r, tol: l[0] < r[0] - slack(l, r, tol)
    if strict and relation == ">":
        return lambda l, r, tol: l[0] - slack(l, r, tol) > r[0]
    if relation in ("\\le", "<"):
        return lambda l, r, tol: l[0] <= r[0] + slack(l, r, tol)
    return lambda l, r, tol: l[0] + slack(l, r, tol) >= r[0]


def pairs(relation: str) -> bool:
    return relation in UP_TO_CONSTANT


def prove(relation: str, left: sympy.Expr, right: sympy.Expr, parameters: set) -> tuple[bool, str]:
    """(proved, how): a proof under the declared assumptions, or False when none was found."""
    left, right = (closed_series(usual_convention(e)) for e in (left, right))
    if relation == "=" and (optimum := same_optimum(left, right)) is not None:
        return optimum
    if relation == "=":
        return _prove_equal(left, right)
    if relation == "\\equiv":
        form = normal_form(left - right)
        return _free_of(form, parameters), "the difference depends on no parameter"
    if relation == "\\propto":
        ll, lr = log_form(left), log_form(right)
        if ll is None or lr is None:
            return False, "proportionality is proved only between positive products"
        return _free_of(normal_form(ll - lr), parameters), "the ratio depends on no parameter"
    gap = normal_form(right - left) if relation in ("\\le", "<") else normal_form(left - right)
    proved = gap.is_positive if relation in ("<", ">") else gap.is_nonnegative
    return bool(proved), "the difference has a sign under the assumptions"


def _prove_equal(left, right) -> tuple[bool, str]:
    if not (left.has(sympy.exp, sympy.Product) or right.has(sympy.exp, sympy.Product)):
        return is_zero(left - right), "the difference reduces to zero"
    ll, lr = log_form(left), log_form(right)
    if ll is not None and lr is not None and is_zero(ll - lr):
        return True, "the logarithms of both sides are equal"
    return is_zero(left - right), "the difference reduces to zero"


def _free_of(form: sympy.Expr, parameters: set) -> bool:
    return not (names_used(form) & parameters)


def default_parameters(exprs: list[sympy.Expr]) -> set:
    """By default every non-integer symbol, scalar or vector, is a parameter."""
    return scalar_values(exprs) | non_integer_vectors(exprs)
