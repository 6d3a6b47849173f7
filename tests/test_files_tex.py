"""LaTeX files: the display environments of the document's body, a `% ` front matter, preamble macros, inputs."""
from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout

import pytest

from helpers import verdicts
from derivlint.cli import main
from derivlint.model.options import Options
from derivlint.note.loading import load, load_text
from derivlint.note.tex import tex_front_matter
from derivlint.run.note import check_note

FRONT = """\
% ---
% verify:
%   symbols:
%     \\mu, m: real
%     \\sigma, s: positive
%   distributions:
%     q(x): \\mathcal{N}(x; \\mu, \\sigma^2)
%     p(x): \\mathcal{N}(x; m, s^2)
% ---
"""

ARTICLE = FRONT + r"""\documentclass{article}
\usepackage{amsmath}
\newcommand{\KL}{D_{\mathrm{KL}}}
\title{On $a = b$ in a title}
\begin{document}
\maketitle
The divergence, with one slip in its second link:
\begin{align}
\KL(q \| p) &= \log\frac{s}{\sigma} + \frac{\sigma^2 + (\mu - m)^2}{2 s^2} - \frac12 \label{eq:kl} \\
  &= \log\frac{s}{\sigma} + \frac{\sigma^2 + (\mu - m)^2}{s^2} - \frac12 \nonumber
\end{align}
\end{document}
$$c = d$$
"""


def claims(text: str, path: str = "paper.tex"):
    loaded = load_text(path, text)
    return [(c.claim.latex.split()[0], c.claim.line, c.claim.column) for c in loaded.claims], \
        [(f.code, f.line, f.column) for f in loaded.findings]


def run(*argv) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main([*map(str, argv)])
    return code, out.getvalue(), err.getvalue()


def test_a_newcommand_in_an_align_chain_with_one_false_link(tmp_path):
    path = tmp_path / "paper.tex"
    path.write_text(ARTICLE)
    loaded = load(path)
    assert loaded.findings == [] and len(loaded.claims) == 1  # the title's and the after-document maths are not read
    result = check_note(loaded, Options())
    assert verdicts(result) == ["refuted"]
    claim = result.claims[0]
    assert (claim.claim.line, claim.claim.column) == (17, 1)
    assert [link.verdict for link in claim.links] == ["verified", "refuted"]
    [finding] = claim.findings
    assert (finding.code, finding.line) == ("V202", 19)
    assert ARTICLE.splitlines()[18][finding.column - 1 :].startswith("\\frac{\\sigma^2 + (\\mu - m)^2}{s^2}")


def test_the_front_matter_keeps_the_files_columns():
    front, body = tex_front_matter(FRONT + "x")
    assert front.splitlines()[0] == "  verify:" and FRONT[body:].startswith("\n")
    text = FRONT.replace("positive\n", "positve\n", 1) + "\\[ \\mu = \\mu \\]\n"
    _, findings = claims(text)
    assert findings[0] == ("V102", 5, 7)  # `\sigma, s: positve`: the key's own line and column in the file
    broken = "% ---\n% verify:\n%   symbols: {a: real\n% ---\n"
    loaded = load_text("p.tex", broken)
    assert loaded.fatal and [(f.code, f.line) for f in loaded.findings] == [("V101", 3)]


@pytest.mark.parametrize("front", ["", "% --- not a front matter\n", "% ---\n% verify: {}\nno closing comment\n"])
def test_without_a_closed_comment_block_there_is_no_front_matter(front):
    loaded = load_text("p.tex", front + "\\[ a = a \\]\n")
    assert loaded.note.front_matter is None and not loaded.context.has_verify


def test_what_is_not_maths_in_a_latex_file():
    text = ("\\begin{document}\n"
            "50\\% off, % a comment $a = b$\n"
            "``quoted'' `single' text, then $x = y$.\n"
            "\\begin{verbatim}\n$$c = d$$\n\\end{verbatim}\n"
            "\\verb|$e = f$| and \\verb+\\[g = h\\]+\n"
            "A break \\\\[2pt] and another \\\\\n"
            "<!-- not a comment --> $5 = 5$\n"
            "\\end{document}\n")
    assert claims(text) == ([("x", 3, 32), ("5", 9, 24)], [])


def test_every_display_environment_of_the_body_is_read():
    text = ("\\begin{document}\n"
            "\\begin{theorem}\\label{t}\n\\begin{equation}\na = a \\tag{1}\n\\end{equation}\n\\end{theorem}\n"
            "\\begin{align*}\nb &= b \\\\\nc &= c\n\\end{align*}\n"
            "\\begin{gather}\nd = d\n\\end{gather}\n"
            "\\begin{multline}\ne + e \\\\\n= 2e\n\\end{multline}\n"
            "\\begin{eqnarray}\nf &=& f \\nonumber\n\\end{eqnarray}\n"
            "\\begin{alignat}{2}\ng &= g\n\\end{alignat}\n"
            "\\[ h = h \\]\n$$ i = i $$\n"
            "\\begin{itemize}\n\\item $j = j$\n\\end{itemize}\n"
            "\\end{document}\n")
    found, findings = claims(text)
    assert findings == []
    assert [name for name, _, _ in found] == ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]
    assert found[-1] == ("j", 27, 7)


def test_a_file_without_a_document_environment_is_read_whole():
    assert claims("Section text.\n\\begin{equation}\na = a\n\\end{equation}\n") == ([("a", 2, 1)], [])


def test_a_dollar_before_a_digit_is_maths_in_latex():
    assert claims("\\begin{document}\nIt is $5 = 5$, costing \\$5.\n\\end{document}\n") == ([("5", 2, 7)], [])


def test_inputs_are_followed_in_the_notes_folder_with_their_own_positions(tmp_path):
    (tmp_path / "sections").mkdir()
    (tmp_path / "sections" / "intro.tex").write_text("Intro:\n\\[ \\mu + \\mu = 2\\mu \\]\n\\input{sections/deeper}\n")
    (tmp_path / "sections" / "deeper.tex").write_text("\n\n$$ m + m = 3m $$\n")
    (tmp_path / "self.tex").write_text("\\input{self}\n")
    (tmp_path.parent / "outside.tex").write_text("$$ a = a $$\n")
    main_text = (FRONT + "\\begin{document}\n\\input{sections/intro}\n\\input{missing}\n"
                 "\\include{../outside}\n\\input{self}\n\\[ \\sigma = \\sigma \\]\n\\end{document}\n")
    path = tmp_path / "main.tex"
    path.write_text(main_text)
    code, out, _ = run("check", "--format", "json", "-j", "1", path)
    report = json.loads(out)["files"][0]
    assert [(c.get("file"), c["line"], c["column"], c["verdict"]) for c in report["claims"]] == [
        (f"{tmp_path}/sections/intro.tex", 2, 1, "verified"), (f"{tmp_path}/sections/deeper.tex", 3, 1, "refuted"),
        (None, 15, 1, "verified")]
    assert [(f["code"], f.get("file"), f["line"], f["column"]) for f in report["findings"]] == [
        ("V100", None, 12, 1), ("V100", None, 13, 1), ("V100", f"{tmp_path}/self.tex", 1, 1)]
    assert [f["message"].split("`")[1] for f in report["findings"]] == [
        "\\input{missing}", "\\include{../outside}", "\\input{self}"]
    code, out, _ = run("check", "-v", "-j", "1", path)
    assert code == 1 and f"{tmp_path}/sections/deeper.tex:3:1: refuted" in out and f"{path}:15:1: verified" in out


def test_directives_are_comments_on_a_line_of_their_own(tmp_path):
    text = (FRONT + "\\begin{document}\n\\[ \\mu + \\mu = 3\\mu \\]\n% verify: expect refuted\n"
            "\\begin{equation}\n\\sigma = 2\\sigma\n\\end{equation}\n  %verify: skip\n"
            "\\[ m = m \\] % verify: skip\n"
            "Prose.\n% verify: skip\n\\end{document}\n")
    loaded = load_text("p.tex", text)
    assert [[d.name for d in c.claim.directives] for c in loaded.claims] == [["expect refuted"], ["skip"], []]
    assert [(f.code, f.line, f.column) for f in loaded.findings] == [("V104", 19, 1)]  # after prose: stray
    path = tmp_path / "p.tex"
    path.write_text(text)
    code, out, _ = run("check", "-v", "-j", "1", path)
    assert code == 0 and "refuted (expected)" in out and "V302" in out and "V104" in out
