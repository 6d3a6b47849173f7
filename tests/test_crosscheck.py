"""`derivlint crosscheck`: catalogue entropies and moments against scipy.stats, disagreements with values."""
from __future__ import annotations

import io
import math
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from derivlint.cli import main
from derivlint.campaigns.crosscheck import crosscheck, exit_code
from derivlint.checks.draws import CROSSCHECK_POINTS

CATALOG = Path(__file__).resolve().parent.parent / "derivations" / "catalog"

FRONT = """\
---
verify:
  symbols:
    d: positive integer
    \\mu: real
    \\sigma: positive
    \\nu, z: real vector[d]
    \\omega: positive vector[d]
  distributions:
    q(x): \\mathcal{N}(x; \\mu, \\sigma^2)
    r(z): \\mathcal{N}(z; \\nu, \\operatorname{diag}(\\omega^2))
---
"""


def note(tmp_path: Path, body: str, name: str = "note.md") -> str:
    path = tmp_path / name
    path.write_text(FRONT + body)
    return str(path)


@pytest.fixture(scope="module")
def catalogue():
    return crosscheck([str(CATALOG)])


def test_the_catalogue_agrees_with_scipy(catalogue):
    compared = [r for r in catalogue if not r.reason]
    assert exit_code(catalogue) == 0
    assert [r for r in catalogue if r.disagreements] == []
    assert all(r.compared == CROSSCHECK_POINTS for r in compared)


def test_the_normal_entropies_are_compared(catalogue):
    entropies = {(Path(r.path).name, r.line) for r in catalogue if r.quantity == "entropy" and not r.reason}
    assert len({line for name, line in entropies if name == "normal.md"}) >= 2
    assert len({line for name, line in entropies if name == "normal_diagonal.md"}) >= 4


def test_a_wrong_scalar_entropy_is_reported_with_its_parameters(tmp_path):
    records = crosscheck([note(tmp_path, "$$H(q) = \\log(2\\pi e\\sigma^2)$$\n")])
    assert len(records) == 1 and exit_code(records) == 1
    record = records[0]
    assert (record.quantity, record.member, record.compared) == ("entropy", 2, CROSSCHECK_POINTS)
    assert len(record.disagreements) == CROSSCHECK_POINTS  # off by the entropy itself everywhere: never zero here
    first = record.disagreements[0]
    assert set(first.parameters) == {"\\mu", "\\sigma"}
    sigma = first.parameters["\\sigma"]
    assert first.claimed == pytest.approx(2 * first.scipy)  # the missing 1/2
    assert first.scipy == pytest.approx(0.5 * (1 + math.log(2 * math.pi * sigma ** 2)))


def test_a_wrong_diagonal_entropy_names_the_dimension_and_components(tmp_path):
    body = "$$H(r) = \\frac{d}{2}\\log(2\\pi e) + \\sum_{i=1}^{d} \\log\\omega_i^2$$\n"
    records = crosscheck([note(tmp_path, body)])
    assert exit_code(records) == 1
    dims = {d.parameters["d"] for d in records[0].disagreements}
    assert dims == {1, 2, 3}
    for d in records[0].disagreements:
        assert {f"\\omega_{k}" for k in range(1, d.parameters["d"] + 1)} <= set(d.parameters)


def test_a_right_diagonal_entropy_agrees_at_every_dimension(tmp_path):
    body = "$$H(r) = \\frac{d}{2}\\log(2\\pi e) + \\sum_{i=1}^{d} \\log\\omega_i$$\n"
    records = crosscheck([note(tmp_path, body)])
    assert [(r.compared, len(r.disagreements)) for r in records] == [(CROSSCHECK_POINTS, 0)]


def test_means_and_variances_are_compared(tmp_path):
    body = ("$$\\mathbb{E}_{x\\sim q}[x] = \\mu$$\n\n"
            "$$\\mathbb{E}_{x\\sim q}[(x - \\mu)^2] = \\sigma$$\n")
    records = crosscheck([note(tmp_path, body)])
    assert [(r.quantity, len(r.disagreements)) for r in records] == [
        ("expectation", 0), ("expectation", CROSSCHECK_POINTS)]


def test_an_expected_erratum_does_not_fail(tmp_path):
    body = "$$H(q) = \\log(2\\pi e\\sigma^2)$$\n<!-- verify: expect refuted -->\n"
    records = crosscheck([note(tmp_path, body)])
    assert records[0].expected and records[0].disagreements and exit_code(records) == 0


def test_an_expectation_scipy_does_not_offer_is_not_compared(tmp_path):
    body = "$$\\mathbb{E}_{x\\sim q}[-\\log q(x)] = \\frac{1}{2}\\log(2\\pi e\\sigma^2)$$\n"
    records = crosscheck([note(tmp_path, body)])
    assert len(records) == 1 and records[0].reason and records[0].compared == 0
    assert exit_code(records) == 0


def test_the_draws_are_seeded(tmp_path):
    path = note(tmp_path, "$$H(q) = \\log(2\\pi e\\sigma^2)$$\n")
    first, again, other = crosscheck([path]), crosscheck([path]), crosscheck([path], seed=1)
    assert first[0].disagreements == again[0].disagreements
    assert first[0].disagreements != other[0].disagreements


def test_the_command_exit_codes_and_one_line_per_disagreement(tmp_path):
    wrong = note(tmp_path, "$$H(q) = \\log(2\\pi e\\sigma^2)$$\n", "wrong.md")
    right = note(tmp_path, "$$H(q) = \\frac{1}{2}\\log(2\\pi e\\sigma^2)$$\n", "right.md")
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["crosscheck", "--points", "7", wrong]) == 1
        assert main(["crosscheck", right]) == 0
        assert main(["crosscheck", str(tmp_path / "missing.md")]) == 2
    lines = out.getvalue().splitlines()
    assert sum(1 for line in lines if line.startswith("    at ")) == 7
