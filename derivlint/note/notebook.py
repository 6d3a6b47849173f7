"""A Jupyter notebook -> the text of its markdown cells, each on lines of its own, and where each cell starts."""
from __future__ import annotations

import json
import re

from .parts import Parts

_FRONT_MATTER = re.compile(r"---[ \t]*\r?\n(.*?\n)?(---|\.\.\.)[ \t]*(\r?\n|$)", re.S)


class NotebookError(Exception):
    """A notebook whose JSON does not read, or is not a notebook of format 4."""

    def __init__(self, problem: str, line: int = 1, column: int = 1):
        super().__init__(problem)
        self.problem, self.line, self.column = problem, line, column


def notebook_text(raw: str) -> tuple[str, Parts]:
    """The markdown cells' sources joined, a blank line between two cells (so that no paragraph runs on
    from one cell into the next); the first markdown or raw cell first when it opens with a front matter,
    as jupytext and Quarto write it. Code cells, and outputs, are never read: they are code, not notes."""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise NotebookError(f"it is not a Jupyter notebook: its JSON does not read ({error.msg})",
                            error.lineno, error.colno) from None
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        raise NotebookError("it is not a Jupyter notebook of format 4 (no list of `cells`)")
    pieces, numbers, starts, first_lines = [], [], [], []
    offset, line, first_text_cell = 0, 1, True
    for number, cell in enumerate(data["cells"], 1):
        kind = cell.get("cell_type") if isinstance(cell, dict) else None
        source = _source(cell, number) if kind in ("markdown", "raw") else ""
        front = first_text_cell and kind in ("markdown", "raw") and _FRONT_MATTER.match(source)
        if kind in ("markdown", "raw"):
            first_text_cell = False
        if kind == "raw":
            if not front:
                continue  # raw cells are passed through untouched by Jupyter: not Markdown
            # a raw cell holds its front matter and nothing else to read
            source = source[: front.end()] + re.sub(r"[^\n]", " ", source[front.end() :])
        elif kind != "markdown":
            continue
        text = source if source.endswith("\n") or not source else source + "\n"
        pieces.append(text + "\n")
        numbers.append(number)
        starts.append(offset)
        first_lines.append(line)
        offset += len(text) + 1
        line += text.count("\n") + 1
    return "".join(pieces), Parts("cell", tuple(numbers), tuple(starts), tuple(first_lines), (1,) * len(numbers))


def _source(cell: dict, number: int) -> str:
    source = cell.get("source", "")
    if isinstance(source, list) and all(isinstance(s, str) for s in source):
        return "".join(source)
    if isinstance(source, str):
        return source
    raise NotebookError(f"it is not a Jupyter notebook of format 4 (the source of cell {number} is not text)")
