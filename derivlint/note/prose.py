"""What the prose just before a formula says of it: that it sets a derivative to zero (a condition)."""
from __future__ import annotations

import re

from .document import Claim, Note

# "Set the derivative equal to zero", "setting to zero and substituting", "equating the gradient to 0":
# the formula after it states the condition of an optimum, true at the optimum only.
SETS_TO_ZERO = re.compile(
    r"\b(?:set(?:ting)?|equat(?:e|ing))\b[^.:;!?]{0,60}?\b(?:equal\s+)?to\s+(?:zero|0)\b"
    r"|\bfirst[- ]order\s+condition", re.IGNORECASE)
LOOK_BACK = 300  # characters of prose before the formula: the sentence that introduces it
# `\overset{\text{set}}{=} 0`, `\stackrel{!}{=}`: a row of the same display marks the equation it sets; the
# rows after it in that display follow from the condition.
SET_MARK = re.compile(r"\\(?:overset|stackrel)\s*\{\s*(?:\\text\s*\{\s*set\s*\}|set|!)\s*\}")
DISPLAY_END = re.compile(r"\$\$|\\\]|\\end\s*\{")


def states_a_condition(note: Note, claim: Claim) -> bool:
    """The prose between the formula before (or the note's start) and this one, its last LOOK_BACK
    characters, says the formula sets something to zero."""
    start = claim.fragments[0].offset
    before = max((c.fragments[-1].offset + len(c.fragments[-1].text) for c in note.claims
                  if c.fragments and c.fragments[-1].offset < start), default=0)
    prose = note.text[max(before, start - LOOK_BACK):start]
    if SETS_TO_ZERO.search(prose) is not None:
        return True
    window = note.text[max(0, start - LOOK_BACK):start]
    marks = list(SET_MARK.finditer(window))
    return bool(marks) and DISPLAY_END.search(window, marks[-1].end()) is None
