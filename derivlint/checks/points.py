"""Random points: both members evaluated at seeded points; a disagreement counts once mpmath confirms it."""
from __future__ import annotations

import cmath
from functools import lru_cache
from itertools import chain
from typing import Any, Callable

import numpy as np
import sympy

from ..model.atoms import integer_settings, point_values
# Kept for derivlint/diagnose until it is switched to derivlint/model/atoms.py:
from .domains import bounds_of, draw_order
from .draws import MAX_DRAWS, POINTS_PER_LINK, WIDE_POINTS, dimension_at, draw_value, matrix_size_at, unbounded_integer
from .exact import CONFIRM_DIGITS, FLOAT_TOLERANCE, certified_gap, differ, exact_value, infinite_side, pole_against_value
from .relations import ORDERS, pairs
from .relations import holds as holds_at
from .search import Setting, passes
from .evidence import AGREE, DISAGREE, INCONCLUSIVE, Evidence
from .numeric import MissingValue, Unsupported, evaluate, evaluate_many, unroll

CONFIRM_TOLERANCE = sympy.Rational(1, 10**25)  # at 50 digits, equal members differ by ~1e-48
# Agreement in floating point hides gaps below 1e-8 (`s + 10^{-10} = s`, `e^{\pi\sqrt{163}} = 640320^3 + 744`):
# the first points that agree are looked at again at 50 digits, a gap there a counterexample.
CONFIRMED_AGREEMENTS = 2
AGREEMENT_DIGITS = 60  # SymPy's evalf keeps its digits through cancellation: equal members differ by ~1e-58
AGREEMENT_TOLERANCE = sympy.Rational(1, 10**40)  # far above that noise, far below the 3e-30 of Ramanujan's e^{pi sqrt 163}


def latex_name(atom) -> str:
    if isinstance(atom, sympy.Indexed):
        return f"{atom.base.label}_{atom.indices[0]}"
    return str(atom)


class PointCheck:
    """Evaluates `residual(a, b)` at seeded points for one link; `holds` decides per point."""

    def __init__(self, rng: np.random.Generator, dimension_symbols: set, constraints: list,
                 matrix_sizes: set = frozenset()):
        self.rng = rng
        self.dimension_symbols = set(dimension_symbols) | set(matrix_sizes)
        self.matrix_sizes = matrix_sizes  # the sizes of declared matrices: drawn over MATRIX_SIZES
        self.constraints = constraints
        # A law whose parameters are valid only once normalised (a Categorical's simplex) says so here.
        self.normalisers = getattr(constraints, "normalisers", ())
        self.bounds: dict[tuple, dict] = {}

    def settings(self, integer_symbols: list) -> list[Setting]:
        if not integer_symbols:
            return [Setting(())] * POINTS_PER_LINK
        bounds = self.bounds_for(integer_symbols)
        out = []
        for i in range(POINTS_PER_LINK):
            values = {s: (matrix_size_at if s in self.matrix_sizes else dimension_at)(i + n)
                      for n, s in enumerate(integer_symbols) if s in self.dimension_symbols}
            for s in integer_symbols:
                if s not in self.dimension_symbols:
                    low, high = bounds[s].at(values, True)  # a law's support: Bernoulli x in {0, 1}
                    drawn = None if low is None and high is None else draw_value(s, self.rng, low, high)
                    values[s] = drawn if drawn is not None else sympy.Integer(unbounded_integer(self.rng))
            out.append(Setting(tuple((s, values[s]) for s in integer_symbols)))
        return out

    def near_tie(self, exact_l: list, exact_r: list, tolerance) -> bool:
        loose = getattr(self, "loose", None)
        return (loose is not None and loose(exact_l, exact_r, tolerance)
                and any(l != r for l, r in zip(exact_l, exact_r)))

    def bounds_for(self, atoms: list) -> dict:
        key = tuple(atoms)
        if key not in self.bounds:
            self.bounds[key] = bounds_of(atoms, self.constraints)
        return self.bounds[key]

    def run(self, a: sympy.Expr, b: sympy.Expr, relation: str, parameters: set | None = None,
            lengths: set = frozenset()) -> Evidence:
        """`lengths`: the symbolic lengths of the vectors used, which take values even where no sum
        names them (a Categorical's w_x is drawn knowing K)."""
        holds, pairing, order_free = holds_at(relation), pairs(relation), relation not in ORDERS
        # A strict relation is also tried where ties live, and a near-tie it meets is decided by the gap's
        # certified digits; an order, also where it fails in one variable (checks/search.py).
        loose = holds_at(relation, strict=False) if relation in ("<", ">") else None
        order = relation if relation in ORDERS else None
        integers = sorted(integer_settings([a, b]) | set(lengths), key=str)
        by_setting: dict[Setting, list[int]] = {}
        settings = self.settings(integers)
        for i, setting in enumerate(settings):
            by_setting.setdefault(setting, []).append(i)
        self.to_confirm = CONFIRMED_AGREEMENTS
        self.loose = loose
        skipped = []

        def at_random(count):
            def draw(concrete, atoms, values):
                points = [self.point(atoms, concrete, setting=values) for _ in range(count)]
                skipped.append(points.count(None))
                return [p for p in points if p is not None]
            return draw
        # the random settings first; then, once a point was evaluated, where random points rarely look
        first = [(setting, at_random(len(indices))) for setting, indices in sorted(by_setting.items(), key=lambda kv: kv[1][0])]
        evaluated = 0
        for index, (setting, draw) in enumerate(chain(first, passes(self, settings[0], set(lengths), loose, order))):
            if index == len(first) and not evaluated:
                break
            concrete = [self.concrete(e, setting) for e in (a, b)]
            atoms = sorted(point_values(concrete), key=latex_name)
            points = draw(concrete, atoms, dict(setting.values))
            if pairing:
                points = self.paired(points, parameters or set(), dict(setting.values))
            result = self.compare(concrete, atoms, points, setting, holds, pairing, order_free)
            if isinstance(result, Evidence):
                return result
            evaluated += result
        if evaluated == 0:
            return Evidence("points", INCONCLUSIVE, reason="no point could be evaluated")
        return Evidence("points", AGREE, details={"points": evaluated, "skipped": sum(skipped)})

    def meets_constraints(self, point: dict) -> bool:
        return all(satisfied(c, point) for c in self.constraints)

    def concrete(self, expr: sympy.Expr, setting: Setting) -> sympy.Expr:
        """The expression at the setting's integers, its sums unrolled: what the points are drawn for."""
        return unrolled_at(expr, setting.values)

    def point(self, atoms: list, concrete: list, fixed: dict | None = None, setting: dict | None = None,
              wide: bool = False) -> dict | None:
        """Values for the atoms inside their bounds, normalised (knowing the integer `setting`, which gives
        vectors their length), and satisfying every constraint."""
        bounds = self.bounds_for(atoms)
        order = draw_order(atoms, bounds)
        for _ in range(MAX_DRAWS):
            values = dict(fixed or {})
            for atom in order:
                if atom not in values:
                    values[atom] = draw_value(atom, self.rng, *bounds[atom].at(values, bool(atom.is_integer)), wide=wide)
                    if values[atom] is None:
                        break
            else:
                for normalise in self.normalisers:
                    values = normalise(values, setting or {})
                if all(satisfied(c, values) for c in self.constraints):
                    return {atom: values[atom] for atom in atoms}
        return None

    def paired(self, points: list[dict], parameters: set, setting: dict | None = None) -> list[dict]:
        """For \\equiv and \\propto: the second point of a pair keeps every non-parameter value."""
        out = []
        for p in points:
            kept = {k: v for k, v in p.items() if not is_parameter(k, parameters)}
            twin = self.point(list(p), [], kept, setting)
            if twin is not None:
                out += [p, twin]
        return out

    def compare(self, concrete, atoms, points, setting, holds, pairing, order_free=True):
        if not points:
            return 0
        # Complex arithmetic: a side that is not real where the other is (a log of a negative
        # number, say) is a disagreement for an equation, not a point to skip.
        left, right = (_evaluate_many(e, atoms, points) for e in concrete)
        count = 0
        step = 2 if pairing else 1
        for i in range(0, len(points) - step + 1, step):
            pair = range(i, i + step)
            lv, rv = [left[j] for j in pair], [right[j] for j in pair]
            if not all(cmath.isfinite(v) for v in lv + rv):
                outcome = infinite_side(concrete, [points[j] for j in pair], holds)
                if outcome is None and pole_against_value(concrete, [points[j] for j in pair]):
                    outcome = False
                if outcome is False:
                    return Evidence("points", DISAGREE, counterexample=named_point(points[i], setting),
                                    details={"point": {**dict(setting.values), **points[i]}})
                count += outcome is True
                continue
            if not order_free and any(v.imag for v in lv + rv):
                continue
            lv, rv = (_plain(v) for v in lv), (_plain(v) for v in rv)
            lv, rv = list(lv), list(rv)
            count += 1
            agreed = holds(lv, rv, FLOAT_TOLERANCE)
            if agreed and getattr(self, "to_confirm", 0) <= 0:
                continue
            if agreed:
                self.to_confirm -= 1
            digits, tolerance = (AGREEMENT_DIGITS, AGREEMENT_TOLERANCE) if agreed else (CONFIRM_DIGITS, CONFIRM_TOLERANCE)
            exact_l = [exact_value(concrete[0], points[j], digits) for j in pair]
            exact_r = [exact_value(concrete[1], points[j], digits) for j in pair]
            if None in exact_l or None in exact_r:
                continue
            if not order_free and not all(v.is_real for v in exact_l + exact_r):
                continue
            close = holds(exact_l, exact_r, tolerance) or self.near_tie(exact_l, exact_r, tolerance)
            if close and step == 1 and differ(exact_l[0], exact_r[0]):
                # Below the tolerance but not the same number: the gap itself, to digits evalf certifies,
                # decides (`erf(10) = 1` is 2e-45 short; `1/(1+e^{-108}) < 1` holds by 1e-47).
                gap = certified_gap(concrete[0], concrete[1], points[i])
                close = gap is None or holds([gap], [sympy.Integer(0)], 0)
            if not close:
                return Evidence("points", DISAGREE, counterexample=named_point(points[i], setting),
                                details={"left": str(exact_l[0].evalf(8)), "right": str(exact_r[0].evalf(8)),
                                         "point": {**dict(setting.values), **points[i]}})
        return count


@lru_cache(maxsize=2048)
def unrolled_at(expr: sympy.Expr, values: tuple) -> sympy.Expr:
    """The expression at integer values, its sums unrolled. Cached: a member is a side of two links and
    is judged against the first one too, and the oracle and the diagnosis draw the same settings."""
    return unroll(expr.xreplace(dict(values)) if values else expr)


def is_parameter(atom, parameters: set) -> bool:
    if isinstance(atom, sympy.Indexed):
        return atom.base in parameters
    return atom in parameters


# A constraint decided in floating point when its sides are this far apart (relative); closer,
# the exact rationals decide. Double precision errs by ~1e-15 on these small polynomials.
CONSTRAINT_MARGIN = 1e-9
_ORDER_TESTS = {">": lambda gap: gap > 0, ">=": lambda gap: gap >= 0, "<": lambda gap: gap < 0,
                "<=": lambda gap: gap <= 0}


def satisfied(condition, values: dict) -> bool:
    """Whether the values meet a constraint; one that cannot be evaluated is not held against them."""
    quick = _float_order(condition, values)
    if quick is not None:
        return quick
    try:
        result = condition.xreplace(values)
    except TypeError:  # `\sqrt{1 - \alpha} > 0` at alpha > 1: a parameter that is not real breaks its constraint
        return False
    return bool(result) if result in (sympy.true, sympy.false) else True


def _float_order(condition, values: dict) -> bool | None:
    """An order constraint in floats, 100 times faster than SymPy's rationals; None near a tie."""
    test = _ORDER_TESTS.get(getattr(condition, "rel_op", None))
    if test is None:
        return None
    env = {k: float(v) for k, v in values.items()}
    try:
        with np.errstate(all="ignore"):
            left, right = (float(evaluate(side, env)) for side in condition.args)
    except (MissingValue, Unsupported, TypeError, ValueError):
        return None
    gap = left - right
    if not np.isfinite(gap) or abs(gap) <= CONSTRAINT_MARGIN * (1 + abs(left) + abs(right)):
        return None
    return test(gap)


def _evaluate_many(expr: sympy.Expr, atoms: list, points: list[dict]) -> list[complex]:
    columns = [np.array([float(p[a]) for p in points]) for a in atoms]
    return list(evaluate_many(expr, atoms, columns, count=len(points), complex_values=True))


def _plain(value: complex):
    """A real number when the imaginary part is only rounding, else the complex value."""
    return value.real if abs(value.imag) <= 1e-12 * (1 + abs(value.real)) else value


def named_point(point: dict, setting: Setting) -> dict[str, Any]:
    named = {str(s): int(v) for s, v in setting.values}
    named.update({latex_name(k): float(v) for k, v in point.items()})
    return dict(sorted(named.items()))
