"""A claim's points as Hypothesis strategies: the draw policy of derivlint/checks/draws.py, in hundredths."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import sympy
from hypothesis import assume
from hypothesis import strategies as st

from ..checks.domains import bounds_of, draw_order
from ..checks.draws import (DIMENSIONS, HUNDREDTHS, INTEGER_SPAN, INTEGERS, PROPERTY_INTERIOR, PROPERTY_MIDPOINT,
                            PROPERTY_MIDPOINT_CLEARANCE, PROPERTY_MIN_MAGNITUDE, PROPERTY_ONE_CLEARANCE,
                            PROPERTY_POSITIVE_MAX, PROPERTY_REAL_MAX, SHRINK_TARGET)
from ..checks.points import is_parameter, latex_name, satisfied


@dataclass
class Point:
    """Integer settings, values for every atom, and for \\equiv/\\propto a twin point."""

    setting: dict
    values: dict
    twin: dict | None = None

    def full(self, values: dict) -> dict:
        return {**self.setting, **values}

    def __repr__(self) -> str:
        text = named(self.values, self.setting)
        if self.twin is not None:
            changed = {k: v for k, v in self.twin.items() if self.values.get(k) != v}
            text += f"; twin point: {named(changed, {}) or 'the same values'}"
        return text


def named(values: dict, setting: dict) -> str:
    """`\\mu_1 = 0.5, \\sigma_1 = 0.8, d = 1`: values by LaTeX name, then the integer settings."""
    parts = [f"{latex_name(k)} = {number(v)}" for k, v in sorted(values.items(), key=lambda kv: latex_name(kv[0]))]
    parts += [f"{latex_name(k)} = {number(v)}" for k, v in sorted(setting.items(), key=lambda kv: str(kv[0]))]
    return ", ".join(parts)


def number(value) -> str:
    """An integer as it is, any other value to 10 significant digits."""
    if isinstance(value, (int, sympy.Integer)):
        return str(int(value))
    return f"{float(value):.10g}"


@dataclass
class PointDraws:
    """Draws the integer settings (dimensions first), then each atom inside its bounds, then a twin
    sharing every non-parameter value when the claim pairs points (\\equiv, \\propto)."""

    constraints: list
    dimension_symbols: set
    integers: list
    parameters: set
    pairing: bool
    atoms_at: Callable[[dict], list]  # the atoms to draw at a setting of the integers

    def strategy(self):
        @st.composite
        def draw_point(draw):
            setting = {}
            for s in sorted(self.integers, key=lambda s: s not in self.dimension_symbols):
                setting[s] = draw(self.setting_strategy(s, setting))
            atoms = self.atoms_at(setting)
            values = self.draw_values(draw, atoms, setting, {})
            assume(self.meets_constraints(setting, values))
            twin = None
            if self.pairing:
                kept = {a: v for a, v in values.items() if not is_parameter(a, self.parameters)}
                twin = self.draw_values(draw, atoms, setting, kept)
                assume(self.meets_constraints(setting, twin))
            return Point(setting, values, twin)
        return draw_point()

    def setting_strategy(self, symbol, setting: dict):
        if symbol in self.dimension_symbols:
            return st.sampled_from(DIMENSIONS).map(sympy.Integer)
        low, high = bounds_of([symbol], self.constraints)[symbol].at(setting, True)
        if low is None and high is None:
            return st.sampled_from(INTEGERS).map(sympy.Integer)
        floor = 1 if symbol.is_positive else 0 if symbol.is_nonnegative else None  # declared too
        low = floor if low is None else low if floor is None else max(low, floor)
        low = high - INTEGER_SPAN if low is None else low  # a law's support: Bernoulli x in {0, 1}
        high = low + INTEGER_SPAN if high is None else high
        return st.integers(int(low), int(high)).map(sympy.Integer)

    def draw_values(self, draw, atoms: list, setting: dict, kept: dict) -> dict:
        """Each atom inside the bounds its families' constraints give (derivlint/checks/domains.py)."""
        bounds = bounds_of(atoms, self.constraints)
        values = dict(kept)
        for atom in draw_order(atoms, bounds):
            if atom not in values:
                low, high = bounds[atom].at({**setting, **values}, False)
                values[atom] = draw(bounded_strategy(atom, low, high))
        for normalise in getattr(self.constraints, "normalisers", ()):
            values = normalise(values, setting)
        return {a: values[a] for a in atoms}

    def meets_constraints(self, setting: dict, values: dict) -> bool:
        full = {**setting, **values}
        return all(satisfied(c, full) for c in self.constraints)


def bounded_strategy(atom, low, high):
    """Inside (low, high) where a constraint bounds the atom (theta in (0, 1), x > x_m), else by domain."""
    if low is None and high is None:
        return value_strategy(atom)
    if atom.is_positive or atom.is_nonnegative:  # the declared domain bounds it too
        low = 0 if low is None else max(low, 0)
    if low is not None and high is not None:  # hundredths of the interval, clear of its ends and middle
        clear = st.integers(*PROPERTY_INTERIOR).filter(
            lambda k: abs(k - PROPERTY_MIDPOINT) > PROPERTY_MIDPOINT_CLEARANCE)
        return clear.map(lambda k: low + sympy.Rational(k, HUNDREDTHS) * (high - low))
    offset = value_strategy(sympy.Dummy(positive=True))
    return offset.map(lambda m: low + m) if low is not None else offset.map(lambda m: high - m)


def value_strategy(atom):
    """Hundredths as exact Rationals, by the atom's declared domain (derivlint/checks/draws.py)."""
    if getattr(atom, "is_integer", False):
        positive = bool(atom.is_positive or atom.is_nonnegative)
        signs = (1,) if positive else (1, -1)
        return st.tuples(st.sampled_from(INTEGERS), st.sampled_from(signs)).map(
            lambda t: sympy.Integer(t[0] * t[1]))
    positive = bool(atom.is_positive or atom.is_nonnegative)
    top = PROPERTY_POSITIVE_MAX if positive else PROPERTY_REAL_MAX
    magnitude = st.integers(PROPERTY_MIN_MAGNITUDE - SHRINK_TARGET, top - SHRINK_TARGET).map(
        lambda k: k + SHRINK_TARGET).filter(lambda m: abs(m - HUNDREDTHS) > PROPERTY_ONE_CLEARANCE)
    if positive:
        return magnitude.map(lambda m: sympy.Rational(m, HUNDREDTHS))
    return st.tuples(magnitude, st.sampled_from((1, -1))).map(lambda t: sympy.Rational(t[0] * t[1], HUNDREDTHS))
