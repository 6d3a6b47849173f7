"""Paths -> notes read with their context and claims: what every command starts from."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .context import Context, build_context
from .document import Note, read_note
from ..model.faults import fault_finding, strict
from ..model.findings import Finding
from .claims import ReadClaim, read_claims
from .notebook import NotebookError, notebook_text
from .tex import inlined


@dataclass
class LoadedNote:
    """One note as far as it could be read; `fatal` when it could not be opened or its context read."""

    path: str
    note: Note | None
    context: Context | None
    claims: list[ReadClaim] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    fatal: bool = False

    @property
    def declares_context(self) -> bool:
        """A `verify:` front matter, or one that could not be read: a folder scan checks only such notes."""
        return self.fatal or (self.context is not None and self.context.has_verify)

    @property
    def all_read(self) -> bool:
        return not self.fatal and all(c.reading is not None or c.listed for c in self.claims)


def load(path: Path) -> LoadedNote:
    try:
        data = path.read_bytes()
    except OSError as error:
        return _unreadable(path, error.strerror or str(error))
    if b"\x00" in data:
        return _unreadable(path, "it is a binary file (it holds NUL bytes)", data, data.index(b"\x00"))
    try:
        text = data.decode("utf-8-sig")  # a byte-order mark is not part of the note
    except UnicodeDecodeError as error:
        return _unreadable(path, f"it is not UTF-8 text (byte {error.start})", data, error.start)
    return load_text(str(path), text)


def load_text(path: str, text: str, joined: bool = False) -> LoadedNote:
    """A note given as text (a file already read, a mutant, a string from a library caller). A notebook
    (`.ipynb`) is its JSON, read for its markdown cells; a LaTeX file (`.tex`) is read with the files it
    `\\input`s. `joined`: the text is already what is read (a mutant of a notebook's cells or of a LaTeX
    file with its inputs), and is read as it stands."""
    parts, input_findings, latex = None, [], path.endswith(".tex")
    if path.endswith(".ipynb") and not joined:
        try:
            text, parts = notebook_text(text)
        except NotebookError as error:
            finding = Finding("V100", error.line, error.column, args=(("problem", error.problem),))
            return LoadedNote(path, None, None, [], [finding], True)
    elif latex and not joined:
        text, parts, problems = inlined(Path(path), text)
        input_findings = [(at, problem) for at, problem in problems]
    try:
        note = read_note(path, text, parts, latex)
        context = build_context(note)
    except Exception as error:  # a fault of the tool, not of the note: nothing is checked, exit 2
        if strict():
            raise
        return LoadedNote(path, None, None, [], [fault_finding(1, 1, "reading", error)], True)
    findings = note.findings + context.findings
    findings += [Finding("V100", *note.position(at), args=(("problem", problem),)) for at, problem in input_findings]
    if not text.strip():
        findings.append(Finding("V114", 1, 1))
    return LoadedNote(path, note, context, read_claims(note, context), findings, context.fatal)


def _unreadable(path: Path, problem: str, data: bytes = b"", at: int = 0) -> LoadedNote:
    """Nothing of the note is read; the finding points at the first byte that is not text."""
    line_start = data.rfind(b"\n", 0, at) + 1
    line = data.count(b"\n", 0, at) + 1
    column = len(data[line_start:at].decode("utf-8", errors="replace")) + 1
    finding = Finding("V100", line, column, args=(("problem", problem),))
    return LoadedNote(str(path), None, None, [], [finding], True)
