"""Measures the tool's diagnoses of real historical slips against the truth established in truth.py.

Runs ``python -m derivlint check --format json -j 2 tests/history/`` (tests/corpora/report.py, shared with
the wild and adversarial corpora) and, for every slip of ``truth.expected()``, reads what the tool says
about its one formula:

- refuted: the formula's verdict (refuted if any of its claims is);
- the diagnosis: the findings with a kind of slip (V201 and after). The member a finding blames is the member
  of the chain, as written in the note, in which its column falls (members are cut at the `=` signs
  outside every brace, bracket and parenthesis); the blame is right when every diagnosis of the formula
  points at the truth's member and there is one; the kind is right when the diagnosis at that member
  (else the first) has one of the truth's kinds;
- the fix: the corrected member of the diagnosis the kind was read from. It is checked by the tool
  itself: a note with the slip's front matter and the one claim `first member = fix` (`fix = second
  member` when the first is blamed) is run, and the fix is correct when that claim is verified or
  consistent;
- a tautological fix: one that keeps the written member and appends terms that cancel one of its own
  terms, in whole or in part (`x - x + |x|`; a "missing term" 2 log Gamma(a) added after a written
  -log Gamma(a)). The written member and the appended text are read by `python -m derivlint parse` in a note
  with the same front matter, each reading expanded (logs split) into terms; the fix is tautological when
  an appended term is a negative multiple of a written one (exactly minus it, for a term that is a
  number). A reading SymPy cannot parse back counts as undecided, and is named.

The truth's own corrected members are checked the same way (`first member = corrected`), so that a
figure on fixes is not one on what the tool can read. Figures are measured, not asserted: exit status 0
unless the tool could not run or its report could not be read.
"""

import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "corpora"))  # the report reading the corpora share

import sympy  # noqa: E402
import truth  # noqa: E402  (the truth table, which imports nothing of the tool)
from report import ROOT, attribute, formula_verdict, run_tool  # noqa: E402  (tests/corpora/, on the path above)

DIAGNOSES = {f"V2{n:02d}" for n in range(1, 100)}  # every V2xx with a kind (V200 has none)


def note_parts(name):
    """(front matter with its fences, the display line, the line's text) of a note of the corpus."""
    text = open(os.path.join(HERE, name), encoding="utf-8").read()
    lines = text.splitlines()
    end = lines.index("---", 1)
    front = "\n".join(lines[: end + 1]) + "\n"
    return front, lines


def member_spans(line):
    """[(start column, end column, text)] of the chain's members in a `$$...$$` line, 1-based columns."""
    start = line.index("$$") + 2
    stop = line.rindex("$$")
    spans, depth, begin = [], 0, start
    for i in range(start, stop):
        ch = line[i]
        if ch in "{[(":
            depth += 1
        elif ch in "}])":
            depth -= 1
        elif ch == "=" and depth == 0:
            spans.append((begin + 1, i + 1, line[begin:i].strip()))
            begin = i + 1
    spans.append((begin + 1, stop + 1, line[begin:stop].strip()))
    return spans


def member_at(spans, column):
    for i, (lo, hi, _) in enumerate(spans, 1):
        if lo <= column < hi:
            return i
    return 1 if column < spans[0][0] else len(spans)


# --- the tool's readings, back into SymPy, for the tautology check ---------------------------------

NAME = re.compile(r"\\[A-Za-z]+\{\\?[A-Za-z]+\}(?:_\{[^{}]*\}|_[A-Za-z0-9])?"  # decorated: \hat{\rho}
                  r"|\\[A-Za-z]+(?:_\{[^{}]*\}|_[A-Za-z0-9])?|[A-Za-z]+_\{[^{}]*\}")


def to_sympy(reading, names):
    """A reading printed by `derivlint parse` as a SymPy expression, its LaTeX names made symbols (the same
    symbol for the same name across the readings sharing `names`); or None."""

    def rename(m):
        key = m.group(0)
        names.setdefault(key, f"N{len(names)}_")
        return names[key]

    text = NAME.sub(rename, reading)
    local = {v: sympy.Symbol(v, real=True) for v in names.values()}
    for base in set(re.findall(r"\b([A-Za-z]\w*)\[", text)):
        local[base] = sympy.IndexedBase(base, real=True)
    for letter in set(re.findall(r"\b([a-zA-Z])\b", text)) - {"E", "I", "S", "N", "O", "Q"}:
        local.setdefault(letter, sympy.Symbol(letter, real=True))
    local.update(E=sympy.E, EulerGamma=sympy.EulerGamma)
    try:
        return sympy.sympify(text, locals=local)
    except Exception:  # noqa: BLE001  (any reading SymPy cannot take back is undecided)
        return None


INDEX = sympy.Symbol("index_")


def split_sums(expr):
    """Every sum split over the terms of its body, factors free of its index taken out, the index renamed."""
    def split(s):
        (i, lo, hi), = s.limits
        out = 0
        for t in sympy.Add.make_args(sympy.expand(sympy.expand_log(s.function, force=True))):
            free, bound = sympy.S.One, sympy.S.One
            for f in sympy.Mul.make_args(t):
                if f.has(i):
                    bound *= f
                else:
                    free *= f
            out += free * sympy.Sum(bound.subs(i, INDEX), (INDEX, lo, hi))
        return out
    return expr.replace(lambda e: isinstance(e, sympy.Sum) and len(e.limits) == 1, split)


def _algebraic(factor):
    """A factor that is a rational function of plain symbols (no function, sum or transcendental constant)."""
    return not factor.has(sympy.Function, sympy.Sum, sympy.pi, sympy.E, sympy.EulerGamma)


def atoms(expr):
    """{transcendental part: its algebraic coefficient}: logs split, sums split, the terms grouped by their
    product of functions, sums and constants such as pi (1 for a term with none)."""
    e = sympy.expand(split_sums(sympy.expand(sympy.expand_log(expr, force=True))))
    out = {}
    for t in sympy.Add.make_args(e):
        alg, rest = sympy.S.One, sympy.S.One
        for f in sympy.Mul.make_args(t):
            if _algebraic(f):
                alg *= f
            else:
                rest *= f
        out[rest] = out.get(rest, 0) + alg
    return out


def cancels(appended, written):
    """The appended part changes a term the member already wrote: it holds a transcendental part of the
    member (a log, a sum, a Gamma) with a coefficient that does not vanish, an algebraic monomial of the
    member, or minus one of its numbers."""
    a, w = atoms(appended), atoms(written)
    for key in set(a) & set(w) - {sympy.S.One}:
        if sympy.cancel(a[key]) != 0:
            return True
    if sympy.S.One in a and sympy.S.One in w:
        def monomials(expr):
            found = {}
            for t in sympy.Add.make_args(sympy.expand(expr)):
                c, m = t.as_coeff_Mul()
                found[m] = found.get(m, 0) + c
            return found
        ma, mw = monomials(a[sympy.S.One]), monomials(w[sympy.S.One])
        for m in set(ma) & set(mw):
            if m != 1 or ma[m] == -mw[m]:
                return True
    return False


def readings(front, formulas, folder):
    """What `derivlint parse` reads each formula as (the side after `0 =`), or None where it reads nothing."""
    path = os.path.join(folder, "parse.md")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(front + "\n" + "\n\n".join(f"$$0 = {f}$$" for f in formulas) + "\n")
    proc = subprocess.run([sys.executable, "-m", "derivlint", "parse", path], cwd=ROOT, capture_output=True, text=True)
    found = re.findall(r"^\s+read as: 0  =  (.*)$", proc.stdout, re.M)
    return found if len(found) == len(formulas) else None


def tautology(front, member, fix, folder):
    """True, False, or None (undecided) for a fix of the written member."""
    squash = lambda s: re.sub(r"\s+", "", s)  # noqa: E731
    if not squash(fix).startswith(squash(member)) or squash(fix) == squash(member):
        return False  # an edit of the member, not an addition to it
    # the appended text: what follows the member's last written character in the fix
    rest, k = fix, 0
    target = squash(member)
    for i, ch in enumerate(fix):
        if not ch.isspace():
            k += 1
        if k == len(target):
            rest = fix[i + 1:]
            break
    rest = rest.strip()
    if not rest or rest[0] not in "+-":
        return False
    read = readings(front, [member, rest[1:].strip() if rest[0] == "+" else rest], folder)
    if read is None:
        return None
    names = {}
    written, appended = (to_sympy(r, names) for r in read)
    if written is None or appended is None:
        return None
    return cancels(appended, written)


# --- the measure ---------------------------------------------------------------------------------

def claim_for(spans, member, replacement):
    texts = [t for _, _, t in spans]
    if member == 1:
        return f"{replacement} = {texts[1]}" if len(texts) > 1 else replacement
    return f"{texts[0]} = {replacement}"


def check_claims(items, folder, label):
    """{key: verdict} of one-claim notes (key, front matter, claim), run through the tool at once."""
    sub = os.path.join(folder, label)
    os.makedirs(sub)
    names = {}
    for n, (key, front, claim) in enumerate(items):
        name = f"{n:02d}.md"
        with open(os.path.join(sub, name), "w", encoding="utf-8") as fh:
            fh.write(front + "\n$$" + claim + "$$\n")
        names[name] = key
    if not names:
        return {}
    report = run_tool(sub)
    verdicts = {}
    for entry in report["files"]:
        key = names[os.path.basename(entry["path"])]
        claims = entry["claims"]
        verdicts[key] = formula_verdict(claims, []) if claims else "not read"
    return verdicts


def main():
    expected = truth.expected()
    report = run_tool("tests/history/")
    attributed, listed, stray = attribute(report, expected)

    rows = []
    for key in sorted(expected):
        want = expected[key]
        front, lines = note_parts(key[0])
        spans = member_spans(lines[key[1] - 1])
        claims = attributed.get(key, [])
        verdict = formula_verdict(claims, listed.get(key))
        diagnoses = [f for c in claims for f in c.get("findings", []) if f["code"] in DIAGNOSES]
        blamed = [member_at(spans, f["column"]) for f in diagnoses]
        chosen = next((f for f, m in zip(diagnoses, blamed) if m == want["member"]), diagnoses[0] if diagnoses else None)
        chosen_member = blamed[diagnoses.index(chosen)] if chosen else None
        fix = (chosen.get("fix") or {}).get("latex") if chosen else None
        rows.append(dict(key=key, front=front, spans=spans, verdict=verdict, want=want,
                         kind=chosen["kind"] if chosen else None, blamed=blamed, chosen_member=chosen_member,
                         fix=fix, codes=sorted({f["code"] for c in claims for f in c.get("findings", [])})))

    with tempfile.TemporaryDirectory(prefix="history-") as folder:
        fixes = check_claims([(r["key"], r["front"], claim_for(r["spans"], r["chosen_member"], r["fix"]))
                              for r in rows if r["fix"]], folder, "fixes")
        corrections = check_claims([(r["key"], r["front"], claim_for(r["spans"], r["want"]["member"], r["want"]["corrected"]))
                                    for r in rows], folder, "corrections")
        for r in rows:
            r["fix_verdict"] = fixes.get(r["key"])
            r["correction_verdict"] = corrections.get(r["key"])
            r["tautology"] = None
            if r["fix"]:
                sub = os.path.join(folder, "parse-" + r["key"][0][:2])
                os.makedirs(sub)
                r["tautology"] = tautology(r["front"], r["spans"][r["chosen_member"] - 1][2], r["fix"], sub)

    good = ("verified", "consistent")
    refuted = [r for r in rows if r["verdict"] == "refuted"]
    right_kind = [r for r in rows if r["kind"] in r["want"]["kinds"]]
    right_member = [r for r in rows if r["blamed"] and set(r["blamed"]) == {r["want"]["member"]}]
    offered = [r for r in rows if r["fix"]]
    correct = [r for r in offered if r["fix_verdict"] in good]
    taut = [r for r in offered if r["tautology"] is True]
    undecided = [r for r in offered if r["tautology"] is None]
    truth_ok = [r for r in rows if r["correction_verdict"] in good]

    def names(rs):
        return ", ".join(r["key"][0][:2] for r in rs) or "none"

    n = len(rows)
    print(f"slips: {n} (notes in tests/history/, their truth by tests/history/truth.py)")
    print(f"refuted: {len(refuted)} of {n}" + ("" if len(refuted) == n else f"  (not: {names([r for r in rows if r not in refuted])})"))
    print(f"right kind: {len(right_kind)} of {n}")
    print(f"right member blamed (and no other): {len(right_member)} of {n}")
    print(f"fixes offered: {len(offered)} of {n}")
    wrong_fixes = [r for r in offered if r not in correct]
    print(f"fixes correct (the fix verified or consistent when the tool checks it): {len(correct)} of {len(offered)}"
          + ("" if not wrong_fixes else f"  (not: {', '.join(r['key'][0][:2] + ' ' + str(r['fix_verdict']) for r in wrong_fixes)})"))
    print(f"tautological fixes (re-adding what the member wrote): {len(taut)} of {len(offered)}  ({names(taut)})"
          + (f"; undecided: {names(undecided)}" if undecided else ""))
    print(f"the truth's corrected members, checked by the tool: {len(truth_ok)} of {n} verified or consistent"
          + ("" if len(truth_ok) == n else f"  (not: {', '.join(r['key'][0][:2] + ' ' + str(r['correction_verdict']) for r in rows if r not in truth_ok)})"))
    if stray:
        print(f"claims outside the truth table: {len(stray)}: {stray}")
    print()
    for r in rows:
        w = r["want"]
        ok_kind = "ok" if r["kind"] in w["kinds"] else "--"
        ok_member = "ok" if r["blamed"] and set(r["blamed"]) == {w["member"]} else "--"
        fix = "no fix" if not r["fix"] else f"fix {r['fix_verdict']}" + (" TAUTOLOGICAL" if r["tautology"] else "")
        print(f"{r['key'][0]}: {r['verdict']}; kind {ok_kind} {r['kind']} (truth {'/'.join(w['kinds'])}); "
              f"member {ok_member} {r['blamed'] or '-'} (truth {w['member']}); {fix}; {r['codes']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
