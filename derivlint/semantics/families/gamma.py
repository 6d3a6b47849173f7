"""The Gamma family, parametrised by shape alpha and rate beta (DESIGN.md)."""
from __future__ import annotations

import sympy

from ..registry import FamilyModel, NotDerivable, family_model
from .expectations import by_linearity, power_of, with_support


@family_model("Gamma")
class GammaModel(FamilyModel):
    """Gamma(shape, rate): density rate^shape x^(shape-1) e^(-rate x) / Gamma(shape) on x > 0."""

    def log_density(self, x, shape, rate) -> sympy.Expr:
        # Wikipedia, "Gamma distribution", shape-rate parametrisation (alpha, beta).
        normaliser = shape * sympy.log(rate) - sympy.log(sympy.gamma(shape))
        return normaliser + (shape - 1) * sympy.log(x) - rate * x

    def support(self, shape, rate) -> tuple:
        return sympy.Integer(0), sympy.oo

    def constraints(self, shape, rate) -> list:
        return [shape > 0, rate > 0]

    def scipy(self, shape: float, rate: float):
        from scipy import stats  # imported only when an oracle is needed
        return stats.gamma(a=shape, scale=1 / rate)  # scipy's scale is 1/rate

    def expectation(self, g, x, shape, rate) -> sympy.Expr:
        g, y = with_support(g, x, positive=True)

        def factor_mean(factor):
            n = power_of(factor, y)
            if n is not None:  # E[X^n] = alpha (alpha + 1) ... (alpha + n - 1) / beta^n
                return sympy.Mul(*(shape + r for r in range(n))) / rate ** n
            if factor == sympy.log(y):  # E[log X] = psi(alpha) - log beta
                return sympy.digamma(shape) - sympy.log(rate)
            raise NotDerivable(f"no closed form for E[{factor}] under the Gamma family")
        return by_linearity(g, y, factor_mean)
