"""The sides differ by a real constant (`constant`)."""
from __future__ import annotations

import numpy as np
import sympy

from .. import fixes
from ..diagnosis import Diagnosis
from ..economy import readds
from ..workbench import Workbench
from ...checks.normal_form import normal_form
from ...latex.printing import author_latex


def constant(bench: Workbench) -> Diagnosis | None:
    """The residual one number at the points, and symbolically a real number: the fix subtracts it."""
    residual = bench.residual
    ok = np.isfinite(residual)
    if ok.sum() < max(3, len(residual) // 2) or np.ptp(residual[ok]) > 1e-8 * (1 + np.abs(residual[ok]).max()):
        return None
    difference = normal_form(bench.claimed - bench.truth)
    if not (difference.is_number and difference.is_real):  # a few points where both sides exist prove nothing
        return None
    if readds(-difference, bench.claimed):  # `3 - 3 + 3\log 2`: a number the member writes, taken back
        return None
    edit = fixes.append_term(bench.located.hi, -difference, bench.symbol_names())
    return Diagnosis("constant", author_latex(difference, symbol_names=bench.symbol_names()),
                     bench.located.start, bench.fix([edit]))
