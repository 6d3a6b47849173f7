"""The Exponential family, parametrised by its rate lambda (DESIGN.md)."""
from __future__ import annotations

import sympy

from ..registry import FamilyModel, NotDerivable, family_model
from .expectations import by_linearity, power_of, with_support


@family_model("Exponential")
class ExponentialModel(FamilyModel):
    """Exponential(rate): density rate e^(-rate x) on x > 0."""

    def log_density(self, x, rate) -> sympy.Expr:
        # Wikipedia, "Exponential distribution", rate parametrisation: f(x) = lambda e^(-lambda x).
        return sympy.log(rate) - rate * x

    def support(self, rate) -> tuple:
        return sympy.Integer(0), sympy.oo

    def constraints(self, rate) -> list:
        return [rate > 0]

    def scipy(self, rate: float):
        from scipy import stats  # imported only when an oracle is needed
        return stats.expon(scale=1 / rate)  # scipy's scale is the mean 1/rate

    def expectation(self, g, x, rate) -> sympy.Expr:
        g, y = with_support(g, x, positive=True)

        def factor_mean(factor):
            n = power_of(factor, y)
            if n is not None:
                return sympy.factorial(n) / rate ** n
            if factor == sympy.log(y):
                return -sympy.EulerGamma - sympy.log(rate)  # the Gamma rule with shape 1
            raise NotDerivable(f"no closed form for E[{factor}] under the Exponential family")
        return by_linearity(g, y, factor_mean)
