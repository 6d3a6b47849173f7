"""Family models keyed by family name, registered with a decorator; the protocol every model follows.

A model describes one component of a law (one coordinate of a diagonal law) in the parameter
order of `derivlint/families.py`, which is the order a note writes them in:

- `discrete`: True for a mass function over integers (sums, never integrals).
- `log_density(x, *params)`: the log density (the log mass for a discrete family) on the
  support, as SymPy; a short function of named terms whose comment names its source.
- `support(*params) -> (lower, upper)`: SymPy bounds, `oo` where unbounded. A continuous
  support is the open interval (its ends have measure zero); a discrete one is the integers
  lower, ..., upper.
- `constraints(*params)`: SymPy relationals the parameters must satisfy (`rate > 0`).
- `scipy(*params)`: the frozen scipy.stats object with the parametrisation mapped explicitly;
  scipy.stats is imported inside (0.7 s), only when an oracle is needed.
- `sample(rng, n, *params)`: n seeded draws (by default scipy's `rvs` with `random_state=rng`).
- `expectation(g, x, *params)`: E[g(X)] in closed form for g an expression in the Symbol x,
  or NotDerivable with the reason; never a blind `integrate`.
- `normalised(values, *params)`: drawn values adjusted so the parameters are valid (the
  simplex of a Categorical); by default unchanged.

A law whose parameters couple its components (a Normal with a full covariance matrix) is
*joint*: `joint(*params)` says so, and the model then takes the law whole, at the concrete
dimension n, its vector parameters as n x 1 SymPy matrices:

- `joint_log_density(xs, *params)`: the log density at the components xs (a list of n atoms).
- `joint_expectation(g, xs, *params)`: E[g] for g an expression in all of xs at once.
- `joint_constraints(*params)`, `joint_scipy(*params)` (numbers: arrays), `joint_sample`.

A vector parameter of a scalar law (the probabilities of a Categorical) arrives as a
`VectorParameter`: its IndexedBase and its length.
"""
from __future__ import annotations

from typing import Callable, NamedTuple, TypeVar

import sympy

from ..model.families import FAMILIES

MODELS: dict[str, "FamilyModel"] = {}
T = TypeVar("T")


class NotDerivable(Exception):
    """The tool cannot re-derive this quantity symbolically; says why."""


class MomentMayNotExist(NotDerivable):
    """A moment that exists only in part of its parameters' declared range (a t law's mean needs nu > 1): the
    numeric checks must not call the claim consistent either, for their samples mean nothing where it does not."""


class VectorParameter(NamedTuple):
    """A vector parameter of a scalar law: components base[1], ..., base[length]."""

    base: sympy.IndexedBase
    length: sympy.Expr

    def components(self, length: int) -> list:
        return [self.base[k] for k in range(1, length + 1)]


class FamilyModel:
    """Defaults shared by every model; each family overrides the rest of the protocol."""

    discrete = False
    # A law with power tails (Student t, Pareto): an integrand's variance may be infinite there, and a
    # Monte Carlo z-score with it, so a Monte Carlo disagreement under it refutes nothing.
    heavy_tailed = False

    def sample(self, rng, n: int, *params):
        return self.scipy(*params).rvs(size=n, random_state=rng)

    def normalised(self, values: dict, setting: dict, *params) -> dict:
        """Drawn values made valid for the law (`setting` holds the integer values: lengths)."""
        return values

    def joint(self, *params) -> bool:
        """True when the parameters couple the components: the law is then taken whole."""
        return False

    def placeholders(self, name: str) -> tuple:
        """The family's parameters as Dummies, positive where the constraints say so."""
        plain = [sympy.Dummy(p, real=True) for p in FAMILIES[name].parameters]
        positive = {c.lhs for c in self.constraints(*plain)
                    if isinstance(c, sympy.StrictGreaterThan) and c.rhs == 0 and c.lhs in plain}
        return tuple(sympy.Dummy(p.name, positive=True) if p in positive else p for p in plain)


def family_model(name: str) -> Callable[[type[T]], type[T]]:
    def register(cls: type[T]) -> type[T]:
        assert name not in MODELS, f"family {name} registered twice"
        MODELS[name] = cls()
        return cls
    return register


def model_for(name: str) -> FamilyModel:
    if name not in MODELS:
        raise NotDerivable(f"the {name} family has no model yet")
    return MODELS[name]


def variable_assumptions(name: str) -> dict[str, bool]:
    """What the support says of a law's own variable: integer, nonnegative, positive or real."""
    model = model_for(name)
    lower, _ = model.support(*model.placeholders(name))
    if model.discrete:
        if (lower - 1).is_nonnegative:
            return {"integer": True, "positive": True}
        return {"integer": True, "nonnegative": True} if lower.is_nonnegative else {"integer": True}
    return {"positive": True} if lower.is_nonnegative else {"real": True}  # the open interval


def has_vector_parameter(name: str) -> bool:
    """A scalar law with a whole vector as a parameter (a Categorical's probabilities): its variable
    stays a scalar however long the vector, where other laws with vector parameters act elementwise."""
    model = model_for(name)
    return any(isinstance(p, VectorParameter) for p in model.placeholders(name))
