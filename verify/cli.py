"""Command line: paths in, exit code out (0 clean, 1 findings, 2 the tool could not run)."""
from __future__ import annotations

import argparse
import sys

from .checks.link import Options
from .findings import CODES, explain
from .loading import PathError, load, note_paths
from .report.parse_text import write_parse, write_parse_summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m verify", description="Check the mathematics in derivation notes.")
    commands = parser.add_subparsers(dest="command", required=True)
    parse_cmd = commands.add_parser("parse", help="show what every claim is read as")
    parse_cmd.add_argument("paths", nargs="+")
    check_cmd = commands.add_parser("check", help="check every claim of the notes")
    check_cmd.add_argument("paths", nargs="+")
    check_cmd.add_argument("--format", choices=("text", "json"), default="text")
    check_cmd.add_argument("--seed", type=int, default=0)
    check_cmd.add_argument("--budget", type=float, default=Options.budget,
                           help="seconds of symbolic work allowed per link (default %(default)s)")
    explain_cmd = commands.add_parser("explain", help="what a finding code means")
    explain_cmd.add_argument("code")
    args = parser.parse_args(argv)
    if args.command == "explain":
        return run_explain(args.code)
    if args.command == "check":
        return run_check(args.paths, args.format, Options(seed=args.seed, budget=args.budget))
    return run_parse(args.paths)


def run_explain(code: str) -> int:
    if code not in CODES:
        sys.stderr.write(f"unknown code {code}; known: {', '.join(sorted(CODES))}\n")
        return 2
    sys.stdout.write(explain(code))
    return 0


def run_check(paths: list[str], form: str, options: Options) -> int:
    from .checks.run import check_note, exit_code
    from .report.json_report import write_json
    from .report.text import write_text
    try:
        files = note_paths(paths)
    except PathError as error:
        sys.stderr.write(f"no such file or folder: {error}\n")
        return 2
    results = [check_note(load(path), options) for path in files]
    (write_json if form == "json" else write_text)(sys.stdout, results)
    return exit_code(results)


def run_parse(paths: list[str]) -> int:
    try:
        files = note_paths(paths)
    except PathError as error:
        sys.stderr.write(f"no such file or folder: {error}\n")
        return 2
    notes = [load(path) for path in files]
    for loaded in notes:
        write_parse(sys.stdout, loaded)
    write_parse_summary(sys.stdout, notes)
    if any(n.fatal for n in notes):
        return 2
    return 0 if all(n.all_read for n in notes) else 1
