"""The Poisson family on k = 0, 1, ..., parametrised by its rate lambda (the mean)."""
from __future__ import annotations

import sympy
from sympy.functions.combinatorial.numbers import stirling

from ..registry import FamilyModel, family_model
from .expectations import by_linearity, moments_only, with_support


@family_model("Poisson")
class PoissonModel(FamilyModel):
    """Poisson(rate): mass rate^k e^(-rate) / k! on k = 0, 1, ..."""

    discrete = True

    def log_density(self, x, rate) -> sympy.Expr:
        # Wikipedia, "Poisson distribution": P(k) = lambda^k e^(-lambda) / k!.
        return x * sympy.log(rate) - rate - sympy.log(sympy.factorial(x))

    def support(self, rate) -> tuple:
        return sympy.Integer(0), sympy.oo

    def constraints(self, rate) -> list:
        return [rate > 0]

    def scipy(self, rate: float):
        from scipy import stats  # imported only when an oracle is needed
        return stats.poisson(mu=rate)

    def expectation(self, g, x, rate) -> sympy.Expr:
        # E[log k!] has no closed form: it stays NotDerivable, and the numeric checks decide.
        g, k = with_support(g, x, integer=True, nonnegative=True)
        return by_linearity(g, k, moments_only(lambda n: self.moment(n, rate), k, "Poisson"))

    def moment(self, n: int, rate) -> sympy.Expr:
        """Touchard: E[K^n] = sum over j of S(n, j) lambda^j (Stirling numbers of the second kind)."""
        return sympy.Add(*(stirling(n, j) * rate ** j for j in range(1, n + 1)))
