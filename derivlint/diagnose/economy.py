"""Whether an edit is one an author would make: it rewrites less than the member, and re-adds none of its terms."""
from __future__ import annotations

import re

import sympy

# A TeX token as an author counts what they wrote: a command, or one character; braces, spacing and
# \left, \right only shape what is written.
_TOKEN = re.compile(r"\\[A-Za-z]+|\\.|[^\s{}]")
_SHAPING = {"\\left", "\\right", "\\,", "\\;", "\\!", "\\quad", "\\qquad", "\\ "}


def tokens(latex: str) -> int:
    """How many tokens an author wrote: `\\log(\\sigma^2 + 2\\pi)` is 9."""
    return sum(1 for t in _TOKEN.findall(latex) if t not in _SHAPING)


def rewrites_member(removed: str, inserted: str, member: str) -> bool:
    """An edit that deletes more than half the member's tokens, or deletes and writes more than the member
    holds, is no edit of it: it rewrites the member, which the mismatch's residual says plainly."""
    deleted, whole = tokens(removed), tokens(member)
    return 2 * deleted > whole or deleted + tokens(inserted) > whole


def _algebraic(factor: sympy.Expr) -> bool:
    """A rational function of symbols: no function, sum or transcendental constant."""
    return not factor.has(sympy.Function, sympy.Sum, sympy.Product, sympy.pi, sympy.E, sympy.EulerGamma)


_INDEX = sympy.Dummy("k")  # one index for the sums of both expressions compared


def _sum_terms(expr: sympy.Expr) -> sympy.Expr:
    """Every sum split over its body's terms, factors free of its index taken out, its index renamed: the
    sums of two members compare term by term."""
    index = _INDEX

    def split(s):
        (i, lo, hi), = s.limits
        out = sympy.S.Zero
        for t in sympy.Add.make_args(sympy.expand(sympy.expand_log(s.function, force=True))):
            free, bound = sympy.S.One, sympy.S.One
            for f in sympy.Mul.make_args(t):
                if f.has(i):
                    bound *= f
                else:
                    free *= f
            out += free * sympy.Sum(bound.xreplace({i: index}), (index, lo, hi))
        return out
    return expr.replace(lambda e: isinstance(e, sympy.Sum) and len(e.limits) == 1, split)


def _parts(expr: sympy.Expr) -> dict:
    """{transcendental part (a log, a Gamma, a sum, pi; 1 for none): its algebraic coefficient}, logs and
    sums split, every term expanded."""
    expanded = sympy.expand(_sum_terms(sympy.expand(sympy.expand_log(expr, force=True))))
    out: dict = {}
    for term in sympy.Add.make_args(expanded):
        algebraic, rest = sympy.S.One, sympy.S.One
        for factor in sympy.Mul.make_args(term):
            if _algebraic(factor):
                algebraic *= factor
            else:
                rest *= factor
        out[rest] = out.get(rest, 0) + algebraic
    return out


def _monomials(expr: sympy.Expr) -> dict:
    found: dict = {}
    for term in sympy.Add.make_args(sympy.expand(expr)):
        coefficient, monomial = term.as_coeff_Mul()
        found[monomial] = found.get(monomial, 0) + coefficient
    return found


def readds(term: sympy.Expr, member: sympy.Expr) -> bool:
    """The term, added to the member, changes one of the member's own terms rather than adding one it
    lacks: it takes back part of a log, a Gamma, a sum or a transcendental constant the member writes, or
    of a monomial of symbols the member writes, or it is minus one of its numbers (`x - x + |x|`, `3 - 3 + 3\\log 2`, a lost
    `2\\log\\Gamma(a)` after a written `-\\log\\Gamma(a)`). Such a fix only re-adds the residual."""
    added, written = _parts(term), _parts(member)
    if any(_takes_back(added[key], written[key]) for key in set(added) & set(written) - {sympy.S.One}):
        return True
    if sympy.S.One in added and sympy.S.One in written:
        ma, mw = _monomials(added[sympy.S.One]), _monomials(written[sympy.S.One])
        return any(_takes_back(ma[m], mw[m]) if m != 1 else ma[m] == -mw[m] for m in set(ma) & set(mw))
    return False


def _takes_back(added: sympy.Expr, written: sympy.Expr) -> bool:
    """An added coefficient that cancels the written one in whole or in part (a negative multiple of it), or
    changes it by other than a number. One of the same sign adds to a written term (`\\log 2 + H(q)`, whose
    entropy holds a `\\frac12\\log 2`), as an author may have lost it."""
    if sympy.cancel(added) == 0 or sympy.cancel(written) == 0:
        return False
    ratio = sympy.cancel(added / written)
    return not (ratio.is_number and ratio.is_positive)

