"""Brace groups that cross a bracket pair, as TeX allows: `{P(X)\\log\\bigg(\\frac{Q}{P}}\\bigg)`."""
from __future__ import annotations

from lark import Token

# Brackets pair as characters, never with braces: TeX renders `{a \bigg( b} \bigg)` as `a ( b )`.
PAIRS = {"LPAR": "RPAR", "LBRACK": "RBRACK", "LCURLY": "RCURLY", "LNORM": "RNORM", "LANGLE": "RANGLE"}
CLOSING = set(PAIRS.values())
# A brace after these, or after a group that follows them, is an argument: its braces have a meaning.
TAKES_ARGUMENTS = {"FRAC", "SQRT", "SUB", "SUP", "FONT", "ACCENT", "CMD", "FUNC", "DFRAC", "DOPERATOR"}


def crossed_groups(tokens: list[Token]) -> list[Token]:
    """A plain brace group (no command's argument, no script after it) whose brackets close outside it is
    only TeX's grouping: its braces are dropped, so that the brackets pair as they are written. Dropped
    only when the whole formula then pairs; a bracket left open (an author's typo) is never guessed closed."""
    match = _brace_matches(tokens)
    if match is None:
        return tokens
    drop: set[int] = set()
    for opening, closing in match.items():
        if _balanced(tokens[opening + 1 : closing]) or not _plain(tokens, opening, match):
            continue
        after = tokens[closing + 1].type if closing + 1 < len(tokens) else None
        if after in ("SUB", "SUP"):
            continue  # `{a(b}^2 c)`: the script is on the group, which has no maths of its own
        drop |= {opening, closing}
    if not drop:
        return tokens
    kept = [t for k, t in enumerate(tokens) if k not in drop]
    return kept if _balanced(kept) else tokens


def _brace_matches(tokens: list[Token]) -> dict[int, int] | None:
    stack, match = [], {}
    for k, tok in enumerate(tokens):
        if tok.type == "LBRACE":
            stack.append(k)
        elif tok.type == "RBRACE":
            if not stack:
                return None
            match[stack.pop()] = k
    return match if not stack else None


def _plain(tokens: list[Token], opening: int, match: dict[int, int]) -> bool:
    """No command takes this group as an argument: not right after one, nor after a group one takes."""
    if opening == 0:
        return True
    before = tokens[opening - 1]
    if before.type in TAKES_ARGUMENTS:
        return False
    if before.type == "RBRACE":
        start = next(o for o, c in match.items() if c == opening - 1)
        # `\sum_{i}{...}`: the script took its one argument, the next group is the sum's operand
        return start == 0 or tokens[start - 1].type not in TAKES_ARGUMENTS - {"SUB", "SUP"}
    return before.type not in ("RBRACK",)  # `\sqrt[n]{x}`


def _balanced(tokens: list[Token]) -> bool:
    """Every bracket and brace closes, in order (bars and `\\left`/`\\right` are left to the grammar)."""
    stack = []
    for tok in tokens:
        if tok.type in PAIRS or tok.type == "LBRACE":
            stack.append("RBRACE" if tok.type == "LBRACE" else PAIRS[tok.type])
        elif tok.type in CLOSING or tok.type == "RBRACE":
            if not stack or stack.pop() != tok.type:
                return False
    return not stack
