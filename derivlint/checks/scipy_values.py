"""Entropies and polynomial expectations of a law, as scipy.stats computes them at a point."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import sympy

from ..model.atoms import scalars_and_components
from ..model.quantities import Distribution, Entropy, Expectation, Quantity
from ..semantics.reference import Reference
from ..semantics.registry import NotDerivable, VectorParameter

DIGITS = 30


@dataclass(frozen=True)
class Component:
    """One independent component of a law: its family model and its parameters as expressions."""

    model: Any
    parameters: tuple

    def frozen(self, point: dict):
        return self.model.scipy(*(_number(p, point) if not isinstance(p, VectorParameter)
                                  else [_number(c, point) for c in _entries(p)] for p in self.parameters))

    def atoms(self) -> set:
        return set().union(set(), *(scalars_and_components(e) for p in self.parameters
                                    for e in (_entries(p) if isinstance(p, VectorParameter) else [p])))


@dataclass(frozen=True)
class ScipyValue:
    """An entropy (terms empty) or E[sum of coefficient * product of component powers]."""

    kind: str  # "entropy" or "expectation"
    components: tuple[Component, ...]
    terms: tuple[tuple[tuple[int, ...], sympy.Expr], ...] = ()

    def atoms(self) -> set:
        return set().union(*(c.atoms() for c in self.components), *(scalars_and_components(e) for _, e in self.terms))

    def constraints(self) -> list:
        return [c for comp in self.components for c in comp.model.constraints(*comp.parameters)]

    def normalised(self, point: dict) -> dict:
        """The drawn values made valid for every component (a Categorical's simplex)."""
        for comp in self.components:
            point = comp.model.normalised(point, point, *comp.parameters)  # the point holds any lengths
        return point

    def at(self, point: dict) -> float | None:
        laws = [c.frozen(point) for c in self.components]
        if self.kind == "entropy":
            # A law with independent components: its entropy is the sum of theirs.
            value = sum(float(law.entropy()) for law in laws)
        else:
            value = sum(_number(coeff, point) * math.prod(raw_moment(law, k) for law, k in zip(laws, powers))
                        for powers, coeff in self.terms)
        return value if math.isfinite(value) else None


def raw_moment(law, power: int) -> float:
    """E[X^k] from scipy: .mean() and .var() for the first two, .moment(k) beyond."""
    if power == 0:
        return 1.0
    if power == 1:
        return float(law.mean())
    if power == 2:
        return float(law.var() + law.mean() ** 2)
    return float(law.moment(power))


def scipy_value(q: Quantity, reference: Reference, setting: dict) -> ScipyValue:
    """The quantity (its integers already set) as scipy computes it, or NotDerivable."""
    if isinstance(q, Entropy):
        law, _ = components(q.args[0], reference, setting)
        return ScipyValue("entropy", law)
    if isinstance(q, Expectation):
        law, atoms = components(q.distribution, reference, setting)
        body = q.body
        if body.atoms(Quantity) or body.has(sympy.Integral):
            raise NotDerivable("only expectations of polynomials are compared with scipy")
        x = [sympy.Dummy(f"x{k}", real=True) for k in range(len(atoms))]
        body = sympy.expand(body.xreplace(dict(zip(atoms, x))))
        if x and not body.is_polynomial(*x):
            raise NotDerivable("the expectation's body is not a polynomial in the variable")
        if not x:
            return ScipyValue("expectation", law, (((0,) * len(law), body),))
        poly = sympy.Poly(body, *x)
        return ScipyValue("expectation", law, tuple(poly.terms()))
    raise NotDerivable(f"scipy offers no value for {type(q).__name__}")


def components(law: Distribution, reference: Reference, setting: dict) -> tuple[tuple[Component, ...], list]:
    """Each component of the law at this setting, with the atom of the variable it governs."""
    view = reference.view(law)
    if view.dimension is None:
        indices = [None]
    else:
        n = view.dimension.xreplace(setting)
        if not n.is_Integer:
            raise NotDerivable(f"the dimension {view.dimension} has no value")
        indices = [sympy.Integer(k) for k in range(1, int(n) + 1)]
    model = view.model
    if not hasattr(model, "scipy"):
        raise NotDerivable(f"the {law.family.name} family has no scipy.stats counterpart")
    comps = tuple(Component(model, tuple(_concrete(p, setting) for p in view.component(k))) for k in indices)
    return comps, [view.atom(k) for k in indices]


def _concrete(parameter, setting: dict):
    """A parameter with its integers set; a vector parameter (a Categorical's pi) needs its length."""
    if isinstance(parameter, VectorParameter):
        length = sympy.Integer(parameter.length) if isinstance(parameter.length, int) else \
            parameter.length.xreplace(setting)
        if not length.is_Integer:
            raise NotDerivable(f"the length {parameter.length} of {parameter.base} has no value")
        return VectorParameter(parameter.base, length)
    return parameter.xreplace(setting)


def _entries(parameter: VectorParameter) -> list:
    return parameter.components(int(parameter.length))


def _number(expr, point: dict) -> float:
    return float(expr.xreplace(point).evalf(DIGITS))
