"""`<!-- verify: ... -->` directives: each steers the formula before it; `ignore` also the formula after it."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model.selection import parse_codes

KNOWN_DIRECTIVES = ("expect refuted", "skip", "where", "defines", "ignore")
# A comment alone on the line just before a formula's opening (`$$`, `\[`, `\begin{`, a ```math fence).
_FORMULA_NEXT = re.compile(r"[ \t]*\r?\n[ \t]*(\$|\\\[|\\begin\{|```math|~~~math)")


@dataclass(frozen=True)
class Directive:
    """A `<!-- verify: ... -->` instruction attached to the claim just before it (`ignore`: or just after it)."""

    name: str
    argument: str
    offset: int  # of the comment
    argument_offset: int = 0  # of the argument's first character (`\\sigma` in `where \\sigma = ...`)


class DirectiveReader:
    """The scanner's part that reads directives: `self.claims`, `self.text`, `self.last_end`, `self._finding`."""

    # an `ignore` before a formula: (the comment's end, the formula's opening, the comment, its directives)
    pending: tuple[int, int, int, list[Directive]] | None = None

    def _directives(self, body: str, offset: int, body_offset: int, end: int) -> None:
        parts = [part.strip() for part in body.split(";") if part.strip()]
        following = _FORMULA_NEXT.match(self.text, end)
        if parts and following and all(p == "ignore" or p.startswith("ignore ") for p in parts):
            # `<!-- verify: ignore V206 -->` on the line before a formula is that formula's, as a linter's
            # "ignore the next line" is
            self._unclaimed()
            self.pending = (end, following.start(1), offset, self._parsed(body, offset, body_offset))
            return
        claim = self.claims[-1] if self.claims else None
        between = self.text[self.last_end : offset] if claim else ""
        if claim is None or between.strip():
            self._finding("V104", offset, directive=body.strip())
            return
        claim.directives.extend(self._parsed(body, offset, body_offset))
        self.last_end = end

    def _parsed(self, body: str, offset: int, body_offset: int) -> list[Directive]:
        """The directives of a comment's body, apart by `;`; an unknown one (or an unknown code) is V105."""
        found = []
        for piece in re.finditer(r"[^;]+", body):
            part = piece.group().strip()
            name = next((k for k in KNOWN_DIRECTIVES if part == k or part.startswith(k + " ")), None)
            if not part:
                continue
            if name is None:
                self._finding("V105", offset, directive=part, known=", ".join(KNOWN_DIRECTIVES))
                continue
            argument = part[len(name) :].strip()
            if name == "ignore":
                try:
                    argument = ", ".join(parse_codes(argument.replace(",", " ").split(), what="ignore"))
                except ValueError as error:
                    self._finding("V105", offset, directive=part, known=f"ignore and finding codes ({error})")
                    continue
            after_name = body_offset + piece.start() + piece.group().index(part) + len(name)
            at = after_name + len(self.text[after_name:]) - len(self.text[after_name:].lstrip())
            found.append(Directive(name, argument, offset, at))
        return found

    def _claimed(self, opening: int) -> list[Directive]:
        """The `ignore` directives written on the line before the formula that opens at `opening`."""
        if self.pending is not None and self.pending[0] <= opening <= self.pending[1]:
            directives, self.pending = self.pending[3], None
            return list(directives)
        self._unclaimed()
        return []

    def _unclaimed(self) -> None:
        """An `ignore` before something that made no claim (maths without a relation) steers nothing: V104."""
        if self.pending is not None:
            self._finding("V104", self.pending[2], directive="ignore " + ", ".join(d.argument for d in self.pending[3]))
            self.pending = None
