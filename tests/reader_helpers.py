"""Helpers for reader tests: a name table from a small front matter, and what a formula reads as."""
from __future__ import annotations

from pathlib import Path

import pytest

from verify.note.context import build_context
from verify.note.document import read_note
from verify.latex.errors import ReadError
from verify.note.loading import LoadedNote, load
from verify.model.names import NameTable

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


def table_for(front: str) -> NameTable:
    """The name table of a front matter, which must read without a finding."""
    context = build_context(read_note("note.md", front))
    assert context.findings == [], context.findings
    return context.table


def read_error(action) -> ReadError:
    with pytest.raises(ReadError) as caught:
        action()
    return caught.value


def write_note(folder: Path, text: str | bytes, name: str = "note.md") -> Path:
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def load_text(folder: Path, text: str | bytes, name: str = "note.md") -> LoadedNote:
    return load(write_note(folder, text, name))


def finding_places(findings) -> list[tuple[str, int, int]]:
    return sorted((f.code, f.line, f.column) for f in findings)
