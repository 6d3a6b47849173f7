"""SARIF 2.1.0, the static-analysis exchange format code hosts read: every finding a result, every code a rule."""
from __future__ import annotations

import json
from typing import Any, TextIO

from ..model.findings import CODES, Finding
from ..run.note import NoteResult
from .levels import graded
from .messages import message
from .places import line_fields

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def write_sarif(out: TextIO, results: list[NoteResult], version: str) -> None:
    json.dump(sarif(results, version), out, indent=1)
    out.write("\n")


def sarif(results: list[NoteResult], version: str) -> dict[str, Any]:
    found = [_result(loaded.path, finding, level, loaded.note) for loaded, finding, level in graded(results)]
    rules = [{"id": code, "name": entry.name, "shortDescription": {"text": entry.name.replace("-", " ")},
              "fullDescription": {"text": entry.doc}} for code, entry in sorted(CODES.items())]
    driver = {"name": "derivation-verifier", "version": version, "rules": rules}
    return {"version": "2.1.0", "$schema": SCHEMA, "runs": [{"tool": {"driver": driver}, "results": found}]}


def _result(path: str, finding: Finding, level: str, note=None) -> dict[str, Any]:
    place = line_fields(note, finding.line)  # a notebook's: the line within the cell, the cell a property
    out: dict[str, Any] = {
        "ruleId": finding.code,
        "level": level,
        "message": {"text": message(finding)},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": str(place.get("file", path))},
                                            "region": {"startLine": place["line"], "startColumn": finding.column}}}],
    }
    if "cell" in place:
        out["properties"] = {"cell": place["cell"]}
    if finding.fix is not None:
        out["fixes"] = [{"description": {"text": f"write {finding.fix.latex}"}}]
    return out
