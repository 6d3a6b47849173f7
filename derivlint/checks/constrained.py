"""Constrained symbols rewritten through a positive Dummy, so SymPy's assumptions carry the constraint.

`0 < theta < 1` becomes theta = s / (1 + s) with s > 0, `b > a` becomes b = a + s: each map is
a bijection onto the constrained set, so an identity proved in s holds for every valid theta.
SymPy then knows 1 - theta = 1 / (1 + s) is positive, and log((1 - theta) / (1 - phi)) splits.
Only the constraints the draw ranges isolate are used: the rewritten domain holds the true one,
so a proof over it is still a proof.
"""
from __future__ import annotations

import sympy

from ..model.atoms import scalars_apart_from_vectors, symbols_but_stand_ins
from .domains import bounds_of, draw_order


def substitution(exprs: list, constraints: list, parameters: set) -> tuple[dict, set]:
    """(symbol -> expression in a positive Dummy, the parameters with their Dummies added)."""
    atoms = sorted(scalars_apart_from_vectors(exprs), key=str)
    bounds = bounds_of(atoms, constraints)
    done: dict = {}
    seen: set = set()
    parameters = set(parameters)
    for atom in draw_order(atoms, bounds):
        lows = _tightest([b for b, _ in bounds[atom].lower if _uses_only(b, seen)], +1)
        highs = _tightest([b for b, _ in bounds[atom].upper if _uses_only(b, seen)], -1)
        seen.add(atom)
        if atom.is_positive and not lows:
            lows = [sympy.Integer(0)]
        if len(lows) > 1 or len(highs) > 1 or not highs and (not lows or lows == [0] and atom.is_positive):
            continue  # nothing the assumptions do not say already, or two bounds of unknown order
        s = sympy.Dummy(f"{atom.name}_s", positive=True)
        done[atom] = _through(s, lows[0] if lows else None, highs[0] if highs else None).xreplace(done)
        if atom in parameters:
            parameters.add(s)
    return done, parameters


def _tightest(bounds: list, side: int) -> list:
    """The bounds no other one provably dominates (u beats u - c - d as a lower bound when c, d > 0)."""
    bounds = list(dict.fromkeys(bounds))
    return [b for b in bounds if not any(o != b and (side * (o - b)).is_nonnegative for o in bounds)]


def _uses_only(bound, known: set) -> bool:
    return symbols_but_stand_ins(bound) <= known and not bound.atoms(sympy.Indexed)


def _through(s, low, high) -> sympy.Expr:
    if low is not None and high is not None:
        return (low + high * s) / (1 + s)
    return low + s if low is not None else high - s
