"""A member's parse tree found in its note, and rebuilt with a hypothetical edit."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from lark import Tree

from . import fixes
from ..latex.build import Builder, Group
from ..latex.reader import Member, parse
from ..note.claims import ReadClaim
from ..note.document import Note


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
        return self.base + fixes.span(node)[0]

    def text(self, node) -> str:
        return fixes.text_of(self.source, node)


def locate(note: Note, read: ReadClaim, member: Member) -> Located:
    """The member's parse tree, parsed again from the fragment of the claim it starts in."""
    for i, fragment in enumerate(read.claim.fragments):
        if fragment.offset <= member.start <= fragment.offset + len(fragment.text):
            start = "continuation" if fragment.continues and i > 0 else "start"
            tree = parse(fragment.text, start)
            chain = tree.children[0] if start == "start" else tree
            for node in chain.children:
                if isinstance(node, Tree) and node.data != "rel" and \
                        node.meta.start_pos + fragment.offset == member.start:
                    return Located(node, fragment.text, fragment.offset)
    raise LookupError("member not found in its claim")
