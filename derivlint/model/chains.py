"""How two relations of a chain compose: what `a R b S c` says of a and c."""
from __future__ import annotations


def compose(first: str | None, second: str) -> str | None:
    """a R b S c => a T c, or None when the chain says nothing about a and c."""
    if first is None:
        return None
    if first == "=":
        return second
    if second == "=":
        return first
    if first == second and first in ("\\equiv", "\\propto", "\\le", "\\ge"):
        return first
    strict = {("\\le", "<"): "<", ("<", "\\le"): "<", ("<", "<"): "<", ("\\ge", ">"): ">",
              (">", "\\ge"): ">", (">", ">"): ">"}
    return strict.get((first, second))
