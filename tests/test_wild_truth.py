"""The wild corpus's truth table is self-consistent: every stated truth agrees with its own
numeric check, the table covers every note, and each false formula is marked in its note.

The tool's figures on the corpus are measured (`make wild`), not asserted here."""
from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

WILD = Path(__file__).resolve().parent / "wild"


def _truth():
    spec = importlib.util.spec_from_file_location("wild_truth", WILD / "truth.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_stated_truth_agrees_with_its_numeric_check():
    assert _truth().main(verbose=False) == 0


def test_the_truth_imports_nothing_of_the_tool():
    tree = ast.parse((WILD / "truth.py").read_text())
    names = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    names |= {(node.module or "").split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert "derivlint" not in names and names <= {"math", "sys", "numpy", "scipy"}


def test_the_table_covers_every_note_and_marks_every_false_formula():
    truth = _truth()
    table = truth.expected()
    notes = sorted(p.name for p in WILD.glob("*.md"))
    assert len(notes) >= 20
    assert sorted({f for f, _ in table}) == notes
    for name in notes:
        text = (WILD / name).read_text().splitlines()
        body = text.index("---", 1) + 1 if text[:1] == ["---"] else 0  # a front matter may be long (`from:` scopes)
        assert any(line.startswith("<!-- source: ") for line in text[body:body + 20]), name
        starts = sorted(line for f, line in table if f == name)
        for i, start in enumerate(starts):
            end = starts[i + 1] if i + 1 < len(starts) else len(text) + 1
            marked = any("verify: expect refuted" in line for line in text[start - 1:end - 1])
            assert marked == (table[(name, start)] is False), (name, start)
