"""Command line: paths in, exit code out (0 clean, 1 findings, 2 the tool could not run)."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .model.options import Options
from .note.config import OUTPUT_FORMATS

# SymPy, NumPy and SciPy are imported by the commands that check, never by --help, --version or
# explain: those answer in a few hundredths of a second.


EXIT_CODES = """exit codes:
  0  every claim verified or consistent (or refuted where the note expects it, or failing only by
     findings whose codes are ignored)
  1  a claim refuted unexpectedly, unchecked or unread, or an expected refutation gone,
     or no note or no claim was found (unless --allow-empty)
  2  the tool could not run: a missing path, an unreadable file, a broken front matter,
     a [tool.derivlint] that cannot be used, a platform that is not POSIX"""
EXAMPLES = """examples:
  python -m derivlint check derivations/                 check every note of a folder
  python -m derivlint check --output-format json -j 1 note.md   one note, a JSON report, one worker
  python -m derivlint check -o results.sarif --output-format sarif notes/   SARIF for code scanning
  python -m derivlint explain v201                       what a finding code means"""
PATHS_HELP = ("notes (Markdown .md, Quarto .qmd, Jupyter .ipynb, LaTeX .tex) or folders of notes "
              "(where a note without a `verify:` front matter is skipped)")
ALLOW_EMPTY_HELP = "exit 0 when the paths hold no note or no claim (by default that is said and exits 1)"


def main(argv: list[str] | None = None) -> int:
    prog = "derivlint" if Path(sys.argv[0]).name == "derivlint" else "python -m derivlint"  # the script, or -m
    parser = argparse.ArgumentParser(prog=prog, description="Check the mathematics in derivation notes.",
                                     epilog=f"{EXIT_CODES}\n\n{EXAMPLES}", formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action=_Version, nargs=0, help="show the installed version and exit")
    commands = parser.add_subparsers(dest="command", required=True)
    parse_cmd = commands.add_parser("parse", help="show what every claim is read as")
    parse_cmd.add_argument("paths", nargs="+", help=PATHS_HELP)
    parse_cmd.add_argument("--allow-empty", action="store_true", help=ALLOW_EMPTY_HELP)
    check_cmd = commands.add_parser("check", help="check every claim of the notes", epilog=f"{EXIT_CODES}\n\n{EXAMPLES}",
                                    formatter_class=argparse.RawDescriptionHelpFormatter)
    check_cmd.add_argument("paths", nargs="*", help=PATHS_HELP + "; default: `paths` under [tool.derivlint] in pyproject.toml")
    check_cmd.add_argument("--output-format", "--format", dest="output_format", choices=OUTPUT_FORMATS, default=None,
                           help="text for people (default), json for tools (its JSON Schema is derivlint/report/schema.json), "
                                "github for GitHub Actions annotations (one line per finding), sarif (2.1.0, for code "
                                "scanning), junit (JUnit XML, a test case per claim, for CI dashboards); "
                                "--format is the same option")
    loudness = check_cmd.add_mutually_exclusive_group()
    loudness.add_argument("-q", "--quiet", action="store_true",
                          help="text: the summary table only (the exit code says the rest)")
    loudness.add_argument("-v", "--verbose", action="store_true",
                          help="text: every claim with its verdict and links, not only the findings")
    check_cmd.add_argument("-o", "--output-file", default="-", help="write the report to this file (default: standard output)")
    check_cmd.add_argument("--select", type=code_list, default=None,
                           help="report only findings of these codes or prefixes, apart by commas (V2,V303)")
    check_cmd.add_argument("--ignore", type=code_list, default=None,
                           help="report no finding of these codes or prefixes (V206,V4); a claim failing only by them passes")
    configuration = check_cmd.add_mutually_exclusive_group()
    configuration.add_argument("--config", help="read [tool.derivlint] from this TOML file, not from the nearest pyproject.toml")
    configuration.add_argument("--isolated", action="store_true", help="read no configuration file")
    check_cmd.add_argument("--allow-empty", action="store_true", help=ALLOW_EMPTY_HELP)
    check_cmd.add_argument("--only-declared", action="store_true", help="skip a named note without a `verify:` front "
                           "matter too, as a folder's is (pre-commit names every staged file)")
    fixing = check_cmd.add_mutually_exclusive_group()
    fixing.add_argument("--diff", action="store_true", help="print the unified diff of every suggested fix; write nothing")
    fixing.add_argument("--fix", action="store_true", help="write the safe fixes, check again, take back a fix whose "
                        "claim does not then hold (a diagnosis's fix is a suggestion: --unsafe-fixes)")
    check_cmd.add_argument("--unsafe-fixes", action="store_true", help="with --fix, write the suggested fixes too")
    add_check_options(check_cmd, configured=True)
    add_jobs_option(check_cmd, configured=True)
    mutate_cmd = commands.add_parser("mutate", help="mutation campaign: slips written into verified claims")
    mutate_cmd.add_argument("paths", nargs="+", help=PATHS_HELP)
    mutate_cmd.add_argument("--results", help="also write the figures into this Markdown file (its mutation section)")
    add_check_options(mutate_cmd, configured=True)
    add_jobs_option(mutate_cmd, configured=True)
    for name, what in (("latex", "a LaTeX document of the claims, verdicts and corrected equations"),
                       ("markdown", "an annotated copy of the note: footnotes and corrected equations")):
        render_cmd = commands.add_parser(name, help=f"write {what}")
        render_cmd.add_argument("note", help="one note (a Markdown file)")
        render_cmd.add_argument("-o", "--output", default="-", help="file to write (default: standard output)")
        add_check_options(render_cmd, configured=True)
    cross_cmd = commands.add_parser("crosscheck", help="compare catalogue entropies and moments with scipy.stats")
    cross_cmd.add_argument("paths", nargs="*", default=["derivations/catalog"], help=PATHS_HELP + " (default %(default)s)")
    cross_cmd.add_argument("--seed", type=int, default=0, help="the seed of the parameter sets (default %(default)s)")
    cross_cmd.add_argument("--points", type=int, default=50, help="parameter sets per closed form (default %(default)s)")
    init_cmd = commands.add_parser("init", help="draft a note's verify: front matter from its own maths")
    init_cmd.add_argument("note", help="one note without a verify: front matter (.md, .qmd, .ipynb, .tex)")
    init_cmd.add_argument("--write", action="store_true",
                          help="insert the draft at the top of the note (nothing else changes); default: print it")
    explain_cmd = commands.add_parser("explain", help="what a finding code means")
    explain_cmd.add_argument("code", help="a finding code such as V201 (any case)")
    args = parser.parse_args(argv)
    from . import commands  # the other commands (imported here: they import this module's helpers)
    if args.command == "explain":
        return run_explain(args.code)
    if args.command == "init":
        return commands.run_init(args.note, args.write)
    if args.command == "check":
        if args.unsafe_fixes and not args.fix:
            check_cmd.error("--unsafe-fixes goes with --fix")
        return run_check(args)
    if args.command in ("mutate", "latex", "markdown"):
        config = configured(args.paths if args.command == "mutate" else [args.note])
        if config is None:
            return 2
        options = Options(seed=first(args.seed, config.seed, 0), budget=first(args.budget, config.budget, Options.budget))
    if args.command == "mutate":
        return commands.run_mutate(args.paths, options, first(args.jobs, config.jobs, available_cores()), args.results)
    if args.command == "crosscheck":
        return commands.run_crosscheck(args.paths, args.seed, args.points)
    if args.command in ("latex", "markdown"):
        return commands.run_render(args.command, args.note, args.output, options)
    return commands.run_parse(args.paths, args.allow_empty)


class _Version(argparse.Action):
    """`--version`, which reads the installed metadata only when asked (importlib.metadata costs 40 ms)."""

    def __call__(self, parser, namespace, values, option_string=None):
        sys.stdout.write(f"{parser.prog} {version()}\n")
        parser.exit()


def version() -> str:
    from importlib.metadata import PackageNotFoundError, version as installed
    try:
        return installed("derivlint")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown (not installed)"


def add_check_options(command: argparse.ArgumentParser, configured: bool = False) -> None:
    """`configured`: the defaults are those of [tool.derivlint] when it sets them (None here: not given)."""
    where = "[tool.derivlint]'s, else " if configured else ""
    command.add_argument("--seed", type=int, default=None if configured else 0,
                         help=f"the seed of every random draw; the same seed gives the same report (default {where}0)")
    command.add_argument("--budget", type=float, default=None if configured else Options.budget,
                         help=f"seconds of symbolic work allowed per link (default {where}{Options.budget:g})")


def add_jobs_option(command: argparse.ArgumentParser, configured: bool = False) -> None:
    where = "[tool.derivlint]'s, else " if configured else ""
    command.add_argument("-j", "--jobs", type=positive_int, default=None if configured else available_cores(),
                         help="worker processes; the report is the same for any number "
                              f"(default: {where}the cores this process may use, here {available_cores()})")


def code_list(text: str) -> tuple[str, ...]:
    from .model.selection import parse_codes
    try:
        return parse_codes([c for c in text.replace(",", " ").split()], what="select")
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def positive_int(text: str) -> int:
    if (value := int(text)) < 1:
        raise argparse.ArgumentTypeError(f"at least 1 worker is needed, not {value}")
    return value


def run_explain(code: str) -> int:
    from .model.findings import CODES
    from .report.messages import explain
    code = code.strip().upper()
    if code not in CODES:
        sys.stderr.write(f"unknown code {code}; known: {', '.join(sorted(CODES))}\n")
        return 2
    sys.stdout.write(explain(code))
    return 0


def loaded_notes(paths: list[str], exclude: list | None = None, suffixes: tuple[str, ...] | None = None,
                 only_declared: bool = False) -> list | None:
    """The notes the paths name, loaded; a folder's note without a `verify:` front matter is skipped with a
    notice (a repository's README is no failure), a note named itself never is. None for a missing path.
    `exclude` and `suffixes`: the configuration's, for the notes of folders."""
    from .note.loading import load
    from .note.paths import PathError, scanned
    try:
        found = scanned(paths, exclude, suffixes) if suffixes else scanned(paths, exclude)
    except PathError as error:
        sys.stderr.write(f"no such file or folder: {error}\n")
        return None
    notes = []
    for path, named in found:
        loaded = load(path)
        if (only_declared or not named) and not loaded.declares_context:
            hint = "" if only_declared else " (name the file to check it)"
            sys.stderr.write(f"skipped {path}: no `verify:` front matter{hint}\n")
            continue
        notes.append(loaded)
    return notes


def empty_exit(notes: list, paths: list[str], code: int, allow_empty: bool) -> int:
    """A run that found nothing to check says so and exits 1, as a linter with nothing to lint warns."""
    if code != 0 or allow_empty:
        return code
    if not notes:
        sys.stderr.write(f"no notes found in {' '.join(paths)} (--allow-empty to accept)\n")
        return 1
    if not any(loaded.claims for loaded in notes):
        sys.stderr.write(f"no claims in the {len(notes)} note{'s' if len(notes) != 1 else ''} read "
                         "(--allow-empty to accept)\n")
        return 1
    return code


def settings(args: argparse.Namespace):
    """The [tool.derivlint] settings of the run (the command line's own options win over them, in `run_check`);
    None, with why on stderr, when they cannot be used or `--ignore` would hide a tool fault."""
    from .note.config import ConfigError, load_config
    try:
        config = load_config(args.paths, args.config, args.isolated)
    except ConfigError as error:
        sys.stderr.write(f"{error}\n")
        return None
    if args.ignore is not None:
        from .model.selection import parse_codes  # a tool fault's code is never hidden, from here either
        try:
            parse_codes(args.ignore, what="ignore")
        except ValueError as error:
            sys.stderr.write(f"--ignore: {error}\n")
            return None
    return config


def configured(paths: list[str]):
    """The nearest [tool.derivlint] of `paths` for the commands that check but take no --config (mutate, latex,
    markdown): its seed, budget and jobs where the command line gives none; None, with why on stderr."""
    from .note.config import ConfigError, load_config
    try:
        return load_config(paths)
    except ConfigError as error:
        sys.stderr.write(f"{error}\n")
        return None


def unsupported_platform() -> bool:
    """True (with why on stderr) where checking cannot run (run.workers.platform_problem)."""
    from .run.workers import platform_problem
    if problem := platform_problem():
        sys.stderr.write(problem + "\n")
    return bool(problem)


def run_check(args: argparse.Namespace) -> int:
    from .model.selection import Selection
    from .note.paths import excluded
    if unsupported_platform():
        return 2
    config = settings(args)
    if config is None:
        return 2
    paths = args.paths or list(config.paths)
    if not paths:
        sys.stderr.write("no path to check: name notes or folders, or set `paths` under [tool.derivlint] in pyproject.toml\n")
        return 2
    options = Options(seed=first(args.seed, config.seed, 0), budget=first(args.budget, config.budget, Options.budget))
    selection = Selection(first(args.select, config.select, ()), first(args.ignore, config.ignore, ()))
    form = first(args.output_format, config.output_format, "text")
    scan = (excluded(config.folder, config.exclude), config.extensions or None, args.only_declared)
    fixes = "diff" if args.diff else ("unsafe" if args.unsafe_fixes else "safe") if args.fix else ""
    return checked(paths, form, options, first(args.jobs, config.jobs, available_cores()), selection,
                   args.quiet, args.verbose, args.allow_empty, args.output_file, scan, fixes)


def first(*values):
    """The first value that is set: the command line's, the configuration's, the default."""
    return next(v for v in values if v is not None)


def checked(paths: list[str], form: str, options: Options, jobs: int, selection, quiet: bool, verbose: bool,
            allow_empty: bool, output: str, scan: tuple, fixes: str = "") -> int:
    import io
    from .run.workers import check_notes
    from .run.selection import exit_code, selected
    from .report.json_report import write_json
    from .report.progress import checked_with_progress
    from .report.faults import write_faults
    from .report.github import write_github
    from .report.junit import write_junit
    from .report.output import write_output
    from .report.sarif import write_sarif
    from .report.terminal import write_terminal
    notes = loaded_notes(paths, *scan)
    if notes is None:
        return 2
    results = checked_with_progress(notes, lambda batch, on_claim: check_notes(batch, options, jobs, on_claim))
    results = selected(results, selection)
    if fixes:
        from .note.loading import load
        from .report.fixing import fix_step
        results = fix_step(results, fixes, lambda path: selected(check_notes([load(Path(path))], options, jobs), selection)[0])
        if results is None:  # --diff: the diff was the output
            return 0
    out = sys.stdout if output == "-" else io.StringIO()
    if form == "json":
        write_json(out, results)  # a fault's traceback is in the JSON, under `internal`
    elif form == "github":
        write_github(out, results)
    elif form == "sarif":
        write_sarif(out, results, version())
    elif form == "junit":
        write_junit(out, results)  # a fault's traceback is in its test case's error
    else:
        write_terminal(out, results, quiet, verbose)
    if form not in ("json", "junit"):
        write_faults(sys.stderr, results)
    if output != "-":
        write_output(output, out.getvalue())
    return empty_exit(notes, paths, exit_code(results), allow_empty)
