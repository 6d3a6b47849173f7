"""What each claim of the seed note (derivations/vae_losses.md) is read as, member by member."""
from __future__ import annotations

from pathlib import Path

import pytest
import sympy
from sympy.core.parameters import distribute

from derivlint.model.quantities import (DensityAt, Diag, Distribution, Expectation, Identity, KLDivergence, VectorIntegral)
from derivlint.note.loading import load
from derivlint.model.names import Defined

SEED = Path(__file__).resolve().parent.parent / "derivations" / "vae_losses.md"
i = sympy.Symbol("i", integer=True)  # the reader's summation index


@pytest.fixture(scope="module")
def seed():
    return load(SEED)


@pytest.fixture(scope="module")
def names(seed):
    """The note's own symbols, from its context: the values below are built from them."""
    table = seed.context.table
    scalar = {k: table.lookup(k).symbol for k in ("d", "D", "\\sigma_{\\theta}")}
    vector = {k: table.lookup(k).base for k in ("z", "\\mu", "\\sigma", "x", "\\tilde{x}")}
    return table, scalar, vector


def members(seed, index: int) -> list:
    return [m.value for m in seed.claims[index].reading.members]


def law(table, name: str, point: str) -> Distribution:
    return next(d.distribution for d in table.distributions[name] if d.point == point)


def test_the_note_loads_with_six_claims_and_no_findings(seed):
    assert not seed.fatal
    assert seed.findings == []
    assert len(seed.claims) == 6
    assert all(c.reading is not None and c.finding is None for c in seed.claims)
    assert seed.all_read


def test_claims_stand_where_the_note_writes_them(seed):
    places = [(c.claim.line, c.claim.column) for c in seed.claims]
    assert places == [(33, 57), (39, 1), (48, 1), (53, 1), (69, 1), (78, 1)]
    assert [c.claim.display for c in seed.claims] == [False, True, True, True, True, True]
    assert [len(c.claim.fragments) for c in seed.claims] == [1, 1, 1, 2, 1, 2]


def test_relations_of_each_claim(seed):
    assert [list(c.reading.relations) for c in seed.claims] == [
        ["=", "="], ["="], ["="], ["=", "="], ["="], ["=", "\\equiv"]]


def test_directives_attach_to_their_claims(seed):
    assert [[d.name for d in c.claim.directives] for c in seed.claims] == [
        ["defines"], [], [], ["expect refuted"], ["where"], ["expect refuted"]]
    assert seed.claims[0].claim.directives[0].argument == "D"
    assert seed.claims[4].claim.directives[0].argument == "\\sigma = \\sigma_\\theta"


def test_member_sources_and_relation_positions(seed):
    size = seed.claims[0].reading
    assert [m.latex for m in size.members] == ["D", "3 \\times 32 \\times 32", "3072"]
    for reading in (c.reading for c in seed.claims):
        for position, relation in zip(reading.relation_positions, reading.relations):
            assert seed.note.text[position : position + len(relation)] == relation
        for member in reading.members:
            assert seed.note.text[member.start : member.end] == member.latex


def test_sizes_keep_the_arithmetic_as_written(seed, names):
    _, scalar, _ = names
    d_big, product, total = members(seed, 0)
    assert d_big == scalar["D"]
    assert product.is_Mul and product.args == (3, 32, 32)  # not folded to 3072
    assert product.doit() == 3072
    assert total == sympy.Integer(3072)


def test_mse_definition(seed, names):
    table, scalar, vector = names
    lhs, rhs = members(seed, 1)
    mse = table.lookup("MSE")
    assert isinstance(mse, Defined)
    x, xt = vector["x"], vector["\\tilde{x}"]
    assert lhs == mse.head(x, xt)
    assert rhs == sympy.Sum((x[i] - xt[i]) ** 2, (i, 1, scalar["D"])) / scalar["D"]
    assert mse.body == rhs  # the front matter's definition reads the same


def test_density_ratio(seed, names):
    table, scalar, vector = names
    lhs, rhs = members(seed, 2)
    z, mu, sigma = vector["z"], vector["\\mu"], vector["\\sigma"]
    q, p = law(table, "q", "z"), law(table, "p", "z")
    assert lhs == DensityAt(q, z) / DensityAt(p, z)
    densities = sorted(lhs.atoms(DensityAt), key=str)
    assert [d.distribution.label for d in densities] == ["p(z)", "q(z|x)"]
    assert all(d.point == z for d in densities)
    d = scalar["d"]
    exponent = -sympy.Rational(1, 2) * sympy.Sum((z[i] - mu[i]) ** 2 / sigma[i] ** 2 - z[i] ** 2, (i, 1, d))
    assert rhs == sympy.exp(exponent) / sympy.Product(sigma[i], (i, 1, d))


def test_the_laws_of_the_encoder_and_the_prior(names):
    table, _, vector = names
    q, p = law(table, "q", "z"), law(table, "p", "z")
    assert q.variable == vector["z"] and p.variable == vector["z"]
    assert q.family.name == "Normal" and p.family.name == "Normal"
    assert q.family.params == (vector["\\mu"], Diag(vector["\\sigma"] ** 2))
    assert p.family.params == (sympy.Integer(0), Identity())


def test_negative_kl_as_an_integral_and_a_sum(seed, names):
    table, scalar, vector = names
    kl, integral, total = members(seed, 3)
    z, mu, sigma, d = vector["z"], vector["\\mu"], vector["\\sigma"], scalar["d"]
    q, p = law(table, "q", "z"), law(table, "p", "z")

    divergence = -kl
    assert isinstance(divergence, KLDivergence)
    assert divergence.args == (q, p)
    assert [a.family.name for a in divergence.args] == ["Normal", "Normal"]
    assert divergence.args[0].family.params == (mu, Diag(sigma ** 2))

    assert isinstance(integral, VectorIntegral)
    body, variable = integral.args
    assert variable == z
    bracket = (sympy.Sum(sympy.log(sigma[i]), (i, 1, d))
               + sympy.Rational(1, 2) * sympy.Sum((z[i] - mu[i]) ** 2 / sigma[i] ** 2 - z[i] ** 2, (i, 1, d)))
    assert body == DensityAt(q, z) * bracket

    with distribute(False):  # the reader keeps `\frac{1}{2}(...)` as written
        summand = sympy.log(sigma[i]) + sympy.Rational(1, 2) * (mu[i] ** 2 + sigma[i] ** 2 - 1)
    assert total == sympy.Sum(summand, (i, 1, d))
    assert total.args[0].has(sympy.Mul(sympy.Rational(1, 2), mu[i] ** 2 + sigma[i] ** 2 - 1, evaluate=False))


def test_gaussian_nll_reads_sigma_as_sigma_theta(seed, names):
    table, scalar, vector = names
    lhs, rhs = members(seed, 4)
    x, xt, big, s = vector["x"], vector["\\tilde{x}"], scalar["D"], scalar["\\sigma_{\\theta}"]
    likelihood = law(table, "p", "\\tilde{x}")
    assert likelihood.variable == x
    assert likelihood.family.name == "Normal"
    assert likelihood.family.params == (xt, s ** 2 * Identity())
    assert lhs == -sympy.log(DensityAt(likelihood, x))
    mse = table.lookup("MSE").head(x, xt)
    assert rhs == big * sympy.log(s) + sympy.Rational(1, 2) * big * sympy.log(2 * sympy.pi) + big / (2 * s ** 2) * mse
    assert not rhs.has(vector["\\sigma"])  # the `where` directive replaced \sigma


def test_objective_up_to_a_constant(seed, names):
    table, scalar, vector = names
    loss, full, dropped = members(seed, 5)
    x, xt, big, s = vector["x"], vector["\\tilde{x}"], scalar["D"], scalar["\\sigma_{\\theta}"]
    mu, sigma, d = vector["\\mu"], vector["\\sigma"], scalar["d"]
    objective = table.lookup("\\mathcal{L}_{\\phi,\\theta}")
    assert isinstance(objective, Defined)
    assert loss == objective.head(x)
    mse = table.lookup("MSE").head(x, xt)
    with distribute(False):
        kl_part = sympy.Sum(sympy.log(sigma[i]) + sympy.Rational(1, 2) * (mu[i] ** 2 + sigma[i] ** 2 - 1), (i, 1, d))
    kept = big * sympy.log(s) + big / (2 * s ** 2) * mse + kl_part
    assert dropped == kept
    assert full == sympy.Rational(1, 2) * big * sympy.log(2 * sympy.pi) + kept
    assert sympy.simplify(full - dropped - big * sympy.log(2 * sympy.pi) / 2) == 0


def test_the_objective_definition_reads_its_expectation_and_kl(names):
    table, _, vector = names
    body = table.lookup("\\mathcal{L}_{\\phi,\\theta}").body
    expectations = list(body.atoms(Expectation))
    kls = list(body.atoms(KLDivergence))
    assert len(expectations) == 1 and len(kls) == 1
    expectation = expectations[0]
    assert expectation.distribution == law(table, "q", "z")
    assert expectation.body == sympy.log(DensityAt(law(table, "p", "x"), vector["x"]))
    assert kls[0].args == (law(table, "q", "z"), law(table, "p", "z"))
