"""Rules of the test suite itself: shared helpers live in helpers.py, no test imports a test, and
every property runs the same examples on every machine (the profile loaded in conftest.py)."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

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


def test_the_deterministic_hypothesis_profile_is_loaded():
    from hypothesis import settings
    assert (settings.default.derandomize, settings.default.database, settings.default.deadline,
            settings.default.print_blob) == (True, None, None, False)


def test_every_property_of_this_run_derandomizes_without_a_database(request):
    """An explicit @settings keeps the profile's fields it does not set; none may set them back."""
    from hypothesis import settings
    properties = [item for item in request.session.items
                  if isinstance(item, pytest.Function) and getattr(item.obj, "is_hypothesis_test", False)]
    chosen = {item.nodeid: getattr(item.obj, "_hypothesis_internal_use_settings", settings.default)
              for item in properties}
    loose = {node: (s.derandomize, s.database, s.deadline) for node, s in chosen.items()
             if not s.derandomize or s.database is not None or s.deadline is not None}
    assert loose == {}, loose
