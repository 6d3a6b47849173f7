"""Terminal report of a check: a verdict line per claim, its links and findings, a summary table."""
from __future__ import annotations

from typing import TextIO

from rich import box
from rich.console import Console
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from ..run.claim import ClaimResult
from ..run.note import NoteResult
from ..run.selection import hidden
from ..model.findings import Finding
from ..model.verdicts import CONSISTENT, REFUTED, UNCHECKED, VERIFIED
from .messages import message, point_values
from .places import location

VERDICTS = (VERIFIED, CONSISTENT, REFUTED, UNCHECKED)
VERDICT_STYLES = {VERIFIED: "green", CONSISTENT: "cyan", REFUTED: "bold red", UNCHECKED: "magenta"}
CODE_STYLES = {"1": "red", "2": "bold red", "3": "yellow"}  # by hundreds: reading, refuted, unchecked
MAX_LATEX = 90  # a verdict line stays on one screen line; the full formula is in the note


def console_for(out: TextIO) -> Console:
    """Rich decides on colour: ANSI codes only for a terminal, plain deterministic text otherwise."""
    # soft_wrap: a long line is never folded at the console width, so a pipe gets whole lines.
    return Console(file=out, highlight=False, emoji=False, markup=False, soft_wrap=True)


def write_terminal(out: TextIO, results: list[NoteResult], quiet: bool = False, verbose: bool = True) -> None:
    """Every claim, its links and findings (`verbose`), or a line per finding, then the summary table;
    `quiet`: the table only."""
    console = console_for(out)
    for result in results if not quiet else ():
        path = result.loaded.path, result.loaded.note
        for finding in result.note_findings:
            console.print(finding_line(path, finding))
            _print_fix(console, finding, "    ")
        for claim in result.claims:
            if verbose:
                _print_claim(console, path, claim)
                continue
            for finding in claim.findings:  # a line per finding, as a linter's; verified claims say nothing
                console.print(finding_line(path, finding).append(" (expected)" if claim.known_erratum else "", "yellow"))
                _print_fix(console, finding, "    ")
    table = summary_table(results)
    if not console.is_terminal:
        # A pipe or a file has no window to fit: the table as wide as it needs, no note path cut short.
        needed = Measurement.get(console, console.options.update_width(10_000), table).maximum
        console.width = max(console.width, needed)
    console.print(table)
    if hidden(results):
        console.print(f"{hidden(results)} finding(s) not reported: their codes are ignored or not selected")


def _print_claim(console: Console, path: tuple, claim: ClaimResult) -> None:
    console.print(verdict_line(path, claim))
    for link in claim.links:
        methods = ", ".join(link.methods) or "none"
        line = Text(f"    link {link.index} ({link.relation}): ")
        line.append(link.verdict, VERDICT_STYLES[link.verdict]).append(f" [{methods}]")
        if link.counterexample:  # where the sides differ, as the JSON report gives it
            line.append(" at " + ", ".join(point_values(link.counterexample)))
        console.print(line)
    for finding in claim.findings:
        console.print(Text("    ") + finding_line(path, finding))
        _print_fix(console, finding, "        ")


def verdict_line(path: tuple, claim: ClaimResult) -> Text:
    """`path` is the note's path and its Note (for a notebook's cells)."""
    source = claim.claim
    expected = claim.known_erratum
    latex = source.latex if len(source.latex) <= MAX_LATEX else source.latex[: MAX_LATEX - 3] + "..."
    line = Text(location(*path, source.line, source.column) + ":", "bold").append(" ")
    # An expected refutation is a known erratum: shown, but not in the colour of a failure.
    line.append(claim.verdict, "yellow" if expected else VERDICT_STYLES[claim.verdict])
    return line.append(" (expected)" if expected else "").append("  " + latex)


def finding_line(path: tuple, finding: Finding) -> Text:
    line = Text(location(*path, finding.line, finding.column) + ":", "bold").append(" ")
    return line.append(finding.code, CODE_STYLES.get(finding.code[1], "blue")).append(" " + message(finding))


def _print_fix(console: Console, finding: Finding, indent: str) -> None:
    if finding.fix is not None:
        console.print(Text(f"{indent}fix ({finding.fix.applicability}): ", "dim").append(finding.fix.latex, "green"))


def summary_table(results: list[NoteResult]) -> Table:
    counts = [{v: sum(c.verdict == v for c in r.claims) for v in VERDICTS} for r in results]
    total = sum(sum(c.values()) for c in counts)
    table = Table(title=f"{len(results)} note(s), {total} claim(s)", box=box.SIMPLE_HEAD, show_edge=False,
                  show_footer=len(results) > 1, title_justify="left")
    table.add_column("note", footer="total")
    for verdict in VERDICTS:
        table.add_column(verdict, justify="right", style=VERDICT_STYLES[verdict],
                         footer=str(sum(c[verdict] for c in counts)))
    for result, count in zip(results, counts):
        # Text, not str: a path holding [brackets] must not be read as rich markup.
        table.add_row(Text(result.loaded.path), *(str(count[v]) for v in VERDICTS))
    return table
