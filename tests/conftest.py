"""Test set-up: the repository root on sys.path, pytester, and assertion rewriting in helpers.py.

Shared helpers are in helpers.py (tests import them from there, never from another test)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

pytest_plugins = ["pytester"]

# Before any test imports it: its asserts then explain themselves as a test's do.
pytest.register_assert_rewrite("helpers")
