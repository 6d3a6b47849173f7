"""Where random points rarely look: integers from their least value, an inequality's exact failure set."""
from __future__ import annotations

from dataclasses import dataclass
from itertools import product

import sympy
from sympy.core.function import AppliedUndef

from .budget import BudgetExceeded, time_budget
from .draws import WIDE_DIMENSIONS, WIDE_POINTS


@dataclass(frozen=True)
class Setting:
    """Values for every dimension and integer symbol: the expression is expanded once per setting."""

    values: tuple[tuple[sympy.Symbol, int], ...]


# --- integers ---------------------------------------------------------------------------
# An integer that is no dimension is also tried at each of its SCAN_SPAN least values (from its lower
# bound, 1 for a positive integer, or SCAN_FROM for a plain one), then at a few larger ones: claims true
# for the first few integers only (`2^d \le d^2 + 1` fails from d = 5, `d! \le 2^d` from 4) fail there.
SCAN_SPAN = 10
SCAN_FROM = -3
SCAN_LARGE = (16, 25, 40)  # offsets from the least value: long enough to pass polynomial-versus-power crossings
# Two integers are scanned together on a grid of their PAIR_SPAN least values each, where one may pass
# the other (`\sum_{i=m}^{n} 1 = n - m + 1` fails at m = n + 2); three or more are not scanned.
PAIR_SPAN = 5

# --- inequalities -----------------------------------------------------------------------
SEARCH_ATOMS = 4  # a link with more free values than this is left to the random points
SEARCH_SECONDS = 1.0  # SymPy's solveset, per variable: it may not terminate on transcendental gaps
FAILS = {"\\le": sympy.StrictGreaterThan, "<": sympy.GreaterThan, "\\ge": sympy.StrictLessThan,
         ">": sympy.LessThan}  # the gap left - right where the relation fails, against 0
RATIONAL_DIGITS = 40  # a point inside a solved interval, as an exact rational of this many digits


def domain_floor(symbol, low) -> int | None:
    """The least value an integer's domain allows: its lower bound, else 1 for a positive integer and 0
    for a nonnegative one; None for a plain integer."""
    if low is not None:
        return int(sympy.ceiling(low))
    return 1 if symbol.is_positive else 0 if symbol.is_nonnegative else None


def least_value(symbol, low) -> int:
    """Where a scan of the integer starts: its domain's floor, else SCAN_FROM."""
    floor = domain_floor(symbol, low)
    return SCAN_FROM if floor is None else floor


def scan_values(symbols: list, lows: dict, highs: dict) -> list[dict]:
    """Values of the integers to try beside the random settings: each one's least values and a few larger
    ones for one integer, a grid of least values for two, none for more. Values above a bound are left out."""
    if len(symbols) == 1:
        (s,) = symbols
        least = least_value(s, lows.get(s))
        values = [least + k for k in range(SCAN_SPAN)] + [least + k for k in SCAN_LARGE]
        return [{s: sympy.Integer(v)} for v in values if highs.get(s) is None or v <= highs[s]]
    if len(symbols) == 2:
        ranges = [[least_value(s, lows.get(s)) + k for k in range(PAIR_SPAN)] for s in symbols]
        grid = [dict(zip(symbols, map(sympy.Integer, pair))) for pair in product(*ranges)]
        return [g for g in grid if all(highs.get(s) is None or g[s] <= highs[s] for s in symbols)]
    return []


# --- the passes of a points check after its random settings --------------------------------
def passes(check, first: Setting, lengths: set, loose, order):
    """(setting, draw) for each pass after the random settings: WIDE_POINTS across magnitudes and, for a
    strict relation, where ties live, at the edge setting; each integer scanned from its least value;
    for an order, the exact set where it fails in one variable."""
    edge = edge_setting(check, first)

    def wide(concrete, atoms, values):
        points = [check.point(atoms, concrete, setting=values, wide=True) for _ in range(WIDE_POINTS)]
        return [p for p in points if p is not None] + (tie_points(check, atoms, concrete, values) if loose else [])
    yield edge, wide
    for setting in scanned(check, first, lengths):
        yield setting, lambda concrete, atoms, values: [p for p in [check.point(atoms, concrete, setting=values)]
                                                        if p is not None]
    if order is not None:
        yield first, lambda concrete, atoms, values: failures(check, concrete, atoms, values, order)


def scanned(check, first: Setting, lengths: set) -> list[Setting]:
    """The first setting with its integers scanned (scan_values), then with each dimension (not a matrix's
    size) alone at WIDE_DIMENSIONS."""
    symbols = [s for s, _ in first.values if s not in check.dimension_symbols and s not in lengths]
    bounds = check.bounds_for(symbols) if symbols else {}
    values = dict(first.values)
    lows, highs = {}, {}
    for s in symbols:
        lows[s], highs[s] = bounds[s].at(values, True)
    scans = scan_values(symbols, lows, highs)
    scans += [{s: sympy.Integer(n)} for s, _ in first.values
              if s in check.dimension_symbols and s not in check.matrix_sizes for n in WIDE_DIMENSIONS]
    return [Setting(tuple((s, {**values, **scan}[s]) for s, _ in first.values)) for scan in scans]


def failures(check, concrete, atoms, values, order) -> list[dict]:
    base = check.point(atoms, concrete, setting=values)
    if base is None:
        return []
    bounds = check.bounds_for(atoms)
    domains = {a: domain_of(a, *bounds[a].at(base, False)) for a in atoms if isinstance(a, sympy.Symbol)}
    found = [p for p in failure_points(concrete[0], concrete[1], order, base, domains)
             if check.meets_constraints(p)]
    check.to_confirm = max(check.to_confirm, len(found))  # chosen to fail: each is looked at in full precision
    return found


def tie_points(check, atoms: list, concrete: list, setting: dict) -> list[dict]:
    """`t^2 + 1 > 2t` ties at t = 1, `\\cosh s > 1` at s = 0: points with every atom free of bounds at 0
    (1 when it must be positive), then at 1; the draw policy keeps clear of both for equations, where a
    lost factor hides there, but a strict relation fails exactly there. Points that break a constraint go."""
    bounds = check.bounds_for(atoms)
    out = []
    for origin in (0, 1):
        fixed = {}
        for atom in atoms:
            low, high = bounds[atom].at({}, bool(atom.is_integer))
            if low is None and high is None:
                fixed[atom] = sympy.Integer(1 if origin == 1 or atom.is_positive else 0)
        if fixed:
            point = check.point(atoms, concrete, fixed, setting)
            if point is not None:
                out.append(point)
    return out


def edge_setting(check, first: Setting) -> Setting:
    """The first setting with every integer that is no dimension at the smallest value its domain allows
    (1 for a positive integer, 0 for a nonnegative one, its lower bound where a law gives one): where a
    sum's range empties (`\\sum_{i=1}^{n-2} 1 = n - 2` fails at n = 1)."""
    symbols = [s for s, _ in first.values]
    bounds = check.bounds_for(symbols) if symbols else {}
    values = dict(first.values)
    for s in symbols:
        if s in check.dimension_symbols:
            continue
        edge = domain_floor(s, bounds[s].at(values, True)[0])
        if edge is not None:
            values[s] = sympy.Integer(edge)
    return Setting(tuple((s, values[s]) for s in symbols))


# --- where an inequality fails ---------------------------------------------------------------
def failure_points(left: sympy.Expr, right: sympy.Expr, relation: str, base: dict, domains: dict) -> list[dict]:
    """Points that break `left relation right`: one variable at a time, the others held at `base`, the set
    where the relation fails solved exactly over the variable's domain, and one exact value inside each
    piece of it. Candidates only: the caller evaluates them. `domains`: each atom's sympy Interval."""
    fails = FAILS.get(relation)
    if fails is None or len(base) > SEARCH_ATOMS:
        return []
    if any(e.has(sympy.Integral, sympy.Sum, sympy.Product, AppliedUndef, sympy.Indexed) for e in (left, right)):
        return []
    out = []
    for atom in sorted(base, key=str):
        if not isinstance(atom, sympy.Symbol) or atom.is_integer or atom not in domains:
            continue
        others = {k: v for k, v in base.items() if k is not atom}
        gap = (left - right).xreplace(others)
        if gap.free_symbols != {atom}:
            continue
        try:
            with time_budget(SEARCH_SECONDS):
                found = sympy.solveset(fails(gap, 0), atom, domains[atom])
        except BudgetExceeded:
            continue
        except Exception:  # noqa: BLE001  solveset fails in many ways (AttributeError inside its inequality
            continue       # solver too); each only means no candidate from this variable
        out += [{**base, atom: value} for value in inside(found)]
    return out


def inside(found) -> list[sympy.Expr]:
    """One exact value in each interval of a solved set, and its isolated real points; nothing from a set
    SymPy leaves implicit (a ConditionSet)."""
    pieces = found.args if isinstance(found, sympy.Union) else (found,)
    values = []
    for piece in pieces:
        if isinstance(piece, sympy.FiniteSet):
            values += [v for v in piece if v.is_number and v.is_real and v.is_finite]
        elif isinstance(piece, sympy.Interval):
            value = _within(piece)
            if value is not None:
                values.append(value)
    return values


def _within(interval: sympy.Interval) -> sympy.Expr | None:
    low, high = interval.start, interval.end
    if low == -sympy.oo and high == sympy.oo:
        return sympy.Integer(1)
    # An integer well past a bound (2^1001 for t > 2^1000): just past it the gap may be below double precision.
    if high == sympy.oo:
        return sympy.ceiling(low + sympy.Max(1, abs(low)))
    if low == -sympy.oo:
        return sympy.floor(high - sympy.Max(1, abs(high)))
    middle = sympy.Rational(str(((low + high) / 2).evalf(RATIONAL_DIGITS)))
    return middle if interval.contains(middle) == sympy.true else None


def domain_of(atom, low, high) -> sympy.Interval:
    """The atom's values by its assumptions, within numeric bounds where the constraints give them."""
    lower = sympy.Integer(0) if (atom.is_positive or atom.is_nonnegative) else -sympy.oo
    if low is not None:
        lower = low if lower == -sympy.oo else sympy.Max(lower, low)
    upper = high if high is not None else sympy.oo
    return sympy.Interval(lower, upper, left_open=bool(atom.is_positive) or low is not None,
                          right_open=True)
