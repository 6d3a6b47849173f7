"""The Beta family on (0, 1), parametrised by its two shapes a and b."""
from __future__ import annotations

import sympy

from ..registry import FamilyModel, NotDerivable, family_model
from .expectations import by_linearity, power_of, with_support


@family_model("Beta")
class BetaModel(FamilyModel):
    """Beta(a, b): density x^(a-1) (1-x)^(b-1) / B(a, b) on 0 < x < 1."""

    def log_density(self, x, a, b) -> sympy.Expr:
        # Wikipedia, "Beta distribution"; B(a, b) = Gamma(a) Gamma(b) / Gamma(a + b).
        log_beta = sympy.log(sympy.gamma(a)) + sympy.log(sympy.gamma(b)) - sympy.log(sympy.gamma(a + b))
        return (a - 1) * sympy.log(x) + (b - 1) * sympy.log(1 - x) - log_beta

    def support(self, a, b) -> tuple:
        return sympy.Integer(0), sympy.Integer(1)

    def constraints(self, a, b) -> list:
        return [a > 0, b > 0]

    def scipy(self, a: float, b: float):
        from scipy import stats  # imported only when an oracle is needed
        return stats.beta(a=a, b=b)

    def expectation(self, g, x, a, b) -> sympy.Expr:
        g, y = with_support(g, x, positive=True)

        def factor_mean(factor):
            n = power_of(factor, y)
            if n is not None:  # E[X^n] = prod over r < n of (a + r) / (a + b + r)
                return sympy.Mul(*((a + r) / (a + b + r) for r in range(n)))
            if factor == sympy.log(y):
                return sympy.digamma(a) - sympy.digamma(a + b)
            if factor == sympy.log(1 - y):  # 1 - X is Beta(b, a)
                return sympy.digamma(b) - sympy.digamma(a + b)
            raise NotDerivable(f"no closed form for E[{factor}] under the Beta family")
        return by_linearity(g, y, factor_mean)
