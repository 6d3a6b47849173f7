"""`check --diff` and `--fix`: the suggested fixes as a unified diff, or written into the notes and checked again."""
from __future__ import annotations

import difflib
import sys
from dataclasses import dataclass, field
from typing import Callable

from ..model.verdicts import CONSISTENT, VERIFIED
from .spans import edit_span

HOLDS = (VERIFIED, CONSISTENT)
MAX_ROUNDS = 4  # each round takes back at least one fix, or stops: a note has few


@dataclass
class NoteFixes:
    """What `--fix` did to one note: the fixes written, those taken back (a line, and why), those it could not try."""

    path: str
    applied: list[int] = field(default_factory=list)  # the lines of the claims whose fixes hold once written
    rolled_back: list[tuple[int, str]] = field(default_factory=list)
    refused: str = ""  # why no fix of this note could be written, when none could


def _edits(result, allowed: tuple[str, ...]) -> dict[int, list[tuple[int, int, str]]]:
    """{claim index: [(start, end, replacement)]} of the fixes of the allowed applicabilities, none overlapping
    another (the first, in the note's order, is kept)."""
    note, taken, out = result.loaded.note, [], {}
    for index, claim in enumerate(result.claims):
        for finding in claim.findings:
            if finding.fix is None or finding.fix.applicability not in allowed:
                continue
            span = edit_span(note, finding.fix)
            if span is None or any(s < span[1] and span[0] < e for s, e in taken):
                continue
            taken.append(span)
            out.setdefault(index, []).append((span[0], span[1], finding.fix.latex))
    return out


def _written(text: str, edits: dict[int, list[tuple[int, int, str]]], kept: set[int]) -> str:
    """The text with the edits of the kept claims made, from the last to the first so offsets stay true."""
    chosen = sorted((e for index, es in edits.items() if index in kept for e in es), reverse=True)
    for start, end, replacement in chosen:
        text = text[:start] + replacement + text[end:]
    return text


def _refusal(result) -> tuple[str, str]:
    """(why no fix of the note can be written, or ""; the byte-order mark its file starts with, kept when written)."""
    note = result.loaded.note
    if note is None:
        return "it could not be read", ""
    if note.parts is not None:
        return "its text is joined from parts (a notebook's cells, a LaTeX file's inputs): fix it by hand", ""
    try:
        on_disk = open(result.loaded.path, encoding="utf-8", newline="").read()
    except OSError as error:
        return f"it cannot be read again ({error.strerror})", ""
    bom = "\ufeff" if on_disk.startswith("\ufeff") else ""
    if on_disk[len(bom) :] != note.text:
        return "its text on disk is not the text checked", bom
    return "", bom


def diff_text(results, allowed: tuple[str, ...]) -> str:
    """The unified diff of every note with its allowed fixes made (nothing is written)."""
    out = []
    for result in results:
        edits = _edits(result, allowed)
        if not edits or _refusal(result)[0]:
            continue
        before = result.loaded.note.text
        after = _written(before, edits, set(edits))
        out += difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                    *_labels(result.loaded.path))
    return "".join(line if line.endswith("\n") else line + "\n" for line in out)


def _labels(path: str) -> tuple[str, str]:
    """git's `a/` and `b/` before a relative path; an absolute one as it is."""
    return (path, path) if path.startswith("/") else (f"a/{path}", f"b/{path}")


def apply_fixes(results, allowed: tuple[str, ...], recheck: Callable) -> tuple[list, list[NoteFixes]]:
    """Each note with its allowed fixes written, checked again (`recheck(path)` -> its NoteResult); a fix whose
    claim does not then hold is taken back and the note written and checked again. (the results after, what
    was done to each note with a fix)."""
    after, done = [], []
    for result in results:
        edits = _edits(result, allowed)
        refusal, bom = _refusal(result) if edits else ("", "")
        if not edits or refusal:
            after.append(result)
            if refusal:
                done.append(NoteFixes(result.loaded.path, refused=refusal))
            continue
        fixed, report = _fixed(result, edits, bom, recheck)
        after.append(fixed)
        done.append(report)
    return after, done


def _fixed(result, edits: dict, bom: str, recheck: Callable):
    path, original = result.loaded.path, result.loaded.note.text
    report, kept = NoteFixes(path), set(edits)
    for _ in range(MAX_ROUNDS):
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(bom + _written(original, edits, kept))
        checked = recheck(path)
        if len(checked.claims) != len(result.claims):  # the fixes changed what the note's claims are: none kept
            failing = set(kept)
        else:
            failing = {i for i in kept if checked.claims[i].verdict not in HOLDS}
        if not failing:
            break
        for i in sorted(failing):
            verdict = checked.claims[i].verdict if i < len(checked.claims) else "not read"
            report.rolled_back.append((result.claims[i].claim.line, f"the claim is {verdict} with it"))
        kept -= failing
        if not kept:
            with open(path, "w", encoding="utf-8", newline="") as handle:
                handle.write(bom + original)
            checked = recheck(path)
            break
    report.applied = sorted(result.claims[i].claim.line for i in kept)
    return checked, report


def fixes_summary(done: list[NoteFixes]) -> str:
    """One line per note: the fixes written, those taken back, or why none could be."""
    lines = []
    for note in done:
        if note.refused:
            lines.append(f"{note.path}: no fix written: {note.refused}")
            continue
        if note.applied:
            lines.append(f"{note.path}: fixed the claims of line {', '.join(map(str, note.applied))}")
        for line, why in note.rolled_back:
            lines.append(f"{note.path}:{line}: fix taken back: {why}")
    return "".join(line + "\n" for line in lines)


def fix_step(results, mode: str, recheck: Callable):
    """`--diff` (the diff on stdout; None: nothing else is reported) or `--fix` (the results after, what was
    done on stderr, and how many suggested fixes `--unsafe-fixes` would also write)."""
    if mode == "diff":
        sys.stdout.write(diff_text(results, ("safe", "suggestion")))
        return None
    allowed = ("safe", "suggestion") if mode == "unsafe" else ("safe",)
    after, done = apply_fixes(results, allowed, recheck)
    sys.stderr.write(fixes_summary(done))
    if mode == "safe":
        left = sum(len(es) for result in results for es in _edits(result, ("suggestion",)).values())
        if left:
            sys.stderr.write(f"{left} suggested fix(es) not written: add --unsafe-fixes to write them\n")
    return after
