"""Derivatives: d/dx and df/dx read as written, differentiated after the body is derived, checked."""
from __future__ import annotations

import pytest
import sympy

from helpers import CONTEXT, GAUSSIANS, assert_findings, check_text, read_error, table_for, verdicts
from derivlint.latex.reader import read_expression

TABLE = table_for(CONTEXT % "")
s, t, x, y = (TABLE.lookup(k).symbol for k in ("s", "t", "x", "y"))


@pytest.mark.parametrize("text, expected", [
    (r"\frac{d}{dx} x^3", sympy.Derivative(x ** 3, x)),
    (r"\frac{d}{d x} \left(x + \log t\right)", sympy.Derivative(x + sympy.log(t), x)),
    (r"\frac{\partial}{\partial s} s x", sympy.Derivative(s * x, s)),
    (r"\frac{\mathrm{d}}{\mathrm{d}t} t^2", sympy.Derivative(t ** 2, t)),
    (r"\frac{d^2}{dx^2} x^3", sympy.Derivative(x ** 3, (x, 2))),
    (r"\frac{d^{2}}{d x^{2}} x^{3}", sympy.Derivative(x ** 3, (x, 2))),
    (r"\frac{dy}{dx}", sympy.Derivative(y, x)),
    (r"\frac{d x^2}{d x}", sympy.Derivative(x ** 2, x)),
    (r"\frac{\partial^2 (x^2 s)}{\partial x \partial s}", sympy.Derivative(x ** 2 * s, x, s)),
    # the operator takes the product that follows, and only that: a sum ends it
    (r"\frac{d}{dx} x^3 + 1", sympy.Derivative(x ** 3, x) + 1),
    (r"2 \frac{d}{dx} x y", 2 * sympy.Derivative(x * y, x)),
])
def test_derivatives_read_as_written(text, expected):
    assert read_expression(text, TABLE) == expected


def test_a_fraction_whose_denominator_is_no_differential_stays_a_fraction():
    d, big_d = TABLE.lookup("d").symbol, TABLE.lookup("D").symbol
    assert read_expression(r"\frac{d}{D}", TABLE) == d / big_d
    assert read_expression(r"\frac{d}{2 s}", TABLE) == d / (2 * s)


@pytest.mark.parametrize("text, problem", [
    (r"\frac{d^2}{dx^3} x^3", "order is 2 above and 3 below"),
    (r"\frac{\partial^3}{\partial x \partial s} x s", "order is 3 above and 2 below"),
    (r"\frac{d^{0}}{dx^{0}} x", "order of a derivative is a whole number"),
    (r"\frac{d^{40}}{dx^{40}} x", "order of a derivative is a whole number"),
    (r"\frac{d}{dn} n^2", "with respect to a declared real symbol"),
    # d/dmu_j of a sum over i is a sum of Kronecker deltas, true only where 1 <= j <= d
    (r"\frac{\partial}{\partial \mu_1} \sum_{i=1}^{d} \mu_i^2", "read only where the body holds that vector at that component alone"),
    (r"\frac{\partial}{\partial \mu_1} \mu_1 \mu_2", "read only where the body holds that vector at that component alone"),
])
def test_malformed_derivatives_are_refused_with_the_reason(text, problem):
    error = read_error(lambda: read_expression(text, TABLE))
    assert error.code == "V109" and problem in error.arguments["problem"]


DECODER = GAUSSIANS % "" + """
$$\\frac{\\partial}{\\partial s}\\left[\\ln s + \\frac{(\\mu - m)^2}{2 s^2}\\right] = \\frac{1}{s} - \\frac{(\\mu - m)^2}{s^3}$$

$$\\frac{\\partial}{\\partial m} D_{KL}(q \\| p) = \\frac{m - \\mu}{s^2}$$

$$\\frac{\\partial}{\\partial \\sigma} D_{KL}(q \\| p) = \\frac{\\sigma}{s^2} - \\frac{1}{\\sigma}$$

$$\\frac{d^2}{d\\mu^2} \\mathbb{E}_{x \\sim q(x)}\\left[x^3\\right] = 6 \\mu$$
"""


def test_derivatives_of_closed_forms_and_of_quantities_are_verified(tmp_path):
    result = check_text(tmp_path, DECODER)
    assert verdicts(result) == ["verified"] * 4
    assert_findings(result)


def test_a_slip_in_a_derivative_is_refuted_and_diagnosed(tmp_path):
    slipped = DECODER.replace(r"= \frac{1}{s} - \frac{(\mu - m)^2}{s^3}", r"= \frac{1}{s} + \frac{(\mu - m)^2}{s^3}")
    slipped = slipped.replace(r"\frac{\sigma}{s^2} - \frac{1}{\sigma}", r"\frac{\sigma}{s^2} - \frac{1}{2\sigma}")
    result = check_text(tmp_path, slipped)
    assert verdicts(result) == ["refuted", "verified", "refuted", "verified"]
    first, second = (c.findings[0] for c in result.claims if c.verdict == "refuted")
    assert (first.code, first.kind, first.fix.latex) == ("V201", "sign", r"\frac{1}{s} - \frac{(\mu - m)^2}{s^3}")
    assert second.kind == "factor" and second.fix.latex.startswith(r"\frac{\sigma}{s^2} - 2")


def test_a_derivative_with_respect_to_a_component_that_the_body_holds_alone_is_taken_at_once():
    mu = TABLE.lookup("\\mu").base
    assert read_expression(r"\frac{\partial}{\partial \mu_1} \mu_1^2", TABLE) == 2 * mu[1]
