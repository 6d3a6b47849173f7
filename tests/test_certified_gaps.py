"""Gaps too small for a tolerance are decided by digits evalf certifies (issue 12): never taken for a tie."""
from __future__ import annotations

import sympy

from helpers import check_text, verdicts
from derivlint.checks.points import certified_gap
from derivlint.model.options import Options

FRONT = "---\nverify:\n  symbols:\n    s: real\n    t: positive\n---\n"


def test_a_gap_below_the_agreement_tolerance_is_still_a_counterexample(tmp_path):
    note = FRONT + "\n\n".join([
        "$$(s + 10^{-20})^{2} = s^{2} + 2 \\cdot 10^{-20} s$$",  # 1e-40 apart: an exact rational gap
        "$$\\operatorname{erf}(10) = 1$$",  # 2.1e-45 apart, below the 1e-40 of the 60-digit comparison
        "$$\\frac{1}{1 + e^{-108}} < 1$$",  # a true strict relation by 1.2e-47
        "$$\\log 6 = \\log 2 + \\log 3$$",  # an exact zero evalf cannot tell from 0: no gap
        "$$\\sin^{2} t + \\cos^{2} t = 1$$",
    ]) + "\n"
    result = check_text(tmp_path, note, Options(budget=30.0))
    found = verdicts(result)
    assert found[:3] + found[4:] == ["refuted", "refuted", "verified", "verified"]
    assert found[3] in ("verified", "consistent")  # SymPy does not expand logs of numbers: never refuted


def test_a_certified_gap_is_exact_or_stable_and_never_a_zero():
    s = sympy.Symbol("s", real=True)
    assert certified_gap((s + sympy.Rational(1, 10**20)) ** 2, s**2 + 2 * s / 10**20, {s: sympy.Rational(3, 2)}) \
        == sympy.Rational(1, 10**40)
    gap = certified_gap(sympy.erf(10), sympy.Integer(1), {})
    assert gap is not None and abs(float(gap) + 2.08848758376254e-45) < 1e-58
    assert certified_gap(sympy.log(6), sympy.log(2) + sympy.log(3), {}) is None
    assert certified_gap(sympy.atan(sympy.Rational(1, 2)) + sympy.atan(sympy.Rational(1, 3)), sympy.pi / 4, {}) is None
    assert certified_gap(sympy.log(-2 + s), sympy.Integer(0), {s: 1}) is None  # not real: no gap to certify


def test_quadrature_knows_its_error_near_where_a_moment_stops_existing():
    from scipy import stats
    from scipy.special import digamma

    from derivlint.checks.oracle import _quadrature
    x = sympy.Symbol("x", positive=True)
    near = _quadrature((x**2, {}, {}), [x], [(x, stats.pareto(b=2.05))])  # E = 2.05 / 0.05 = 41, mass past 1e-23
    assert near.error > 1e-7 * (1 + abs(near.value))  # reported, so the link is left without a verdict there
    far = _quadrature((x**2, {}, {}), [x], [(x, stats.pareto(b=5.0))])
    assert abs(far.value - 5 / 3) < 1e-9 and far.error < 1e-9
    # a Beta's quantile that rounds to 1 (isf(1e-30) = 1.0) no longer makes log(1 - x) -inf and the rule void
    edge = _quadrature((sympy.log(1 - x), {}, {}), [x], [(x, stats.beta(2.0, 0.5))])
    truth = digamma(0.5) - digamma(2.5)
    assert abs(edge.value - truth) < 1e-7 * abs(truth)  # within the tolerance at which members are compared
    assert abs(edge.value - truth) <= edge.error  # and the error it reports covers what it lost


def test_a_true_moment_near_where_it_stops_existing_is_never_refuted(tmp_path):
    # E|v| of a t law with 1 + kappa degrees: finite for every kappa > 0, but the quadrature loses mass
    # past its last node when kappa is small; the rule reports that error and gives no verdict there
    note = ("---\nverify:\n  symbols:\n    \\kappa, \\nu: positive\n  distributions:\n"
            "    s(v): \\mathrm{StudentT}(v; 1 + \\kappa, 0, 1)\n    r(y): \\mathrm{StudentT}(y; \\nu, 0, 1)\n---\n"
            "$$\\mathbb{E}_{v\\sim s}[|v|] = \\frac{2\\sqrt{1+\\kappa}\\,\\Gamma(\\frac{2+\\kappa}{2})}"
            "{\\sqrt{\\pi}\\,\\kappa\\,\\Gamma(\\frac{1+\\kappa}{2})}$$\n\n"
            # with nu only positive the same mean absolute value may not exist: never consistent
            "$$\\mathbb{E}_{y\\sim r}[|y|] = \\frac{2\\sqrt{\\nu}\\,\\Gamma(\\frac{\\nu+1}{2})}"
            "{\\sqrt{\\pi}(\\nu - 1)\\Gamma(\\frac{\\nu}{2})}$$\n")
    result = check_text(tmp_path, note, Options(budget=30.0))
    assert verdicts(result) == ["consistent", "unchecked"]
    assert result.claims[1].findings[0].code == "V303"
    assert "exists only when nu > 1" in str(dict(result.claims[1].findings[0].args))


def test_monte_carlo_under_a_heavy_tail_refutes_nothing(tmp_path):
    # E|y|^{3/2} of a t law with 8/5 + kappa/100 degrees exists, but its integrand's variance (E|y|^3) does
    # not: the sample mean lags the truth and its standard error with it, and a z-score above 6 measured
    # nothing (Monte Carlo alone refuted this true closed form at kappa = 1.72). It may agree, never refute.
    note = ("---\nverify:\n  symbols:\n    \\kappa: positive\n  functions:\n    \\Gamma: gamma\n  distributions:\n"
            "    s(y): \\mathrm{StudentT}(y; \\frac{8}{5} + \\frac{\\kappa}{100}, 0, 1)\n---\n"
            "$$\\mathbb{E}_{y\\sim s}[|y|^{3/2}] = \\frac{(\\frac{8}{5} + \\frac{\\kappa}{100})^{3/4}\\,"
            "\\Gamma(\\frac{5}{4})\\,\\Gamma(\\frac{1}{20} + \\frac{\\kappa}{200})}"
            "{\\sqrt{\\pi}\\,\\Gamma(\\frac{4}{5} + \\frac{\\kappa}{200})}$$\n")
    result = check_text(tmp_path, note, Options(budget=30.0, methods=("montecarlo",)))
    assert verdicts(result) == ["consistent"]


def test_an_even_moment_of_a_t_law_is_infinite_where_nu_does_not_pass_its_order(tmp_path):
    # E[(y - mu)^2] with nu only positive: sigma^2 nu / (nu - 2) where nu > 2, +oo where nu <= 2 (the integrand
    # is a positive even polynomial); a draw of nu below 2 refutes the finite closed form
    note = ("---\nverify:\n  symbols:\n    \\nu, \\sigma: positive\n    \\mu: real\n  distributions:\n"
            "    s(y): \\mathrm{StudentT}(y; \\nu, \\mu, \\sigma)\n    h(z): \\mathrm{StudentT}(z; \\nu + 4, 0, 1)\n---\n"
            "$$\\mathbb{E}_{y\\sim s}[(y - \\mu)^{2}] = \\frac{\\sigma^{2}\\nu}{\\nu - 2}$$\n\n"
            "$$\\mathbb{E}_{z\\sim h}[z^{4}] = \\frac{3(\\nu+4)^{2}}{(\\nu + 2)\\nu}$$\n")
    result = check_text(tmp_path, note, Options(budget=30.0))
    assert verdicts(result) == ["refuted", "verified"]
    assert result.claims[0].links[0].counterexample["\\nu"] <= 2
