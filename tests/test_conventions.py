"""A proof holds under the usual conventions: an empty sum is 0 and an empty product is 1."""
from __future__ import annotations

import pytest
import sympy

from derivlint.checks.normal_form import usual_convention
from derivlint.checks.relations import prove
from derivlint.model.options import Options
from derivlint.model.verdicts import VERIFIED

from helpers import check_text

n = sympy.Symbol("n", positive=True, integer=True)
i = sympy.Symbol("i", integer=True)
COUNTS = """\
---
verify:
  symbols:
    n, d: positive integer
---
"""


@pytest.mark.parametrize("left, right", [
    (sympy.Sum(1, (i, 1, n - 2)), n - 2),  # false at n = 1: the empty sum is 0, not -1
    (sympy.Product(2, (i, 3, n)), 2 ** (n - 2)),  # false at n = 1: the empty product is 1, not 1/2
])
def test_a_closed_form_true_only_where_the_range_is_not_empty_is_not_proved(left, right):
    assert sympy.Sum(1, (i, 1, -1)).doit() == -1  # SymPy's Karr convention, which a note never means
    assert prove("=", left, right, set())[0] is False


def test_ranges_the_assumptions_keep_nonempty_stay_as_they_are_and_are_still_proved():
    d = sympy.Symbol("d", positive=True, integer=True)
    assert usual_convention(sympy.Sum(1, (i, 1, d))) == sympy.Sum(1, (i, 1, d))
    assert prove("=", sympy.Sum(3, (i, 2, d)), 3 * d - 3, set())[0] is True
    assert prove("=", sympy.Product(2, (i, 1, d)), 2 ** d, set())[0] is True
    assert usual_convention(sympy.Sum(i, (i, 5, 1))) == 0  # always empty: 0, whatever SymPy says
    assert usual_convention(sympy.Product(i, (i, 5, 1))) == 1


def test_a_note_with_an_empty_range_is_no_longer_verified(tmp_path):
    result = check_text(tmp_path, COUNTS + "$$\\sum_{i=1}^{n-2} 1 = n - 2$$\n\n$$\\prod_{i=3}^{n} 2 = 2^{n-2}$$\n\n"
                                           "$$\\sum_{i=1}^{d} 1 = d$$\n", Options(budget=2.0))
    verdicts = [c.verdict for c in result.claims]
    assert verdicts[2] == VERIFIED and VERIFIED not in verdicts[:2]


def test_strict_inequalities_are_strict(tmp_path):
    """`s < s` once passed: the points check tested `<` as `\\le`."""
    front = "---\nverify:\n  symbols:\n    s: positive\n    x: real\n---\n"
    body = "$$s < s$$\n\n$$x^2 > x^2$$\n\n$$s < s + 1$$\n\n$$x^2 + 1 > x^2$$\n\n$$s \\le s$$\n"
    result = check_text(tmp_path, front + body, Options(methods=("points",)))
    assert [c.verdict for c in result.claims] == ["refuted", "refuted", "consistent", "consistent", "consistent"]
    assert result.claims[0].links[0].counterexample is not None


SERIES = "---\nverify:\n  symbols:\n    x: real\n---\n"


def test_series_read_with_their_bounds_and_checked_by_their_closed_forms(tmp_path):
    body = ("$$\\sum_{i\\ge1} \\frac{1}{i^2} = \\frac{\\pi^2}{6}$$\n\n$$\\sum_{n=0}^\\infty \\frac{1}{2^n} = 2$$\n\n"
            "$$\\sum_{n=0}^\\infty \\frac{1}{2^n} = 3$$\n\n$$\\sum_{k \\geq 0} \\frac{1}{k!} = e$$\n")
    result = check_text(tmp_path, SERIES + body)
    assert [c.verdict for c in result.claims] == ["verified", "verified", "refuted", "verified"]
    assert result.claims[0].reading.members[0].value == sympy.Sum(1 / i ** 2, (i, 1, sympy.oo))


def test_definite_integrals_of_plain_functions_are_derived(tmp_path):
    front = "---\nverify:\n  symbols:\n    x: real\n    a: positive\n---\n"
    body = ("$$\\int_0^1 x\\,dx = \\frac{1}{2}$$\n\n$$\\int_{-\\infty}^{\\infty} e^{-x^2}dx = \\sqrt{\\pi}$$\n\n"
            "$$\\int_0^1 x\\,dx = 1$$\n\n$$\\int_0^a x^2\\,dx = \\frac{a^3}{3}$$\n\n"
            "$$\\int_1^{\\infty} \\frac{1}{x}\\,dx = 1$$\n")
    result = check_text(tmp_path, front + body)
    # A divergent integral is infinite: no finite side equals it, and every point shows the gap (compared
    # in the extended reals; it was unchecked while points skipped an infinite value).
    assert [c.verdict for c in result.claims] == ["verified", "verified", "refuted", "verified", "refuted"]
    assert result.claims[4].links[0].counterexample is not None
