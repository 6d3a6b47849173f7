"""A transient progress bar on stderr while notes are checked, for long runs at a terminal only."""
from __future__ import annotations

from typing import Callable, TypeVar

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..run.note import claim_indices
from ..note.loading import LoadedNote

LONG_RUN = 5  # claims: a run this short ends before a bar would be worth drawing
Result = TypeVar("Result")


def checked_with_progress(notes: list[LoadedNote], check: Callable[..., list[Result]]) -> list[Result]:
    """`check(notes, on_claim)` with a bar that advances as each claim is done, in any note."""
    total = sum(len(claim_indices(n)) for n in notes)
    console = Console(stderr=True)
    # A pipe or a log file gets no bar: its redraws would only be noise there.
    if total <= LONG_RUN or not console.is_interactive:
        return check(notes, None)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("checking", total=total)
        return check(notes, lambda note: progress.update(task, description=note.path, advance=1))
