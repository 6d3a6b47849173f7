"""Jupyter notebooks: markdown cells only, the front matter in the first markdown or raw cell, cell positions."""
from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout

from derivlint.cli import main
from derivlint.model.options import Options
from derivlint.note.loading import load, load_text
from derivlint.report.github import write_github
from derivlint.report.json_report import report
from derivlint.report.markdown import annotate_notebook
from derivlint.run.note import check_note

FRONT = ["---\n", "verify:\n", "  symbols:\n", "    x, a: real\n", "---\n"]


def notebook(*cells, minor: int = 5) -> str:
    made = []
    for kind, source in cells:
        cell = {"cell_type": kind, "metadata": {}, "source": source}
        if kind == "code":
            cell.update(execution_count=None, outputs=[])
        made.append(cell)
    return json.dumps({"nbformat": 4, "nbformat_minor": minor, "metadata": {}, "cells": made}, indent=1)


SLIPPED = notebook(
    ("raw", FRONT),
    ("markdown", ["# Squares\n", "\n", "Expand: $(x + a)^2 = x^2 + 2ax + a^2$."]),
    ("code", ["s = '$x = 1$'\n", "t = \"$$a = 2$$\"\n"]),
    ("markdown", ["A slip:\n", "$$\n", "(x - a)^2 = x^2 + a^2\n", "$$\n"]),
)


def run(*argv) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main([*map(str, argv)])
    return code, out.getvalue(), err.getvalue()


def test_only_markdown_cells_are_read_and_positions_are_the_cells():
    loaded = load_text("n.ipynb", SLIPPED)
    assert loaded.findings == [] and loaded.context.has_verify
    note = loaded.note
    assert [(c.latex, note.place_of(c.line), c.column) for c in note.claims] == [
        ("(x + a)^2 = x^2 + 2ax + a^2", (2, 3), 9), ("(x - a)^2 = x^2 + a^2", (4, 2), 1)]
    assert "s = " not in note.text  # the code cell is not in the text read


def test_the_text_and_json_reports_give_the_cell(tmp_path):
    path = tmp_path / "n.ipynb"
    path.write_text(SLIPPED)
    code, out, _ = run("check", "-v", "-j", "1", path)
    assert code == 1
    assert f"{path}:cell 2:3:9: verified" in out and f"{path}:cell 4:2:1: refuted" in out
    assert f"{path}:cell 4:3:13: V204" in out  # the missing term's place, inside the cell's third line
    result = check_note(load(path), Options())
    claims = report([result])["files"][0]["claims"]
    assert [(c["cell"], c["line"], c["column"]) for c in claims] == [(2, 3, 9), (4, 2, 1)]
    assert [(f["code"], f["cell"], f["line"], f["column"]) for f in claims[1]["findings"]] == [("V204", 4, 3, 13)]
    github = io.StringIO()
    write_github(github, [result])
    # the span runs to the end of the member its fix replaces, `x^2 + a^2`, in the cell's own line
    assert github.getvalue().startswith(f"::error file={path},line=3,col=13,endLine=3,endColumn=22,title=V204 (cell 4)::")


def test_a_front_matter_in_the_first_markdown_cell_counts_and_in_a_later_one_does_not():
    first = notebook(("code", ["import x\n"]), ("markdown", FRONT + ["$$x = x$$\n"]))
    loaded = load_text("n.ipynb", first)
    assert loaded.context.has_verify and loaded.note.place_of(loaded.note.claims[0].line) == (2, 6)
    later = notebook(("markdown", ["# Title\n"]), ("raw", FRONT), ("markdown", ["$$x = x$$\n"]))
    loaded = load_text("n.ipynb", later)
    assert not loaded.context.has_verify and loaded.note.front_matter is None
    assert "verify:" not in loaded.note.text  # a raw cell other than the first is not read


def test_nothing_opened_in_one_cell_closes_in_the_next():
    text = notebook(("markdown", ["Open $$a = b\n"]), ("markdown", ["```\n"]), ("markdown", ["$$x = x$$\n"]),
                    ("markdown", ["<!-- open\n"]), ("markdown", ["c = d$$ and $e = f$\n"]))
    note = load_text("n.ipynb", text).note
    assert [(f.code, note.place_of(f.line), f.column) for f in note.findings] == [
        ("V103", (1, 1), 6), ("V103", (4, 1), 1), ("V103", (5, 1), 6)]  # cell 5's `$$` opens, never closes
    assert [(c.latex, note.place_of(c.line)) for c in note.claims] == [("x = x", (3, 1)), ("e = f", (5, 1))]


def test_a_notebook_that_is_not_one_is_unreadable(tmp_path):
    broken = load_text("n.ipynb", '{"cells": [\n  {"cell_type": "markdown",,}\n]}')
    assert broken.fatal and [(f.code, f.line, f.column) for f in broken.findings] == [("V100", 2, 28)]
    assert "JSON does not read" in broken.findings[0].arguments["problem"]
    old = load_text("n.ipynb", json.dumps({"nbformat": 3, "worksheets": []}))
    assert old.fatal and "format 4" in old.findings[0].arguments["problem"]
    path = tmp_path / "n.ipynb"
    path.write_text("not json")
    assert run("check", "-q", "-j", "1", path)[0] == 2


def test_the_annotated_copy_is_a_notebook_with_its_cells_annotated(tmp_path):
    path = tmp_path / "n.ipynb"
    path.write_text(SLIPPED)
    result = check_note(load(path), Options())
    copy = json.loads(annotate_notebook(result, SLIPPED))
    original = json.loads(SLIPPED)
    assert copy["cells"][:3] == original["cells"][:3]  # the front matter, the verified cell, the code cell
    slipped = "".join(copy["cells"][3]["source"])
    assert slipped.startswith("".join(original["cells"][3]["source"]))
    assert "*verify: refuted*[^verify-1]" in slipped and "\\boxed{{} - 2 a x}" in slipped
    assert copy["cells"][4]["cell_type"] == "markdown" and copy["cells"][4]["id"] == "verify-4"
    assert "".join(copy["cells"][4]["source"]).startswith("[^verify-1]: V204 at cell 4, line 3, column 13:")
    out = tmp_path / "copy.ipynb"
    assert run("markdown", path, "-o", out)[0] == 0
    code, text, _ = run("check", "-v", "-j", "1", out)  # the copy checks as the notebook does, its fix skipped
    assert code == 1 and "V302" in text and f"{out}:cell 4:2:1: refuted" in text
