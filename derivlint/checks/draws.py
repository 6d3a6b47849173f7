"""The draw policy: which values the checks give the atoms, and how many points; each number once."""
from __future__ import annotations

import numpy as np
import sympy

# --- how many points -------------------------------------------------------------------
POINTS_PER_LINK = 24  # at least 20 (issue 3), spread over dimensions 1, 2 and 3: 8 settings each
# Each oracle point costs a quadrature or Monte Carlo samples per quantity: a few settings per link,
# beside the points check's 24, keep a link within its budget.
ORACLE_POINTS = {"quadrature": 3, "montecarlo": 2}
CROSSCHECK_POINTS = 50  # parameter sets per closed form: scipy is cheap, 50 cycle each dimension ~17 times
MAX_EXAMPLES = 40  # the property run's Hypothesis examples per claim: with shrinking, a few seconds a note
# A diagnosis compares every candidate edit at few points (it confirms the winner symbolically):
# 5 points in each of the first 3 dimension settings.
DIAGNOSIS_POINTS, DIAGNOSIS_SETTINGS = 5, 3
MAX_DRAWS = 200  # redraws allowed to satisfy the families' constraints; then the setting gives no point

# --- integers --------------------------------------------------------------------------
DIMENSIONS = (1, 2, 3)  # the scalar case and the two smallest vectors, where sums over components show
# The size of a declared matrix (`spd matrix[k]`): 2 and 3 first, where the oracles look (a product of
# matrices does not commute there), then 4 and the scalar case 1.
MATRIX_SIZES = (2, 3, 4, 1)
INTEGERS = (2, 3, 4)  # unbounded integers: past 0 and 1, where k, k^2 and k! coincide; small, so sums stay short
INTEGER_SPAN = 6  # integers above an open lower bound: enough for k, k^2 and log k! to differ

# --- reals -----------------------------------------------------------------------------
HUNDREDTHS = 100  # values are whole hundredths: exact Rationals of three significant digits at most
MAGNITUDES = (0.3, 2.5)  # a free real's |value|: of order one, so no term swamps another
# Beside them, a few wide points per link: magnitudes log-uniform over six decades, where claims true only
# near 1 fail (`H \ge 0` for a Normal fails at sigma < 0.242; `\sqrt{(x^2 - 1/100)^2} = x^2 - 1/100` at |x| < 0.1).
# Floating point may overflow or cancel there: a disagreement still counts only once mpmath confirms it.
WIDE_POINTS = 6
WIDE_DECADES = (-3, 3)
WIDE_INTEGERS = (2, 8)  # an unbounded integer at a wide point: past the 2..4 where d! and 2^d still agree
WIDE_TAIL = (7, 30)  # an integer with one bound (a Poisson's k) at a wide point: this far past it, in the tail
# Beside the settings' DIMENSIONS, each dimension is also tried alone at these (checks/search.py): a claim
# true for vectors of up to 3 components only fails there.
WIDE_DIMENSIONS = (4, 5, 6)
ONE_CLEARANCE = 0.1  # a magnitude this close to 1 is redrawn: at 1 a lost power or logarithm vanishes
INTERIOR = (0.1, 0.9)  # a value between two bounds lies in this fraction of the interval, clear of its ends
MIDPOINT_CLEARANCE = 0.05  # and this far from its middle, where p and 1 - p coincide
BLIND_SPOT = sympy.Rational(1, 20)  # a bounded draw stays this far from 0 and 1 (a lost factor or power hides there)
BLIND_SPOT_TRIES = 20  # then the interval is taken to hold no clear value


def hundredths(fraction: float) -> int:
    """The fraction as a whole number of hundredths."""
    return int(round(fraction * HUNDREDTHS))


# --- the property run (Hypothesis) -----------------------------------------------------
# It draws integers that Hypothesis can shrink, read as hundredths: the same interior, midpoint and
# 1 clearances as above, and the same DIMENSIONS, INTEGERS and INTEGER_SPAN.
PROPERTY_INTERIOR = (hundredths(INTERIOR[0]), hundredths(INTERIOR[1]))
PROPERTY_MIDPOINT = hundredths(0.5)
PROPERTY_MIDPOINT_CLEARANCE = hundredths(MIDPOINT_CLEARANCE)
PROPERTY_ONE_CLEARANCE = hundredths(ONE_CLEARANCE)
# Its magnitudes are wider than MAGNITUDES: from 0.2, to 3 for reals and to 4 for positives, so it
# also tries values the points check never draws. They came with the plugin and are kept as they
# are: `pytest derivations/` draws what it drew before.
PROPERTY_MIN_MAGNITUDE = 20
PROPERTY_REAL_MAX = 300
PROPERTY_POSITIVE_MAX = 400
# Hypothesis shrinks an integer towards 0: drawn as an offset from 0.5, a shrunk counterexample
# reads 0.5, 0.51, ..., clear of both blind spots.
SHRINK_TARGET = hundredths(0.5)


def dimension_at(k: int) -> sympy.Integer:
    """The k-th setting's dimension: settings cycle over DIMENSIONS."""
    return sympy.Integer(DIMENSIONS[k % len(DIMENSIONS)])


def matrix_size_at(k: int) -> sympy.Integer:
    """The k-th setting's size of a declared matrix: settings cycle over MATRIX_SIZES."""
    return sympy.Integer(MATRIX_SIZES[k % len(MATRIX_SIZES)])


def unbounded_integer(rng: np.random.Generator) -> int:
    """One of INTEGERS, for an integer no bound or dimension gives a value."""
    return int(rng.integers(INTEGERS[0], INTEGERS[-1] + 1))


def draw_value(atom, rng: np.random.Generator, low=None, high=None, wide: bool = False) -> sympy.Rational | None:
    """A value away from blind spots (not 0, not 1, three significant digits, exact as a Rational),
    inside (low, high) where bounds are given; None when the bounds leave no room. `wide`: an unbounded
    magnitude (or an offset from a single bound) log-uniform over WIDE_DECADES instead."""
    integer = bool(getattr(atom, "is_integer", False))
    if low is None and high is None:
        return _wide(atom, rng, integer) if wide else _unbounded(atom, rng, integer)
    if atom.is_positive or atom.is_nonnegative:  # the declared assumptions bound the atom too
        floor = (1 if atom.is_positive else 0) if integer else 0
        low = floor if low is None else max(low, floor)
    if integer and wide and (low is None) != (high is None):  # a law's tail: a Poisson k at 7..30
        offset = int(rng.integers(WIDE_TAIL[0], WIDE_TAIL[1] + 1))
        return sympy.Integer(int(low) + offset if low is not None else int(high) - offset)
    if integer:
        return _integer_between(rng, low, high)
    if wide and (low is None) != (high is None):
        offset = _wide(atom, rng, False, positive=True)
        return low + offset if low is not None else high - offset
    for _ in range(BLIND_SPOT_TRIES):
        value = _between(rng, low, high)
        if value is None or abs(value) > BLIND_SPOT and abs(value - 1) > BLIND_SPOT:
            return value
    return value


def _unbounded(atom, rng: np.random.Generator, integer: bool) -> sympy.Rational:
    positive = bool(atom.is_positive or atom.is_nonnegative)
    magnitude = _magnitude(rng)
    sign = 1 if positive else (1 if rng.random() < 0.5 else -1)
    value = sympy.Rational(hundredths(magnitude), HUNDREDTHS) * sign
    if integer:  # drawn after a magnitude and sign it ignores, so the seeded sequence stays as it was
        return sympy.Integer(unbounded_integer(rng) * (sign if not positive else 1))
    return value


def _wide(atom, rng: np.random.Generator, integer: bool, positive: bool = False) -> sympy.Rational:
    """A wide draw: three significant digits at a magnitude 10^u, u uniform over WIDE_DECADES."""
    positive = positive or bool(atom.is_positive or atom.is_nonnegative)
    sign = 1 if positive or rng.random() < 0.5 else -1
    if integer:
        return sympy.Integer(int(rng.integers(WIDE_INTEGERS[0], WIDE_INTEGERS[1] + 1)) * sign)
    exponent = int(np.floor(rng.uniform(*WIDE_DECADES)))
    mantissa = int(rng.integers(101, 1000))  # 1.01 .. 9.99: never a power of ten, where logs vanish
    return sign * sympy.Rational(mantissa, 100) * sympy.Rational(10) ** exponent


def _magnitude(rng: np.random.Generator) -> float:
    while True:
        magnitude = rng.uniform(*MAGNITUDES)
        if abs(magnitude - 1) > ONE_CLEARANCE:
            return magnitude


def _between(rng: np.random.Generator, low, high) -> sympy.Rational | None:
    """Inside an interval, clear of its ends and of its midpoint (where p and 1 - p coincide)."""
    if low is not None and high is not None:
        if high <= low:
            return None
        while True:
            u = rng.uniform(*INTERIOR)
            if abs(u - 0.5) > MIDPOINT_CLEARANCE:
                return low + sympy.Rational(hundredths(u), HUNDREDTHS) * (high - low)
    offset = sympy.Rational(hundredths(_magnitude(rng)), HUNDREDTHS)
    return low + offset if low is not None else high - offset


def _integer_between(rng: np.random.Generator, low, high) -> sympy.Integer | None:
    """An integer in [low, high]; an open end leaves INTEGER_SPAN values (Poisson k in 0..6)."""
    low = high - INTEGER_SPAN if low is None else low
    high = low + INTEGER_SPAN if high is None else high
    if high < low:
        return None
    return sympy.Integer(int(rng.integers(int(low), int(high) + 1)))
