"""pytest plugin: every claim of every note is a Hypothesis property over its declared domains.

Installed as a pytest plugin (the `pytest11` entry point) and opt-in, as pytest-mypy is: `pytest
--derivations` collects every note with a `verify:` front matter anywhere under the paths (`.md`, `.qmd`,
`.ipynb`, `.tex`), beside the tests; `--derivations-only` runs those alone. `derivations/conftest.py`
collects that folder's notes without the flag. Each claim is an item named `L<line>` (`note.md::L41`;
`L41:C5` where a line holds two). An item draws points (a value for every free atom from its declared
domain, dimensions in {1, 2, 3}, filtered by the families' constraints) and asserts that every
link of the chain holds there:

- a link whose members are re-derived in closed form (`Reference.expand`) is evaluated in
  double precision first; a disagreement fails only once it is confirmed at 50 digits, so float
  noise never fails a true claim;
- a link whose reference cannot be derived is evaluated by the independent scipy.stats oracle
  (tanh-sinh quadrature), never skipped;
- `\\equiv` and `\\propto` are tested on a pair of points sharing every non-parameter value.

A refuted claim fails with Hypothesis's shrunk counterexample, named by the note's LaTeX names, and the
diagnosis `check` gives it (the kind of slip, its message and the fix).
A claim marked `<!-- verify: expect refuted -->` is a strict xfail: only a counterexample
satisfies it; if the claim holds (or cannot be checked), the item fails. A claim the tool
cannot read or check fails with the reason, as it does for `make verify`.

The property itself is derivlint/campaigns/properties.py; this module holds the pytest hooks and items.

PYTEST_DONT_REWRITE: failures are raised as Refuted/Unchecked, never by `assert`.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from .campaigns.properties import ClaimProperty, Refuted, Unchecked, name_prefix
from .model.findings import Finding
from .model.options import Options
from .model.selection import Selection
from .note.claims import ReadClaim
from .note.config import load_config
from .note.loading import LoadedNote, load
from .report.messages import message
from .run.note import check_one
from .run.selection import FAILING
from .semantics.reference import Reference


def collect_folder_note(file_path: Path, parent):
    """A folder's conftest collecting its Markdown notes without the flag (`derivations/conftest.py`); with
    the flag the plugin's own hook (derivlint/pytest_entry.py) collects them, once."""
    from .pytest_entry import asked
    if file_path.suffix == ".md" and not asked(parent.config):
        return NoteFile.from_parent(parent, path=file_path)
    return None


class NoteFile(pytest.File):
    """A Markdown note: one item per claim (or one failing item when the note cannot be read)."""

    def collect(self):
        loaded = load(self.path)
        if loaded.fatal:
            yield NoteProblem.from_parent(self, name="note", loaded=loaded, shown=_shown(self))
            return
        reference = Reference(loaded.context.table)
        lines: dict[int, int] = {}
        for read in loaded.claims:
            lines[read.claim.line] = lines.get(read.claim.line, 0) + 1
        for index, read in enumerate(loaded.claims):
            claim = read.claim
            where = f"L{claim.line}" if lines[claim.line] == 1 else f"L{claim.line}:C{claim.column}"
            item = ClaimItem.from_parent(self, name=where,
                                         read=read, shown=_shown(self), loaded=loaded, index=index,
                                         reference=Reference(read.scope_table) if read.scope_table is not None else reference)
            if read.skipped:
                item.add_marker(pytest.mark.skip(reason="<!-- verify: skip -->"))
            elif read.statement is not None:
                item.add_marker(pytest.mark.skip(reason="states an assumption (a law or a domain), not a claim"))
            elif claim.directive("expect refuted"):
                item.add_marker(pytest.mark.xfail(
                    strict=True, raises=Refuted,
                    reason="known erratum (<!-- verify: expect refuted -->): a counterexample is expected"))
            yield item


def _shown(node) -> str:
    """The note's path as the user typed it: relative to where pytest was started when below it."""
    try:
        return str(node.path.relative_to(node.config.invocation_params.dir))
    except ValueError:
        return str(node.path)


class NoteProblem(pytest.Item):
    """A note that could not be opened or whose context could not be read."""

    def __init__(self, *, loaded: LoadedNote, shown: str, **kwargs):
        super().__init__(**kwargs)
        self.loaded = loaded
        self.shown = shown

    def runtest(self):
        raise Unchecked(f"{self.shown}: the note could not be read", tuple(self.loaded.findings))

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, (Refuted, Unchecked)):
            return failure_text(self.shown, excinfo.value)
        return super().repr_failure(excinfo, style)

    def reportinfo(self):
        return self.path, 0, f"note {self.shown}"


class ClaimItem(pytest.Item):
    """One claim of a note, run as a Hypothesis property."""

    def __init__(self, *, read: ReadClaim, reference: Reference, shown: str, loaded: LoadedNote, index: int,
                 **kwargs):
        super().__init__(**kwargs)
        self.read = read
        self.reference = reference
        self.shown = shown
        self.loaded = loaded
        self.index = index

    def runtest(self):
        try:
            ClaimProperty(self.read, self.reference, self.shown).run()
        except Refuted as failure:
            settings = configured(self.path)
            findings = check_one(self.loaded, self.index, settings.options).findings
            ignored = ignored_codes(self.loaded, self.read, findings, settings.selection)
            if ignored:  # as `check` passes a claim failing only by findings ignored, and JUnit skips it
                pytest.skip(f"refuted, its findings ignored ({', '.join(ignored)})")
            raise Refuted(failure.message + diagnosis_text(self.shown, findings)) from None

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, (Refuted, Unchecked)):
            return failure_text(self.shown, excinfo.value)
        return super().repr_failure(excinfo, style)

    def reportinfo(self):
        claim = self.read.claim
        return self.path, claim.line - 1, f"{self.shown}:{claim.line}:{claim.column}: {name_prefix(claim.latex)}"


def failure_text(shown: str, failure: Refuted | Unchecked) -> str:
    """A failure as the user reads it: each finding at its place in the note, else the failure's message."""
    findings = getattr(failure, "findings", ())
    return "\n".join(located(shown, f) for f in findings) if findings else failure.message


@dataclass(frozen=True)
class Settings:
    """What [tool.derivlint] sets for a note's items: the check's seed and budget, the codes reported."""

    options: Options
    selection: Selection


def configured(path: Path) -> Settings:
    """The nearest pyproject.toml's [tool.derivlint] (an unreadable one fails the item, as it stops `check`)."""
    config = load_config([str(path)])
    options = Options(seed=config.seed if config.seed is not None else 0,
                      budget=config.budget if config.budget is not None else Options.budget)
    return Settings(options, Selection(config.select or (), config.ignore or ()))


def ignored_codes(loaded: LoadedNote, read: ReadClaim, findings: list[Finding], selection: Selection) -> list[str]:
    """The codes of a refuted claim's failing findings when every one of them is ignored (by the settings, the
    note's `ignore:` or the formula's `ignore` directive), else none: the claim then fails."""
    ignored = loaded.context.ignore if loaded.context is not None else ()
    ignored += tuple(code for d in read.claim.directive("ignore") for code in d.argument.split(", "))
    failing = [f for f in findings if f.code.startswith(FAILING)]
    if not failing or any(selection.reports(f.code, ignored) for f in failing):
        return []
    return sorted({f.code for f in failing})


def diagnosis_text(shown: str, findings: list[Finding]) -> str:
    """What `check` says of a refuted claim: each diagnosed slip (its kind, message and fix), or nothing."""
    lines = []
    for finding in findings:
        if finding.kind is None:
            continue
        lines.append(f"  diagnosis ({finding.kind}): {located(shown, finding)}")
        if finding.fix is not None:
            lines.append(f"  fix ({finding.fix.applicability}): {finding.fix.latex}")
    return "".join(f"\n{line}" for line in lines)


def located(path: str, finding: Finding) -> str:
    return f"{path}:{finding.line}:{finding.column}: {finding.code} {message(finding)}"
