"""CommonMark's block structure (markdown-it-py): code and the tool's own footnotes blanked, blockquote markers stripped, offsets kept."""
from __future__ import annotations

import re

from markdown_it import MarkdownIt

# A display that opens a line and closes on a later one is a leaf block of its own, as mdit-py-plugins'
# dollarmath and amsmath read it: its rows are maths, so a row that starts with `>` or `-`, or is indented
# after a blank line, is never taken for a blockquote, a list or code.
_DISPLAY_OPENER = re.compile(r"(\$\$|\\\\\[|\\\[|\\begin\{([a-zA-Z]+\*?)\})")
_CLOSER = {"$$": "$$", "\\[": "\\]", "\\\\[": "\\\\]"}
# `>` markers at the start of a line of a blockquote (nested ones too: `> > text`); a lazy line has none
_QUOTE_MARKERS = re.compile(r"[ \t]*>[ \t]?(?:[ \t]{0,3}>[ \t]?)*")
# The tool's own footnotes in an annotated copy (`python -m derivlint markdown`): its messages, whose maths is
# `$...$`, are not the note's claims, so a re-check of the copy checks what the note does.
_OWN_FOOTNOTE = re.compile(r"^\[\^verify-\d+\]:[^\r\n]*", re.M)


def _display_maths(state, start_line: int, end_line: int, silent: bool) -> bool:
    if state.sCount[start_line] - state.blkIndent >= 4:  # indented: code, not maths
        return False
    begin = state.bMarks[start_line] + state.tShift[start_line]
    first = state.src[begin : state.eMarks[start_line]]
    opener = _DISPLAY_OPENER.match(first)
    if opener is None:
        return False
    closer = _CLOSER.get(opener.group(1)) or "\\end{" + str(opener.group(2)) + "}"
    if closer in first[opener.end() :]:
        return False  # on one line: the paragraph's text, which no block rule can split
    for line in range(start_line + 1, end_line):
        if closer in state.src[state.bMarks[line] : state.eMarks[line]]:
            break
    else:
        return False  # never closed: left to the scanner, which reports it (V103)
    if not silent:
        token = state.push("display_maths", "", 0)
        token.map, token.block = [start_line, line + 1], True
        state.line = line + 1
    return True


def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark")
    parser.block.ruler.before("fence", "display_maths", _display_maths,
                              {"alt": ["paragraph", "reference", "blockquote", "list"]})
    return parser


_PARSER = _parser()


def masked(text: str, body_start: int) -> str:
    """The note as the maths scanner reads it, character for character at the same offsets: fenced and
    indented code blanked (a ```` ```math ```` fence is kept: it is display maths), and the `>` markers of
    blockquotes and callouts blanked, so `> $$ a = b $$` reads as `a = b` where it stands."""
    # lines as markdown-it counts them: it ends a line at `\r\n`, `\n` and a lone `\r` alike
    breaks = list(re.finditer(r"\r\n|\r|\n", text))
    starts = [0] + [m.end() for m in breaks]
    ends = [m.start() for m in breaks] + [len(text)]
    # the front matter is no Markdown: blank lines for the parser (a `---` would be a rule or a heading)
    source = re.sub(r"[^\n]", " ", text[:body_start]) + text[body_start:]
    out = list(text)

    def blank(first: int, last: int) -> None:
        for i in range(starts[first], ends[min(last, len(starts)) - 1]):
            if out[i] not in "\r\n":
                out[i] = " "

    for token in _PARSER.parse(source):
        if token.map is None:
            continue
        first, last = token.map
        if token.type == "code_block" or (token.type == "fence" and token.info.strip().lower() != "math"):
            blank(first, last)
        elif token.type == "blockquote_open":
            for line in range(first, min(last, len(starts))):
                marker = _QUOTE_MARKERS.match(text, starts[line], ends[line])
                if marker is not None:
                    blank_from, blank_to = marker.span()
                    out[blank_from:blank_to] = " " * (blank_to - blank_from)
    for own in _OWN_FOOTNOTE.finditer(text, body_start):
        out[own.start():own.end()] = " " * (own.end() - own.start())
    return "".join(out)
