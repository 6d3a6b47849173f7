"""Read LaTeX formulas into SymPy: parse (lark), then build through the context; errors, never guesses."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import sympy
from lark import Lark, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from ..model.names import NameTable
from .build import Builder
from .shapes import canonical, decoration
from .errors import ReadError
from .postlex import TexPostLexer
from .statements import StatedPart, equated_law, stated_parts, transform_statement

MAX_FORMULA_LENGTH = 20_000  # a longer "formula" is a missing closing delimiter, not maths

TERMINAL_NAMES = {
    "WORD": "a name", "CMD": "a command", "NUMBER": "a number", "PLUS": "`+`", "MINUS": "`-`",
    "LPAR": "`(`", "RPAR": "`)`", "LBRACK": "`[`", "RBRACK": "`]`", "LBRACE": "`{`", "RBRACE": "`}`",
    "EQ": "`=`", "DIFF": "a differential such as dz", "SUB": "`_`", "SUP": "`^`", "COMMA": "`,`",
    "$END": "the end of the formula", "RIGHT": "`\\right`", "FRAC": "`\\frac`", "BAR": "`|`",
    "RVERT": "`\\rvert`", "RCURLY": "`\\}`", "SEMI": "`;`", "DBAR": "`\\|`",
    "LNORM": "`\\|` (a norm)", "RNORM": "`\\|` (a norm's end)",
    "DOPERATOR": "a derivative such as \\frac{d}{dx}", "DFRAC": "a derivative such as \\frac{df}{dx}",
    "EVALBAR": "an evaluation bar such as \\Big|_{a}^{b}", "REVALBAR": "`\\right|` closing `\\left.`",
}


@dataclass(frozen=True)
class Member:
    """One side of a relation: its SymPy value, where it stands, and its parse tree.

    `start` and `end` are offsets in the text read (in the note, once the claim places it); the
    tree's own positions are those of `source`, the formula text it was parsed from, which starts
    at `base` in the same coordinates as `start`. Later stages (the diagnosis, the mutation
    campaign) edit the member through its tree instead of parsing it again.

    When `source` is not the note's own text (the note's macros expanded in it), `origins` holds the
    note offset of each of its characters; `base + position` then still counts in `source` from the
    member's start, so that `end - start` is the length of `latex` and an edit is spliced into it.
    """

    value: Any
    latex: str
    start: int
    end: int
    tree: Tree | None = field(default=None, compare=False, repr=False)
    source: str = field(default="", compare=False, repr=False)
    base: int = 0
    origins: tuple[int, ...] | None = field(default=None, compare=False, repr=False)

    def place(self, position: int) -> int:
        """The note offset of a position in `source`."""
        if self.origins is None:
            return self.base + position
        return self.origins[max(0, min(position, len(self.origins) - 1))]


@dataclass(frozen=True)
class Reading:
    """A chain read from a formula: members[k] relations[k] members[k+1]."""

    members: tuple[Member, ...]
    relations: tuple[str, ...]
    relation_positions: tuple[int, ...]


@dataclass(frozen=True)
class Statement:
    """A formula that states assumptions (laws, domains) instead of claiming a relation."""

    parts: tuple[StatedPart, ...]


@lru_cache(maxsize=1)
def parser() -> Lark:
    grammar = resources.files(__package__).joinpath("grammar.lark").read_text()
    return Lark(grammar, parser="lalr", lexer="basic", postlex=TexPostLexer(),
                propagate_positions=True, start=["start", "continuation", "name_only", "signature"],
                cache=True)  # the LALR tables take ~0.3 s to build; lark keys its cache on the grammar


def parse(text: str, start: str = "start") -> Tree:
    """The parse tree, or a ReadError saying where and what was expected."""
    if len(text) > MAX_FORMULA_LENGTH:
        raise ReadError("V106", 0, problem=f"the formula is {len(text)} characters long (limit {MAX_FORMULA_LENGTH})")
    try:
        tree = parser().parse(text, start=start)
    except UnexpectedInput as error:
        raise syntax_error(error, text) from None
    except RecursionError:
        raise too_deep() from None
    if tree.data == "lone_item":  # `x,`: the grammar shifts the comma (for `\theta^*, \phi^* = ...`); the same chain
        item, comma = tree.children
        juxt = Tree("juxt", [item], item.meta if isinstance(item, Tree) else None)
        if not isinstance(item, Tree):
            juxt = Tree("juxt", [item])
            juxt.meta.start_pos, juxt.meta.end_pos = item.start_pos, item.end_pos
        return Tree("start", [Tree("chain", [juxt], juxt.meta), comma], tree.meta)
    return tree


def too_deep() -> ReadError:
    return ReadError("V106", 0, problem="the formula is nested too deeply to read")


def syntax_error(error: UnexpectedInput, text: str) -> ReadError:
    if isinstance(error, UnexpectedCharacters):
        return ReadError("V106", error.pos_in_stream, problem=f"unexpected character `{text[error.pos_in_stream]}`")
    expected = sorted({TERMINAL_NAMES.get(t, t.lower()) for t in getattr(error, "expected", ()) or ()})
    wanted = "; expected " + ", ".join(expected[:8]) + (" ..." if len(expected) > 8 else "") if expected else ""
    if isinstance(error, UnexpectedEOF) or (isinstance(error, UnexpectedToken) and error.token.type == "$END"):
        return ReadError("V106", len(text.rstrip()), problem="the formula ends too early" + wanted)
    token = error.token
    return ReadError("V106", token.start_pos or 0, problem=f"unexpected `{token.value}`" + wanted)


def read_chain(text: str, table: NameTable, overrides: dict | None = None) -> Reading | Statement:
    """Read a whole formula (a chain of relations, or a statement of assumptions)."""
    tree = parse(text, "start")
    if tree.children[0].data == "statements":
        return _guarded(lambda b: Statement(stated_parts(b, tree.children[0], text)), table, overrides, text=text)
    for statement in (transform_statement, equated_law):
        part = _guarded(lambda b: statement(b, tree.children[0], text), table, overrides, text=text)
        if part is not None:
            return Statement((part,))
    return _guarded(lambda b: _reading(b, tree.children[0], text), table, overrides, text=text)


def read_continuation(text: str, table: NameTable, overrides: dict | None = None) -> Reading:
    """Read a formula that starts with a relation and carries on the chain before it."""
    tree = parse(text, "continuation")
    return _guarded(lambda b: _reading(b, tree, text), table, overrides, text=text)


def read_chain_parts(text: str, table: NameTable, overrides: dict | None, continuation: bool):
    """A chain read member by member: (members, relations, relation positions), where a member that
    cannot be built is its ReadError. A syntax error, or a statement, still fails the whole formula."""
    tree = parse(text, "continuation" if continuation else "start")
    chain = tree if continuation else tree.children[0]
    if chain.data == "statements":
        raise ReadError("V106", 0, problem="a statement of a law cannot be read in parts")

    def build(builder):
        members, relations = builder.chain(chain, partial=True)
        return ([value if isinstance(value, ReadError) else
                 Member(value, text[t.meta.start_pos : t.meta.end_pos], t.meta.start_pos, t.meta.end_pos, t, text)
                 for value, t in members],
                [r for r, _ in relations], [tok.start_pos for _, tok in relations])

    return _guarded(build, table, overrides, text=text)


def read_expression(text: str, table: NameTable, builder: Builder | None = None) -> Any:
    """Read one expression (a definition's body, a `where` value): a number, or a whole vector."""
    tree = parse(text, "start").children[0]
    if tree.data == "statements" or len(tree.children) != 1:
        raise ReadError("V109", 0, problem="a relation where one expression is expected")
    return _guarded(lambda b: b.value(tree.children[0]), table, None, builder, text)


def read_definition(text: str, table: NameTable) -> Any:
    """Read a named value's definition: a number, a whole vector, or a matrix."""
    tree = parse(text, "start").children[0]
    if tree.data == "statements" or len(tree.children) != 1:
        raise ReadError("V109", 0, problem="a relation where one expression is expected")
    return _guarded(lambda b: b.definition_value(tree.children[0]), table, None, None, text)


def read_set(text: str, table: NameTable) -> tuple | None:
    """The elements of a named set's definition written as a set, `\\{0, 1\\}`; None when it is no set."""
    tree = parse(text, "start").children[0]
    if tree.data == "statements" or len(tree.children) != 1:
        return None
    elements = _guarded(lambda b: b.finite_set(tree.children[0]), table, None, None)
    return None if elements is None else tuple(elements)


def read_law(text: str, table: NameTable, builder: Builder | None = None) -> Any:
    """Read a declared law's family, as in `\\mathcal{N}(z; \\mu, \\sigma^2)`: an unknown family is V108."""
    tree = parse(text, "start").children[0]
    if tree.data == "statements" or len(tree.children) != 1:
        raise ReadError("V109", 0, problem="a relation where a distribution is expected")
    return _guarded(lambda b: b.law_value(tree.children[0]), table, None, builder)


def read_name(text: str) -> str:
    """The canonical key of a name as declared in the front matter (`\\sigma_\\theta`)."""
    tree = parse(text.strip(), "name_only")
    if not is_name(tree.children[0]):
        raise ReadError("V102", 0, name=text.strip(), problem="it is not a name such as x, \\sigma_\\theta or \\tilde{x}")
    try:
        return canonical(tree.children[0])
    except RecursionError:
        raise too_deep() from None


def is_name(tree) -> bool:
    """A letter, a command or a font/accent name, maybe with a subscript: what can be declared."""
    if not isinstance(tree, Tree):
        return False
    if tree.data == "subscript":
        return is_name(tree.children[0])
    if tree.data == "superscript" and decoration(tree) is not None:  # \theta^*, x^{(i)}
        return is_name(tree.children[0])
    return tree.data in ("word", "command", "font", "accent")


def read_signature(text: str) -> tuple[str, list[str], Tree]:
    """`MSE(x, \\tilde{x})` -> ('MSE', ['x', '\\tilde{x}'], tree of the brackets)."""
    tree = parse(text.strip(), "signature")
    head, group = tree.children
    if not is_name(head):
        raise ReadError("V102", 0, name=text.strip(), problem="it does not start with a name, as in f(x) or q(z|x)")
    body = next(c for c in group.children if isinstance(c, Tree))
    parts, seps = [], []
    for kid in body.children:
        (seps if kid.data == "body_sep" else parts).append(kid)
    try:
        return canonical(head), [canonical(p) for p in parts], [s.children[0].value for s in seps]
    except RecursionError:
        raise too_deep() from None


def _reading(builder: Builder, chain: Tree, text: str) -> Reading:
    members, relations = builder.chain(chain)
    return Reading(
        tuple(Member(v, text[t.meta.start_pos : t.meta.end_pos], t.meta.start_pos, t.meta.end_pos, t, text)
              for v, t in members),
        tuple(r for r, _ in relations),
        tuple(tok.start_pos for _, tok in relations),
    )


def _guarded(action, table: NameTable, overrides, builder: Builder | None = None, text: str = ""):
    """Anything SymPy raises while building becomes the reader's own error, with a position; `text`, the
    formula read, lets a message quote it."""
    builder = builder or Builder(table, overrides)
    outer, builder.text = builder.text, text
    try:
        return action(builder)
    except ReadError:
        raise
    except RecursionError:
        raise too_deep() from None
    except (ArithmeticError, sympy.SympifyError) as error:
        # SymPy refusing the mathematics itself (a division it cannot do); any other exception is a
        # fault of the builder, left to propagate to the tool's fault channel (V900), never V109.
        raise ReadError("V109", 0, problem=f"SymPy cannot build it ({type(error).__name__}: {error})") from None
    finally:
        builder.text = outer
