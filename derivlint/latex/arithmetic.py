"""Arithmetic as a note writes it: numbers kept as written, sums not distributed, sizes bounded."""
from __future__ import annotations

import math

import sympy

from .errors import ReadError

MAX_DERIVATIVE_ORDER = 10  # higher orders are no slip a derivation note makes; SymPy's cost grows fast
MAX_EVALUATED_DIGITS = 10_000  # SymPy computes 2^(2^40) at once, in C, past any budget


def power(base: sympy.Expr, exponent: sympy.Expr, at: int = 0) -> sympy.Expr:
    if base.is_Number and exponent.is_Integer and abs(base) > 1 and \
            abs(exponent) * math.log10(float(abs(base))) > MAX_EVALUATED_DIGITS:
        raise ReadError("V109", at, problem=f"{base}^{exponent} has more than {MAX_EVALUATED_DIGITS} digits")
    return sympy.Pow(base, exponent)


def factorial(value: sympy.Expr, at: int = 0) -> sympy.Expr:
    if value.is_Integer and value > MAX_EVALUATED_DIGITS:
        raise ReadError("V109", at, problem=f"{value}! has more than {MAX_EVALUATED_DIGITS} digits")
    return sympy.factorial(value)


def product(*factors: sympy.Expr) -> sympy.Expr:
    """Numbers multiplied in the note stay as written (3*32*32), so readings show the arithmetic."""
    flat = [a for f in factors for a in (f.args if f.is_Mul and all(x.is_Integer for x in f.args) else (f,))]
    if len(flat) > 1 and all(f.is_Integer for f in flat):
        return sympy.Mul(*flat, evaluate=False)
    return undistributed(factors)


def quotient(numerator: sympy.Expr, denominator: sympy.Expr) -> sympy.Expr:
    """`\\frac{x + y}{2}` stays (x + y)/2 as written, instead of x/2 + y/2."""
    return undistributed((numerator, sympy.Pow(denominator, -1)))


def undistributed(factors) -> sympy.Expr:
    """The product SymPy builds, except that a number times a sum stays a product: `3(e + \\pi)`.

    SymPy would expand 2*(x + y) into 2x + 2y. Its `distribute(False)` switch prevents that, but
    every switch clears SymPy's whole cache, and reading a note switched it hundreds of times:
    checking then ran with cold caches, several times slower.
    """
    flat = [a for f in factors for a in (f.args if f.is_Mul else (f,))]
    coeff = sympy.Mul(*[f for f in flat if f.is_Number])
    rest = sympy.Mul(*[f for f in flat if not f.is_Number])
    inner, rest = rest.as_coeff_Mul()
    coeff *= inner
    if rest.is_Add and coeff.is_finite and coeff not in (sympy.S.Zero, sympy.S.One):
        return sympy.Mul(coeff, rest, evaluate=False)
    return coeff * rest
