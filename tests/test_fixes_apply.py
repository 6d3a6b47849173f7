"""`check --diff`, `--fix` and `--unsafe-fixes`: the suggested fixes as a diff, or written, checked again, taken back."""
from __future__ import annotations

import io
import json
import shutil
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import replace
from pathlib import Path

from derivlint.cli import main
from derivlint.model.options import Options
from derivlint.model.verdicts import REFUTED
from derivlint.note.loading import load
from derivlint.run.workers import check_notes
from derivlint.report.fixing import apply_fixes

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "derivations" / "vae_losses.md"  # the seed note, its two errata marked `expect refuted`


def run(*argv) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main([*map(str, argv)])
    return code, out.getvalue(), err.getvalue()


def copy(tmp_path) -> Path:
    path = tmp_path / "seed.md"
    shutil.copy(SEED, path)
    return path


def test_diff_shows_every_suggested_fix_and_writes_nothing(tmp_path):
    path = copy(tmp_path)
    code, out, _ = run("check", "--diff", "-j", "1", path)
    assert code == 0 and path.read_text() == SEED.read_text()
    removed = [line for line in out.splitlines() if line.startswith("-") and not line.startswith("---")]
    added = [line for line in out.splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert len(removed) == len(added) == 3  # the KL's last member, the objective's two members
    assert added[0] == "+$$= \\sum_{i=1}^d \\left[ \\log \\sigma_i - \\frac{1}{2} (\\mu_i^2 + \\sigma_i^2 - 1) \\right]$$"
    assert out.startswith(f"--- {path}\n+++ {path}\n@@ ")


def test_fix_alone_writes_no_suggestion_and_says_how_many_there_are(tmp_path):
    path = copy(tmp_path)
    code, _, err = run("check", "-q", "--fix", "-j", "1", path)
    assert path.read_text() == SEED.read_text() and code == 0
    assert "3 suggested fix(es) not written: add --unsafe-fixes to write them" in err


def test_unsafe_fixes_make_both_errata_hold_and_their_directives_stale(tmp_path):
    path = copy(tmp_path)
    code, out, err = run("check", "--fix", "--unsafe-fixes", "--output-format", "json", "-j", "1", path)
    assert f"{path}: fixed the claims of line 53, 78" in err
    report = json.loads(out)["files"][0]
    assert [c["verdict"] for c in report["claims"]] == ["verified"] * 6
    assert sorted(f["line"] for f in report["findings"] + [g for c in report["claims"] for g in c.get("findings", [])]
                  if f["code"] == "V304") == [53, 78]  # `expect refuted` is stale now
    assert code == 1
    before, after = SEED.read_text().splitlines(), path.read_text().splitlines()
    assert [k + 1 for k, (a, b) in enumerate(zip(before, after)) if a != b] == [54, 78, 80] and len(before) == len(after)


def test_a_fix_whose_claim_does_not_then_hold_is_taken_back(tmp_path):
    path = copy(tmp_path)
    results = check_notes([load(path)], Options(), 1)
    seen = []

    def refuting(p):  # a re-check that finds the claim of line 53 still refuted
        seen.append(Path(p).read_text())
        again = check_notes([load(Path(p))], Options(), 1)[0]
        claims = [replace(c, verdict=REFUTED) if c.claim.line == 53 else c for c in again.claims]
        return replace(again, claims=claims)

    after, done = apply_fixes(results, ("safe", "suggestion"), refuting)
    assert done[0].rolled_back == [(53, "the claim is refuted with it")] and done[0].applied == [78]
    written = path.read_text().splitlines()
    assert written[53] == SEED.read_text().splitlines()[53]  # line 54, the KL's member, as written
    assert written[77] != SEED.read_text().splitlines()[77]  # the objective's fix stays
    assert len(seen) == 2


def test_a_notebook_is_not_written(tmp_path):
    notebook = tmp_path / "n.ipynb"
    cells = [{"cell_type": "raw", "metadata": {}, "source": ["---\n", "verify:\n", "  symbols:\n", "    a: positive\n", "---\n"]},
             {"cell_type": "markdown", "metadata": {}, "source": ["$$\\log a^2 = \\log a$$\n"]}]
    notebook.write_text(json.dumps({"nbformat": 4, "nbformat_minor": 4, "metadata": {}, "cells": cells}))
    before = notebook.read_text()
    code, _, err = run("check", "-q", "--fix", "--unsafe-fixes", "-j", "1", notebook)
    assert notebook.read_text() == before
    assert "no fix written: its text is joined from parts" in err and code == 1


def test_unsafe_fixes_needs_fix(tmp_path):
    try:
        run("check", "--unsafe-fixes", copy(tmp_path))
    except SystemExit as stop:
        assert stop.code == 2
    else:
        raise AssertionError("--unsafe-fixes alone was accepted")
