"""What a parse tree's shape says: a node's position and canonical name, and the shapes the builder asks about."""
from __future__ import annotations

from lark import Token, Tree

from .errors import ReadError

UPRIGHT_FONTS = {"\\mathrm", "\\text", "\\textrm", "\\textit", "\\operatorname", "\\operatorname*", "\\mathit"}
ACCENT_NAMES = {"\\widetilde": "\\tilde", "\\widehat": "\\hat", "\\overline": "\\bar"}
POSTFIX = ("subscript", "superscript", "factorial")
NAME_NODES = ("word", "command", "font", "accent")


def position(node) -> int:
    if isinstance(node, Token):
        return node.start_pos or 0
    meta = node.meta
    return 0 if meta.empty else meta.start_pos


def canonical(node) -> str:
    """The text of a name, normalised: `\\sigma_\\theta` and `\\sigma_{\\theta}` agree."""
    if isinstance(node, Token):
        return node.value
    kids = [c for c in node.children if not (isinstance(c, Token) and c.type in ("LBRACE", "RBRACE"))]
    if node.data == "font":
        font, body = node.children[0].value, canonical(node.children[2])
        return body if font in UPRIGHT_FONTS else f"{font}{{{body}}}"
    if node.data == "accent":
        accent = ACCENT_NAMES.get(node.children[0].value, node.children[0].value)
        return f"{accent}{{{canonical(kids[-1])}}}"
    if node.data in ("subscript", "text_sub"):
        return f"{canonical(node.children[0])}_{{{canonical(node.children[2])}}}"
    if node.data == "superscript" and decoration(node) is not None:
        return f"{canonical(node.children[0])}^{{{decoration(node)}}}"
    if node.data == "brace_script":
        return canonical(node.children[1])
    return join_names(canonical(c) for c in kids)


def join_names(parts) -> str:
    out = ""
    for part in parts:
        if out and part and out[-1].isalpha() and part[0].isalpha():
            out += " "
        out += part
    return out


def family_head(tree) -> Tree | None:
    """The name of `Name(...)` or `\\mathrm{Name}[...]`: what a family written in place looks like."""
    if isinstance(tree, Tree) and tree.data == "juxt" and len(tree.children) == 2:
        head, args = tree.children
        if (isinstance(head, Tree) and head.data in ("word", "command", "font")
                and isinstance(args, Tree) and args.data == "group"):
            return head
    return None


def braced_name(tree) -> Tree | None:
    """The name in `{z}`: braces around one name change nothing in TeX."""
    if isinstance(tree, Tree) and tree.data == "group" and tree.children[0].type == "LBRACE":
        body = tree.children[1]
        if len(body.children) == 1 and body.children[0].data == "juxt" and len(body.children[0].children) == 1:
            inner = body.children[0].children[0]
            if isinstance(inner, Tree) and inner.data in NAME_NODES:
                return inner
    return None


def double_script(tree: Tree, kind: str) -> None:
    """`a^b^c` and `a_1_2`: TeX refuses them (double superscript); reading (a^b)^c would be a guess."""
    base = tree.children[0]
    if isinstance(base, Tree) and base.data in ("subscript", "superscript") and base.data != kind:
        base = base.children[0]  # `a_1^2_3`: the first script may stand on either side
    if isinstance(base, Tree) and base.data == kind:
        raise ReadError("V106", position(tree.children[1]), problem=(
            f"a double {kind}: TeX refuses it; group with braces, as in {{a^b}}^c or a^{{b^c}}"))


def looks_like_family(head: Tree) -> bool:
    """`\\mathrm{Weibull}`, `\\mathcal{W}` or `Weibull` may be a family; `p` or `\\phi` is a name."""
    return head.data == "font" or (head.data == "word" and len(head.children[0].value) > 1)


def semicolon_law(tree) -> bool:
    """`Name(x; a, b)`: the semicolon marks a family with its variable."""
    if family_head(tree) is None:
        return False
    body = next(c for c in tree.children[1].children if isinstance(c, Tree))
    return any(k.data == "body_sep" and k.children[0].type == "SEMI" for k in body.children)


def is_number(item) -> bool:
    return isinstance(item, Tree) and item.data == "number"


def split_postfix(item) -> tuple[Tree | None, list]:
    """`(x)^2` after a function name: the bracket is the argument, the power is the result's."""
    ops = []
    node = item
    while isinstance(node, Tree) and node.data in POSTFIX:
        ops.append(node)
        node = node.children[0]
    if isinstance(node, Tree) and node.data == "group":
        return node, list(reversed(ops))
    return None, []


def script_pieces(script) -> tuple[list, list[str]]:
    """A subscript's parts and separators: `i=1` -> ([i, 1], ['='])."""
    if isinstance(script, Tree) and script.data == "brace_script":
        pieces, seps = [], []
        for kid in script.children[1].children:
            if kid.data == "script_sep":
                seps.append(kid.children[0].value)
            else:
                pieces.append(kid)
        return pieces, seps
    return [script], []


def is_node(node, data: str) -> bool:
    return isinstance(node, Tree) and node.data == data


def decoration(node) -> str | None:
    """What a superscript written on a name to make another name says: `*` (\\theta^*, the optimum),
    `(i)` (x^{(i)}, the i-th example), `\\prime`; None for a power."""
    exponent = node.children[2]
    if not (isinstance(exponent, Tree) and node.children[0].data in NAME_NODES + ("subscript",)):
        return None
    if exponent.data == "star_script":
        return "*"
    if exponent.data == "command" and exponent.children[0].value in ("\\star", "\\ast", "\\prime"):
        return exponent.children[0].value
    if exponent.data == "brace_script":
        body = exponent.children[1]
        items = body.children[0].children if len(body.children) == 1 and body.children[0].data == "juxt" else []
        if len(items) == 1 and is_node(items[0], "group") and items[0].children[0].type == "LPAR":
            inner = next(c for c in items[0].children if isinstance(c, Tree))
            return f"({canonical(inner)})"
        if len(items) == 1 and is_node(items[0], "command") and items[0].children[0].value in ("\\star", "\\prime"):
            return items[0].children[0].value
    return None
