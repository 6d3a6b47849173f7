"""A note's text joined from parts (a notebook's cells, a LaTeX file's `\\input`s) and where each line came from."""
from __future__ import annotations

import bisect
from dataclasses import dataclass


@dataclass(frozen=True)
class Parts:
    """Each part's label (a cell's number in its notebook, from 1, every kind of cell counted as Jupyter and nbQA
    number them; or the path of an `\\input` file, None for the note's own), its first offset and first line in
    the joined text, and the line of its own source it starts at. Every part starts at the start of a line."""

    kind: str  # "cell" or "file"
    labels: tuple
    starts: tuple[int, ...]
    first_lines: tuple[int, ...]
    own_lines: tuple[int, ...]

    def place(self, line: int) -> tuple[object, int]:
        """(label, line within the part's own source) of a line of the joined text."""
        k = max(0, bisect.bisect_right(self.first_lines, line) - 1)
        return self.labels[k], line - self.first_lines[k] + self.own_lines[k]

    def index_at(self, offset: int) -> int:
        """Which part an offset of the joined text is in."""
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def bounds(self, length: int) -> list[int]:
        """Where each part ends in a joined text of `length` characters."""
        return [*self.starts[1:], length]
