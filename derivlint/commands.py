"""The commands other than `check`: mutate, latex and markdown, init, crosscheck, parse."""
from __future__ import annotations

import sys
from pathlib import Path

from .model.options import Options
from .note.paths import PathError
from .cli import empty_exit, loaded_notes, unsupported_platform


def run_mutate(paths: list[str], options: Options, jobs: int, results_file: str | None) -> int:
    """Exit 0 when every mutant reads, every value-changing one is caught and no unmutated claim is refuted."""
    from .campaigns.mutate import campaign, summary
    from .report.mutation import write_mutation
    if unsupported_platform():
        return 2
    notes = loaded_notes(paths)
    if notes is None:
        return 2
    originals, outcomes = campaign(notes, options, jobs)
    figures = summary(originals, outcomes)
    write_mutation(sys.stdout, figures, results_file)
    return 0 if figures.missed == 0 and figures.false_alarms == 0 and not figures.unread else 1


def run_render(form: str, note: str, output: str, options: Options) -> int:
    """`latex` and `markdown`: one note checked and rendered; 0 when written, 2 when it cannot be."""
    from .run.note import check_note
    from .report.latex import latex_document
    from .report.markdown import annotate, annotate_notebook
    from .report.faults import write_faults
    from .report.output import write_output
    path = Path(note)
    if unsupported_platform():
        return 2
    if form == "markdown" and path.suffix == ".tex" and path.is_file():
        sys.stderr.write(f"{note}: the annotated copy is of a Markdown note or a notebook; `latex` reports on a LaTeX file\n")
        return 2
    loaded = _one_note(note)
    if loaded is None:
        return 2
    result = check_note(loaded, options)
    if form == "markdown" and loaded.note.parts is not None and loaded.note.parts.kind == "cell":
        # a notebook's annotated copy is a notebook
        write_output(output, annotate_notebook(result, path.read_text(encoding="utf-8-sig")))
    else:
        write_output(output, (latex_document if form == "latex" else annotate)(result))
    write_faults(sys.stderr, [result])
    # A note whose context could not be read is rendered (with why) but was not checked.
    return 2 if loaded.fatal else 0


def _one_note(note: str):
    """The note named, loaded; None (with why on stderr) when it is missing or cannot be read at all."""
    from .note.loading import load
    from .report.parse_text import write_finding
    path = Path(note)
    if not path.is_file():
        sys.stderr.write(f"no such note: {note}\n")
        return None
    loaded = load(path)
    if loaded.note is None:
        for finding in loaded.findings:
            write_finding(sys.stderr, loaded.path, finding)
        return None
    return loaded


def run_init(note: str, write: bool) -> int:
    """0 with the draft printed (or written with --write); 2 when the note cannot be read or already has one."""
    from .note.draft import draft
    from .report.draft_yaml import front_matter, with_draft
    path = Path(note)
    loaded = _one_note(note)
    if loaded is None:
        return 2
    if loaded.declares_context:
        sys.stderr.write(f"{note} already has a `verify:` front matter: init drafts one for a note without\n")
        return 2
    guesses = draft(loaded.note)
    if not write:
        sys.stdout.write(front_matter(guesses, path.suffix))
        return 0
    text = path.read_bytes().decode("utf-8")
    path.write_bytes(with_draft(text, guesses, path.suffix).encode("utf-8"))
    sys.stderr.write(f"{note}: a draft front matter written at its top; every entry says what it was guessed "
                     "from: confirm each\n")
    return 0


def run_crosscheck(paths: list[str], seed: int, points: int) -> int:
    """0 when every closed form agrees with scipy.stats, 1 when one does not, 2 for a missing path."""
    from .campaigns.crosscheck import crosscheck, exit_code
    from .report.crosscheck_text import write_crosscheck
    try:
        records = crosscheck(paths, seed=seed, points=points)
    except PathError as error:
        sys.stderr.write(f"no such file or folder: {error}\n")
        return 2
    write_crosscheck(sys.stdout, records, points)
    return exit_code(records)


def run_parse(paths: list[str], allow_empty: bool = False) -> int:
    from .report.parse_text import write_parse, write_parse_summary
    notes = loaded_notes(paths)
    if notes is None:
        return 2
    for loaded in notes:
        write_parse(sys.stdout, loaded)
    write_parse_summary(sys.stdout, notes)
    if any(n.fatal for n in notes):
        return 2
    return empty_exit(notes, paths, 0 if all(n.all_read for n in notes) else 1, allow_empty)
