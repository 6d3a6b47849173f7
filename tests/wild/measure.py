"""Measures the tool on the wild corpus against the truth established in truth.py.

Runs ``python -m derivlint check --format json -j 2 tests/wild/`` and compares each formula's
verdict with ``truth.expected()``. A formula is identified by its note and the line of its
opening delimiter; the tool's claims are attributed to the formula whose opening line is the
last one at or before the claim's line (the tool may read one formula as several claims, one
per row). A formula's verdict is then: refuted if any of its claims is refuted, else unchecked if
any is unchecked, else verified if all are verified, else consistent. A formula the tool reads as
an assumption (V402, V403, V404 at its line, and no claim) is read, and its verdict is "listed".

Prints the figures (they are measured, not asserted) and a line per formula. Exit status 0
unless the tool could not be run or its report could not be read.
"""

import os
import sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "corpora"))  # the report reading both corpora share

import truth  # noqa: E402  (the truth table, which imports nothing of the tool)
from report import attribute, formula_verdict, run_tool  # noqa: E402  (tests/corpora/, on the path above)


def main():
    report = run_tool("tests/wild/")
    expected = truth.expected()
    attributed, listed, stray = attribute(report, expected)

    rows = []
    for key in sorted(expected):
        claims = attributed.get(key, [])
        codes = [fd["code"] for c in claims for fd in c.get("findings", [])]
        kinds = [fd.get("kind") for c in claims for fd in c.get("findings", [])
                 if fd["code"].startswith("V2") and fd.get("kind") and fd.get("kind") != "mismatch"]
        verdict = formula_verdict(claims, listed.get(key))
        codes += listed.get(key, [])
        rows.append(dict(file=key[0], line=key[1], truth=expected[key], verdict=verdict,
                         read=bool(claims or listed.get(key)) and not any(c.startswith("V1") for c in codes),
                         crash="V900" in codes, codes=codes, kinds=kinds))

    judged = [r for r in rows if r["truth"] in (True, False)]
    true_rows = [r for r in judged if r["truth"] is True]
    false_rows = [r for r in judged if r["truth"] is False]
    right = [r for r in judged
             if (r["truth"] is True and r["verdict"] in ("verified", "consistent"))
             or (r["truth"] is False and r["verdict"] == "refuted")]
    caught = [r for r in false_rows if r["verdict"] == "refuted"]
    caught_kind = [r for r in caught if r["kinds"]]
    false_alarms = [r for r in true_rows if r["verdict"] == "refuted"]
    crashes = [r for r in rows if r["crash"]]
    read = [r for r in rows if r["read"]]

    notes = sorted({r["file"] for r in rows})
    print(f"notes: {len(notes)}")
    print(f"formulas in the corpus: {len(rows)} ({len(true_rows)} true, {len(false_rows)} false, "
          f"{len(rows) - len(judged)} definitions or bare expressions)")
    print(f"formulas read (no V1xx reading finding): {len(read)} of {len(rows)}")
    print(f"right verdicts (true: verified or consistent; false: refuted): {len(right)} of {len(judged)}")
    print(f"  true formulas verified or consistent: {len(right) - len(caught)} of {len(true_rows)}")
    print(f"real errors caught (refuted): {len(caught)} of {len(false_rows)}")
    print(f"  with a kind (a V2xx finding whose kind is not 'mismatch'): {len(caught_kind)} of {len(false_rows)}")
    print(f"false alarms (true formulas refuted): {len(false_alarms)}")
    print(f"crashes (V900): {len(crashes)}")
    verdicts = defaultdict(int)
    for r in rows:
        verdicts[r["verdict"]] += 1
    print("verdicts: " + ", ".join(f"{k} {v}" for k, v in sorted(verdicts.items())))
    if stray:
        print(f"claims outside the truth table: {len(stray)}: {stray}")
    print("real errors: " + "; ".join(f"{r['file'][:2]}:{r['line']} {r['verdict']}"
                                      + (f" ({', '.join(r['kinds'])})" if r["kinds"] else "") for r in false_rows))
    print()
    for r in rows:
        t = {True: "true", False: "FALSE"}.get(r["truth"], "defn")
        mark = ""
        if r["truth"] in (True, False):
            mark = "ok" if r in right else "--"
        extra = f" kinds={r['kinds']}" if r["kinds"] else ""
        print(f"{mark:2} {r['file']}:{r['line']}: {t:5} -> {r['verdict']:10} {sorted(set(r['codes']))}{extra}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
