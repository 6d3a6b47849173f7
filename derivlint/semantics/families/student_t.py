"""Student's t family with location and scale: StudentT(nu, mu, sigma)."""
from __future__ import annotations

import sympy

from ..registry import FamilyModel, MomentMayNotExist, NotDerivable, family_model
from .expectations import by_linearity, finite_where, power_of


@family_model("StudentT")
class StudentTModel(FamilyModel):
    """StudentT(nu, mu, sigma): mu + sigma T with T a standard t variable of nu degrees of freedom."""

    heavy_tailed = True

    def log_density(self, x, nu, mu, sigma) -> sympy.Expr:
        # Wikipedia, "Student's t-distribution", location-scale t.
        normaliser = (sympy.log(sympy.gamma((nu + 1) / 2)) - sympy.log(sympy.gamma(nu / 2))
                      - sympy.log(nu * sympy.pi) / 2 - sympy.log(sigma))
        return normaliser - (nu + 1) / 2 * self.log_kernel(x, nu, mu, sigma)

    def log_kernel(self, x, nu, mu, sigma) -> sympy.Expr:
        return sympy.log(1 + ((x - mu) / sigma) ** 2 / nu)

    def support(self, nu, mu, sigma) -> tuple:
        return -sympy.oo, sympy.oo

    def constraints(self, nu, mu, sigma) -> list:
        return [nu > 0, sigma > 0]

    def scipy(self, nu: float, mu: float, sigma: float):
        from scipy import stats  # imported only when an oracle is needed
        return stats.t(df=nu, loc=mu, scale=sigma)

    def expectation(self, g, x, nu, mu, sigma) -> sympy.Expr:
        kernel = sympy.expand(self.log_kernel(x, nu, mu, sigma))
        even = _even_polynomial(g, x)
        if even is not None and not (nu - even).is_positive:
            # g >= c|x|^n - C with n even and c > 0, and the density decays like |x|^{-nu-1}: E[g] is +oo
            # where nu <= n, and the sum of the moments (which all exist) where nu > n
            closed = by_linearity(g, x, lambda f: self.moment(power_of(f, x), nu, mu, sigma, checked=False))
            return finite_where(closed, nu - even)

        def factor_mean(factor):
            n = power_of(factor, x)
            if n is not None:
                return self.moment(n, nu, mu, sigma)
            if factor == kernel:  # the entropy's term: E[log(1 + T^2/nu)] = psi((nu+1)/2) - psi(nu/2)
                return sympy.digamma((nu + 1) / 2) - sympy.digamma(nu / 2)
            growth = polynomial_growth(factor, x)
            if growth is not None and growth > 0 and not (nu - growth).is_positive:
                raise MomentMayNotExist(f"E[{factor}] of a t law exists only when nu > {growth}, which the "
                                        "assumptions do not say, and no closed form is known for it")
            raise NotDerivable(f"no closed form for E[{factor}] under the StudentT family")
        return by_linearity(g, x, factor_mean)

    def moment(self, n: int, nu, mu, sigma, checked: bool = True) -> sympy.Expr:
        """E[(mu + sigma T)^n], with E[T^j] = nu^(j/2) prod over i <= j/2 of (2i - 1)/(nu - 2i); `checked`:
        raise where the assumptions do not give nu > n."""
        if checked and not (nu - n).is_positive:
            raise MomentMayNotExist(f"E[X^{n}] of a t law exists only when nu > {n}, which the assumptions do not say")
        even = {j: nu ** (j // 2) * sympy.Mul(*(sympy.Integer(2 * i - 1) / (nu - 2 * i) for i in range(1, j // 2 + 1)))
                for j in range(0, n + 1, 2)}
        return sympy.Add(*(sympy.binomial(n, j) * mu ** (n - j) * sigma ** j * t for j, t in even.items()))


def polynomial_growth(factor: sympy.Expr, x: sympy.Symbol):
    """k when |factor| grows like |x|^k as |x| -> oo (|x - mu| grows like |x|, sqrt(x^2 + 1) like |x|);
    None when it is not a power of a polynomial (or its absolute value) in x."""
    plain = factor.replace(sympy.Abs, lambda a: a)
    base, power = (plain.base, plain.exp) if plain.is_Pow and plain.exp.is_number else (plain, sympy.Integer(1))
    try:
        degree = sympy.Poly(base, x).degree()
    except sympy.PolynomialError:
        return None
    return degree * power if degree > 0 else None


def _even_polynomial(g: sympy.Expr, x: sympy.Symbol) -> int | None:
    """n when g is a polynomial in x of even degree n >= 2 whose leading coefficient is positive."""
    try:
        poly = sympy.Poly(sympy.expand(g), x)
    except sympy.PolynomialError:
        return None
    n = poly.degree()
    return n if n >= 2 and n % 2 == 0 and poly.LC().is_positive else None
