"""How loud each finding is for a code host: an error fails the check, a warning or a note informs."""
from __future__ import annotations

from typing import Iterator

from ..model.findings import Finding
from ..note.document import Claim
from ..note.loading import LoadedNote
from ..run.note import NoteResult

# Reading errors, refuted links and tool faults fail a check; an unchecked link warns; notes inform.
LEVELS = {"1": "error", "2": "error", "3": "warning", "4": "note", "9": "error"}


def level_of(finding: Finding) -> str:
    return level_of_code(finding.code)


def level_of_code(code: str) -> str:
    return LEVELS.get(code[1], "error")


def graded(results: list[NoteResult]) -> Iterator[tuple[LoadedNote, Finding, str]]:
    """(note, finding, level) of every finding; those of a known erratum are notes, shown and not failed."""
    for loaded, _, finding, level in graded_claims(results):
        yield loaded, finding, level


def graded_claims(results: list[NoteResult]) -> Iterator[tuple[LoadedNote, Claim | None, Finding, str]]:
    """(note, the claim as written or None for the note's own, finding, level) of every finding."""
    for result in results:
        for finding in result.note_findings:
            yield result.loaded, None, finding, level_of(finding)
        for claim in result.claims:
            for finding in claim.findings:
                yield result.loaded, claim.claim, finding, "note" if claim.known_erratum else level_of(finding)
