"""GitHub Actions annotations: one `::error file=...,line=...,col=...,title=CODE::message` line per finding."""
from __future__ import annotations

from typing import TextIO

from ..model.findings import Finding
from ..model.verdicts import REFUTED
from ..run.note import NoteResult
from .messages import message

# Reading errors, refuted links and tool faults fail a check; an unchecked link warns; notes inform.
LEVELS = {"1": "error", "2": "error", "3": "warning", "4": "notice", "9": "error"}


def write_github(out: TextIO, results: list[NoteResult]) -> None:
    for result in results:
        for finding in result.note_findings:
            out.write(annotation(result.loaded.path, finding) + "\n")
        for claim in result.claims:
            known = claim.expected_refuted and claim.verdict == REFUTED  # a known erratum: shown, not failed
            for finding in claim.findings:
                out.write(annotation(result.loaded.path, finding, "notice" if known else None) + "\n")


def annotation(path: str, finding: Finding, level: str | None = None) -> str:
    level = level or LEVELS.get(finding.code[1], "error")
    properties = ",".join(f"{k}={_property(str(v))}" for k, v in (
        ("file", path), ("line", finding.line), ("col", finding.column), ("title", finding.code)))
    text = message(finding) + (f" (fix: {finding.fix.latex})" if finding.fix else "")
    return f"::{level} {properties}::{_data(text)}"


def _data(text: str) -> str:
    """GitHub's workflow-command escaping of a message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
