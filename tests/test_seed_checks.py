"""The seed note's verdicts (issue 3, "Done when"), the check command and its JSON report."""
from __future__ import annotations

import io
import json
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from derivlint.model.options import Options
from derivlint.run.note import check_note
from derivlint.cli import main
from derivlint.note.loading import load

SEED = Path(__file__).resolve().parent.parent / "derivations" / "vae_losses.md"


@pytest.fixture(scope="module")
def seed():
    return check_note(load(SEED), Options())


def claim_at(result, latex_start: str):
    return next(c for c in result.claims if c.claim.latex.startswith(latex_start))


def test_arithmetic_is_verified(seed):
    claim = claim_at(seed, "D = 3")
    assert claim.verdict == "verified"
    assert [l.evidence[0].method for l in claim.links] == ["definition", "symbolic"]


def test_mse_definition_density_ratio_and_decoder_nll_are_verified(seed):
    for start in ("MSE(x", "\\frac{q(z|x)}{p(z)}", "-\\ln p(\\tilde{x}|z)"):
        assert claim_at(seed, start).verdict == "verified", start


def test_kl_chain_first_link_verified_second_refuted(seed):
    claim = claim_at(seed, "-D_{KL}")
    assert [l.verdict for l in claim.links] == ["verified", "refuted"]
    assert claim.verdict == "refuted" and claim.expected_refuted and claim.passes
    second = claim.links[1]
    assert {"points", "quadrature", "montecarlo"} <= set(second.methods)
    assert "d" in second.counterexample


def test_objective_refuted_and_the_equiv_step_accepted(seed):
    claim = claim_at(seed, "\\mathcal{L}")
    assert [(l.relation, l.verdict) for l in claim.links] == [("=", "refuted"), ("\\equiv", "verified")]
    assert claim.passes


def test_make_verify_passes_on_the_seed():
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["check", str(SEED)]) == 0


def test_json_report_follows_the_design():
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(["check", "--format", "json", str(SEED)])
    report = json.loads(out.getvalue())
    assert code == 0
    assert report["version"] == 1
    assert report["summary"] == {"verified": 4, "consistent": 0, "refuted": 2, "unchecked": 0, "ignored": 0}
    claims = report["files"][0]["claims"]
    lines = SEED.read_text().splitlines()
    for claim in claims:
        assert "$" in lines[claim["line"] - 1]  # the line where the claim's maths starts
        assert claim["verdict"] in ("verified", "refuted")
        for link in claim["links"]:
            assert set(link) >= {"index", "relation", "verdict", "methods"}
    kl = next(c for c in claims if c["latex"].startswith("-D_{KL}"))
    assert kl["links"][1]["verdict"] == "refuted" and kl["links"][1]["counterexample"]
    assert (kl["findings"][0]["code"], kl["findings"][0]["kind"]) == ("V201", "sign")
    assert kl["findings"][0]["fix"]["latex"].startswith("\\sum_{i=1}^d")


def test_two_runs_with_one_seed_print_the_same_report():
    reports = []
    for _ in range(2):
        out = io.StringIO()
        with redirect_stdout(out):
            main(["check", "--format", "json", "--seed", "3", str(SEED)])
        reports.append(out.getvalue())
    assert reports[0] == reports[1]


def test_exit_codes(tmp_path):
    wrong = tmp_path / "wrong.md"
    wrong.write_text("---\nverify:\n  symbols:\n    a: real\n---\n$$(a+1)^2 = a^2 + 1$$\n")
    broken = tmp_path / "broken.md"
    broken.write_text("---\nverify: [unclosed\n---\n$$1 = 1$$\n")
    with redirect_stdout(io.StringIO()):
        assert main(["check", str(wrong)]) == 1
        assert main(["check", str(broken)]) == 2
        assert main(["check", str(tmp_path / "missing.md")]) == 2
