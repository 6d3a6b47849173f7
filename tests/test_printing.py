"""The author's printer (derivlint/latex/printing.py) and the messages that quote maths: readable, and read back."""
from __future__ import annotations

import pytest
import sympy

from helpers import CONTEXT, read_error, table_for
from derivlint.latex.printing import author_latex, plain_brackets
from derivlint.latex.reader import read_expression
from derivlint.model.findings import Finding
from derivlint.report.markdown import message_markdown
from derivlint.report.latex import message_tex
from derivlint.report.messages import message, message_parts

TABLE = table_for(CONTEXT % "")
x, a, b, s, t, d = (TABLE.lookup(k).symbol for k in ("x", "a", "b", "s", "t", "d"))
HALF = sympy.Rational(1, 2)


@pytest.mark.parametrize(("expr", "expected"), [
    # SymPy: - \frac{\log{\left(\pi \right)}}{2} - \frac{1}{2} - \frac{\log{\left(2 \right)}}{2}
    (-sympy.log(sympy.pi) / 2 - HALF - sympy.log(2) / 2, "-\\frac{1}{2} \\log(2 \\pi e)"),
    (sympy.log(2 * sympy.pi * sympy.E * s ** 2) / 2, "\\frac{1}{2} \\log(2 \\pi e s^{2})"),
    (sympy.log(s), "\\log(s)"),
    (sympy.log(s) ** 2, "(\\log(s))^{2}"),  # `\log(s)^{2}` is ambiguous (V110)
    (sympy.log(s / (t + 1)), "\\log\\left(\\frac{s}{t + 1}\\right)"),  # a tall content keeps \left( \right)
    ((a - b) ** 2 / (2 * s ** 2), "\\frac{(a - b)^{2}}{2 s^{2}}"),  # SymPy: \left(a - b\right)^{2}
    (sympy.expand((a - b) ** 2) / (2 * s ** 2), "\\frac{(a - b)^{2}}{2 s^{2}}"),  # factored: shorter
    (b - a, "b - a"),  # a positive term first: SymPy writes `- a + b`
    (sympy.erf(x), "\\operatorname{erf}(x)"),
    (sympy.sin(x), "\\sin(x)"),
    (sympy.gamma(d + 1), "\\Gamma(d + 1)"),
    (sympy.Abs(x - 1), "|x - 1|"),
    (sympy.loggamma(s), "\\log\\Gamma(s)"),
    (-HALF, "-\\frac{1}{2}"),
    (sympy.log(2) / 2 - x, "\\frac{1}{2} \\log(2) - x"),
])
def test_the_printer_writes_as_an_author_does(expr, expected):
    assert author_latex(expr) == expected


@pytest.mark.parametrize("expr", [
    sympy.log(s) ** 2 / 2, (a - b) * (s - 1), sympy.exp(-(x - a) ** 2 / (2 * s ** 2)), sympy.log(sympy.Abs(x)),
    -3 * sympy.log(2) / 4 + x, sympy.gamma(s / 2), sympy.erf(x / (s + 1)), sympy.sqrt(x + 1) * (x + 2),
    -sympy.log(sympy.pi) / 2 - HALF - sympy.log(2) / 2 + a * s, sympy.log(2 * sympy.pi * sympy.E * s ** 2) / 2,
    sympy.loggamma(s), sympy.log(s) / sympy.log(2),
])
def test_what_the_printer_writes_reads_back_as_the_same_value(expr):
    """A fix is checked by the verifier again: its maths must read, and mean what was printed."""
    text = author_latex(expr)
    assert "\\left(" not in text or "\\frac" in text
    at = {x: sympy.Rational(7, 10), a: sympy.Rational(13, 10), b: sympy.Rational(-2, 5), s: sympy.Rational(19, 10),
          t: sympy.Rational(3, 5), d: 3}
    assert abs(complex((read_expression(text, TABLE) - expr).subs(at).evalf(30))) < 1e-20, text


def test_plain_brackets_keep_other_groups_braces():
    assert plain_brackets("\\frac{\\left(a + b\\right)^{2}}{2}") == "\\frac{(a + b)^{2}}{2}"
    assert plain_brackets("\\operatorname{erf}{\\left(x \\right)}") == "\\operatorname{erf}(x)"
    assert plain_brackets("\\left(\\frac{a}{b}\\right)^{2}") == "\\left(\\frac{a}{b}\\right)^{2}"


@pytest.mark.parametrize(("written", "quoted"), [
    ("2 1", "TeX shows `2 1` as 21; write 2 \\cdot 1 or 21"),
    ("3  4.5", "TeX shows `3  4.5` as 34.5; write 3 \\cdot 4.5 or 34.5"),
    ("2\\,1", "`2\\,1` may be a product or the number 21; write 2 \\cdot 1 or 21"),  # TeX shows the thin space
])
def test_two_numbers_side_by_side_are_quoted_as_written(written, quoted):
    error = read_error(lambda: read_expression(f"x + {written}", TABLE))
    assert error.code == "V110"
    assert error.arguments["problem"] == f"two numbers side by side: {quoted}"


def test_a_message_is_words_and_maths():
    finding = Finding("V212", 3, 4, args=(("term", "\\frac{1}{2\\sigma}"), ("replacement", "\\frac{1}{2}")))
    assert message(finding) == "\\frac{1}{2\\sigma} should be \\frac{1}{2}"
    assert message_parts(finding) == [("\\frac{1}{2\\sigma}", True), (" should be ", False), ("\\frac{1}{2}", True)]
    assert message_tex(finding) == "$\\frac{1}{2\\sigma}$ should be $\\frac{1}{2}$"
    assert message_markdown(finding) == "$\\frac{1}{2\\sigma}$ should be $\\frac{1}{2}$"


def test_a_stated_value_is_maths_without_the_text_reports_backticks():
    finding = Finding("V402", 3, 4, args=(("name", "\\mu_2"), ("value", "0"), ("relation", "=")))
    assert message(finding).startswith("`\\mu_2 = 0` states an assumption")
    assert message_tex(finding).startswith("$\\mu_2 = 0$ states an assumption")


def test_words_of_a_message_are_escaped_and_its_code_spans_kept():
    finding = Finding("V110", 3, 4, args=(("problem", "`\\log(s)` raised to a power; write \\log(a^{p}) or (\\log a)^{p}"),))
    assert message_markdown(finding) == ("ambiguous notation: `\\log(s)` raised to a power; "
                                         "write \\\\log(a^{p}) or (\\\\log a)^{p}")
    assert "\\textbackslash{}log(a\\textasciicircum{}\\{p\\})" in message_tex(finding)


def test_a_counterexample_in_a_v200_message_is_maths():
    finding = Finding("V200", 3, 4, args=(("index", 1), ("relation", "="),
                                          ("counterexample", (("\\mu", -0.69), ("d", 2)))))
    assert message(finding) == "link 1 (=) does not hold: at \\mu = -0.69, d = 2"
    assert message_tex(finding) == "link 1 (=) does not hold: at $\\mu = -0.69$, $d = 2$"
