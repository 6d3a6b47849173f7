"""A wall-clock budget for SymPy work that may not terminate (SIGALRM in the main thread)."""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Iterator


class BudgetExceeded(Exception):
    """The check ran past its budget and was stopped."""


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Interrupts pure-Python work after `seconds`; outside the main thread it cannot, and says so."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum, frame):
        raise BudgetExceeded(f"the {seconds:g} s budget was spent")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
