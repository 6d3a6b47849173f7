"""A member's parse tree as the reader kept it, and the member rebuilt with a hypothetical edit."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from lark import Tree

from . import fixes
from ..latex.build import Builder, Group
from ..latex.reader import Member


class Rebuilder(Builder):
    """The builder with a transform applied to the value of chosen nodes: a hypothetical edit."""

    def __init__(self, table, overrides, transforms: dict[int, Callable]):
        super().__init__(table, overrides)
        self.transforms = transforms

    def build(self, tree):
        value = super().build(tree)
        transform = self.transforms.get(id(tree))
        if transform is None:
            return value
        # A bracketed term `(a + b)` builds as a group until the factors around it are known: its value
        # as an expression is what the edit scales.
        return transform(self.group_value(value) if isinstance(value, Group) else value)


@dataclass
class Located:
    """A member's parse tree; positions are those of its fragment's text, at `base` in the note."""

    tree: Tree
    source: str  # the whole fragment's text
    base: int
    member: Member | None = None  # places a position of `source` in the note (through its macros' origins)

    @property
    def lo(self) -> int:
        return self.tree.meta.start_pos

    @property
    def hi(self) -> int:
        return self.tree.meta.end_pos

    @property
    def start(self) -> int:
        return self.base + self.lo

    def at(self, node) -> int:
        """Where a node of the tree stands in the note."""
        position = fixes.span(node)[0]
        return self.base + position if self.member is None else self.member.place(position)

    def text(self, node) -> str:
        return fixes.text_of(self.source, node)


def locate(member: Member) -> Located:
    """The member's parse tree, kept by the reader, with the formula text it was parsed from."""
    return Located(member.tree, member.source, member.base, member)
