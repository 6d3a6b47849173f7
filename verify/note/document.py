"""Markdown note -> front matter and claims (maths fragments with their source positions)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model.findings import Finding

RELATION_COMMANDS = frozenset({"equiv", "propto", "le", "leq", "leqslant", "ge", "geq", "geqslant", "lt", "gt"})
DISPLAY_ENVIRONMENTS = ("equation", "equation*", "align", "align*", "gather", "gather*", "multline", "multline*")
KNOWN_DIRECTIVES = ("expect refuted", "skip", "where", "defines")


@dataclass(frozen=True)
class Fragment:
    """A piece of maths and the absolute offset of its first character in the note."""

    text: str
    offset: int
    continues: bool  # begins with a relation: carries on the chain before it


@dataclass(frozen=True)
class Directive:
    """A `<!-- verify: ... -->` instruction attached to the claim just before it."""

    name: str
    argument: str
    offset: int  # of the comment
    argument_offset: int = 0  # of the argument's first character (`\\sigma` in `where \\sigma = ...`)


@dataclass
class Claim:
    """One chain of relations as written in the note, maybe spread over several blocks."""

    fragments: list[Fragment]
    display: bool
    line: int
    column: int
    directives: list[Directive] = field(default_factory=list)
    after_arrow: bool = False  # follows `\implies` or `\Rightarrow`: the claim before it is its premise

    @property
    def latex(self) -> str:
        return " ".join(f.text.strip() for f in self.fragments)

    def directive(self, name: str) -> list[Directive]:
        return [d for d in self.directives if d.name == name]


@dataclass
class Note:
    """A note split into its front matter (raw text) and its claims."""

    path: str
    text: str
    front_matter: str | None
    front_matter_line: int  # line of the first YAML line
    claims: list[Claim]
    findings: list[Finding]
    line_starts: list[int]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an absolute offset."""
        return position_in(self.line_starts, offset)


def line_starts_of(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]


def position_in(line_starts: list[int], offset: int) -> tuple[int, int]:
    lo, hi = 0, len(line_starts) - 1
    while lo < hi:  # last line start <= offset
        mid = (lo + hi + 1) // 2
        if line_starts[mid] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo + 1, offset - line_starts[lo] + 1


def read_note(path: str, text: str) -> Note:
    """Split a note; problems become findings, nothing is dropped silently."""
    starts = line_starts_of(text)
    findings: list[Finding] = []
    front, body_offset = _front_matter(text)
    scanner = _Scanner(text, body_offset, starts, findings)
    claims = scanner.scan()
    return Note(path, text, front, 2 if front is not None else 0, claims, findings, starts)


def _front_matter(text: str) -> tuple[str | None, int]:
    if not text.startswith("---"):
        return None, 0
    first_end = text.find("\n")
    if first_end < 0 or text[:first_end].strip() != "---":
        return None, 0
    closing = re.compile(r"^(---|\.\.\.)[ \t]*\r?$", re.M).search(text, first_end + 1)  # \r: CRLF notes
    if closing is None:
        return None, 0
    return text[first_end + 1 : closing.start()], closing.end()


_TOKEN = re.compile(
    r"(?P<fence>^[ \t]*(```|~~~)[^\n]*$)"
    r"|(?P<comment><!--)"
    r"|(?P<code>`+)"
    r"|(?P<escaped>\\\$)"
    r"|(?P<ddollar>\$\$)"
    r"|(?P<dollar>\$)"
    r"|(?P<bracket>\\\[)"
    r"|(?P<paren>\\\()"
    r"|(?P<begin>\\begin\{(?P<env>[a-zA-Z*]+)\})",
    re.M,
)
_ROW_BREAK = re.compile(r"\\\\")
_RELATION_START = re.compile(r"\s*&?\s*(=|<|>|\\(" + "|".join(sorted(RELATION_COMMANDS, key=len, reverse=True)) + r")(?![a-zA-Z]))")


class _Scanner:
    """One pass over the body: maths, directives, and what is not maths (code, comments)."""

    def __init__(self, text: str, start: int, line_starts: list[int], findings: list[Finding]):
        self.text, self.pos, self.starts, self.findings = text, start, line_starts, findings
        self.claims: list[Claim] = []
        self.last_end = -1  # end offset of the last claim's maths, for directives

    def scan(self) -> list[Claim]:
        while (m := _TOKEN.search(self.text, self.pos)) is not None:
            self.pos = self._handle(m)
        return self.claims

    def _handle(self, m: re.Match) -> int:
        kind = m.lastgroup if m.lastgroup != "env" else "begin"
        if kind == "fence":
            return self._skip_fence(m)
        if kind == "comment":
            return self._comment(m)
        if kind == "code":
            close = self.text.find(m.group(), m.end())
            return m.end() if close < 0 else close + len(m.group())
        if kind == "escaped":
            return m.end()
        if kind == "begin":
            return self._environment(m)
        closer = {"ddollar": "$$", "dollar": "$", "bracket": "\\]", "paren": "\\)"}[kind]
        return self._maths(m, closer, display=kind in ("ddollar", "bracket"))

    def _skip_fence(self, m: re.Match) -> int:
        fence = m.group(2)
        close = re.compile(r"^[ \t]*" + re.escape(fence) + r"[ \t]*\r?$", re.M).search(self.text, m.end())
        return len(self.text) if close is None else close.end()

    def _comment(self, m: re.Match) -> int:
        close = self.text.find("-->", m.end())
        if close < 0:
            self._finding("V103", m.start(), what="HTML comment", closer="-->")
            return m.end()
        raw = self.text[m.end() : close]
        body = raw.strip()
        if body.startswith("verify:"):
            body_offset = m.end() + len(raw) - len(raw.lstrip()) + len("verify:")
            self._directives(body[len("verify:") :], m.start(), body_offset)
        return close + 3

    def _directives(self, body: str, offset: int, body_offset: int) -> None:
        claim = self.claims[-1] if self.claims else None
        between = self.text[self.last_end : offset] if claim else ""
        if claim is None or between.strip():
            self._finding("V104", offset, directive=body.strip())
            return
        for piece in re.finditer(r"[^;]+", body):
            part = piece.group().strip()
            name = next((k for k in KNOWN_DIRECTIVES if part == k or part.startswith(k + " ")), None)
            if not part:
                continue
            if name is None:
                self._finding("V105", offset, directive=part, known=", ".join(KNOWN_DIRECTIVES))
                continue
            argument = part[len(name) :].strip()
            after_name = body_offset + piece.start() + piece.group().index(part) + len(name)
            at = after_name + len(self.text[after_name:]) - len(self.text[after_name:].lstrip())
            claim.directives.append(Directive(name, argument, offset, at))
        self.last_end = self.text.find("-->", offset) + 3

    def _maths(self, m: re.Match, closer: str, display: bool) -> int:
        close = self._find_closer(m.end(), closer)
        if close < 0:
            self._finding("V103", m.start(), what="maths", closer=closer)
            return m.end()
        body = self.text[m.end() : close]
        if display or _holds_relation(body):
            inner = _inner_environment(self.text, m.end(), close)
            if inner is not None:  # an environment is displayed maths even between single dollars
                pieces = _rows(self.text, inner[0], inner[1], one_formula=inner[2].startswith("multline"))
                display = True
            elif display and _breaks_rows(self.text, m.end(), close):
                pieces = _rows(self.text, m.end(), close)  # MathJax's `a &= b \\ &= c` in a plain $$
            else:
                pieces = [(body, m.end())]
            self._add(pieces, display, m.start())
            self.last_end = close + len(closer)
        return close + len(closer)

    def _find_closer(self, start: int, closer: str) -> int:
        i = start
        while (i := self.text.find(closer, i)) >= 0:
            if closer == "$" and self.text[i - 1] == "\\":
                i += 1
                continue
            if closer == "$" and self.text[start:i].count("\n\n"):
                return -1  # inline maths never spans a paragraph break
            return i
        return -1

    def _environment(self, m: re.Match) -> int:
        env = m.group("env")
        end_tag = "\\end{" + env + "}"
        close = self.text.find(end_tag, m.end())
        if env not in DISPLAY_ENVIRONMENTS:
            return m.end() if close < 0 else close + len(end_tag)
        if close < 0:
            self._finding("V103", m.start(), what="\\begin{" + env + "}", closer=end_tag)
            return m.end()
        inner = _inner_environment(self.text, m.end(), close)
        start, end = (m.end(), close) if inner is None else inner[:2]
        self._add(_rows(self.text, start, end, one_formula=env.startswith("multline")), True, m.start())
        self.last_end = close + len(end_tag)
        return close + len(end_tag)

    def _add(self, pieces: list[tuple[str, int]], display: bool, start: int) -> None:
        """The block's first claim stands at its opening delimiter; a later row's, where its text starts."""
        at = start
        for text, offset, after_arrow in (part for piece in pieces for part in _implications(*piece)):
            if not text.strip():
                continue
            continues = bool(_RELATION_START.match(text))
            fragment = Fragment(_without_highlight(_without_alignment(_without_annotation(text))), offset, continues)
            if continues and display and self.claims and self.claims[-1].display:
                self.claims[-1].fragments.append(fragment)
                at = None
                continue
            line, column = position_in(self.starts, at if at is not None else offset + len(text) - len(text.lstrip()))
            self.claims.append(Claim([fragment], display, line, column, after_arrow=after_arrow))
            at = None

    def _finding(self, code: str, offset: int, **args) -> None:
        line, column = position_in(self.starts, offset)
        self.findings.append(Finding(code, line, column, args=tuple(args.items())))


# `A \implies B`, `A \quad\Leftrightarrow\quad B`: each side is a formula of its own, checked as a
# claim (a side that states a law, `X \sim p \Rightarrow ...`, is an assumption). Inside braces an
# arrow belongs to its group (a subscript, an annotation) and stays.
_ARROW = re.compile(r"\\(implies|impliedby|iff|Rightarrow|Longrightarrow|Leftrightarrow|Longleftrightarrow|therefore)(?![a-zA-Z])")
# `P(x) = ..., \quad Q(x) = ...`: two formulas side by side, split where each side holds a relation.
_SIDE_BY_SIDE = re.compile(r",\s*\\q?quad(?![a-zA-Z])")


def _implications(text: str, offset: int) -> list[tuple[str, int, bool]]:
    """The sides of the arrows in one row: (text, offset, whether an arrow stands before it)."""
    parts, pos, depth = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "{" and text[i - 1 : i] != "\\":
            depth += 1
        elif ch == "}" and text[i - 1 : i] != "\\":
            depth -= 1
        elif ch == "\\" and depth == 0 and (m := _ARROW.match(text, i)) is not None:
            parts.append((text[pos:i], offset + pos, bool(parts)))
            pos = m.end()
    parts.append((text[pos:], offset + pos, bool(parts)))
    parts = [piece for part in parts for piece in _side_by_side(*part)]
    return [p for p in parts if p[0].strip()] if len(parts) > 1 else parts


def _side_by_side(text: str, offset: int, after_arrow: bool) -> list[tuple[str, int, bool]]:
    cuts, depth = [], 0
    for i, ch in enumerate(text):
        if ch in "{(" and text[i - 1 : i] != "\\":
            depth += 1
        elif ch in "})" and text[i - 1 : i] != "\\":
            depth -= 1
        elif ch == "," and depth == 0 and (m := _SIDE_BY_SIDE.match(text, i)) is not None:
            cuts.append((i, m.end()))
    pieces, pos = [], 0
    for start, end in cuts:
        if _holds_relation(text[pos:start]) and _holds_relation(text[end:]):
            pieces.append((text[pos:start], offset + pos, after_arrow if not pieces else False))
            pos = end
    pieces.append((text[pos:], offset + pos, after_arrow if not pieces else False))
    return pieces


def _rows(text: str, start: int, end: int, one_formula: bool = False) -> list[tuple[str, int]]:
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


def _without_alignment(text: str) -> str:
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


def _inner_environment(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    """`$$\\begin{aligned} ... \\end{aligned}$$`: the rows inside, as for an align environment, and its name."""
    m = _INNER.match(text, start, end)
    return None if m is None else (m.start(3), m.end(3), m.group(1))


def _breaks_rows(text: str, start: int, end: int) -> bool:
    """A `\\\\` outside any matrix: the display is broken into rows, as in an align."""
    matrices = _matrix_spans(text, start, end)
    return any(not any(a <= br.start() < b for a, b in matrices) for br in _ROW_BREAK.finditer(text, start, end))


# An annotation: text after an alignment mark or a spacing command (`&& \text{(expand)}`,
# `\quad\text{where } ...`, `\qquad \mbox{by parts}`, `& \scriptstyle\text{; because ...}`) to the end of
# the row. It is prose, not maths to check: blanked (offsets kept) so that the formula before it is
# read, never lost with it. A `\text` after a plain space may be a name (`\log \text{softmax}(x)`):
# it is read as written.
_ANNOTATION = re.compile(r"(&|\\q?quad(?![a-zA-Z])|\\[,;:!])\s*(\\(scriptstyle|textstyle|small)\s*)?"
                         r"\\(text|mbox|textrm|textit|textbf)\s*\{")


def _without_annotation(text: str) -> str:
    m = _ANNOTATION.search(text)
    if m is None or not text[: m.start()].strip():
        return text
    return text[: m.start()] + "".join(ch if ch == "\n" else " " for ch in text[m.start():])


# How a formula is shown, never what it says: `\boxed{...}` around a result, `\color{blue}` (or
# `\textcolor{red}{...}`) on a term. Blanked, offsets kept; a box's braces go with it, a colour's
# argument stays a group.
_HIGHLIGHT = re.compile(r"\\boxed\s*\{|\\color\s*\{[a-zA-Z]*\}|\\textcolor\s*\{[a-zA-Z]*\}")


def _without_highlight(text: str) -> str:
    out = list(text)
    for m in _HIGHLIGHT.finditer(text):
        out[m.start() : m.end()] = " " * (m.end() - m.start())
        if m.group().startswith("\\boxed"):
            close = _matching_brace(text, m.end() - 1)
            if close is not None:
                out[close] = " "
            continue
        after = m.end() + len(text[m.end():]) - len(text[m.end():].lstrip())
        if text[after : after + 1] == "{" and (close := _matching_brace(text, after)) is not None:
            out[after] = out[close] = " "  # `\color{red}{+}`: the coloured argument, as if uncoloured
    return "".join(out)


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


def _holds_relation(body: str) -> bool:
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
