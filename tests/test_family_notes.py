"""Per family, a small note: a right entropy or KL claim holds, a slipped one is refuted; points stay in supports."""
from __future__ import annotations

import numpy as np
import pytest
import sympy

from derivlint.model.options import Options
from derivlint.checks.link import constraints_of
from derivlint.checks.points import PointCheck
from derivlint.note.loading import load
from derivlint.semantics.reference import Reference

from helpers import check_text, verdicts

HEAD = """\
---
verify:
  symbols:
    m, n: real
    a, b, c, d, r, s, t: positive
    K: positive integer
    w, v: positive vector[K]
  constants:
    \\gamma: euler_gamma
  functions:
    \\psi: digamma
    \\Gamma: gamma
    B: beta
  distributions:
    p(x): %s
    q(x): %s
---
"""
# family: (p, q, a right claim, the same claim with one slip); p and q share the variable x.
CASES = {
    "Bernoulli": ("\\mathrm{Bernoulli}(x; a/(1+a))", "\\mathrm{Bernoulli}(x; b/(1+b))",
                  "H(p) = \\log(1+a) - \\frac{a}{1+a}\\log a",
                  "H(p) = \\log(1+a) + \\frac{a}{1+a}\\log a"),
    "Categorical": ("\\mathrm{Categorical}(x; w)", "\\mathrm{Categorical}(x; v)",
                    "D_{KL}(p\\|q) = \\sum_{i=1}^K w_i\\log\\frac{w_i}{v_i}",
                    "D_{KL}(p\\|q) = \\sum_{i=1}^K v_i\\log\\frac{v_i}{w_i}"),
    "Laplace": ("\\mathrm{Laplace}(x; m, a)", "\\mathrm{Laplace}(x; n, b)",
                "D_{KL}(p\\|q) = \\log\\frac{b}{a} + \\frac{\\lvert m - n\\rvert}{b} + \\frac{a}{b}e^{-\\lvert m - n\\rvert/a} - 1",
                "D_{KL}(p\\|q) = \\log\\frac{b}{a} + \\frac{\\lvert m - n\\rvert}{a} + \\frac{a}{b}e^{-\\lvert m - n\\rvert/a} - 1"),
    "Exponential": ("\\mathrm{Exponential}(x; a)", "\\mathrm{Exponential}(x; b)",
                    "D_{KL}(p\\|q) = \\log\\frac{a}{b} + \\frac{b}{a} - 1",
                    "D_{KL}(p\\|q) = \\log\\frac{b}{a} + \\frac{a}{b} - 1"),
    "Gamma": ("\\mathrm{Gamma}(x; a, b)", "\\mathrm{Gamma}(x; c, d)",
              "H(p) = a - \\log b + \\log\\Gamma(a) + (1 - a)\\psi(a)",
              "H(p) = a + \\log b + \\log\\Gamma(a) + (1 - a)\\psi(a)"),
    "Beta": ("\\mathrm{Beta}(x; a, b)", "\\mathrm{Beta}(x; c, d)",
             "H(p) = \\log B(a, b) - (a-1)\\psi(a) - (b-1)\\psi(b) + (a+b-2)\\psi(a+b)",
             "H(p) = \\log B(a, b) - (a-1)\\psi(a) - (b-1)\\psi(b) + (a+b-1)\\psi(a+b)"),
    "Poisson": ("\\mathrm{Poisson}(x; a)", "\\mathrm{Poisson}(x; b)",
                "D_{KL}(p\\|q) = a\\log\\frac{a}{b} + b - a",
                "D_{KL}(p\\|q) = b\\log\\frac{b}{a} + a - b"),
    "Geometric": ("\\mathrm{Geometric}(x; a/(1+a))", "\\mathrm{Geometric}(x; b/(1+b))",
                  "\\mathbb{E}_{x\\sim p}[x] = \\frac{1+a}{a}",
                  "\\mathbb{E}_{x\\sim p}[x] = \\frac{1}{a}"),
    "Uniform": ("\\mathrm{Uniform}(x; m, m + a)", "\\mathrm{Uniform}(x; m - b, m + a + c)",
                "D_{KL}(p\\|q) = \\log\\frac{a + b + c}{a}",
                "D_{KL}(p\\|q) = \\log\\frac{a + b}{a}"),
    "Gumbel": ("\\mathrm{Gumbel}(x; m, a)", "\\mathrm{Gumbel}(x; n, b)",
               "H(p) = \\log a + \\gamma + 1",
               "H(p) = \\log a + \\gamma - 1"),
    "StudentT": ("\\mathrm{StudentT}(x; a, m, b)", "\\mathrm{StudentT}(x; c, n, d)",
                 "H(p) = \\frac{a+1}{2}\\left[\\psi\\left(\\frac{a+1}{2}\\right) - \\psi\\left(\\frac{a}{2}\\right)\\right]"
                 " + \\log\\left(\\sqrt{a}\\,B\\left(\\frac{a}{2}, \\frac{1}{2}\\right)\\right) + \\log b",
                 "H(p) = \\frac{a+1}{2}\\left[\\psi\\left(\\frac{a+1}{2}\\right) - \\psi\\left(\\frac{a}{2}\\right)\\right]"
                 " + \\log\\left(\\sqrt{a}\\,B\\left(\\frac{a}{2}, \\frac{1}{2}\\right)\\right) - \\log b"),
    "Pareto": ("\\mathrm{Pareto}(x; a, b)", "\\mathrm{Pareto}(x; a, c)",
               "D_{KL}(p\\|q) = \\log\\frac{b}{c} + \\frac{c}{b} - 1",
               "D_{KL}(p\\|q) = \\log\\frac{c}{b} + \\frac{b}{c} - 1"),
    "Normal": ("\\mathcal{N}(x; m, a^2)", "\\mathcal{N}(x; n, b^2)",
               "H(p) = \\frac{1}{2}\\log(2\\pi e a^2)",
               "H(p) = \\frac{1}{2}\\log(2\\pi a^2)"),
}


def note(name: str, claim: str) -> str:
    p, q, _, _ = CASES[name]
    return HEAD % (p, q) + f"\n$${claim}$$\n"


@pytest.mark.parametrize("name", sorted(CASES))
def test_right_claim_holds_and_a_slip_is_refuted(tmp_path, name):
    _, _, right, wrong = CASES[name]
    assert verdicts(check_text(tmp_path, note(name, right), name="right.md")) == ["verified"]
    assert verdicts(check_text(tmp_path, note(name, wrong), name="wrong.md")) == ["refuted"]


@pytest.mark.parametrize("name", ["Poisson", "Laplace", "Categorical", "Uniform"])
def test_quadrature_alone_decides(tmp_path, name):
    # Poisson and Categorical are exact sums; Laplace's kinks and Uniform's ends are quadrature pieces.
    _, _, right, wrong = CASES[name]
    alone = Options(methods=("quadrature",))
    assert verdicts(check_text(tmp_path, note(name, right), alone, "right.md")) == ["consistent"]
    assert verdicts(check_text(tmp_path, note(name, wrong), alone, "wrong.md")) == ["refuted"]


def test_poisson_entropy_has_no_closed_form_and_is_decided_numerically(tmp_path):
    claim = "H(p) = a(1 - \\log a) + \\mathbb{E}_{x\\sim p}[\\log x!]"
    assert verdicts(check_text(tmp_path, note("Poisson", claim))) == ["consistent"]
    slip = "H(p) = a(1 + \\log a) + \\mathbb{E}_{x\\sim p}[\\log x!]"
    assert verdicts(check_text(tmp_path, note("Poisson", slip))) == ["refuted"]


def test_a_kl_whose_supports_do_not_nest_is_not_derived(tmp_path):
    backwards = HEAD % ("\\mathrm{Uniform}(x; m - b, m + a + c)", "\\mathrm{Uniform}(x; m, m + a)")
    result = check_text(tmp_path, backwards + "\n$$D_{KL}(p\\|q) = \\log\\frac{a}{a + b + c}$$\n")
    symbolic = result.claims[0].links[0].evidence[0]
    assert "support" in symbolic.reason and result.claims[0].verdict != "verified"


@pytest.mark.parametrize("family, low, high", [
    ("\\mathrm{Bernoulli}(x; a/(1+a))", 0, 1), ("\\mathrm{Poisson}(x; a)", 0, 6),
    ("\\mathrm{Geometric}(x; a/(1+a))", 1, 7), ("\\mathrm{Categorical}(x; w)", 1, 3)])
def test_a_discrete_variable_is_drawn_inside_its_support(tmp_path, family, low, high):
    loaded, x = loaded_with(tmp_path, family, "-\\log p(x) = 1")
    reference = Reference(loaded.context.table)
    check = PointCheck(np.random.default_rng(0), {sympy.Symbol("K", integer=True, positive=True)},
                       constraints_of([m.value for m in loaded.claims[0].reading.members], reference))
    drawn = {dict(s.values)[x] for s in check.settings(sorted({x, *check.dimension_symbols}, key=str))}
    assert drawn <= set(range(low, high + 1)) and len(drawn) > 1


@pytest.mark.parametrize("family, inside", [
    ("\\mathrm{Beta}(x; a, b)", lambda x, v: 0 < x < 1),
    ("\\mathrm{Pareto}(x; a, b)", lambda x, v: x > v["a"]),
    ("\\mathrm{Uniform}(x; m, n)", lambda x, v: v["m"] < x < v["n"])])
def test_a_continuous_variable_is_drawn_inside_its_support(tmp_path, family, inside):
    loaded, x = loaded_with(tmp_path, family, "-\\log p(x) = 1")
    members = [m.value for m in loaded.claims[0].reading.members]
    reference = Reference(loaded.context.table)
    check = PointCheck(np.random.default_rng(0), set(), constraints_of(members, reference))
    atoms = sorted({s for m in members for s in m.free_symbols if isinstance(s, sympy.Symbol)} | {x}, key=str)
    for _ in range(20):
        point = check.point(atoms, [])
        assert inside(point[x], {str(k): v for k, v in point.items()}), point


def test_bernoulli_parameter_is_drawn_inside_the_unit_interval(tmp_path):
    loaded, _ = loaded_with(tmp_path, "\\mathrm{Bernoulli}(x; t)", "\\log(1 - t) < 0")
    members = [m.value for m in loaded.claims[0].reading.members]
    reference = Reference(loaded.context.table)
    check = PointCheck(np.random.default_rng(0), set(), constraints_of(members, reference))
    t = next(iter(members[0].free_symbols))
    assert all(0 < check.point([t], [])[t] < 1 for _ in range(20))
    assert verdicts(check_text(tmp_path, HEAD % ("\\mathrm{Bernoulli}(x; t)", "\\mathrm{Bernoulli}(x; s)")
                               + "\n$$\\log(1 - t) < 0$$\n", name="order.md")) in (["verified"], ["consistent"])


def loaded_with(tmp_path, family: str, claim: str):
    path = tmp_path / "support.md"
    path.write_text(HEAD % (family, family) + f"\n$${claim}$$\n")
    loaded = load(path)
    x = loaded.context.table.lookup("x").symbol
    return loaded, x


def test_a_constrained_parameter_is_rewritten_for_the_proof(tmp_path):
    # 0 < t < 1 is not a SymPy assumption; t = u/(1+u) with u > 0 makes log((1-t)/(1-s)) split.
    laws = HEAD % ("\\mathrm{Bernoulli}(x; t)", "\\mathrm{Bernoulli}(x; s)")
    kl = "D_{KL}(p\\|q) = t\\log\\frac{t}{s} + (1 - t)\\log\\frac{1 - t}{1 - s}"
    result = check_text(tmp_path, laws + f"\n$${kl}$$\n")
    symbolic = result.claims[0].links[0].evidence[0]
    assert result.claims[0].verdict == "verified" and "constraints" in symbolic.reason
