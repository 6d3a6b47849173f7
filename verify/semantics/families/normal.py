"""The Normal family, parametrised by mean and variance (DESIGN.md): scalar and diagonal."""
from __future__ import annotations

import sympy

from ..registry import FamilyModel, NotDerivable, family_model


@family_model("Normal")
class NormalModel(FamilyModel):
    """N(mean, variance): density, moments, constraints, scipy oracle and sampler of one component."""

    def log_density(self, x, mean, variance) -> sympy.Expr:
        # Bishop, PRML (2.42), with the variance as the second parameter.
        normaliser = -sympy.log(2 * sympy.pi * variance) / 2
        return normaliser - (x - mean) ** 2 / (2 * variance)

    def support(self, mean, variance) -> tuple:
        return -sympy.oo, sympy.oo

    def constraints(self, mean, variance) -> list:
        return [variance > 0]

    def scipy(self, mean: float, variance: float):
        from scipy import stats  # scipy.stats costs ~0.7 s to import: only when an oracle is needed
        return stats.norm(loc=mean, scale=variance ** 0.5)

    def expectation(self, g, x, mean, variance) -> sympy.Expr:
        """Polynomial g by moments; anything else is left to the numeric checks."""
        expanded = sympy.expand(g)
        if not expanded.is_polynomial(x):
            raise NotDerivable(f"{g} is not a polynomial in the Normal variable; only moments are used")
        poly = sympy.Poly(expanded, x)
        return sympy.Add(*(coeff * self.moment(power, mean, variance) for (power,), coeff in poly.terms()))

    def moment(self, power: int, mean, variance) -> sympy.Expr:
        """E[X^p] = sum over even j of C(p, j) m^(p-j) v^(j/2) (j-1)!!."""
        return sympy.Add(*(sympy.binomial(power, j) * mean ** (power - j) * variance ** (j // 2)
                           * sympy.factorial2(j - 1) for j in range(0, power + 1, 2)))
