"""The Categorical family on {1, ..., K}, parametrised by a probability vector pi (pi_k = P(X = k))."""
from __future__ import annotations

import sympy

from ..registry import FamilyModel, VectorParameter, family_model

DRAWN_LENGTHS = 3  # the points check gives a symbolic length the values 1, 2 and 3


@family_model("Categorical")
class CategoricalModel(FamilyModel):
    """Cat(pi): mass pi_x on x in {1, ..., K}, K the length of pi, which sums to 1."""

    discrete = True

    def log_density(self, x, pi: VectorParameter) -> sympy.Expr:
        # Bishop, PRML (2.26) with the one-hot vector read as the index x: p(x) = pi_x.
        return sympy.log(pi.base[x])

    def support(self, pi: VectorParameter) -> tuple:
        return sympy.Integer(1), pi.length

    def constraints(self, pi: VectorParameter) -> list:
        # Positivity per component; the sum to one is made by `normalised`, not by rejection.
        length = int(pi.length) if pi.length.is_Integer else DRAWN_LENGTHS
        return [c > 0 for c in pi.components(length)]

    def normalised(self, values: dict, setting: dict, pi: VectorParameter) -> dict:
        """The drawn components of pi rescaled onto the simplex. When only some of the K components are
        drawn (a formula names w_x alone), they keep m/(m + 1) of the mass and the others the rest: a
        lone w_x forced to 1 would make log w_x vanish and hide a slip."""
        length = sympy.sympify(sympy.sympify(pi.length).xreplace(setting))
        drawn = [a for a in values if isinstance(a, sympy.Indexed) and a.base == pi.base]
        if length.is_Integer:  # a component past K is none of the law's: it takes no share of the mass
            drawn = [a for a in drawn if a.indices[0].is_Integer and 1 <= a.indices[0] <= length]
        total = sum(values[a] for a in drawn)
        if not drawn or not total.is_positive:
            return values
        share = sympy.Rational(len(drawn), len(drawn) + 1) if length.is_Integer and len(drawn) < length else 1
        return {**values, **{a: values[a] * share / total for a in drawn}}

    def scipy(self, pi):
        import numpy as np
        from scipy import stats  # imported only when an oracle is needed
        # scipy has no Categorical: rv_discrete over the values 1..K with masses pi is the same law.
        return stats.rv_discrete(values=(np.arange(1, len(pi) + 1), np.asarray(pi, dtype=float)))

    def expectation(self, g, x, pi: VectorParameter) -> sympy.Expr:
        k = sympy.Dummy("k", integer=True, positive=True)
        return sympy.Sum(pi.base[k] * g.xreplace({x: k}), (k, 1, pi.length))

    def placeholders(self, name: str) -> tuple:
        return (VectorParameter(sympy.IndexedBase(sympy.Dummy("pi")), sympy.Dummy("K", integer=True, positive=True)),)
