"""The Pareto (type I) family, parametrised by its scale x_m and shape alpha."""
from __future__ import annotations

import sympy

from ..registry import FamilyModel, NotDerivable, family_model
from .expectations import by_linearity, finite_where, power_of, with_support


def _real_power(factor, y):
    """r when the factor is y^r with r a real number (sqrt(y), y^{-1}), else None."""
    if factor.is_Pow and factor.base == y and factor.exp.is_number and factor.exp.is_real and factor.exp != 0:
        return factor.exp
    return None


@family_model("Pareto")
class ParetoModel(FamilyModel):
    """Pareto(x_m, alpha): density alpha x_m^alpha / x^(alpha + 1) on x > x_m."""

    heavy_tailed = True

    def log_density(self, x, x_m, alpha) -> sympy.Expr:
        # Wikipedia, "Pareto distribution" (type I).
        return sympy.log(alpha) + alpha * sympy.log(x_m) - (alpha + 1) * sympy.log(x)

    def support(self, x_m, alpha) -> tuple:
        return x_m, sympy.oo

    def constraints(self, x_m, alpha) -> list:
        return [x_m > 0, alpha > 0]

    def scipy(self, x_m: float, alpha: float):
        from scipy import stats  # imported only when an oracle is needed
        return stats.pareto(b=alpha, scale=x_m)  # scipy's shape b is alpha, its scale x_m

    def expectation(self, g, x, x_m, alpha) -> sympy.Expr:
        g, y = with_support(g, x, positive=True)

        def factor_mean(factor):
            n = power_of(factor, y) or _real_power(factor, y)
            if n is not None:
                return self.moment(n, x_m, alpha)
            if factor == sympy.log(y):  # log(X / x_m) is Exponential with rate alpha
                return sympy.log(x_m) + 1 / alpha
            raise NotDerivable(f"no closed form for E[{factor}] under the Pareto family")
        return by_linearity(g, y, factor_mean)

    def moment(self, n, x_m, alpha) -> sympy.Expr:
        """E[X^n] for a real n: alpha x_m^n / (alpha - n) where alpha > n; where alpha <= n the integrand
        alpha x_m^alpha x^(n - alpha - 1) is positive and decays no faster than 1/x, so the moment is +oo.
        The value is that Piecewise, so a draw of alpha below n compares a finite claim with infinity."""
        return finite_where(alpha * x_m ** n / (alpha - n), alpha - n)
