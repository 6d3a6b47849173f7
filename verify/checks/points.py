"""Random points: both members evaluated at seeded points; a disagreement counts once mpmath confirms it."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np
import sympy

from .evidence import AGREE, DISAGREE, INCONCLUSIVE, Evidence
from .numeric import evaluate_many, unroll

POINTS_PER_LINK = 24  # at least 20 (issue 3), spread over dimensions 1, 2 and 3
DIMENSIONS = (1, 2, 3)
FLOAT_TOLERANCE = 1e-8  # double precision after the cancellation of moderate sums: a hint, never a verdict
CONFIRM_DIGITS = 50
CONFIRM_TOLERANCE = sympy.Rational(1, 10**25)  # at 50 digits, equal members differ by ~1e-48
MAX_DRAWS = 200  # redraws allowed to satisfy the families' constraints


@dataclass(frozen=True)
class Setting:
    """Values for every dimension and integer symbol: the expression is expanded once per setting."""

    values: tuple[tuple[sympy.Symbol, int], ...]


def atoms_of(exprs: list[sympy.Expr]) -> tuple[set, set]:
    """Free scalar symbols and free vector bases of the expressions."""
    scalars, vectors = set(), set()
    for e in exprs:
        for s in e.free_symbols - labels(e):
            if isinstance(s, sympy.Symbol) and not isinstance(s, sympy.Dummy):
                scalars.add(s)
        vectors |= {b for b in e.atoms(sympy.IndexedBase)}
    return scalars, vectors


def draw_value(atom, rng: np.random.Generator) -> sympy.Rational:
    """A value away from blind spots: not 0, not 1, three significant digits, exact as a Rational."""
    positive = bool(atom.is_positive or atom.is_nonnegative)
    while True:
        magnitude = rng.uniform(0.3, 2.5)
        if abs(magnitude - 1) > 0.1:
            break
    sign = 1 if positive or atom.is_nonnegative else (1 if rng.random() < 0.5 else -1)
    value = sympy.Rational(int(round(magnitude * 100)), 100) * sign
    if getattr(atom, "is_integer", False):
        return sympy.Integer(int(rng.integers(2, 5)) * (sign if not positive else 1))
    return value


def latex_name(atom) -> str:
    if isinstance(atom, sympy.Indexed):
        return f"{atom.base.label}_{atom.indices[0]}"
    return str(atom)


class PointCheck:
    """Evaluates `residual(a, b)` at seeded points for one link; `holds` decides per point."""

    def __init__(self, rng: np.random.Generator, dimension_symbols: set, constraints: list):
        self.rng = rng
        self.dimension_symbols = dimension_symbols
        self.constraints = constraints

    def settings(self, integer_symbols: list) -> list[Setting]:
        if not integer_symbols:
            return [Setting(())] * POINTS_PER_LINK
        out = []
        for i in range(POINTS_PER_LINK):
            values = []
            for s in integer_symbols:
                if s in self.dimension_symbols:
                    values.append((s, sympy.Integer(DIMENSIONS[(i + len(values)) % len(DIMENSIONS)])))
                else:
                    values.append((s, sympy.Integer(int(self.rng.integers(2, 5)))))
            out.append(Setting(tuple(values)))
        return out

    def run(self, a: sympy.Expr, b: sympy.Expr, holds: Callable, pairing: bool = False,
            parameters: set | None = None) -> Evidence:
        scalars, _ = atoms_of([a, b])
        integers = sorted((s for s in scalars if s.is_integer), key=str)
        by_setting: dict[Setting, list[int]] = {}
        settings = self.settings(integers)
        for i, setting in enumerate(settings):
            by_setting.setdefault(setting, []).append(i)
        evaluated, skipped = 0, 0
        for setting, indices in sorted(by_setting.items(), key=lambda kv: kv[1][0]):
            concrete = [self.concrete(e, setting) for e in (a, b)]
            atoms = sorted(_value_atoms(concrete), key=latex_name)
            points = [self.point(atoms, concrete) for _ in indices]
            points = [p for p in points if p is not None]
            skipped += len(indices) - len(points)
            if pairing:
                points = self.paired(points, parameters or set())
            result = self.compare(concrete, atoms, points, setting, holds, pairing)
            if isinstance(result, Evidence):
                return result
            evaluated += result
        if evaluated == 0:
            return Evidence("points", INCONCLUSIVE, reason="no point could be evaluated")
        return Evidence("points", AGREE, details={"points": evaluated, "skipped": skipped})

    def concrete(self, expr: sympy.Expr, setting: Setting) -> sympy.Expr:
        return unroll(expr.xreplace(dict(setting.values)) if setting.values else expr)

    def point(self, atoms: list, concrete: list) -> dict | None:
        for _ in range(MAX_DRAWS):
            values = {atom: draw_value(atom, self.rng) for atom in atoms}
            if all(_satisfied(c, values) for c in self.constraints):
                return values
        return None

    def paired(self, points: list[dict], parameters: set) -> list[dict]:
        """For \\equiv and \\propto: the second point of a pair keeps every non-parameter value."""
        out = []
        for p in points:
            twin = {k: (draw_value(k, self.rng) if _is_parameter(k, parameters) else v) for k, v in p.items()}
            out += [p, twin]
        return out

    def compare(self, concrete, atoms, points, setting, holds, pairing):
        if not points:
            return 0
        left, right = (_evaluate_many(e, atoms, points) for e in concrete)
        count = 0
        step = 2 if pairing else 1
        for i in range(0, len(points) - step + 1, step):
            pair = range(i, i + step)
            lv, rv = [left[j] for j in pair], [right[j] for j in pair]
            if not all(math.isfinite(v) for v in lv + rv):
                continue
            count += 1
            if holds(lv, rv, FLOAT_TOLERANCE):
                continue
            exact_l = [_exact(concrete[0], points[j]) for j in pair]
            exact_r = [_exact(concrete[1], points[j]) for j in pair]
            if None in exact_l or None in exact_r:
                continue
            if not holds(exact_l, exact_r, CONFIRM_TOLERANCE):
                return Evidence("points", DISAGREE, counterexample=_named(points[i], setting),
                                details={"left": float(exact_l[0]), "right": float(exact_r[0])})
        return count


def _is_parameter(atom, parameters: set) -> bool:
    if isinstance(atom, sympy.Indexed):
        return atom.base in parameters
    return atom in parameters


def labels(expr) -> set:
    """The Symbols naming vector bases: free_symbols lists them, but they take no value."""
    return {b.label for b in expr.atoms(sympy.IndexedBase)}


def _value_atoms(exprs: list[sympy.Expr]) -> set:
    atoms = set()
    for e in exprs:
        atoms |= {s for s in e.free_symbols - labels(e) if isinstance(s, sympy.Symbol) and not s.is_integer}
        atoms |= {ix for ix in e.atoms(sympy.Indexed) if all(i.is_Integer for i in ix.indices)}
    return atoms


def _satisfied(condition, values: dict) -> bool:
    result = condition.xreplace(values)
    return bool(result) if result in (sympy.true, sympy.false) else True


def _evaluate_many(expr: sympy.Expr, atoms: list, points: list[dict]) -> list[float]:
    columns = [np.array([float(p[a]) for p in points]) for a in atoms]
    return list(evaluate_many(expr, atoms, columns, count=len(points)))


def _exact(expr: sympy.Expr, point: dict) -> sympy.Expr | None:
    value = expr.xreplace(point).evalf(CONFIRM_DIGITS)
    if not value.is_number or value.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo) or not value.is_real:
        return None
    return value


def _named(point: dict, setting: Setting) -> dict[str, Any]:
    named = {str(s): int(v) for s, v in setting.values}
    named.update({latex_name(k): float(v) for k, v in point.items()})
    return dict(sorted(named.items()))
