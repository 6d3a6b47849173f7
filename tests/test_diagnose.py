"""Diagnosis: one small note per kind of slip, and the seed's two errata (issue 4)."""
from __future__ import annotations

from pathlib import Path

import pytest

from derivlint.model.options import Options
from derivlint.model.findings import KIND_CODES
from derivlint.run.note import check_note
from derivlint.note.loading import load

from helpers import check_gaussian, check_text, diagnosis, normalised

KL = r"D_{KL}(q\|p)"
KL_TERMS = r"\log\frac{s}{\sigma} + \frac{\sigma^2 + (\mu - m)^2}{2 s^2} - \frac{1}{2}"
LOG_SCALE = """---
verify:
  symbols:
    s: real
  distributions:
    q(x): \\mathcal{N}(x; 0, e^{2s})
    p(x): \\mathcal{N}(x; 0, 1)
---
"""


CASES = {
    "sign": rf"$${KL} = \log\frac{{s}}{{\sigma}} - \frac{{\sigma^2 + (\mu - m)^2}}{{2 s^2}} - \frac{{1}}{{2}}$$",
    "factor": rf"$${KL} = \log\frac{{s}}{{\sigma}} + \frac{{\sigma^2 + (\mu - m)^2}}{{s^2}} - \frac{{1}}{{2}}$$",
    "extra-term": rf"$${KL} = {KL_TERMS} + \mu^2$$",
    "missing-term": rf"$${KL} = \log\frac{{s}}{{\sigma}} + \frac{{(\mu - m)^2}}{{2 s^2}} - \frac{{1}}{{2}}$$",
    "constant": r"$$H(q) = \frac{1}{2}\log(2\pi\sigma^2)$$",
    "power": r"$$-\log q(x) = \frac{(x - \mu)^2}{2\sigma} + \log\sigma + \frac{1}{2}\log(2\pi)$$",
    "swapped-arguments": rf"$$D_{{KL}}(p\|q) = {KL_TERMS}$$",
    "special-case": rf"$${KL} = \log\frac{{s}}{{\sigma}} + \frac{{\sigma^2}}{{2 s^2}} - \frac{{1}}{{2}}$$",
    "log-base": r"$$H(q) = \frac{1}{2}\log_2(2\pi e \sigma^2)$$",
    "mismatch": r"$$H(q) = \sigma\mu$$",
}


@pytest.mark.parametrize("kind", sorted(CASES))
def test_each_kind_is_named(tmp_path, kind):
    result = check_gaussian(tmp_path, CASES[kind])
    assert result.claims[0].verdict == "refuted"
    finding = diagnosis(result)
    assert (finding.kind, finding.code) == (kind, KIND_CODES[kind])


def test_substitution_log_std_read_as_log_variance(tmp_path):
    result = check_text(tmp_path, LOG_SCALE + r"$$D_{KL}(q\|p) = \frac{1}{2}(e^{s} - 1) - \frac{s}{2}$$" "\n")
    finding = diagnosis(result)
    assert finding.kind == "substitution"
    assert finding.arguments["term"] == "s \\to 2s"


def test_sign_fix_keeps_the_authors_order_and_marks_the_change(tmp_path):
    finding = diagnosis(check_gaussian(tmp_path, CASES["sign"]))
    assert finding.arguments["term"] == r"\frac{\sigma^2 + (\mu - m)^2}{2 s^2}"
    assert normalised(finding.fix.latex) == normalised(KL_TERMS)
    assert normalised(finding.fix.marked).count("\\fixmark{") == 1


def test_factor_fix_folds_into_the_coefficient(tmp_path):
    finding = diagnosis(check_gaussian(tmp_path, CASES["factor"]))
    assert finding.arguments["factor"] == "1/2"


def test_fix_span_is_the_member_it_replaces(tmp_path):
    result = check_gaussian(tmp_path, CASES["sign"])
    finding = diagnosis(result)
    text = result.loaded.note.text
    member = result.claims[0].read.reading.members[1]
    assert (finding.fix.start, finding.fix.end) == (member.start, member.end)
    assert text[finding.fix.start:finding.fix.end].strip().startswith(r"\log\frac{s}{\sigma}")


def test_seed_kl_chain_second_link_is_a_sign_error_on_the_half_term():
    result = check_note(load(Path(__file__).resolve().parent.parent / "derivations" / "vae_losses.md"), Options())
    kl = next(c for c in result.claims if c.claim.latex.startswith("-D_{KL}"))
    finding = diagnosis(result, result.claims.index(kl))
    assert (finding.code, finding.kind) == ("V201", "sign")
    assert normalised(finding.arguments["term"]) == normalised(r"\frac{1}{2}(\mu_i^2 + \sigma_i^2 - 1)")
    assert normalised(finding.fix.latex) == normalised(
        r"\sum_{i=1}^d[\log\sigma_i - \frac{1}{2}(\mu_i^2 + \sigma_i^2 - 1)]")

    objective = next(c for c in result.claims if c.claim.latex.startswith("\\mathcal{L}"))
    first, carried = [f for f in objective.findings if f.kind is not None]
    for finding in (first, carried):  # the \equiv member carries the same slip: both get the fix
        assert (finding.code, finding.kind) == ("V201", "sign")
        assert normalised(finding.arguments["term"]) == normalised(r"\log\sigma_i")
    assert (first.arguments["defined"], first.arguments["definition"]) == (r"\mathcal{L}_{\phi,\theta}", "negative-elbo")
    members = objective.reading.members
    assert [(f.fix.start, f.fix.end) for f in (first, carried)] == [(m.start, m.end) for m in members[1:]]
    assert [f.code for f in objective.findings if f.kind is None] == ["V401"]
    assert dict(objective.findings[0].args)["line"] == kl.claim.line
