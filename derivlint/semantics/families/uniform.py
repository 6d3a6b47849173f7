"""The continuous Uniform family on (a, b)."""
from __future__ import annotations

import sympy

from ..registry import FamilyModel, family_model
from .expectations import by_linearity, moments_only


@family_model("Uniform")
class UniformModel(FamilyModel):
    """Uniform(a, b): density 1 / (b - a) on a < x < b."""

    def log_density(self, x, a, b) -> sympy.Expr:
        # Wikipedia, "Continuous uniform distribution": f(x) = 1 / (b - a) on [a, b].
        return -sympy.log(b - a)

    def support(self, a, b) -> tuple:
        return a, b

    def constraints(self, a, b) -> list:
        return [a < b]

    def scipy(self, a: float, b: float):
        from scipy import stats  # imported only when an oracle is needed
        return stats.uniform(loc=a, scale=b - a)  # scipy's uniform runs over [loc, loc + scale]

    def expectation(self, g, x, a, b) -> sympy.Expr:
        return by_linearity(g, x, moments_only(lambda n: self.moment(n, a, b), x, "Uniform"))

    def moment(self, n: int, a, b) -> sympy.Expr:
        """E[X^n] = (b^(n+1) - a^(n+1)) / ((n + 1)(b - a)), written as a polynomial."""
        return sympy.Add(*(a ** j * b ** (n - j) for j in range(n + 1))) / (n + 1)
