"""The mutation campaign: which slips it writes, and what it counts."""
from __future__ import annotations

from derivlint.model.options import Options
from derivlint.note.loading import load
from derivlint.campaigns.mutate import EXPECTED_KINDS, campaign, load_mutant, mutants, summary

PARETO = """---
verify:
  symbols:
    x_m, \\alpha: positive
  distributions:
    p(x): \\mathrm{Pareto}(x; x_m, \\alpha)
---
$$-\\log p(x) = (\\alpha + 1)\\log x - \\log\\alpha - \\alpha\\log x_m$$
"""

KL = """---
verify:
  symbols:
    \\mu: real
    \\sigma: positive
  distributions:
    q(x): \\mathcal{N}(x; \\mu, \\sigma^2)
    p(x): \\mathcal{N}(x; 0, 1)
---
$$D_{KL}(q\\|p) = \\frac{1}{2}(\\mu^2 + \\sigma^2 - 1) - \\log\\sigma$$
"""


def note(tmp_path, text):
    path = tmp_path / "note.md"
    path.write_text(text)
    return load(path)


def test_a_name_with_a_subscript_is_mutated_whole(tmp_path):
    # x_m holds the letter x, itself a name here (the law's variable): a swap of x and x_m once
    # edited both the name and the letter inside it and wrote `x_{m}x`, a mutant that is no swap.
    loaded = note(tmp_path, PARETO)
    made = list(mutants(loaded, 0))
    swaps = [m.latex for m in made if m.operator == "swap"]
    assert swaps and all("x_{m}x" not in s and "x_mx" not in s for s in swaps)
    for m in made:  # every mutant reads (`\\log x` swapped with `\\alpha` was written `\\logx`)
        assert load_mutant(m, loaded, 0) is not None, m.latex


def test_every_operator_is_written_and_every_slip_is_caught_with_its_kind(tmp_path):
    loaded = note(tmp_path, KL)
    originals, outcomes = campaign([loaded], Options(), jobs=1)
    figures = summary(originals, outcomes)
    # mu and sigma differ in domain: no swap; every other operator is written.
    assert {o.mutant.operator for o in outcomes} == set(EXPECTED_KINDS) - {"swap"}
    assert figures.false_alarms == 0 and figures.claims == 1 and not figures.unread
    assert figures.caught + figures.missed == figures.mutants - figures.equivalent
    assert figures.missed == 0
    # The sign of -\log\sigma flipped is a sign slip; 2(\mu^2 ...) a factor; log_2 a log base.
    kinds = {(o.mutant.operator, o.mutant.latex): o.kind for o in outcomes if not o.equivalent}
    assert kinds[("flip-sign", r"\frac{1}{2}(\mu^2 + \sigma^2 - 1) + \log\sigma")] == "sign"
    assert kinds[("log-base", r"\frac{1}{2}(\mu^2 + \sigma^2 - 1) - \log_{2}\sigma")] == "log-base"
    assert figures.right_kind == sum(o.caught and o.right_kind for o in outcomes if not o.equivalent)
    assert figures.right_kind >= 0.9 * figures.caught


def test_only_added_or_subtracted_terms_are_dropped(tmp_path):
    # Dropping the operand of a minus wrote `-- b`, and the lone argument of a function `\psi()`:
    # neither reads, and both were silently left out of the campaign.
    loaded = note(tmp_path, PARETO.replace(r"(\alpha + 1)\log x - \log\alpha - \alpha\log x_m",
                                           r"-\alpha\log x_m + \log(\alpha) - (\alpha + 1)\log x"))
    drops = [m for m in mutants(loaded, 0) if m.operator == "drop"]
    assert len(drops) == 3 + 2  # the three terms, and the two inside (\alpha + 1)
    assert all(load_mutant(m, loaded, 0) is not None for m in drops)


AWKWARD = """---
verify:
  symbols:
    \\alpha, \\beta, b, \\mu: positive
  distributions:
    q(x): \\mathcal{N}(x; \\mu, b^2)
---
$$H(q) = \\frac{1}{2}\\log(2\\pi e b^2) + \\beta^\\alpha - \\beta^\\alpha + 0 \\cdot b\\mu + H(q) - H(q)$$
"""


def test_mutants_of_awkward_writing_all_read(tmp_path):
    # H(q): a law's name is not negated or scaled; \beta^\alpha: a squared or rooted exponent gets
    # braces (\beta^\sqrt{\alpha} is no TeX); b\mu swapped is `\mu b`, not `\mub`.
    loaded = note(tmp_path, AWKWARD)
    made = list(mutants(loaded, 0))
    assert not any("H(-q)" in m.latex or "H(2 q)" in m.latex for m in made)
    assert any(r"\beta^{\sqrt{\alpha}}" in m.latex for m in made)
    assert any(r"\mu b" in m.latex and m.operator == "swap" for m in made)
    assert [m.latex for m in made if load_mutant(m, loaded, 0) is None] == []
