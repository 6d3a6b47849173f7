"""How a run checks: the seed, the time budget per stage and the methods switched on."""
from __future__ import annotations

from dataclasses import dataclass

METHODS = ("symbolic", "points", "quadrature", "montecarlo")


@dataclass(frozen=True)
class Options:
    """One run's settings; every check reads them and none changes them."""

    seed: int = 0
    budget: float = 5.0  # seconds of SymPy work per stage of a link, past which the link is unchecked
    methods: tuple[str, ...] = METHODS
