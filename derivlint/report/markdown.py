"""Annotated copy of a note: the original text byte for byte, plus footnotes and corrected equations."""
from __future__ import annotations

import json
import re

from ..run.claim import ClaimResult
from ..run.note import NoteResult
from ..note.document import Claim, Note
from ..model.findings import Finding
from .chain import Row, aligned, corrected_groups, fixes_of, spaced_marks
from .messages import message_parts
from .places import line_words

# After a claim's maths body: row breaks or blank space, then the delimiter that closes it.
CLOSER = re.compile(r"(?:\s|\\\\)*(\$\$|\$|\\\]|\\\)|\\end\{[a-zA-Z*]+\})")
# A directive steers the claim before it when only white space lies between (as the note reader says).
DIRECTIVE = re.compile(r"\s*<!--\s*verify:.*?-->", re.S)
LABEL = "verify-"  # footnote labels of their own, so the author's [^1] keeps its meaning
MARKDOWN_SPECIAL = re.compile(r"[\\*_\[\]<>$~|]")  # what Markdown may read in a message's words


def annotate(result: NoteResult) -> str:
    """The note with insertions only: every original byte stays, in order."""
    note = result.loaded.note
    assert note is not None, "an unreadable note has no text to annotate"
    footnotes: list[Finding] = []
    inserts: list[tuple[int, str]] = []
    if result.note_findings:
        inserts.append(_note_level(note, _markers(footnotes, result.note_findings)))
    inserts += _claims_inserts(result, footnotes)
    return _apply(note.text, inserts) + _footnote_section(note, footnotes)


def _claims_inserts(result: NoteResult, footnotes: list[Finding]) -> list[tuple[int, str]]:
    return [insert for claim in result.claims if claim.findings
            for insert in _claim_inserts(result.loaded.note.text, claim, _markers(footnotes, claim.findings))]


def annotate_notebook(result: NoteResult, original: str) -> str:
    """A notebook written back (its JSON, `original`, read again) with the same insertions in its markdown cells,
    each at its place in the cell's source; what is said of the note as a whole goes in a markdown cell of its
    own at the top (after a front-matter cell), the footnotes in one at the end. No other cell changes."""
    note = result.loaded.note
    data = json.loads(original)
    footnotes: list[Finding] = []
    top = f"*verify: the note*{_markers(footnotes, result.note_findings)}" if result.note_findings else None
    by_cell: dict[int, list[tuple[int, str]]] = {}
    cells = note.parts
    for offset, insert in _claims_inserts(result, footnotes):
        k = cells.index_at(offset)
        by_cell.setdefault(k, []).append((offset - cells.starts[k], insert))
    for k, inserts in by_cell.items():
        cell = data["cells"][cells.labels[k] - 1]
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        # an insertion at the line end joining two cells belongs at the end of the cell's own source
        text = _apply(source, [(min(at, len(source)), insert) for at, insert in inserts])
        cell["source"] = text.splitlines(keepends=True)
    section = _footnote_section(note, footnotes).lstrip("\n")
    new = [] if top is None else [(0 if note.front_matter is None else cells.labels[0], top)]
    new += [(len(data["cells"]), section)] if section else []
    for at, source in sorted(new, reverse=True):  # the later first, so that the earlier index holds
        cell = {"cell_type": "markdown", "metadata": {}, "source": source.splitlines(keepends=True)}
        if (data.get("nbformat"), data.get("nbformat_minor", 0)) >= (4, 5):
            cell = {"id": f"verify-{at}", **cell}  # format 4.5 gives every cell an id
        data["cells"].insert(at, cell)
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def _markers(footnotes: list[Finding], findings: list[Finding]) -> str:
    start = len(footnotes)
    footnotes += findings
    return "".join(f"[^{LABEL}{start + i + 1}]" for i in range(len(findings)))


def _note_level(note: Note, markers: str) -> tuple[int, str]:
    """Findings about the note as a whole: a line at the top of the body, below the front matter."""
    text = note.text
    if note.front_matter is None:
        return 0, f"*verify: the note*{markers}\n\n"
    # The YAML starts on the line after the opening `---`; the closing `---` follows it.
    closing = text.find("\n") + 1 + len(note.front_matter)
    return _block_after_line(text, closing, f"*verify: the note*{markers}")


def _claim_inserts(text: str, claim: ClaimResult, markers: str) -> list[tuple[int, str]]:
    source = claim.claim
    end = _after_directives(text, _claim_end(text, source))
    displays = _corrected(claim)
    if not source.display:
        # Inline maths: the markers sit right after it; a display cannot go mid-paragraph, so after it.
        inserts = [(end, markers)]
        if displays:
            inserts.append(_block_after_line(text, _paragraph_end(text, end), "*verify: corrected*\n\n" + displays))
        return inserts
    label = f"*verify: {claim.verdict}{' (expected)' if claim.known_erratum else ''}*{markers}"
    return [_block_after_line(text, end, label + ("\n\n" + displays if displays else ""))]


def _corrected(claim: ClaimResult) -> str:
    fixes = fixes_of(claim)
    if not fixes or claim.reading is None:
        return ""
    return "\n\n".join(_display(chain) for chain in corrected_groups(claim.reading, fixes))


def _display(chain: list[Row]) -> str:
    """A `$$` block renderers show (\\boxed marks the change), which a re-check of this copy skips."""
    # MathJax and KaTeX, which render Markdown maths, both know \boxed; neither knows our \fixmark.
    texts = [(relation, spaced_marks(latex.replace("\\fixmark{", "\\boxed{"), "\\boxed")) for relation, latex in chain]
    body = texts[0][1] if len(texts) == 1 else "\\begin{aligned}\n" + aligned(texts) + "\n\\end{aligned}"
    return f"$$\n{body}\n$$\n<!-- verify: skip -->"


def _claim_end(text: str, claim: Claim) -> int:
    last = claim.fragments[-1]
    body_end = last.offset + len(last.text)
    closer = CLOSER.match(text, body_end)
    return closer.end() if closer else body_end


def _after_directives(text: str, pos: int) -> int:
    while (directive := DIRECTIVE.match(text, pos)) is not None:
        pos = directive.end()
    return pos


def _paragraph_end(text: str, pos: int) -> int:
    blank = re.compile(r"\n[ \t]*\n").search(text, pos)
    return blank.start() if blank else len(text)


def _block_after_line(text: str, pos: int, block: str) -> tuple[int, str]:
    """`block` as a paragraph of its own after the line holding `pos`, blank lines around it."""
    line_end = text.find("\n", pos)
    if line_end < 0:
        return len(text), "\n\n" + block
    next_line_blank = re.match(r"[ \t]*(\n|$)", text[line_end + 1 :]) is not None
    return line_end, "\n\n" + block + ("" if next_line_blank else "\n")


def _apply(text: str, inserts: list[tuple[int, str]]) -> str:
    pieces, last = [], 0
    # sorted is stable: two insertions at one offset keep the order of the claims that made them.
    for offset, insert in sorted(inserts, key=lambda i: i[0]):
        pieces += [text[last:offset], insert]
        last = offset
    return "".join(pieces) + text[last:]


def _footnote_section(note: Note, footnotes: list[Finding]) -> str:
    if not footnotes:
        return ""
    lines = [f"[^{LABEL}{i}]: {f.code} at {line_words(note, f.line)}, column {f.column}: {message_markdown(f)}"
             for i, f in enumerate(footnotes, 1)]
    return ("\n" if note.text.endswith("\n") else "\n\n") + "\n".join(lines) + "\n"


def message_markdown(finding: Finding) -> str:
    """The message with its maths as `$...$` (MathJax, KaTeX and pandoc typeset it) and its words as Markdown text:
    a code span the template writes (`` `\\log(s)` ``) stays one, other punctuation is escaped. A re-check of the
    copy does not read these lines: the reader leaves the tool's own `[^verify-N]:` footnotes out."""
    return "".join(f"${piece.strip()}$" if is_maths else _markdown_text(piece) for piece, is_maths in message_parts(finding))


def _markdown_text(text: str) -> str:
    pieces = re.split(r"(`+[^`]*`+)", text)  # code spans kept as they are
    return "".join(p if k % 2 else MARKDOWN_SPECIAL.sub(r"\\\g<0>", p) for k, p in enumerate(pieces))
