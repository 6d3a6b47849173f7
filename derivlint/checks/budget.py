"""A wall-clock budget for SymPy work that may not terminate (SIGALRM in the main thread)."""
from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from typing import Iterator


class BudgetExceeded(Exception):
    """The check ran past its budget and was stopped."""


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Interrupts pure-Python work after `seconds`; outside the main thread it cannot, and says so.

    Budgets nest: an inner one never outlasts the budget around it, and on leaving it the outer
    timer is set again with what is left of it (an outer budget spent meanwhile fires at once)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum, frame):
        raise BudgetExceeded(f"the {seconds:g} s budget was spent")

    outer_left, _ = signal.getitimer(signal.ITIMER_REAL)
    started = time.monotonic()
    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, min(seconds, outer_left) if outer_left else seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer_left:
            signal.setitimer(signal.ITIMER_REAL, max(outer_left - (time.monotonic() - started), 1e-6))
