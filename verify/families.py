"""The distribution families a note may name, with their LaTeX spellings and parameters."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FamilySpec:
    """A family as written: its canonical name, its spellings and its parameters in order."""

    name: str
    spellings: tuple[str, ...]
    parameters: tuple[str, ...]
    support: str


# The parametrisation every ML reader expects (DESIGN.md): the second argument of N is the
# variance, Exponential and Gamma take a rate, Geometric counts trials 1, 2, ...
FAMILIES: dict[str, FamilySpec] = {
    spec.name: spec
    for spec in (
        FamilySpec("Normal", ("\\mathcal{N}", "Normal", "Gaussian"), ("mean", "variance"), "real"),
        FamilySpec("Bernoulli", ("Bernoulli", "Bern"), ("theta",), "{0, 1}"),
        FamilySpec("Categorical", ("Categorical", "Cat"), ("pi",), "{1, ..., K}"),
        FamilySpec("Laplace", ("Laplace",), ("mu", "b"), "real"),
        FamilySpec("Exponential", ("Exponential",), ("rate",), "x >= 0"),
        FamilySpec("Gamma", ("Gamma",), ("shape", "rate"), "x > 0"),
        FamilySpec("Beta", ("Beta",), ("a", "b"), "0 < x < 1"),
        FamilySpec("Poisson", ("Poisson",), ("rate",), "k = 0, 1, ..."),
        FamilySpec("Geometric", ("Geometric", "Geom"), ("p",), "k = 1, 2, ..."),
        FamilySpec("Uniform", ("Uniform",), ("a", "b"), "a < x < b"),
        FamilySpec("Gumbel", ("Gumbel",), ("mu", "beta"), "real"),
        FamilySpec("StudentT", ("StudentT",), ("nu", "mu", "sigma"), "real"),
        FamilySpec("Pareto", ("Pareto",), ("x_m", "alpha"), "x >= x_m"),
    )
}
SPELLINGS: dict[str, str] = {s: spec.name for spec in FAMILIES.values() for s in spec.spellings}


def family_for(spelling: str) -> FamilySpec | None:
    """The family a canonical LaTeX name denotes, if any."""
    name = SPELLINGS.get(spelling)
    return FAMILIES[name] if name else None
