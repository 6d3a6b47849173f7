"""The library API: `check_text` and `check_paths`, whose typed `Report` holds what the JSON report holds."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

SUFFIXES = {"md": ".md", "qmd": ".qmd", "ipynb": ".ipynb", "tex": ".tex"}


@dataclass(frozen=True)
class Place:
    """A place of a note: 1-based line (within its cell in a notebook) and column; `cell` in a notebook."""

    line: int
    column: int
    cell: int | None = None
    offset: int | None = None  # characters from the start of a note read whole; None in one joined from parts


@dataclass(frozen=True)
class Edit:
    """Replace the note's text from `start` to `end` (exclusive) by `replacement`."""

    start: Place
    end: Place
    replacement: str


@dataclass(frozen=True)
class Fix:
    """A corrected member: its LaTeX, how sure it is (`suggestion`: the author must accept it), its edits."""

    latex: str
    applicability: str
    edits: tuple[Edit, ...] = ()


@dataclass(frozen=True)
class Finding:
    """One finding: its code (`V201`), kind (`sign`), span (end exclusive), message and fix, if any."""

    code: str
    kind: str
    start: Place
    end: Place
    message: str
    fix: Fix | None = None
    internal: str | None = None  # a tool fault's traceback (V900): the tool's, never the note's


@dataclass(frozen=True)
class Link:
    """One relation of a chain (`index` counts from 1) and what decided it."""

    index: int
    relation: str
    verdict: str
    methods: tuple[str, ...]
    counterexample: dict[str, Any] | None = None
    reason: str | None = None


@dataclass(frozen=True)
class Claim:
    """One formula: where it is, its LaTeX, its verdict (`verified`, `consistent`, `refuted`, `unchecked`),
    whether the note expects it refuted, its links, each member against the first, and its findings."""

    start: Place
    end: Place
    latex: str
    verdict: str
    expected_refuted: bool
    links: tuple[Link, ...]
    against_first: tuple[Link, ...]
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class NoteReport:
    """One note: its path, its claims, and what is said of the note outside them (reading, V402, ...)."""

    path: str
    claims: tuple[Claim, ...]
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class Report:
    """A run: every note's report, the count of each verdict (and of findings ignored), the run's exit code
    (0 clean, 1 findings, 2 a note that could not be read), as `python -m derivlint check` gives them."""

    notes: tuple[NoteReport, ...]
    summary: dict[str, int] = field(default_factory=dict)
    exit_code: int = 0

    @property
    def ok(self) -> bool:
        return self.exit_code == 0

    @property
    def findings(self) -> list[Finding]:
        """Every finding of every note, the notes' own first."""
        return [f for n in self.notes for f in (*n.findings, *(g for c in n.claims for g in c.findings))]


def check_text(text: str, *, format: str = "md", seed: int = 0, budget: float | None = None,
               path: str | None = None) -> Report:
    """Check a note given as text (`format`: md, qmd, ipynb or tex); `path` names it in the report (and is
    where a LaTeX note's `\\input`s are looked for), by default `<text>.md`. One process, no workers."""
    from .note.loading import load_text
    if format not in SUFFIXES:
        raise ValueError(f"format must be one of {', '.join(SUFFIXES)}, not {format!r}")
    name = path or f"<text>{SUFFIXES[format]}"
    return _checked([load_text(name, text)], seed, budget, jobs=1)


def check_paths(paths: Iterable[str | Path], *, seed: int = 0, budget: float | None = None, jobs: int = 1) -> Report:
    """Check notes and folders as `check` does (a folder's notes without a `verify:` front matter are skipped);
    a path that does not exist raises FileNotFoundError."""
    from .note.loading import load
    from .note.paths import PathError, scanned
    try:
        found = scanned([str(p) for p in paths])
    except PathError as error:
        raise FileNotFoundError(str(error)) from None
    notes = [loaded for path, named in found if (loaded := load(path)).declares_context or named]
    return _checked(notes, seed, budget, jobs)


def _checked(notes: list, seed: int, budget: float | None, jobs: int) -> Report:
    from .model.options import Options
    from .report.json_report import report
    from .run.selection import exit_code
    from .run.workers import check_notes, platform_problem
    if problem := platform_problem():
        raise RuntimeError(problem)
    options = Options(seed=seed) if budget is None else Options(seed=seed, budget=budget)
    results = check_notes(notes, options, jobs)
    data = report(results)
    summary = {_text(k): v for k, v in data["summary"].items()}
    return Report(tuple(_note(f) for f in data["files"]), summary, exit_code(results))


def _text(value) -> str:
    """A verdict as the JSON writes it (`refuted`), not the enumeration member."""
    return str(getattr(value, "value", value))


def _place(data: dict, line: str = "line", column: str = "column") -> Place:
    return Place(data[line], data[column], data.get("cell"), data.get("offset"))


def _finding(data: dict) -> Finding:
    fix = data.get("fix")
    if fix is not None:
        edits = tuple(Edit(_place(e["start"]), _place(e["end"]), e["replacement"]) for e in fix["edits"])
        fix = Fix(fix["latex"], fix["applicability"], edits)
    end = Place(data["end_line"], data["end_column"], data.get("cell"))
    return Finding(data["code"], data["kind"], _place(data), end, data["message"], fix, data.get("internal"))


def _link(data: dict) -> Link:
    return Link(data["index"], data["relation"], _text(data["verdict"]), tuple(data["methods"]),
                data.get("counterexample"), data.get("reason"))


def _note(data: dict) -> NoteReport:
    claims = tuple(Claim(_place(c), Place(c["end_line"], c["end_column"], c.get("cell")), c["latex"], _text(c["verdict"]),
                         c["expected"] is not None, tuple(map(_link, c["links"])), tuple(map(_link, c["against_first"])),
                         tuple(map(_finding, c["findings"]))) for c in data["claims"])
    return NoteReport(data["path"], claims, tuple(map(_finding, data["findings"])))
