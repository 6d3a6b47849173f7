"""A verifier for the mathematics in Markdown+LaTeX derivation notes."""

__all__ = ["check_text", "check_paths"]


def __getattr__(name: str):
    """`derivlint.check_text`, `derivlint.check_paths`: imported when first used, so that `--help` stays light."""
    if name in __all__:
        from . import api
        return getattr(api, name)
    raise AttributeError(f"module 'derivlint' has no attribute {name!r}")
