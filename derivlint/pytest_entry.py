"""The pytest plugin's entry point (`pytest11`): the options and the hooks, importing the checker only when asked."""
from __future__ import annotations

from pathlib import Path

from .note.paths import NOTE_SUFFIXES

# Every pytest run of a project that installed this package loads this module: it imports nothing heavy
# (no SymPy, SciPy or Hypothesis) until `--derivations` asks for the notes.


def pytest_addoption(parser):
    group = parser.getgroup("derivations", "derivation notes as Hypothesis properties")
    group.addoption("--derivations", action="store_true", help="collect every note with a `verify:` front matter "
                    "(.md, .qmd, .ipynb, .tex): each claim an item")
    group.addoption("--derivations-only", action="store_true", help="as --derivations, and run the notes' items only")


def asked(config) -> bool:
    return bool(config.getoption("derivations", False) or config.getoption("derivations_only", False))


def pytest_collect_file(file_path: Path, parent):
    """With --derivations: every note that declares its context (a README without front matter is no note)."""
    if not (asked(parent.config) and file_path.suffix in NOTE_SUFFIXES):
        return None
    from .note.loading import load
    from .property_plugin import NoteFile
    if load(file_path).declares_context:
        return NoteFile.from_parent(parent, path=file_path)
    return None


def pytest_collection_modifyitems(config, items):
    """--derivations-only: the notes' items alone, the others deselected."""
    if not config.getoption("derivations_only", False):
        return
    from .property_plugin import ClaimItem, NoteProblem
    kept = [item for item in items if isinstance(item, (ClaimItem, NoteProblem))]
    config.hook.pytest_deselected(items=[item for item in items if item not in kept])
    items[:] = kept
