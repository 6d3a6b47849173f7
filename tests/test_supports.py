"""A density vanishes outside its support, in every quantity (issue 12): never a proof of its continuation."""
from __future__ import annotations

from helpers import check_text, verdicts
from derivlint.model.options import Options

FRONT = """\
---
verify:
  symbols:
    \\lambda, \\mu, \\sigma, \\theta: positive
  distributions:
    q(x): \\mathcal{N}(x; \\mu, \\sigma^2)
    f(x): \\mathrm{Exponential}(x; \\lambda)
    g(x): \\mathrm{Exponential}(x; \\theta)
---
"""


def reasons(result) -> list[str]:
    return [str(dict(f.args).get("reason", "")) for c in result.claims for f in c.findings]


def test_an_expectation_of_a_log_density_whose_support_is_narrower_is_never_proved(tmp_path):
    # E_q[log f] is -infinity when q puts mass where f is 0: the formula's continuation is false
    for formula in ("$$\\mathbb{E}_{x\\sim q}[\\log f(x)] = \\log\\lambda - \\lambda\\mu$$\n",
                    "$$\\int q(x) \\log f(x) \\, dx = \\log\\lambda - \\lambda\\mu$$\n"):
        result = check_text(tmp_path, FRONT + formula, Options(budget=30.0))
        assert verdicts(result) == ["unchecked"], formula
        assert any("vanishes where" in r for r in reasons(result)), reasons(result)
    # E_q[f] is finite, and not the continuation's value: the numeric oracles, which know f is 0 there, refute it
    result = check_text(tmp_path, FRONT + "$$\\mathbb{E}_{x\\sim q}[f(x)] = \\lambda e^{-\\lambda\\mu + \\lambda^2\\sigma^2/2}$$\n",
                        Options(budget=30.0))
    assert verdicts(result) == ["refuted"]


def test_a_law_within_the_others_support_is_still_proved(tmp_path):
    # two Exponentials share the half-line: E_f[log g] = log theta - theta / lambda
    note = FRONT + "$$\\mathbb{E}_{x\\sim f}[\\log g(x)] = \\log\\theta - \\frac{\\theta}{\\lambda}$$\n"
    assert verdicts(check_text(tmp_path, note, Options(budget=30.0))) == ["verified"]


def test_a_density_at_a_point_outside_its_support_is_zero(tmp_path):
    note = FRONT + "$$f(-1) = \\lambda e^{\\lambda}$$\n\n$$f(-1) = 0$$\n"
    result = check_text(tmp_path, note, Options(budget=30.0))
    assert verdicts(result) == ["refuted", "verified"]
    assert [f.kind for f in result.claims[0].findings] == ["mismatch"]  # no factor 0, no term cancelling the side


def test_a_sum_whose_range_empties_is_refuted_at_the_smallest_integer_and_a_double_sum_is_no_crash(tmp_path):
    # the adversarial corpus: \sum_{i=1}^{n-2} 1 = n - 2 fails at n = 1 only (0 against -1), which the
    # wide points' edge setting reaches; a double sum was left whole and crashed the 60-digit confirmation
    note = ("---\nverify:\n  symbols:\n    n, m: positive integer\n---\n"
            "$$\\sum_{i=1}^{n-2} 1 = n - 2$$\n\n$$\\sum_{i=1}^{m} \\sum_{j=1}^{n} 1 = m n$$\n")
    result = check_text(tmp_path, note, Options(budget=30.0))
    assert verdicts(result)[0] == "refuted"
    assert verdicts(result)[1] in ("verified", "consistent")
    assert not any(f.code == "V900" for c in result.claims for f in c.findings)


def test_a_moment_that_may_not_exist_is_never_consistent(tmp_path):
    # a t law's mean with nu only positive: where nu <= 1 there is none, and samples agree with anything
    note = ("---\nverify:\n  symbols:\n    \\nu, \\sigma: positive\n    \\mu: real\n  distributions:\n"
            "    s(y): \\mathrm{StudentT}(y; \\nu, \\mu, \\sigma)\n---\n$$\\mathbb{E}_{y\\sim s}[y] = \\mu$$\n")
    result = check_text(tmp_path, note, Options(budget=30.0))
    # Quadrature at a point with nu < 1 once refuted it with a finite sum of a divergent integral; it now
    # knows its error there and says nothing, so the link is reported as what it is: undefined for nu <= 1.
    assert verdicts(result) == ["unchecked"]
    assert result.claims[0].findings[0].code == "V303"
    assert "exists only when nu > 1" in str(dict(result.claims[0].findings[0].args))
    # a Pareto's second moment with alpha only positive
    pareto = ("---\nverify:\n  symbols:\n    \\alpha, m: positive\n  distributions:\n"
              "    p(x): \\mathrm{Pareto}(x; m, \\alpha)\n---\n"
              "$$\\mathbb{E}_{x\\sim p}[x^{2}] = \\frac{\\alpha m^{2}}{\\alpha - 2}$$\n")
    result = check_text(tmp_path, pareto, Options(budget=30.0))
    assert verdicts(result) == ["refuted"]  # where alpha <= 2 it does not exist


def test_a_pareto_moment_of_any_real_order_is_infinite_below_its_shape(tmp_path):
    # E[x^r] = alpha m^r / (alpha - r) where alpha > r and +oo elsewhere, for r = 1/2 as for integers: the
    # square root's moment was consistent (no reference, and quadrature rarely drew alpha < 1/2)
    note = ("---\nverify:\n  symbols:\n    \\alpha, m: positive\n  distributions:\n"
            "    p(x): \\mathrm{Pareto}(x; m, \\alpha)\n---\n"
            "$$\\mathbb{E}_{x\\sim p}[\\sqrt{x}] = \\frac{\\alpha\\sqrt{m}}{\\alpha - \\frac{1}{2}}$$\n\n"
            "$$\\mathbb{E}_{x\\sim p}[x^{-1/2}] = \\frac{\\alpha}{(\\alpha + \\frac{1}{2})\\sqrt{m}}$$\n")
    result = check_text(tmp_path, note, Options(budget=30.0))
    assert verdicts(result) == ["refuted", "verified"]
    assert result.claims[0].links[0].counterexample["\\alpha"] <= 0.5
    # the claim is right wherever alpha > 1/2: no special case "holds only when alpha = m" (found on numbers
    # where the moment is finite, never proved) may be offered
    assert [f.kind for f in result.claims[0].findings] != ["special-case"]
    assert all(f.code != "V208" for f in result.claims[0].findings)


def test_review_findings_on_supports_constants_ties_and_remainders(tmp_path):
    # a law declared on y but evaluated at x is support-checked too (it was proved: E_q[log p(x)] = 0)
    note = ("---\nverify:\n  symbols:\n    x, w: real\n    y, t, s: positive\n    d: positive integer\n"
            "  distributions:\n    p(y): \\mathrm{Exponential}(y; 1)\n    q(x): \\mathcal{N}(x; 0, 1)\n---\n"
            "$$\\mathbb{E}_{q(x)}[\\log p(x)] = 0$$\n\n"
            # near-ties at the wide points are no counterexample to a strict relation; an exact tie is
            "$$\\frac{1}{1+e^{-x}} < 1$$\n\n$$e^{-t} > 0$$\n\n$$s < s$$\n\n"
            # mpmath's zero divisor at a wide point is no tool fault
            "$$\\frac{\\log(e^{t}+1) - t}{\\log(1+e^{-t})} = 1$$\n\n"
            # \frac{d}{2} with d a dimension is no derivative: the '= 0' is a claim
            "$$\\frac{d}{2}(\\log(2\\pi)+1) - \\frac{d}{2}\\log(2\\pi) = 0$$\n\n"
            # a remainder in an unread member: no bridge across it
            "$$e^{x} = 1 + x + \\mathcal{O}(x^2) = 1 + x$$\n")
    result = check_text(tmp_path, note, Options(budget=30.0))
    assert verdicts(result) == ["unchecked", "consistent", "verified", "refuted", "verified", "refuted", "unchecked"]
    assert not any(f.code == "V900" for c in result.claims for f in c.findings)
    # what a law is conditioned on is random, not a constant: E[x^2] = E[x]^2 is no longer proved
    given = ("---\nverify:\n  symbols:\n    x, w: real\n  distributions:\n    r(y|x): \\mathcal{N}(y; w x, 1)\n---\n"
             "$$\\mathbb{E}[x^2] = \\mathbb{E}[x]^2$$\n")
    assert verdicts(check_text(tmp_path, given)) == ["unchecked"]


def test_a_strict_relation_is_tried_where_ties_live(tmp_path):
    # t^2 + 1 > 2t ties at t = 1, cosh s > 1 at s = 0, a KL > 0 where the laws are equal: points the draws
    # avoid for equations are tried for strict relations; quadrature cannot tell such a tie, so it does not veto
    note = ("---\nverify:\n  symbols:\n    s, \\mu: real\n    t, \\sigma: positive\n  distributions:\n"
            "    q(x): \\mathcal{N}(x; \\mu, \\sigma^2)\n    p(x): \\mathcal{N}(x; 0, 1)\n---\n"
            "$$t^{2} + 1 > 2t$$\n\n$$\\cosh s > 1$$\n\n$$D_{KL}(q\\|p) > 0$$\n\n$$t^{2} + 1 \\ge 2t$$\n\n$$t^2 + 2 > 2t$$\n")
    result = check_text(tmp_path, note, Options(budget=30.0))
    assert verdicts(result)[:3] == ["refuted", "refuted", "refuted"]
    assert [v in ("verified", "consistent") for v in verdicts(result)[3:]] == [True, True]  # true ones never refuted
