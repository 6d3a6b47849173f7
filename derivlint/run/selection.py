"""A run's findings as selected: codes the settings, the note (`ignore:`) or a formula (`ignore V206`) ignore."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..model.findings import Finding
from ..model.selection import Selection
from .note import NoteResult
from .note import exit_code as run_exit_code

# What makes a claim fail the run: a reading error, a refutation, an unchecked link, a stale directive. The
# notes (V4xx) inform; a claim whose failing findings are all ignored passes, as a linter's ignored error does.
FAILING = ("V1", "V2", "V3", "V9")


@dataclass
class SelectedResult(NoteResult):
    """A note's result with the ignored findings taken out: `hidden` counts them, `excused` the claims (by
    their place in `claims`) that fail only by findings ignored."""

    selection: Selection = field(default_factory=Selection)
    hidden: int = 0
    excused: frozenset[int] = frozenset()

    @property
    def note_findings(self) -> list[Finding]:
        ignored = self.loaded.context.ignore if self.loaded.context is not None else ()
        return [f for f in super().note_findings if self.selection.reports(f.code, ignored)]


def selected(results: list[NoteResult], selection: Selection) -> list[SelectedResult]:
    return [_selected(result, selection) for result in results]


def _selected(result: NoteResult, selection: Selection) -> SelectedResult:
    note_ignore = result.loaded.context.ignore if result.loaded.context is not None else ()
    claims, hidden, excused = [], 0, set()
    for at, claim in enumerate(result.claims):
        ignored = note_ignore + tuple(code for d in claim.claim.directive("ignore") for code in d.argument.split(", "))
        kept = [f for f in claim.findings if selection.reports(f.code, ignored)]
        hidden += len(claim.findings) - len(kept)
        if not claim.passes and len(kept) < len(claim.findings) and not _failing(kept):
            excused.add(at)
        claims.append(replace(claim, findings=kept) if len(kept) < len(claim.findings) else claim)
    out = SelectedResult(result.loaded, claims, selection)
    out.hidden = hidden + len(result.note_findings) - len(out.note_findings)
    out.excused = frozenset(excused)
    return out


def _failing(findings: list[Finding]) -> bool:
    return any(f.code.startswith(FAILING) for f in findings)


def exit_code(results: list[NoteResult]) -> int:
    """As a run's exit code is (0 clean, 1 findings, 2 a note not read), a claim that fails only by ignored
    findings passing."""
    code = run_exit_code(results)
    if code != 1:
        return code
    failing = [c for r in results for at, c in enumerate(r.claims)
               if not c.passes and at not in getattr(r, "excused", frozenset())]
    return 1 if failing else 0


def hidden(results: list[NoteResult]) -> int:
    return sum(getattr(r, "hidden", 0) for r in results)

