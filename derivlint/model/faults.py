"""Faults of the tool itself, kept apart from findings on the note: V900 with the traceback."""
from __future__ import annotations

import os
import traceback

from .findings import Finding

# Set to "raise" (the test suite does) to let a fault propagate with its traceback instead.
FAULTS_ENV = "DERIVATION_VERIFIER_FAULTS"


def strict() -> bool:
    return os.environ.get(FAULTS_ENV) == "raise"


def fault_finding(line: int, column: int, stage: str, error: BaseException) -> Finding:
    """`stage` is "reading" or "checking"; the traceback travels with the finding to the reporters."""
    text = "".join(traceback.format_exception(error))
    return Finding("V900", line, column, args=(("stage", stage), ("error", f"{type(error).__name__}: {error}")),
                   traceback=text)
