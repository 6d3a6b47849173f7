"""Soundness fixes from the review of the real-notation work: each a true claim once refuted or a
false one once verified, now read as its author means it or left unchecked."""
from __future__ import annotations

from helpers import check_text, verdicts

POISSON = """\
---
verify:
  symbols:
    k: nonnegative integer
    \\lambda: positive
  distributions:
    p(k): \\mathrm{Poisson}(k; \\lambda)
---
"""
CHAIN = """\
---
verify:
  symbols:
    x, y: real
  distributions:
    p(x): \\mathcal{N}(x; 0, 1)
    p(y|x): \\mathcal{N}(y; x, 1)
%s---
"""


def codes(result):
    return [f.code for c in result.claims for f in c.findings if f.code.startswith("V1")]


def test_a_series_over_the_support_does_not_capture_the_laws_variable_free_beside_it(tmp_path):
    # \sum_j p(j) k is k: renaming j to the law's variable k would make it E[k] = lambda
    note = POISSON + "$$\\sum_{j=0}^{\\infty} p(j) \\, k = \\lambda$$\n$$\\sum_{j=0}^{\\infty} p(j) \\, k = k$$\n"
    assert "refuted" not in verdicts(check_text(tmp_path, note))
    assert "verified" not in verdicts(check_text(tmp_path, POISSON + "$$\\sum_{j=0}^{\\infty} p(j) \\, k = \\lambda$$\n"))
    assert verdicts(check_text(tmp_path, POISSON + "$$\\sum_{k=0}^{\\infty} p(k) \\, k = \\lambda$$\n")) == ["verified"]


def test_a_marginal_is_not_the_density_of_another_variable(tmp_path):
    # p(y) beside p(x) and p(y|x) is y's marginal N(0, 2), not p(x)'s N(0, 1) at y
    note = CHAIN % "" + "$$p(y) = \\frac{1}{\\sqrt{2\\pi}} e^{-y^2/2}$$\n$$p(y) = \\int_{-\\infty}^{\\infty} p(y|x) p(x) \\, dx$$\n"
    result = check_text(tmp_path, note)
    assert verdicts(result) == ["unchecked", "unchecked"] and codes(result) == ["V110", "V110"]


def test_a_joint_law_written_with_its_variables_in_another_order_is_the_same_joint(tmp_path):
    note = CHAIN % "    p(x, y): p(y|x) \\, p(x)\n" + "$$p(y, x) = p(y|x) p(x)$$\n$$p(x, y) = p(x) p(y|x)$$\n"
    assert verdicts(check_text(tmp_path, note)) == ["verified", "verified"]


def test_an_event_of_a_continuous_law_is_not_its_density(tmp_path):
    note = CHAIN % "" + "$$p(X = 1) = 0$$\n"
    result = check_text(tmp_path, note)
    assert verdicts(result) == ["unchecked"] and codes(result) == ["V109"]
