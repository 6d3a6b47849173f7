"""The notes a command line names: files, and the notes of each folder (no SymPy: `--help` stays fast)."""
from __future__ import annotations

from pathlib import Path


class PathError(Exception):
    """A path on the command line that does not exist."""


def note_paths(paths: list[str]) -> list[Path]:
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*.md") if p.is_file())
        elif path.exists():
            found.append(path)
        else:
            raise PathError(raw)
    return found
