"""Family models keyed by family name, registered with a decorator."""
from __future__ import annotations

from typing import Callable, TypeVar

MODELS: dict[str, object] = {}
T = TypeVar("T")


class NotDerivable(Exception):
    """The tool cannot re-derive this quantity symbolically; says why."""


def family_model(name: str) -> Callable[[type[T]], type[T]]:
    def register(cls: type[T]) -> type[T]:
        assert name not in MODELS, f"family {name} registered twice"
        MODELS[name] = cls()
        return cls
    return register


def model_for(name: str):
    if name not in MODELS:
        raise NotDerivable(f"the {name} family has no model yet")
    return MODELS[name]
