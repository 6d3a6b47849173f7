"""Where a line of a note stands, as reports write it: `line:column`, `cell N:line:column` in a notebook, or the
`\\input` file's own path and line."""
from __future__ import annotations

from typing import Any


def _place(note, line: int) -> tuple[str | None, object, int]:
    """(kind, label, line): kind None for a line of the note's own file."""
    if note is None or note.parts is None:
        return None, None, line
    label, line = note.place_of(line)
    return (note.parts.kind if label is not None else None), label, line


def location(path: str, note, line: int, column: int) -> str:
    """`NOTE.md:12:5`, nbQA's `NOTE.ipynb:cell 3:2:5` (the line within the cell's source), or `part.tex:4:1`."""
    kind, label, line = _place(note, line)
    if kind == "cell":
        return f"{path}:cell {label}:{line}:{column}"
    return f"{label if kind == 'file' else path}:{line}:{column}"


def file_of(path: str, note, line: int) -> str:
    """The file a line is in: the note's, or the `\\input` file's."""
    kind, label, _ = _place(note, line)
    return str(label) if kind == "file" else path


def line_fields(note, line: int) -> dict[str, Any]:
    """`{"line": 12}`, `{"cell": 3, "line": 2}` in a notebook, `{"file": "part.tex", "line": 4}` in an input."""
    kind, label, line = _place(note, line)
    return {"line": line} if kind is None else {kind: label, "line": line}


def line_words(note, line: int) -> str:
    """`line 12`, `cell 3, line 2` in a notebook, `part.tex, line 4`: for reports written in sentences."""
    kind, label, line = _place(note, line)
    return f"line {line}" if kind is None else (f"cell {label}, line {line}" if kind == "cell" else f"{label}, line {line}")
