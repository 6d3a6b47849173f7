"""An oracle's numbers: an estimate with its error, and a member's value propagated from its quantities'."""
from __future__ import annotations

import math
from dataclasses import dataclass

import sympy


@dataclass(frozen=True)
class Estimate:
    """A number and its error: Monte Carlo's standard error, quadrature's gap to the rule at twice the step."""

    value: float
    error: float = 0.0


def member_value(expr, estimates: dict) -> tuple[float, float] | None:
    """The member's value and standard error, propagated linearly from the quantities' errors."""
    values = {s: sympy.Float(e.value, 30) for s, e in estimates.items()}
    number = expr.xreplace(values).evalf(30)
    if not number.is_number or not number.is_real:
        return None
    error2 = 0.0
    for s, e in estimates.items():
        if e.error:
            slope = expr.diff(s).xreplace(values).evalf(30)
            error2 += float(slope) ** 2 * e.error ** 2
    return float(number), math.sqrt(error2)
