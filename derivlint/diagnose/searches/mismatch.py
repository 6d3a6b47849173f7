"""No edit found: the residual itself is reported (`mismatch`)."""
from __future__ import annotations

import sympy

from ..diagnosis import Diagnosis
from ..workbench import Workbench
from ...checks.budget import BudgetExceeded, time_budget
from ...checks.normal_form import normal_form
from ...latex.printing import author_latex


def mismatch(bench: Workbench) -> Diagnosis:
    """The residual in normal form, or as it stands when that takes longer than the link's budget."""
    try:
        with time_budget(bench.budget):
            residual = normal_form(bench.claimed - bench.truth)
    except BudgetExceeded:
        residual = bench.claimed - bench.truth
    return Diagnosis("mismatch", author_latex(residual, symbol_names=bench.symbol_names()), bench.located.start)
