"""The whole side off by a simple factor or sign (`factor`, `sign`)."""
from __future__ import annotations

from .. import fixes
from ..diagnosis import Diagnosis
from ..fitting import constant_ratio
from ..workbench import Workbench
from .powers import unwritten_power


def whole_member(bench: Workbench) -> Diagnosis | None:
    """The truth a simple multiple of the claimed side at every point: the whole side rescaled, its
    sign flipped, or a root or exponent written inside it deleted when the ratio is no written number."""
    ratio = constant_ratio(bench.truth_values, bench.claimed_values)
    if ratio is None or ratio == 1 or ratio == 0:  # a truth of 0 is no rescaled side: it says the side should vanish
        return None
    if not bench.confirm(ratio * bench.right.value):
        return None
    located = bench.located
    whole = located.tree
    if ratio == -1:
        edit = fixes.flip_sign(located.source, whole, None)
        return Diagnosis("sign", "", located.start, bench.fix([edit]), (("side", "whole"),))
    unwritten = unwritten_power(bench, whole)
    if unwritten is not None:
        return unwritten
    edit = fixes.scale_term(located.source, whole, ratio)
    return Diagnosis("factor", "", located.start, bench.fix([edit]), (("factor", str(ratio)), ("side", "whole")))
