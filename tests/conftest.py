"""Test set-up: the repository root on sys.path, pytester, assertion rewriting in helpers.py, and
a deterministic Hypothesis profile.

Shared helpers are in helpers.py (tests import them from there, never from another test)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

pytest_plugins = ["pytester"]

# A fault of the tool (V900 for users) propagates with its traceback here, so a test fails on it,
# in this process, in the workers it forks and in the commands it runs.
os.environ["DERIVATION_VERIFIER_FAULTS"] = "raise"

# Before any test imports it: its asserts then explain themselves as a test's do.
pytest.register_assert_rewrite("helpers")

# Every property runs the same examples on every machine and every run: no example database (a
# fresh clone and a used one behave alike), no random seed, no deadline (a shared machine's
# timing is not a test result). Loaded here, before any test module builds its own settings:
# `settings(...)` takes each field it does not set from the profile loaded at that moment.
settings.register_profile("deterministic", derandomize=True, database=None, deadline=None, print_blob=False)
settings.load_profile("deterministic")
