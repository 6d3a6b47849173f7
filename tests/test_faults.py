"""A fault of the tool is its own finding (V900) with a traceback, never a slip of the note's."""
from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout

import pytest

from derivlint.cli import main
from derivlint.model.faults import FAULTS_ENV
from derivlint.model.findings import Finding
from derivlint.model.options import Options
from derivlint.model.verdicts import UNCHECKED
from derivlint.note.loading import load
from derivlint.run.note import check_note
from derivlint.run.workers import ToolFault, check_notes

from helpers import TRUE_THEN_FALSE

NOTE = TRUE_THEN_FALSE


@pytest.fixture
def lenient(monkeypatch):
    """Faults reported as findings, as users get them (the suite runs with faults raised)."""
    monkeypatch.delenv(FAULTS_ENV, raising=False)


def broken(*args, **kwargs):
    raise TypeError("a bug planted by the test")


def note_path(tmp_path):
    path = tmp_path / "note.md"
    path.write_text(NOTE)
    return path


def test_a_fault_while_checking_is_v900_on_an_unchecked_claim(tmp_path, monkeypatch, lenient):
    monkeypatch.setattr("derivlint.run.note.check_claim", broken)
    result = check_note(load(note_path(tmp_path)), Options())
    assert [c.verdict for c in result.claims] == [UNCHECKED, UNCHECKED]
    for claim in result.claims:
        assert [f.code for f in claim.findings] == ["V900"]
        assert claim.findings[0].arguments == {"stage": "checking", "error": "TypeError: a bug planted by the test"}
        assert "a bug planted by the test" in claim.findings[0].traceback
        assert [l.verdict for l in claim.links] == [UNCHECKED]


def test_a_fault_in_the_diagnosis_is_not_dressed_as_a_bare_refutation(tmp_path, monkeypatch, lenient):
    monkeypatch.setattr("derivlint.run.findings.diagnose", broken)
    result = check_note(load(note_path(tmp_path)), Options())
    codes = [[f.code for f in c.findings] for c in result.claims]
    assert codes == [[], ["V900"]]  # the first claim holds and is never diagnosed


def test_a_fault_while_reading_is_v900_and_the_other_claims_are_read(tmp_path, monkeypatch, lenient):
    import derivlint.note.claims as claims
    real = claims._joined
    monkeypatch.setattr(claims, "_joined", lambda claim, *rest: broken() if claim.line == 6 else real(claim, *rest))
    loaded = load(note_path(tmp_path))
    assert loaded.claims[0].reading is None
    assert (loaded.claims[0].finding.code, loaded.claims[0].finding.arguments["stage"]) == ("V900", "reading")
    assert loaded.claims[1].reading is not None


def test_the_cli_prints_the_traceback_once_on_stderr_and_keeps_it_in_the_json(tmp_path, monkeypatch, lenient):
    monkeypatch.setattr("derivlint.run.note.check_claim", broken)
    path = str(note_path(tmp_path))
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["check", "-j", "1", path])
    assert code == 1
    assert out.getvalue().count("V900 internal error while checking: TypeError: a bug planted by the test") == 2
    assert "Traceback" not in out.getvalue()
    assert err.getvalue().count("Traceback (most recent call last)") == 1  # the same fault in two claims: once
    out = io.StringIO()
    with redirect_stdout(out), redirect_stderr(io.StringIO()):
        main(["check", "--format", "json", "-j", "1", path])
    findings = [f for c in json.loads(out.getvalue())["files"][0]["claims"] for f in c["findings"]]
    assert [f["code"] for f in findings] == ["V900", "V900"]
    assert all("a bug planted by the test" in f["internal"] for f in findings)


def test_strict_mode_lets_a_fault_propagate_from_a_worker(tmp_path, monkeypatch):
    monkeypatch.setenv(FAULTS_ENV, "raise")
    monkeypatch.setattr("derivlint.run.note.check_claim", broken)
    with pytest.raises(ToolFault, match="a bug planted by the test"):
        check_notes([load(note_path(tmp_path))], Options(), jobs=1)
    with pytest.raises(TypeError, match="a bug planted by the test"):
        check_note(load(note_path(tmp_path)), Options())


@pytest.mark.parametrize(("code", "args", "problem"), [
    ("V201", (), "missing ['term']"),
    ("V201", (("term", "x"), ("note", "; free text")), "unknown ['note']"),
    ("V303", (("index", 1), ("relation", "="), ("reason", "r"), ("index", 2)), "finding V303"),
])
def test_a_finding_made_with_the_wrong_arguments_is_refused_where_it_is_made(code, args, problem):
    with pytest.raises(TypeError, match=problem.replace("[", r"\[").replace("]", r"\]")):
        Finding(code, 1, 1, args=args)


def test_an_unknown_code_is_refused():
    with pytest.raises(ValueError, match="no finding code V999"):
        Finding("V999", 1, 1)
