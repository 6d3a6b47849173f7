"""A claim's chain as (relation, member) rows, with suggested fixes spliced into the members they replace."""
from __future__ import annotations

import re

from ..run.claim import ClaimResult
from ..model.findings import Fix
from ..latex.reader import Member, Reading

# A mark that opens with a binary + or -, after something it joins (not at the member's start or after a bracket,
# a relation or an alignment mark, where the sign is unary).
BINARY_MARK = re.compile(r"(?<=[^\s(\[{=<>&,])(\s*)(\\fixmark|\\boxed)\{\s*([+-])")
Row = tuple[str, str]  # (relation before the member, or "" for the first member; the member's LaTeX)


def fixes_of(claim: ClaimResult) -> list[Fix]:
    return [f.fix for f in claim.findings if f.fix is not None]


def rows(reading: Reading) -> list[Row]:
    return list(zip(("",) + reading.relations, (m.latex for m in reading.members)))


def spaced_marks(latex: str, macro: str) -> str:
    """`\\fixmark{+ b}` after `a` as `\\fixmark{{} + b}` (or `\\boxed`, `macro`): a box is an ordinary atom, and
    the sign alone at the start of its content would be unary, `a+b` with no space; the empty group before it
    keeps the binary sign's spacing inside the box. A sign at the member's start stays unary."""
    return BINARY_MARK.sub(lambda m: f"{m.group(1)}{macro}{{{{}} {m.group(3)}" if m.group(2) == macro else m.group(),
                           latex)


def aligned(chain: list[Row]) -> str:
    """The body of an align-like environment: one relation per row, aligned on the relations."""
    (_, first), (relation, second) = chain[0], chain[1]
    lines = [f"{first} &{relation} {second}"] + [f"&{r} {m}" for r, m in chain[2:]]
    return " \\\\\n".join(lines)


def corrected_groups(reading: Reading, fixes: list[Fix], marked: bool = True) -> list[list[Row]]:
    """One corrected chain per group of fixes that do not overlap, so each fix is shown once.

    A fix whose span lies in no member cannot be placed in the chain; it gets a chain of its own
    member (its corrected text alone), so it is still shown.
    """
    groups: list[list[Fix]] = []
    alone: list[Fix] = []
    for fix in fixes:
        if _member_of(reading, fix) is None:
            alone.append(fix)
            continue
        group = next((g for g in groups if not any(_overlap(fix, other) for other in g)), None)
        if group is None:
            groups.append([fix])
        else:
            group.append(fix)
    chains = [_spliced(reading, group, marked) for group in groups]
    return chains + [[("", fix.marked if marked else fix.latex)] for fix in alone]


def _spliced(reading: Reading, fixes: list[Fix], marked: bool) -> list[Row]:
    texts = [m.latex for m in reading.members]
    # Right to left, so an earlier splice never shifts the offsets of a later one in the same member.
    for fix in sorted(fixes, key=lambda f: f.start, reverse=True):
        k = _member_of(reading, fix)
        member = reading.members[k]
        lo, hi = fix.start - member.start, fix.end - member.start
        texts[k] = texts[k][:lo] + (fix.marked if marked else fix.latex) + texts[k][hi:]
    return list(zip(("",) + reading.relations, texts))


def _member_of(reading: Reading, fix: Fix) -> int | None:
    """The member whose span holds the fix's span (most fixes replace a whole member)."""
    return next((k for k, m in enumerate(reading.members) if _within(fix, m)), None)


def _within(fix: Fix, member: Member) -> bool:
    return member.start <= fix.start <= fix.end <= member.end


def _overlap(a: Fix, b: Fix) -> bool:
    return a.start < b.end and b.start < a.end
