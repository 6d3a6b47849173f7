"""The library API: `derivlint.check_text` and `derivlint.check_paths` give the JSON report's data, typed."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import derivlint
from derivlint.api import Claim, Finding, Report

ROOT = Path(__file__).resolve().parent.parent
NOTE = r"""---
verify:
  symbols:
    a, b: positive
---
$$\log(ab) = \log a + \log b$$

$$\log a^2 = \log a$$
"""


def test_check_text_gives_typed_verdicts_findings_and_fixes():
    report = derivlint.check_text(NOTE)
    assert isinstance(report, Report) and report.exit_code == 1 and not report.ok
    assert report.summary == {"verified": 1, "consistent": 0, "refuted": 1, "unchecked": 0, "ignored": 0}
    first, second = report.notes[0].claims
    assert isinstance(first, Claim) and (first.verdict, second.verdict) == ("verified", "refuted")
    assert report.notes[0].path == "<text>.md" and second.start.line == 8 and second.start.column == 1
    (finding,) = report.findings
    assert isinstance(finding, Finding) and (finding.code, finding.kind) == ("V202", "factor")
    assert finding.fix.latex == "2 \\log a" and finding.fix.applicability == "suggestion"
    (edit,) = finding.fix.edits
    assert NOTE[edit.start.offset : edit.end.offset] == "\\log a" and edit.replacement == "2 \\log a"
    assert second.links[0].verdict == "refuted" and second.links[0].counterexample


def test_the_same_data_as_the_json_report(tmp_path):
    path = tmp_path / "n.md"
    path.write_text(NOTE)
    out = subprocess.run([sys.executable, "-m", "derivlint", "check", "--output-format", "json", "-j", "1", str(path)],
                         capture_output=True, text=True, cwd=ROOT).stdout
    data = json.loads(out)["files"][0]
    report = derivlint.check_paths([path])
    assert [c.latex for c in report.notes[0].claims] == [c["latex"] for c in data["claims"]]
    assert [f.message for f in report.findings] == [f["message"] for c in data["claims"] for f in c["findings"]]
    assert report.notes[0].claims[1].end.column == data["claims"][1]["end_column"]


def test_bad_arguments_are_said():
    with pytest.raises(ValueError, match="format must be one of md, qmd, ipynb, tex"):
        derivlint.check_text("$$a = a$$", format="docx")
    with pytest.raises(FileNotFoundError):
        derivlint.check_paths(["no/such/note.md"])


def test_importing_the_package_imports_no_sympy():
    code = "import sys, derivlint; print('sympy' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT).stdout.strip() == "False"
