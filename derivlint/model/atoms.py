"""Which atoms of an expression take a value: each choice named once, by what it returns."""
from __future__ import annotations

import sympy

from .quantities import Distribution, Entropy, Expectation, KLDivergence, Quantity, VectorIntegral

BINDING = (KLDivergence, Entropy, Expectation, VectorIntegral, sympy.Integral)  # quantities that bind a variable


def vector_labels(expr) -> set:
    """The Symbols naming vector bases: free_symbols lists them, but they take no value."""
    return {b.label for b in expr.atoms(sympy.IndexedBase)}


def named_symbols(expr) -> set:
    """Free Symbols but vector labels (integers and Dummy stand-ins included)."""
    return {s for s in expr.free_symbols - vector_labels(expr) if isinstance(s, sympy.Symbol)}


def symbols_but_stand_ins(expr) -> set:
    """Free Symbols but Dummy stand-ins (vector labels and integers included)."""
    return {s for s in expr.free_symbols if isinstance(s, sympy.Symbol) and not isinstance(s, sympy.Dummy)}


def names_used(expr) -> set:
    """Named symbols and vector bases: what a set of parameters is compared with."""
    return named_symbols(expr) | expr.atoms(sympy.IndexedBase)


def symbols_and_components(expr) -> set:
    """Named symbols and every vector component, symbolic indices too: what a bound may depend on."""
    return named_symbols(expr) | expr.atoms(sympy.Indexed)


def scalar_values(exprs) -> set:
    """Named symbols that are neither integers (they are set, not drawn) nor Dummy stand-ins."""
    return {s for e in exprs for s in named_symbols(e) if not s.is_integer and not isinstance(s, sympy.Dummy)}


def scalars_apart_from_vectors(exprs) -> set:
    """scalar_values less every name that labels a vector in any of the expressions, not only its own."""
    return scalar_values(exprs) - set().union(*(vector_labels(e) for e in exprs))


def non_integer_vectors(exprs) -> set:
    """Vector bases not declared integer: the vector counterpart of scalar_values."""
    return {b for e in exprs for b in e.atoms(sympy.IndexedBase) if not b.is_integer}


def scalars_and_components(expr) -> set:
    """scalar_values and every vector component, symbolic indices too: what a scipy law's parameters use."""
    return scalar_values([expr]) | expr.atoms(sympy.Indexed)


def point_values(exprs) -> set:
    """A point's atoms once the integers are set: non-integer named symbols, Dummies too, and numeric components."""
    atoms = set()
    for e in exprs:
        atoms |= {s for s in named_symbols(e) if not s.is_integer}
        atoms |= {ix for ix in e.atoms(sympy.Indexed) if all(i.is_Integer for i in ix.indices)}
    return atoms


def free_values(exprs, dimensions: dict) -> set:
    """scalar_values and the components of vectors sized by `dimensions`, unless a quantity only binds them."""
    atoms = set()
    for e in exprs:
        bound = bound_variables(e)
        visible = outside_quantities(e)
        atoms |= {s for s in scalar_values([e]) if s not in bound or visible.has(s)}
        for base in e.atoms(sympy.IndexedBase):
            if base in bound and not visible.has(base) and not any(
                    ix.base == base for ix in visible.atoms(sympy.Indexed)):
                continue
            n = dimensions.get(base)
            if n is not None and n.is_Integer:
                atoms |= {base[k] for k in range(1, int(n) + 1)}
    return atoms


def integer_symbols(exprs) -> set:
    """Integer named symbols (Dummy stand-ins included)."""
    return {s for e in exprs for s in named_symbols(e) if s.is_integer}


def integer_settings(exprs) -> set:
    """Integer named symbols but Dummy stand-ins: what a setting fixes before the draw."""
    return {s for s in integer_symbols(exprs) if not isinstance(s, sympy.Dummy)}


def free_integers(exprs) -> set:
    """integer_settings free in some expression, not only bound by a quantity (a Poisson's k in E[log k!])."""
    return {s for s in integer_settings(exprs) if any(
        e.has(s) and (s not in bound_variables(e) or outside_quantities(e).has(s)) for e in exprs)}


def free_integers_each(exprs) -> set:
    """free_integers of each expression alone: a k bound by E in one, summed over in another, is not one."""
    return set().union(*(free_integers([e]) for e in exprs))


def bound_variables(expr) -> set:
    """The variables a KL, H, E, vector integral or integral binds, whether or not they also occur free."""
    bound = set()
    for q in expr.atoms(Quantity):
        if isinstance(q, (KLDivergence, Entropy)):
            bound.add(q.args[0].variable)
        elif isinstance(q, Expectation):
            bound.add(q.distribution.variable)
        elif isinstance(q, VectorIntegral):
            bound.add(q.args[1])
    bound |= {lim[0] for i in expr.atoms(sympy.Integral) for lim in i.limits}
    return bound


def outside_quantities(expr):
    """The expression with every quantity that binds a variable replaced by 0."""
    def strip(e):
        if isinstance(e, BINDING):
            return sympy.Integer(0)
        if not e.args or isinstance(e, (sympy.Indexed, Distribution)):
            return e
        return e.func(*[strip(a) for a in e.args])
    return strip(expr)
