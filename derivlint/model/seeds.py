"""Where each random stream of a run starts: one seed path per claim, link and method, so every draw is reproducible.

A stream is numpy's `default_rng([seed, *path])`. The numbers are names, not tuning: changing one
changes the points drawn (and so the report) without making any check better or worse.
"""
from __future__ import annotations

POINTS, QUADRATURE, MONTECARLO, DIAGNOSIS = 1, 2, 3, 4  # the last element of a link's seed path
ARBITRARY = 5  # the smooth function drawn for a function the note leaves unknown
# A member judged against the first (a claim's chain composed) gets a link index past any chain's.
AGAINST_FIRST = 100


def against_first(k: int) -> int:
    """The seed index of member k + 1 judged against member 0."""
    return AGAINST_FIRST + k
