"""Helpers shared by the tests (the only module tests import helpers from; no test imports a test).

- notes: front matters (GAUSSIANS, NORMAL, VECTORS, CONTEXT), writing, loading and checking a small note;
- results: verdicts, evidence and finding codes of a checked note, and `assert_findings`;
- diagnoses: the one kind-naming finding of a claim, LaTeX compared up to spacing;
- reader: a name table from a front matter, the ReadError an action raises;
- snapshots: a rendered text compared with a stored file, written again on UPDATE_SNAPSHOTS=1.
"""
from __future__ import annotations

import os
import re
import tempfile
from collections import Counter
from pathlib import Path

import pytest

from derivlint.latex.errors import ReadError
from derivlint.model.findings import Finding
from derivlint.model.names import NameTable
from derivlint.model.options import Options
from derivlint.note.context import build_context
from derivlint.note.document import read_note
from derivlint.note.loading import LoadedNote, load
from derivlint.run.note import NoteResult, check_note
from derivlint.report.messages import message

ROOT = Path(__file__).resolve().parent.parent  # the repository
NOTES = ROOT / "tests" / "notes"
SNAPSHOTS = ROOT / "tests" / "snapshots"

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

# One normal law on x with its parameters: the front matter of several real notes (StatProofBook's, a blog's).
NORMAL = """\
---
verify:
  symbols:
    \\mu: real
    \\sigma: positive
  distributions:
    p(x): \\mathcal{N}(x; \\mu, \\sigma^2)
---
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


def finding_places(findings) -> list[tuple[str, int, int]]:
    return sorted((f.code, f.line, f.column) for f in findings)


def is_tool_fault(code: str) -> bool:
    """V9xx: an internal error of the tool, never a finding about the note."""
    return code.startswith("V9")


def _described(finding: Finding) -> str:
    return f"{finding.code} at {finding.line}:{finding.column}: {message(finding)}"


def assert_findings(result_or_note: NoteResult | str, *expected: str, options: Options = Options()) -> NoteResult:
    """The finding codes of a checked note are exactly `expected`, as a multiset (order is free).

    `result_or_note` is a NoteResult, or a note's text, which is then checked here in a
    temporary folder. No finding may be a tool fault (V9xx), even if it is expected. Returns
    the result, for further assertions.
    """
    __tracebackhide__ = True  # a failure points at the test that called this
    malformed = [c for c in expected if not (isinstance(c, str) and re.fullmatch(r"V\d{3}", c))]
    assert not malformed, f"codes are given one per argument, as V123: {malformed}"
    if isinstance(result_or_note, str):
        with tempfile.TemporaryDirectory() as folder:
            result = check_text(Path(folder), result_or_note, options)
    else:
        result = result_or_note
    findings = result.findings
    found = Counter(f.code for f in findings)
    wanted = Counter(expected)
    faults = [f for f in findings if is_tool_fault(f.code)]
    if found == wanted and not faults:
        return result
    lines = [f"expected codes: {sorted(wanted.elements())}", f"found codes:    {sorted(found.elements())}"]
    if wanted - found:
        lines.append(f"missing:        {sorted((wanted - found).elements())}")
    if found - wanted:
        lines.append(f"unexpected:     {sorted((found - wanted).elements())}")
    if faults:
        lines.append("tool faults (V9xx) are never findings about the note: "
                     + ", ".join(f.code for f in faults))
    lines.append("findings:")
    lines += [f"  {_described(f)}" for f in sorted(findings, key=lambda f: (f.line, f.column, f.code))] or ["  (none)"]
    raise AssertionError("\n".join(lines))


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


# --- snapshots -----------------------------------------------------------------------------
def updating_snapshots() -> bool:
    return os.environ.get("UPDATE_SNAPSHOTS") == "1"


def assert_snapshot(text: str, path: Path) -> None:
    """`text` equals the stored snapshot at `path`; with UPDATE_SNAPSHOTS=1 the snapshot is written.

    A missing snapshot fails (it is never skipped): run once with UPDATE_SNAPSHOTS=1, read the
    new file, and commit it.
    """
    __tracebackhide__ = True
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    if updating_snapshots():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
        return
    if not path.is_file():
        pytest.fail(f"no snapshot {shown}: run with UPDATE_SNAPSHOTS=1 to write it, then review it", pytrace=False)
    stored = path.read_bytes().decode("utf-8")  # as stored: no newline translation
    assert text == stored, f"the output differs from the snapshot {shown} (UPDATE_SNAPSHOTS=1 rewrites it)"


# Two claims, the first true and the second false (line 8): a small note for the command line.
TRUE_THEN_FALSE = """\
---
verify:
  symbols:
    a, b: positive
---
$$\\log(ab) = \\log a + \\log b$$

$$a + b = a - b$$
"""
