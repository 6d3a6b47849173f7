"""Helpers shared by the tests (the only module tests import helpers from; no test imports a test).

- notes: front matters (GAUSSIANS, VECTORS, CONTEXT), writing, loading and checking a small note;
- results: verdicts, evidence and finding codes of a checked note;
- diagnoses: the one kind-naming finding of a claim, LaTeX compared up to spacing;
- reader: a name table from a front matter, the ReadError an action raises.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from verify.latex.errors import ReadError
from verify.model.findings import Finding
from verify.model.names import NameTable
from verify.model.options import Options
from verify.note.context import build_context
from verify.note.document import read_note
from verify.note.loading import LoadedNote, load
from verify.run.note import NoteResult, check_note

# --- notes ---------------------------------------------------------------------------------
GAUSSIANS = """\
---
verify:
  symbols:
    \\mu, m: real
    \\sigma, s: positive
  distributions:
    q(x): \\mathcal{N}(x; \\mu, \\sigma^2)
    p(x): \\mathcal{N}(x; m, s^2)
%s---
"""


VECTORS = """\
---
verify:
  symbols:
    d: positive integer
    z, \\mu: real vector[d]
    \\sigma: positive vector[d]
  distributions:
    q(z): \\mathcal{N}(z; \\mu, \\operatorname{diag}(\\sigma^2))
    p(z): \\mathcal{N}(z; 0, I)
---
"""


CONTEXT = r"""---
verify:
  symbols:
    d, D: positive integer
    z, \mu: real vector[d]
    \sigma: positive vector[d]
    x, y, a, b: real
    s, t: positive
    \tilde{x}, \hat{y}, \bar{z}, \sigma_\theta: real
    n: positive integer
  functions:
    f(x, y): x y + 1
    MSE(x, y): (x - y)^2
  distributions:
    q(z|x): \mathcal{N}(z; \mu, \operatorname{diag}(\sigma^2))
    p(z): \mathcal{N}(z; 0, I)
    r(y): \mathcal{N}(y; a, s^2)
%s---
"""


def write_note(folder: Path, text: str | bytes, name: str = "note.md") -> Path:
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def load_text(folder: Path, text: str | bytes, name: str = "note.md") -> LoadedNote:
    return load(write_note(folder, text, name))


def check_text(tmp_path: Path, text: str, options: Options = Options(), name: str = "note.md") -> NoteResult:
    path = tmp_path / name
    path.write_text(text)
    return check_note(load(path), options)


def check_gaussian(tmp_path: Path, body: str, options: Options = Options(), extra: str = "") -> NoteResult:
    return check_text(tmp_path, GAUSSIANS % extra + body, options)


# --- results -------------------------------------------------------------------------------
def verdicts(result: NoteResult) -> list[str]:
    return [c.verdict for c in result.claims]


def link_verdicts(result: NoteResult) -> list[list[str]]:
    return [[l.verdict for l in c.links] for c in result.claims]


def outcome(result: NoteResult, method: str, claim: int = 0, link: int = 0) -> str:
    evidence = result.claims[claim].links[link].evidence
    return next(e.outcome for e in evidence if e.method == method)


def codes(result: NoteResult) -> list[str]:
    return [f.code for f in result.findings]


def finding_places(findings) -> list[tuple[str, int, int]]:
    return sorted((f.code, f.line, f.column) for f in findings)


# --- diagnoses -----------------------------------------------------------------------------
def diagnosis(result: NoteResult, claim: int = 0) -> Finding:
    """The one finding of a claim that names a kind of slip."""
    findings = [f for f in result.claims[claim].findings if f.kind is not None]
    assert len(findings) == 1, [f.code for f in result.claims[claim].findings]
    return findings[0]


def normalised(latex: str) -> str:
    """Spacing and \\left/\\right sizing do not change a formula."""
    return re.sub(r"\\left|\\right|\s+", "", latex)


# --- reader --------------------------------------------------------------------------------
def table_for(front: str) -> NameTable:
    """The name table of a front matter, which must read without a finding."""
    context = build_context(read_note("note.md", front))
    assert context.findings == [], context.findings
    return context.table


def read_error(action) -> ReadError:
    with pytest.raises(ReadError) as caught:
        action()
    return caught.value
