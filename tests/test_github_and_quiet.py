"""`check --format github` writes one workflow annotation per finding; the text report is a line per finding,
`-v` every claim and link, `-q` the summary only."""
from __future__ import annotations

from derivlint.cli import main
from derivlint.model.findings import Finding
from derivlint.report.github import annotation

from helpers import TRUE_THEN_FALSE

NOTE = TRUE_THEN_FALSE + """
$$a = a + 1$$
<!-- verify: expect refuted -->
"""


def test_an_annotation_escapes_what_github_reads_as_syntax():
    finding = Finding("V201", 3, 7, args=(("term", "50% of a, b: c\nd"),), kind="sign")
    assert annotation("dir/a,b:c.md", finding) == \
        "::error file=dir/a%2Cb%3Ac.md,line=3,col=7,endLine=3,endColumn=8,title=V201::sign error on 50%25 of a, b: c%0Ad"
    assert annotation("n.md", Finding("V303", 1, 1, args=(("index", 1), ("relation", "="), ("reason", "r")))) \
        .startswith("::warning ")


def test_check_in_github_format_marks_slips_as_errors_and_known_errata_as_notices(tmp_path, capsys):
    path = tmp_path / "note.md"
    path.write_text(NOTE)
    assert main(["check", "-j", "1", "--format", "github", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == ["::error", "::notice"]
    assert ",line=8,col=" in lines[0] and ",title=V2" in lines[0]
    assert ",line=10,col=" in lines[1]
    # a finding without a fix spans its formula: `a + b = a - b` ends at column 16, just before its `$$`
    assert ",endLine=8,endColumn=16," in lines[0]


def test_the_default_text_report_is_a_line_per_finding(tmp_path, capsys):
    path = tmp_path / "note.md"
    path.write_text(NOTE)
    assert main(["check", "-j", "1", str(path)]) == 1
    lines = [line for line in capsys.readouterr().out.splitlines() if not line.startswith("    fix (suggestion): ")]
    assert lines[0].startswith(f"{path}:8:") and " V2" in lines[0]
    assert lines[1].startswith(f"{path}:10:") and lines[1].endswith(" (expected)")
    assert lines[2] == "1 note(s), 3 claim(s)"  # then the table: no verdict line, no link, nothing of the true claim
    assert not any(": verified" in line or "link 1" in line or "log(ab)" in line for line in lines)


def test_verbose_lists_every_claim_and_link(tmp_path, capsys):
    path = tmp_path / "note.md"
    path.write_text(NOTE)
    assert main(["check", "-j", "1", "-v", str(path)]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"{path}:6:1: verified  \\log(ab) = \\log a + \\log b\n    link 1 (=): verified [")
    assert f"{path}:10:1: refuted (expected)  a = a + 1" in out
    assert f"    {path}:8:" in out  # a finding under its claim


def test_quiet_and_verbose_do_not_go_together(capsys):
    import pytest
    with pytest.raises(SystemExit) as stop:
        main(["check", "-q", "-v", "x.md"])
    assert stop.value.code == 2 and "not allowed with argument" in capsys.readouterr().err


def test_quiet_prints_the_summary_only(tmp_path, capsys):
    path = tmp_path / "note.md"
    path.write_text(NOTE)
    assert main(["check", "-j", "1", "-q", str(path)]) == 1
    out = capsys.readouterr().out
    assert "verified" in out and "refuted" in out  # the table's header
    assert str(path) + ":" not in out and "sign error" not in out and "link 1" not in out


def test_check_in_sarif_format_gives_every_finding_its_rule_level_and_place(tmp_path, capsys):
    import json
    from derivlint.model.findings import CODES
    path = tmp_path / "note.md"
    path.write_text(NOTE)
    assert main(["check", "-j", "1", "--format", "sarif", str(path)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["version"] == "2.1.0"
    run = report["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == sorted(CODES)
    places = [(r["ruleId"][:2], r["level"], r["locations"][0]["physicalLocation"]["region"]["startLine"])
              for r in run["results"]]
    assert places == [("V2", "error", 8), ("V2", "note", 10)]
    assert all(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == path.as_uri() for r in run["results"])
