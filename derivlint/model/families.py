"""The distribution families a note may name, with their LaTeX spellings and parameters."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FamilySpec:
    """A family as written: its canonical name, its spellings and its parameters in order.

    What the family means (density, support, constraints) lives in its model,
    derivlint/semantics/families/, whose support also gives the law variable's assumptions.
    """

    name: str
    spellings: tuple[str, ...]
    parameters: tuple[str, ...]


# The parametrisation every ML reader expects (DESIGN.md): the second argument of N is the
# variance, Exponential and Gamma take a rate, Geometric counts trials 1, 2, ...
FAMILIES: dict[str, FamilySpec] = {
    spec.name: spec
    for spec in (
        FamilySpec("Normal", ("\\mathcal{N}", "Normal", "Gaussian", "N"), ("mean", "variance")),
        FamilySpec("Bernoulli", ("Bernoulli", "Bern", "Ber"), ("theta",)),
        FamilySpec("Categorical", ("Categorical", "Cat"), ("pi",)),
        FamilySpec("Laplace", ("Laplace", "Lap"), ("mu", "b")),
        FamilySpec("Exponential", ("Exponential", "Exp", "Expon"), ("rate",)),
        FamilySpec("Gamma", ("Gamma", "Gam"), ("shape", "rate")),
        FamilySpec("Beta", ("Beta",), ("a", "b")),
        FamilySpec("Poisson", ("Poisson", "Pois", "Poi"), ("rate",)),
        FamilySpec("Geometric", ("Geometric", "Geom", "Geo"), ("p",)),
        FamilySpec("Uniform", ("Uniform", "Unif"), ("a", "b")),
        FamilySpec("Gumbel", ("Gumbel",), ("mu", "beta")),
        FamilySpec("StudentT", ("StudentT",), ("nu", "mu", "sigma")),
        FamilySpec("Pareto", ("Pareto",), ("x_m", "alpha")),
    )
}
# Short names as the Book of Statistical Proofs and Wikipedia write them (`\mathrm{Bern}(p)`,
# `\mathrm{Gam}(a, b)`, `N(\mu, \sigma^2)`); a declared name of the same spelling wins, and a bare
# `N` that is not applied is an undeclared name (a count), never a family.
SPELLINGS: dict[str, str] = {s: spec.name for spec in FAMILIES.values() for s in spec.spellings}


# The values a discrete law's variable takes, for `\sum_{x \in \mathcal{X}}` (the sum over the
# support); the same supports as their models in derivlint/semantics/families/ (a test holds them equal).
# A Categorical's range depends on its vector's length: it is not listed.
DISCRETE_RANGES = {"Bernoulli": (0, 1), "Poisson": (0, "oo"), "Geometric": (1, "oo")}

# The families whose support moves with their parameters (the others' is fixed: the line, the half-line,
# the unit interval): two laws of one other family share their support, whatever their parameters.
PARAMETRIC_SUPPORTS = frozenset({"Uniform", "Pareto"})

# The families whose laws put mass on points: `\Pr(X = k)` is their mass at k (for the others it is 0).
DISCRETE_FAMILIES = frozenset({"Bernoulli", "Categorical", "Poisson", "Geometric"})


def family_for(spelling: str) -> FamilySpec | None:
    """The family a canonical LaTeX name denotes, if any."""
    name = SPELLINGS.get(spelling)
    return FAMILIES[name] if name else None
