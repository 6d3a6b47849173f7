"""SARIF 2.1.0, the static-analysis exchange format code hosts read: every finding a result, every code a rule."""
from __future__ import annotations

import json
from typing import Any, TextIO

from ..model.findings import CODES, Finding
from ..model.verdicts import REFUTED
from ..run.note import NoteResult
from .messages import message

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"1": "error", "2": "error", "3": "warning", "4": "note", "9": "error"}  # as the GitHub annotations


def write_sarif(out: TextIO, results: list[NoteResult], version: str) -> None:
    json.dump(sarif(results, version), out, indent=1)
    out.write("\n")


def sarif(results: list[NoteResult], version: str) -> dict[str, Any]:
    found = []
    for result in results:
        found += [_result(result.loaded.path, f, None) for f in result.note_findings]
        for claim in result.claims:
            known = claim.expected_refuted and claim.verdict == REFUTED  # a known erratum: shown, not failed
            found += [_result(result.loaded.path, f, "note" if known else None) for f in claim.findings]
    rules = [{"id": code, "name": entry.name, "shortDescription": {"text": entry.name.replace("-", " ")},
              "fullDescription": {"text": entry.doc}} for code, entry in sorted(CODES.items())]
    driver = {"name": "derivation-verifier", "version": version, "rules": rules}
    return {"version": "2.1.0", "$schema": SCHEMA, "runs": [{"tool": {"driver": driver}, "results": found}]}


def _result(path: str, finding: Finding, level: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "ruleId": finding.code,
        "level": level or LEVELS.get(finding.code[1], "error"),
        "message": {"text": message(finding)},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": path},
                                            "region": {"startLine": finding.line, "startColumn": finding.column}}}],
    }
    if finding.fix is not None:
        out["fixes"] = [{"description": {"text": f"write {finding.fix.latex}"}}]
    return out
