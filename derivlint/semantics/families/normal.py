"""The Normal family, parametrised by mean and variance (DESIGN.md): scalar, diagonal and full covariance."""
from __future__ import annotations

import sympy

from ...model.matrices import Bilinear, NotLinear, bilinear, components, determinant, inverse, trace
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
        """Polynomial g by moments, a distance |a x + d| by the folded normal's mean; anything else is left
        to the numeric checks."""
        expanded = sympy.expand(g)
        distances = [t for t in sympy.Add.make_args(expanded) if t.has(sympy.Abs)]
        rest = expanded - sympy.Add(*distances)
        if not rest.is_polynomial(x):
            raise NotDerivable(f"{g} is not a polynomial in the Normal variable; only moments are used")
        poly = sympy.Poly(rest, x)
        moments = sympy.Add(*(coeff * self.moment(power, mean, variance) for (power,), coeff in poly.terms()))
        return moments + sympy.Add(*(self.distance_term(t, x, mean, variance) for t in distances))

    def distance_term(self, term, x, mean, variance) -> sympy.Expr:
        """c E|a x + d| = c |a| E|X - k|, k = -d/a, with the folded normal's mean (Wikipedia, "Folded normal
        distribution"): E|X - k| = sigma sqrt(2/pi) e^{-(mu - k)^2 / (2 sigma^2)} + (mu - k) erf((mu - k) / (sigma sqrt 2))."""
        coefficient, factor = term.as_independent(x, as_Add=False)
        if not isinstance(factor, sympy.Abs):
            raise NotDerivable(f"{term} is not a constant times a distance of the Normal variable")
        argument = factor.args[0]
        slope = argument.diff(x)
        if slope == 0 or slope.has(x) or (argument - slope * x).has(x):
            raise NotDerivable(f"|{argument}| is not the distance of the Normal variable to a point")
        gap = mean + (argument - slope * x) / slope  # mu - k
        sigma = sympy.sqrt(variance)
        folded = (sigma * sympy.sqrt(2 / sympy.pi) * sympy.exp(-gap ** 2 / (2 * variance))
                  + gap * sympy.erf(gap / (sigma * sympy.sqrt(2))))
        return coefficient * sympy.Abs(slope) * folded

    def moment(self, power: int, mean, variance) -> sympy.Expr:
        """E[X^p] = sum over even j of C(p, j) m^(p-j) v^(j/2) (j-1)!!."""
        return sympy.Add(*(sympy.binomial(power, j) * mean ** (power - j) * variance ** (j // 2)
                           * sympy.factorial2(j - 1) for j in range(0, power + 1, 2)))

    # --- a full covariance matrix: the law is joint ---------------------------------------
    def joint(self, mean, variance) -> bool:
        return isinstance(variance, sympy.MatrixBase)

    def joint_log_density(self, xs, mean, cov) -> sympy.Expr:
        # Bishop, PRML (2.43): -1/2 log det(2 pi Sigma) - 1/2 (x - mu)^T Sigma^-1 (x - mu); det(2 pi Sigma)
        # is split as (2 pi)^n det Sigma, valid since det Sigma > 0 (a constraint), and Sigma^-1 is
        # written adj(Sigma) / det Sigma so that the determinant appears once, as the note writes it.
        det = _determinant(cov, len(xs))
        gap = sympy.Matrix(xs) - mean
        quadratic = sympy.expand((gap.T * cov.adjugate() * gap)[0, 0])
        return -len(xs) * sympy.log(2 * sympy.pi) / 2 - sympy.log(det) / 2 - quadratic / (2 * det)

    def joint_constraints(self, mean, cov) -> list:
        # Sylvester's criterion: a symmetric matrix is positive definite iff its leading minors are positive.
        n = cov.shape[0]
        return [sympy.expand(cov[:k, :k].det()) > 0 for k in range(1, n + 1)]

    def joint_expectation(self, g, xs, mean, cov) -> sympy.Expr:
        """A polynomial of degree <= 2 in the components: E[x_i] = mu_i, E[x_i x_j] = Sigma_ij + mu_i mu_j."""
        _determinant(cov, len(xs))
        expanded = sympy.expand(g)
        if not expanded.is_polynomial(*xs):
            raise NotDerivable(f"{g} is not a polynomial in the components; only moments are used")
        total = []
        for powers, coeff in sympy.Poly(expanded, *xs).terms():
            picked = [i for i, p in enumerate(powers) for _ in range(p)]
            if len(picked) > 2:
                raise NotDerivable("only moments of degree <= 2 of a full-covariance Normal are derived")
            if not picked:
                moment = sympy.Integer(1)
            elif len(picked) == 1:
                moment = mean[picked[0]]
            else:
                i, j = picked
                moment = cov[i, j] + mean[i] * mean[j]
            total.append(coeff * moment)
        return sympy.Add(*total)

    # --- a declared matrix (`\\Sigma: spd matrix[k]`) of any size k: the law taken whole ------------
    def matrix_log_density(self, x, mean, cov, size) -> sympy.Expr:
        # Bishop, PRML (2.43) at a symbolic size k: -k/2 log 2 pi - 1/2 log det Sigma - 1/2 (x - mu)^T Sigma^-1 (x - mu).
        gap = x - mean
        try:
            quadratic = bilinear(gap, gap, (inverse(cov),), size)
        except NotLinear as why:
            raise NotDerivable(f"the density of a matrix law at {x}: {why}") from None
        return -size * sympy.log(2 * sympy.pi) / 2 - sympy.log(determinant((cov,), size)) / 2 - quadratic / 2

    def matrix_expectation(self, g, x, mean, cov, size) -> sympy.Expr:
        """E[g] for g a sum of terms free of x and of multiples of quadratic forms u^T A v in x:
        E[x^T A x] = tr(A Sigma) + mu^T A mu and E[x^T A v] = mu^T A v (Petersen & Pedersen, The
        Matrix Cookbook, (318) and (312)); anything else is left to the numeric checks."""
        total = sympy.Integer(0)
        for term in sympy.Add.make_args(sympy.expand(g)):
            if not term.has(x):
                total += term
                continue
            sums = [f for f in sympy.Mul.make_args(term) if isinstance(f, sympy.Sum) and f.has(x)]
            if len(sums) == 1 and not (term / sums[0]).has(x):  # a diagonal law's log density: by components
                total += term / sums[0] * self.matrix_component_sum(sums[0], x, mean, cov, size)
                continue
            forms = [f for f in sympy.Mul.make_args(term) if isinstance(f, Bilinear) and f.has(x)]
            rest = term / forms[0] if len(forms) == 1 else None
            if rest is None or rest.has(x):
                raise NotDerivable(f"{term} is not a multiple of a quadratic form in {x}; only those are derived")
            u, v, _, *factors = forms[0].args
            factors = tuple(factors)
            try:
                if u == x and v == x:
                    value = trace(factors + (cov,), size) + bilinear(mean, mean, factors, size)
                else:
                    value = bilinear(mean, v, factors, size) if u == x else bilinear(u, mean, factors, size)
            except NotLinear as why:
                raise NotDerivable(str(why)) from None
            total += rest * value
        return total

    def matrix_component_sum(self, term: sympy.Sum, x, mean, cov, size) -> sympy.Expr:
        """E[sum_j (a x_j^2 + b_j x_j + c_j)] = a tr(Sigma) + sum_j (a mu_j^2 + b_j mu_j + c_j), a free of j."""
        (j, lower, upper), = term.limits
        xj = sympy.Dummy("x", real=True)
        body = term.function.xreplace({x[j]: xj})
        if (lower, upper) != (1, size) or body.has(x) or not sympy.expand(body).is_polynomial(xj):
            raise NotDerivable(f"{term} is not a sum over the components of a quadratic in them")
        poly = sympy.Poly(sympy.expand(body), xj)
        if poly.degree() > 2:
            raise NotDerivable("only moments of degree <= 2 of a Normal with a declared covariance are derived")
        a, b, c = (poly.coeff_monomial(xj ** n) for n in (2, 1, 0))
        if a.has(j):
            raise NotDerivable(f"{term}: the weight of x_j^2 depends on j")
        mj = components(mean, j)
        return a * trace((cov,), size) + sympy.Sum(sympy.expand(a * mj ** 2 + b * mj + c), (j, 1, size))

    def joint_scipy(self, mean, cov):
        from scipy import stats
        return stats.multivariate_normal(mean=mean, cov=cov)


def _determinant(cov, n: int) -> sympy.Expr:
    """det Sigma, after checking Sigma is n x n and symmetric (a covariance is)."""
    if cov.shape != (n, n):
        raise NotDerivable(f"a {cov.shape[0]}x{cov.shape[1]} covariance for a variable of dimension {n}")
    if any(sympy.expand(cov[i, j] - cov[j, i]) != 0 for i in range(n) for j in range(i)):
        raise NotDerivable("the covariance matrix is not symmetric")
    return sympy.expand(cov.det())
