"""`pytest derivations/`: every claim of every note here runs as a Hypothesis property.

The hook is imported rather than listed in `pytest_plugins`, which pytest refuses in a conftest
below the root; imported, it applies to this folder only, so `pytest .` works from the top too.
"""
from verify.property_plugin import pytest_collect_file  # noqa: F401
