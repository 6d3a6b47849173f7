"""The command line answers --help, --version and explain at once, in any case, saying its exit codes."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from derivlint.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_version_is_the_installed_one(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == "python -m derivlint 0.1.0"


@pytest.mark.parametrize("written", ["v201", "V201", " v201 "])
def test_explain_takes_a_code_in_any_case(written, capsys):
    assert main(["explain", written]) == 0
    assert capsys.readouterr().out.startswith("V201 (sign)\n")


def test_an_unknown_code_is_refused_with_exit_2(capsys):
    assert main(["explain", "V999"]) == 2
    assert "unknown code V999" in capsys.readouterr().err


def test_help_says_the_exit_codes_and_gives_examples(capsys):
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    out = capsys.readouterr().out
    assert "exit codes:" in out and "  2  the tool could not run" in out and "examples:" in out
    for option in ("--output-format", "--seed", "--budget", "--jobs", "--verbose", "--quiet", "--select", "--ignore",
                   "--config", "--isolated", "--output-file"):
        # The option's entry in the options list (not the usage line), up to the next option or section.
        entry = re.search(rf"^  (-\w( \w+)?, )?{option}\b(.*?)(?=^  -|^\S|\Z)", out, re.M | re.S)
        assert entry is not None, option
        assert len(entry.group(3).split()) > 2, option  # more than a metavar: each option has its help


@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["explain", "V204"]])
def test_answering_imports_no_sympy_numpy_or_scipy(argv):
    code = ("import sys\nfrom derivlint.cli import main\ntry:\n    main(%r)\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('sympy', 'numpy', 'scipy') if m in sys.modules))" % argv)
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_the_pre_commit_hook_runs_a_command_the_cli_knows():
    import shlex
    import yaml
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert [h["id"] for h in hooks] == ["derivlint"]
    argv = shlex.split(hooks[0]["entry"])
    assert argv[:3] == ["python", "-m", "derivlint"]
    with pytest.raises(SystemExit) as done:  # the options parse: --help after them prints and exits 0
        main(argv[3:] + ["--help"])
    assert done.value.code == 0
