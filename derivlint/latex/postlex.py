"""Token-stream rules lark's lexer cannot express: TeX's one-token arguments, differentials, derivatives."""
from __future__ import annotations

from collections import deque
from typing import Iterable, Iterator

from lark import Token

from .bars import evaluation_bar, evaluation_blocks, unsized
from .errors import ReadError
from .groups import crossed_groups

ARGUMENT_COUNTS = {"FRAC": 2, "SQRT": 1, "SUB": 1, "SUP": 1, "ACCENT": 1}
OPENERS = {"LPAR", "LBRACK", "LBRACE", "LCURLY", "LVERT", "LNORM"}
CLOSERS = {"RPAR", "RBRACK", "RBRACE", "RCURLY", "RVERT", "RNORM"}
NAME_STARTS = {"WORD", "CMD", "ACCENT", "FONT"}
RELATIONS = {"EQ", "EQUIV", "PROPTO", "LE", "GE", "LT", "GT"}


class TexPostLexer:
    """Applied to the whole token stream of one formula (formulas are short)."""

    always_accept = ()

    def process(self, stream: Iterable[Token]) -> Iterator[Token]:
        tokens = typed_unicode(list(stream))
        refuse_deep_nesting(tokens)
        refuse_scientific_notation(tokens)
        tokens = absolute_value_bars(evaluation_blocks(tokens))
        tokens = crossed_groups(split_arguments(signed_scripts(norm_bars(tokens))))
        tokens = mark_differentials(mark_derivatives(tokens))
        return iter(tokens)


# Greek letters typed as Unicode, by their commands. Capitals that look like Latin ones are Latin
# letters; ε and ϵ are both \epsilon, φ and ϕ both \phi, as notes typed in Unicode mean them.
GREEK = {
    **{chr(0x03b1 + k): "\\" + name for k, name in enumerate(
        "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho varsigma "
        "sigma tau upsilon phi chi psi omega".split())},
    **{chr(0x0391 + k): name for k, name in enumerate(
        "A B \\Gamma \\Delta E Z H \\Theta I K \\Lambda M N \\Xi O \\Pi P _ \\Sigma T \\Upsilon \\Phi X \\Psi "
        "\\Omega".split())},
    "\u03d1": "\\vartheta", "\u03d5": "\\phi", "\u03f5": "\\epsilon",
}
POWER_DIGITS = dict(zip("\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079", "0123456789"))


def typed_unicode(tokens: list[Token]) -> list[Token]:
    """μ as `\\mu` and x² as `x^{2}`, each new token at the place of the character it stands for."""
    out: list[Token] = []
    for tok in tokens:
        if tok.type == "UNICODE_LETTER":
            name = GREEK[tok.value]
            out.append(Token.new_borrow_pos("CMD" if name.startswith("\\") else "WORD", name, tok))
        elif tok.type == "UNICODE_POWER":
            sign = [Token.new_borrow_pos("MINUS", "-", tok)] if tok.value.startswith("\u207b") else []
            digits = "".join(POWER_DIGITS[ch] for ch in tok.value.lstrip("\u207b"))
            out += [Token.new_borrow_pos("SUP", "^", tok), Token.new_borrow_pos("LBRACE", "{", tok), *sign,
                    Token.new_borrow_pos("NUMBER", digits, tok), Token.new_borrow_pos("RBRACE", "}", tok)]
        else:
            out.append(tok)
    return out


MAX_DEPTH = 30  # brackets within brackets; real formulas stay under ten, and reading recurses per level


def refuse_deep_nesting(tokens: list[Token]) -> None:
    depth = 0
    for tok in tokens:
        if tok.type in OPENERS:
            depth += 1
            if depth > MAX_DEPTH:
                raise ReadError("V106", tok.start_pos, problem=f"brackets are nested more than {MAX_DEPTH} deep")
        elif tok.type in CLOSERS:
            depth -= 1


OPERAND_ENDS = {"WORD", "NUMBER", "CMD", "RPAR", "RBRACK", "RBRACE", "RCURLY", "RVERT", "RNORM", "BANG"}


def absolute_value_bars(tokens: list[Token]) -> list[Token]:
    """A plain `|` (or `\\vert`) opens |x| where an operand may start, closes it after an operand, and
    separates (`q(z|x)`) right inside round or square brackets: the reading TeX's readers make."""
    open_brackets: list[str] = []  # innermost last; "ABS" for a bar that opened |x|
    arithmetic: list[bool] = []  # per open bracket: an operator met at its level (then a bar is no separator)
    out: list[Token] = []
    for i, tok in enumerate(tokens):
        prev = out[-1] if out else None
        if tok.type == "SIZED_BAR" or (tok.type == "BAR" and tok.value in ("|", "\\vert")
                                       and (prev is None or prev.type not in ("LEFT", "RIGHT"))):
            after_operand = prev is not None and prev.type in OPERAND_ENDS
            inner = open_brackets[-1] if open_brackets else None
            if (evaluation := evaluation_bar(tokens, i, after_operand, inner == "ABS")) is not None:
                out.append(evaluation)  # `F \Big|_a^b` (latex/bars.py): neither |x| nor q(z|x)
                continue
            tok = unsized(tok)
            if after_operand and inner == "ABS":
                tok = Token.new_borrow_pos("RVERT", tok.value, tok)
                open_brackets.pop()
                arithmetic.pop()
            elif not (after_operand and inner in ("LPAR", "LBRACK") and not arithmetic[-1]):
                # `\left( \frac{1}{b} |x - \mu| \right)`: after arithmetic, a bar opens |x|, not q(z|x)'s bar
                tok = Token.new_borrow_pos("LVERT", tok.value, tok)
                open_brackets.append("ABS")
                arithmetic.append(False)
        elif tok.type in OPENERS:
            open_brackets.append(tok.type)
            arithmetic.append(False)
        elif tok.type in CLOSERS and open_brackets:
            open_brackets.pop()
            arithmetic.pop()
        elif tok.type in ARITHMETIC and arithmetic:
            arithmetic[-1] = True
        out.append(tok)
    return out


ARITHMETIC = {"PLUS", "MINUS", "MULOP", "SLASH", "FRAC", "SQRT", "FUNC", "INT", "BIGOP"}


NORM_BARS = ("\\|", "||", "\\Vert")


def norm_bars(tokens: list[Token]) -> list[Token]:
    """`\\|z\\|`: a `\\|` (or `||`, `\\Vert`) opens a norm where an operand may start and closes the
    innermost open norm after an operand; after an operand elsewhere it stays the bar of `D(q \\| p)`."""
    open_brackets: list[str] = []
    out: list[Token] = []
    for tok in tokens:
        prev = out[-1] if out else None
        if tok.type == "DBAR" and tok.value in NORM_BARS:
            after_operand = prev is not None and prev.type in OPERAND_ENDS
            if after_operand and open_brackets and open_brackets[-1] == "LNORM":
                tok = Token.new_borrow_pos("RNORM", tok.value, tok)
                open_brackets.pop()
            elif not after_operand:
                tok = Token.new_borrow_pos("LNORM", tok.value, tok)
                open_brackets.append("LNORM")
        elif tok.type in OPENERS:
            open_brackets.append(tok.type)
        elif tok.type in CLOSERS and open_brackets:
            open_brackets.pop()
        out.append(tok)
    return out


def refuse_scientific_notation(tokens: list[Token]) -> None:
    """`1.5e3` would read as 1.5 e 3 (Euler's e): the tool will not pick between that and 1500."""
    for i in range(len(tokens) - 2):
        number, e, after = tokens[i : i + 3]
        if (number.type == "NUMBER" and e.type == "WORD" and e.value in ("e", "E") and touching(number, e)
                and touching(e, after) and (after.type == "NUMBER" or (
                    after.type in ("MINUS", "PLUS") and i + 3 < len(tokens) and tokens[i + 3].type == "NUMBER"
                    and touching(after, tokens[i + 3])))):
            raise ReadError("V110", number.start_pos, problem=(
                f"`{number.value}{e.value}...` may be scientific notation; write {number.value} \\times 10^{{...}}, "
                f"or {number.value} \\, e for Euler's number"))


def touching(left: Token, right: Token) -> bool:
    return left.end_pos == right.start_pos


def _piece(tok: Token, start: int, stop: int | None = None, type_: str | None = None) -> Token:
    text = tok.value[start:stop]
    return Token.new_borrow_pos(type_ or tok.type, text, tok) if start == 0 else Token(
        type_ or tok.type, text, tok.start_pos + start, tok.line, tok.column + start,
        tok.end_line, tok.end_column, tok.end_pos)


def signed_scripts(tokens: list[Token]) -> list[Token]:
    """`x^-1` and `e^-s`: TeX would raise the minus alone, but the author means x^{-1}, e^{-s}, as
    every reader takes it; the sign and the one token after it are braced together."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "SUP" and i + 2 < len(tokens) and tokens[i + 1].type == "MINUS" and \
                tokens[i + 2].type in ("WORD", "NUMBER", "CMD"):
            sign, arg = tokens[i + 1], tokens[i + 2]
            rest = [_piece(arg, 1)] if arg.type in ("WORD", "NUMBER") and len(arg.value) > 1 else []
            first = _piece(arg, 0, 1) if rest else arg
            out += [tok, Token.new_borrow_pos("LBRACE", "{", sign), sign, first,
                    Token.new_borrow_pos("RBRACE", "}", first), *rest]
            i += 3
            continue
        out.append(tok)
        i += 1
    return out


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
        if owed and waiting[-1][2] == "FONT":  # `\mathcal N`, `\mathbf x`: the one-token argument, braced
            out += [Token.new_borrow_pos("LBRACE", "{", tok), tok, Token.new_borrow_pos("RBRACE", "}", tok)]
        else:
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
        if tok.type == "MULOP" and i + 1 in replacements:
            continue  # `x \cdot \mathrm{d}x`: the dot before a differential multiplies nothing
        out.append(tok)
    return out


def _find_differential(tokens: list[Token], start: int, claimed: set[int]):
    """The differential that closes the integral at start, at its level: `dx`, `d\\mu`, `\\mathrm{d}x`; failing
    those, `d(...)` (the differential of an expression), so that `\\int_0^1 d(x+1)\\,dx` keeps its dx."""
    return _scan_differential(tokens, start, claimed, _differential_at) or _scan_differential(
        tokens, start, claimed, _bracket_differential_at)


def _scan_differential(tokens: list[Token], start: int, claimed: set[int], differential_at):
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
        pieces = differential_at(tokens, i)
        if pieces is not None:
            return i, pieces
    return None


def _bracket_differential_at(tokens: list[Token], i: int):
    """`d(e^{-x^2})` or `d\\left(...\\right)`: d before a bracket, the differential of what it holds."""
    after = [t.type for t in tokens[i + 1 : i + 3]]
    if tokens[i].type == "WORD" and tokens[i].value == "d" and (after[:1] == ["LPAR"] or after == ["LEFT", "LPAR"]):
        return [_piece(tokens[i], 0, None, "DIFF")]
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
        # its own value: an upright d is never a declared d (latex/calculus.py asks when it differentiates)
        return [Token.new_borrow_pos("DIFF", f"{tok.value}{{d}}", tok)]
    return None


def mark_derivatives(tokens: list[Token]) -> list[Token]:
    """`\\frac{d}{dx}` (an operator on what follows) and `\\frac{df}{dx}`, with d, \\partial or
    \\mathrm{d}: the \\frac becomes DOPERATOR or DFRAC and each d a DIFF token. Any other
    fraction is left alone, so `\\frac{d}{D}` stays d over D."""
    out = list(tokens)
    for i in reversed(range(len(out))):
        if out[i].type != "FRAC" or i + 1 >= len(out) or out[i + 1].type != "LBRACE":
            continue
        top_end = _closing_brace(out, i + 1)
        if top_end is None or top_end + 1 >= len(out) or out[top_end + 1].type != "LBRACE":
            continue
        bottom_end = _closing_brace(out, top_end + 1)
        if bottom_end is None:
            continue
        top = _differential_prefix(out, i + 2, top_end, needs_name=False)
        bottom = _differential_prefix(out, top_end + 2, bottom_end, needs_name=True)
        if top is None or bottom is None:
            continue
        top_pieces, top_used = top
        rest = top_pieces[1:] + out[i + 2 + top_used : top_end]  # `df`: the f after the d
        top_pieces = top_pieces[:1]
        only_order = all(t.type in ("SUP", "NUMBER", "LBRACE", "RBRACE") for t in rest) and (
            not rest or rest[0].type == "SUP")
        head = Token.new_borrow_pos("DOPERATOR" if only_order else "DFRAC", out[i].value, out[i])
        denominator = _differentials(out, top_end + 2, bottom_end)
        out[i : bottom_end + 1] = ([head, out[i + 1]] + top_pieces + rest + [out[top_end], out[top_end + 1]]
                                   + denominator + [out[bottom_end]])
    return out


def _closing_brace(tokens: list[Token], opening: int) -> int | None:
    depth = 0
    for j in range(opening, len(tokens)):
        depth += {"LBRACE": 1, "RBRACE": -1}.get(tokens[j].type, 0)
        if depth == 0:
            return j
    return None


def _differential_prefix(tokens: list[Token], start: int, end: int, needs_name: bool):
    """(DIFF tokens, tokens used) when tokens[start:end] opens with d, \\partial or \\mathrm{d}."""
    if start >= end:
        return None
    tok = tokens[start]
    follows = tokens[start + 1] if start + 1 < end else None
    if tok.type == "CMD" and tok.value == "\\partial":
        pieces, used = [Token.new_borrow_pos("DIFF", tok.value, tok)], 1
    elif tok.type == "WORD" and tok.value == "d":
        pieces, used = [_piece(tok, 0, None, "DIFF")], 1
    elif tok.type == "WORD" and len(tok.value) == 2 and tok.value[0] == "d":  # dx, df
        pieces, used = [_piece(tok, 0, 1, "DIFF"), _piece(tok, 1)], 1
        follows = pieces[1]
    elif (tok.type == "FONT" and tok.value in ("\\mathrm", "\\text", "\\operatorname") and end - start >= 4
          and [t.type for t in tokens[start + 1 : start + 4]] == ["LBRACE", "WORD", "RBRACE"]
          and tokens[start + 2].value == "d"):
        pieces, used = [Token.new_borrow_pos("DIFF", "d", tok)], 4
        follows = tokens[start + 4] if start + 4 < end else None
    else:
        return None
    if needs_name and (follows is None or follows.type not in NAME_STARTS):
        return None
    return pieces, used


def _differentials(tokens: list[Token], start: int, end: int) -> list[Token]:
    """The denominator with every differential of `dx\\,dy` or `\\partial x \\partial y` marked."""
    out: list[Token] = []
    i = start
    while i < end:
        found = _differential_prefix(tokens, i, end, needs_name=True)
        if found is None:
            out.append(tokens[i])
            i += 1
        else:
            out.extend(found[0])
            i += found[1]
    return out
