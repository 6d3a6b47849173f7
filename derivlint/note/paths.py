"""The notes a command line names: files, and the notes of each folder (no SymPy: `--help` stays fast)."""
from __future__ import annotations

import os
from pathlib import Path

from .ignore import Rule, ignored, inherited_rules, parsed_rules, rules_of

NOTE_SUFFIXES = (".md", ".qmd", ".ipynb", ".tex")
# never notes, whatever a .gitignore says: tools' and builds' folders (a virtual environment holds READMEs,
# Jupyter keeps a copy of every notebook in .ipynb_checkpoints, Quarto its renders in .quarto)
SKIPPED_FOLDERS = frozenset({".git", ".venv", "venv", "node_modules", "build", "_site", ".ipynb_checkpoints", ".quarto"})


class PathError(Exception):
    """A path on the command line that does not exist."""


def note_paths(paths: list[str]) -> list[Path]:
    return [path for path, _ in scanned(paths)]


def excluded(folder: Path | None, patterns: tuple[str, ...]) -> list[Rule]:
    """The configuration's `exclude` patterns, by `.gitignore`'s rules, relative to the folder of its file."""
    return parsed_rules(folder.resolve(), "\n".join(patterns)) if folder is not None and patterns else []


def scanned(paths: list[str], exclude: list[Rule] | None = None,
            suffixes: tuple[str, ...] = NOTE_SUFFIXES) -> list[tuple[Path, bool]]:
    """Every note the paths name, each with whether it was named itself (True) or found in a folder; in a
    folder, what `exclude` ignores is skipped and only files with the `suffixes` are notes."""
    found: list[tuple[Path, bool]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found += [(p, False) for p in folder_notes(path, exclude or [], suffixes)]
        elif path.exists():
            found.append((path, True))
        else:
            raise PathError(raw)
    return found


def folder_notes(folder: Path, exclude: list[Rule] | None = None, suffixes: tuple[str, ...] = NOTE_SUFFIXES) -> list[Path]:
    """The notes of a folder and its subfolders, in path order, less the skipped folders and what its
    `.gitignore` files (and those above it in its repository) ignore."""
    resolved = folder.resolve()
    notes: list[Path] = []
    rules_at = {resolved: inherited_rules(resolved) + rules_of(resolved)}
    for top, folders, files in os.walk(resolved):
        here = Path(top)
        rules = rules_at[here]
        kept = []
        for name in sorted(folders):
            below = here / name
            if name in SKIPPED_FOLDERS or ignored(rules, below, True) or ignored(exclude or [], below, True):
                continue
            rules_at[below] = rules + rules_of(below)
            kept.append(name)
        folders[:] = kept  # os.walk descends only into these
        for name in files:
            path = here / name
            if name.endswith(suffixes) and path.is_file() and not ignored(rules, path, False) \
                    and not ignored(exclude or [], path, False):
                notes.append(folder / path.relative_to(resolved))
    return sorted(notes)
