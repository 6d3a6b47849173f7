"""A transient progress bar on stderr while notes are checked, for long runs at a terminal only."""
from __future__ import annotations

from typing import Callable, TypeVar

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..loading import LoadedNote

LONG_RUN = 5  # claims: a run this short ends before a bar would be worth drawing
Result = TypeVar("Result")


def checked_with_progress(notes: list[LoadedNote], check: Callable[[list[LoadedNote]], list[Result]]) -> list[Result]:
    """`check` applied to all notes at once, or note by note with a bar advancing by their claims."""
    total = sum(len(n.claims) for n in notes)
    console = Console(stderr=True)
    # A pipe or a log file gets no bar: its redraws would only be noise there.
    if total <= LONG_RUN or not console.is_interactive:
        return check(notes)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    results = []
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("checking", total=total)
        for note in notes:
            progress.update(task, description=note.path)
            results.extend(check([note]))
            progress.advance(task, len(note.claims))
    return results
