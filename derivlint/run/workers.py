"""Claims checked in forked worker processes: -j N spreads them, and a hung check is killed.

SIGALRM (budget.py) stops pure-Python work inside a worker; a check stuck in C code (a huge
integer power, say) cannot be interrupted that way, so the parent also holds a deadline per
claim and kills the worker that overruns it. Results are put back in claim order, so the
report is the same, byte for byte, whatever the number of workers.
"""
from __future__ import annotations

import multiprocessing
import time
import traceback
from collections import deque
from dataclasses import dataclass
from functools import partial
from multiprocessing.connection import Connection, wait
from typing import Callable

from ..model.findings import Finding
from ..note.loading import LoadedNote
from .claim import ClaimResult, unchecked_links
from ..model.verdicts import UNCHECKED
from ..model.options import Options
from .note import NoteResult, check_one, claim_indices, link_claims
from ..model.stops import DEADLINE, DIED, Stopped

SLACK_BUDGETS, SLACK_SECONDS = 2, 1.0  # on top of the stages' budgets: fork, diagnosis, pickling



@dataclass
class _Worker:
    process: multiprocessing.Process
    conn: Connection
    task: tuple[int, int] | None = None
    deadline: float = 0.0


def deadline_for(loaded: LoadedNote, index: int, options: Options) -> float:
    """Every link may spend its budget in each of the symbolic, points and oracle stages."""
    reading = loaded.claims[index].reading
    links = len(reading.relations) if reading is not None else 0
    return options.budget * (6 * (2 * links + 1) + SLACK_BUDGETS) + SLACK_SECONDS


def check_notes(notes: list[LoadedNote], options: Options, jobs: int = 1,
                on_claim: Callable[[LoadedNote], None] | None = None) -> list[NoteResult]:
    """Every claim of every note; `on_claim(note)` is told each time one of a note's claims is done."""
    tasks = deque((n, i) for n, loaded in enumerate(notes) for i in claim_indices(loaded))
    done: dict[tuple[int, int], ClaimResult] = {}
    context = multiprocessing.get_context("fork")
    spawn = partial(_spawn, context, notes, options)
    workers = [spawn() for _ in range(max(1, min(jobs, len(tasks))))] if tasks else []
    try:
        while tasks or any(w.task for w in workers):
            for worker in workers:
                if worker.task is None and tasks:
                    _assign(worker, tasks.popleft(), notes, options)
            for n in _collect(workers, done, notes, options, spawn):
                if on_claim is not None:
                    on_claim(notes[n])
    finally:
        for worker in workers:
            _stop(worker)
    results = []
    for n, loaded in enumerate(notes):
        claims = [done[(n, i)] for i in claim_indices(loaded)]
        results.append(link_claims(NoteResult(loaded, claims)))
    return results


def _spawn(context, notes: list[LoadedNote], options: Options) -> _Worker:
    """A forked worker inherits the notes and options as they are: nothing is pickled on the way in."""
    parent, child = context.Pipe()
    process = context.Process(target=_serve, args=(child, notes, options), daemon=True)
    process.start()
    child.close()
    return _Worker(process, parent)


def _serve(conn: Connection, notes: list[LoadedNote], options: Options) -> None:
    while True:
        task = conn.recv()
        if task is None:
            return
        n, index = task
        try:
            claim = check_one(notes[n], index, options)
        except Exception as error:  # strict faults (the test suite): the parent raises it again
            conn.send(ToolFault("".join(traceback.format_exception(error))))
            continue
        conn.send((claim.verdict, claim.links, claim.against_first, claim.findings))


def _assign(worker: _Worker, task: tuple[int, int], notes, options: Options) -> None:
    worker.task = task
    worker.deadline = time.monotonic() + deadline_for(notes[task[0]], task[1], options)
    worker.conn.send(task)


def _collect(workers: list[_Worker], done: dict, notes, options: Options, spawn) -> list[int]:
    """Results of the workers that finished or overran; the note index of each claim settled."""
    busy = [w for w in workers if w.task is not None]
    settled: list[int] = []
    if not busy:
        return settled
    timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
    ready = wait([w.conn for w in busy], timeout=timeout)
    for worker in busy:
        n, index = worker.task
        read = notes[n].claims[index]
        if worker.conn in ready:
            settled.append(n)
            try:
                answer = worker.conn.recv()
            except (EOFError, OSError):
                done[worker.task] = _stopped(read, Stopped(DIED))
                _replace(worker, spawn)
                continue
            if isinstance(answer, ToolFault):
                raise answer
            verdict, links, against, findings = answer
            done[worker.task] = ClaimResult(read, verdict, links, against, findings)
            worker.task = None
        elif time.monotonic() >= worker.deadline:
            settled.append(n)
            done[worker.task] = _stopped(read, Stopped(DEADLINE, deadline_for(notes[n], index, options)))
            _replace(worker, spawn)
    return settled


def _replace(worker: _Worker, spawn) -> None:
    worker.process.kill()
    worker.process.join()
    fresh = spawn()
    worker.process, worker.conn, worker.task = fresh.process, fresh.conn, None


class ToolFault(Exception):
    """A fault a worker let propagate (strict mode): raised again in the parent with the worker's traceback."""


def _stop(worker: _Worker) -> None:
    try:
        worker.conn.send(None)
    except (BrokenPipeError, OSError):
        pass
    worker.process.join(timeout=1)
    if worker.process.is_alive():
        worker.process.kill()
        worker.process.join()


def _stopped(read, reason: Stopped) -> ClaimResult:
    claim = read.claim
    links = unchecked_links(read, reason)
    findings = [Finding("V303", claim.line, claim.column, args=(
        ("index", l.index), ("relation", l.relation), ("reason", reason))) for l in links]
    return ClaimResult(read, UNCHECKED, links, [], findings)


def platform_problem() -> str:
    """Why checking cannot run here, or "": the budget needs SIGALRM, the workers fork."""
    import signal
    if hasattr(signal, "SIGALRM") and hasattr(signal, "setitimer") and "fork" in multiprocessing.get_all_start_methods():
        return ""
    return ("checking runs on POSIX systems only (Linux, macOS, WSL on Windows): its time budget needs "
            "SIGALRM and its workers fork")
