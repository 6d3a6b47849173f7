"""The stable JSON report of DESIGN.md."""
from __future__ import annotations

import json
from typing import Any, TextIO

from ..checks.link import LinkResult
from ..run.note import NoteResult
from ..run.selection import hidden
from ..model.findings import Finding
from ..model.verdicts import CONSISTENT, REFUTED, UNCHECKED, VERIFIED
from .messages import message, reason_text
from .places import line_fields
from .spans import claim_end, end_fields, fix_json

VERDICTS = (VERIFIED, CONSISTENT, REFUTED, UNCHECKED)


def finding_json(finding: Finding, note=None, claim=None) -> dict[str, Any]:
    """A finding; in a notebook (`note` with cells) its `cell` and its line within the cell; `claim`: the
    claim as written it is about (its span ends the finding's when no fix says where)."""
    out = {"code": finding.code, "kind": finding.kind, **line_fields(note, finding.line), "column": finding.column,
           **end_fields(note, finding, claim), "message": message(finding),
           "fix": fix_json(note, finding.fix) if finding.fix else None}
    if finding.internal:
        out["internal"] = finding.traceback  # the tool's own fault: its traceback, for the bug report
    return out


def link_json(link: LinkResult) -> dict[str, Any]:
    out: dict[str, Any] = {"index": link.index, "relation": link.relation, "verdict": link.verdict,
                           "methods": link.methods}
    if link.counterexample:
        out["counterexample"] = link.counterexample
    if link.reason:
        out["reason"] = reason_text(link.reason)
    return out


def report(results: list[NoteResult]) -> dict[str, Any]:
    files, summary = [], {v: 0 for v in VERDICTS}
    for result in results:
        claims, note = [], result.loaded.note
        for claim in result.claims:
            summary[claim.verdict] += 1
            source = claim.claim
            end_line, end_column = note.position(claim_end(source))
            claims.append({
                **line_fields(note, source.line), "column": source.column,
                "end_line": line_fields(note, end_line)["line"], "end_column": end_column, "latex": source.latex,
                "verdict": claim.verdict, "expected": REFUTED.value if claim.expected_refuted else None,
                "links": [link_json(l) for l in claim.links],
                "against_first": [link_json(l) for l in claim.against_first],
                "findings": [finding_json(f, note, source) for f in claim.findings],
            })
        files.append({"path": result.loaded.path, "claims": claims,
                      "findings": [finding_json(f, note) for f in result.note_findings]})
    summary["ignored"] = hidden(results)  # findings not reported: their codes ignored or not selected
    return {"version": 1, "files": files, "summary": summary}


def write_json(out: TextIO, results: list[NoteResult]) -> None:
    json.dump(report(results), out, indent=1, sort_keys=False)
    out.write("\n")
