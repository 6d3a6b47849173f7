"""One fixture note per finding code, checked by `python -m derivlint check`, its report a snapshot.

Every code of derivlint.model.findings.CODES has a note under tests/notes/codes/ named by the code
(V100, an unreadable file, is written by the test: bytes with a NUL). The fixture triggers its
code, and nothing else but what necessarily comes with it (COMPANIONS). The text report of
`python -m derivlint check -v -j 1 tests/notes/codes/CODE.md`, run from the repository root so that
it names the note by that relative path, is compared with tests/snapshots/codes/CODE.txt;
`UPDATE_SNAPSHOTS=1 pytest tests/test_code_fixtures.py` writes the snapshots again.

V9xx codes are faults of the tool, never findings about a note: no note may trigger one, so
they have no fixture (and no fixture's report may show one).
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import NOTES, ROOT, SNAPSHOTS, assert_snapshot, is_tool_fault
from derivlint import cli
from derivlint.model.findings import CODES

FIXTURES = NOTES / "codes"
CODE_SNAPSHOTS = SNAPSHOTS / "codes"
NOTE_CODES = sorted(code for code in CODES if not is_tool_fault(code))
# Fixtures the test writes rather than stores.
WRITTEN = {"V100": b"PK\x03\x04 first line\nsecond \x00 line\n"}  # a binary file: the first NUL at 2:8
# What a fixture cannot trigger alone: a repeated refutation (V401) is of two refuted claims,
# each diagnosed (here both a sign error).
COMPANIONS = {"V401": ("V201", "V201")}
FINDING = re.compile(r"^\s*(?P<path>\S+?):(?P<line>\d+):(?P<column>\d+): (?P<code>V\d{3}) ", re.M)


class CodeNotReported(AssertionError):
    """The fixture's code is missing from the report of `check`."""


def fixture_path(code: str) -> str:
    return f"tests/notes/codes/{code}.md"


def check_report(code: str, capsys, monkeypatch, tmp_path: Path) -> str:
    """The transcript of `python -m derivlint check -v -j 1 FIXTURE` (every claim and link): the command, the
    report, the exit code."""
    # Plain text, whatever the environment: no forced colour, one width for every machine.
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "JUPYTER_COLUMNS", "JUPYTER_LINES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "80")
    if code in WRITTEN:  # the same relative path, under a temporary root
        (tmp_path / fixture_path(code)).parent.mkdir(parents=True)
        (tmp_path / fixture_path(code)).write_bytes(WRITTEN[code])
        monkeypatch.chdir(tmp_path)
    else:
        monkeypatch.chdir(ROOT)
    capsys.readouterr()
    status = cli.main(["check", "-v", "-j", "1", fixture_path(code)])
    out, err = capsys.readouterr()
    # a fixture whose run has no claim at all (the empty note, an unclosed delimiter) says so on stderr and exits 1
    assert err == ("no claims in the 1 note read (--allow-empty to accept)\n" if code in ("V103", "V114") else ""), err
    return f"$ python -m derivlint check -v -j 1 {fixture_path(code)}\n{out}[exit {status}]\n"


def reported_codes(report: str, path: str) -> list[str]:
    """The codes of the report's finding lines, each of which names the note checked."""
    found = list(FINDING.finditer(report))
    assert {m["path"] for m in found} <= {path}, report
    return sorted(m["code"] for m in found)


@pytest.mark.parametrize("code", NOTE_CODES)
def test_the_fixture_of_each_code_reports_it_as_its_snapshot_shows(code, capsys, monkeypatch, tmp_path):
    report = check_report(code, capsys, monkeypatch, tmp_path)
    assert str(tmp_path) not in report and str(ROOT) not in report  # no machine's path
    assert_snapshot(report, CODE_SNAPSHOTS / f"{code}.txt")
    codes = reported_codes(report, fixture_path(code))
    assert not any(is_tool_fault(c) for c in codes), codes
    if code not in codes:
        raise CodeNotReported(f"{code} is not in the report of its fixture:\n{report}")
    assert codes == sorted([code, *COMPANIONS.get(code, ())]), report


def test_the_skipped_claims_fixture_is_reported_by_parse(capsys, monkeypatch):
    """`parse` lists the skipped claim as `check` does: a skipped claim is never lost."""
    monkeypatch.chdir(ROOT)
    assert cli.main(["parse", fixture_path("V302")]) == 0
    out, _ = capsys.readouterr()
    assert reported_codes(out, fixture_path("V302")) == ["V302"]


def test_every_code_has_a_fixture_and_a_snapshot():
    stored = {p.stem for p in FIXTURES.glob("*.md")}
    assert not stored & set(WRITTEN), "a fixture is both stored and written"
    missing = [c for c in NOTE_CODES if c not in stored | set(WRITTEN)]
    assert missing == [], f"codes without a fixture note in {FIXTURES.relative_to(ROOT)}: {missing}"
    assert sorted(stored | set(WRITTEN)) == NOTE_CODES, "a fixture for no code of CODES"
    snapshots = {p.stem for p in CODE_SNAPSHOTS.glob("*")}
    assert sorted(snapshots) == NOTE_CODES, sorted(snapshots ^ set(NOTE_CODES))
    assert all(p.suffix == ".txt" for p in CODE_SNAPSHOTS.iterdir())


def test_no_fixture_is_for_a_tool_fault():
    assert not any(is_tool_fault(c) for c in NOTE_CODES)
    assert not any(is_tool_fault(p.stem) for p in FIXTURES.glob("*.md"))
