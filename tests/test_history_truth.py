"""The history corpus's truth table is self-consistent: every corrected form matches its quantity and
every published one misses it (no tool run, so the table cannot rot), the table covers the one display
formula of every note, each note names its source, and the truth imports nothing of the tool; and
measure.py's tautology check holds on written-out readings.

The tool's figures on the corpus are measured (`make history`), not asserted here."""
from __future__ import annotations

import ast
import importlib.util
import re
from pathlib import Path

HISTORY = Path(__file__).resolve().parent / "history"
KINDS = {"sign", "factor", "power", "missing-term", "extra-term", "constant", "swapped-arguments",
         "special-case", "substitution", "log-base", "mismatch"}


def _truth():
    spec = importlib.util.spec_from_file_location("history_truth", HISTORY / "truth.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_corrected_form_matches_and_every_published_one_misses():
    assert _truth().run(verbose=False) == []


def test_the_truth_imports_nothing_of_the_tool():
    tree = ast.parse((HISTORY / "truth.py").read_text())
    names = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    names |= {(node.module or "").split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert "derivlint" not in names and names <= {"math", "sys", "numpy", "scipy", "mpmath"}


def _top_level_members(latex: str) -> int:
    """How many members a chain has: `=` outside every brace, bracket and parenthesis, plus one."""
    depth, count = 0, 1
    for ch in latex:
        if ch in "{[(":
            depth += 1
        elif ch in "}])":
            depth -= 1
        elif ch == "=" and depth == 0:
            count += 1
    return count


def test_the_table_is_the_one_display_formula_of_every_note_with_its_source():
    truth = _truth()
    rows = {(r["file"], r["line"]): r for r in truth.SLIPS}
    assert len(rows) == len(truth.SLIPS) >= 25
    found = {}
    for note in sorted(HISTORY.glob("*.md")):
        text = note.read_text(encoding="utf-8")
        assert re.search(r"<!-- source: \S.*-->", text), f"{note.name} names no source"
        displays = [(i, line) for i, line in enumerate(text.splitlines(), 1) if re.fullmatch(r"\$\$.*\$\$", line.strip())]
        assert len(displays) == 1, f"{note.name} holds {len(displays)} display formulas"
        found[(note.name, displays[0][0])] = displays[0][1].strip()[2:-2]
    assert set(rows) == set(found)
    for key, row in rows.items():
        assert set(row["kinds"]) <= KINDS and row["kinds"], key
        assert 2 <= row["member"] <= _top_level_members(found[key]), key
        assert row["corrected"].strip(), key


def _measure():
    spec = importlib.util.spec_from_file_location("history_measure", HISTORY / "measure.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_tautology_check_on_readings_as_verify_parse_prints_them():
    """measure.py's check, on the issue's examples (no tool run: the readings are written out)."""
    measure = _measure()

    def tautological(written, appended):
        names = {}
        return measure.cancels(measure.to_sympy(appended, names), measure.to_sympy(written, names))

    assert tautological("x", "-x + Abs(x)")
    assert tautological("3", "-3 + 3*log(2)")
    assert tautological("1/(2*\\sigma) + log(2*pi*\\sigma**2)/2", "(\\sigma - 1)/(2*\\sigma)")
    assert tautological("-log(\\hat{\\rho}) + \\rho*log(\\rho)", "(1 - \\rho)*log(\\hat{\\rho})")
    assert tautological("Sum(w[k]*(log(w[k]) - 1/K), (k, 1, K))", "(log(K) + 1/K)*Sum(w[j], (j, 1, K))")
    assert not tautological("(x - \\mu)**2/(2*\\sigma**2) + log(\\sigma)", "log(2*pi)/2")
    assert not tautological("log(\\sigma) + 1", "-1/2")
    assert not tautological("log(\\sigma_{2}/\\sigma_{1}) + \\sigma_{1}**2/(2*\\sigma_{2}**2)", "-1/2")
