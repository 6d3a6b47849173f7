"""Imports every family module so that each registers its model (one import for all users)."""
from . import normal  # noqa: F401
