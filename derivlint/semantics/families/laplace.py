"""The Laplace family, parametrised by location mu and scale b."""
from __future__ import annotations

import sympy

from ..registry import FamilyModel, NotDerivable, family_model
from .expectations import by_linearity, power_of


@family_model("Laplace")
class LaplaceModel(FamilyModel):
    """Laplace(mu, b): density exp(-|x - mu| / b) / (2b) on the real line."""

    def log_density(self, x, mu, b) -> sympy.Expr:
        # Wikipedia, "Laplace distribution": f(x) = exp(-|x - mu| / b) / (2b).
        return -sympy.log(2 * b) - sympy.Abs(x - mu) / b

    def support(self, mu, b) -> tuple:
        return -sympy.oo, sympy.oo

    def constraints(self, mu, b) -> list:
        return [b > 0]

    def scipy(self, mu: float, b: float):
        from scipy import stats  # imported only when an oracle is needed
        return stats.laplace(loc=mu, scale=b)

    def expectation(self, g, x, mu, b) -> sympy.Expr:
        def factor_mean(factor):
            n = power_of(factor, x)
            if n is not None:
                return self.moment(n, mu, b)
            if isinstance(factor, sympy.Abs):
                return self.mean_distance(factor.args[0], x, mu, b)
            raise NotDerivable(f"no closed form for E[{factor}] under the Laplace family")
        return by_linearity(g, x, factor_mean)

    def moment(self, n: int, mu, b) -> sympy.Expr:
        """X = mu + b Y, Y standard Laplace with E[Y^j] = j! for even j and 0 for odd j."""
        return sympy.Add(*(sympy.binomial(n, j) * mu ** (n - j) * b ** j * sympy.factorial(j)
                           for j in range(0, n + 1, 2)))

    def mean_distance(self, argument, x, mu, b) -> sympy.Expr:
        """E|a (X - c)| = |a| (|c - mu| + b exp(-|c - mu| / b)): the Laplace KL needs it."""
        slope = argument.diff(x)
        rest = argument - slope * x
        if slope == 0 or slope.has(x) or rest.has(x):
            raise NotDerivable(f"|{argument}| is not the distance of the Laplace variable to a point")
        gap = sympy.Abs(-rest / slope - mu)
        return sympy.Abs(slope) * (gap + b * sympy.exp(-gap / b))
