"""Two terms with their signs flipped (`sign`)."""
from __future__ import annotations

from .. import fixes
from ..diagnosis import Diagnosis
from ..fitting import constant_ratio
from ..trees import additive_terms, argument_depths, contains
from ..workbench import Workbench

PAIRED_TERMS = 16  # the first terms only: the pairs grow as their square


def term_pairs(bench: Workbench) -> Diagnosis | None:
    """Two terms, neither inside the other, whose contributions together are minus half the residual:
    flipping both signs restores the link."""
    residual = bench.residual
    tree = bench.located.tree
    depth = argument_depths(tree)
    # the member's own terms and its brackets' before the terms inside a function's argument (`a` in \Gamma(a + b))
    terms = sorted(additive_terms(tree), key=lambda pair: depth.get(id(pair[0]), 0))[:PAIRED_TERMS]
    contributions = {id(term): bench.contribution(term) for term, _ in terms}
    for i, (a, pa) in enumerate(terms):
        for b, pb in terms[i + 1:]:
            if contains(a, b) or contains(b, a):
                continue
            if constant_ratio(-residual, contributions[id(a)] + contributions[id(b)]) != -2:
                continue
            candidate = bench.rebuilt({id(a): lambda v: -v, id(b): lambda v: -v})
            if bench.confirm(candidate):
                edits = [fixes.flip_sign(bench.located.source, t, p) for t, p in ((a, pa), (b, pb))]
                first, second = (bench.located.text(t) for t in (a, b))
                return Diagnosis("sign", first, bench.located.at(a), bench.fix(edits), (("second", second),))
    return None
