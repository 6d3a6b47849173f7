"""Integration by parts as real notes write it: evaluation bars after an expression (`F \\Big|_a^b`) and
differentials of an expression (`\\int x \\, \\mathrm{d}e^{-x^2}`, Stieltjes).

What each form is read as (compared with SymPy expressions), the chains they make verified or refuted,
and the readings the tool refuses rather than guesses (V109: which variable; V110: which scope)."""
from __future__ import annotations

import pytest
import sympy

from helpers import NORMAL, assert_findings, check_text, load_text, verdicts
from derivlint.model.options import Options
from derivlint.model.quantities import EvaluatedBetween, UnboundedIntegral

SLOW = Options(budget=30.0)  # a generous budget: a proof must not hang on the machine's load
# x and a both plain reals: nothing tells a bar which of them it runs over, unless an integral does.
PLAIN = """\
---
verify:
  symbols:
    x, a: real
  functions:
    g(x): x^2
    u: a x
    v: e^{-x}
---
"""
# d declared (a dimension, as in most notes on vectors): `d(x^2)` may then be d times x^2.
DIMENSION = PLAIN.replace("    x, a: real\n", "    x, a: real\n    d: positive integer\n")
x, a, d = sympy.Symbol("x", real=True), sympy.Symbol("a", real=True), sympy.Symbol("d", integer=True, positive=True)
mu = sympy.Symbol("\\mu", real=True)
g = sympy.exp(-x ** 2)
# The chain of the post, line 26, with its typo mended (its fourth member ends on an unbalanced `)`).
BY_PARTS = ("\\int x^2\\cdot e^{-x^2}\\mathrm{d}x & = -\\frac12 \\int x(-2x)e^{-x^2}\\mathrm{d}x \\notag \\\\ "
            "&=-\\frac12 \\int x\\mathrm{d}e^{-x^2} \\notag \\\\ "
            "&=-\\frac12 (x\\cdot e^{-x^2}\\Big|_{-\\infty}^{+\\infty}-\\int e^{-x^2}\\mathrm{d}x) \\notag \\\\ "
            "&=\\frac12 \\int e^{-x^2}\\mathrm{d}x \\notag \\\\ &=\\frac {\\sqrt{\\pi}}{2}")


def between(body, lower, upper) -> EvaluatedBetween:
    return EvaluatedBetween(body, x, sympy.sympify(lower), sympy.sympify(upper))


def aligned(rows: str) -> str:
    return f"\\[ \\begin{{align}} {rows} \\end{{align}} \\]\n"


def member(tmp_path, front: str, formula: str, index: int = 0):
    read = load_text(tmp_path, front + f"$${formula}$$\n").claims[0]
    assert read.reading is not None, read.finding
    return read.reading.members[index].value


def refusal(tmp_path, front: str, formula: str) -> str:
    read = load_text(tmp_path, front + f"$${formula}$$\n").claims[0]
    assert read.reading is None
    return read.finding.code


# --- evaluation bars after an expression ------------------------------------------------------------
@pytest.mark.parametrize("formula", [
    "x^2 \\Big|_{0}^{2}", "x^2\\big|_0^2", "x^2 \\Bigg|_0^2", "x^2\\biggr|_0^2", "x^2 \\Big\\vert_0^2",
    "\\left. x^2 \\right|_{0}^{2}", "\\left. x^2 \\right\\vert_0^2", "x^2 |_{0}^{2}", "x^2 \\vert_0^2", "x^2 \\Big|^{2}_{0}",
])
def test_every_spelling_of_the_bar_is_the_expression_between_its_bounds(tmp_path, formula):
    assert member(tmp_path, NORMAL, formula + " = 4") == between(x ** 2, 0, 2)


def test_the_bar_closes_the_whole_product_before_it(tmp_path):
    # as a reader takes it: `\frac12 x^2 \Big|` is (x^2/2) between the bounds, and a sign in front is outside
    assert member(tmp_path, NORMAL, "\\frac12 x^2 \\Big|_0^2 = 2") == between(x ** 2 / 2, 0, 2)
    assert member(tmp_path, NORMAL, "-x \\cdot e^{-x^2} \\Big|_0^1 = 0") == -between(x * g, 0, 1)


def test_a_bar_inside_brackets_closes_the_term_before_it_there(tmp_path):
    value = member(tmp_path, NORMAL, BY_PARTS.split("&=")[2].replace("\\notag \\\\", ""))
    integral = UnboundedIntegral(g, (x, -sympy.oo, sympy.oo))
    assert sympy.expand(value) == sympy.expand(-(between(x * g, -sympy.oo, sympy.oo) - integral) / 2)
    assert value.free_symbols == set()  # the bar binds its x as the integral does: no x is left free beside them


def test_the_variable_of_a_bar_is_the_one_that_is_no_parameter_of_a_law(tmp_path):
    assert member(tmp_path, NORMAL, "\\mu x \\Big|_0^1 = \\mu") == between(mu * x, 0, 1)


def test_a_bar_may_name_its_variable(tmp_path):
    assert member(tmp_path, PLAIN, "a x^2 \\Big|_{x=0}^{1} = a") == between(a * x ** 2, 0, 1)
    assert member(tmp_path, PLAIN, "\\left[ a x^2 \\right]_{x=0}^{1} = a") == between(a * x ** 2, 0, 1)


def test_the_integral_by_parts_tells_the_bar_its_variable(tmp_path):
    formula = "\\int_0^1 a x \\, dx = a x^2 \\Big|_0^1 - \\int_0^1 a x \\, dx"
    (bar,) = member(tmp_path, PLAIN, formula, 1).atoms(EvaluatedBetween)
    assert bar.args[1] == x
    assert verdicts(check_text(tmp_path, PLAIN + f"$${formula}$$\n", SLOW)) == ["verified"]


def test_a_bar_after_a_term_its_own_bar_closes_reads_term_by_term(tmp_path):
    note = NORMAL + "$$\\frac{x^2}{2}\\Big|_0^1 + \\frac{x^3}{3}\\Big|_0^1 = \\frac{5}{6}$$\n"
    assert verdicts(check_text(tmp_path, note, SLOW)) == ["verified"]


def test_a_sized_bar_with_no_bounds_is_still_a_bar(tmp_path):
    assert member(tmp_path, NORMAL, "\\big| x - 1 \\big| = |x - 1|") == sympy.Abs(x - 1)
    assert member(tmp_path, NORMAL, "\\Big| x - 1 \\Big|^2 = 1") == sympy.Abs(x - 1) ** 2


# --- differentials of an expression (Stieltjes) ------------------------------------------------------
@pytest.mark.parametrize("differential", [
    "\\mathrm{d}e^{-x^2}", "\\, d e^{-x^2}", "de^{-x^2}", "\\, d(e^{-x^2})", "\\,\\mathrm{d}\\left(e^{-x^2}\\right)",
])
def test_a_differential_of_an_expression_is_the_integral_against_its_derivative(tmp_path, differential):
    value = member(tmp_path, NORMAL, f"\\int x {differential} = -\\sqrt{{\\pi}}")
    assert value == UnboundedIntegral(-2 * x ** 2 * g, (x, -sympy.oo, sympy.oo))


def test_its_bounds_are_those_of_the_variable(tmp_path):
    assert member(tmp_path, PLAIN, "\\int_0^1 x \\, \\mathrm{d}(x^2) = \\frac23") == sympy.Integral(2 * x ** 2, (x, 0, 1))


def test_u_dv_with_the_functions_the_note_defines(tmp_path):
    value = member(tmp_path, PLAIN, "\\int_0^1 u \\, dv = a (\\frac{2}{e} - 1)")
    assert value == sympy.Integral(-a * x * sympy.exp(-x), (x, 0, 1))
    result = check_text(tmp_path, PLAIN + "$$\\int_0^1 u \\, dv = a (\\frac{2}{e} - 1)$$\n\n"
                        "$$\\int_0^1 x \\, \\mathrm{d}g(x) = \\frac{2}{3}$$\n", SLOW)
    assert verdicts(result) == ["verified", "verified"]


def test_a_differential_of_a_variable_and_a_declared_d_keep_their_meanings(tmp_path):
    assert member(tmp_path, DIMENSION, "\\int_0^1 x \\, dx = \\frac12") == sympy.Integral(x, (x, 0, 1))
    assert member(tmp_path, DIMENSION, "\\int_0^1 d(x+1) \\, dx = \\frac{3d}{2}") == sympy.Integral(d * (x + 1), (x, 0, 1))
    assert member(tmp_path, DIMENSION, "d x = x d") == d * x
    # a bracket after the differential of a variable multiplies the integral, as before
    assert member(tmp_path, DIMENSION, "\\int_0^1 x \\, dx \\, (1 + a) = 1") == (1 + a) * sympy.Integral(x, (x, 0, 1))


# --- chains by parts -----------------------------------------------------------------------------------
def test_the_posts_chain_by_parts_is_verified(tmp_path):
    result = check_text(tmp_path, NORMAL + aligned(BY_PARTS), SLOW)
    assert verdicts(result) == ["verified"]
    assert [link.verdict for link in result.claims[0].links] == ["verified"] * 5


def test_the_posts_own_typo_stays_a_syntax_error(tmp_path):
    # the post's fourth member is `\frac12 \int e^{-x^2}\mathrm{d}x)`: its `)` closes nothing
    typo = BY_PARTS.replace("&=\\frac12 \\int e^{-x^2}\\mathrm{d}x \\notag", "&=\\frac12 \\int e^{-x^2}\\mathrm{d}x) \\notag")
    result = assert_findings(check_text(tmp_path, NORMAL + aligned(typo), SLOW), "V106")
    assert result.findings[0].column > 200  # at the `)`, not at the bar


def test_a_wrong_sign_after_the_bar_is_refuted_and_diagnosed(tmp_path):
    note = PLAIN + "$$\\int_0^1 x e^{x} \\, dx = x e^{x} \\Big|_0^1 + \\int_0^1 e^{x} \\, dx$$\n"
    result = assert_findings(check_text(tmp_path, note, SLOW), "V201")
    assert verdicts(result) == ["refuted"]


def test_a_wrong_sign_in_the_posts_chain_is_refuted(tmp_path):
    wrong = BY_PARTS.replace("+\\infty}-\\int", "+\\infty}+\\int")
    result = check_text(tmp_path, NORMAL + aligned(wrong), SLOW)
    assert verdicts(result) == ["refuted"]
    assert [link.verdict for link in result.claims[0].links][:2] == ["verified", "verified"]


# --- refused, never guessed -----------------------------------------------------------------------------
@pytest.mark.parametrize(("front", "formula", "code"), [
    (NORMAL, "1 + x^2 \\Big|_0^2 = 4", "V110"),  # the bar closes x^2, or 1 + x^2?
    (NORMAL, "|x|_0^2 = 2", "V110"),  # the bar closes |x|, or evaluates `|x` between 0 and 2?
    (PLAIN, "a x^2 \\Big|_0^1 = a", "V109"),  # over a or over x?
    (NORMAL, "\\sigma \\Big|_0^1 = 0", "V109"),  # nothing to run over: sigma is a parameter
    (NORMAL, "e^{x} \\Big|_{x=0} = 1", "V109"),  # a value at one point is not an evaluation between bounds
    (PLAIN, "\\int_0^1 x \\, \\mathrm{d}(a x) = \\frac{a}{2}", "V109"),  # d(a x): in a or in x?
    (DIMENSION, "\\int_0^1 x \\, d(x^2) = \\frac23", "V110"),  # d declared: d times x^2, or its differential?
    (PLAIN, "\\int_0^1 x \\, \\mathrm{d}F(x) = 1", "V110"),  # F undeclared: dF applied to (x), or dF times x?
    (PLAIN, "\\int_0^1 t \\, dt \\, (1 + a) = \\frac{1 + a}{2}", "V110"),  # t undeclared: the same question
    (NORMAL, "\\int x \\, \\mathrm{d}p(x) = 0", "V109"),  # the differential of a density is not read
])
def test_an_ambiguous_bar_or_differential_is_refused(tmp_path, front, formula, code):
    assert refusal(tmp_path, front, formula) == code
