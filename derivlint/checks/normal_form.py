"""A canonical form for sums over symbolic bounds: merge sums with equal limits, split constants out."""
from __future__ import annotations

from collections import defaultdict

import sympy

INDEX = sympy.Symbol("_j", integer=True)  # every merged sum runs over this one index


def usual_convention(expr: sympy.Expr) -> sympy.Expr:
    """Sums and products whose range may be empty the other way round, as a note means them.

    SymPy follows Karr: `Sum(1, (i, 1, -1))` is -1 and `Product(2, (i, 3, 1))` is 1/2. A note means
    an empty sum (0) or product (1) whenever the upper bound is below the lower one. Where the
    assumptions do not settle that, the range is split on it, so a proof holds on both sides.
    """
    def guarded(e):
        (index, lower, upper), = e.limits
        count = upper - lower + 1
        if count.is_nonnegative:
            return e
        empty = sympy.Integer(0) if isinstance(e, sympy.Sum) else sympy.Integer(1)
        return empty if count.is_negative else sympy.Piecewise((e, count >= 0), (empty, True))

    return expr.replace(lambda e: isinstance(e, (sympy.Sum, sympy.Product)) and len(e.limits) == 1, guarded)


def closed_series(expr: sympy.Expr) -> sympy.Expr:
    """A series (a sum or product to infinity) by its closed form where SymPy finds one: the sum of
    2^{-n} from 0 is 2. A divergent one becomes oo (equal to no finite side); one SymPy cannot sum stays."""
    def close(e):
        value = e.doit()
        return e if value.has(sympy.Sum, sympy.Product) else value
    return expr.replace(lambda e: isinstance(e, (sympy.Sum, sympy.Product)) and len(e.limits) == 1
                        and e.limits[0][2] == sympy.oo, close)


def normal_form(expr: sympy.Expr) -> sympy.Expr:
    """An equal expression in which sums with the same limits are one sum with an expanded summand."""
    expr = sympy.expand_log(logs_of_products(expr), deep=True)
    expr = sympy.expand(expr)
    rest: list[sympy.Expr] = []
    by_limits: dict[tuple, list[sympy.Expr]] = defaultdict(list)
    for term in sympy.Add.make_args(expr):
        merged = _as_summand(term)
        if merged is None:
            rest.append(term)
        else:
            limits, summand = merged
            by_limits[limits].append(summand)
    for (lower, upper), summands in by_limits.items():
        body = sympy.expand(normal_form(sympy.Add(*summands)))
        dependent = [t for t in sympy.Add.make_args(body) if INDEX in t.free_symbols]
        constant = sympy.Add(*(t for t in sympy.Add.make_args(body) if INDEX not in t.free_symbols))
        # The usual convention: a sum over no index is 0 (SymPy's Karr convention would count
        # upper - lower + 1 terms even when that is negative: \sum_{i=1}^{n-2} 1 = n - 2 at n = 1).
        rest.append(constant * sympy.Max(0, upper - lower + 1))
        if dependent:
            rest.append(sympy.Sum(sympy.Add(*dependent), (INDEX, lower, upper)))
    return sympy.expand(sympy.Add(*rest))


def _as_summand(term: sympy.Expr):
    sums = [f for f in sympy.Mul.make_args(term) if isinstance(f, sympy.Sum)]
    if len(sums) != 1 or len(sums[0].limits) != 1:
        return None
    total = sums[0]
    (index, lower, upper), = total.limits
    coefficient = term / total
    if index in coefficient.free_symbols:
        return None
    return (lower, upper), coefficient * total.function.xreplace({index: INDEX})


def logs_of_products(expr: sympy.Expr) -> sympy.Expr:
    """log(prod f) = sum log f when every factor is positive."""
    def rewrite(e):
        inner = e.args[0]
        if isinstance(inner, sympy.Product) and inner.function.is_positive:
            return sympy.Sum(sympy.log(inner.function), *inner.limits)
        return e
    return expr.replace(lambda e: isinstance(e, sympy.log) and isinstance(e.args[0], sympy.Product), rewrite)


def log_form(expr: sympy.Expr) -> sympy.Expr | None:
    """log(expr) as a sum of simpler terms when expr is a product of provably positive factors."""
    if expr.is_Mul:
        parts = [log_form(f) for f in expr.args]
        return None if any(p is None for p in parts) else sympy.Add(*parts)
    if isinstance(expr, sympy.exp):
        return expr.args[0] if _is_real(expr.args[0]) else None
    if expr.is_Pow and expr.base.is_positive and expr.exp.is_real:
        inner = log_form(expr.base)
        return None if inner is None else expr.exp * inner
    if isinstance(expr, sympy.Product) and expr.function.is_positive:
        inner = log_form(expr.function)
        return None if inner is None else sympy.Sum(inner, *expr.limits)
    if expr.is_positive:
        return sympy.log(expr)
    return None


def _is_real(expr: sympy.Expr) -> bool:
    if expr.is_real:
        return True
    if isinstance(expr, sympy.Sum):
        return bool(expr.function.is_real)
    if expr.is_Add or expr.is_Mul:
        return all(_is_real(a) for a in expr.args)
    return False


def is_zero(expr: sympy.Expr) -> bool:
    """True only when the normal form is literally zero, or simplifies to zero term by term."""
    form = normal_form(expr)
    if form == 0:
        return True
    for term in _pieces(form):
        if plainly_nonzero(term) or sympy.simplify(term) != 0:
            return False
    return True


def plainly_nonzero(term: sympy.Expr) -> bool:
    """A nonzero polynomial in symbols, indexed symbols and their logarithms is no identity.

    Those generators are algebraically independent, so `simplify` could not reduce the term to
    zero: skipping it spares its cost (and its first call imports sympy.physics.units, 0.13 s).
    """
    stand_ins = {f: sympy.Dummy() for f in term.atoms(sympy.log) if isinstance(f.args[0], (sympy.Symbol, sympy.Indexed))}
    stand_ins.update({a: sympy.Dummy() for a in term.atoms(sympy.Indexed)})
    plain = term.xreplace(stand_ins)
    return plain.is_polynomial(*plain.free_symbols) and sympy.expand(plain) != 0


def _pieces(form: sympy.Expr) -> list[sympy.Expr]:
    """Each merged sum's summand, and the rest: all must vanish (sufficient, not necessary)."""
    sums = [t for t in sympy.Add.make_args(form) if isinstance(t, sympy.Sum)]
    rest = sympy.Add(*(t for t in sympy.Add.make_args(form) if not isinstance(t, sympy.Sum)))
    return [s.function for s in sums] + [rest]
