"""The seeded points one diagnosis evaluates every candidate at."""
from __future__ import annotations

import numpy as np
import sympy

from ..checks.numeric import evaluate_many
from ..checks.draws import DIAGNOSIS_POINTS, DIAGNOSIS_SETTINGS
from ..checks.link import matrix_sizes
from ..checks.points import PointCheck
from ..model.atoms import integer_symbols, point_values
from ..semantics.reference import Reference


class Sampler:
    """Seeded points over the first dimension settings, shared by every candidate of one diagnosis."""

    def __init__(self, rng, exprs, reference: Reference, constraints):
        check = PointCheck(rng, {d for d in reference.dimensions.values() if isinstance(d, sympy.Symbol)},
                           constraints, matrix_sizes(reference))
        integers = integer_symbols(exprs)
        # A vector's length takes values even where no sum names it (-log w_x): the link's checks do the same.
        integers = sorted(integers | reference.length_symbols(exprs), key=str)
        settings = list(dict.fromkeys(check.settings(integers)))[:DIAGNOSIS_SETTINGS]
        self.check = check
        self.blocks = []
        for setting in settings:
            concrete = [check.concrete(e, setting) for e in exprs]
            atoms = sorted((a for a in point_values(concrete) if not isinstance(a, sympy.Dummy)), key=str)
            points = [p for p in (check.point(atoms, concrete, setting=dict(setting.values))
                                  for _ in range(DIAGNOSIS_POINTS)) if p]
            self.blocks.append((setting, atoms, points))

    def sizes(self) -> list[int]:
        return [len(points) for _, _, points in self.blocks]

    def values(self, expr: sympy.Expr) -> np.ndarray:
        return self.values_with(expr, None, np.array([]))

    def values_with(self, expr: sympy.Expr, symbol: sympy.Symbol | None, given: np.ndarray) -> np.ndarray:
        """Values at the points; `symbol`, when given, is no atom of theirs and takes `given` at each point."""
        out, start = [], 0
        for setting, atoms, points in self.blocks:
            concrete = self.check.concrete(expr, setting)
            columns = [np.array([float(p[a]) for p in points]) for a in atoms]
            if symbol is not None:
                atoms, columns = atoms + [symbol], columns + [given[start:start + len(points)]]
            start += len(points)
            out.append(evaluate_many(concrete, atoms, columns, count=len(points)))
        return np.concatenate(out) if out else np.array([])
