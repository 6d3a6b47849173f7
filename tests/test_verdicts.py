"""Each verdict, each relation and each method, on small notes about Gaussians."""
from __future__ import annotations

import pytest

from derivlint.checks.evidence import AGREE, DISAGREE, INCONCLUSIVE, PROVED
from derivlint.model.options import Options

from helpers import VECTORS, assert_findings, check_gaussian, check_text, link_verdicts, outcome, verdicts

KL_RIGHT = r"$$D_{KL}(q\|p) = \log\frac{s}{\sigma} + \frac{\sigma^2 + (\mu - m)^2}{2 s^2} - \frac{1}{2}$$"
KL_WRONG = r"$$D_{KL}(q\|p) = \log\frac{s}{\sigma} + \frac{\sigma^2 + (\mu - m)^2}{2 s^2} + \frac{1}{2}$$"
ORACLE_ONLY = Options(methods=("quadrature", "montecarlo"))


def test_kl_closed_form_is_verified(tmp_path):
    result = check_gaussian(tmp_path, KL_RIGHT)
    assert verdicts(result) == ["verified"]
    for method in ("points", "quadrature", "montecarlo"):
        assert outcome(result, method) == AGREE
    assert outcome(result, "symbolic") == PROVED


def test_wrong_constant_is_refuted_with_a_counterexample(tmp_path):
    result = check_gaussian(tmp_path, KL_WRONG)
    assert verdicts(result) == ["refuted"]
    link = result.claims[0].links[0]
    assert set(link.counterexample) == {"m", "s", "\\mu", "\\sigma"}
    assert_findings(result, "V201")  # + 1/2 where - 1/2 is due: a sign error


def test_swapped_kl_arguments_are_refuted(tmp_path):
    swapped = KL_RIGHT.replace(r"D_{KL}(q\|p)", r"D_{KL}(p\|q)")
    assert verdicts(check_gaussian(tmp_path, swapped)) == ["refuted"]


def test_formula_true_only_when_means_are_equal_is_refuted(tmp_path):
    equal_means = r"$$D_{KL}(q\|p) = \log\frac{s}{\sigma} + \frac{\sigma^2}{2 s^2} - \frac{1}{2}$$"
    assert verdicts(check_gaussian(tmp_path, equal_means)) == ["refuted"]


def test_expectation_without_a_moment_rule_is_consistent(tmp_path):
    # E[e^x] is not a polynomial moment: no symbolic reference, so only the numerics speak.
    result = check_gaussian(tmp_path, r"$$\mathbb{E}_{x\sim q}[\exp(x)] = \exp\left(\mu + \frac{\sigma^2}{2}\right)$$")
    assert verdicts(result) == ["consistent"]
    assert outcome(result, "symbolic") == INCONCLUSIVE
    assert outcome(result, "quadrature") == AGREE
    assert outcome(result, "montecarlo") == AGREE


def test_wrong_non_polynomial_expectation_is_refuted_by_the_oracle(tmp_path):
    result = check_gaussian(tmp_path, r"$$\mathbb{E}_{x\sim q}[\exp(x)] = \exp\left(\mu + \sigma^2\right)$$")
    assert verdicts(result) == ["refuted"]
    assert outcome(result, "quadrature") == DISAGREE


def test_claim_without_relation_is_unchecked(tmp_path):
    result = check_gaussian(tmp_path, r"$$\frac{\mu}{\sigma}$$")
    assert verdicts(result) == ["unchecked"]
    assert_findings(result, "V301")


def test_link_no_method_decides_is_unchecked(tmp_path):
    result = check_gaussian(tmp_path, r"$$\mathbb{E}_{x\sim q}[\exp(x)] = \exp\left(\mu + \frac{\sigma^2}{2}\right)$$",
                            Options(methods=("symbolic", "points")))
    assert verdicts(result) == ["unchecked"]
    assert_findings(result, "V303")


@pytest.mark.parametrize("method", ["quadrature", "montecarlo"])
def test_oracle_alone_catches_a_wrong_closed_form(tmp_path, method):
    result = check_gaussian(tmp_path, KL_WRONG, Options(methods=(method,)))
    assert verdicts(result) == ["refuted"]
    assert outcome(result, method) == DISAGREE


def test_monte_carlo_refutes_far_past_chance_only(tmp_path):
    result = check_gaussian(tmp_path, KL_WRONG, Options(methods=("montecarlo",)))
    evidence = next(e for e in result.claims[0].links[0].evidence if e.method == "montecarlo")
    assert abs(evidence.statistic) > 6


def test_oracle_agrees_on_a_right_closed_form_with_symbolic_off(tmp_path):
    assert verdicts(check_gaussian(tmp_path, KL_RIGHT, ORACLE_ONLY)) == ["consistent"]


def test_entropy_and_negative_log_density(tmp_path):
    body = (r"$$H(q) = \frac{1}{2}\log(2\pi e \sigma^2)$$" "\n\n"
            r"$$-\log q(x) = \frac{(x - \mu)^2}{2\sigma^2} + \log\sigma + \frac{1}{2}\log(2\pi)$$")
    assert verdicts(check_gaussian(tmp_path, body)) == ["verified", "verified"]


def test_equiv_drops_only_constants(tmp_path):
    body = (r"$$-\log q(x) \equiv \frac{(x - \mu)^2}{2\sigma^2} + \log\sigma$$" "\n\n"
            r"$$-\log q(x) \equiv \frac{(x - \mu)^2}{2\sigma^2}$$")
    assert verdicts(check_gaussian(tmp_path, body)) == ["verified", "refuted"]


def test_propto_up_to_a_factor_free_of_the_parameters(tmp_path):
    body = (r"$$q(x) \propto \exp\left(-\frac{(x - \mu)^2}{2\sigma^2}\right)$$" "\n\n"
            r"$$q(x) \propto \exp\left(-\frac{(x - \mu)^2}{2}\right)$$")
    result = check_gaussian(tmp_path, body, extra="  parameters: [x]\n")
    assert verdicts(result) == ["verified", "refuted"]


def test_inequalities(tmp_path):
    body = "\n\n".join([
        r"$$\sigma^2 + 1 > 0$$",
        r"$$\log\sigma \le \sigma - 1$$",
        r"$$\log\sigma \ge \sigma - 1$$",
        r"$$\mu^2 + 1 < 0$$",
    ])
    assert verdicts(check_gaussian(tmp_path, body)) == ["verified", "consistent", "refuted", "refuted"]


def test_chain_verdict_is_the_worst_link_and_members_meet_the_first(tmp_path):
    body = r"$$\mu^2 - m^2 = (\mu - m)(\mu + m) = \mu^2 + m^2$$"
    result = check_gaussian(tmp_path, body)
    assert link_verdicts(result) == [["verified", "refuted"]]
    assert verdicts(result) == ["refuted"]
    assert [l.verdict for l in result.claims[0].against_first] == ["refuted"]


def test_expected_refutation_passes_and_a_stale_one_fails(tmp_path):
    body = KL_WRONG + "\n<!-- verify: expect refuted -->\n\n" + KL_RIGHT + "\n<!-- verify: expect refuted -->\n"
    result = check_gaussian(tmp_path, body)
    assert [c.passes for c in result.claims] == [True, False]
    assert_findings(result, "V201", "V304")  # the erratum is diagnosed; the stale directive reported


def test_budget_exhausted_symbolic_work_is_inconclusive(tmp_path):
    result = check_gaussian(tmp_path, KL_RIGHT, Options(budget=1e-6))
    symbolic = next(e for e in result.claims[0].links[0].evidence if e.method == "symbolic")
    assert symbolic.outcome == INCONCLUSIVE
    assert verdicts(result) != ["verified"]


def test_same_seed_same_evidence(tmp_path):
    first = check_gaussian(tmp_path, KL_WRONG, Options(seed=7))
    second = check_gaussian(tmp_path, KL_WRONG, Options(seed=7))
    assert first.claims[0].links[0].counterexample == second.claims[0].links[0].counterexample


def test_vector_kl_against_standard_normal(tmp_path):
    text = VECTORS + r"""$$D_{KL}(q\|p) = \frac{1}{2}\sum_{i=1}^d (\mu_i^2 + \sigma_i^2 - 1 - \log\sigma_i^2)$$

$$D_{KL}(q\|p) = \frac{1}{2}\sum_{i=1}^d (\mu_i^2 + \sigma_i^2 - 1 - \log\sigma_i)$$
"""
    result = check_text(tmp_path, text)
    assert verdicts(result) == ["verified", "refuted"]
    assert outcome(result, "quadrature", claim=1) == DISAGREE
