"""Gaps too small for a tolerance are decided by digits evalf certifies (issue 12): never taken for a tie."""
from __future__ import annotations

import sympy

from helpers import check_text, verdicts
from verify.checks.points import certified_gap
from verify.model.options import Options

FRONT = "---\nverify:\n  symbols:\n    s: real\n    t: positive\n---\n"


def test_a_gap_below_the_agreement_tolerance_is_still_a_counterexample(tmp_path):
    note = FRONT + "\n\n".join([
        "$$(s + 10^{-20})^{2} = s^{2} + 2 \\cdot 10^{-20} s$$",  # 1e-40 apart: an exact rational gap
        "$$\\operatorname{erf}(10) = 1$$",  # 2.1e-45 apart, below the 1e-40 of the 60-digit comparison
        "$$\\frac{1}{1 + e^{-108}} < 1$$",  # a true strict relation by 1.2e-47
        "$$\\log 6 = \\log 2 + \\log 3$$",  # an exact zero evalf cannot tell from 0: no gap
        "$$\\sin^{2} t + \\cos^{2} t = 1$$",
    ]) + "\n"
    result = check_text(tmp_path, note, Options(budget=30.0))
    found = verdicts(result)
    assert found[:3] + found[4:] == ["refuted", "refuted", "verified", "verified"]
    assert found[3] in ("verified", "consistent")  # SymPy does not expand logs of numbers: never refuted


def test_a_certified_gap_is_exact_or_stable_and_never_a_zero():
    s = sympy.Symbol("s", real=True)
    assert certified_gap((s + sympy.Rational(1, 10**20)) ** 2, s**2 + 2 * s / 10**20, {s: sympy.Rational(3, 2)}) \
        == sympy.Rational(1, 10**40)
    gap = certified_gap(sympy.erf(10), sympy.Integer(1), {})
    assert gap is not None and abs(float(gap) + 2.08848758376254e-45) < 1e-58
    assert certified_gap(sympy.log(6), sympy.log(2) + sympy.log(3), {}) is None
    assert certified_gap(sympy.atan(sympy.Rational(1, 2)) + sympy.atan(sympy.Rational(1, 3)), sympy.pi / 4, {}) is None
    assert certified_gap(sympy.log(-2 + s), sympy.Integer(0), {s: 1}) is None  # not real: no gap to certify
