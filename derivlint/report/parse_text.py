"""`python -m derivlint parse`: each claim's source and what it was read as, or why it was not."""
from __future__ import annotations

from typing import TextIO

import sympy

from ..model.findings import Finding
from ..note.loading import LoadedNote
from .messages import message
from .places import location


def render_value(value) -> str:
    return sympy.sstr(value, order="none")


def write_finding(out: TextIO, path: str, finding: Finding, note=None) -> None:
    out.write(f"{location(path, note, finding.line, finding.column)}: {finding.code} {message(finding)}\n")


def write_parse(out: TextIO, loaded: LoadedNote) -> None:
    for finding in loaded.findings:
        write_finding(out, loaded.path, finding, loaded.note)
    for item in loaded.claims:
        claim = item.claim
        out.write(f"{location(loaded.path, loaded.note, claim.line, claim.column)}: {claim.latex}\n")
        if item.finding is not None:
            write_finding(out, loaded.path, item.finding, loaded.note)
        elif item.reading is None:
            out.write("    read for syntax only (the front matter could not be read)\n")
        else:
            reading = item.reading
            parts = [render_value(reading.members[0].value)]
            for relation, member in zip(reading.relations, reading.members[1:]):
                parts += [relation, render_value(member.value)]
            out.write("    read as: " + "  ".join(parts) + "\n")


def write_parse_summary(out: TextIO, notes: list[LoadedNote]) -> None:
    claims = sum(len(n.claims) for n in notes)
    read = sum(1 for n in notes for c in n.claims if c.reading is not None)
    out.write(f"{len(notes)} note(s), {claims} claim(s), {read} read\n")
