"""Rules of the test suite itself: shared helpers live in helpers.py, and no test imports a test."""
from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            modules |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module.split(".")[0])
    return modules


def test_no_test_file_imports_another_test_file():
    test_modules = {p.stem for p in TESTS.glob("test_*.py")} | {"conftest"}
    offenders = {p.name: sorted(imported_modules(p) & test_modules)
                 for p in sorted(TESTS.glob("*.py")) if imported_modules(p) & test_modules}
    assert offenders == {}, f"move shared helpers into tests/helpers.py: {offenders}"


def test_helpers_live_in_one_module():
    local = {p.stem for p in TESTS.glob("*.py")} - {p.stem for p in TESTS.glob("test_*.py")}
    assert local == {"conftest", "helpers"}, sorted(local)
