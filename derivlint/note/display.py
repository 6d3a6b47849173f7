"""A display's text cut into formulas (rows, arrows, side by side) and cleaned of what is not maths."""
from __future__ import annotations

import re

# `\mu_\phi(x) = (\mu_1, \dots, \mu_d)`: a name (`alias`) for a vector (`name`) of `length` components, listed;
# `init` reads it as the vector's length, and the claims reader as notation, not a claim
COMPONENTS_LISTED = re.compile(r"^\s*(?P<alias>.+?)\s*=\s*\(\s*(?P<name>\\?[a-zA-Z]+)_\{?1\}?\s*,\s*\\[lc]?dots\s*,\s*"
                               r"(?P=name)_\{?(?P<length>\\?[a-zA-Z]+|\d+)\}?\s*\)\s*[.,]?\s*$")

RELATION_COMMANDS = frozenset({"equiv", "propto", "le", "leq", "leqslant", "ge", "geq", "geqslant", "lt", "gt", "approx", "simeq"})
# `\\[10pt]`: a break with extra space; `\\\` and `\\\\` (Markdown eats one escape: Hugo and kramdown sources) too
_ROW_BREAK = re.compile(r"\\{2,4}(?![a-zA-Z])(\s*\[\s*-?[0-9.]+\s*(pt|em|ex|mm|cm|in|mu|bp)\s*\])?|\\newline(?![a-zA-Z])")


# `A \implies B`, `A \quad\Leftrightarrow\quad B`: each side is a formula of its own, checked as a
# claim (a side that states a law, `X \sim p \Rightarrow ...`, is an assumption). Inside braces an
# arrow belongs to its group (a subscript, an annotation) and stays.
_ARROW = re.compile(r"\\(implies|impliedby|iff|Rightarrow|Longrightarrow|Leftrightarrow|Longleftrightarrow|therefore)(?![a-zA-Z])")
# `P(x) = ..., \quad Q(x) = ...`: two formulas side by side, split where each side holds a relation.
_SIDE_BY_SIDE = re.compile(r",\s*(\\q?quad(?![a-zA-Z])|\\[ ;:](?!\s*[,.]))")  # `, \quad`, `,\ `, `, \;`


def _top_level(text: str, openers: str, closers: str):
    """(index, character) of each character outside every bracket of `openers` (`\\{` opens none)."""
    depth = 0
    for i, ch in enumerate(text):
        escaped = text[i - 1 : i] == "\\"
        if ch in openers and not escaped:
            depth += 1
        elif ch in closers and not escaped:
            depth -= 1
        elif depth == 0:
            yield i, ch


def implications(text: str, offset: int) -> list[tuple[str, int, bool]]:
    """The sides of the arrows in one row: (text, offset, whether an arrow stands before it)."""
    parts, pos = [], 0
    for i, ch in _top_level(text, "{", "}"):
        if ch == "\\" and (m := _ARROW.match(text, i)) is not None:
            parts.append((text[pos:i], offset + pos, bool(parts)))
            pos = m.end()
    parts.append((text[pos:], offset + pos, bool(parts)))
    parts = [piece for part in parts for piece in _side_by_side(*part)]
    return [p for p in parts if p[0].strip()] if len(parts) > 1 else parts


def _side_by_side(text: str, offset: int, after_arrow: bool) -> list[tuple[str, int, bool]]:
    cuts = [(i, m.end()) for i, ch in _top_level(text, "{(", "})")
            if ch == "," and (m := _SIDE_BY_SIDE.match(text, i)) is not None]
    pieces, pos = [], 0
    for start, end in cuts:
        if holds_relation(text[pos:start]) and holds_relation(text[end:]):
            pieces.append((text[pos:start], offset + pos, after_arrow if not pieces else False))
            pos = end
    pieces.append((text[pos:], offset + pos, after_arrow if not pieces else False))
    return pieces


def rows(text: str, start: int, end: int, one_formula: bool = False) -> list[tuple[str, int]]:
    """Split an align-like body at `\\\\` into rows, keeping offsets.

    A row that starts with `+`, `-`, `\\cdot` or `\\times` carries on the expression of the row
    above (a long right side broken over lines), and a multline is one formula: such rows are
    joined, their `\\\\` blanked so that offsets still point into the note."""
    rows, pos = [], start
    matrices = _matrix_spans(text, start, end)
    for br in _ROW_BREAK.finditer(text, start, end):
        if any(a <= br.start() < b for a, b in matrices):
            continue  # a matrix's row break, not the environment's
        rows.append((text[pos : br.start()], pos))
        pos = br.end()
    rows.append((text[pos:end], pos))
    joined: list[tuple[str, int]] = []
    for row, offset in rows:
        if joined and (one_formula or _OPERATOR_START.match(row)):
            first = joined[-1][1]
            joined[-1] = (text[first : offset + len(row)].replace("\\\\", "  "), first)
        else:
            joined.append((row, offset))
    return joined


_MATRIX = re.compile(r"\\begin\{([pb]matrix)\}.*?\\end\{\1\}", re.S)


def _matrix_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Where `\\begin{pmatrix} ... \\end{pmatrix}` (or bmatrix) stands: its `&` and `\\\\` are its own."""
    end = len(text) if end is None else end
    return [m.span() for m in _MATRIX.finditer(text, start, end)]


def without_alignment(text: str) -> str:
    """Alignment marks `&` blanked (same length, offsets kept), except inside a matrix."""
    spans = _matrix_spans(text)
    return "".join(" " if ch == "&" and not any(a <= i < b for a, b in spans) else ch
                   for i, ch in enumerate(text))


# Inside `$$` or `\\[ \\]`: the inner environments MathJax takes, and the display ones written there too.
# A `\label{}` or `\tag{}` may stand before the environment (the Book of Statistical Proofs writes
# `$$ \label{eq:x} \begin{split} ...`), and punctuation after it ends the sentence.
_INNER = re.compile(r"\s*(?:\\(?:label|tag\*?)\{[^{}]*\}\s*)*"
                    r"\\begin\{(aligned|alignedat|split|gathered|align\*?|equation\*?|gather\*?|multline\*?)\}"
                    r"(\{[^{}]*\})?(.*)\\end\{\1\}(?:\s|\\[,;:! ]|[.,;])*$", re.S)
_OPERATOR_START = re.compile(r"\s*&?\s*(\\(quad|qquad|[,;:! ])\s*)*(\+|-|\\cdot(?![a-zA-Z])|\\times(?![a-zA-Z]))")


def inner_environment(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    """`$$\\begin{aligned} ... \\end{aligned}$$`: the rows inside, as for an align environment, and its name;
    nested ones to the innermost (`\\[ \\begin{equation}\\begin{split} ... \\end{split}\\end{equation} \\]`)."""
    found = None
    m = _INNER.match(text, start, end)
    while m is not None:
        found = (m.start(3), m.end(3), m.group(1))
        m = _INNER.match(text, found[0], found[1])
    return found


def breaks_rows(text: str, start: int, end: int) -> bool:
    """A `\\\\` outside any matrix: the display is broken into rows, as in an align."""
    matrices = _matrix_spans(text, start, end)
    return any(not any(a <= br.start() < b for a, b in matrices) for br in _ROW_BREAK.finditer(text, start, end))


# An annotation: text after an alignment mark or a spacing command (`&& \text{(expand)}`,
# `\quad\text{where } ...`, `\qquad \mbox{by parts}`, `& \scriptstyle{\text{; because ...}}`) to the end of
# the row. It is prose, not maths to check: blanked (offsets kept) so that the formula before it is
# read, never lost with it. A `\text` after a plain space may be a name (`\log \text{softmax}(x)`):
# it is read as written.
_ANNOTATION = re.compile(r"(&|\\q?quad(?![a-zA-Z])|\\[,;:!])\s*(\\(scriptstyle|textstyle|small)\s*\{?\s*)?"
                         r"\\(text|mbox|textrm|textit|textbf)\s*\{"
                         # after a plain space too when its words are prose: `\text{, where } ...`, `\text{ for all }`
                         r"|\\(text|mbox|textrm)\s*\{\s*[,;.:]?\s*(where|for|if|since|because|with|when|as)(?![a-zA-Z])")


def without_annotation(text: str) -> str:
    m = _ANNOTATION.search(text)
    if m is None or not text[: m.start()].strip():
        return text
    return text[: m.start()] + "".join(ch if ch == "\n" else " " for ch in text[m.start():])


# How a formula is shown, never what it says: `\boxed{...}` around a result, `\color{blue}` (or
# `\textcolor{red}{...}`) on a term. Blanked, offsets kept; a box's braces go with it, a colour's
# argument stays a group.
_HIGHLIGHT = re.compile(r"\\(boxed|mathop)\s*\{|\\color\s*\{[a-zA-Z]*\}|\\textcolor\s*\{[a-zA-Z]*\}")
# Markdown's escapes inside maths (ox-hugo writes `p\_\theta`, some blogs `\theta^\*`): Markdown turns
# them into `_` and `*` before MathJax reads the maths, and so does the reader.
_MARKDOWN_ESCAPE = re.compile(r"\\([_*])")


# `\underbrace{\mathrm{KL}(q \| p)}_{\ge 0}`, `\overbrace{...}^{\text{ELBO}}`: the brace and its label annotate the
# term; the term is read as one factor in brackets, the label is not maths to check.
_BRACE_LABEL = re.compile(r"\\(underbrace|overbrace)\s*\{")


def without_brace_labels(text: str) -> str:
    out = list(text)
    for m in _BRACE_LABEL.finditer(text):
        close = _matching_brace(text, m.end() - 1)
        if close is None:
            continue
        out[m.start() : m.end() - 1] = " " * (m.end() - 1 - m.start())
        out[m.end() - 1], out[close] = "(", ")"
        label = re.match(r"\s*[_^]\s*\{", text[close + 1 :])
        if label is not None:
            end = _matching_brace(text, close + label.end())
            if end is not None:
                out[close + 1 : end + 1] = " " * (end - close)
    return "".join(out)


def without_highlight(text: str) -> str:
    text = without_brace_labels(text)
    out = list(text)
    for m in _HIGHLIGHT.finditer(text):
        out[m.start() : m.end()] = " " * (m.end() - m.start())
        brace = m.end() - 1 if m.group().endswith("{") else _next_brace(text, m.end())
        close = _matching_brace(text, brace) if brace is not None else None
        if close is None:
            continue
        inner = text[brace + 1 : close]
        if holds_relation(inner) or _one_token(inner) or m.group().startswith("\\mathop"):
            out[brace] = out[close] = " "  # `\boxed{a = b}`, `\color{red}{+}`: the content, as if unmarked
        elif m.group().startswith(("\\boxed", "\\mathop")):
            out[brace], out[close] = "(", ")"  # `2\boxed{x + 1}`: the box shows its content as one factor
        # a colour's `{x + 1}` stays braces: followed by `^2` it is as ambiguous as it shows (V110)
    return _MARKDOWN_ESCAPE.sub(lambda e: " " + e.group(1), "".join(out))


def _next_brace(text: str, start: int) -> int | None:
    after = start + len(text[start:]) - len(text[start:].lstrip())
    return after if text[after : after + 1] == "{" else None


def _one_token(inner: str) -> bool:
    """An operator, a number or a name alone, whose braces change nothing."""
    return bool(re.fullmatch(r"\s*([-+=<>]|\\[a-zA-Z]+|[a-zA-Z0-9.]+)\s*", inner))


def _matching_brace(text: str, opening: int) -> int | None:
    depth = 0
    for i in range(opening, len(text)):
        if text[i] == "{" and text[i - 1] != "\\":
            depth += 1
        elif text[i] == "}" and text[i - 1] != "\\":
            depth -= 1
            if depth == 0:
                return i
    return None


_INLINE_TOKEN = re.compile(r"\\([a-zA-Z]+)|\\.|[{}()\[\]=<>]")


def holds_relation(body: str) -> bool:
    """Inline maths is a claim when a relation stands outside every bracket."""
    depth = 0
    for tok in _INLINE_TOKEN.finditer(body):
        t = tok.group()
        if t in ("{", "(", "[", "\\{"):
            depth += 1
        elif t in ("}", ")", "]", "\\}"):
            depth -= 1
        elif depth == 0 and (t in "=<>" or tok.group(1) in RELATION_COMMANDS):
            return True
    return False
