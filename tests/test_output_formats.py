"""`check --output-format`: JSON against the package's own schema, SARIF against the 2.1.0 schema, JUnit XML."""
from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from derivlint.cli import main
from derivlint.model.faults import fault_finding
from derivlint.model.options import Options
from derivlint.note.loading import load
from derivlint.report.json_report import report
from derivlint.report.junit import write_junit
from derivlint.report.sarif import sarif
from derivlint.run.note import NoteResult, check_note

from helpers import NOTES, ROOT, TRUE_THEN_FALSE

# A slip (line 12), a known erratum (line 14) and, from the V303 fixture, a link no method decides (line 19).
UNDECIDED = (NOTES / "codes" / "V303.md").read_text(encoding="utf-8")
NOTE = UNDECIDED.replace("    \\sigma, s: positive\n", "    \\sigma, s, a, b: positive\n").replace(
    "---\n\nE[exp", "---\n$$\\log(ab) = \\log a + \\log b$$\n\n$$a + b = a - b$$\n\n$$a = a + 1$$\n"
    "<!-- verify: expect refuted -->\n\nE[exp")
SARIF_SCHEMA = Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json"
REPORT_SCHEMA = ROOT / "derivlint" / "report" / "schema.json"


@pytest.fixture(scope="module")
def checked(tmp_path_factory) -> NoteResult:
    path = tmp_path_factory.mktemp("formats") / "note.md"
    path.write_text(NOTE)
    return check_note(load(path), Options())


@pytest.fixture(scope="module")
def seed() -> NoteResult:
    return check_note(load(ROOT / "derivations" / "vae_losses.md"), Options())


def run(capsys, *args: str) -> tuple[int, str]:
    capsys.readouterr()
    status = main(["check", "-j", "1", *args])
    return status, capsys.readouterr().out


def validator(path: Path):
    schema = json.loads(path.read_text(encoding="utf-8"))
    kind = jsonschema.validators.validator_for(schema)
    kind.check_schema(schema)
    return kind(schema, format_checker=kind.FORMAT_CHECKER)


def test_the_note_has_a_slip_an_erratum_and_an_unchecked_link(checked):
    assert [c.verdict for c in checked.claims] == ["verified", "refuted", "refuted", "unchecked"]


# --- JSON ------------------------------------------------------------------------------------------
def test_the_json_report_of_a_real_run_follows_the_shipped_schema(checked, seed):
    check = validator(REPORT_SCHEMA)
    for result in (checked, seed):
        errors = [e.message for e in check.iter_errors(json.loads(json.dumps(report([result]))))]
        assert errors == []


def test_the_schema_refuses_a_report_that_breaks_it(seed):
    check = validator(REPORT_SCHEMA)
    broken = json.loads(json.dumps(report([seed])))
    broken["files"][0]["claims"][0]["verdict"] = "plausible"
    del broken["files"][0]["claims"][1]["findings"]
    broken["summary"]["surprise"] = 1
    messages = sorted(e.message for e in check.iter_errors(broken))
    assert messages == ["'findings' is a required property", "'plausible' is not one of "
                        "['verified', 'consistent', 'refuted', 'unchecked']",
                        "Additional properties are not allowed ('surprise' was unexpected)"]


def test_a_fix_in_the_json_is_an_edit_that_corrects_the_note(seed):
    text = (ROOT / "derivations" / "vae_losses.md").read_text(encoding="utf-8")
    finding = next(f for c in report([seed])["files"][0]["claims"] for f in c["findings"] if f["fix"])
    fix = finding["fix"]
    assert fix["applicability"] == "suggestion"
    [edit] = fix["edits"]
    start, end = edit["start"], edit["end"]
    assert (start["line"], start["column"], end["line"], end["column"]) == (54, 5, 54, 87)
    written = text[start["offset"] : end["offset"]]
    assert written == r"\sum_{i=1}^d \left[ \log \sigma_i + \frac{1}{2} (\mu_i^2 + \sigma_i^2 - 1) \right]"
    assert edit["replacement"] == written.replace("+ \\frac", "- \\frac")
    # the finding's span runs from the slip to the end of the member its fix replaces
    assert (finding["line"], finding["column"], finding["end_line"], finding["end_column"]) == (54, 41, 54, 87)


def test_a_finding_without_a_fix_spans_its_formula(checked):
    claim = report([checked])["files"][0]["claims"][3]
    [finding] = claim["findings"]
    assert finding["code"] == "V303"
    assert (finding["line"], finding["column"], finding["end_line"]) == (19, 1, 19)
    assert finding["end_column"] == claim["end_column"] == len("$$\\mathbb{E}_{x\\sim q}[e^{x^4}] \\ge 1") + 1


# --- SARIF -----------------------------------------------------------------------------------------
def test_sarif_validates_against_the_2_1_0_schema(checked, seed):
    check = validator(SARIF_SCHEMA)
    for result in (checked, seed):
        errors = [f"{list(e.path)}: {e.message}" for e in check.iter_errors(sarif([result], "0.1.0"))]
        assert errors == []


def test_the_sarif_schema_is_the_oasis_one_and_catches_a_bad_log():
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    check = validator(SARIF_SCHEMA)
    assert list(check.iter_errors({"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]}))  # a driver needs a name
    assert list(check.iter_errors({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}},
                                                                "results": [{"message": {}, "level": "fatal"}]}]}))


def test_sarif_rules_are_the_code_table_with_levels_and_help(checked):
    from derivlint.model.findings import CODES
    rules = sarif([checked], "0.1.0")["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(CODES)
    by_id = {r["id"]: r for r in rules}
    assert by_id["V201"]["shortDescription"]["text"] == "sign: Flipping the sign of the named term(s) makes the link hold"
    assert by_id["V201"]["help"]["text"] == CODES["V201"].doc
    assert [by_id[c]["defaultConfiguration"]["level"] for c in ("V106", "V201", "V303", "V401", "V900")] == \
        ["error", "error", "warning", "note", "error"]


def test_sarif_results_have_regions_levels_and_fixes(seed):
    log = sarif([seed], "0.1.0")
    run_ = log["runs"][0]
    assert run_["columnKind"] == "unicodeCodePoints"
    results = [r for r in run_["results"] if r["ruleId"] == "V201"]
    assert [r["level"] for r in results] == ["note", "note", "note"]  # the seed's errata are expected
    first = results[0]
    assert first["locations"][0]["physicalLocation"]["region"] == \
        {"startLine": 54, "startColumn": 41, "endLine": 54, "endColumn": 87}
    assert first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (ROOT / "derivations/vae_losses.md").as_uri()
    [change] = first["fixes"][0]["artifactChanges"]
    [replacement] = change["replacements"]
    assert replacement["deletedRegion"] == {"startLine": 54, "startColumn": 5, "endLine": 54, "endColumn": 87}
    assert replacement["insertedContent"]["text"].startswith(r"\sum_{i=1}^d \left[ \log \sigma_i - \frac{1}{2}")
    assert run_["tool"]["driver"]["rules"][first["ruleIndex"]]["id"] == "V201"


def test_a_relative_path_is_a_relative_uri(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "my notes").mkdir()
    (tmp_path / "my notes" / "n.md").write_text(TRUE_THEN_FALSE)
    status, out = run(capsys, "--output-format", "sarif", "my notes/n.md")
    assert status == 1
    [result] = json.loads(out)["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "my%20notes/n.md"


# --- JUnit -----------------------------------------------------------------------------------------
def junit_of(result: NoteResult) -> ET.Element:
    out = io.StringIO()
    write_junit(out, [result])
    assert out.getvalue().startswith('<?xml version="1.0" encoding="utf-8"?>\n')
    return ET.fromstring(out.getvalue().split("\n", 1)[1])  # parsed back: well-formed


def test_junit_has_a_case_per_claim_failing_the_refuted_and_skipping_the_unchecked(checked):
    root = junit_of(checked)
    [suite] = root
    cases = suite.findall("testcase")
    assert [c.get("name").split(":")[0] for c in cases] == ["line 10", "line 12", "line 14", "line 19"]
    outcomes = [next((child.tag for child in c), "passed") for c in cases]
    assert outcomes == ["passed", "failure", "skipped", "skipped"]
    assert cases[1].find("failure").get("type") == "V201"
    assert "sign error" in cases[1].find("failure").get("message")
    assert "a known erratum" in cases[2].find("skipped").get("message")
    assert "could not be checked" in cases[3].find("skipped").get("message")
    assert (root.get("tests"), root.get("failures"), root.get("errors"), root.get("skipped")) == ("4", "1", "0", "2")
    assert suite.get("tests") == "4" and cases[1].get("line") == "12"


def test_junit_reports_a_tool_fault_as_an_error_with_its_traceback(checked):
    fault = fault_finding(12, 1, "checking", RuntimeError("boom <&> \x1b"))
    claims = [replace(c, findings=[fault], verdict="unchecked") if i == 1 else c for i, c in enumerate(checked.claims)]
    root = junit_of(NoteResult(checked.loaded, claims))
    error = root.find("testsuite").findall("testcase")[1].find("error")
    assert error.get("type") == "V900"
    assert "RuntimeError: boom <&>" in error.text  # escaped on the way out, read back whole
    assert root.get("errors") == "1"


def test_junit_from_the_command_line_writes_a_file(tmp_path, capsys):
    path = tmp_path / "note.md"
    path.write_text(TRUE_THEN_FALSE)
    target = tmp_path / "out" / "junit.xml"
    status, out = run(capsys, "--output-format", "junit", "-o", str(target), str(path))
    assert status == 1 and out == ""
    root = ET.parse(target).getroot()
    assert root.tag == "testsuites" and root.get("failures") == "1"


def test_format_is_an_alias_of_output_format(tmp_path, capsys):
    path = tmp_path / "note.md"
    path.write_text(TRUE_THEN_FALSE)
    assert run(capsys, "--format", "json", str(path)) == run(capsys, "--output-format", "json", str(path))


def test_a_reading_error_is_a_failing_case_of_its_own(tmp_path):
    path = NOTES / "codes" / "V101.md"
    root = junit_of(check_note(load(path), Options()))
    [case] = root.find("testsuite").findall("testcase")
    assert case.get("name") == "reading the note" and case.find("failure").get("type") == "V101"


def test_a_notebooks_reports_follow_both_schemas_with_places_in_cells(tmp_path):
    front = ["---\n", "verify:\n", "  symbols:\n", "    x, a: real\n", "---\n"]
    cells = [front, ["A slip:\n", "$$\n", "(x - a)^2 = x^2 + a^2\n", "$$\n"]]
    notebook = {"nbformat": 4, "nbformat_minor": 5, "metadata": {},
                "cells": [{"cell_type": "markdown", "metadata": {}, "source": c} for c in cells]}
    path = tmp_path / "n.ipynb"
    path.write_text(json.dumps(notebook))
    result = check_note(load(path), Options())
    data = json.loads(json.dumps(report([result])))
    assert list(validator(REPORT_SCHEMA).iter_errors(data)) == []
    [finding] = data["files"][0]["claims"][0]["findings"]
    assert (finding["cell"], finding["line"], finding["column"], finding["end_line"], finding["end_column"]) == \
        (2, 3, 13, 3, 22)
    [edit] = finding["fix"]["edits"]
    assert edit["start"] == {"cell": 2, "line": 3, "column": 13} and "offset" not in edit["end"]  # no file offset
    log = sarif([result], "0.1.0")
    assert list(validator(SARIF_SCHEMA).iter_errors(log)) == []
    [found] = log["runs"][0]["results"]
    assert found["properties"] == {"cell": 2} and "fixes" not in found  # a cell's lines are not the file's
