"""`[tool.derivlint]` in pyproject.toml, a note's `ignore:` and a formula's `ignore` directive; the command line wins."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from derivlint.cli import main
from derivlint.model.selection import Selection, parse_codes
from derivlint.note.config import ConfigError, find_config, load_config, read_config
from derivlint.note.loading import load

from helpers import TRUE_THEN_FALSE

# A true claim (line 6) and a sign slip (line 8, V201).
SLIP = TRUE_THEN_FALSE


def project(root: Path, table: str, notes: dict[str, str]) -> Path:
    (root / "pyproject.toml").write_text(f"[project]\nname = 'x'\n\n[tool.derivlint]\n{table}\n")
    for name, text in notes.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def run(capsys, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    status = main(["check", "-j", "1", *args])
    out, err = capsys.readouterr()
    return status, out, err


def codes_in(out: str) -> list[str]:
    report = json.loads(out)
    return [f["code"] for file in report["files"] for c in file["claims"] for f in c["findings"]] + \
        [f["code"] for file in report["files"] for f in file["findings"]]


# --- finding and reading the file ---------------------------------------------------------------
def test_the_nearest_pyproject_with_the_table_is_found_walking_up(tmp_path):
    project(tmp_path, "seed = 3", {"notes/deep/n.md": SLIP})
    (tmp_path / "notes" / "pyproject.toml").write_text("[project]\nname = 'inner'\n")  # no [tool.derivlint]: passed over
    assert find_config([str(tmp_path / "notes" / "deep" / "n.md")]) == tmp_path / "pyproject.toml"
    assert find_config([str(tmp_path / "notes" / "deep")]) == tmp_path / "pyproject.toml"
    assert load_config([str(tmp_path / "notes")]).seed == 3
    assert load_config([str(tmp_path / "notes")], isolated=True).seed is None


def test_every_setting_is_read_and_paths_are_the_files_folders(tmp_path, monkeypatch):
    project(tmp_path, 'paths = ["notes"]\nexclude = ["drafts/"]\nextensions = ["md"]\nseed = 7\nbudget = 2\n'
                      'jobs = 2\nselect = ["v2", "V3"]\nignore = ["V206"]\noutput-format = "json"', {})
    monkeypatch.chdir(tmp_path)
    config = read_config(tmp_path / "pyproject.toml")
    assert (config.paths, config.exclude, config.extensions, config.seed, config.budget, config.jobs) == \
        (("notes",), ("drafts/",), (".md",), 7, 2.0, 2)
    assert (config.select, config.ignore, config.output_format) == (("V2", "V3"), ("V206",), "json")


@pytest.mark.parametrize(("table", "problem"), [
    ("sed = 1", "unknown key `sed`"),
    ("seed = 'one'", "`seed` in [tool.derivlint] must be an integer"),
    ("jobs = 0", "`jobs` in [tool.derivlint] must be a positive integer"),
    ("ignore = ['V999']", "'V999' is no finding code"),
    ("ignore = ['V900']", "V900 is a fault of the tool, never hidden"),
    ("output-format = 'xml'", "must be text or json or github or sarif or junit"),
    ("seed = [", "pyproject.toml: "),  # TOML that does not parse
])
def test_a_wrong_setting_stops_the_run_with_why(tmp_path, capsys, table, problem):
    project(tmp_path, table, {"n.md": SLIP})
    status, out, err = run(capsys, str(tmp_path / "n.md"))
    assert status == 2 and out == "" and problem in err
    with pytest.raises(ConfigError):
        load_config([str(tmp_path / "n.md")])


# --- what the settings do -------------------------------------------------------------------------
def test_paths_exclude_and_output_format_come_from_the_file(tmp_path, capsys, monkeypatch):
    project(tmp_path, 'paths = ["notes"]\nexclude = ["drafts/"]\noutput-format = "json"',
            {"notes/a.md": SLIP, "notes/drafts/b.md": SLIP})
    monkeypatch.chdir(tmp_path / "notes")  # found from the working folder, paths relative to the file's
    status, out, _ = run(capsys)
    assert status == 1
    assert [f["path"] for f in json.loads(out)["files"]] == ["a.md"]
    # the command line wins: its paths, its format; a file named itself is read even where excluded
    status, out, _ = run(capsys, "--output-format", "text", "-q", "drafts/b.md")
    assert status == 1 and "drafts/b.md" in out and not out.startswith("{")


def test_no_path_and_none_configured_is_said(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    status, _, err = run(capsys)
    assert status == 2 and "no path to check" in err


def test_ignore_in_the_file_hides_the_code_and_passes_the_claim(tmp_path, capsys):
    project(tmp_path, 'ignore = ["V201"]\noutput-format = "json"', {"n.md": SLIP})
    status, out, _ = run(capsys, str(tmp_path / "n.md"))
    assert status == 0 and codes_in(out) == []
    report = json.loads(out)
    assert report["summary"]["ignored"] == 1 and report["summary"]["refuted"] == 1  # the verdict stays
    status, out, _ = run(capsys, "--output-format", "text", str(tmp_path / "n.md"))
    assert status == 0 and "V201" not in out
    assert out.endswith("\n1 finding(s) not reported: their codes are ignored or not selected\n")
    status, out, _ = run(capsys, "--ignore", "V3", str(tmp_path / "n.md"), "--format", "json")  # the command line wins
    assert status == 1 and codes_in(out) == ["V201"]
    status, out, _ = run(capsys, "--isolated", str(tmp_path / "n.md"), "--format", "json")
    assert status == 1 and codes_in(out) == ["V201"]


def test_select_reports_only_the_codes_selected(tmp_path, capsys):
    project(tmp_path, 'select = ["V4"]', {"n.md": SLIP})
    status, out, _ = run(capsys, "--format", "json", str(tmp_path / "n.md"))
    assert status == 0 and codes_in(out) == []
    status, out, _ = run(capsys, "--select", "v2", "--format", "json", str(tmp_path / "n.md"))
    assert status == 1 and codes_in(out) == ["V201"]


def test_a_tool_fault_is_never_hidden():
    assert Selection(select=("V2",), ignore=("V9",)).reports("V900")
    with pytest.raises(ValueError, match="never hidden"):
        parse_codes(["V900"])


def test_ignore_on_the_command_line_refuses_a_fault_code(capsys):
    status, _, err = run(capsys, "--ignore", "V900", "x.md")
    assert status == 2 and "never hidden" in err


# --- in the note ----------------------------------------------------------------------------------
def test_a_notes_front_matter_ignores_codes(tmp_path, capsys):
    path = tmp_path / "n.md"
    path.write_text(SLIP.replace("---\n$$", "  ignore: [V201]\n---\n$$", 1))
    status, out, _ = run(capsys, "--isolated", "--format", "json", str(path))
    assert status == 0 and codes_in(out) == []


def test_a_bad_code_in_the_front_matter_is_a_declaration_problem(tmp_path):
    path = tmp_path / "n.md"
    path.write_text(SLIP.replace("---\n$$", "  ignore: [V2O1]\n---\n$$", 1))
    [finding] = load(path).findings
    assert finding.code == "V102" and finding.arguments["name"] == "ignore" and "'V2O1'" in finding.arguments["problem"]


@pytest.mark.parametrize("where", ["before", "after"])
def test_a_formulas_ignore_directive_hides_its_codes_only(tmp_path, capsys, where):
    slip = "$$a + b = a - b$$"
    directive = "<!-- verify: ignore V201 -->"
    text = SLIP + "\n$$a - b = a + b$$\n"  # a second slip, not ignored
    text = text.replace(slip, f"{directive}\n{slip}" if where == "before" else f"{slip}\n{directive}")
    path = tmp_path / "n.md"
    path.write_text(text)
    status, out, _ = run(capsys, "--isolated", "--format", "json", str(path))
    claims = json.loads(out)["files"][0]["claims"]
    assert [c["latex"] for c in claims if c["findings"]] == ["a - b = a + b"]
    assert status == 1
    path.write_text(text.replace("\n$$a - b = a + b$$\n", "\n"))
    assert run(capsys, "--isolated", str(path))[0] == 0


def test_an_ignore_directive_before_no_claim_is_stray(tmp_path):
    path = tmp_path / "n.md"
    path.write_text(SLIP + "\nProse.\n\n<!-- verify: ignore V201 -->\n$x$ is no claim.\n")
    assert [(f.code, f.line) for f in load(path).findings] == [("V104", 12)]


def test_an_unknown_code_in_a_directive_is_an_unknown_directive(tmp_path):
    path = tmp_path / "n.md"
    path.write_text(SLIP + "<!-- verify: ignore V777 -->\n")
    [finding] = load(path).findings
    assert finding.code == "V105" and "V777" in finding.arguments["directive"]


# --- platforms ------------------------------------------------------------------------------------
def test_posix_only_is_said_in_the_readme_and_the_classifiers():
    import tomllib
    from helpers import ROOT
    project_table = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    systems = [c for c in project_table["classifiers"] if c.startswith("Operating System")]
    assert systems == ["Operating System :: POSIX", "Operating System :: POSIX :: Linux"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "POSIX only" in readme and "SIGALRM" in readme and "forked worker processes" in readme


def test_without_sigalrm_check_says_posix_only_and_exits_2(tmp_path, capsys, monkeypatch):
    import signal
    path = tmp_path / "n.md"
    path.write_text(SLIP)
    monkeypatch.delattr(signal, "SIGALRM")
    status, out, err = run(capsys, str(path))
    assert status == 2 and out == "" and "POSIX systems only" in err


def test_junit_skips_a_claim_failing_only_by_ignored_findings(tmp_path, capsys):
    import xml.etree.ElementTree as ET
    path = tmp_path / "n.md"
    path.write_text(SLIP)
    status, out, _ = run(capsys, "--isolated", "--ignore", "V201", "--output-format", "junit", str(path))
    assert status == 0
    cases = ET.fromstring(out.split("\n", 1)[1]).find("testsuite").findall("testcase")
    assert [next((child.tag for child in c), "passed") for c in cases] == ["passed", "skipped"]
    assert cases[1].find("skipped").get("message") == "refuted, by findings whose codes are ignored"


def test_config_and_isolated_do_not_go_together(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["check", "--config", "pyproject.toml", "--isolated", "x.md"])
    assert stop.value.code == 2 and "not allowed with argument" in capsys.readouterr().err


def test_extensions_choose_a_folders_notes_and_the_seed_is_the_files(tmp_path, capsys):
    project(tmp_path, 'extensions = ["qmd"]\nseed = 5\noutput-format = "json"', {"a.md": SLIP, "b.qmd": SLIP})
    status, out, _ = run(capsys, str(tmp_path))
    assert [Path(f["path"]).name for f in json.loads(out)["files"]] == ["b.qmd"]
    seeded = run(capsys, "--isolated", "--seed", "5", "--format", "json", str(tmp_path / "b.qmd"))[1]
    unseeded = run(capsys, "--isolated", "--format", "json", str(tmp_path / "b.qmd"))[1]
    assert json.loads(out)["files"] == json.loads(seeded)["files"] != json.loads(unseeded)["files"]


@pytest.mark.parametrize("command", ["mutate", "latex", "markdown"])
def test_the_other_checking_commands_take_seed_budget_and_jobs_from_the_file(tmp_path, monkeypatch, command):
    from derivlint import commands
    project(tmp_path, "seed = 7\nbudget = 3.5\njobs = 1", {"n.md": SLIP})
    seen = {}

    def caught(*args):
        seen["options"] = next(a for a in args if hasattr(a, "seed"))
        seen["jobs"] = args[2] if command == "mutate" else None
        return 0
    monkeypatch.setattr(commands, "run_mutate" if command == "mutate" else "run_render", caught)
    note = str(tmp_path / "n.md")
    assert main([command, note]) == 0
    assert (seen["options"].seed, seen["options"].budget) == (7, 3.5)
    assert seen["jobs"] == (1 if command == "mutate" else None)
    assert main([command, "--seed", "2", note]) == 0 and seen["options"].seed == 2  # the command line wins


def test_a_wrong_setting_stops_latex_with_why(tmp_path, capsys):
    project(tmp_path, "seed = 'one'", {"n.md": SLIP})
    capsys.readouterr()
    assert main(["latex", str(tmp_path / "n.md")]) == 2
    assert "`seed` in [tool.derivlint] must be an integer" in capsys.readouterr().err
