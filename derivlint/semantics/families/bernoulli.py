"""The Bernoulli family on {0, 1}, parametrised by theta = P(X = 1)."""
from __future__ import annotations

import sympy

from ..registry import FamilyModel, family_model
from .expectations import finite_sum


@family_model("Bernoulli")
class BernoulliModel(FamilyModel):
    """Bern(theta): mass theta^x (1 - theta)^(1 - x) on x in {0, 1}."""

    discrete = True

    def log_density(self, x, theta) -> sympy.Expr:
        # Bishop, PRML (2.2): Bern(x | mu) = mu^x (1 - mu)^(1 - x).
        return x * sympy.log(theta) + (1 - x) * sympy.log(1 - theta)

    def support(self, theta) -> tuple:
        return sympy.Integer(0), sympy.Integer(1)

    def constraints(self, theta) -> list:
        return [theta > 0, theta < 1]

    def scipy(self, theta: float):
        from scipy import stats  # imported only when an oracle is needed
        return stats.bernoulli(p=theta)

    def expectation(self, g, x, theta) -> sympy.Expr:
        return finite_sum(g, x, [(sympy.Integer(0), 1 - theta), (sympy.Integer(1), theta)])
