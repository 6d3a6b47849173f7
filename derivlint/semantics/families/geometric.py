"""The Geometric family counting trials k = 1, 2, ... up to the first success (DESIGN.md)."""
from __future__ import annotations

import sympy
from sympy.functions.combinatorial.numbers import stirling

from ..registry import FamilyModel, family_model
from .expectations import by_linearity, moments_only, with_support


@family_model("Geometric")
class GeometricModel(FamilyModel):
    """Geometric(p): mass (1 - p)^(k-1) p on k = 1, 2, ..."""

    discrete = True

    def log_density(self, x, p) -> sympy.Expr:
        # Wikipedia, "Geometric distribution", number of trials: P(k) = (1 - p)^(k - 1) p.
        return (x - 1) * sympy.log(1 - p) + sympy.log(p)

    def support(self, p) -> tuple:
        return sympy.Integer(1), sympy.oo

    def constraints(self, p) -> list:
        return [p > 0, p < 1]

    def scipy(self, p: float):
        from scipy import stats  # imported only when an oracle is needed
        return stats.geom(p=p)  # scipy's geom counts trials, from 1

    def expectation(self, g, x, p) -> sympy.Expr:
        g, k = with_support(g, x, integer=True, positive=True)
        return by_linearity(g, k, moments_only(lambda n: self.moment(n, p), k, "Geometric"))

    def moment(self, n: int, p) -> sympy.Expr:
        """E[K^n] = sum over j of S(n, j) j! (1 - p)^(j - 1) / p^j, from sum k^n q^k."""
        return sympy.Add(*(stirling(n, j) * sympy.factorial(j) * (1 - p) ** (j - 1) / p ** j
                           for j in range(1, n + 1)))
