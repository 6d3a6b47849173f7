"""Formulas that state assumptions (`X \\sim \\mathcal{N}(\\mu, \\sigma^2)`, `\\mu \\in \\mathbb{R}^d`), compared with the front matter."""
from __future__ import annotations

from dataclasses import dataclass

import sympy
from lark import Token, Tree

from ..model.names import Vector
from ..model.quantities import DensityAt, Distribution
from .errors import ReadError
from .printing import author_latex
from .shapes import NAME_NODES, canonical, position


@dataclass(frozen=True)
class StatedPart:
    """One assumption of a statement: a law (`X \\sim p`) or a domain (`\\mu \\in \\mathbb{R}^d`).

    For a law, `agrees` says whether the front matter declares the same law on the variable
    (None: it declares none, or the statement names a law the front matter does not know), and
    `declared` the law it declares instead when it does not agree."""

    kind: str  # "law" or "domain"
    latex: str
    agrees: bool | None = None
    declared: str = ""
    law: Distribution | None = None  # the law stated, for a premise (`X \\sim p \\Rightarrow ...`)
    # a transform (`z = \\mu + \\sigma \\odot \\epsilon`): the variable drawn and its value, read component by component
    variable: object = None
    value: object = None


def stated_parts(builder, tree: Tree, text: str) -> tuple[StatedPart, ...]:
    """Each `stated_law` / `stated_domain` of a `statements` tree, read through the builder."""
    parts = []
    for node in tree.children:
        if not isinstance(node, Tree):
            continue
        latex = text[node.meta.start_pos : node.meta.end_pos]
        if node.data == "stated_domain":
            builder.build(node.children[0])  # the names it states a domain of must be declared
            parts.append(StatedPart("domain", latex))
        else:
            parts.append(_stated_law(builder, node, latex))
    return tuple(parts)


def _stated_law(builder, node: Tree, latex: str) -> StatedPart:
    kids = [k for k in node.children if not (isinstance(k, Token) and k.type in ("COLON", "SIM"))]
    named, lhs, rhs = (kids[0], kids[1], kids[2]) if len(kids) == 3 else (None, kids[0], kids[1])
    value = builder.build(lhs)
    declared = _declared_laws(builder, named, value)
    variable = _variable(value, lhs)
    stated = builder.law(rhs, variable)
    if stated.variable != variable:
        raise ReadError("V109", position(rhs), problem=f"`{canonical(lhs)}` is not the variable of `{canonical(rhs)}`")
    if not declared:
        return StatedPart("law", latex, law=stated)
    if any(_same_law(stated, law) for law in declared):
        return StatedPart("law", latex, agrees=True, law=stated)
    return StatedPart("law", latex, agrees=False, declared=_law_text(sorted(declared, key=str)[0]), law=stated)


def _variable(value, lhs):
    """The variable a law is stated of: `X` (the capital of a law's `x`), `x`, or the point of `p(x)`."""
    if isinstance(value, DensityAt):
        return value.distribution.variable
    if isinstance(value, Vector):
        return value.base
    if isinstance(value, (sympy.Symbol, sympy.IndexedBase)):
        return value
    raise ReadError("V109", position(lhs), problem=f"`{canonical(lhs)}` is not a random variable to state a law of")


def _declared_laws(builder, named, value) -> set:
    """The laws the front matter declares for this statement: the one it names (`P:` or `P(x)`),
    else every law declared on its variable."""
    key = canonical(named) if named is not None else None
    if key is not None:
        decls = builder.table.distributions.get(key) or builder.table.distributions.get(key.lower())
        if decls:
            return {d.distribution for d in decls}
        return set()
    if isinstance(value, DensityAt):
        return {value.distribution}
    point = value.base if isinstance(value, Vector) else value
    return builder.laws_on(point)


def _same_law(a: Distribution, b: Distribution) -> bool:
    if a.variable != b.variable or a.family.name != b.family.name or len(a.family.params) != len(b.family.params):
        return False
    for x, y in zip(a.family.params, b.family.params):
        if x == y:
            continue
        try:
            if sympy.simplify(x - y) != 0:
                return False
        except (TypeError, AttributeError, ArithmeticError):  # a matrix against a scalar: not the same law
            return False
    return True


def _law_text(law: Distribution) -> str:
    params = ", ".join(author_latex(p) for p in law.family.params)
    return f"{law.label or 'a law'}: {law.family.name}({params})"


def transform_statement(builder, chain: Tree, text: str) -> StatedPart | None:
    """`z = \\mu + \\sigma \\odot \\epsilon`, `x_0 = (x_t - \\sqrt{1 - \\bar\\alpha_t}\\epsilon)/\\sqrt{\\bar\\alpha_t}`: a random
    variable (one a law is declared on, or one a law is conditioned on) set to an expression not of itself
    states how it is drawn or what it is (a reparameterisation, a rearrangement), never an identity true at
    every value of it. None for any other formula, which is then read as a claim."""
    sides = [c for c in chain.children if not (isinstance(c, Tree) and c.data == "rel")]
    relations = [c for c in chain.children if isinstance(c, Tree) and c.data == "rel"]
    if len(sides) != 2 or relations[0].children[0].type != "EQ":
        return None
    left = sides[0]
    while isinstance(left, Tree) and left.data == "juxt" and len(left.children) == 1:
        left = left.children[0]
    named = isinstance(left, Tree) and left.data in NAME_NODES + ("subscript", "superscript")
    meaning = builder.lookup(canonical(left)) if named else None
    variable = meaning.base if isinstance(meaning, Vector) else getattr(meaning, "symbol", None)
    whole = variable
    if variable is None and named and left.data == "subscript":  # z_i = \mu_i + \sigma_i \epsilon_i: a component
        try:
            variable = builder.build(left)
        except ReadError:
            return None
        whole = variable.base if isinstance(variable, sympy.Indexed) else None
    if whole is None or not (builder.laws_on(whole) or whole in builder.table.conditioned_on()):
        return None  # not a random variable: the formula is a claim
    builder.elementwise += 1
    try:
        value = builder.expr(sides[1])
    except ReadError:
        return None  # read as a claim, which reports the error
    finally:
        builder.elementwise -= 1
    atoms = value.free_symbols | value.atoms(sympy.IndexedBase) | value.atoms(sympy.Indexed)
    if variable in atoms:
        return None
    return StatedPart("transform", text[chain.meta.start_pos : chain.meta.end_pos], variable=variable, value=value)


def equated_law(builder, chain: Tree, text: str) -> StatedPart | None:
    """`p(z) = \\mathcal{N}(0, I)`, `p = \\mathcal{N}(\\mu_1, \\sigma_1^2)`: a density (or a law's name) equated with a
    family written with no variable names the law, as `\\sim` does: a statement, compared with the front
    matter. None for any other formula."""
    sides = [c for c in chain.children if not (isinstance(c, Tree) and c.data == "rel")]
    relations = [c for c in chain.children if isinstance(c, Tree) and c.data == "rel"]
    if len(sides) != 2 or relations[0].children[0].type != "EQ":
        return None
    lhs, rhs = sides
    try:
        family = builder.law_value(rhs)
        value = builder.build(lhs)
    except ReadError:
        return None
    if getattr(family, "variable", True) is not None or getattr(family, "spec", None) is None:
        return None  # a family with its variable written is a density, a number: the formula is a claim
    decls = getattr(value, "decls", None)
    if decls is not None:  # `p` alone: the law of its one declaration
        if len(decls) != 1:
            return None
        value = DensityAt(decls[0].distribution, decls[0].distribution.variable)
    if not isinstance(value, DensityAt):
        return None
    variable = value.distribution.variable
    stated = builder.law(rhs, variable)
    latex = text[chain.meta.start_pos : chain.meta.end_pos]
    if _same_law(stated, value.distribution):
        return StatedPart("law", latex, agrees=True, law=stated)
    return StatedPart("law", latex, agrees=False, declared=_law_text(value.distribution), law=stated)
