"""Where to draw each atom: bounds isolated from the families' constraints and supports.

A constraint linear in an atom with a numeric or positive slope (`theta < 1`, `b > a`,
`x >= x_m`, `a c - b^2 > 0`) bounds that atom; others (`sigma^2 > 0`) are left to rejection. Atoms are drawn in an order where the
atoms a bound uses come first when they can (`a`, then `b > a`, then `a < x < b`).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import sympy
from sympy.core.relational import Relational

from ..model.atoms import symbols_and_components

LOWER_KINDS = (sympy.StrictGreaterThan, sympy.GreaterThan)
UPPER_KINDS = (sympy.StrictLessThan, sympy.LessThan)


@dataclass
class Bounds:
    """Lower and upper bounds of one atom, as expressions; `strict` per bound for integers."""

    lower: list[tuple[sympy.Expr, bool]] = field(default_factory=list)
    upper: list[tuple[sympy.Expr, bool]] = field(default_factory=list)

    def atoms(self) -> set:
        return {a for bound, _ in self.lower + self.upper for a in symbols_and_components(bound)}

    def at(self, values: dict, integer: bool) -> tuple:
        """(lowest, highest) allowed at these values; None where no bound is numeric yet."""
        lows = [_number(b, values, s, integer, +1) for b, s in self.lower]
        highs = [_number(b, values, s, integer, -1) for b, s in self.upper]
        lows, highs = [v for v in lows if v is not None], [v for v in highs if v is not None]
        return (max(lows) if lows else None), (min(highs) if highs else None)


def _number(bound, values: dict, strict: bool, integer: bool, side: int):
    value = bound.xreplace(values)
    if not value.is_number or not value.is_finite:
        return None
    if integer:  # the nearest integer inside: k > 1.5 means k >= 2, k > 1 means k >= 2
        value = sympy.ceiling(value) if side > 0 else sympy.floor(value)
        value += side if strict and (bound.xreplace(values) == value) else 0
    return value


def isolate(condition, atom) -> tuple[str, sympy.Expr, bool] | None:
    """('lower' | 'upper', bound, strict) when the condition is linear in atom, else None."""
    if not isinstance(condition, Relational) or not isinstance(condition, LOWER_KINDS + UPPER_KINDS):
        return None
    gap = condition.lhs - condition.rhs if isinstance(condition, LOWER_KINDS) else condition.rhs - condition.lhs
    slope = sympy.expand(gap).coeff(atom) if atom in symbols_and_components(gap) else sympy.Integer(0)
    rest = sympy.expand(gap - slope * atom)
    # A slope positive by the declared assumptions bounds the atom too: a c - b^2 > 0 gives c > b^2 / a.
    signed = slope.is_Number and slope != 0 or slope.is_positive and atom not in symbols_and_components(slope)
    if not signed or atom in symbols_and_components(rest):
        return None
    strict = isinstance(condition, (sympy.StrictGreaterThan, sympy.StrictLessThan))
    return ("lower" if slope > 0 else "upper"), -rest / slope, strict  # gap = slope atom + rest > 0


def bounds_of(atoms, constraints: list) -> dict:
    """Every atom's bounds; the constraints that bound no atom are left to rejection."""
    found = {a: Bounds() for a in atoms}
    for condition in constraints:
        for atom in found:
            isolated = isolate(condition, atom)
            if isolated is not None:
                side, bound, strict = isolated
                getattr(found[atom], side).append((bound, strict))
    return found


def draw_order(atoms: list, bounds: dict) -> list:
    """Atoms whose bounds use no undrawn atom first; a cycle (a < b, b > a) is broken in list order."""
    order, left = [], list(atoms)
    while left:
        ready = [a for a in left if not (bounds[a].atoms() & set(left)) - {a}]
        pick = ready[0] if ready else min(left, key=lambda a: len(bounds[a].atoms() & set(left)))
        order.append(pick)
        left.remove(pick)
    return order
