"""Where a finding's span ends and what its fix edits, in the note's own text: for the machine-read reports."""
from __future__ import annotations

from typing import Any

from ..model.findings import Finding, Fix
from .places import line_fields


def offset_of(note, line: int, column: int) -> int:
    """The text offset of a 1-based (line, column) of the note's text."""
    starts = note.line_starts
    return starts[max(0, min(line, len(starts)) - 1)] + column - 1


def claim_end(claim) -> int:
    """The offset just past the claim's last character of maths (its closing delimiter is not in it)."""
    last = claim.fragments[-1]
    return last.offset + len(last.text.rstrip())


def edit_span(note, fix: Fix) -> tuple[int, int] | None:
    """The [start, end) of the note's text a fix replaces, without the blanks at its ends; None when the
    fix's offsets are not within the note's text."""
    text = note.text
    if not 0 <= fix.start <= fix.end <= len(text):
        return None
    written = text[fix.start : fix.end]
    start = fix.start + len(written) - len(written.lstrip())
    return start, max(start, fix.end - (len(written) - len(written.rstrip())))


def finding_end(note, finding: Finding, claim=None) -> tuple[int, int]:
    """(line, column) just past the finding's span (exclusive, as SARIF's endColumn): to the end of the
    member its fix replaces, else to the end of its claim's maths, else one character past its start."""
    if note is None:
        return finding.line, finding.column + 1
    start = offset_of(note, finding.line, finding.column)
    span = edit_span(note, finding.fix) if finding.fix is not None else None
    if span is not None and span[1] > start:
        return note.position(span[1])
    if claim is not None and claim_end(claim) > start:
        return note.position(claim_end(claim))
    return note.position(start + 1)


def end_fields(note, finding: Finding, claim=None) -> dict[str, int]:
    """`{"end_line": ..., "end_column": ...}`, the line within its cell in a notebook (as `line` is)."""
    line, column = finding_end(note, finding, claim)
    return {"end_line": line_fields(note, line)["line"], "end_column": column}


def point(note, offset: int) -> dict[str, Any]:
    """A place of the note's text: its line (and cell or input file) and column, and its offset in a note read
    whole (in a notebook or a LaTeX file with inputs the text is joined from parts: no offset of a file)."""
    line, column = note.position(offset)
    out: dict[str, Any] = {**line_fields(note, line), "column": column}
    if note.parts is None:
        out["offset"] = offset
    return out


def fix_json(note, fix: Fix) -> dict[str, Any]:
    """A fix: the corrected member, how sure it is (`suggestion`: the author must accept it) and its edit of
    the note's text, [start, end) replaced by `replacement` (no edit when its span is not in the text)."""
    out: dict[str, Any] = {"latex": fix.latex, "applicability": fix.applicability, "edits": []}
    span = edit_span(note, fix) if note is not None else None
    if span is not None:
        out["edits"].append({"start": point(note, span[0]), "end": point(note, span[1]), "replacement": fix.latex})
    return out
