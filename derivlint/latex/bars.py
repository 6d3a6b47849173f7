"""Which bars evaluate what precedes them between bounds (`F \\Big|_a^b`, `\\left. F \\right|_a^b`): token rules."""
from __future__ import annotations

from lark import Token

from .errors import ReadError

BAR_MARKS = ("|", "\\vert")
SCRIPTS = ("SUB", "SUP")
# the tokens of the lexer that carry their own \left or \right (`\left\langle`, `\right\vert`)
SIZED_PAIRS = {"LVERT", "LNORM", "LANGLE", "RVERT", "RNORM", "RANGLE"}


def unsized(tok: Token) -> Token:
    """`\\Big|` that evaluates nothing is the bar it draws, at the place of its `|`, as before sizes were read."""
    if tok.type != "SIZED_BAR":
        return tok
    start = min(k for k in (tok.value.find(mark) for mark in BAR_MARKS) if k >= 0)
    text = tok.value[start:]
    return Token("BAR", text, tok.start_pos + start, tok.line, tok.column + start, tok.end_line, tok.end_column,
                 tok.end_pos)


def evaluation_bar(tokens: list[Token], i: int, after_operand: bool, closes_abs: bool) -> Token | None:
    """An EVALBAR for the bar at i when it evaluates the operand before it between the scripts after it;
    None when it is the bar of |x| or of q(z|x), as before.

    A sized bar (`\\Big|`, `\\bigr|`) after an operand with a script is an evaluation bar; a plain one
    (`|`, `\\vert`) needs its lower bound, for `|x|^2` is a power. A bar that could also close an open
    `|...|` and carries both bounds is refused: the tool will not choose."""
    scripts = scripts_after(tokens, i + 1)
    if not (after_operand and scripts):
        return None
    if closes_abs:
        if len(scripts) == 2:
            raise ReadError("V110", tokens[i].start_pos, problem=(
                "a bar with bounds after an open `|`: it closes |...| or evaluates between the bounds; "
                "write \\Big|_{a}^{b} after the closed |...|, or \\left[ F \\right]_{a}^{b}"))
        return None
    if tokens[i].type == "SIZED_BAR" or "SUB" in scripts:
        return Token.new_borrow_pos("EVALBAR", tokens[i].value, tokens[i])
    return None


def scripts_after(tokens: list[Token], i: int) -> set[str]:
    """The scripts (`_`, `^`, one or both) that start at i, each with its one-token or braced argument."""
    found: set[str] = set()
    while i < len(tokens) and tokens[i].type in SCRIPTS and tokens[i].type not in found:
        found.add(tokens[i].type)
        i = after_argument(tokens, i + 1)
    return found


def after_argument(tokens: list[Token], i: int) -> int:
    """The index after a script's argument: a braced group, or one token (a font or accent with its braces)."""
    if i < len(tokens) and tokens[i].type in ("FONT", "ACCENT"):
        i += 1
    if i < len(tokens) and tokens[i].type == "LBRACE":
        depth = 0
        for j in range(i, len(tokens)):
            depth += {"LBRACE": 1, "RBRACE": -1}.get(tokens[j].type, 0)
            if depth == 0:
                return j + 1
        return len(tokens)
    return i + 1


def evaluation_blocks(tokens: list[Token]) -> list[Token]:
    """`\\left. F \\right|_{a}^{b}`: the invisible `\\left.` becomes LEFTDOT and its `\\right|` (or `\\right\\vert`)
    REVALBAR, when bounds follow; any other `\\left.` is left as it was."""
    out = list(tokens)
    for i in range(len(out) - 1):
        if out[i] is None or out[i + 1] is None or not (out[i].type == "LEFT" and out[i + 1].type == "DOT"):
            continue
        j = matching_right(out, i + 2)
        if j is None:
            continue
        if out[j].type == "RIGHT" and j + 1 < len(out) and out[j + 1].type == "BAR" and out[j + 1].value in BAR_MARKS:
            bar = (j, j + 1)
        elif out[j].type == "RVERT" and out[j].value.startswith("\\right"):
            bar = (j, j)
        else:
            continue
        if not scripts_after(out, bar[1] + 1):
            continue
        closing = joined("REVALBAR", out[bar[0]], out[bar[1]])
        out[i], out[i + 1] = joined("LEFTDOT", out[i], out[i + 1]), None
        out[bar[0]], out[bar[1]] = None, None
        out[bar[0]] = closing
    return [t for t in out if t is not None]


def matching_right(tokens: list[Token], start: int) -> int | None:
    depth = 1
    for k in range(start, len(tokens)):
        tok = tokens[k]
        if tok is None:
            continue
        if tok.type == "LEFT" or (tok.type in SIZED_PAIRS and tok.value.startswith("\\left")):
            depth += 1
        elif tok.type == "RIGHT" or (tok.type in SIZED_PAIRS and tok.value.startswith("\\right")):
            depth -= 1
            if depth == 0:
                return k
    return None


def joined(kind: str, first: Token, last: Token) -> Token:
    return Token(kind, first.value if first is last else f"{first.value}{last.value}", first.start_pos, first.line,
                 first.column, last.end_line, last.end_column, last.end_pos)
