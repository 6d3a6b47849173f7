"""The layers of ARCHITECTURE.md, enforced: every import in derivlint/ runs down (or within its own folder)."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "derivlint"
# Bottom to top. Folders on one row are siblings and may not import each other.
LAYERS = (
    ("model",),
    ("latex", "semantics"),
    ("note",),
    ("checks",),
    ("diagnose",),
    ("run",),
    ("campaigns",),
    ("report",),
    ("cli", "commands", "api", "property_plugin", "pytest_entry", "__main__", "__init__"),  # entry points: the only modules at the top
)
RANK = {part: rank for rank, row in enumerate(LAYERS) for part in row}
ENTRY_POINTS = set(LAYERS[-1])


def part_of(module: str) -> str:
    """The layer part of a dotted module name inside the package: `derivlint.checks.link` -> `checks`."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imported_modules(path: Path, package: Path) -> list[tuple[int, str]]:
    """(line, absolute module) for every import of the package in one file, relative ones resolved."""
    here = [package.name] + list(path.relative_to(package).with_suffix("").parts)
    if here[-1] == "__init__":
        here = here[:-1]
        base = here
    else:
        base = here[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                root = base[: len(base) - (node.level - 1)]
                module = ".".join(root + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            targets = [module] if node.module or not node.level else [f"{module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        else:
            continue
        found += [(node.lineno, t) for t in targets if t.split(".")[0] == package.name]
    return found


def violations(package: Path) -> list[str]:
    """Every import that runs up a layer or across to a sibling, and every module outside a layer."""
    found = []
    for path in sorted(package.rglob("*.py")):
        source = part_of(".".join([package.name] + list(path.relative_to(package).with_suffix("").parts)))
        where = path.relative_to(package.parent)
        if len(path.relative_to(package).parts) == 1 and source not in ENTRY_POINTS:
            found.append(f"{where}: only entry points stay at the top of the package")
            continue
        if source not in RANK:
            found.append(f"{where}: `{source}` belongs to no layer")
            continue
        for line, module in imported_modules(path, package):
            target = part_of(module)
            if target == source:
                continue
            if target not in RANK:
                found.append(f"{where}:{line}: imports {module}, which belongs to no layer")
            elif RANK[target] >= RANK[source] and source not in ENTRY_POINTS:
                found.append(f"{where}:{line}: {source} imports {module} ({target} is not below {source})")
    return found


def test_every_import_of_the_package_runs_down_a_layer():
    assert violations(PACKAGE) == []


def test_every_folder_of_the_package_is_a_layer():
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert folders == {part for row in LAYERS for part in row if (PACKAGE / part).is_dir()}


@pytest.mark.parametrize(("module", "source", "expected"), [
    ("model/words.py", "from ..run.note import check_note\n", "model imports derivlint.run.note (run is not below model)"),
    ("checks/sneaky.py", "def late():\n    from ..diagnose import rules\n",
     "checks imports derivlint.diagnose (diagnose is not below checks)"),
    ("latex/peek.py", "import derivlint.semantics.laws\n", "latex imports derivlint.semantics.laws (semantics is not below latex)"),
    ("helpers.py", "", "only entry points stay at the top of the package"),
])
def test_an_upward_import_is_caught(tmp_path, module, source, expected):
    package = tmp_path / "derivlint"
    for folder in ("model", "checks", "latex", "run", "diagnose", "semantics"):
        (package / folder).mkdir(parents=True)
    (package / module).write_text(source)
    assert [v.split(": ", 1)[1] for v in violations(package)] == [expected]


def test_a_downward_import_is_allowed(tmp_path):
    package = tmp_path / "derivlint"
    (package / "run").mkdir(parents=True)
    (package / "run" / "note.py").write_text("from ..checks.link import LinkChecker\nfrom . import claim\n")
    assert violations(package) == []


# The LaTeX builder is one visitor, a method per grammar rule (b_RULE): split, its rules would be
# scattered over classes that each need all the others (a fraction builds sums, which build
# powers, which build fractions). Every other module and class stays small.
SIZE_EXCEPTIONS = {("latex/build.py", "Builder")}
MAX_MODULE_LINES, MAX_CLASS_LINES = 400, 200


def test_modules_and_classes_stay_small():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        where = path.relative_to(PACKAGE).as_posix()
        source = path.read_text()
        classes = [c for c in ast.walk(ast.parse(source)) if isinstance(c, ast.ClassDef)]
        big = [(c.name, c.end_lineno - c.lineno + 1) for c in classes
               if c.end_lineno - c.lineno + 1 > MAX_CLASS_LINES and (where, c.name) not in SIZE_EXCEPTIONS]
        if big:
            found.append(f"{where}: classes over {MAX_CLASS_LINES} lines: {big}")
        excepted = any(where == module for module, _ in SIZE_EXCEPTIONS)
        if source.count("\n") > MAX_MODULE_LINES and not excepted:
            found.append(f"{where}: {source.count(chr(10))} lines (at most {MAX_MODULE_LINES})")
    assert found == []
