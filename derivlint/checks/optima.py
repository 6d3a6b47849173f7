"""When two optima are the same point: objectives that differ by a positive scale and a constant."""
from __future__ import annotations

import sympy

from .normal_form import normal_form

OPTIMA = {"ArgMax": 1, "ArgMin": -1}  # the sign that turns the objective into one to maximise


def is_optimum(expr) -> bool:
    return isinstance(expr, sympy.core.function.AppliedUndef) and expr.func.__name__ in OPTIMA


def same_optimum(left, right) -> tuple[bool, str] | None:
    """(proved, how) for `\\arg\\max_\\theta f = \\arg\\max_\\theta g` (or an \\arg\\min on either side), None when a
    side is no optimum. Proved when g, turned to be maximised, is a f + b with a > 0 and a, b free of the
    variables: the two sets of maximisers are then the same. Otherwise nothing is said (no method refutes)."""
    if not (is_optimum(left) and is_optimum(right)):
        return None
    (f, *over), (g, *under) = left.args, right.args
    if set(over) != set(under):
        return False, "the two optima are over different variables"
    f, g = OPTIMA[left.func.__name__] * f, OPTIMA[right.func.__name__] * g
    if _free_of(normal_form(f - g), over):
        return True, "the objectives differ by a term free of the optimum's variables"
    if len(over) == 1:
        slope_g = sympy.diff(g, over[0]).doit()
        scale = sympy.simplify(sympy.diff(f, over[0]).doit() / slope_g) if slope_g != 0 else None
        if scale is not None and _free_of(scale, over) and scale.is_positive and _free_of(normal_form(f - scale * g), over):
            return True, f"the objectives differ by a positive scale ({scale}) and a term free of the optimum's variable"
    return False, "no proof that the objectives have the same optimum"


def _free_of(expr, variables) -> bool:
    return not (expr.free_symbols & set(variables))
