"""The pre-commit hook (.pre-commit-hooks.yaml), run by `pre-commit try-repo` on a repository of notes."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
GOOD = "---\nverify:\n  symbols:\n    a, b: positive\n---\n$$\\log(ab) = \\log a + \\log b$$\n"
BAD = "---\nverify:\n  symbols:\n    a: positive\n---\n$$\\log a^2 = \\log a$$\n"
README = "# Tools\n\nA licence costs $5 and a seat $10.\nThe loss is $\\ell(x)$, see the notes.\n"


def test_the_hook_file_names_one_hook_over_the_notes():
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "derivlint" and hook["language"] == "python"
    assert hook["entry"] == "python -m derivlint check --only-declared --allow-empty"
    assert hook["files"] == "\\.(md|qmd|ipynb|tex)$"


@pytest.fixture(scope="module")
def repository(tmp_path_factory):
    """A git repository of notes, and pre-commit's home kept for both runs (the hook's environment is built
    once: pip installs this package and its dependencies into it)."""
    root = tmp_path_factory.mktemp("repo")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    (root / "README.md").write_text(README)
    (root / "good.md").write_text(GOOD)
    return root, tmp_path_factory.mktemp("pre-commit-home")


def try_repo(root: Path, home: Path) -> subprocess.CompletedProcess:
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "derivlint", "--all-files"]
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=900)


def test_try_repo_passes_a_good_note_and_a_readme_and_fails_a_bad_note(repository):
    if shutil.which("git") is None:
        raise AssertionError("git is needed by pre-commit")
    root, home = repository
    passed = try_repo(root, home)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "check the mathematics of derivation notes" in passed.stdout and "Passed" in passed.stdout
    (root / "bad.md").write_text(BAD)
    failed = try_repo(root, home)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "Failed" in failed.stdout and "bad.md:6:14: V202" in failed.stdout
