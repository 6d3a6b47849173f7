"""The reporters: terminal lines and summary, compilable LaTeX, the annotated Markdown copy, their commands."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
from contextlib import redirect_stdout
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pytest

from derivlint.model.options import Options
from derivlint.run.note import NoteResult, check_note
from derivlint.cli import main
from derivlint.model.findings import Finding, Fix
from derivlint.note.loading import LoadedNote, load
from derivlint.report.latex import escape_text, latex_document
from derivlint.report.markdown import annotate
from derivlint.report.progress import LONG_RUN, checked_with_progress
from derivlint.report.terminal import write_terminal

SEED = Path(__file__).resolve().parent.parent / "derivations" / "vae_losses.md"
KL_HALF_TERM = r"+ \frac{1}{2} (\mu_i^2 + \sigma_i^2 - 1)"
TTY_VARIABLES = ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "NO_COLOR")  # rich reads these before isatty()


@pytest.fixture(scope="module")
def seed() -> NoteResult:
    return check_note(load(SEED), Options())


@pytest.fixture(scope="module")
def with_fix(seed) -> NoteResult:
    """The seed with the KL slip's findings replaced by a hand-made one that carries a fix."""
    return with_claim_findings(seed, "-D_{KL}", [kl_sign_fix(seed)])


@pytest.fixture(scope="module")
def without_fix(seed) -> NoteResult:
    """The seed as before diagnosis: every refuted link a V200 finding, no fix."""
    claims = [replace(c, findings=[v200(c, l) for l in c.links if l.verdict == "refuted"]) for c in seed.claims]
    return NoteResult(seed.loaded, claims)


@pytest.fixture(autouse=True)
def not_a_terminal(monkeypatch):
    for name in TTY_VARIABLES:
        monkeypatch.delenv(name, raising=False)


def claim_at(result: NoteResult, latex_start: str):
    return next(c for c in result.claims if c.claim.latex.startswith(latex_start))


def with_claim_findings(result: NoteResult, latex_start: str, findings: list[Finding]) -> NoteResult:
    target = claim_at(result, latex_start)
    return NoteResult(result.loaded, [replace(c, findings=findings) if c is target else c for c in result.claims])


def kl_sign_fix(result: NoteResult) -> Finding:
    claim = claim_at(result, "-D_{KL}")
    member = claim.reading.members[2]
    assert KL_HALF_TERM in member.latex
    fix = Fix(member.latex.replace(KL_HALF_TERM, "-" + KL_HALF_TERM[1:]),
              member.latex.replace(KL_HALF_TERM, r"\fixmark{-" + KL_HALF_TERM[1:] + "}"), member.start, member.end)
    line, column = result.loaded.note.position(member.start)
    return Finding("V201", line, column, args=(("term", KL_HALF_TERM[2:]),), kind="sign", fix=fix)


def v200(claim, link) -> Finding:
    source = claim.claim
    return Finding("V200", source.line, source.column,
                   args=(("index", link.index), ("relation", link.relation), ("counterexample", (("x", 1),))))


def terminal(result: NoteResult) -> str:
    out = io.StringIO()
    write_terminal(out, [result])
    return out.getvalue()


def verdict_lines(text: str, path: str) -> list[tuple[int, str]]:
    pattern = rf"^{re.escape(path)}:(\d+):\d+: (verified|consistent|refuted|unchecked)\b"
    return [(int(line), verdict) for line, verdict in re.findall(pattern, text, re.M)]


def finding_codes(text: str) -> list[str]:
    return re.findall(r"^\s+\S+:\d+:\d+: (V\d{3}) ", text, re.M)


def pretend_terminal(monkeypatch) -> None:
    # Each way rich has been told "a terminal" across its versions; TERM=dumb (common in CI) would veto.
    for name, value in (("FORCE_COLOR", "1"), ("TTY_COMPATIBLE", "1"), ("TTY_INTERACTIVE", "1"), ("TERM", "xterm")):
        monkeypatch.setenv(name, value)


def is_subsequence(small: str, big: str) -> bool:
    rest = iter(big)
    return all(char in rest for char in small)


def pdflatex() -> str:
    found = shutil.which("pdflatex")
    if found is None:
        pytest.fail("pdflatex is not installed: run `make latex-tools` (.ci/run does so before `make test`)")
    return found


def compiles(tmp_path: Path, document: str) -> subprocess.CompletedProcess:
    (tmp_path / "report.tex").write_text(document, encoding="utf-8")
    return subprocess.run([pdflatex(), "-interaction=nonstopmode", "-halt-on-error", "report.tex"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)


# Terminal


@pytest.mark.parametrize("variant", ["seed", "with_fix", "without_fix"])
def test_terminal_has_one_verdict_line_per_claim_and_no_ansi_codes(request, variant):
    result = request.getfixturevalue(variant)
    text = terminal(result)
    assert "\x1b" not in text
    expected = [(c.claim.line, c.verdict) for c in result.claims]
    assert verdict_lines(text, result.loaded.path) == expected
    assert finding_codes(text) == [f.code for c in result.claims for f in c.findings]


def test_terminal_prints_the_fix_under_its_finding(with_fix):
    lines = terminal(with_fix).splitlines()
    at = next(i for i, line in enumerate(lines) if re.match(r"\s+\S+:\d+:\d+: V201 ", line))
    fix = kl_sign_fix(with_fix).fix
    assert lines[at + 1].strip().endswith(fix.latex)


def test_terminal_colours_only_when_rich_sees_a_terminal(seed, monkeypatch):
    pretend_terminal(monkeypatch)
    assert "\x1b[" in terminal(seed)


def test_summary_table_counts_each_verdict_per_note(seed):
    row = next(line for line in terminal(seed).splitlines() if line.strip().startswith(seed.loaded.path + " "))
    counts = [int(n) for n in row.split()[1:]]
    verdicts = ("verified", "consistent", "refuted", "unchecked")
    assert counts == [sum(c.verdict == v for c in seed.claims) for v in verdicts]


def test_progress_bar_only_for_a_long_run_at_a_terminal(monkeypatch, capsys):
    def notes(claims: int) -> list[LoadedNote]:
        return [LoadedNote(f"n{i}.md", None, None, claims=[SimpleNamespace(skipped=False, listed=False)] * claims)
                for i in range(2)]

    told = []

    def check(batch, on_claim):
        for note in batch:
            for _ in note.claims:
                if on_claim is not None:
                    on_claim(note)
                    told.append(note.path)
        return [n.path for n in batch]

    assert checked_with_progress(notes(LONG_RUN), check) == ["n0.md", "n1.md"]
    assert (capsys.readouterr().err, told) == ("", [])  # not a terminal: no bar to advance
    pretend_terminal(monkeypatch)
    checked_with_progress(notes(1), check)
    assert (capsys.readouterr().err, told) == ("", [])  # a terminal, but a short run
    assert checked_with_progress(notes(LONG_RUN), check) == ["n0.md", "n1.md"]
    assert capsys.readouterr().err != ""
    assert told == ["n0.md"] * LONG_RUN + ["n1.md"] * LONG_RUN  # advanced claim by claim


# LaTeX


@pytest.mark.parametrize("variant", ["with_fix", "without_fix"])
def test_latex_of_the_seed_compiles(request, tmp_path, variant):
    run = compiles(tmp_path, latex_document(request.getfixturevalue(variant)))
    assert run.returncode == 0, run.stdout[-4000:]
    assert (tmp_path / "report.pdf").stat().st_size > 0


def test_latex_shows_every_verdict_and_the_marked_corrected_equation(with_fix):
    document = latex_document(with_fix)
    shown = re.findall(r"\\subsection\*\{Claim \d+, line (\d+): \\textcolor\{[^}]*\}\{(\w+)\}", document)
    assert shown == [(str(c.claim.line), c.verdict) for c in with_fix.claims]
    assert r"\newcommand{\fixmark}" in document
    corrected = document.split("Corrected equation", 1)[1].split(r"\end{align*}", 1)[0]
    first = claim_at(with_fix, "-D_{KL}").read.reading.members[0].latex
    # the sign inside the mark stays binary: `{} -`, as the box is an ordinary atom
    marked = kl_sign_fix(with_fix).fix.marked.replace(r"\fixmark{- ", r"\fixmark{{} - ")
    assert first in corrected and marked in corrected
    assert r"\texttt{V201}" in document


def test_latex_without_a_fix_lists_the_finding_and_no_correction(without_fix):
    document = latex_document(without_fix)
    assert document.count(r"\texttt{V200}") == 2
    assert "Corrected equation" not in document


def test_latex_escapes_text_and_compiles_an_awkward_note(tmp_path):
    note = tmp_path / "odd.md"
    note.write_text("---\ntitle: \"50% of {odd} <notes> & #1 ~ ^ | $ \\\\ \u2014 \u00e9 \u00fe \u03c3 \u0436\"\n"
                    "verify:\n  symbols:\n    a, \\ELBO: real\n---\n"
                    "Inline $a + 1 = a$ claim.\n\n$$\\ELBO + a = a + \\ELBO$$\n\n"
                    "$$\\frac{1}{2 = 3$$\n\n$$b = 1$$\n", encoding="utf-8")
    document = latex_document(check_note(load(note), Options()))
    assert r"50\% of \{odd\} \textless{}notes\textgreater{} \& \#1" in document
    assert r"\providecommand{\ELBO}" in document  # a name of the note's own: an operator name
    run = compiles(tmp_path, document)
    assert run.returncode == 0, run.stdout[-4000:]
    # No TS1 glyph (tcrm fonts): a minimal TeX would first have to build them with METAFONT.
    assert "tcrm" not in (tmp_path / "report.log").read_text(errors="replace")


def test_escape_text_leaves_no_special_character_bare():
    escaped = escape_text(r"a_b {c} \mu $ & # % ^ ~ < > |")
    commands = (r"\\(textbackslash|textasciicircum|textasciitilde|textless|textgreater|textbar)\{\}"
                r"|\\ensuremath\{\\\$\}|\\[{}&#%_]")
    assert not set(re.sub(commands, "", escaped)) & set("\\{}$&#%_^~<>|")


# Markdown


def test_markdown_keeps_the_note_and_adds_one_footnote_per_finding(with_fix):
    original = with_fix.loaded.note.text
    annotated = annotate(with_fix)
    assert is_subsequence(original, annotated)
    footnotes = re.findall(r"^\[\^verify-(\d+)\]: (V\d{3}) ", annotated, re.M)
    assert [code for _, code in footnotes] == [f.code for f in with_fix.findings]
    for label, _ in footnotes:
        assert annotated.count(f"[^verify-{label}]") == 2  # the marker and the footnote
    fix = kl_sign_fix(with_fix).fix
    boxed = annotated.index(fix.marked.replace(r"\fixmark{- ", r"\boxed{{} - "))
    assert annotated.index("<!-- verify: expect refuted -->") < boxed < annotated.index("Known erratum")


def test_markdown_without_a_fix_adds_footnotes_only(without_fix):
    annotated = annotate(without_fix)
    assert is_subsequence(without_fix.loaded.note.text, annotated)
    assert len(re.findall(r"^\[\^verify-\d+\]: V200 ", annotated, re.M)) == 2
    assert r"\boxed" not in annotated


def test_markdown_copy_checks_as_the_note_does(with_fix, tmp_path):
    copy = tmp_path / "annotated.md"
    copy.write_text(annotate(with_fix), encoding="utf-8")
    checked = check_note(load(copy), Options())
    assert [c.verdict for c in checked.claims] == [c.verdict for c in with_fix.claims]
    assert not checked.loaded.findings  # every directive still follows its formula


def test_markdown_inline_claim_gets_its_marker_and_a_display_after_the_paragraph(tmp_path):
    note = tmp_path / "inline.md"
    note.write_text("---\nverify:\n  symbols:\n    a: real\n---\n"
                    "Here $a + 1 = a$ holds,\nsays the note.\n\nNext paragraph.\n", encoding="utf-8")
    result = check_note(load(note), Options())
    member = result.claims[0].read.reading.members[1]
    fix = Fix("a + 1", r"a \fixmark{+ 1}", member.start, member.end)
    finding = Finding("V206", 6, 15, args=(("term", "-1"),), kind="constant", fix=fix)
    annotated = annotate(with_claim_findings(result, "a + 1", [finding]))
    assert "$a + 1 = a$[^verify-1] holds" in annotated
    assert annotated.index("says the note.") < annotated.index(r"a \boxed{{} + 1}") < annotated.index("Next paragraph.")
    assert is_subsequence(note.read_text(), annotated)


# Commands


def test_latex_and_markdown_commands_write_their_files(tmp_path):
    tex, md = tmp_path / "out" / "seed.tex", tmp_path / "seed.md"
    with redirect_stdout(io.StringIO()):
        assert main(["latex", str(SEED), "-o", str(tex)]) == 0
        assert main(["markdown", str(SEED), "-o", str(md)]) == 0
        assert main(["latex", str(tmp_path / "missing.md"), "-o", str(tex)]) == 2
    assert tex.read_text().startswith(r"\documentclass")
    assert is_subsequence(SEED.read_text(), md.read_text())


def test_check_prints_the_terminal_report(seed):
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["check", "-v", str(SEED)]) == 0
    assert [v for _, v in verdict_lines(out.getvalue(), str(SEED))] == [c.verdict for c in seed.claims]
