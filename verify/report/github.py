"""GitHub Actions annotations: one `::error file=...,line=...,col=...,title=CODE::message` line per finding."""
from __future__ import annotations

from typing import TextIO

from ..model.findings import Finding
from ..run.note import NoteResult
from .levels import graded, level_of
from .messages import message

GITHUB_LEVELS = {"error": "error", "warning": "warning", "note": "notice"}  # GitHub's names for SARIF's levels


def write_github(out: TextIO, results: list[NoteResult]) -> None:
    for path, finding, level in graded(results):
        out.write(annotation(path, finding, level) + "\n")


def annotation(path: str, finding: Finding, level: str | None = None) -> str:
    level = GITHUB_LEVELS[level or level_of(finding)]
    properties = ",".join(f"{k}={_property(str(v))}" for k, v in (
        ("file", path), ("line", finding.line), ("col", finding.column), ("title", finding.code)))
    text = message(finding) + (f" (fix: {finding.fix.latex})" if finding.fix else "")
    return f"::{level} {properties}::{_data(text)}"


def _data(text: str) -> str:
    """GitHub's workflow-command escaping of a message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
