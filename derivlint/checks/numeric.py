"""Fast numeric evaluation of SymPy trees over numpy arrays, and sums unrolled at concrete bounds."""
from __future__ import annotations

import math
from typing import Any, Callable

import numpy as np
import sympy
from sympy.core.function import AppliedUndef

from ..model.matrices import SIZED, explicit
from .budget import BudgetExceeded

MAX_UNROLL = 10_000  # longer sums are left to SymPy rather than unrolled term by term


class Unsupported(Exception):
    """A node the evaluator has no rule for; the caller falls back to lambdify."""


class MissingValue(Exception):
    """An atom with no value at the points: the expression has no value there."""


def unroll(expr):
    """Sums and products with integer bounds written out term by term (much faster than doit), and
    matrices of a numeric size entry by entry."""
    if not isinstance(expr, sympy.Basic) or not expr.args:
        return expr
    if isinstance(expr, SIZED):  # a declared matrix, or a scalar made of matrices, at a numeric size: its entries
        written = explicit(expr)
        if written is not None:
            return written  # entries and components only: nothing left to unroll
    if isinstance(expr, (sympy.Sum, sympy.Product)) and len(expr.limits) > 1:  # the innermost first
        inner = unroll(expr.func(expr.function, expr.limits[0]))
        if inner.has(sympy.Sum, sympy.Product):
            return expr  # a range with no numeric bounds: SymPy would merge the two again
        return unroll(expr.func(inner, *expr.limits[1:]))
    if isinstance(expr, (sympy.Sum, sympy.Product)) and len(expr.limits) == 1:
        (index, lower, upper), = expr.limits
        if lower.is_Integer and upper.is_Integer and upper - lower < MAX_UNROLL:
            body = unroll(expr.function)
            terms = [body.xreplace({index: sympy.Integer(k)}) for k in range(int(lower), int(upper) + 1)]
            return sympy.Add(*terms) if isinstance(expr, sympy.Sum) else sympy.Mul(*terms)
    if isinstance(expr, (sympy.Indexed, sympy.IndexedBase)):
        return expr
    args = [unroll(a) for a in expr.args]
    return expr.func(*args) if args != list(expr.args) else expr


_FUNCTIONS: dict[type, Callable] = {
    sympy.exp: np.exp, sympy.log: np.log, sympy.sin: np.sin, sympy.cos: np.cos, sympy.tan: np.tan,
    sympy.sinh: np.sinh, sympy.cosh: np.cosh, sympy.tanh: np.tanh, sympy.Abs: np.abs,
    sympy.asin: np.arcsin, sympy.acos: np.arccos, sympy.atan: np.arctan,
    sympy.asinh: np.arcsinh, sympy.acosh: np.arccosh, sympy.atanh: np.arctanh,
}


def _special(kind: type) -> Callable | None:
    """scipy.special's version of a special function the families' closed forms use (digamma...)."""
    names = {sympy.gamma: "gamma", sympy.loggamma: "gammaln", sympy.digamma: "digamma",
             sympy.polygamma: "polygamma", sympy.beta: "beta", sympy.erf: "erf", sympy.erfc: "erfc"}
    if kind not in names:
        return None
    import scipy.special  # lighter than scipy.stats; only when such a function is evaluated
    return getattr(scipy.special, names[kind])


def _real(values, expr):
    """scipy.special's digamma, polygamma, gammaln take real input: an imaginary part is Unsupported."""
    if np.iscomplexobj(values):
        if np.any(np.imag(values) != 0):
            raise Unsupported(type(expr).__name__)
        return np.real(values)
    return values


def _principal(values):
    """A complex value whose imaginary part is a signed zero, made +0: arithmetic leaves -0.0 behind
    (a/b for b < 0), and log and roots would then take the branch below the cut, not the principal one
    (log(-1) = +i pi, as mpmath and SymPy take it). -0.0 + 0.0 is +0.0 in IEEE arithmetic."""
    return values + 0.0 if np.iscomplexobj(values) else values


def evaluate(expr, env: dict[Any, np.ndarray], calls: dict[str, Callable] | None = None):
    """expr at the values in env (atoms -> arrays); raises Unsupported for unknown nodes."""
    if expr in env:
        return env[expr]
    if isinstance(expr, (sympy.Symbol, sympy.Indexed)):
        raise MissingValue(str(expr))
    if expr.is_Number or expr.is_NumberSymbol:
        return float(expr)
    if expr is sympy.zoo:  # 1/0 at this point: no value (lambdify would say the same, 0.1 s later)
        return math.nan
    if expr.is_Add:
        total = 0.0
        for a in expr.args:
            total = total + evaluate(a, env, calls)
        return total
    if expr.is_Mul:
        total = 1.0
        for a in expr.args:
            total = total * evaluate(a, env, calls)
        return total
    if expr.is_Pow:
        base, power = evaluate(expr.base, env, calls), evaluate(expr.exp, env, calls)
        base = np.asarray(base)
        if base.dtype.kind in "iub":  # integer arrays refuse negative powers
            base = base.astype(float)
        return np.power(_principal(base), power)
    function = _FUNCTIONS.get(type(expr))
    if function is not None:
        argument = evaluate(expr.args[0], env, calls)
        return function(_principal(argument) if type(expr) is sympy.log else argument)
    if isinstance(expr, AppliedUndef) and calls and expr.func.__name__ in calls:
        return calls[expr.func.__name__](*(evaluate(a, env, calls) for a in expr.args))
    if isinstance(expr, sympy.factorial):
        from scipy.special import gamma
        return gamma(evaluate(expr.args[0], env, calls) + 1)
    special = _special(type(expr))
    if special is not None:
        return special(*(_real(evaluate(a, env, calls), expr) for a in expr.args))
    raise Unsupported(type(expr).__name__)


def evaluate_many(expr, atoms: list, columns: list[np.ndarray], calls: dict | None = None,
                  count: int | None = None, complex_values: bool = False) -> np.ndarray:
    """Values at many points at once; nan where a value is undefined (or, unless asked, not real)."""
    n = count if count is not None else (len(columns[0]) if columns else 1)
    if complex_values:
        columns = [np.asarray(c, dtype=complex) for c in columns]
    with np.errstate(all="ignore"):
        try:
            values = evaluate(expr, dict(zip(atoms, columns)), calls)
        except MissingValue:
            return np.full(n, math.nan)
        except Unsupported:
            stand_ins = [sympy.Dummy(f"a{i}") for i in range(len(atoms))]
            body = expr.xreplace(dict(zip(atoms, stand_ins)))
            if body.free_symbols - set(stand_ins) or body.atoms(sympy.Indexed):
                # lambdify writes Python source: only our stand-ins, never a name from a note
                return np.full(n, math.nan)
            try:
                values = sympy.lambdify(stand_ins, body, modules=[calls or {}, "numpy"])(*columns)
            except BudgetExceeded:  # the budget's one alarm: swallowed here, nothing would stop the check
                raise
            except Exception:  # noqa: BLE001  lambdify fails in many ways; each means "no value here"
                return np.full(n, math.nan)
    values = np.broadcast_to(np.asarray(values, dtype=complex), (n,))
    if complex_values:
        return values.copy()
    real = values.real.copy()
    real[np.abs(values.imag) > 1e-12 * (1 + np.abs(values.real))] = math.nan
    return real
