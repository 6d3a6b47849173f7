"""Draw ranges isolated from constraints, and the constrained rewriting used by symbolic proofs."""
from __future__ import annotations

import sympy

from derivlint.checks.constrained import substitution
from derivlint.checks.domains import bounds_of, draw_order, isolate
from derivlint.checks.points import _float_order, satisfied

a, b, x = sympy.symbols("a b x", real=True)
theta = sympy.Symbol("theta", positive=True)


def test_a_linear_constraint_bounds_its_atom():
    assert isolate(theta < 1, theta) == ("upper", 1, True)
    assert isolate(1 - theta > 0, theta) == ("upper", 1, True)
    assert isolate(x >= a, x) == ("lower", a, False)
    assert isolate(theta ** 2 > 0, theta) is None  # not linear: left to rejection


def test_bounds_are_drawn_after_the_atoms_they_use():
    bounds = bounds_of([x, b, a], [a < b, x > a, x < b])
    order = draw_order([a, b, x], bounds)
    assert order.index(x) == 2 and order[0] == a  # the cycle a < b is broken in list order
    assert bounds[x].at({a: sympy.Integer(1), b: sympy.Integer(3)}, False) == (1, 3)


def test_integer_bounds_round_inwards():
    k = sympy.Symbol("k", integer=True)
    bounds = bounds_of([k], [k > sympy.Rational(3, 2), k < 4])
    assert bounds[k].at({}, True) == (2, 3)


def test_a_constrained_symbol_is_rewritten_through_a_positive_one():
    rewrite, parameters = substitution([sympy.log(1 - theta)], [theta > 0, theta < 1], {theta})
    image = rewrite[theta]
    (s,) = image.free_symbols
    assert s.is_positive and s in parameters
    assert (1 - image).is_positive and image.is_positive  # the whole of (0, 1), nothing outside
    rewrite, _ = substitution([b - a], [a < b], set())
    assert (rewrite[b] - a).is_positive and a not in rewrite


def test_constraints_are_decided_in_floats_except_near_a_tie():
    c = sympy.Symbol("c", real=True)
    determinant = a * c - b ** 2 > 0
    clear = {a: sympy.Rational(3), b: sympy.Rational(1), c: sympy.Rational(2)}
    assert _float_order(determinant, clear) is True and satisfied(determinant, clear)
    # exactly singular: floats leave it to the exact rationals, which say no
    tie = {a: sympy.Rational(1, 3), b: sympy.Rational(1, 3), c: sympy.Rational(1, 3)}
    assert _float_order(determinant, tie) is None and not satisfied(determinant, tie)
    # a value missing: not decided here; SymPy's assumptions decide or leave it (then it holds)
    assert _float_order(a < b, {a: sympy.Integer(1)}) is None and satisfied(a < b, {a: sympy.Integer(1)})
