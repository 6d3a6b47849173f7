"""One term's sign or factor off, or a term written that does not belong (`sign`, `factor`, `extra-term`)."""
from __future__ import annotations

import sympy

from .. import fixes
from ..diagnosis import Diagnosis
from ..fitting import constant_ratio
from ..trees import additive_terms, lone_exponents, power_of_exponent
from ..workbench import Workbench
from .powers import powers, unwritten_power


def single_terms(bench: Workbench) -> Diagnosis | None:
    """A term whose contribution, scaled by a simple factor, is the residual: the term times 1 + factor."""
    residual = bench.residual
    for term, parent in additive_terms(bench.located.tree):
        factor = constant_ratio(-residual, bench.contribution(term))
        if factor is None or factor == 0:
            continue
        scale = 1 + factor
        candidate = bench.rebuilt({id(term): lambda v, s=scale: s * v})
        if not bench.confirm(candidate):
            continue
        return term_diagnosis(bench, term, parent, scale)
    return None


def direct_terms(bench: Workbench) -> Diagnosis | None:
    """Inside a square or an exp a term does not add linearly: try the inverse edits themselves."""
    terms = list(additive_terms(bench.located.tree))
    exponents = list(lone_exponents(bench.located.tree))
    for scale in (sympy.Integer(-1), sympy.Rational(1, 2), sympy.Integer(2), sympy.Integer(0)):
        for term, parent in terms + (exponents if scale != 0 else []):  # an exponent is not dropped
            if scale == 0 and not fixes.droppable(parent):
                continue
            if bench.holds(bench.rebuilt({id(term): lambda v, s=scale: s * v})):
                return term_diagnosis(bench, term, parent, scale)
    return None


def term_diagnosis(bench: Workbench, term, parent, scale: sympy.Rational) -> Diagnosis:
    """The term times `scale` restores the link: a sign (-1), an extra term (0), else a factor, unless
    the term is a written exponent or holds a root or an exponent whose edit is the author's slip."""
    located = bench.located
    if scale == -1:
        edit, kind = fixes.flip_sign(located.source, term, parent), "sign"
    elif scale == 0:
        edit, kind = fixes.drop_term(located.source, term, parent), "extra-term"
    else:
        power = power_of_exponent(located.tree, term)
        if power is not None:  # a written exponent halved or doubled is a power slip: x^2 for x
            found = powers(bench, power)
            if found is not None:
                return found
            if scale in (2, sympy.Rational(1, 2)):  # e^{s} for e^{2s}: the power squared (or its root)
                edit = fixes.scale_term(located.source, term, scale)
                return Diagnosis("power", located.text(power), located.at(power), bench.fix([edit]))
        unwritten = unwritten_power(bench, term)
        if unwritten is not None:
            return unwritten
        edit, kind = fixes.scale_term(located.source, term, scale), "factor"
    return Diagnosis(kind, located.text(term), located.at(term), bench.fix([edit]),
                     (("factor", str(scale)),) if kind == "factor" else ())
