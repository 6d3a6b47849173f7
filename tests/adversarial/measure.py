"""Measures the tool on the adversarial corpus against the truth established in truth.py.

Runs ``python -m derivlint check --format json -j 2 tests/adversarial/`` and compares each claim's
verdict with ``truth.expected()``. A formula is identified by its note and the line of its
opening ``$$``; the tool's claims are attributed to the formula whose opening line is the last one
at or before the claim's line (as tests/wild/measure.py does). A formula's verdict is then: refuted
if any of its claims is refuted, else unchecked if any is unchecked, else verified if all are
verified, else consistent; "listed" when the tool reads it as an assumption (V402, V403, V404 at its
line and no claim), "not seen" when it reports nothing there.

The corpus is built to probe the tool's trust, so the headline is the worst outcome: a false claim
verified (a wrong proof). Then false claims consistent (a wrong pass, each named), true claims
refuted (false alarms, each named), false claims refuted (caught), unchecked, and worker deaths or
crashes (V900). Figures are measured, not asserted: exit status 0 unless the tool could not run or
its report could not be read.
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "corpora"))  # the report reading both corpora share

import truth  # noqa: E402  (the truth table, which imports nothing of the tool)
from report import attribute, formula_verdict, run_tool  # noqa: E402  (tests/corpora/, on the path above)



def latex_of(claims):
    return claims[0].get("latex", "") if claims else ""


def main():
    report = run_tool("tests/adversarial/")
    expected = truth.expected()
    attributed, listed, stray = attribute(report, expected)

    rows = []
    for key in sorted(expected):
        claims = attributed.get(key, [])
        codes = [fd["code"] for c in claims for fd in c.get("findings", [])]
        verdict = formula_verdict(claims, listed.get(key))
        codes += listed.get(key, [])
        rows.append(dict(file=key[0], line=key[1], truth=expected[key], verdict=verdict,
                         crash="V900" in codes, codes=sorted(set(codes)), latex=latex_of(claims)))

    false_rows = [r for r in rows if r["truth"] is False]
    true_rows = [r for r in rows if r["truth"] is True]

    def name(r):
        return f"{r['file']}:{r['line']}"

    def named(rs):
        return "".join(f"\n    {name(r)} {r['verdict']} {r['codes']}  {r['latex']}" for r in rs)

    def of(rs, verdict):
        return [r for r in rs if r["verdict"] == verdict]

    f_verified = of(false_rows, "verified")
    f_consistent = of(false_rows, "consistent")
    t_refuted = of(true_rows, "refuted")
    f_refuted = of(false_rows, "refuted")
    crashes = [r for r in rows if r["crash"]]
    notes = sorted({r["file"] for r in rows})

    print(f"notes: {len(notes)}; claims: {len(rows)} ({len(true_rows)} true, {len(false_rows)} false)")
    print(f"FALSE CLAIMS VERIFIED (a wrong proof): {len(f_verified)}" + named(f_verified))
    print(f"false claims consistent (a wrong pass): {len(f_consistent)}" + named(f_consistent))
    print(f"true claims refuted (false alarms): {len(t_refuted)}" + named(t_refuted))
    print(f"false claims refuted (caught): {len(f_refuted)} of {len(false_rows)}")
    print(f"true claims verified or consistent: "
          f"{len(of(true_rows, 'verified')) + len(of(true_rows, 'consistent'))} of {len(true_rows)} "
          f"({len(of(true_rows, 'verified'))} verified)")
    print(f"unchecked: {len(of(rows, 'unchecked'))} ({len(of(false_rows, 'unchecked'))} false, "
          f"{len(of(true_rows, 'unchecked'))} true)")
    others = [r for r in rows if r["verdict"] in ("listed", "not seen")]
    if others:
        print(f"listed or not seen: {len(others)}" + named(others))
    print(f"worker deaths or crashes (V900): {len(crashes)}" + named(crashes))
    if stray:
        print(f"claims outside the truth table: {len(stray)}: {stray}")
    print()
    print("by note (false: verified/consistent/refuted/unchecked; true: verified/consistent/refuted/unchecked):")
    for f in notes:
        fr = [r for r in false_rows if r["file"] == f]
        tr = [r for r in true_rows if r["file"] == f]
        cnt = lambda rs: "/".join(str(len(of(rs, v))) for v in ("verified", "consistent", "refuted", "unchecked"))
        print(f"  {f}: false {cnt(fr)}; true {cnt(tr)}")
    print()
    for r in rows:
        t = "true" if r["truth"] else "FALSE"
        ok = (r["truth"] and r["verdict"] in ("verified", "consistent")) or (not r["truth"] and r["verdict"] == "refuted")
        bad = (not r["truth"] and r["verdict"] in ("verified", "consistent")) or (r["truth"] and r["verdict"] == "refuted")
        mark = "ok" if ok else ("!!" if bad else "--")
        print(f"{mark} {name(r)}: {t:5} -> {r['verdict']:10} {r['codes']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
