"""A LaTeX file as the maths scanner reads it: its `% ` front matter, its document's body, `\\input`s followed."""
from __future__ import annotations

import re
from pathlib import Path

from .macros import Macro, definitions
from .parts import Parts

_OPENING = re.compile(r"%[ \t]?---[ \t]*\r?\n")
_CLOSING = re.compile(r"%[ \t]?(---|\.\.\.)[ \t]*\r?$")
_VERBATIM = re.compile(r"\\begin\{(verbatim|Verbatim|lstlisting|minted|comment|filecontents)(\*?)\}.*?\\end\{\1\2\}", re.S)
_VERB = re.compile(r"\\verb\*?([^a-zA-Z\s*]).*?\1")
_INPUT = re.compile(r"\\(input|include)(?![a-zA-Z])\s*\{([^{}\n]+)\}")
_DIRECTIVE = re.compile(r"%[ \t]*verify:")  # `% verify: expect refuted`: kept for the scanner, as Markdown's comments
MAX_DEPTH = 10  # inputs inside inputs: deeper than any paper; a file that inputs itself stops here


def tex_front_matter(text: str) -> tuple[str | None, int]:
    """The YAML of a comment block opening the file, between `% ---` lines, each line `% `-prefixed: the prefix
    is blanked, not cut, so every YAML column is the file's own (a block indented by two spaces is still YAML)."""
    opening = _OPENING.match(text)
    if opening is None:
        return None, 0
    lines, pos = [], opening.end()
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end]
        if _CLOSING.match(line):
            return "".join(lines), end
        if not line.startswith("%"):
            return None, 0  # the block ends before its closing line: no front matter
        prefix = 2 if line.startswith(("% ", "%\t")) else 1
        lines.append(" " * prefix + line[prefix:] + "\n")
        pos = end + 1
    return None, 0


def without_comments(text: str) -> str:
    """Every `%` comment blanked to its line's end (`\\%` is a percent sign), offsets kept; a directive on a
    line of its own (`% verify: expect refuted`) is kept for the scanner."""
    out = list(text)
    for m in re.finditer("%", text):
        backslashes = len(text[: m.start()]) - len(text[: m.start()].rstrip("\\"))
        own_line = not text[text.rfind("\n", 0, m.start()) + 1 : m.start()].strip()
        if backslashes % 2 == 0 and out[m.start()] == "%" and not (own_line and _DIRECTIVE.match(text, m.start())):
            end = text.find("\n", m.start())
            for i in range(m.start(), len(text) if end < 0 else end):
                if out[i] != "\r":
                    out[i] = " "
    return "".join(out)


def _blanked(text: str, start: int, end: int) -> str:
    return text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]


def tex_masked(text: str, body_offset: int) -> tuple[str, list[Macro], tuple | None]:
    """The file as the scanner reads it, at the same offsets: comments, verbatim text, `\\verb`, and all but the
    body of `\\begin{document}` blanked, so are backquotes (TeX's opening quotes, not Markdown's code). The
    preamble's `\\newcommand`s and `\\DeclareMathOperator`s are the macros, each applying from where it stands;
    the first malformed one is returned with where it starts (V106)."""
    masked = without_comments(text)
    masked = _blanked(masked, 0, body_offset)
    for pattern in (_VERBATIM, _VERB):
        for m in pattern.finditer(masked):
            masked = _blanked(masked, *m.span())
    begin = re.search(r"\\begin\s*\{document\}", masked)
    found: list[tuple[Macro, int, int]] = []
    failed = None
    if begin is not None:
        found, failed = definitions(masked, body_offset, begin.start())
        masked = _blanked(masked, body_offset, begin.end())
        end = re.search(r"\\end\s*\{document\}", masked)
        if end is not None:
            masked = _blanked(masked, end.start(), len(masked))
    return masked.replace("`", " "), [macro for macro, _, _ in found], failed


def inlined(path: Path, text: str) -> tuple[str, Parts | None, list[tuple[int, str]]]:
    """The file with each `\\input{x}` and `\\include{x}` it (and its inputs) makes followed: the input's text
    is put after the line of the command, so that every part starts a line and keeps its own lines. Only
    files inside the note's folder are followed; one missing or outside is a problem at its command's
    offset in the joined text, and is not read."""
    root = path.resolve().parent
    pieces: list[tuple[str | None, int, str]] = []  # (file label, its first line, text)
    problems: list[tuple[int, str]] = []
    _follow((root, path.parent), None, text, 1, pieces, problems, 0, [path.resolve()], 0)
    if len(pieces) == 1:
        return text, None, problems
    labels, starts, first_lines, own_lines, offset, line = [], [], [], [], 0, 1
    for label, own_line, piece in pieces:
        labels.append(label)
        starts.append(offset)
        first_lines.append(line)
        own_lines.append(own_line)
        offset += len(piece)
        line += piece.count("\n")
    joined = "".join(piece for _, _, piece in pieces)
    return joined, Parts("file", tuple(labels), tuple(starts), tuple(first_lines), tuple(own_lines)), problems


def _follow(roots: tuple[Path, Path], label: str | None, text: str, own_line: int, pieces: list, problems: list,
            at: int, chain: list[Path], depth: int) -> int:
    """Appends `text` (of the file `label`, None for the note) with its inputs followed; `at` is where it
    starts in the joined text; `roots` is the note's folder resolved and as the note's path names it (an input's
    label is its path as the note's is written, `paper/sections/a.tex`). Returns where it ends there."""
    (root, shown_root), pos, line = roots, 0, own_line
    visible = without_comments(text)
    for m in _INPUT.finditer(visible):
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end + 1
        if line_end <= pos:
            continue  # a second input on a line already cut: its file follows the line, as the first's
        target, problem = _target(root, m.group(1), m.group(2).strip(), chain, depth)
        if problem is not None:
            problems.append((at + (m.start() - pos), problem))
            continue
        head = text[pos:line_end] + ("" if text[pos:line_end].endswith("\n") else "\n")
        pieces.append((label, line, head))
        at += len(head)
        line += head.count("\n")
        included = target.read_text(encoding="utf-8-sig", errors="replace")
        shown = (shown_root / target.relative_to(root)).as_posix()
        at = _follow(roots, shown, included + ("" if included.endswith("\n") or not included else "\n"), 1,
                     pieces, problems, at, chain + [target], depth + 1)
        pos = line_end
    rest = text[pos:]
    pieces.append((label, line, rest))
    return at + len(rest)


def _target(root: Path, command: str, name: str, chain: list[Path], depth: int) -> tuple[Path | None, str | None]:
    candidates = [root / name] if name.endswith(".tex") else [root / (name + ".tex"), root / name]
    target = next((c.resolve() for c in candidates if c.is_file()), None)
    written = f"\\{command}{{{name}}}"
    if target is None:
        return None, f"`{written}` names no file in its folder (its formulas are not read)"
    if root not in target.parents:
        return None, f"`{written}` is outside the note's folder, which is all that is read (its formulas are not read)"
    if target in chain or depth >= MAX_DEPTH:
        return None, f"`{written}` inputs a file that inputs it (or nests {MAX_DEPTH} deep): it is read once"
    return target, None
