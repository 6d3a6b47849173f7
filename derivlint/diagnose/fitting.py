"""Numeric fits of a diagnosis: simple rational ratios, and the root of a gap at every point."""
from __future__ import annotations

from fractions import Fraction
from typing import Callable

import numpy as np
import sympy

FIT_TOLERANCE = 1e-7  # a ratio constant to 7 digits over 15 points is a constant, not a coincidence
SIMPLE_DENOMINATOR = 12  # factors such as 2, 1/2, 3/2 are slips; 37/29 is not


def secant(gap: Callable, start: np.ndarray, target: np.ndarray) -> np.ndarray:
    """Where gap(t) = 0 at each point, by secant steps from `start` and `start + 1`; a step that leaves
    the domain (the log of a negative) is halved. nan where the steps do not converge."""
    previous, current = start, start + 1.0
    f_previous, f_current = gap(previous), gap(current)
    tiny = 1e-11 * (1 + np.abs(target))
    # Where the place has no influence (a base raised to the power 0 at x = 1), every t holds: no value.
    idle = (np.abs(f_previous) <= tiny) & (np.abs(f_current) <= tiny)
    for _ in range(40):
        with np.errstate(all="ignore"):
            step = f_current * (current - previous) / (f_current - f_previous)
        done = np.abs(f_current) <= tiny
        step[done | ~np.isfinite(step)] = 0.0
        if not step.any():
            break
        step, trial = _inside_domain(gap, current, step, f_current)
        previous, f_previous = current, f_current
        current, f_current = current - step, trial
    converged = (np.abs(f_current) <= 1e-9 * (1 + np.abs(target))) & ~idle
    return np.where(converged, current, np.nan)


def _inside_domain(gap: Callable, current: np.ndarray, step: np.ndarray, f_current: np.ndarray):
    """The step, halved where it leaves the domain (the log of a negative), and the gap after it."""
    trial = gap(current - step)
    for _ in range(30):
        out = ~np.isfinite(trial) & np.isfinite(f_current) & (step != 0)
        if not out.any():
            break
        step[out] /= 2
        trial = gap(current - step)
    return step, trial


def common_ratios(solved: np.ndarray, values: np.ndarray) -> list[sympy.Rational]:
    """Simple nonzero constants c such that, at every point where some row's ratio to the values is finite,
    some row equals c times the values (at least 3 such points)."""
    with np.errstate(all="ignore"):
        ratios = solved / values
    finite = np.isfinite(ratios)
    solved_at = finite.any(axis=0)
    if solved_at.sum() < 3:
        return []
    first = int(np.argmax(solved_at))
    found = []
    for r in ratios[finite[:, first], first]:
        c = simple_rational(float(r))
        if c is None or c == 0:
            continue
        near = np.abs(np.where(finite, ratios, np.inf) - float(c)) <= FIT_TOLERANCE * (1 + abs(float(c)))
        if near.any(axis=0)[solved_at].all() and c not in found:
            found.append(c)
    return found


def constant_ratio(numerator: np.ndarray, denominator: np.ndarray) -> sympy.Rational | None:
    """The simple rational that numerator / denominator is at every point where both are finite, else None."""
    ok = np.isfinite(numerator) & np.isfinite(denominator) & (np.abs(denominator) > 1e-12)
    if ok.sum() < 3:
        return None
    ratio = numerator[ok] / denominator[ok]
    if np.ptp(ratio) > FIT_TOLERANCE * (1 + np.abs(ratio).max()):
        return None
    return simple_rational(float(np.median(ratio)))


def simple_rational(value: float) -> sympy.Rational | None:
    """The fraction with a small denominator (2, 1/2, 3/2) that the value is, to the fit's tolerance."""
    simple = Fraction(value).limit_denominator(SIMPLE_DENOMINATOR)
    if abs(float(simple) - value) > FIT_TOLERANCE * (1 + abs(float(simple))):
        return None
    return sympy.Rational(simple.numerator, simple.denominator)
