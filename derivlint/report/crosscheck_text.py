"""Plain-text report of `derivlint crosscheck`: each closed form against scipy.stats, every disagreement."""
from __future__ import annotations

from typing import TextIO

from ..campaigns.crosscheck import TOLERANCE, Record

MAX_LATEX = 90  # one screen line per claim; the full formula is in the note


def write_crosscheck(out: TextIO, records: list[Record], points: int) -> None:
    for record in records:
        where = f"{record.path}:{record.line}:{record.column}"
        latex = record.latex if len(record.latex) <= MAX_LATEX else record.latex[: MAX_LATEX - 3] + "..."
        if record.reason:
            out.write(f"{where}: not compared ({record.quantity}): {record.reason}  {latex}\n")
            continue
        if not record.disagreements:
            out.write(f"{where}: agrees with scipy.stats ({record.quantity}, member {record.member}, "
                      f"{record.compared} parameter sets)  {latex}\n")
            continue
        expected = " (expected: the note marks it refuted)" if record.expected else ""
        out.write(f"{where}: DISAGREES with scipy.stats{expected} ({record.quantity}, member {record.member}) "
                  f"at {len(record.disagreements)} of {record.compared} parameter sets  {latex}\n")
        for d in record.disagreements:
            values = ", ".join(f"{k} = {v:g}" for k, v in d.parameters.items())
            out.write(f"    at {values}: claimed {d.claimed:.12g}, scipy {d.scipy:.12g}\n")
    compared = [r for r in records if not r.reason]
    agree = sum(1 for r in compared if not r.disagreements)
    known = sum(1 for r in compared if r.disagreements and r.expected)
    out.write(f"{len(compared)} closed form(s) compared with scipy.stats at up to {points} parameter sets "
              f"each (relative tolerance {TOLERANCE:g}): {agree} agree, {len(compared) - agree - known} "
              f"disagree, {known} disagree as the note expects; {len(records) - len(compared)} not compared\n")
