"""JUnit XML for CI dashboards: a test suite per note, a test case per claim (refuted fails, unchecked skips)."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TextIO

from ..model.findings import Finding
from ..run.claim import ClaimResult
from ..run.note import NoteResult
from ..model.verdicts import UNCHECKED
from .levels import level_of
from .messages import message
from .places import line_fields, location

MAX_NAME = 80  # a test's name shows the claim's start; the whole formula is in the failure's text
# What XML 1.0 cannot hold, even escaped: control characters other than tab, newline and carriage return.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def write_junit(out: TextIO, results: list[NoteResult]) -> None:
    out.write('<?xml version="1.0" encoding="utf-8"?>\n')
    out.write(ET.tostring(junit(results), encoding="unicode") + "\n")


def junit(results: list[NoteResult]) -> ET.Element:
    root = ET.Element("testsuites", name="derivlint")
    for result in results:
        suite = ET.SubElement(root, "testsuite", name=result.loaded.path)
        reading = [f for f in result.note_findings if level_of(f) == "error"]
        if reading:  # the note's own reading errors (a broken front matter, an unclosed `$$`): one case for them
            _case(suite, result, "reading the note", 1, reading, "error" if any(f.internal for f in reading) else "failure")
        excused = getattr(result, "excused", frozenset())  # failing only by findings the settings ignore
        for at, claim in enumerate(result.claims):
            name = f"line {line_fields(result.loaded.note, claim.line)['line']}: {_short(claim.claim.latex)}"
            _case(suite, result, name, claim.line, claim.findings, "ignored" if at in excused else outcome(claim), claim)
        _count(suite)
    for key in ("tests", "failures", "errors", "skipped"):
        root.set(key, str(sum(int(s.get(key)) for s in root)))
    return root


def outcome(claim: ClaimResult) -> str | None:
    """`error` for a fault of the tool, `failure` for a claim that fails the run (refuted, unread, an expected
    refutation gone), `skipped` for one left unchecked or refuted where the note expects it; None: it passes."""
    if any(f.internal for f in claim.findings):
        return "error"
    if claim.known_erratum:
        return "skipped"
    if claim.passes:
        return None
    if claim.verdict == UNCHECKED and claim.reading is not None and not claim.expected_refuted:
        return "skipped"
    return "failure"


def _case(suite: ET.Element, result: NoteResult, name: str, line: int, findings: list[Finding], kind: str | None,
          claim: ClaimResult | None = None) -> None:
    note = result.loaded.note
    place = line_fields(note, line)
    case = ET.SubElement(suite, "testcase", classname=result.loaded.path, name=_clean(name),
                         file=str(place.get("file", result.loaded.path)), line=str(place["line"]))
    if kind is None:
        return
    lines = [f"{location(result.loaded.path, note, f.line, f.column)}: {f.code} {message(f)}"
             + (f"\n    fix ({f.fix.applicability}): {f.fix.latex}" if f.fix else "") for f in findings]
    if claim is not None:
        lines.insert(0, claim.claim.latex)
    first = next((f for f in findings if level_of(f) != "note"), findings[0] if findings else None)
    if kind in ("skipped", "ignored"):
        if kind == "ignored":
            summary = f"{claim.verdict}, by findings whose codes are ignored"
        elif claim is not None and claim.known_erratum:
            summary = "refuted where the note expects it (a known erratum)"
        else:
            summary = message(first) if first else str(claim.verdict if claim else "")
        ET.SubElement(case, "skipped", message=_clean(summary)).text = _clean("\n".join(lines))
        return
    element = ET.SubElement(case, kind, message=_clean(message(first) if first else claim.verdict if claim else kind),
                            type=first.code if first else (claim.verdict if claim else kind))
    element.text = _clean("\n".join(lines) + ("".join(f"\n{f.traceback}" for f in findings if f.internal)))


def _count(suite: ET.Element) -> None:
    cases = list(suite)
    suite.set("tests", str(len(cases)))
    for kind, key in (("failure", "failures"), ("error", "errors"), ("skipped", "skipped")):
        suite.set(key, str(sum(case.find(kind) is not None for case in cases)))


def _short(latex: str) -> str:
    latex = " ".join(latex.split())
    return latex if len(latex) <= MAX_NAME else latex[: MAX_NAME - 3] + "..."


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)
