"""Where in a member's parse tree an edit may go: its terms, inner places, exponents and KL."""
from __future__ import annotations

from lark import Tree


def additive_terms(tree: Tree):
    """Every (term, parent) where the term is added or subtracted, at any depth, and the lone
    content of every bracket (a sign slip there flips the whole bracket)."""
    for node in tree.iter_subtrees_topdown():
        if node.data == "body" and len(node.children) == 1 and isinstance(node.children[0], Tree) \
                and node.children[0].data not in ("add", "sub", "neg"):
            yield node.children[0], None
        elif node.data in ("add", "sub"):
            left, right = node.children[0], node.children[2]
            if not (isinstance(left, Tree) and left.data in ("add", "sub")):
                yield left, node
            yield right, node
        elif node.data == "neg":
            yield node.children[1], node


def argument_depths(tree: Tree) -> dict[int, int]:
    """{id(node): how many function arguments hold it}: a group after a function's name (`\\Gamma(a + b)`,
    `\\psi(a)`, `\\log(x)`) is an argument; a bracket that multiplies (`(a - 1)\\psi(a)`) is not."""
    depths: dict[int, int] = {}

    def walk(node, depth):
        depths[id(node)] = depth
        previous = None
        for child in node.children:
            if isinstance(child, Tree):
                argument = child.data == "group" and (node.data in ("fnrun", "app") or (
                    isinstance(previous, Tree) and previous.data in ("command", "word")))
                walk(child, depth + argument)
            previous = child
    walk(tree, 0)
    return depths


def inner_places(tree: Tree):
    """Where a term may be missing without adding to the member: the content of each bracket, of an
    absolute value, of a fraction's numerator or denominator and of an exponent, not the member's own sum. Subscripts and
    limits come too; a term added there makes no expression, which matches nothing."""
    for node in tree.iter_subtrees_topdown():
        if node is tree or node.data not in ("body", "brace_arg", "script_body", "abs"):
            continue
        content = [c for c in node.children if isinstance(c, Tree)]
        if len(content) == 1 and content[0] is not tree and len(node.children) <= 3:
            yield content[0]


def lone_exponents(tree: Tree):
    """Each exponent written as one term (`e^{\\beta x}`, `x^{2k}`), as a term with no parent: a sign
    or a factor slip may take the whole exponent (`e^{\\beta x}` for `e^{-\\beta x}`)."""
    for node in tree.iter_subtrees_topdown():
        if node.data == "script_body" and len(node.children) == 1 and isinstance(node.children[0], Tree) \
                and node.children[0].data not in ("add", "sub", "neg", "pos"):
            yield node.children[0], None


def power_of_exponent(tree: Tree, term) -> Tree | None:
    """The power whose whole exponent is `term` (`x^{2}` for the term 2), else None."""
    for node in tree.iter_subtrees_topdown():
        if node.data != "superscript":
            continue
        exponent = node.children[2]
        while exponent is not term and isinstance(exponent, Tree) and exponent.data in ("brace_script", "script_body"):
            exponent = next(c for c in exponent.children if isinstance(c, Tree))
        if exponent is term:
            return node
    return None


def kl_group(tree: Tree):
    """The bracket of the first KL written with `\\|` between its laws, else None."""
    for node in tree.iter_subtrees_topdown():
        if node.data == "group" and any(isinstance(c, Tree) and c.data == "body" and any(
                isinstance(s, Tree) and s.data == "body_sep" and s.children[0].type == "DBAR"
                for s in c.children) for c in node.children):
            return node
    return None


def contains(a, b) -> bool:
    """`b` is `a` or a node inside it."""
    return isinstance(a, Tree) and any(n is b for n in a.iter_subtrees())
