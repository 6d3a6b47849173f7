"""Folder scans: which files are notes, which folders are skipped, notes without a front matter, empty runs."""
from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from derivlint.cli import main
from derivlint.note.ignore import ignored, parsed_rules
from derivlint.note.paths import folder_notes, scanned

FRONT = "---\nverify:\n  symbols:\n    a: real\n---\n"


def run(*argv) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main([*map(str, argv)])
    return code, out.getvalue(), err.getvalue()


def touch(root: Path, relative: str, text: str = FRONT + "$$a = a$$\n") -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def names(root: Path) -> list[str]:
    return [p.relative_to(root).as_posix() for p in folder_notes(root)]


def test_a_folder_scan_takes_the_four_formats_and_nothing_else(tmp_path):
    for name in ("a.md", "b.qmd", "c.ipynb", "d.tex", "e.txt", "f.markdown.bak", "g.py", "sub/h.md"):
        touch(tmp_path, name)
    assert names(tmp_path) == ["a.md", "b.qmd", "c.ipynb", "d.tex", "sub/h.md"]


def test_tool_and_build_folders_are_skipped(tmp_path):
    for folder in (".git", ".venv", "venv", "node_modules", "build", "_site", ".ipynb_checkpoints", ".quarto", "docs"):
        touch(tmp_path, f"{folder}/README.md")
    touch(tmp_path, "docs/build/x.md")
    assert names(tmp_path) == ["docs/README.md"]


def test_what_gitignore_ignores_is_skipped(tmp_path):
    touch(tmp_path, ".gitignore", "# outputs\n*.tex\n/out/\ndrafts/**/old.md\n!keep.tex\nnotes/private.md\n")
    for name in ("a.md", "paper.tex", "keep.tex", "out/x.md", "sub/out/y.md", "drafts/1/old.md",
                 "drafts/old.md", "notes/private.md", "notes/public.md"):
        touch(tmp_path, name)
    touch(tmp_path, "sub/.gitignore", "y.md\n")
    assert names(tmp_path) == ["a.md", "keep.tex", "notes/public.md"]


def test_a_gitignore_above_the_scanned_folder_applies_inside_its_repository(tmp_path):
    (tmp_path / ".git").mkdir()
    touch(tmp_path, ".gitignore", "generated/\n")
    touch(tmp_path, "docs/generated/a.md")
    touch(tmp_path, "docs/b.md")
    assert [p.name for p in folder_notes(tmp_path / "docs")] == ["b.md"]


def test_gitignore_patterns_follow_git():
    base = Path("/r")
    rules = parsed_rules(base, "*.log\n!important.log\nlogs/\n/top.md\na/**/b.md\n\\#hash.md\nspace\\ \n")
    assert ignored(rules, base / "x/debug.log", False) and not ignored(rules, base / "x/important.log", False)
    assert ignored(rules, base / "x/logs", True) and not ignored(rules, base / "x/logs", False)
    assert ignored(rules, base / "top.md", False) and not ignored(rules, base / "x/top.md", False)
    assert ignored(rules, base / "a/b.md", False) and ignored(rules, base / "a/x/y/b.md", False)
    assert ignored(rules, base / "#hash.md", False) and ignored(rules, base / "space ", False)


def test_named_files_are_named_and_folder_notes_are_found(tmp_path):
    note = touch(tmp_path, "x.txt")
    touch(tmp_path, "f/y.md")
    assert scanned([str(note), str(tmp_path / "f")]) == [(note, True), (tmp_path / "f" / "y.md", False)]


def test_a_folder_note_without_a_verify_front_matter_is_skipped_with_a_notice(tmp_path):
    touch(tmp_path, "README.md", "# A project\n\nIt costs $5. See $$a = b$$ in the notes.\n")
    touch(tmp_path, "jekyll.md", "---\ntitle: A post\n---\n$$c = d$$\n")
    touch(tmp_path, "note.md")
    code, out, err = run("check", "--format", "json", "-j", "1", tmp_path)
    assert code == 0
    assert [Path(f["path"]).name for f in json.loads(out)["files"]] == ["note.md"]
    assert err.splitlines() == [
        f"skipped {tmp_path / 'README.md'}: no `verify:` front matter (name the file to check it)",
        f"skipped {tmp_path / 'jekyll.md'}: no `verify:` front matter (name the file to check it)"]


def test_a_named_note_without_a_front_matter_is_read(tmp_path):
    readme = touch(tmp_path, "README.md", "$$a = b$$\n")
    code, out, err = run("check", "--format", "json", "-j", "1", readme)
    assert code == 1 and err == ""
    claims = json.loads(out)["files"][0]["claims"]
    assert [(c["line"], c["verdict"]) for c in claims] == [(1, "unchecked")]


def test_a_broken_front_matter_in_a_folder_is_still_reported(tmp_path):
    touch(tmp_path, "bad.md", "---\nverify: {a: [\n---\n$$a = a$$\n")
    code, out, _ = run("parse", tmp_path)
    assert code == 2 and "bad.md:" in out


def test_no_notes_or_no_claims_exit_1_unless_allowed(tmp_path):
    touch(tmp_path, "README.md", "# nothing to check\n")
    code, _, err = run("check", "-q", "-j", "1", tmp_path)
    assert code == 1 and err.splitlines()[-1] == f"no notes found in {tmp_path} (--allow-empty to accept)"
    assert run("check", "-q", "-j", "1", "--allow-empty", tmp_path)[0] == 0
    prose = touch(tmp_path, "prose.md", FRONT + "Only prose, and $x$ inline.\n")
    code, _, err = run("check", "-q", "-j", "1", tmp_path)
    assert code == 1 and err.splitlines()[-1] == "no claims in the 1 note read (--allow-empty to accept)"
    assert run("check", "-q", "-j", "1", "--allow-empty", prose)[0] == 0
    assert run("parse", "--allow-empty", prose)[0] == 0 and run("parse", prose)[0] == 1
