"""The tool's JSON report on a corpus of notes, its claims attributed to the formulas of a truth table.

Shared by tests/wild/measure.py and tests/adversarial/measure.py. A formula is identified by its note and
the line of its opening delimiter; a claim belongs to the formula whose opening line is the last one at or
before the claim's line (the tool may read one formula as several claims). A formula the tool reads as an
assumption (V402, V403, V404 at its line, and no claim) is "listed".
"""

import bisect
import json
import os
import subprocess
import sys
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LISTED = ("V402", "V403", "V404")


def run_tool(folder: str) -> dict:
    """`python -m derivlint check --format json -j 2 FOLDER`, or exit when it cannot run or be read."""
    cmd = [sys.executable, "-m", "derivlint", "check", "--format", "json", "-j", "2", folder]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"the tool could not run (exit status {proc.returncode})")
    try:
        return json.loads(proc.stdout)
    except ValueError:
        sys.stderr.write(proc.stderr)
        raise SystemExit("the tool's report could not be read")


def aggregate(claims) -> str:
    """A formula's verdict: refuted if any claim is, else unchecked if any is, else verified if all are."""
    verdicts = [c["verdict"] for c in claims]
    if not verdicts:
        return "not seen"
    if "refuted" in verdicts:
        return "refuted"
    if "unchecked" in verdicts:
        return "unchecked"
    if all(v == "verified" for v in verdicts):
        return "verified"
    return "consistent"


def attribute(report: dict, formulas) -> tuple[dict, dict, list]:
    """(claims by formula, assumption codes by formula, claims outside the table) for (note, line) formulas."""
    starts = defaultdict(list)
    for (f, line) in formulas:
        starts[f].append(line)
    for f in starts:
        starts[f].sort()
    attributed, listed, stray = defaultdict(list), defaultdict(list), []
    for entry in report["files"]:
        name = os.path.basename(entry["path"])
        lines = starts.get(name, [])
        for claim in entry["claims"]:
            i = bisect.bisect_right(lines, claim["line"]) - 1
            if i < 0:
                stray.append((name, claim["line"], claim["verdict"]))
            else:
                attributed[(name, lines[i])].append(claim)
        for finding in entry.get("findings", []):
            i = bisect.bisect_right(lines, finding["line"]) - 1
            if finding["code"] in LISTED and i >= 0:
                listed[(name, lines[i])].append(finding["code"])
    return attributed, listed, stray


def formula_verdict(claims, listed_codes) -> str:
    return aggregate(claims) if claims or not listed_codes else "listed"
