"""Blame where a chain breaks, fixes an author would write, provenance only of shared results (issue 14)."""
from __future__ import annotations

from helpers import check_text, verdicts
from derivlint.model.options import Options

FRONT = ("---\nverify:\n  symbols:\n    x, a, b, \\mu: real\n    \\sigma: positive\n"
         "  distributions:\n    p(x): \\mathcal{N}(x; \\mu, \\sigma^2)\n---\n")
ENTROPY_CHAIN = ("$$H(p) = -\\mathbb{E}_p[\\log p(x)] = \\frac12\\log(2\\pi\\sigma^2) + \\frac{\\mathbb{E}[(x-\\mu)^2]}{2\\sigma^2}"
                 " = \\frac12\\log(2\\pi\\sigma^2) + \\frac{1}{2\\sigma} = \\frac12\\log(2\\pi e\\sigma^2)$$\n")


def _codes(claim) -> list[str]:
    return [f.code for f in claim.findings]


def test_a_chain_that_recovers_blames_only_the_member_where_it_breaks(tmp_path):
    result = check_text(tmp_path, FRONT + ENTROPY_CHAIN, Options(budget=30.0))
    (claim,) = result.claims
    assert [link.verdict for link in claim.links] == ["verified", "verified", "refuted", "refuted"]
    assert _codes(claim) == ["V212", "V200"]
    wrong, recovers = claim.findings
    text = ENTROPY_CHAIN
    assert dict(wrong.args)["term"] == "\\frac{1}{2\\sigma}" and dict(wrong.args)["replacement"] == "\\frac{1}{2}"
    assert wrong.column == text.index("\\frac{1}{2\\sigma}") + 1  # the column of the term in its line
    assert wrong.fix.latex == "\\frac12\\log(2\\pi\\sigma^2) + \\frac{1}{2}"
    assert dict(recovers.args) == {"index": 4, "relation": "=", "recovers": 5}  # the last member is right


def test_a_fix_replaces_the_term_rather_than_re_adding_the_residual(tmp_path):
    result = check_text(tmp_path, FRONT + "$$\\sqrt{x^2} = x$$\n", Options(budget=30.0))
    (finding,) = result.claims[0].findings
    assert finding.code == "V212" and finding.kind == "wrong-term"
    assert dict(finding.args)["replacement"] == "|x|"
    assert finding.fix.latex == "|x|"  # not `x - x + |x|`


def test_a_repeat_of_a_refuted_result_needs_more_than_a_shared_name(tmp_path):
    note = FRONT + "$$\\sqrt{x^2} = x$$\n\n$$(x+1)^2 = x^2 + 1$$\n"
    result = check_text(tmp_path, note, Options(budget=30.0))
    assert verdicts(result) == ["refuted", "refuted"]
    assert "V401" not in _codes(result.claims[1])  # x is in both; no refuted result is repeated
    assert _codes(result.claims[1]) == ["V204"]  # the lost 2x


def test_a_special_case_is_offered_only_where_it_makes_the_claim_hold(tmp_path):
    # log(ab) = log a + log b for real a, b fails for negative ones; a = b does not make it hold (log a^2 is
    # real, 2 log a is not for a < 0), so "holds only when a = b" is no diagnosis
    result = check_text(tmp_path, FRONT + "$$\\log(a b) = \\log a + \\log b$$\n", Options(budget=30.0))
    assert verdicts(result) == ["refuted"]
    assert all(f.code != "V208" for f in result.claims[0].findings)


def test_a_normal_s_mean_distance_is_derived_and_a_kl_true_at_equal_locations_is_a_special_case(tmp_path):
    # E|x - c| under N(mu, sigma^2) is the folded normal's mean, so the Normal-to-Laplace KL is re-derived and
    # torch's first draft of it (no locations at all) holds, provably, when mu = m
    note = ("---\nverify:\n  symbols:\n    \\mu, m: real\n    \\sigma, b: positive\n  distributions:\n"
            "    p(x): \\mathcal{N}(x; \\mu, \\sigma^2)\n    q(x): \\mathrm{Laplace}(x; m, b)\n---\n"
            "$$\\mathbb{E}_{x\\sim p}[|x - \\mu|] = \\sigma\\sqrt{\\frac{2}{\\pi}}$$\n\n"
            "$$D_{KL}(p\\|q) = \\log\\sqrt{\\frac{2}{\\pi}} - \\frac{1}{2} - \\log\\frac{\\sigma}{b}"
            " + \\sqrt{\\frac{2}{\\pi}}\\frac{\\sigma}{b}$$\n")
    result = check_text(tmp_path, note, Options(budget=30.0))
    assert verdicts(result) == ["verified", "refuted"]
    (finding,) = result.claims[1].findings
    assert finding.code == "V208" and dict(finding.args)["term"] == "\\mu = m"


def test_maths_in_messages_and_fixes_is_printed_as_an_author_writes_it(tmp_path):
    # SymPy wrote `\log{\left(\pi \right)}`, `\left|{x}\right|`, `\Gamma\left(d + 1\right)` and left the constant
    # logs apart: -\frac{\log(\pi)}{2} - \frac{1}{2} - \frac{\log(2)}{2}
    from derivlint.latex.printing import author_latex
    import sympy
    x, d = sympy.Symbol("x", real=True), sympy.Symbol("d", positive=True)
    assert author_latex(-sympy.log(sympy.pi) / 2 - sympy.Rational(1, 2) - sympy.log(2) / 2) == "-\\frac{1}{2} \\log(2 \\pi e)"
    assert author_latex(sympy.Abs(x - 1)) == "|x - 1|" and author_latex(sympy.gamma(d + 1)) == "\\Gamma(d + 1)"
    assert author_latex(sympy.log(x) ** 2) == "(\\log(x))^{2}"  # `\log(x)^{2}` would be ambiguous (V110)
    assert author_latex(sympy.log(d) + sympy.log(2) / 2) == "\\log(d) + \\frac{1}{2} \\log(2)"  # a symbol's log stays
    note = "---\nverify:\n  symbols:\n    \\mu: real\n    \\sigma: positive\n  distributions:\n" \
           "    q(x): \\mathcal{N}(x; \\mu, \\sigma^2)\n---\n$$H(q) = \\sigma\\mu$$\n"
    (finding,) = check_text(tmp_path, note, Options(budget=30.0)).claims[0].findings
    assert finding.code == "V211" and "\\left(" not in dict(finding.args)["term"] and "\\log(\\sigma)" in dict(finding.args)["term"]


def test_every_log_in_one_wrong_base_is_one_log_base_slip(tmp_path):
    # statrs' geometric entropy, its two logs to base 2 where nats are meant: one log at a time fixed nothing
    note = ("---\nverify:\n  symbols:\n    \\theta: positive\n  distributions:\n"
            "    p(k): \\mathrm{Geometric}(k; \\theta)\n---\n"
            "$$H(p) = -\\frac{1}{\\theta}\\log_2(1 - \\theta) + \\log_2\\left(\\frac{1}{\\theta} - 1\\right)$$\n")
    (finding,) = check_text(tmp_path, note, Options(budget=30.0)).claims[0].findings
    assert finding.code == "V210" and dict(finding.args)["base"] == "e"
    assert finding.fix.latex == "-\\frac{1}{\\theta}\\log(1 - \\theta) + \\log\\left(\\frac{1}{\\theta} - 1\\right)"
