"""Plain-text report of a check: one line per claim, the findings under it, a summary."""
from __future__ import annotations

from typing import TextIO

from ..checks.run import NoteResult
from .parse_text import write_finding


def write_text(out: TextIO, results: list[NoteResult]) -> None:
    counts: dict[str, int] = {}
    for result in results:
        path = result.loaded.path
        for finding in result.loaded.findings:
            write_finding(out, path, finding)
        for claim in result.claims:
            source = claim.read.claim
            expected = " (expected)" if claim.expected_refuted and claim.verdict == "refuted" else ""
            counts[claim.verdict] = counts.get(claim.verdict, 0) + 1
            latex = source.latex if len(source.latex) <= 90 else source.latex[:87] + "..."
            out.write(f"{path}:{source.line}:{source.column}: {claim.verdict}{expected}  {latex}\n")
            for link in claim.links:
                methods = ", ".join(link.methods) or "none"
                out.write(f"    link {link.index} ({link.relation}): {link.verdict} [{methods}]\n")
            for finding in claim.findings:
                out.write("    ")
                write_finding(out, path, finding)
    total = sum(counts.values())
    parts = ", ".join(f"{counts.get(v, 0)} {v}" for v in ("verified", "consistent", "refuted", "unchecked"))
    out.write(f"{len(results)} note(s), {total} claim(s): {parts}\n")
