"""Values at high precision: exact or to many digits, a gap to certified digits, an infinite side."""
from __future__ import annotations

import sympy
from sympy.core.evalf import PrecisionExhausted

CONFIRM_DIGITS = 50
FLOAT_TOLERANCE = 1e-8  # double precision after the cancellation of moderate sums: a hint, never a verdict
INFINITE_PROXY = 1e300  # an exact infinity compared as this number: beyond every finite value a check meets


def infinite_side(concrete, points: list[dict], holds) -> bool | None:
    """A side exactly infinite at the points (a divergent integral, log of one) against a finite one:
    whether the relation holds in the extended reals (infinity = finite fails, finite <= infinity
    holds); None when a value is undefined, complex or only overflowed."""
    sides = []
    for expr in concrete:
        values = []
        for point in points:
            value = _evalf(_at(expr, point), CONFIRM_DIGITS)
            if value is None:
                return None
            if value in (sympy.oo, -sympy.oo):
                values.append(INFINITE_PROXY if value == sympy.oo else -INFINITE_PROXY)
            elif value.is_number and value.is_real and value.is_finite:
                values.append(float(value))
            else:
                return None
        sides.append(values)
    if not any(abs(v) == INFINITE_PROXY for v in sides[0] + sides[1]):
        return None  # infinite only in floating point: an overflow, not a divergence
    return bool(holds(sides[0], sides[1], FLOAT_TOLERANCE))


def pole_against_value(concrete, points: list[dict]) -> bool:
    """One side has no value at the setting's integers (a pole: Gamma(0), 1/(n - 1) at n = 1) where the
    other has a finite one. Every integer the domain admits is an instance of the claim, so the claim fails
    there; a real point where a side is undefined is skipped instead (a claim holds where it is defined).
    A pole times zero (nan: (n - 1) Gamma(n - 1) at n = 1) is no value either way and decides nothing."""
    poles = [e.has(sympy.zoo) for e in concrete]
    if poles[0] == poles[1]:
        return False
    pole, finite = (concrete[0], concrete[1]) if poles[0] else (concrete[1], concrete[0])
    for point in points:
        if _at(pole, point) is not sympy.zoo:
            return False
        value = _evalf(_at(finite, point), CONFIRM_DIGITS)
        if value is None or not (value.is_number and value.is_real and value.is_finite):
            return False
    return True


def exact_value(expr: sympy.Expr, point: dict, digits: int = CONFIRM_DIGITS) -> sympy.Expr | None:
    """The value at 50 digits (or `digits`), complex if it must be; None where it is undefined or infinite."""
    value = _evalf(_at(expr, point), digits)
    if value is None or not value.is_number or value.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo, sympy.Sum, sympy.Product,
                                        sympy.Integral):
        return None  # a sum or an integral evalf leaves whole is no number to compare
    return value


# A gap is certified when evalf gives CERTIFIED_DIGITS of it (it raises where it cannot tell the gap from 0,
# as for an exact zero, climbing to CERTIFIED_MAXN digits of working precision first), and the same value
# again at twice the digits: a value evalf misjudges would move between the two precisions.
CERTIFIED_DIGITS = 15
CERTIFIED_MAXN = 400
CERTIFIED_AGREEMENT = 1e-10  # relative: the two evaluations of a real gap share at least ten digits


def certified_gap(left: sympy.Expr, right: sympy.Expr, point: dict) -> sympy.Expr | None:
    """left - right at the point, exact or to certified digits; None when it may be 0 or is not real."""
    gap = _at(left - right, point)
    if gap is None:
        return None
    if gap.is_Rational:
        return gap
    try:
        once = gap.evalf(CERTIFIED_DIGITS, strict=True, maxn=CERTIFIED_MAXN)
        twice = gap.evalf(2 * CERTIFIED_DIGITS, strict=True, maxn=2 * CERTIFIED_MAXN)
    except (PrecisionExhausted, ZeroDivisionError, ArithmeticError, ValueError, TypeError):
        return None
    if not (once.is_Float and twice.is_Float) or once == 0 or twice == 0:
        return None
    if abs(once - twice) > CERTIFIED_AGREEMENT * abs(twice):
        return None
    return twice


def differ(a, b) -> bool:
    """Two real values at high precision that are not the same number."""
    return bool(a.is_real and b.is_real and a != b)


def _at(expr: sympy.Expr, point: dict):
    """expr at the point; None where SymPy cannot substitute (a derivative left whole, with respect to a
    symbol the point gives a number: `Derivative(E[f_theta], theta)` at theta = 1.71 is no expression)."""
    try:
        return expr.xreplace(point)
    except ValueError:
        return None


def _evalf(expr: sympy.Expr, digits: int):
    """expr at `digits` digits; None where there is no expr or mpmath itself fails (a zero divisor that log(1 + e^{-259}) leaves)."""
    if expr is None:
        return None
    try:
        return expr.evalf(digits)
    except (ZeroDivisionError, ArithmeticError, ValueError, TypeError):
        return None
