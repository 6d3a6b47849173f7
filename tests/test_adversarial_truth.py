"""The adversarial corpus's truth table is self-consistent: every stated truth agrees with its own
check (no tool run, so the table cannot rot), the table covers every display formula of every note,
about half the claims are false, and the truth imports nothing of the tool.

The tool's figures on the corpus are measured (`make adversarial`), not asserted here."""
from __future__ import annotations

import ast
import importlib.util
import re
from pathlib import Path

ADV = Path(__file__).resolve().parent / "adversarial"


def _truth():
    spec = importlib.util.spec_from_file_location("adversarial_truth", ADV / "truth.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_stated_truth_agrees_with_its_check():
    assert _truth().run(verbose=False) == []


def test_the_truth_imports_nothing_of_the_tool():
    tree = ast.parse((ADV / "truth.py").read_text())
    names = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    names |= {(node.module or "").split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert "derivlint" not in names and names <= {"math", "sys", "numpy", "scipy", "mpmath"}


def test_the_table_is_every_display_formula_and_half_of_it_false():
    truth = _truth()
    rows = {(f, line) for f, line, _, _ in truth.CLAIMS}
    assert len(rows) == len(truth.CLAIMS) >= 150
    found = set()
    for note in sorted(ADV.glob("*.md")):
        for i, text in enumerate(note.read_text(encoding="utf-8").splitlines(), 1):
            if re.fullmatch(r"\$\$.*\$\$", text.strip()):
                found.add((note.name, i))
    assert rows == found
    n_false = sum(1 for c in truth.CLAIMS if c[2] is False)
    assert 0.4 * len(truth.CLAIMS) <= n_false <= 0.6 * len(truth.CLAIMS)
    per_note = {}
    for f, _, _, _ in truth.CLAIMS:
        per_note[f] = per_note.get(f, 0) + 1
    assert len(per_note) >= 8 and all(15 <= n <= 30 for n in per_note.values()), per_note
