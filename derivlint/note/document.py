"""Markdown note -> front matter and claims (maths fragments with their source positions)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model.findings import Finding
from .directives import Directive, DirectiveReader
from .display import (RELATION_COMMANDS, breaks_rows, holds_relation, implications, inner_environment, rows,
                      without_alignment, without_annotation, without_highlight)
from .macros import Macro, definitions
from .markdown_blocks import masked
from .parts import Parts
from .tex import tex_front_matter, tex_masked

DISPLAY_ENVIRONMENTS = ("equation", "equation*", "align", "align*", "gather", "gather*", "multline", "multline*",
                        "eqnarray", "eqnarray*", "flalign", "flalign*", "alignat", "alignat*")


@dataclass(frozen=True)
class Fragment:
    """A piece of maths and the absolute offset of its first character in the note.

    `text` is as written; when it calls the note's macros, `expanded` is what is read and `origins` the
    note offset of each of its characters (a character a macro writes stands at the start of its call),
    and one more for the end."""

    text: str
    offset: int
    continues: bool  # begins with a relation: carries on the chain before it
    expanded: str | None = None
    origins: tuple[int, ...] = field(default=(), compare=False, repr=False)

    @property
    def source(self) -> str:
        """The text the reader reads: the written one with its macros expanded."""
        return self.text if self.expanded is None else self.expanded

    def place(self, position: int) -> int:
        """The note offset of a position in `source` (one at or past its end: the end of the fragment)."""
        if self.expanded is None:
            return self.offset + position
        return self.origins[max(0, min(position, len(self.origins) - 1))]


@dataclass
class Claim:
    """One chain of relations as written in the note, maybe spread over several blocks."""

    fragments: list[Fragment]
    display: bool
    line: int
    column: int
    directives: list[Directive] = field(default_factory=list)
    after_arrow: bool = False  # follows `\implies` or `\Rightarrow`: the claim before it is its premise
    implication: bool = False  # a side of an arrow: it may hold only under the other side

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
    macros: tuple[Macro, ...] = ()  # defined in its maths (`\newcommand`), each from where it stands
    parts: Parts | None = None  # `text` joined from a notebook's cells or a LaTeX file's inputs: where each starts
    maths: tuple[tuple[int, str], ...] = ()  # (offset, text) of every maths span, claim or not, as scanned

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an absolute offset."""
        return position_in(self.line_starts, offset)

    def place_of(self, line: int) -> tuple[object, int]:
        """(part label, line within it) of a line of the text: a notebook's cell number, an `\\input` file's
        path (None for the note's own file); (None, line) for a note read whole."""
        return (None, line) if self.parts is None else self.parts.place(line)


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


def read_note(path: str, text: str, parts: Parts | None = None, latex: bool = False) -> Note:
    """Split a note (a notebook's markdown cells joined, with `parts`; a LaTeX file, `latex`, with its inputs);
    problems become findings, nothing is dropped silently. Each part is its own document: no block, maths or
    comment runs on past its end."""
    starts = line_starts_of(text)
    findings: list[Finding] = []
    front, body_offset = (tex_front_matter if latex else _front_matter)(text)
    bounds = parts.bounds(len(text)) if parts is not None and parts.starts else [len(text)]
    preamble: list[Macro] = []
    if latex:
        scanned, preamble, failed = tex_masked(text, body_offset)
        if failed is not None:
            error, _ = failed
            findings.append(Finding("V106", *position_in(starts, error.position), args=tuple(error.arguments.items())))
    else:
        pieces, begin = [], 0
        for end in bounds:
            pieces.append(masked(text[begin:end], max(0, body_offset - begin)))
            begin = end
        scanned = "".join(pieces)
    scanner = _Scanner(scanned, body_offset, starts, findings, bounds, latex)
    scanner.macros += preamble
    claims = scanner.scan()
    return Note(path, text, front, 2 if front is not None else 0, claims, findings, starts, tuple(scanner.macros),
                parts, tuple(scanner.maths))


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
    r"|(?P<texdirective>%[ \t]*verify:[^\n]*)"  # a LaTeX file's directive: `% verify: expect refuted`
    r"|(?P<code>`+)"
    r"|(?P<escaped>\\\$)"
    r"|(?P<ddollar>\$\$)"
    r"|(?P<dollar>\$)"
    r"|(?P<kbracket>\\\\\[)"  # kramdown's `\\[ ... \\]`: Markdown turns `\\` into the backslash of `\[`
    r"|(?P<bracket>\\\[)"
    r"|(?P<paren>\\\()"
    r"|(?P<begin>\\begin\{(?P<env>[a-zA-Z*]+)\})"
    r"|(?P<script><script\s+type=[\"']math/tex(?P<mode>;\s*mode=display)?[\"']\s*>)",  # MathJax 2's own blocks
    re.M,
)
def _price(text: str, after: int, close: int) -> bool:
    """`$5`, `$10.50`: a price, when the `$` before a digit has no closer, by pandoc's rule (a closing `$` has
    no space before it and no digit after it: in `$5 and $10` neither `$` closes the first). TeX writes `\\$5`."""
    if not text[after : after + 1].isdigit():
        return False
    return close < 0 or text[close - 1].isspace() or text[close + 1 : close + 2].isdigit()


_RELATION_START = re.compile(r"\s*&?\s*(=|<|>|\\(" + "|".join(sorted(RELATION_COMMANDS, key=len, reverse=True)) + r")(?![a-zA-Z]))")


class _Parts:
    """The text scanned, its parts (a notebook's cells, a LaTeX file's inputs) and the searches within a part."""

    def __init__(self, text: str, bounds: list[int]):
        self.text = text
        self.bounds = bounds  # where each part ends: nothing opened in one closes in the next

    def _blank(self, start: int, end: int) -> None:
        self.text = self.text[:start] + re.sub(r"[^\n]", " ", self.text[start:end]) + self.text[end:]

    def _part_end(self, start: int) -> int:
        return next(b for b in self.bounds if b > start) if start < self.bounds[-1] else self.bounds[-1]

    def _find(self, closer: str, start: int) -> int:
        """The first `closer` from `start` within its part, or -1."""
        return self.text.find(closer, start, self._part_end(start))

    def _find_closer(self, start: int, closer: str) -> int:
        i = start
        while (i := self._find(closer, i)) >= 0:
            if closer == "$" and self.text[i - 1] == "\\":
                i += 1
                continue
            if closer == "$" and self.text[start:i].count("\n\n"):
                return -1  # inline maths never spans a paragraph break
            return i
        return -1


class _Scanner(_Parts, DirectiveReader):
    """One pass over the body: maths, directives, and what is not maths (code, comments)."""

    def __init__(self, text: str, start: int, line_starts: list[int], findings: list[Finding], bounds: list[int],
                 latex: bool = False):
        super().__init__(text, bounds)
        self.pos, self.starts, self.findings = start, line_starts, findings
        self.latex = latex  # a LaTeX file: no Markdown (code, comments, prices), and `\\[2pt]` breaks a line
        self.claims: list[Claim] = []
        self.last_end = -1  # end offset of the last claim's maths, for directives
        self.macros: list[Macro] = []
        self.maths: list[tuple[int, str]] = []  # every maths span, claim or not, as scanned: `init` drafts from them

    def scan(self) -> list[Claim]:
        while (m := _TOKEN.search(self.text, self.pos)) is not None:
            self.pos = self._handle(m)
        self._unclaimed()
        return self.claims

    def _handle(self, m: re.Match) -> int:
        kind = m.lastgroup if m.lastgroup != "env" else "begin"
        if self.latex and kind in ("fence", "comment", "code", "script", "kbracket"):
            # TeX's own text: `\\[2pt]` is a line break (its `\[` opens nothing), `<!--` and backquotes are prose
            return m.start() + (2 if kind == "kbracket" else 1)
        if kind == "fence":
            return self._skip_fence(m)
        if kind == "comment":
            return self._comment(m)
        if kind == "texdirective":
            return self._tex_directive(m) if self.latex else m.start() + 1
        if kind == "code":
            close = self._find(m.group(), m.end())
            return m.end() if close < 0 else close + len(m.group())
        if kind == "escaped":
            return m.end()
        if kind == "begin":
            return self._environment(m)
        if kind == "script":
            return self._maths(m, "</script>", display=m.group("mode") is not None)
        if kind == "dollar" and not self.latex and _price(self.text, m.end(), self._find_closer(m.end(), "$")):
            return m.end()
        closer = {"ddollar": "$$", "dollar": "$", "bracket": "\\]", "kbracket": "\\\\]", "paren": "\\)"}[kind]
        # kramdown (Jekyll blogs) writes all maths between $$: inside a line of prose it is inline maths,
        # a claim only when it holds a relation, as $...$ is
        line_start = self.text.rfind("\n", 0, m.start()) + 1
        inline = kind == "ddollar" and self.text[line_start : m.start()].strip() != ""
        return self._maths(m, closer, display=kind in ("ddollar", "bracket", "kbracket") and not inline)

    def _skip_fence(self, m: re.Match) -> int:
        fence = m.group(2)
        close = re.compile(r"^[ \t]*" + re.escape(fence) + r"[ \t]*\r?$", re.M).search(self.text, m.end(), self._part_end(m.end()))
        if m.group().strip()[3:].strip().lower() == "math":  # GitHub's ```math fence: display maths
            if close is None:
                self._finding("V103", m.start(), what="```math fence", closer=fence)
                return m.end()
            start = m.end() + 1 if self.text[m.end() : m.end() + 1] == "\n" else m.end()
            if not self._only_definitions(start, close.start()):
                self.maths.append((start, self.text[start : close.start()]))
                self._display_block(start, close.start(), m.start())
                self.last_end = close.end()
        return self._part_end(m.end()) if close is None else close.end()

    def _comment(self, m: re.Match) -> int:
        close = self._find("-->", m.end())
        if close < 0:
            self._finding("V103", m.start(), what="HTML comment", closer="-->")
            return m.end()
        raw = self.text[m.end() : close]
        body = raw.strip()
        if body.startswith("verify:"):
            body_offset = m.end() + len(raw) - len(raw.lstrip()) + len("verify:")
            self._directives(body[len("verify:") :], m.start(), body_offset, close + 3)
        return close + 3

    def _tex_directive(self, m: re.Match) -> int:
        """`% verify: ...` in a LaTeX file steers the formula before it, as `<!-- verify: ... -->` does in Markdown."""
        at = m.start() + m.group().index("verify:") + len("verify:")
        self._directives(self.text[at : m.end()], m.start(), at, m.end())
        return m.end()

    def _maths(self, m: re.Match, closer: str, display: bool) -> int:
        close = self._find_closer(m.end(), closer)
        if close < 0:
            self._finding("V103", m.start(), what="maths", closer=closer)
            return m.end()
        self.maths.append((m.end(), self.text[m.end() : close]))
        if self._only_definitions(m.end(), close):
            return close + len(closer)
        body = self.text[m.end() : close]
        display = display or breaks_rows(self.text, m.end(), close)  # rows broken by \\ are displayed maths
        if display or holds_relation(body):
            self._display_block(m.end(), close, m.start(), display)
            self.last_end = close + len(closer)
        return close + len(closer)

    def _display_block(self, start: int, close: int, opening: int, display: bool = True) -> None:
        """The claims of a maths block between `start` and `close`; its first stands at `opening`."""
        inner = inner_environment(self.text, start, close)
        if inner is not None:  # an environment is displayed maths even between single dollars
            pieces = rows(self.text, inner[0], inner[1], one_formula=inner[2].startswith("multline"))
            display = True
        elif display and breaks_rows(self.text, start, close):
            pieces = rows(self.text, start, close)  # MathJax's `a &= b \\ &= c` in a plain $$
        else:
            pieces = [(self.text[start:close], start)]
        self._add(pieces, display, opening)

    def _only_definitions(self, start: int, end: int) -> bool:
        """The macros a block defines, taken out of it (blanked: offsets kept) and listed (V405); True when
        nothing else is left, and the block is no claim. A malformed definition is V106, and so is the rest."""
        found, failed = definitions(self.text, start, end)
        for macro, at, after in found:
            self._blank(at, after)
        self.macros += [macro for macro, _, _ in found]
        if found:
            self._finding("V405", found[0][1], names=", ".join(dict.fromkeys(f"`{macro.name}`" for macro, _, _ in found)))
        if failed is not None:  # nothing after it can be read as the author meant
            error, at = failed
            self._finding("V106", error.position, **error.arguments)
            self._blank(at, end)
        return bool(found or failed) and not self.text[start:end].strip()

    def _environment(self, m: re.Match) -> int:
        env = m.group("env")
        end_tag = "\\end{" + env + "}"
        close = self._find(end_tag, m.end())
        if env not in DISPLAY_ENVIRONMENTS:
            if self.latex:  # a theorem, a figure, a list: their maths is read (in Markdown such a block is skipped)
                return m.end()
            return m.end() if close < 0 else close + len(end_tag)
        if close < 0:
            self._finding("V103", m.start(), what="\\begin{" + env + "}", closer=end_tag)
            return m.end()
        columns = re.compile(r"\s*\{\s*\d+\s*\}").match(self.text, m.end()) if env.startswith("alignat") else None
        body = m.end() if columns is None else columns.end()  # `\begin{alignat}{2}`: its column count is no row
        if self._only_definitions(body, close):
            return close + len(end_tag)
        inner = inner_environment(self.text, body, close)
        start, end = (body, close) if inner is None else inner[:2]
        self.maths.append((start, self.text[start:end]))
        self._add(rows(self.text, start, end, one_formula=env.startswith("multline")), True, m.start())
        self.last_end = close + len(end_tag)
        return close + len(end_tag)

    def _add(self, pieces: list[tuple[str, int]], display: bool, start: int) -> None:
        """The block's first claim stands at its opening delimiter; a later row's, where its text starts."""
        at, under_arrow = start, False
        ignored = self._claimed(start)  # `<!-- verify: ignore ... -->` on the line before the formula
        parts = [(part, any(p[2] for p in row)) for row in (implications(*piece) for piece in pieces) for part in row]
        for (text, offset, after_arrow), arrowed in parts:
            # `x \sim p \Rightarrow &\langle x\rangle = a \\ &\langle \ln x\rangle = b`: every later row of the
            # display is under the same premise
            after_arrow = under_arrow = after_arrow or under_arrow
            if not text.strip():
                continue
            continues = bool(_RELATION_START.match(text))
            fragment = Fragment(without_highlight(without_alignment(without_annotation(text))), offset, continues)
            if continues and display and self.claims and self.claims[-1].display:
                self.claims[-1].fragments.append(fragment)
                at = None
                continue
            line, column = position_in(self.starts, at if at is not None else offset + len(text) - len(text.lstrip()))
            self.claims.append(Claim([fragment], display, line, column, list(ignored), after_arrow=after_arrow,
                                     implication=arrowed or after_arrow))
            at = None

    def _finding(self, code: str, offset: int, **args) -> None:
        line, column = position_in(self.starts, offset)
        self.findings.append(Finding(code, line, column, args=tuple(args.items())))
