"""GitHub Actions annotations: one `::error file=...,line=...,col=...,title=CODE::message` line per finding."""
from __future__ import annotations

from typing import TextIO

from ..model.findings import Finding
from ..run.note import NoteResult
from .levels import graded_claims, level_of
from .messages import message
from .places import line_fields
from .spans import finding_end

GITHUB_LEVELS = {"error": "error", "warning": "warning", "note": "notice"}  # GitHub's names for SARIF's levels


def write_github(out: TextIO, results: list[NoteResult]) -> None:
    for loaded, claim, finding, level in graded_claims(results):
        out.write(annotation(loaded.path, finding, level, loaded.note, claim) + "\n")


def annotation(path: str, finding: Finding, level: str | None = None, note=None, claim=None) -> str:
    """In a notebook the line is the cell's, and the title names the cell (`V201 (cell 3)`); in an `\\input`
    file, the file is that one. The end is exclusive (the column just past the span), as SARIF's."""
    level = GITHUB_LEVELS[level or level_of(finding)]
    place = line_fields(note, finding.line)
    end_line, end_column = finding_end(note, finding, claim)
    title = finding.code + (f" (cell {place['cell']})" if "cell" in place else "")
    properties = ",".join(f"{k}={_property(str(v))}" for k, v in (
        ("file", place.get("file", path)), ("line", place["line"]), ("col", finding.column),
        ("endLine", line_fields(note, end_line)["line"]), ("endColumn", end_column), ("title", title)))
    text = message(finding) + (f" (fix: {finding.fix.latex})" if finding.fix else "")
    return f"::{level} {properties}::{_data(text)}"


def _data(text: str) -> str:
    """GitHub's workflow-command escaping of a message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
