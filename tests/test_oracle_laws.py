"""The oracle's scipy laws: each made once per oracle and point, the estimate the same as with a law made per use."""
from __future__ import annotations

import numpy as np
import sympy

from derivlint.checks import oracle as oracle_module
from derivlint.checks.oracle import Oracle
from derivlint.note.loading import load_text
from derivlint.semantics.families.normal import NormalModel as Normal
from derivlint.semantics.reference import Reference

NOTE = """---
verify:
  symbols:
    z, \\mu: real vector[3]
    \\sigma: positive vector[3]
  distributions:
    q(z): \\mathcal{N}(z; \\mu, \\operatorname{diag}(\\sigma^2))
    p(z): \\mathcal{N}(z; 0, I)
---
$$D_{KL}(q\\|p) = \\frac{1}{2}\\sum_{i=1}^{3} (\\mu_i^2 + \\sigma_i^2 - 1 - \\log\\sigma_i^2)$$
"""


def _member_and_point():
    loaded = load_text("kl.md", NOTE)
    member = loaded.claims[0].reading.members[0].value
    point = {}
    for base in sorted(member.atoms(sympy.IndexedBase), key=str):
        for k in range(1, 4):
            point[base[k]] = sympy.Rational(3, 4) if base.is_positive else sympy.Rational(-1, 3) * k
    return Reference(loaded.context.table), member, point


def test_each_component_law_is_made_once_per_oracle(monkeypatch):
    reference, member, point = _member_and_point()
    made = []
    original = Normal.scipy
    monkeypatch.setattr(Normal, "scipy", lambda self, *params: made.append(params) or original(self, *params))
    Oracle(reference, "montecarlo", np.random.default_rng(0)).member(member, point)
    # q's three components differ in their means; p's three are one standard normal: four laws, however often
    # the integrand and the draws ask for them (before, nine were made)
    assert len(made) == len({tuple(map(float, p)) for p in made}) == 4


def test_the_estimate_is_the_one_of_laws_made_per_use(monkeypatch):
    reference, member, point = _member_and_point()
    shared = Oracle(reference, "montecarlo", np.random.default_rng(5)).member(member, point)[1]
    monkeypatch.setattr(oracle_module, "frozen", lambda laws, model, params: model.scipy(*params))
    fresh = Oracle(reference, "montecarlo", np.random.default_rng(5)).member(member, point)[1]
    assert [(e.value, e.error) for e in shared.values()] == [(e.value, e.error) for e in fresh.values()]
    [estimate] = shared.values()
    exact = sum(sympy.Rational(1, 2) * (mu ** 2 + sympy.Rational(9, 16) - 1 - sympy.log(sympy.Rational(9, 16)))
                for mu in (sympy.Rational(-1, 3) * k for k in range(1, 4)))
    assert abs(estimate.value - float(exact)) < 6 * estimate.error  # the |z| > 6 rule of Monte Carlo


def test_a_new_point_makes_its_own_laws(monkeypatch):
    # the components are kept for one point only: an oracle asked at a second point draws from that point's laws
    reference, member, point = _member_and_point()
    made = []
    original = Normal.scipy
    monkeypatch.setattr(Normal, "scipy", lambda self, *params: made.append(params) or original(self, *params))
    oracle = Oracle(reference, "montecarlo", np.random.default_rng(0))
    oracle.member(member, point)
    moved = {atom: 2 * value if not atom.base.is_positive else value for atom, value in point.items()}
    oracle.member(member, moved)
    means = sorted(round(float(p[0]), 12) for p in made)
    # q's means at each point (-2/3 is at both: one law), p's standard normal once: each law made once, by value
    assert means == sorted({round(-k / 3, 12) for k in (1, 2, 3)} | {round(-2 * k / 3, 12) for k in (1, 2, 3)} | {0.0})
