"""Helpers for check tests: write a small note, check it, look at verdicts and evidence."""
from __future__ import annotations

from pathlib import Path

from verify.model.options import Options
from verify.run.note import NoteResult, check_note
from verify.note.loading import load

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


def check_text(tmp_path: Path, text: str, options: Options = Options(), name: str = "note.md") -> NoteResult:
    path = tmp_path / name
    path.write_text(text)
    return check_note(load(path), options)


def check_gaussian(tmp_path: Path, body: str, options: Options = Options(), extra: str = "") -> NoteResult:
    return check_text(tmp_path, GAUSSIANS % extra + body, options)


def verdicts(result: NoteResult) -> list[str]:
    return [c.verdict for c in result.claims]


def link_verdicts(result: NoteResult) -> list[list[str]]:
    return [[l.verdict for l in c.links] for c in result.claims]


def outcome(result: NoteResult, method: str, claim: int = 0, link: int = 0) -> str:
    evidence = result.claims[claim].links[link].evidence
    return next(e.outcome for e in evidence if e.method == method)


def codes(result: NoteResult) -> list[str]:
    return [f.code for f in result.findings]
