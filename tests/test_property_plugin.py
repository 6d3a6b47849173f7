"""`pytest derivations/`: claims collected as Hypothesis properties (derivlint/property_plugin.py)."""
from __future__ import annotations

from pathlib import Path

import pytest
import scipy.stats  # noqa: F401  (the oracle imports it lazily: here, pytester's snapshot keeps it, numpy loads once)

import derivlint.property_plugin  # noqa: F401  (imported here so pytester's module snapshot keeps it)

import helpers

ROOT = Path(__file__).resolve().parent.parent
# a folder's conftest, as derivations/conftest.py is: its notes collected without the flag
CONFTEST = "from derivlint.property_plugin import collect_folder_note as pytest_collect_file\n"

GAUSSIANS = helpers.GAUSSIANS % ""
KL = "D_{KL}(q(x)\\|p(x)) = \\log\\frac{s}{\\sigma} + \\frac{\\sigma^2 + (\\mu - m)^2}{2 s^2} - \\frac{1}{2}"
KL_SLIP = "D_{KL}(q(x)\\|p(x)) = \\log\\frac{s}{\\sigma} + \\frac{\\sigma^2 - (\\mu - m)^2}{2 s^2} - \\frac{1}{2}"

VECTORS = helpers.VECTORS


def run(pytester: pytest.Pytester, body: str, front: str = GAUSSIANS, *args: str):
    pytester.makefile(".md", note=front + body)
    return pytester.runpytest("-p", "no:cacheprovider", "-rA", "--derivations", *args)


def test_a_true_claim_passes(pytester):
    run(pytester, f"$${KL}$$\n").assert_outcomes(passed=1)


def test_a_refuted_claim_fails_with_its_counterexample_by_latex_name(pytester):
    result = run(pytester, f"$${KL_SLIP}$$\n")
    result.assert_outcomes(failed=1)
    out = result.stdout.str()
    assert "link 1 (=)" in out
    for name in ("\\mu = ", "\\sigma = ", "m = ", "s = "):
        assert name in out
    assert "Traceback" not in out


def test_an_expected_refutation_is_xfailed(pytester):
    run(pytester, f"$${KL_SLIP}$$\n<!-- verify: expect refuted -->\n").assert_outcomes(xfailed=1)


def test_a_stale_expected_refutation_fails(pytester):
    result = run(pytester, f"$${KL}$$\n<!-- verify: expect refuted -->\n")
    result.assert_outcomes(failed=1)
    assert "XPASS(strict)" in result.stdout.str()


def test_items_are_named_by_line_and_latex(pytester):
    result = run(pytester, f"Text.\n\n$${KL}$$\n", GAUSSIANS, "--collect-only", "-q")
    assert "note.md::L12" in result.stdout.str().splitlines()


def test_every_link_of_a_chain_is_a_property_and_the_broken_one_is_named(pytester):
    chain = "\\mu + \\mu = 2\\mu = 3\\mu"
    result = run(pytester, f"$${chain}$$\n")
    result.assert_outcomes(failed=1)
    assert "link 2 (=)" in result.stdout.str()


def test_an_underivable_reference_is_checked_by_quadrature_not_skipped(pytester):
    # E[exp(x)] is not a polynomial moment: the reference is not derived, scipy quadrature decides.
    true = "\\mathbb{E}_{q(x)}[\\exp(x)] = \\exp(\\mu + \\frac{\\sigma^2}{2})"
    false = "\\mathbb{E}_{q(x)}[\\exp(x)] = \\exp(\\mu + \\sigma^2)"
    result = run(pytester, f"$${true}$$\n\n$${false}$$\n")
    result.assert_outcomes(passed=1, failed=1)
    assert "quadrature" in result.stdout.str()


def test_up_to_constant_relations_use_pairs_of_points(pytester):
    good = "\\log q(x) \\equiv -\\frac{(x - \\mu)^2}{2\\sigma^2} - \\log \\sigma"
    bad = "\\log q(x) \\equiv -\\frac{(x - \\mu)^2}{2\\sigma^2}"
    result = run(pytester, f"$${good}$$\n\n$${bad}$$\n")
    result.assert_outcomes(passed=1, failed=1)
    assert "link 1 (\\equiv)" in result.stdout.str()


def test_inequalities(pytester):
    result = run(pytester, "$$D_{KL}(q(x)\\|p(x)) \\ge 0$$\n\n$$D_{KL}(q(x)\\|p(x)) \\le 0$$\n")
    result.assert_outcomes(passed=1, failed=1)


def test_vector_claims_run_over_dimensions_and_name_components(pytester):
    slip = "-D_{KL}(q(z)||p(z)) = \\sum_{i=1}^d \\left[ \\log \\sigma_i + \\frac{1}{2} (\\mu_i^2 + \\sigma_i^2 - 1) \\right]"
    fixed = "-D_{KL}(q(z)||p(z)) = \\sum_{i=1}^d \\left[ \\log \\sigma_i - \\frac{1}{2} (\\mu_i^2 + \\sigma_i^2 - 1) \\right]"
    result = run(pytester, f"$${fixed}$$\n\n$${slip}$$\n", VECTORS)
    result.assert_outcomes(passed=1, failed=1)
    out = result.stdout.str()
    assert "\\mu_1 = " in out and "\\sigma_1 = " in out and "d = " in out


def test_a_definition_directive_substitutes_the_defined_scalar(pytester):
    front = GAUSSIANS.replace("\\sigma, s: positive", "\\sigma, s: positive\n    D: positive integer")
    body = "so $D = 3 \\times 32 \\times 32 = 3072$<!-- verify: defines D --> and $D = 3072 + 1$.\n"
    result = run(pytester, body, front)
    result.assert_outcomes(passed=1, failed=1)


def test_unread_claims_fail_and_skipped_ones_are_skipped(pytester):
    result = run(pytester, "$$\\mu = m +$$\n\n$$\\mu = 2$$\n<!-- verify: skip -->\n")
    result.assert_outcomes(failed=1, skipped=1)
    assert "V106" in result.stdout.str()


def test_an_unreadable_note_fails(pytester):
    (pytester.path / "binary.md").write_bytes(b"---\x00\n")
    result = pytester.runpytest("-p", "no:cacheprovider", "--derivations")
    result.assert_outcomes(failed=1)
    assert "V100" in result.stdout.str()


def test_the_seed_note_passes_with_its_two_errata_xfailed(pytester):
    pytester.makeconftest(CONFTEST)  # collected by the folder's conftest, no flag
    seed = ROOT / "derivations" / "vae_losses.md"
    (pytester.path / "vae_losses.md").write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=4, xfailed=2)
    # with the flag as well, each claim is collected once (the plugin's hook, not the conftest's)
    pytester.runpytest("-p", "no:cacheprovider", "--derivations").assert_outcomes(passed=4, xfailed=2)


def test_the_seed_errata_fail_with_shrunk_counterexamples_when_not_expected(pytester):
    seed = (ROOT / "derivations" / "vae_losses.md").read_text(encoding="utf-8")
    (pytester.path / "vae_losses.md").write_text(seed.replace("<!-- verify: expect refuted -->", ""),
                                                 encoding="utf-8")
    result = pytester.runpytest("-p", "no:cacheprovider", "--derivations")
    result.assert_outcomes(passed=4, failed=2)
    out = result.stdout.str()
    assert "link 2 (=)" in out and "link 1 (=)" in out  # the KL chain breaks at 2, the loss at 1
    assert "\\sigma_{\\theta} = " in out and "D = 1" in out and "d = 1" in out


def test_a_refuted_claim_fails_with_the_diagnosis_of_check(pytester):
    # the half-term subtracted where it is added: check diagnoses a sign slip and offers the corrected member
    slip = "D_{KL}(q(x)\\|p(x)) = \\log\\frac{s}{\\sigma} - \\frac{\\sigma^2 + (\\mu - m)^2}{2 s^2} - \\frac{1}{2}"
    result = run(pytester, f"$${slip}$$\n")
    result.assert_outcomes(failed=1)
    out = result.stdout.str()
    assert "link 1 (=) does not hold at " in out  # the shrunk point, as before
    assert "diagnosis (sign): note.md:10:" in out
    assert "V201 sign error on \\frac{\\sigma^2 + (\\mu - m)^2}{2 s^2}" in out
    assert ("fix (suggestion): \\log\\frac{s}{\\sigma} + \\frac{\\sigma^2 + (\\mu - m)^2}{2 s^2} - \\frac{1}{2}"
            in out)


def test_without_the_flag_no_note_is_collected_and_only_keeps_the_notes(pytester):
    pytester.makefile(".md", note=GAUSSIANS + f"$${KL}$$\n", README="# A project\n\nIt costs $5.\n")
    pytester.makepyfile(test_plain="def test_one():\n    assert True\n")
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=1)  # the plain test alone
    both = pytester.runpytest("-p", "no:cacheprovider", "--derivations", "--collect-only", "-q").stdout.str().splitlines()
    assert "note.md::L10" in both and "test_plain.py::test_one" in both
    assert not any(line.startswith("README.md") for line in both)  # no front matter: no note
    only = pytester.runpytest("-p", "no:cacheprovider", "--derivations-only")
    only.assert_outcomes(passed=1, deselected=1)


def test_the_plugin_is_installed_by_its_entry_point():
    from importlib.metadata import entry_points
    (point,) = [e for e in entry_points(group="pytest11") if e.name == "derivlint"]
    assert point.value == "derivlint.pytest_entry"


SIGN_SLIP = "D_{KL}(q(x)\\|p(x)) = \\log\\frac{s}{\\sigma} - \\frac{\\sigma^2 + (\\mu - m)^2}{2 s^2} - \\frac{1}{2}"


def test_a_formulas_ignore_directive_skips_a_refutation_it_covers_and_only_that(pytester):
    # as `check` passes a claim failing only by ignored findings: the item is skipped, saying which codes
    result = run(pytester, f"<!-- verify: ignore V201 -->\n$${SIGN_SLIP}$$\n")
    result.assert_outcomes(skipped=1)
    assert "refuted, its findings ignored (V201)" in result.stdout.str()
    run(pytester, f"<!-- verify: ignore V203 -->\n$${SIGN_SLIP}$$\n").assert_outcomes(failed=1)


def test_the_pyprojects_and_the_notes_ignore_are_read(pytester):
    pytester.makefile(".toml", pyproject="[tool.derivlint]\nignore = [\"v2\"]\n")
    run(pytester, f"$${SIGN_SLIP}$$\n").assert_outcomes(skipped=1)
    pytester.makefile(".toml", pyproject="[tool.derivlint]\nselect = [\"V1\"]\n")
    run(pytester, f"$${SIGN_SLIP}$$\n").assert_outcomes(skipped=1)
    pytester.makefile(".toml", pyproject="[tool.derivlint]\nseed = 3\n")
    run(pytester, f"$${SIGN_SLIP}$$\n").assert_outcomes(failed=1)
    pytester.makefile(".toml", pyproject="")
    pytester.makefile(".md", note=helpers.GAUSSIANS % "  ignore: [V201]\n" + f"$${SIGN_SLIP}$$\n")
    pytester.runpytest("-p", "no:cacheprovider", "--derivations").assert_outcomes(skipped=1)
