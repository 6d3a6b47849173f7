"""A KL divergence with its two laws swapped (`swapped-arguments`)."""
from __future__ import annotations

from lark import Tree

from .. import fixes
from ..diagnosis import Diagnosis
from ..member import locate
from ..trees import kl_group
from ..workbench import Workbench
from ...model.quantities import KLDivergence
from ...semantics.registry import NotDerivable


def swapped_kl(bench: Workbench) -> Diagnosis | None:
    """The left member's one KL with its arguments swapped meets the right member: the fix swaps them
    where the left member writes them."""
    kls = list(bench.left.value.atoms(KLDivergence))
    if len(kls) != 1:
        return None
    kl = kls[0]
    swapped = bench.left.value.xreplace({kl: KLDivergence(kl.args[1], kl.args[0])})
    try:
        truth = bench.reference.expand(swapped)
    except NotDerivable:
        return None
    if not bench.agrees_with(truth, bench.claimed_values):
        return None
    left = locate(bench.left)
    group = kl_group(left.tree)
    if group is None:
        return None
    sides = [p for p in group.children[1 if group.children[0].type != "LEFT" else 2].children
             if isinstance(p, Tree) and p.data != "body_sep"]
    a, b = (left.text(s) for s in sides)
    (sa, ea), (sb, eb) = (fixes.span(s) for s in sides)
    edits = [fixes.Edit(sa, ea, b), fixes.Edit(sb, eb, a)]
    fix = fixes.apply(left.source, left.base, left.lo, left.hi, edits)
    return Diagnosis("swapped-arguments", f"D_{{KL}}({b}\\|{a})", left.start, fix)
