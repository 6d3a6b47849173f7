"""The console script: `pip install .` into a fresh venv puts `derivlint` on its PATH, as `python -m derivlint`."""
from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_pip_install_puts_the_console_script_in_a_fresh_venv(tmp_path):
    venv.EnvBuilder(with_pip=True).create(tmp_path / "env")
    python = tmp_path / "env" / "bin" / "python"
    # --no-deps: the script's --version and --help import nothing but the standard library (they must answer
    # before SymPy is installed or imported); the build's own setuptools comes from the package registry
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", str(ROOT)], check=True,
                   capture_output=True, text=True, timeout=600)
    script = tmp_path / "env" / "bin" / "derivlint"
    version = subprocess.run([str(script), "--version"], capture_output=True, text=True, check=True).stdout
    assert version == "derivlint 0.1.0\n"
    usage = subprocess.run([str(script), "check", "--help"], capture_output=True, text=True, check=True).stdout
    assert usage.startswith("usage: derivlint check") and "--output-format" in usage
    module = subprocess.run([str(python), "-m", "derivlint", "--version"], capture_output=True, text=True, check=True)
    assert module.stdout == "python -m derivlint 0.1.0\n"
