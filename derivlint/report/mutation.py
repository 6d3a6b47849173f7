"""The mutation campaign's figures, as Markdown on stdout and in a section of bench/RESULTS.md."""
from __future__ import annotations

from typing import TextIO

from ..campaigns.mutate import EXPECTED_KINDS, Figures
from .results_file import write_section

SHOWN = 10  # misses and wrong kinds listed by name; the counts cover them all


def mutation_markdown(f: Figures) -> str:
    live = f.mutants - f.equivalent - len(f.unread)
    percent = lambda a, b: f"{100 * a / b:.1f}%" if b else "n/a"
    lines = [
        "## Mutation campaign (`make mutate`)",
        "",
        f"Verified or consistent claims mutated: {f.claims}. Mutants: {f.mutants}, of which {f.equivalent} "
        f"provably equal to the original (discarded), {len(f.unread)} that could not be read (a fault of "
        f"the generator) and {live} value-changing.",
        "",
        f"- caught (refuted): {f.caught} of {live} ({percent(f.caught, live)}); missed: {f.missed}",
        f"- diagnosed with the right kind: {f.right_kind} of {f.caught} caught ({percent(f.right_kind, f.caught)})",
        f"- false alarms on unmutated claims: {f.false_alarms}",
        "",
        "| mutation | right kinds | value-changing | caught | right kind |",
        "|---|---|---|---|---|",
    ]
    for op, (n, caught, kind) in f.by_operator.items():
        lines.append(f"| {op} | {', '.join(sorted(EXPECTED_KINDS[op]))} | {n} | {caught} | {kind} ({percent(kind, caught)}) |")
    for title, items in (("Missed", f.misses), ("Caught with another kind", f.wrong_kinds), ("Unread", f.unread)):
        if items:
            lines += ["", f"{title} (first {min(SHOWN, len(items))} of {len(items)}):", ""]
            lines += [f"- {o.mutant.path}:{o.mutant.claim_line} {o.mutant.operator} -> {o.verdict}"
                      f"{', ' + o.kind if o.kind else ''}: `{o.mutant.latex[:120]}`" for o in items[:SHOWN]]
    return "\n".join(lines) + "\n"


def write_mutation(out: TextIO, figures: Figures, results_file: str | None) -> None:
    text = mutation_markdown(figures)
    out.write(text)
    if results_file:
        write_section(results_file, "mutation", text)
