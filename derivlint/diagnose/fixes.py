"""Edits to the author's LaTeX: the corrected member in their own order and notation, marked."""
from __future__ import annotations

import re
from dataclasses import dataclass

import sympy
from lark import Token, Tree

from ..model.findings import Fix
from ..latex.printing import author_latex, bracketed

MARK = "\\fixmark{%s}"


@dataclass(frozen=True)
class Edit:
    """Replace text[start:end) of the member by `new`; `marked` is what the report highlights."""

    start: int
    end: int
    new: str
    marked: str | None = None


def apply(source: str, base: int, lo: int, hi: int, edits: list[Edit]) -> Fix:
    """source[lo:hi] (one member of a formula) with the edits applied; `base` is source's note offset."""
    plain, marked, last = [], [], lo
    for edit in sorted(edits, key=lambda e: e.start):
        plain += [source[last:edit.start], edit.new]
        marked += [source[last:edit.start], MARK % (edit.marked if edit.marked is not None else edit.new)]
        last = edit.end
    plain.append(source[last:hi])
    marked.append(source[last:hi])
    return Fix("".join(plain).strip(), "".join(marked).strip(), base + lo, base + hi)


def span(node) -> tuple[int, int]:
    if isinstance(node, Token):
        return node.start_pos, node.end_pos
    return node.meta.start_pos, node.meta.end_pos


def text_of(source: str, node) -> str:
    start, end = span(node)
    return source[start:end]


def flip_sign(source: str, term, parent) -> Edit:
    """`a + t` -> `a - t`, `a - t` -> `a + t`, `-t` -> `t`, a leading `t` -> `-t`."""
    body = text_of(source, term)
    if isinstance(term, Tree) and term.data == "neg":  # `-1` flipped is `1`, not `-(-1)`
        start, end = span(term)
        return Edit(start, end, text_of(source, term.children[1]))
    if isinstance(parent, Tree) and parent.data in ("add", "sub") and parent.children[2] is term:
        op = parent.children[1]
        sign = "-" if parent.data == "add" else "+"
        return Edit(op.start_pos, span(term)[1], f"{sign} {body}")
    if isinstance(parent, Tree) and parent.data in ("neg", "pos"):
        start, end = span(parent)
        sign = "" if parent.data == "neg" else "-"
        return Edit(start, end, f"{sign}{body}")
    start, end = span(term)
    return Edit(start, end, f"-{body}" if _atomic(term) else f"-{bracketed(body)}")


def droppable(parent) -> bool:
    """A term can be dropped where it is added or subtracted: dropping the lone content of a bracket
    or an argument leaves `()`, and the operand of a minus leaves `-` (the minus and its operand are
    one term, dropped together)."""
    return isinstance(parent, Tree) and parent.data in ("add", "sub")


def drop_term(source: str, term, parent) -> Edit:
    """Remove a term with the operator before it (or after it, when it comes first)."""
    if isinstance(parent, Tree) and parent.data in ("add", "sub") and parent.children[2] is term:
        start = parent.children[1].start_pos
        return Edit(start, span(term)[1], "", "")
    start, end = span(term)
    rest = source[end:].lstrip()
    skip = len(source[end:]) - len(rest) + (1 if rest[:1] == "+" else 0)
    return Edit(start, end + skip, "", "")


def scale_term(source: str, term, factor: sympy.Rational) -> Edit:
    """Multiply a term by a constant, folding it into a leading numeric coefficient when there is one."""
    start, end = span(term)
    body = source[start:end]
    first = leading_coefficient(term)
    if first is not None:
        old = _value_of(first)
        new = old * factor
        cs, ce = span(first)
        rest = source[ce:end].lstrip()
        coefficient = rational_latex(new)
        glue = "" if coefficient in ("", "-") else " "
        return Edit(start, end, f"{coefficient}{glue}{rest}")
    glue = " \\cdot " if body[:1].isdigit() else " "  # `2 1` would read as 21
    return Edit(start, end, f"{rational_latex(factor)}{glue}{body}" if _atomic(term) else
                f"{rational_latex(factor)}{bracketed(body)}")


def rational_latex(value: sympy.Rational) -> str:
    if value == 1:
        return ""
    if value == -1:
        return "-"
    if value.is_Integer:
        return str(value)
    sign = "-" if value < 0 else ""
    return f"{sign}\\frac{{{abs(value.p)}}}{{{value.q}}}"


def append_term(end: int, expr: sympy.Expr, symbol_names: dict) -> Edit:
    """A missing term, written by SymPy in the note's names, added at the end of the member."""
    latex = author_latex(expr, symbol_names=symbol_names)
    sign = "-" if latex.startswith("-") else "+"
    latex = latex[1:].strip() if latex.startswith("-") else latex
    return Edit(end, end, f" {sign} {latex}", f"{sign} {latex}")


def name_replaced(source: str, start: int, end: int, new: str) -> Edit:
    """Source[start:end), a written name, replaced by `new`, kept apart from a command before it or
    a letter after it (`\\cdot a`, `\\mu a`, not `\\cdota`, `\\mua`). A command is kept apart from
    a name written right after it too: another edit may turn that name into letters (`b\\mu` swapped)."""
    if new[:1].isalpha() and re.search(r"\\[A-Za-z]+$", source[:start]):
        new = " " + new
    if re.search(r"\\[A-Za-z]+$", new) and (source[end:end + 1].isalpha() or source[end:end + 1] == "\\"):
        new += " "
    return Edit(start, end, new)


def prepend_term(start: int, expr: sympy.Expr, symbol_names: dict) -> Edit:
    """A missing positive term written before a place that opens with a minus: `1 - \\theta`, not `- \\theta + 1`."""
    latex = author_latex(expr, symbol_names=symbol_names)
    return Edit(start, start, f"{latex} ", latex)


def _atomic(term) -> bool:
    return not (isinstance(term, Tree) and term.data in ("add", "sub", "neg", "pos"))


def leading_coefficient(term):
    node = term
    if isinstance(node, Tree) and node.data == "juxt" and len(node.children) > 1:
        first = node.children[0]
        if isinstance(first, Tree) and (first.data == "number" or (
                first.data == "frac" and _value_of(first) is not None)):
            return first
    return None


def _value_of(node):
    if node.data == "number":
        whole, _, frac = node.children[0].value.partition(".")
        return sympy.Integer(int(whole)) + (sympy.Rational(int(frac), 10 ** len(frac)) if frac else 0)
    num, den = node.children[1], node.children[2]
    values = [_plain_number(a) for a in (num, den)]
    return None if None in values else sympy.Rational(values[0], values[1])


def _plain_number(arg):
    node = arg
    while isinstance(node, Tree) and node.data in ("brace_arg", "juxt") and len(
            [c for c in node.children if isinstance(c, Tree)]) == 1:
        node = next(c for c in node.children if isinstance(c, Tree))
    if isinstance(node, Tree) and node.data == "number" and "." not in node.children[0].value:
        return int(node.children[0].value)
    return None
