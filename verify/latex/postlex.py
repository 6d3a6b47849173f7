"""Token-stream rules lark's lexer cannot express: TeX's one-token arguments and differentials."""
from __future__ import annotations

from collections import deque
from typing import Iterable, Iterator

from lark import Token

ARGUMENT_COUNTS = {"FRAC": 2, "SQRT": 1, "SUB": 1, "SUP": 1, "ACCENT": 1}
OPENERS = {"LPAR", "LBRACK", "LBRACE", "LCURLY", "LVERT"}
CLOSERS = {"RPAR", "RBRACK", "RBRACE", "RCURLY", "RVERT"}
NAME_STARTS = {"WORD", "CMD", "ACCENT", "FONT"}
RELATIONS = {"EQ", "EQUIV", "PROPTO", "LE", "GE", "LT", "GT"}


class TexPostLexer:
    """Applied to the whole token stream of one formula (formulas are short)."""

    always_accept = ()

    def process(self, stream: Iterable[Token]) -> Iterator[Token]:
        tokens = mark_differentials(split_arguments(list(stream)))
        return iter(tokens)


def _piece(tok: Token, start: int, stop: int | None = None, type_: str | None = None) -> Token:
    text = tok.value[start:stop]
    return Token.new_borrow_pos(type_ or tok.type, text, tok) if start == 0 else Token(
        type_ or tok.type, text, tok.start_pos + start, tok.line, tok.column + start,
        tok.end_line, tok.end_column, tok.end_pos)


def split_arguments(tokens: list[Token]) -> list[Token]:
    """TeX takes one token as an argument: `\\frac12` is 1/2, `x^23` is x^2 times 3."""
    queue, out = deque(tokens), []
    waiting: list[list] = []  # [arguments still owed, brace depth, command type]
    depth = 0

    def unit_done() -> None:
        if waiting and waiting[-1][1] == depth:
            waiting[-1][0] -= 1
            if waiting[-1][0] == 0:
                waiting.pop()

    while queue:
        tok = queue.popleft()
        owed = bool(waiting) and waiting[-1][1] == depth
        if tok.type == "LBRACE" or (tok.type == "LBRACK" and owed and waiting[-1][2] == "SQRT"):
            depth += 1
            out.append(tok)
            continue
        if tok.type == "RBRACE" or (tok.type == "RBRACK" and waiting and waiting[-1][1] == depth - 1
                                    and waiting[-1][2] == "SQRT"):
            depth -= 1
            out.append(tok)
            if tok.type == "RBRACE":
                unit_done()
            continue
        if owed and tok.type in ("WORD", "NUMBER") and len(tok.value) > 1:
            queue.appendleft(_piece(tok, 1))
            tok = _piece(tok, 0, 1)
        out.append(tok)
        if owed:
            unit_done()
        if tok.type in ARGUMENT_COUNTS or (tok.type == "FONT"):
            waiting.append([ARGUMENT_COUNTS.get(tok.type, 1), depth, tok.type])
    return out


def mark_differentials(tokens: list[Token]) -> list[Token]:
    """Turn the `d` closing each integral into a DIFF token; the innermost integral goes first."""
    claimed: set[int] = set()
    replacements: dict[int, list[Token]] = {}
    for start in reversed([i for i, t in enumerate(tokens) if t.type == "INT"]):
        found = _find_differential(tokens, start, claimed)
        if found is not None:
            index, pieces = found
            claimed.add(index)
            replacements[index] = pieces
    if not replacements:
        return tokens
    out: list[Token] = []
    skip_until = -1
    for i, tok in enumerate(tokens):
        if i < skip_until:
            continue
        if i in replacements:
            out.extend(replacements[i])
            skip_until = i + (4 if tok.type == "FONT" else 1)
            continue
        out.append(tok)
    return out


def _find_differential(tokens: list[Token], start: int, claimed: set[int]):
    depth = 0
    for i in range(start + 1, len(tokens)):
        tok = tokens[i]
        if tok.type in OPENERS:
            depth += 1
        elif tok.type in CLOSERS:
            depth -= 1
            if depth < 0:
                return None
        elif depth == 0 and tok.type in RELATIONS:
            return None
        if depth != 0 or i in claimed or tokens[i - 1].type in ("SUB", "SUP"):
            continue
        pieces = _differential_at(tokens, i)
        if pieces is not None:
            return i, pieces
    return None


def _differential_at(tokens: list[Token], i: int):
    tok = tokens[i]
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if tok.type == "WORD" and tok.value == "d" and nxt is not None and nxt.type in NAME_STARTS:
        return [_piece(tok, 0, None, "DIFF")]
    if tok.type == "WORD" and len(tok.value) == 2 and tok.value[0] == "d":
        return [_piece(tok, 0, 1, "DIFF"), _piece(tok, 1)]
    if (tok.type == "FONT" and tok.value in ("\\mathrm", "\\text", "\\operatorname")
            and [t.type for t in tokens[i + 1 : i + 4]] == ["LBRACE", "WORD", "RBRACE"]
            and tokens[i + 2].value == "d"):
        return [Token.new_borrow_pos("DIFF", "d", tok)]
    return None
