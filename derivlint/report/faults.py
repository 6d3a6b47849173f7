"""The tool's own faults on standard error: each traceback once, apart from the report on the note."""
from __future__ import annotations

from typing import TextIO

from ..run.note import NoteResult
from .places import location


def write_faults(err: TextIO, results: list[NoteResult]) -> None:
    seen: set[str] = set()
    for result in results:
        for finding in result.findings:
            if finding.internal and finding.traceback not in seen:
                seen.add(finding.traceback)
                err.write(f"{location(result.loaded.path, result.loaded.note, finding.line, finding.column)}: V900 internal error "
                          f"(please report it with the note):\n{finding.traceback}")
