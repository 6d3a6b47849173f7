"""Where a member writes its names, and the scalar symbols an expression holds."""
from __future__ import annotations

import sympy
from lark import Tree

from . import fixes
from ..model.atoms import scalar_values
from ..latex.build import Builder, canonical
from ..latex.errors import ReadError
from ..model.names import Constant, NameTable, Scalar, Vector


def superscript_bases(tree: Tree) -> set[int]:
    """Where each base of a power starts in the source."""
    return {fixes.span(n.children[0])[0] for n in tree.iter_subtrees() if n.data == "superscript"}


def letter_words(tree: Tree, table: NameTable, overrides) -> dict[str, list[tuple[Tree, int]]]:
    """Where each one-letter scalar is written inside a word read letter by letter, as (word, index);
    not in a word raised to a power or given a factorial (`ah^2` is a times h squared)."""
    found: dict[str, list] = {}
    postfixed = {id(n.children[0]) for n in tree.iter_subtrees() if n.data in ("superscript", "factorial")}
    builder = Builder(table, overrides)
    for node in tree.iter_subtrees_topdown():
        if node.data != "word" or id(node) in postfixed or len(node.children[0].value) < 2:
            continue
        word = node.children[0].value
        meanings = [table.lookup(ch) for ch in word]
        if table.lookup(word) is not None or not all(isinstance(m, (Scalar, Constant)) for m in meanings):
            continue
        try:
            value = builder.expr(node)
        except (ReadError, TypeError, ValueError):
            continue
        if value != sympy.Mul(*(builder.meaning_value(m) for m in meanings)):
            continue  # the word means something else (a declared name, a known one)
        for k, (ch, meaning) in enumerate(zip(word, meanings)):
            if isinstance(meaning, Scalar) and not meaning.symbol.is_integer:
                found.setdefault(ch, []).append((node, k))
    return found


def parameter_names(tree: Tree, table: NameTable) -> list[tuple[str, sympy.Basic, list]]:
    """Each declared symbol of the member, with the name nodes where it is written, each once:
    a name written with a subscript or an accent (`\\sigma_\\theta`, `x_m`, `\\tilde{x}`) is one name,
    the names inside it are not written on their own, and a vector is written by its components `\\mu_i`
    (the whole component is what an edit replaces) or by its bare name."""
    names = []
    for key, nodes in sorted(_name_nodes(tree, table).items()):
        meaning = table.lookup(key)
        if isinstance(meaning, Scalar) and not meaning.symbol.is_integer:
            names.append((key, meaning.symbol, nodes))
        elif isinstance(meaning, Vector):
            names.append((key, meaning.base, nodes))
    return names


def _name_nodes(tree: Tree, table: NameTable) -> dict[str, list[Tree]]:
    """The nodes writing each declared scalar or vector, in the order written; a name's inside is not visited."""
    found: dict[str, list] = {}

    def visit(node):
        if not isinstance(node, Tree):
            return
        if node.data in ("word", "command", "accent", "font", "subscript"):
            key = canonical(node)
            if isinstance(table.lookup(key), (Scalar, Vector)):
                found.setdefault(key, []).append(node)
                return
            if node.data == "subscript" and isinstance(table.lookup(canonical(node.children[0])), Vector):
                found.setdefault(canonical(node.children[0]), []).append(node)
                return
        for child in node.children:
            visit(child)

    visit(tree)
    return found


def scalar_parameters(expr: sympy.Expr) -> list[sympy.Symbol]:
    """The expression's real scalar symbols, sorted: no vector label, integer or stand-in."""
    return sorted(scalar_values([expr]), key=str)
