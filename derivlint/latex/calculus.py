"""Calculus as notes write it: the variable of an evaluation bar, differentials of an expression, a component's slope."""
from __future__ import annotations

import sympy
from lark import Token, Tree
from sympy.core.function import AppliedUndef

from ..model.names import NameTable, Scalar
from ..model.quantities import Quantity
from .errors import ReadError
from .shapes import NAME_NODES, canonical, decoration, is_node, position, script_pieces

SIGNS = ("neg", "pos")


def check_bar_scope(tree: Tree) -> None:
    """`a + b \\Big|_0^1`: the bar closes b for some readers and a + b for others, so the tool takes neither.
    A bar after a term that its own bar closes (`F\\Big|_0^1 + G\\Big|_0^1`) is read term by term."""
    right = unsigned(tree.children[2])
    if not is_node(right, "evaluated"):
        return
    left = tree.children[0]
    before = unsigned(left.children[2] if isinstance(left, Tree) and left.data in ("add", "sub") else left)
    if not is_node(before, "evaluated"):
        raise ReadError("V110", position(right.children[1]), problem=(
            "an evaluation bar after a sum: it may close the last term or the whole sum; "
            "write brackets, (a + b)\\Big|_{0}^{1}, or \\left. a + b \\right|_{0}^{1}"))


def unsigned(tree):
    while isinstance(tree, Tree) and tree.data in SIGNS:
        tree = tree.children[1]
    return tree


def named_bound(lower) -> tuple[Tree | None, Tree]:
    """`_{x=a}`: the variable a bar names and its lower bound; (None, lower) when it names none."""
    pieces, seps = script_pieces(lower)
    if seps == ["="] and len(pieces) == 2:
        return pieces[0], pieces[1]
    if seps:
        raise ReadError("V109", position(lower), problem="write an evaluation bar's lower bound as a or x=a")
    return None, lower


def is_variable_tree(tree) -> bool:
    """`dx`, `d\\mu_1`, `d\\theta^*`: a differential of a name, as opposed to one of an expression (`d e^{-x^2}`)."""
    while is_node(tree, "subscript"):
        tree = tree.children[0]
    if is_node(tree, "superscript") and decoration(tree) is not None:
        tree = tree.children[0]
    return isinstance(tree, Tree) and tree.data in NAME_NODES


def integrated_keys(tree) -> set[str]:
    """The names integrated over in a formula (`dx`, `\\int_x`): an integration by parts is in one of them."""
    keys = set()
    for node in tree.iter_subtrees() if isinstance(tree, Tree) else ():
        if node.data == "integral" and is_variable_tree(node.children[4]):
            keys.add(canonical(node.children[4]))
        elif node.data == "integral_over" and node.children[1].children:
            keys.add(canonical(node.children[1].children[1]))
    return keys


def parameters(table: NameTable) -> set:
    """What a bar or a differential never runs over: the parameters of the declared laws (not their variables)
    and the note's `parameters:`."""
    variables = {d.point_value for decls in table.distributions.values() for d in decls}
    found = set(table.parameters or ())
    for decls in table.distributions.values():
        for decl in decls:
            found |= decl.distribution.family.free_symbols
    return found - variables


def variable_of(expr, integrated: set, table: NameTable, tree, what: str):
    """The one variable of expr, as a reader finds it: among the names integrated over in the formula when one
    of them is in expr, else the one real symbol of expr that is not a parameter. None found, or several: V109."""
    free = sorted((s for s in expanded(expr, table).free_symbols
                   if isinstance(s, sympy.Symbol) and s.is_integer is not True), key=str)
    among = [s for s in free if s in integrated]
    candidates = among or [s for s in free if s not in parameters(table)]
    if len(candidates) == 1:
        return candidates[0]
    found = f"among {', '.join(f'`{s}`' for s in candidates)}" if candidates else "(it has no variable)"
    raise ReadError("V109", position(tree), problem=f"{what}: cannot tell the variable it runs over {found}")


def expanded(expr, table: NameTable, depth: int = 0):
    """expr with the functions the note defines written out: their variables are expr's."""
    definitions = table.definitions()
    if depth > 10 or not expr.atoms(AppliedUndef):
        return expr
    out = expr.replace(lambda e: isinstance(e, AppliedUndef) and e.func in definitions,
                       lambda e: definitions[e.func].expand(e.args))
    return expr if out == expr else expanded(out, table, depth + 1)


def declared_d(diff: Token, table: NameTable) -> bool:
    """A plain `d` that the note declares (a dimension): `d(x^2)` may then be d times x^2."""
    return diff.value == "d" and table.lookup("d") is not None


def derivative(g, x, table: NameTable):
    """g'(x): written out, except that of a function the note defines, which the reference takes once it has
    written the definition out (as it does for \\frac{d}{dx})."""
    if any(e.func in table.definitions() for e in g.atoms(AppliedUndef)):
        return sympy.Derivative(g, (x, 1))
    return sympy.diff(g, x)


def variable_meaning(x, table: NameTable) -> tuple[str, Scalar]:
    """The name and the Scalar of the variable an integral runs over: as declared, or as x is named."""
    found = next(((k, m) for k, m in table.names.items() if isinstance(m, Scalar) and m.symbol == x), None)
    return found if found is not None else (x.name, Scalar(x))


def component_derivative(body: sympy.Expr, component: sympy.Indexed, order: int) -> sympy.Expr | None:
    """`\\frac{dJ}{d\\hat y_i}` of a body that holds the vector only at that component, outside any sum, integral
    or quantity: its slope in that one variable, taken at once. None otherwise: a sum over j of \\hat y_j would
    need i = j, true only for i in 1..d, which no point knows."""
    if not isinstance(body, sympy.Expr) or body.has(Quantity) or \
            body.has(sympy.Sum, sympy.Product, sympy.Integral, sympy.Derivative, AppliedUndef):
        return None
    slot = sympy.Dummy("component", real=True)
    alone = body.xreplace({component: slot})
    if alone.has(component.base) or alone.has(component.base.label):
        return None  # the vector at another index (\\hat y_j, maybe i), or whole: no slope in one variable
    return sympy.diff(alone, slot, order).xreplace({slot: component})
