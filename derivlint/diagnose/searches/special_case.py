"""A claim that holds only where two symbols are equal (`special-case`)."""
from __future__ import annotations

import numpy as np
import sympy

from ..diagnosis import Diagnosis
from ..names import scalar_parameters
from ..workbench import Workbench
from .missing_term import missing_term


def special_case(bench: Workbench) -> Diagnosis | None:
    """Two symbols of one kind and domain whose equality makes the sides agree; the fix, when there is
    one, adds the term the special case lost."""
    both = bench.truth + bench.claimed
    symbols = scalar_parameters(both) + sorted(both.atoms(sympy.IndexedBase), key=str)
    for i, a in enumerate(symbols):
        for b in symbols[i + 1:]:
            if type(a) is not type(b) or a.assumptions0 != b.assumptions0:
                continue
            equal = {b: a}
            truth = bench.truth.xreplace(equal)
            claimed = bench.claimed.xreplace(equal)
            truth_values = bench.sampler.values(truth)
            if _vanishes(truth_values):
                continue  # a KL of a law with itself: every side that is 0 there "holds", which says nothing
            # found on numbers, then proved: equal symbols must make the claim hold, not only at the points
            if bench.agrees_with(truth, bench.sampler.values(claimed)) and bench.confirm(claimed, truth):
                missing = missing_term(bench)
                fix = missing.fix if missing else None
                name_a, name_b = str(getattr(a, "label", a)), str(getattr(b, "label", b))
                return Diagnosis("special-case", f"{name_a} = {name_b}", bench.located.start, fix)
    return None


def _vanishes(values: np.ndarray) -> bool:
    """The truth is 0 wherever it has a value under the condition (a divergence of a law from itself)."""
    ok = np.isfinite(values)
    return bool(ok.sum()) and bool(np.all(np.abs(values[ok]) <= 1e-12))
