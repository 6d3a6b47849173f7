"""Where a line of a note stands, as reports write it: `line:column`, or `cell N:line:column` in a notebook."""
from __future__ import annotations

from typing import Any


def location(path: str, note, line: int, column: int) -> str:
    """`NOTE.md:12:5`, or nbQA's `NOTE.ipynb:cell 3:2:5` (the line within the cell's source)."""
    cell, line = note.cell_place(line) if note is not None else (None, line)
    return f"{path}:{line}:{column}" if cell is None else f"{path}:cell {cell}:{line}:{column}"


def line_fields(note, line: int) -> dict[str, Any]:
    """`{"line": 12}`, or `{"cell": 3, "line": 2}` in a notebook."""
    cell, line = note.cell_place(line) if note is not None else (None, line)
    return {"line": line} if cell is None else {"cell": cell, "line": line}


def line_words(note, line: int) -> str:
    """`line 12`, or `cell 3, line 2` in a notebook: for reports written in sentences."""
    cell, line = note.cell_place(line) if note is not None else (None, line)
    return f"line {line}" if cell is None else f"cell {cell}, line {line}"
