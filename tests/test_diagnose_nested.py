"""Diagnosis of slips inside powers, logs and fractions, and of a root written where none was meant.

A slip in a term nested in a power's base or exponent (a Bernoulli mass) or in a log's argument
does not add linearly: the edit is tried as it stands and confirmed symbolically, with the
families' constraints (0 < theta < 1, a positive determinant) as the link's own proof uses them.
"""
from __future__ import annotations

import pytest

from derivlint.model.findings import KIND_CODES

from helpers import VECTORS, check_gaussian, check_text, diagnosis, normalised

BERNOULLI = """---
verify:
  symbols:
    \\theta, \\phi: positive
  distributions:
    p(x): \\mathrm{Bernoulli}(x; \\theta)
    q(x): \\mathrm{Bernoulli}(x; \\phi)
---
"""

EXPONENTIAL = """---
verify:
  symbols:
    \\lambda: positive
  distributions:
    p(x): \\mathrm{Exponential}(x; \\lambda)
---
"""

FULL_COVARIANCE = """---
verify:
  symbols:
    z, \\mu, m: real vector[2]
    a, c, u, w: positive
    b, v: real
  distributions:
    q(z): \\mathcal{N}(z; \\mu, \\begin{pmatrix} a & b \\\\ b & c \\end{pmatrix})
    r(z): \\mathcal{N}(z; m, \\begin{pmatrix} u & v \\\\ v & w \\end{pmatrix})
---
"""
FULL_KL = (r"\frac{1}{2}\left(\frac{wa - 2vb + uc + w(m_1 - \mu_1)^2 - 2v(m_1 - \mu_1)(m_2 - \mu_2)"
           r" + u(m_2 - \mu_2)^2}{uw - v^2} - 2 + \log\frac{uw - v^2}{ac - b^2}\right)")
BERNOULLI_KL = r"\theta\log\frac{\theta}{\phi} + (1 - \theta)\log\frac{1 - \theta}{1 - \phi}"


WHOLE_SIDE = "the whole side"  # an edit of every term: no term of the side is named


def assert_diagnosis(result, kind: str, term: str, fix: str, marks: int = 1):
    assert result.claims[0].verdict == "refuted"
    finding = diagnosis(result)
    assert (finding.kind, finding.code) == (kind, KIND_CODES[kind])
    if term == WHOLE_SIDE:
        assert (finding.arguments["term"], finding.arguments["side"]) == ("", "whole")
    else:
        assert normalised(finding.arguments["term"]) == normalised(term)
    assert normalised(finding.fix.latex) == normalised(fix)
    assert normalised(finding.fix.marked).count("\\fixmark{") == marks


@pytest.mark.parametrize("slipped, kind, term", [
    (r"\theta^x (1 + \theta)^{1 - x}", "sign", r"\theta"),  # the base's sign
    (r"\theta^x (1 - \theta)^{1 + x}", "sign", "x"),  # the exponent's sign
    (r"\theta^x (1 - 2\theta)^{1 - x}", "factor", r"2\theta"),  # a factor inside the base
])
def test_slip_inside_a_bernoulli_mass_is_named_and_fixed_where_it_is(tmp_path, slipped, kind, term):
    result = check_text(tmp_path, BERNOULLI + f"$$p(x) = {slipped}$$\n")
    assert_diagnosis(result, kind, term, r"\theta^x (1 - \theta)^{1 - x}")


def test_sign_slip_in_a_bernoulli_kl_is_confirmed_under_the_constraints(tmp_path):
    # The proof needs 1 - theta > 0: before the constraints were used, this read as a special case.
    result = check_text(tmp_path, BERNOULLI + r"$$D_{KL}(p\|q) = -" + BERNOULLI_KL + "$$\n")
    assert_diagnosis(result, "sign", r"-\theta\log\frac{\theta}{\phi}", BERNOULLI_KL)


def test_factor_slip_inside_a_log_argument(tmp_path):
    slipped = BERNOULLI_KL.replace(r"\frac{1 - \theta}{1 - \phi}", r"\frac{1 - 2\theta}{1 - \phi}")
    result = check_text(tmp_path, BERNOULLI + rf"$$D_{{KL}}(p\|q) = {slipped}$$" "\n")
    assert_diagnosis(result, "factor", r"2\theta", BERNOULLI_KL)


def test_sign_slip_in_a_full_covariance_kl_numerator(tmp_path):
    slipped = FULL_KL.replace("+ uc", "- uc")
    result = check_text(tmp_path, FULL_COVARIANCE + rf"$$D_{{KL}}(q \| r) = {slipped}$$" "\n")
    assert_diagnosis(result, "sign", "uc", FULL_KL)


@pytest.mark.parametrize("left, slipped, fixed", [
    (r"-\log p(x)", r"\lambda x - \log\sqrt{\lambda}", r"\lambda x - \log\lambda"),
    (r"-\lambda\log p(x)", r"-\lambda\log\sqrt{\lambda} + \lambda^2 x", r"-\lambda\log\lambda + \lambda^2 x"),
])
def test_a_root_written_inside_a_log_is_a_power_slip_not_a_lost_factor(tmp_path, left, slipped, fixed):
    # Rescaling the log term by 2 also restores equality, but inserts a number the author never
    # wrote; deleting the root edits the author's text where the slip is.
    result = check_text(tmp_path, EXPONENTIAL + f"$${left} = {slipped}$$\n")
    assert_diagnosis(result, "power", r"\sqrt{\lambda}", fixed)


def test_a_written_coefficient_off_by_a_factor_stays_a_factor_slip(tmp_path):
    # \frac{1}{4}\log\sigma^2: halving the exponent would also do, but the number written is the slip.
    right = r"\frac{1}{2}\log\sigma^2 + \frac{1}{2}\log(2\pi) + \frac{(x - \mu)^2}{2\sigma^2}"
    result = check_gaussian(tmp_path, rf"$$-\log q(x) = {right.replace('{2}', '{4}', 1)}$$" "\n")
    assert_diagnosis(result, "factor", r"\frac{1}{4}\log\sigma^2", right)


def test_a_whole_side_written_as_a_log_of_a_root(tmp_path):
    result = check_text(tmp_path, EXPONENTIAL + r"$$\log\lambda = \log\sqrt{\lambda}$$" "\n")
    assert_diagnosis(result, "power", r"\sqrt{\lambda}", r"\log\lambda")


DECODER = """---
verify:
  symbols:
    D: positive integer
    \\sigma_\\theta, m: positive
---
"""
SLOPE = r"\frac{D}{\sigma_\theta} - \frac{D m}{\sigma_\theta^3}"


def test_swap_of_a_name_written_with_a_subscript(tmp_path):
    result = check_text(tmp_path, DECODER + rf"$${SLOPE} = \frac{{D}}{{m^3}}\left(m^2 - \sigma_\theta\right)$$" "\n")
    assert_diagnosis(result, "substitution", r"\sigma_{\theta} \leftrightarrow m",
                     r"\frac{D}{\sigma_{\theta}^3}\left(\sigma_{\theta}^2 - m\right)", marks=3)


def test_swap_edits_only_where_the_names_are_written(tmp_path):
    # u and w also appear in the words `wa`, `uc`, `uw`, read letter by letter: the swap that the
    # fix writes (the standalone u and w only) is the one that is checked.
    slipped = FULL_KL.replace("+ w(m_1", "+ U(m_1").replace("+ u(m_2", "+ w(m_2").replace("+ U(m_1", "+ u(m_1")
    result = check_text(tmp_path, FULL_COVARIANCE + rf"$$D_{{KL}}(q \| r) = {slipped}$$" "\n")
    finding = diagnosis(result)
    assert (finding.kind, finding.arguments["term"]) == ("substitution", r"u \leftrightarrow w")
    assert normalised(finding.fix.latex) == normalised(FULL_KL)


def test_a_root_over_a_name_is_deleted_rather_than_the_name_squared_under_it(tmp_path):
    result = check_gaussian(tmp_path, r"$$H(q) = \frac{1}{2}\log(2\pi e\sqrt{\sigma}^2)$$" "\n")
    assert_diagnosis(result, "power", r"\sqrt{\sigma}", r"\frac{1}{2}\log(2\pi e\sigma^2)")


MOMENTS = r"\mathbb{E}_{x\sim q}[(x - \mu)^2 + (x - \mu)^4]"


@pytest.mark.parametrize("slipped, label, fixed", [
    (r"4\sigma^2 + 48\sigma^4", r"\sigma \to \sigma/2",
     r"4\left(\frac{\sigma}{2}\right)^2 + 48\left(\frac{\sigma}{2}\right)^4"),
    (r"\sigma + 3\sigma^2", r"\sigma \to \sigma^2", r"\sigma^2 + 3\left(\sigma^2\right)^2"),
])
def test_a_substituted_name_raised_to_a_power_is_bracketed(tmp_path, slipped, label, fixed):
    # `\sigma^2^2` is no formula, and `\frac{\sigma}{2}^2` does not say what is squared.
    result = check_gaussian(tmp_path, f"$${MOMENTS} = {slipped}$$\n")
    finding = diagnosis(result)
    assert (finding.kind, finding.arguments["term"]) == ("substitution", label)
    assert normalised(finding.fix.latex) == normalised(fixed)
    fixed_note = check_gaussian(tmp_path, f"$${MOMENTS} = {finding.fix.latex}$$\n")
    assert fixed_note.claims[0].verdict == "verified"


@pytest.mark.parametrize("slipped, label, fixed", [
    (r"\mu_i^2 + \sigma_i - 1 - \log\sigma_i", r"\sigma \to \sigma^2", r"\mu_i^2 + \sigma_i^2 - 1 - \log\sigma_i^2"),
    (r"\mu_i^2 + 4\sigma_i^2 - 1 - \log(4\sigma_i^2)", r"\sigma \to \sigma/2",
     r"\mu_i^2 + 4\left(\frac{\sigma_i}{2}\right)^2 - 1 - \log(4\left(\frac{\sigma_i}{2}\right)^2)"),
])
def test_a_substituted_vector_is_rewritten_component_by_component_once(tmp_path, slipped, label, fixed):
    # The component `\sigma_i` is the name written; each is edited once (it was edited twice, and
    # the base alone gave `\frac{\sigma}{2}_i`).
    result = check_text(tmp_path, VECTORS + rf"$$D_{{KL}}(q\|p) = \frac{{1}}{{2}}\sum_{{i=1}}^d ({slipped})$$" "\n")
    finding = diagnosis(result)
    assert (finding.kind, finding.arguments["term"]) == ("substitution", label)
    assert normalised(finding.fix.latex) == normalised(rf"\frac{{1}}{{2}}\sum_{{i=1}}^d ({fixed})")


LINEAR = """---
verify:
  symbols:
    a, b, \\mu, z: real
  functions:
    f(z): a + b z
---
"""


@pytest.mark.parametrize("slipped, fixed", [
    (r"\mu + ba", r"a + b\mu"),  # `ba` is b times a: the letter a is where \mu was meant
    (r"\mu + ab", r"a + \mu b"),  # a command put in a letter's place stays apart from the next letter
])
def test_swap_reaches_letters_of_a_word_read_letter_by_letter(tmp_path, slipped, fixed):
    result = check_text(tmp_path, LINEAR + f"$$f(\\mu) = {slipped}$$\n")
    finding = diagnosis(result)
    assert (finding.kind, finding.arguments["term"]) == ("substitution", r"\mu \leftrightarrow a")
    assert finding.fix.latex == fixed
    assert check_text(tmp_path, LINEAR + f"$$f(\\mu) = {finding.fix.latex}$$\n").claims[0].verdict == "verified"


def test_sign_slip_on_a_whole_exponent(tmp_path):
    # The exponent `\lambda x` is no sum, yet its sign is the slip: `e^{\lambda x}` for `e^{-\lambda x}`.
    result = check_text(tmp_path, EXPONENTIAL + r"$$p(x) = \lambda e^{\lambda x}$$" "\n")
    assert_diagnosis(result, "sign", r"\lambda x", r"\lambda e^{-\lambda x}")


@pytest.mark.parametrize("slipped", [
    r"\theta^x (1 - {\theta}^{2})^{1 - x}",  # a written exponent where none was meant
    r"\theta^x (1 - \theta^{2})^{1 - x}",
])
def test_a_written_exponent_is_a_power_slip_not_a_factor_on_the_number_2(tmp_path, slipped):
    # Halving the exponent 2 restores equality too; the slip is the power, and the fix deletes it.
    result = check_text(tmp_path, BERNOULLI + f"$$p(x) = {slipped}$$\n")
    finding = diagnosis(result)
    assert (finding.kind, finding.code) == ("power", KIND_CODES["power"])
    fixed = check_text(tmp_path, BERNOULLI + f"$$p(x) = {finding.fix.latex}$$\n")
    assert fixed.claims[0].verdict == "verified"


@pytest.mark.parametrize("left, slipped, fixed", [
    (r"-\log p(x)", r"-x\log\theta - (1 - x)\log(-\theta)", r"-x\log\theta - (1 - x)\log(1 -\theta)"),
    (r"p(x)", r"\theta^x (-\theta)^{1 - x}", r"\theta^x (1 -\theta)^{1 - x}"),
    (r"p(x)", r"\theta^x (1 - \theta)^{-x}", r"\theta^x (1 - \theta)^{1 -x}"),
])
def test_a_term_lost_inside_a_log_a_base_or_an_exponent_is_put_back_where_it_was(tmp_path, left, slipped, fixed):
    # The residual of the whole side is no term an author could have lost, and at x = 1 the base
    # (-theta)^0 takes any value: the term is solved for where the place matters, then confirmed.
    result = check_text(tmp_path, BERNOULLI + f"$${left} = {slipped}$$\n")
    assert_diagnosis(result, "missing-term", "1", fixed)


def test_a_residual_constant_only_where_both_sides_exist_is_no_constant_slip(tmp_path):
    # log(-theta) has no real value: the few points where (1 - x) = 0 hides it are no evidence of a
    # constant offset, and the complex residual is none either.
    result = check_text(tmp_path, BERNOULLI + r"$$-\log p(x) = -x\log\theta - (1 - x)\log(-\theta)$$" "\n")
    assert diagnosis(result).kind != "constant"


CATEGORICAL = """---
verify:
  symbols:
    K: positive integer
    w: positive vector[K]
  distributions:
    p(x): \\mathrm{Categorical}(x; w)
---
"""


def test_a_lone_categorical_probability_is_not_drawn_as_one(tmp_path):
    # Normalising w_x alone onto the simplex made it 1 and log w_x vanish on both sides: the points
    # check passed a flipped sign. Drawn knowing K, the lone component keeps only part of the mass.
    from derivlint.model.options import Options
    result = check_text(tmp_path, CATEGORICAL + r"$$-\log p(x) = \log w_x$$" "\n",
                        Options(methods=("symbolic", "points")))
    assert result.claims[0].verdict == "refuted"
    assert_diagnosis(check_text(tmp_path, CATEGORICAL + r"$$-\log p(x) = \log w_x$$" "\n"),
                     "sign", WHOLE_SIDE, r"-\log w_x")
    holds = check_text(tmp_path, CATEGORICAL + r"$$-\log p(x) = -\log w_x$$" "\n")
    assert holds.claims[0].verdict == "verified"


def test_a_term_lost_inside_a_log_is_named_there_before_the_whole_side_residual(tmp_path):
    # log((a + 2)/a) appended to the side would also hold: the 2 inside the bracket is the slip.
    result = check_text(tmp_path, EXPONENTIAL.replace("\\lambda: positive", "\\lambda, a: positive")
                        + r"$$\log(a + 2) = \log(a)$$" "\n")
    assert_diagnosis(result, "missing-term", "2", r"\log(a + 2)")


def test_a_categorical_component_past_its_length_takes_no_mass():
    from derivlint.semantics.families.categorical import CategoricalModel
    from derivlint.semantics.registry import VectorParameter
    import sympy
    w, K = sympy.IndexedBase("w", positive=True), sympy.Symbol("K", integer=True, positive=True)
    drawn = {w[1]: sympy.Rational(1, 2), w[2]: sympy.Rational(1, 4)}
    # K = 1: w_1 is the whole law (1); w_2 is no component of it and keeps its drawn value.
    assert CategoricalModel().normalised(drawn, {K: sympy.Integer(1)}, VectorParameter(w, K)) == {
        w[1]: 1, w[2]: sympy.Rational(1, 4)}
    # K = 3, two of three drawn: they keep 2/3 of the mass, in their drawn proportions.
    assert CategoricalModel().normalised(drawn, {K: sympy.Integer(3)}, VectorParameter(w, K)) == {
        w[1]: sympy.Rational(4, 9), w[2]: sympy.Rational(2, 9)}
