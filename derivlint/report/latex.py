"""Corrected LaTeX: a compilable article with every claim, its verdict, findings and corrected equation."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import yaml

from ..run.claim import ClaimResult
from ..checks.link import LinkResult
from ..run.note import NoteResult
from ..note.document import Note
from ..model.findings import Finding
from .chain import Row, aligned, corrected_groups, fixes_of, rows, spaced_marks
from ..model.verdicts import CONSISTENT, REFUTED, UNCHECKED, VERIFIED
from .messages import message_parts, point_values, reason_text
from .places import line_words

PREAMBLE = r"""\documentclass[11pt]{article}
\usepackage[margin=2cm]{geometry}
\usepackage{amsmath,amssymb}
\usepackage{xcolor}
\IfFileExists{bm.sty}{\usepackage{bm}}{\providecommand{\bm}{\boldsymbol}}
% mathrsfs needs fonts a minimal TeX lacks; calligraphic letters stand in for script ones.
\providecommand{\mathscr}{\mathcal}
% A changed part of a corrected equation, highlighted so the eye goes to it first.
\newcommand{\fixmark}[1]{\colorbox{yellow}{$\displaystyle #1$}}
\allowdisplaybreaks
% The default bullet comes from the TS1 encoding, which a minimal TeX has only as METAFONT sources.
\renewcommand{\labelitemi}{$\bullet$}
"""
VERDICT_COLOURS = {VERIFIED: "green!50!black", CONSISTENT: "cyan!50!black", REFUTED: "red!80!black",
                   UNCHECKED: "magenta!70!black"}
TEXT_ESCAPES = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\ensuremath{\$}", "&": r"\&", "#": r"\#",
                "%": r"\%", "_": r"\_", "^": r"\textasciicircum{}", "~": r"\textasciitilde{}",
                # The default OT1 font encoding prints these three as other glyphs (¡, ¿, an em dash).
                "<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}"}
# Non-ASCII that LaTeX's UTF-8 input sets in the OT1 fonts (accented letters, dashes, quotes). Others
# would stop pdflatex, or call for TS1 fonts that a minimal TeX must first build with METAFONT.
TEXT_UNICODE = ({chr(c) for c in range(0xC0, 0x100) if chr(c).isalpha()} - set("\u00d0\u00de\u00f0\u00fe")
                | set("\u2013\u2014\u2018\u2019\u201c\u201d"))  # eth and thorn exist only in T1
GREEK = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu",
         "nu", "xi", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega",
         "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega"}
COMMAND = re.compile(r"\\([a-zA-Z]+)")
# Defined by LaTeX and amsmath/amssymb: left out of the fallbacks only to keep the preamble short.
KNOWN_COMMANDS = GREEK | {
    "varepsilon", "vartheta", "varphi", "varsigma", "varrho", "varpi", "frac", "dfrac", "tfrac", "sqrt", "sum",
    "prod", "int", "log", "ln", "exp", "lim", "min", "max", "sin", "cos", "tan", "det", "left", "right", "big",
    "Big", "bigg", "Bigg", "cdot", "times", "div", "pm", "mp", "infty", "partial", "nabla", "mid", "vert", "Vert",
    "lVert", "rVert", "lvert", "rvert", "langle", "rangle", "ldots", "cdots", "dots", "equiv", "propto", "le",
    "leq", "ge", "geq", "ne", "neq", "approx", "sim", "in", "quad", "qquad", "mathrm", "mathbf", "mathit",
    "mathsf", "mathcal", "mathbb", "mathfrak", "mathscr", "boldsymbol", "bm", "text", "textrm", "textit",
    "operatorname", "tilde", "widetilde", "hat", "widehat", "bar", "overline", "vec", "dot", "ddot", "check",
    "breve", "top", "intercal", "fixmark"}


def latex_document(result: NoteResult) -> str:
    claims = [claim_section(i, c, result.loaded.note) for i, c in enumerate(result.claims, 1)]
    parts = [PREAMBLE + fallback_macros(result), r"\begin{document}", heading(result), *note_findings(result),
             *claims, r"\end{document}", ""]
    return "\n".join(parts)


def fallback_macros(result: NoteResult) -> str:
    """An upright operator name for every command of the note's maths that LaTeX does not define.

    Notes declare their own names (`\\KL`, `\\ELBO`); \\providecommand leaves LaTeX's and the
    packages' commands alone and gives only the unknown ones a meaning, so the document compiles.
    """
    maths = [m.latex for c in result.claims if c.reading for m in c.reading.members]
    maths += [fix.marked for c in result.claims for fix in fixes_of(c)]
    findings = result.note_findings + [f for c in result.claims for f in c.findings]
    maths += [piece for f in findings for piece, is_maths in message_parts(f) if is_maths]
    names = sorted(set(COMMAND.findall(" ".join(maths))) - KNOWN_COMMANDS)
    return "".join(f"\\providecommand{{\\{n}}}{{\\ensuremath{{\\operatorname{{{n}}}}}}}\n" for n in names)


def heading(result: NoteResult) -> str:
    counts = {v: sum(c.verdict == v for c in result.claims) for v in VERDICT_COLOURS}
    summary = ", ".join(f"{n} {v}" for v, n in counts.items())
    title = note_title(result.loaded.note, result.loaded.path)
    return (f"\\begin{{center}}{{\\Large\\bfseries {escape_text(title)}}}\\\\[1ex]\n"
            f"\\texttt{{{escape_text(result.loaded.path)}}}: {len(result.claims)} claim(s), {summary}\n"
            f"\\end{{center}}\n")


def note_title(note: Note | None, path: str) -> str:
    """The front matter's `title`, else the first `# ` heading, else the file's name."""
    if note is not None and note.front_matter is not None:
        try:
            data = yaml.safe_load(note.front_matter)
        except yaml.YAMLError:
            data = None
        if isinstance(data, dict) and isinstance(data.get("title"), str):
            return data["title"]
    found = re.search(r"^#[ \t]+(.+?)[ \t#]*$", note.text, re.M) if note is not None else None
    return found.group(1) if found else Path(path).stem


def note_findings(result: NoteResult) -> list[str]:
    if not result.note_findings:
        return []
    return [r"\section*{The note}", itemize(finding_item(f, result.loaded.note) for f in result.note_findings)]


def claim_section(number: int, claim: ClaimResult, note=None) -> str:
    source = claim.claim
    reading = claim.reading
    parts = [f"\\subsection*{{Claim {number}, {line_words(note, source.line)}: {verdict_tex(claim)}}}"]
    # An unread claim may not even be valid LaTeX: shown as text, so the document still compiles.
    parts.append(display(rows(reading)) if reading is not None else f"\\texttt{{{escape_text(source.latex)}}}")
    if claim.links:
        parts.append(itemize(link_item(link) for link in claim.links))
    if claim.findings:
        parts.append(itemize(finding_item(f, note) for f in claim.findings))
    fixes = fixes_of(claim)
    if fixes and reading is not None:
        applicability = ", ".join(sorted({f.applicability for f in fixes}))
        parts.append(f"Corrected equation ({escape_text(applicability)}; the change is highlighted):")
        parts += [display(chain) for chain in corrected_groups(reading, fixes)]
    return "\n".join(parts) + "\n"


def verdict_tex(claim: ClaimResult) -> str:
    expected = " (expected)" if claim.known_erratum else ""
    return f"\\textcolor{{{VERDICT_COLOURS[claim.verdict]}}}{{{claim.verdict}}}{expected}"


def link_item(link: LinkResult) -> str:
    methods = ", ".join(link.methods) or "no method"
    reason = f": {escape_text(reason_text(link.reason))}" if link.reason and link.verdict == UNCHECKED else ""
    at = " at " + ", ".join(f"${v}$" for v in point_values(link.counterexample)) if link.counterexample else ""
    return (f"link {link.index} (${link.relation}$): "
            f"\\textcolor{{{VERDICT_COLOURS[link.verdict]}}}{{{link.verdict}}} by {methods}{at}{reason}")


def finding_item(finding: Finding, note=None) -> str:
    return (f"\\texttt{{{finding.code}}} ({line_words(note, finding.line)}, column {finding.column}): "
            f"{message_tex(finding)}")


def message_tex(finding: Finding) -> str:
    """The message with its maths typeset as maths (`sign error on $\\frac{1}{2}$`), its words escaped."""
    return "".join(f"${piece.strip()}$" if is_maths else escape_text(piece) for piece, is_maths in message_parts(finding))


def display(chain: list[Row]) -> str:
    """A chain on aligned rows, one relation per row: long ML formulas rarely fit on one line."""
    chain = [(relation, spaced_marks(latex, "\\fixmark")) for relation, latex in chain]
    if len(chain) == 1:
        return "\\begin{equation*}\n" + chain[0][1] + "\n\\end{equation*}"
    return "\\begin{align*}\n" + aligned(chain) + "\n\\end{align*}"


def itemize(items) -> str:
    return "\\begin{itemize}\n" + "".join(f"\\item {item}\n" for item in items) + "\\end{itemize}"


def escape_text(text: str) -> str:
    return "".join(_escape_char(c) for c in text)


def _escape_char(c: str) -> str:
    if c in TEXT_ESCAPES:
        return TEXT_ESCAPES[c]
    if c.isascii() or c in TEXT_UNICODE:
        return c
    return _greek(c) or f"\\texttt{{U+{ord(c):04X}}}"


def _greek(c: str) -> str | None:
    """A Greek letter in a title or message, as the maths letter it names."""
    name = unicodedata.name(c, "")
    found = re.fullmatch(r"GREEK (SMALL|CAPITAL) LETTER (\w+)", name)
    if found is None:
        return None
    letter = found.group(2).capitalize().replace("Lamda", "Lambda")
    letter = letter.lower() if found.group(1) == "SMALL" else letter
    return f"\\ensuremath{{\\{letter}}}" if letter in GREEK else None
