"""Diagnoses an author would write (issue 14): no fix that re-adds a written term, no rewrite called a term's slip."""
from __future__ import annotations

import sympy

from helpers import check_text, diagnosis
from derivlint.diagnose.economy import readds, rewrites_member, tokens
from derivlint.model.options import Options
from derivlint.report.messages import message

OPTIONS = Options(budget=30.0)
NORMAL = ("---\nverify:\n  symbols:\n    \\mu, s: real\n    \\sigma: positive\n"
          "  distributions:\n    p(x): \\mathcal{N}(x; \\mu, \\sigma^2)\n---\n")
BERNOULLI = ("---\nverify:\n  symbols:\n    a, b: positive\n  distributions:\n"
             "    p(x): \\mathrm{Bernoulli}(x; a)\n    q(x): \\mathrm{Bernoulli}(x; b)\n---\n")


def test_tokens_count_what_an_author_wrote():
    assert tokens(r"\log(\sigma^2 + 2\pi)") == 9
    assert tokens(r"-\frac{1}{2}\left(\log(\sigma^2 + 2\pi) + 1\right)") == 17  # \left, \right and braces shape only
    # deleting 9 of 17 tokens is a rewrite; 5 of 15 is an edit
    assert rewrites_member(r"\log(\sigma^2 + 2\pi)", r"\log(2\pi\sigma^2)", r"-\frac{1}{2}\left(\log(\sigma^2 + 2\pi) + 1\right)")
    assert not rewrites_member(r"\frac{1}{2\sigma}", r"\frac{1}{2}", r"\frac12\log(2\pi\sigma^2) + \frac{1}{2\sigma}")


def test_a_term_that_changes_a_written_one_re_adds_it():
    a, K = sympy.symbols("a K", positive=True)
    x = sympy.Symbol("x", real=True)
    k = sympy.Symbol("k", integer=True)
    w = sympy.IndexedBase("w")
    assert readds(-x + sympy.Abs(x), x)  # x - x + |x|
    assert readds(2 * sympy.loggamma(a), -sympy.loggamma(a) + a)  # a lost 2 log Gamma(a) after -log Gamma(a)
    assert readds(-3 + 3 * sympy.log(2), sympy.Integer(3))  # 3 - 3 + 3 log 2
    assert readds(1 - sympy.log(2 * sympy.pi * a ** 2), sympy.log(4 * sympy.pi * a))  # a log of a written symbol
    assert readds(sympy.Sum(w[k], (k, 1, K)) / K, sympy.Sum(w[k] * sympy.log(w[k]) - w[k] / K, (k, 1, K)))
    # a term the member lacks is a lost term
    assert not readds(-sympy.Rational(1, 2), sympy.log(a) + a ** 2)
    assert not readds(x ** 2 / 2, sympy.log(x) + 1)
    assert not readds(sympy.Rational(-1, 2), sympy.Integer(1))  # a constant off, not one taken back


def test_a_lost_term_that_re_adds_a_written_log_is_a_mismatch(tmp_path):
    # ln(4 pi sigma) for 1/2 log(2 pi e sigma^2): appending `1/2 - ...log(sigma)` would re-add the written log
    result = check_text(tmp_path, NORMAL + "$$H(p) = \\log(4\\pi\\sigma)$$\n", OPTIONS)
    finding = diagnosis(result)
    assert (finding.code, finding.kind, finding.fix) == ("V211", "mismatch", None)


def test_a_wrong_term_that_is_most_of_the_member_is_a_mismatch(tmp_path):
    # the A3C entropy: log(sigma^2 + 2 pi) deletes 9 of the member's 17 tokens
    result = check_text(tmp_path, NORMAL + "$$-H(p) = -\\frac{1}{2}\\left(\\log(\\sigma^2 + 2\\pi) + 1\\right)$$\n", OPTIONS)
    finding = diagnosis(result)
    assert (finding.code, finding.kind, finding.fix) == ("V211", "mismatch", None)


def test_two_signs_inside_brackets_are_a_sign_pair(tmp_path):
    # statrs' Dirichlet entropy at two components: each log Gamma(alpha_i) subtracted with its digamma term
    front = ("---\nverify:\n  symbols:\n    a, b: positive\n  functions:\n    \\psi: digamma\n"
             "  distributions:\n    p(x): \\mathrm{Beta}(x; a, b)\n---\n")
    claim = (r"$$H(p) = -\ln\Gamma(a + b) + (a + b - 2)\psi(a + b) - \left(\ln\Gamma(a) + (a - 1)\psi(a)\right)"
             r" - \left(\ln\Gamma(b) + (b - 1)\psi(b)\right)$$" "\n")
    finding = diagnosis(check_text(tmp_path, front + claim, OPTIONS))
    assert (finding.code, finding.kind) == ("V201", "sign")
    assert finding.arguments["term"] == r"\ln\Gamma(a)" and finding.arguments["second"] == r"\ln\Gamma(b)"
    assert r"\left(-\ln\Gamma(a) + (a - 1)\psi(a)\right)" in finding.fix.latex


def test_a_term_off_by_a_symbol_is_a_factor(tmp_path):
    # a Bernoulli KL with rho(log rho - log rho-hat) expanded as rho log rho - log rho-hat
    claim = r"$$D_{KL}(p\|q) = a\log a - \log b + (1 - a)\log(1 - a) - (1 - a)\log(1 - b)$$" "\n"
    finding = diagnosis(check_text(tmp_path, BERNOULLI + claim, OPTIONS))
    assert (finding.code, finding.kind) == ("V202", "factor")
    assert finding.arguments["term"] == r"\log b" and finding.arguments["factor"] == "a"
    assert finding.fix.latex == r"a\log a - a \log b + (1 - a)\log(1 - a) - (1 - a)\log(1 - b)"


def test_an_exponent_doubled_is_a_power(tmp_path):
    # the VGAE KL: e^{s} where e^{2s}, the variance of a log-std s, was meant
    front = ("---\nverify:\n  symbols:\n    \\mu, s: real\n  distributions:\n"
             "    q(x): \\mathcal{N}(x; \\mu, e^{2s})\n    p(x): \\mathcal{N}(x; 0, 1)\n---\n")
    claim = r"$$-D_{KL}(q\|p) = \frac{1}{2}\left(1 + 2s - \mu^2 - e^{s}\right)$$" "\n"
    finding = diagnosis(check_text(tmp_path, front + claim, OPTIONS))
    assert (finding.code, finding.kind, finding.arguments["term"]) == ("V203", "power", "e^{s}")
    assert finding.fix.latex == r"\frac{1}{2}\left(1 + 2s - \mu^2 - e^{2 s}\right)"


def test_an_outcome_written_for_another_is_a_substitution(tmp_path):
    # StatProofBook's first Bernoulli KL wrote the outcome 0 twice
    front = BERNOULLI.replace("    q(x)", "    P(x): \\mathrm{Bernoulli}(x; a)\n    q(x)")
    claim = (r"$$D_{KL}(p\|q) = p(X=0) \cdot \ln \frac{p(X=0)}{q(X=0)} + p(X=0) \cdot \ln \frac{p(X=0)}{q(X=0)}$$" "\n")
    finding = diagnosis(check_text(tmp_path, front + claim, OPTIONS))
    assert (finding.code, finding.kind) == ("V209", "substitution")
    assert finding.arguments["term"] == r"X = 0 \to X = 1"
    assert finding.fix.latex == r"p(X=0) \cdot \ln \frac{p(X=0)}{q(X=0)} + p(X=1) \cdot \ln \frac{p(X=1)}{q(X=1)}"


def test_a_special_case_where_both_sides_vanish_is_not_given(tmp_path):
    # KL = a - b "holds when a = b" only because both sides are 0 there: that says nothing
    finding = diagnosis(check_text(tmp_path, BERNOULLI + "$$D_{KL}(p\\|q) = a - b$$\n", OPTIONS))
    assert (finding.code, finding.kind) == ("V211", "mismatch")


GUMBEL = ("---\nverify:\n  symbols:\n    \\mu: real\n    \\sigma, \\beta: positive\n"
          "  distributions:\n    p(x): \\mathcal{N}(x; \\mu, \\sigma^2)\n---\n")


def test_every_name_of_a_product_squared_is_one_power_slip(tmp_path):
    # torch's first Gumbel KL: the variance ratio written without its squares, the 12 kept
    result = check_text(tmp_path, GUMBEL + r"$$\frac{\pi^2\beta^2}{12\sigma^2} = \frac{\pi\beta}{12\sigma}$$" "\n", OPTIONS)
    finding = diagnosis(result)
    assert (finding.code, finding.kind, finding.arguments["term"]) == ("V203", "power", r"\frac{\pi\beta}{12\sigma}")
    assert finding.arguments["should"] == "squared"
    assert finding.fix.latex == r"\frac{\pi^2\beta^2}{12\sigma^2}"
    assert message(finding) == r"\frac{\pi\beta}{12\sigma} has the wrong power: the term should be squared"


def test_one_name_squared_where_it_is_written_once_is_a_power_not_a_substitution(tmp_path):
    finding = diagnosis(check_text(tmp_path, GUMBEL + r"$$\mathbb{E}_p[x^2] = \mu^2 + \sigma$$" "\n", OPTIONS))
    assert (finding.code, finding.kind, finding.arguments["term"]) == ("V203", "power", r"\sigma")
    assert finding.fix.latex == r"\mu^2 + \sigma^2"


def test_a_log_in_the_wrong_base_on_the_left_is_found_there(tmp_path):
    # under `log: 2`, \ln is natural: \ln 8 = 3 wrote \ln for \log; the fix is no `3 - 3 + 3\log 2`
    front = "---\nverify:\n  log: 2\n  symbols:\n    x: real\n---\n"
    text = front + "$$\\ln 8 = 3$$\n"
    finding = diagnosis(check_text(tmp_path, text, OPTIONS))
    assert (finding.code, finding.kind, finding.arguments["term"]) == ("V210", "log-base", r"\ln 8")
    assert finding.fix.latex == r"\log_{2} 8"
    assert finding.column == text.splitlines()[6].index(r"\ln") + 1


def test_a_term_of_the_same_sign_as_a_written_one_adds_to_it():
    # H(N(mu, 4 sigma^2)) = log 2 + H(q) with H(q) lost: its 1/2 log 2 adds to the written log 2
    sigma = sympy.Symbol("sigma", positive=True)
    lost = sympy.log(2 * sympy.pi * sympy.E * sigma ** 2) / 2
    assert not readds(lost, sympy.log(2))
    assert readds(-lost, sympy.log(2))


def test_a_lost_term_is_read_off_the_plain_difference_when_that_is_shorter(tmp_path):
    # a Bernoulli KL with its first term dropped: the normal form splits logs it cannot join back
    claim = r"$$D_{KL}(p\|q) = (1 - a)\log\frac{1 - a}{1 - b}$$" "\n"
    finding = diagnosis(check_text(tmp_path, BERNOULLI + claim, OPTIONS))
    assert (finding.code, finding.kind) == ("V204", "missing-term")
    assert finding.arguments["term"] == r"a \log(a) - a \log(b)" or finding.arguments["term"] == r"- a \log(b) + a \log(a)"
