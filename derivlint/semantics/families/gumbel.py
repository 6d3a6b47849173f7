"""The Gumbel (maximum) family, parametrised by location mu and scale beta."""
from __future__ import annotations

import sympy

from ..registry import FamilyModel, NotDerivable, family_model
from .expectations import by_linearity, power_of


@family_model("Gumbel")
class GumbelModel(FamilyModel):
    """Gumbel(mu, beta): density exp(-(z + e^(-z))) / beta with z = (x - mu) / beta."""

    def log_density(self, x, mu, beta) -> sympy.Expr:
        # Wikipedia, "Gumbel distribution" (the distribution of a maximum).
        z = (x - mu) / beta
        return -sympy.log(beta) - z - sympy.exp(-z)

    def support(self, mu, beta) -> tuple:
        return -sympy.oo, sympy.oo

    def constraints(self, mu, beta) -> list:
        return [beta > 0]

    def scipy(self, mu: float, beta: float):
        from scipy import stats  # imported only when an oracle is needed
        return stats.gumbel_r(loc=mu, scale=beta)

    def expectation(self, g, x, mu, beta) -> sympy.Expr:
        def factor_mean(factor):
            n = power_of(factor, x)
            if n is not None:
                return self.moment(n, mu, beta)
            if isinstance(factor, sympy.exp):
                return self.mgf(self.slope(factor.args[0], x), mu, beta)
            raise NotDerivable(f"no closed form for E[{factor}] under the Gumbel family")
        return by_linearity(g, x, factor_mean)

    def mgf(self, t, mu, beta) -> sympy.Expr:
        """E[e^(tX)] = Gamma(1 - beta t) e^(mu t), finite for beta t < 1."""
        if not (1 - beta * t).is_positive:
            raise NotDerivable(f"E[exp({t} x)] under a Gumbel law is finite only when {beta}*{t} < 1")
        return sympy.gamma(1 - beta * t) * sympy.exp(mu * t)

    def moment(self, n: int, mu, beta) -> sympy.Expr:
        t = sympy.Dummy("t")
        return sympy.expand(sympy.diff(sympy.gamma(1 - beta * t) * sympy.exp(mu * t), t, n).subs(t, 0))

    def slope(self, argument, x) -> sympy.Expr:
        slope = argument.diff(x)
        if slope.has(x) or (argument - slope * x).has(x):
            raise NotDerivable(f"exp({argument}) is not the exponential of a linear function of the variable")
        return slope
