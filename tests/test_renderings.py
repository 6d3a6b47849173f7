"""The text, LaTeX and Markdown renderings of one note with one slip of each kind, as snapshots: maths readable.

tests/notes/renderings/slips.md holds one slip of every V2xx kind (KIND_CODES). It is checked once and
rendered as `check` prints it (the text report), as `latex` writes it (compiled here by pdflatex) and as
`markdown` annotates it; each rendering is compared with tests/snapshots/renderings/slips.{txt,tex,md}
(`UPDATE_SNAPSHOTS=1` writes them again). In none of them does SymPy's LaTeX show through: no
`\\left( \\right)` around a single atom, no `\\log{\\left(`; message maths is typeset as maths.
"""
from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import ROOT, SNAPSHOTS, assert_snapshot
from derivlint.model.findings import KIND_CODES
from derivlint.model.options import Options
from derivlint.note.loading import load
from derivlint.report.latex import latex_document
from derivlint.report.markdown import annotate
from derivlint.report.terminal import write_terminal
from derivlint.run.note import check_note

NOTE = "tests/notes/renderings/slips.md"
RENDERINGS = SNAPSHOTS / "renderings"
# `\left(x\right)`, `\left( 2 \right)`, `\left(\sigma \right)`: brackets SymPy writes round a lone atom
ATOM_IN_BRACKETS = re.compile(r"\\left\(\s*(?:\\?[A-Za-z]+|\d+(?:\.\d+)?)\s*\\right\)")
SLIP_CODES = sorted(KIND_CODES.values())


@pytest.fixture(scope="module")
def checked():
    """The note checked once, named by its path from the repository root, as `check` run there names it."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        # a generous budget: a loaded machine must not turn a slow symbolic step into another report
        return check_note(load(Path(NOTE)), Options(budget=60.0))


@pytest.fixture(scope="module")
def renderings(checked) -> dict[str, str]:
    with pytest.MonkeyPatch.context() as patch:
        for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "JUPYTER_COLUMNS", "JUPYTER_LINES"):
            patch.delenv(name, raising=False)
        patch.setenv("COLUMNS", "80")
        text = io.StringIO()
        write_terminal(text, [checked])
    return {"txt": text.getvalue(), "tex": latex_document(checked), "md": annotate(checked)}


def test_the_note_has_one_slip_of_each_kind(checked):
    codes = sorted(f.code for c in checked.claims for f in c.findings)
    assert codes == SLIP_CODES, codes
    assert all(c.verdict == "refuted" for c in checked.claims)


@pytest.mark.parametrize("suffix", ["txt", "tex", "md"])
def test_each_rendering_is_its_snapshot(renderings, suffix):
    assert_snapshot(renderings[suffix], RENDERINGS / f"slips.{suffix}")


@pytest.mark.parametrize("suffix", ["txt", "tex", "md"])
def test_no_rendering_shows_sympys_brackets(renderings, suffix):
    rendering = renderings[suffix]
    assert ATOM_IN_BRACKETS.findall(rendering) == []
    assert "\\log{\\left(" not in rendering
    assert "\\log(2 e \\pi)" not in rendering and "\\frac{\\log(" not in rendering  # folded as `\frac{1}{2} \log(...)`
    for code in SLIP_CODES:
        assert code in rendering


def test_the_text_report_gives_each_counterexample(renderings, checked):
    text = renderings["txt"]
    for claim in checked.claims:
        (link,) = claim.links
        values = ", ".join(f"{k} = {v:g}" for k, v in link.counterexample.items())
        assert f"link 1 (=): refuted [{', '.join(link.methods)}] at {values}\n" in text
    assert "[points, quadrature, montecarlo] at \\mu = " in text


def test_the_mismatch_is_written_as_an_author_would(renderings):
    # SymPy: \mu \sigma - \log{\left(\sigma \right)} - \frac{\log{\left(\pi \right)}}{2} - \frac{1}{2} - ...
    assert "V211 the sides differ by \\mu \\sigma - \\log(\\sigma) - \\frac{1}{2} \\log(2 \\pi e)\n" in renderings["txt"]
    # the special case's missing term, factored as the author wrote it, not expanded
    assert "\\frac{(m - \\mu)^{2}}{2 s^{2}}" in renderings["txt"]
    assert "\\mu^{2} - 2 \\mu m" not in renderings["txt"]


def test_latex_typesets_message_maths_as_maths(renderings):
    tex = renderings["tex"]
    assert "\\texttt{V201} (line 18, column 41): sign error on $\\frac{\\sigma^2 + (\\mu - m)^2}{2 s^2}$\n" in tex
    assert "holds only when $\\mu = m$" in tex and "holds after the substitution $t \\to 2t$" in tex
    assert "$\\frac{1}{2s}$ should be $\\frac{1}{2}$" in tex
    assert "\\textbackslash{}" not in tex  # no maths escaped as text
    assert re.search(r"refuted\} by points, quadrature, montecarlo at \$\\mu = -?[\d.]+\$, \$\\sigma = ", tex)


def test_latex_marks_keep_a_binary_signs_spacing(renderings):
    tex = renderings["tex"]
    # the box is an ordinary atom: `\fixmark{+ b}` after `a` would set a unary plus, `a+b`
    assert "\\log\\frac{s}{\\sigma} \\fixmark{{} + \\frac{\\sigma^2 + (\\mu - m)^2}{2 s^2}} - \\frac{1}{2}" in tex
    assert "\\frac{(\\mu - m)^2\\fixmark{{} + \\sigma^{2}}}{2 s^2}" in tex
    assert not re.search(r"[^\s(]\s*\\fixmark\{\s*[+-]", tex)


def test_latex_rendering_compiles(renderings, tmp_path):
    pdflatex = shutil.which("pdflatex")
    if pdflatex is None:
        pytest.fail("pdflatex is not installed: run `make latex-tools`")
    (tmp_path / "slips.tex").write_text(renderings["tex"], encoding="utf-8")
    run = subprocess.run([pdflatex, "-interaction=nonstopmode", "-halt-on-error", "slips.tex"], cwd=tmp_path,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-4000:]
    assert (tmp_path / "slips.pdf").stat().st_size > 0
    log = (tmp_path / "slips.log").read_text(errors="replace")
    assert "Missing $ inserted" not in log and "Undefined control sequence" not in log


def test_markdown_footnotes_write_maths_as_maths(renderings):
    md = renderings["md"]
    footnotes = re.findall(r"^\[\^verify-\d+\]: (V\d{3}) at line \d+, column \d+: (.*)$", md, re.M)
    assert sorted(code for code, _ in footnotes) == SLIP_CODES
    assert all("`" not in text for _, text in footnotes)  # no code spans
    assert "[^verify-1]: V201 at line 18, column 41: sign error on $\\frac{\\sigma^2 + (\\mu - m)^2}{2 s^2}$" in md
    assert "holds only when $\\mu = m$" in md
    assert "\\boxed{{} + \\frac{\\sigma^2 + (\\mu - m)^2}{2 s^2}}" in md


def test_the_annotated_copy_reads_as_the_note_does(renderings, checked, tmp_path):
    """The footnotes' maths (`$\\mu = m$`) is the tool's, not the note's: a re-check reads none of it (no claim,
    no stated value), and every corrected equation is skipped."""
    copy = tmp_path / "slips.md"
    copy.write_text(renderings["md"], encoding="utf-8")
    again = load(copy)
    assert again.findings == []
    assert [r.claim.latex for r in again.claims if not r.skipped] == [c.claim.latex for c in checked.claims]
    assert sum(r.skipped for r in again.claims) == sum(c.findings[0].fix is not None for c in checked.claims)


def test_the_snapshots_do_not_depend_on_the_machine(renderings):
    for text in renderings.values():
        assert str(ROOT) not in text and os.path.expanduser("~") + "/" not in text
