"""Supports: where a law's density lives, and whether one law's support holds another's."""
from __future__ import annotations

import sympy

from ..model.quantities import DensityAt
from .laws import LawView
from .registry import NotDerivable


def outside_support(point, model, parameters) -> bool:
    """A number provably outside the law's support (below, above, or not an integer for a mass)."""
    if not (isinstance(point, sympy.Expr) and point.is_number and point.is_real):
        return False
    lo, hi = model.support(*parameters)
    below, above = sympy.Lt(point, lo) if lo != -sympy.oo else False, sympy.Gt(point, hi) if hi != sympy.oo else False
    return below is sympy.true or above is sympy.true or (model.discrete and point.is_integer is False)


def support_within(p: LawView, q: LawView) -> None:
    """KL(p || q) is finite only when q's support holds p's: raises NotDerivable unless provable."""
    if p.model.discrete != q.model.discrete:
        raise NotDerivable("a KL divergence between a discrete and a continuous law")
    k = None if p.dimension is None else sympy.Dummy("k", integer=True, positive=True)
    (lo_p, hi_p), (lo_q, hi_q) = component_support(p, k), component_support(q, k)
    if not (_at_most(lo_q, lo_p) and _at_most(hi_p, hi_q)):
        raise NotDerivable(f"the support of the second law may not hold the first one's "
                           f"(({lo_p}, {hi_p}) within ({lo_q}, {hi_q})?): the KL may be infinite")


def component_support(view: LawView, k):
    """One component's support; a joint law's is the same for every component (the real line of a Normal)."""
    if view.matrix:
        return view.model.support(*view.law.family.params)
    return view.model.support(*(view.joint_parameters() if view.joint else view.component(k)))


def _at_most(a, b) -> bool:
    """a <= b provably: equal, an infinite end, or a difference SymPy sees as nonnegative."""
    if a == b or a == -sympy.oo or b == sympy.oo:
        return True
    return bool(sympy.factor_terms(sympy.together(b - a)).is_nonnegative)


def densities_within(view_of_law, body, view: LawView) -> None:
    """E_q[\\log f(x)] (or of f(x)) is the formula's continuation only where f's support holds q's: an
    Exponential's log density under a Normal is -infinity on half the line. Raises NotDerivable unless
    every other law's density at the variable provably lives wherever q does."""
    if not isinstance(body, sympy.Basic):
        return
    for density in body.atoms(DensityAt):
        law = density.distribution
        if density.point != view.variable or law == view.law:
            continue  # (a law declared on another variable but evaluated at this one is checked too)
        try:
            other = view_of_law(law)
        except NotDerivable:
            raise
        except Exception as why:  # a law no view can be made of: its support cannot be told
            raise NotDerivable(f"the support of {law.label or law} cannot be told: {why}") from None
        try:
            support_within(view, other)
        except NotDerivable:
            raise NotDerivable(f"the density of {law.label or law} vanishes where {view.law.label or view.law} "
                               "may put mass: the expectation may be infinite") from None
