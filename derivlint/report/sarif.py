"""SARIF 2.1.0, the static-analysis exchange format code hosts read: every finding a result, every code a rule."""
from __future__ import annotations

import json
import re
from pathlib import PurePath
from typing import Any, TextIO
from urllib.parse import quote

from ..model.findings import CODES, Finding
from ..run.note import NoteResult
from .levels import graded_claims, level_of_code
from .messages import message
from .places import line_fields
from .spans import edit_span, finding_end

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def write_sarif(out: TextIO, results: list[NoteResult], version: str) -> None:
    json.dump(sarif(results, version), out, indent=1)
    out.write("\n")


def sarif(results: list[NoteResult], version: str) -> dict[str, Any]:
    found = [_result(loaded.path, finding, level, loaded.note, claim)
             for loaded, claim, finding, level in graded_claims(results)]
    codes = sorted(CODES.items())
    rules = [{"id": code, "name": entry.name, "shortDescription": {"text": short_description(code)},
              "fullDescription": {"text": entry.doc}, "help": {"text": entry.doc},
              "defaultConfiguration": {"level": level_of_code(code)}} for code, entry in codes]
    index = {code: at for at, (code, _) in enumerate(codes)}
    for result in found:
        result["ruleIndex"] = index[result["ruleId"]]
    driver = {"name": "derivlint", "version": version, "rules": rules}
    # columns count characters, as Python's strings do: SARIF's unicodeCodePoints
    run = {"tool": {"driver": driver}, "columnKind": "unicodeCodePoints", "results": found}
    return {"version": "2.1.0", "$schema": SCHEMA, "runs": [run]}


def short_description(code: str) -> str:
    """The code's name in words, with the first sentence of its documentation: `sign: Flipping the sign ...`."""
    entry = CODES[code]
    first = re.split(r"(?<![.])\.\s+(?=[A-Z`])", " ".join(entry.doc.split()))[0].rstrip(".")
    return f"{entry.name.replace('-', ' ')}: {first}"


def uri(path: str) -> str:
    """A relative path as a URI reference (forward slashes, escaped); an absolute one as a file: URI."""
    pure = PurePath(path)
    return pure.as_uri() if pure.is_absolute() else quote(pure.as_posix())


def _result(path: str, finding: Finding, level: str, note=None, claim=None) -> dict[str, Any]:
    place = line_fields(note, finding.line)  # a notebook's: the line within the cell, the cell a property
    end_line, end_column = finding_end(note, finding, claim)
    artifact = {"uri": uri(str(place.get("file", path)))}
    region = {"startLine": place["line"], "startColumn": finding.column,
              "endLine": line_fields(note, end_line)["line"], "endColumn": end_column}
    out: dict[str, Any] = {
        "ruleId": finding.code,
        "level": level,
        "message": {"text": message(finding)},
        "locations": [{"physicalLocation": {"artifactLocation": artifact, "region": region}}],
    }
    if "cell" in place:
        out["properties"] = {"cell": place["cell"]}
    span = edit_span(note, finding.fix) if finding.fix is not None and note is not None else None
    # a notebook's lines are its cells', not its file's: no edit of the file is written for them
    if span is not None and "cell" not in place:
        (start_line, start_column), (stop_line, stop_column) = note.position(span[0]), note.position(span[1])
        deleted = {"startLine": line_fields(note, start_line)["line"], "startColumn": start_column,
                   "endLine": line_fields(note, stop_line)["line"], "endColumn": stop_column}
        out["fixes"] = [{"description": {"text": f"write {finding.fix.latex} (a suggestion: check it before accepting)"},
                         "artifactChanges": [{"artifactLocation": artifact, "replacements": [
                             {"deletedRegion": deleted, "insertedContent": {"text": finding.fix.latex}}]}]}]
    return out
