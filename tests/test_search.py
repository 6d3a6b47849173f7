"""Where random points rarely look (issue 12): integers from their least value, poles at admissible
integers, and the exact set where an inequality fails; each candidate confirmed before it refutes."""
from __future__ import annotations

import sympy

from helpers import check_text, verdicts
from derivlint.checks.search import domain_of, inside, scan_values
from derivlint.model.options import Options

INTEGERS = "---\nverify:\n  symbols:\n    n, m, d: positive integer\n    x: real\n---\n"
REALS = "---\nverify:\n  symbols:\n    x: real\n    t: positive\n---\n"


def _note(front: str, *formulas: str) -> str:
    return front + "\n\n".join("$$" + f + "$$" for f in formulas) + "\n"


def test_an_integer_is_scanned_past_the_values_the_settings_draw(tmp_path):
    result = check_text(tmp_path, _note(INTEGERS, "2^{d} \\le d^{2} + 1", "2^{d} \\ge d + 1"), Options(budget=30.0))
    assert verdicts(result) == ["refuted", "consistent"]
    assert result.claims[0].links[0].counterexample["d"] >= 5  # 2^d <= d^2 + 1 holds for d = 1..4


def test_two_integers_are_scanned_together_where_one_passes_the_other(tmp_path):
    result = check_text(tmp_path, _note(INTEGERS, "\\sum_{i=m}^{n} 1 = n - m + 1", "\\sum_{i=1}^{n} 1 = n"),
                        Options(budget=30.0))
    assert verdicts(result) == ["refuted", "verified"]
    point = result.claims[0].links[0].counterexample
    assert point["m"] >= point["n"] + 2  # the empty sum is 0, the right side negative


def test_a_pole_at_an_admissible_integer_refutes_and_a_real_one_does_not(tmp_path):
    result = check_text(tmp_path, _note(
        INTEGERS,
        "\\prod_{i=1}^{n-2} i = \\Gamma(n-1)",  # n = 1: the empty product 1 against a pole of Gamma
        "\\sum_{i=1}^{n-2} \\frac{1}{i(i+1)} = 1 - \\frac{1}{n-1}",  # n = 1: 0 against 1 - 1/0
        "\\prod_{i=1}^{n} i = \\Gamma(n+1)",
        "\\frac{1}{x^{2}} > 0",  # undefined at x = 0, a real point: skipped, not a counterexample
    ), Options(budget=30.0))
    found = verdicts(result)
    assert found[:2] == ["refuted", "refuted"]
    assert [c.links[0].counterexample["n"] for c in result.claims[:2]] == [1, 1]
    assert found[2] in ("verified", "consistent") and found[3] in ("verified", "consistent")


def test_an_inequality_false_only_far_out_is_refuted_where_it_is_solved_to_fail(tmp_path):
    result = check_text(tmp_path, _note(
        REALS,
        "t^{2} \\le 10^{6} t",  # fails for t > 10^6
        "t^{\\frac{1}{1000}} \\le 2",  # fails for t > 2^1000
        "\\frac{1}{t} \\le 10^{4}",  # fails for t < 10^-4
        "\\left(x - \\frac{1}{10}\\right)^{2} \\ge \\frac{x^{2}}{1000}",  # fails on a window 0.006 wide
        "\\log t \\le t - 1",  # true: solved, the failure set is empty
        "t^{2} + 1 \\ge 2 t",
    ), Options(budget=30.0))
    found = verdicts(result)
    assert found[:4] == ["refuted"] * 4
    assert found[4] in ("verified", "consistent") and found[5] in ("verified", "consistent")
    points = [c.links[0].counterexample for c in result.claims[:4]]
    assert points[0]["t"] > 1e6 and points[1]["t"] > 2.0**1000 and points[2]["t"] < 1e-4
    assert abs(points[3]["x"] - 0.1) < 0.003


def test_scan_values_start_at_each_integers_least_value_and_respect_bounds():
    n, m = sympy.symbols("n m", integer=True, positive=True)
    k = sympy.Symbol("k", integer=True)
    assert [v[n] for v in scan_values([n], {}, {})] == list(range(1, 11)) + [17, 26, 41]
    assert [v[k] for v in scan_values([k], {k: None}, {k: 4})] == list(range(-3, 5))
    grid = scan_values([m, n], {}, {})
    assert len(grid) == 25 and {m: 3, n: 1} in grid
    assert scan_values([m, n, k], {}, {}) == []  # three integers are left to the random settings


def test_inside_takes_an_exact_value_in_each_piece_and_nothing_from_an_implicit_set():
    t = sympy.Symbol("t", positive=True)
    assert inside(sympy.Interval.open(2**1000, sympy.oo)) == [2**1001]
    assert inside(sympy.Interval.open(0, sympy.Rational(1, 10**4))) == [sympy.Rational(1, 2 * 10**4)]
    both = inside(sympy.Union(sympy.Interval.open(-sympy.oo, -3), sympy.FiniteSet(1)))
    assert both == [-6, 1]
    assert inside(sympy.ConditionSet(t, sympy.Eq(sympy.sin(t) * t, 2), sympy.Interval(0, 1))) == []
    assert domain_of(t, None, None) == sympy.Interval.open(0, sympy.oo)
    assert domain_of(sympy.Symbol("x", real=True), 1, 3) == sympy.Interval.open(1, 3)


def test_vectors_are_also_tried_longer_and_a_law_variable_in_its_tail(tmp_path):
    note = ("---\nverify:\n  symbols:\n    d: positive integer\n    \\mu: real vector[d]\n    \\lambda: positive\n"
            "  distributions:\n    p(k): \\mathrm{Poisson}(k; \\lambda)\n---\n"
            "$$\\sum_{i=1}^{d} \\mu_i^{2} \\le \\sum_{i=1}^{d} \\mu_i^{2} + 3 - d$$\n\n"  # d <= 3 only
            "$$\\sum_{i=1}^{d} \\mu_i^{2} \\ge 0$$\n\n"
            "$$k! \\le 10^{4} + \\log p(k) - \\log p(k)$$\n\n"  # 8! = 40320: k in the law's tail
            "$$k! \\ge 1 + \\log p(k) - \\log p(k)$$\n")
    result = check_text(tmp_path, note, Options(budget=30.0))
    assert verdicts(result) == ["refuted", "verified", "refuted", "verified"]
    assert result.claims[0].links[0].counterexample["d"] >= 4
    assert result.claims[2].links[0].counterexample["k"] >= 8
