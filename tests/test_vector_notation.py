"""Vectors and matrices as ML notes write them (issue 11, item 5): what each notation is read as, and
the verdicts on the Gaussian KL divergences written with them."""
from __future__ import annotations

import numpy as np
import pytest
import sympy

from helpers import check_text, read_error, table_for
from derivlint.checks.link import constraints_of, matrix_sizes
from derivlint.checks.numeric import unroll
from derivlint.checks.points import PointCheck
from derivlint.latex.reader import read_expression
from derivlint.model.matrices import Det, InverseOf, SPDMatrix
from derivlint.note.context import build_context
from derivlint.note.document import read_note
from derivlint.semantics.reference import Reference

SEED = 20240611
FRONT = r"""---
verify:
  symbols:
    d, k: positive integer
    z, w, \mu: real vector[d]
    \sigma: positive vector[d]
    x, \mu_1, \mu_2: real vector[k]
    \Sigma, \Sigma_1, \Sigma_2: spd matrix[k]
    \mathbf{m}, a: real
  distributions:
    q(z|x): \mathcal{N}(z; \mu, \operatorname{diag}(\sigma^2))
---
"""
TABLE = table_for(FRONT)
D, K = (TABLE.lookup(n).symbol for n in "dk")
Z, W, MU, SIGMA = (TABLE.lookup(n).base for n in ("z", "w", "\\mu", "\\sigma"))
X, MU1, MU2 = (TABLE.lookup(n).base for n in ("x", "\\mu_{1}", "\\mu_{2}"))
S, S1, S2 = (TABLE.lookup(n).matrix for n in ("\\Sigma", "\\Sigma_{1}", "\\Sigma_{2}"))


def read(text: str):
    return read_expression(text, TABLE)


def at(expr, **sizes):
    """The expression at numeric sizes (d=3, k=2), its sums and matrices written out."""
    return sympy.expand(unroll(expr.xreplace({sympy.Symbol(n, integer=True, positive=True): v for n, v in sizes.items()})))


def components(base, n):
    return [base[i] for i in range(1, n + 1)]


# --- 1. decorations -------------------------------------------------------------------
@pytest.mark.parametrize("text, plain", [
    (r"\mathbf{z}_1", r"z_1"),
    (r"\boldsymbol{\mu}^\top\mathbf{z}", r"\mu^\top z"),
    (r"\bm{\mu}^\top \vec{z}", r"\mu^\top z"),
    (r"\|\vec{z}\|^2", r"\|z\|^2"),
    (r"\boldsymbol{\mu}_1^\top \mathbf{x}", r"\mu_1^\top x"),
    (r"\det\boldsymbol{\Sigma}", r"\det\Sigma"),
])
def test_a_decorated_name_is_the_declared_vector(text, plain):
    assert read(text) == read(plain)


def test_a_decorated_name_declared_itself_is_that_name():
    assert read(r"\mathbf{m}") == TABLE.lookup("\\mathbf{m}").symbol


@pytest.mark.parametrize("text, name", [(r"\mathbf{y}", "\\mathbf{y}"), (r"\mathbf{a}", "\\mathbf{a}"), (r"\vec{a}", "\\vec{a}")])
def test_an_undeclared_or_scalar_name_under_a_decoration_is_never_guessed(text, name):
    error = read_error(lambda: read(text))
    assert error.code == "V107" and error.arguments["name"] == name


# --- 2. norms, dot products, tr, diag, det ----------------------------------------------------
SQUARES = sum(c ** 2 for c in components(Z, 3))


@pytest.mark.parametrize("text", [r"\|z\|^2", r"\|z\|_2^2", r"\lVert z \rVert^2", r"\left\| z \right\|^2",
                                  r"z^\top z", r"z^T z", r"z^{\top} z", r"\mathbf{z}^\mathsf{T}\mathbf{z}"])
def test_the_squared_norm_and_the_dot_product_are_the_sum_of_squares(text):
    value = read(text)
    assert isinstance(value, sympy.Sum) and at(value, d=3) == SQUARES


def test_the_norm_is_the_root_of_the_sum_of_squares_and_the_1_norm_the_sum_of_absolute_values():
    assert at(read(r"\|z\|"), d=3) == sympy.sqrt(SQUARES)
    assert at(read(r"\|z - \mu\|_1"), d=2) == sum(sympy.Abs(Z[i] - MU[i]) for i in (1, 2))


def test_dot_products_of_two_vectors():
    assert at(read(r"z^{\top} w"), d=3) == sum(a * b for a, b in zip(components(Z, 3), components(W, 3)))
    assert at(read(r"\mu^\top \mu"), d=2) == MU[1] ** 2 + MU[2] ** 2
    assert at(read(r"(z - \mu)^\top (z - \mu)"), d=2) == sympy.expand(sum((Z[i] - MU[i]) ** 2 for i in (1, 2)))


@pytest.mark.parametrize("spelling", [r"\operatorname{tr}", r"\mathrm{tr}", r"\text{tr}"])
def test_the_trace_of_a_diagonal_is_the_sum_of_its_entries(spelling):
    assert at(read(spelling + r"(\operatorname{diag}(\sigma^2))"), d=3) == sum(c ** 2 for c in components(SIGMA, 3))


def test_the_identity_written_I_d_or_I():
    assert read(r"\operatorname{tr}(I_d)") == D
    assert read(r"\det I_d") == 1
    assert read(r"\mu^\top I \mu") == read(r"\mu^\top I_d \mu") == read(r"\mu^\top\mu")


def test_a_diagonal_its_determinant_and_its_inverse():
    assert at(read(r"|\operatorname{diag}(\sigma^2)|"), d=3) == sympy.Mul(*(c ** 2 for c in components(SIGMA, 3)))
    assert at(read(r"\det\operatorname{diag}(\sigma^2)"), d=2) == SIGMA[1] ** 2 * SIGMA[2] ** 2
    assert at(read(r"z^\top\operatorname{diag}(\sigma^2)^{-1} z"), d=2) == sum(Z[i] ** 2 / SIGMA[i] ** 2 for i in (1, 2))
    assert at(read(r"\operatorname{tr}(\operatorname{diag}(\sigma^2)^{-1})"), d=2) == sum(1 / SIGMA[i] ** 2 for i in (1, 2))


def test_a_declared_matrix_its_determinant_and_its_inverse():
    assert read(r"\det\Sigma") == read(r"|\Sigma|") == read(r"\det(\Sigma)") == Det(S)
    assert read(r"\det\Sigma^{-1}") == 1 / Det(S)
    assert read(r"\operatorname{tr}(\Sigma^{-1}\Sigma)") == K
    assert read(r"\operatorname{tr}(\Sigma_2^{-1}\Sigma_1)") == read(r"\mathrm{tr}(\Sigma_1\Sigma_2^{-1})")
    assert read(r"\ln\frac{|\Sigma_2|}{|\Sigma_1|}") == sympy.log(Det(S2) / Det(S1))


def _spd(rng, n):
    low = rng.normal(size=(n, n))
    return low @ low.T + 0.5 * np.eye(n)


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_matrix_readings_equal_numpy_at_random_spd_matrices(n):
    """Each canonical form (a trace rotated or reversed, a bilinear form expanded and swapped) keeps
    the value numpy gives the formula as written."""
    rng = np.random.default_rng(SEED + n)
    a, b, c = (_spd(rng, n) for _ in range(3))
    m1, m2 = rng.normal(size=n), rng.normal(size=n)
    values = {}
    for matrix, array in ((S, a), (S1, b), (S2, c)):
        values.update({matrix.xreplace({K: n}).entry(i + 1, j + 1): array[i, j] for i in range(n) for j in range(n)})
    values.update({MU1[i + 1]: m1[i] for i in range(n)} | {MU2[i + 1]: m2[i] for i in range(n)})
    inv = np.linalg.inv
    expected = {
        r"\operatorname{tr}(\Sigma_2^{-1}\Sigma_1)": np.trace(inv(c) @ b),
        r"\operatorname{tr}(\Sigma_1\Sigma\Sigma_2^{-1})": np.trace(b @ a @ inv(c)),
        r"(\mu_2-\mu_1)^\top\Sigma_2^{-1}(\mu_2-\mu_1)": (m2 - m1) @ inv(c) @ (m2 - m1),
        r"\mu_1^\top\Sigma_1\Sigma^{-1}\mu_2": m1 @ b @ inv(a) @ m2,
        r"\mu_2^\top\Sigma_1^{-1}\mu_2": m2 @ inv(b) @ m2,
        r"\mu_2^\top(2\Sigma_1)\mu_2": 2 * m2 @ b @ m2,
        r"|\Sigma_2|": np.linalg.det(c),
        r"\det(\Sigma_1\Sigma_2^{-1})": np.linalg.det(b) / np.linalg.det(c),
    }
    for text, value in expected.items():
        ours = float(at(read(text), k=n).xreplace(values))
        assert ours == pytest.approx(value, rel=1e-9), text


@pytest.mark.parametrize("text, problem", [
    (r"\Sigma + a", "matrix where a number"),
    (r"z + a", "vector of dimension"),
    (r"\operatorname{tr}(\operatorname{diag}(\mu_1)\Sigma)", "diagonal and a full matrix"),
    (r"\operatorname{tr}(\operatorname{diag}(\mu)\Sigma)", "sizes d and k do not match"),
    (r"\operatorname{tr}(I)", "size of I"),
    (r"\|a\|", "not a declared vector"),
    (r"z^\top", "needs a column vector"),
    (r"\mu^\top \Sigma x", "do not match"),
])
def test_what_has_no_meaning_is_refused_with_the_reason(text, problem):
    error = read_error(lambda: read(text))
    assert error.code == "V109" and problem in error.arguments["problem"], error.arguments


# --- 3. the front-matter declaration -----------------------------------------------------------
@pytest.mark.parametrize("value, problem", [("spd matrix[q]", "dimension `q`"), ("spd matrix", "spd matrix[k]"),
                                            ("symmetric matrix[k]", "spd matrix[k]")])
def test_a_bad_matrix_declaration_is_a_v102_finding(value, problem):
    context = build_context(read_note("note.md", f"---\nverify:\n  symbols:\n    k: positive integer\n    A: {value}\n---\n"))
    assert [f.code for f in context.findings] == ["V102"] and problem in dict(context.findings[0].args)["problem"]


def test_a_declared_matrix_is_a_covariance_and_sizes_the_law_variable():
    table = table_for("---\nverify:\n  symbols:\n    k: positive integer\n    \\Sigma: spd matrix[k]\n"
                      "  distributions:\n    p(y): \\mathcal{N}(y; 0, \\Sigma)\n---\n")
    law = table.distributions["p"][0].distribution
    assert law.family.params[1] == table.lookup("\\Sigma").matrix
    assert table.dimension_of(law.variable) == table.lookup("k").symbol
    precision = read(r"H(\mathcal{N}(x; \mu_1, \Sigma^{-1}))").args[0]
    assert precision.family.params[1] == InverseOf(S)


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_matrices_are_drawn_symmetric_positive_definite_and_reproducibly(n):
    member = read(r"\operatorname{tr}(\Sigma_2^{-1}\Sigma_1) + \ln|\Sigma_1|")
    constraints = constraints_of([member], Reference(TABLE))
    concrete = at(member, k=n)
    atoms = sorted(concrete.free_symbols, key=str)
    points = [PointCheck(np.random.default_rng(SEED), set(), constraints).point(atoms, [concrete], setting={K: n})
              for _ in range(2)]
    assert points[0] == points[1] and points[0] is not None
    for matrix in (S1, S2):
        explicit = matrix.xreplace({K: n}).explicit().xreplace(points[0])
        assert np.all(np.linalg.eigvalsh(np.array(explicit, dtype=float)) > 0)


def test_a_matrix_size_is_set_to_1_2_3_and_4():
    check = PointCheck(np.random.default_rng(SEED), set(), [], matrix_sizes(Reference(TABLE)))
    assert {int(dict(s.values)[K]) for s in check.settings([K])} == {1, 2, 3, 4}


KL = r"""---
verify:
  symbols:
    k: positive integer
    x, \mu_1, \mu_2: real vector[k]
    \Sigma_1, \Sigma_2: spd matrix[k]
  distributions:
    p(x): \mathcal{N}(x; \mu_1, \Sigma_1)
    q(x): \mathcal{N}(x; \mu_2, \Sigma_2)
---
$$D_{KL}(p \| q) = \frac12\left[\operatorname{tr}(\Sigma_2^{-1}\Sigma_1) + (\mu_2-\mu_1)^\top\Sigma_2^{-1}(\mu_2-\mu_1) - k + \ln\frac{|\Sigma_2|}{|\Sigma_1|}\right]$$

$$D_{KL}(p \| q) = \left[\operatorname{tr}(\Sigma_2^{-1}\Sigma_1) + (\mu_2-\mu_1)^\top\Sigma_2^{-1}(\mu_2-\mu_1) - k + \ln\frac{|\Sigma_2|}{|\Sigma_1|}\right]$$

$$D_{KL}(p \| q) = \frac12\left[\operatorname{tr}(\Sigma_1^{-1}\Sigma_2) + (\mu_2-\mu_1)^\top\Sigma_2^{-1}(\mu_2-\mu_1) - k + \ln\frac{|\Sigma_2|}{|\Sigma_1|}\right]$$

$$D_{KL}(p \| q) = \frac12\left[\operatorname{tr}(\Sigma_2^{-1}\Sigma_1) + (\mu_2-\mu_1)^\top\Sigma_2^{-1}(\mu_2-\mu_1) + k + \ln\frac{|\Sigma_2|}{|\Sigma_1|}\right]$$

$$\mathbb{E}_{x\sim p}[(\mu_2^\top x)^2] = \mu_2^\top\Sigma_1\mu_2 + (\mu_2^\top\mu_1)^2$$

$$\mathbb{E}_{x\sim p}[(\mu_2^\top x)^2] = \mu_2^\top\Sigma_1\mu_2$$
"""


@pytest.fixture(scope="module")
def kl_result(tmp_path_factory):
    return check_text(tmp_path_factory.mktemp("kl"), KL)


def test_the_full_covariance_kl_is_verified_and_each_slip_refuted(kl_result):
    assert [c.verdict for c in kl_result.claims][:4] == ["verified", "refuted", "refuted", "refuted"]
    methods = {e.method: e.outcome for e in kl_result.claims[0].links[0].evidence}
    assert methods["symbolic"] == "proved" and methods["points"] == "agree" and methods["montecarlo"] == "agree"
    codes = [[f.code for f in c.findings if f.code.startswith("V2")] for c in kl_result.claims[1:4]]
    assert codes[0] == ["V202"] and codes[2] == ["V201"] and len(codes[1]) == 1  # 1/2 dropped; +k for -k
    for claim in kl_result.claims[1:4]:  # each slip is seen by points and by scipy's multivariate_normal
        outcomes = {e.method: e.outcome for e in claim.links[0].evidence}
        assert outcomes["points"] == outcomes["montecarlo"] == "disagree"


def test_what_has_no_closed_form_is_consistent_from_numbers_never_verified(kl_result):
    """E[(a^T x)^2] = a^T Sigma a + (a^T mu)^2 is derived by no rule of the tool: scipy's
    multivariate_normal samples make it consistent, and refute it with the term left out."""
    right, wrong = kl_result.claims[4:6]
    outcomes = {e.method: e.outcome for e in right.links[0].evidence}
    assert right.verdict == "consistent" and outcomes["symbolic"] == "inconclusive" and outcomes["montecarlo"] == "agree"
    assert wrong.verdict == "refuted" and [e.outcome for e in wrong.links[0].evidence if e.method == "montecarlo"] == ["disagree"]


DIAGONAL = r"""---
verify:
  symbols:
    d, D: positive integer
    z, \mu: real vector[d]
    x: real vector[D]
    \sigma: positive vector[d]
  distributions:
    q(z|x): \mathcal{N}(z; \mu, \operatorname{diag}(\sigma^2))
    p(z): \mathcal{N}(z; 0, I)
---
$$D_{KL}(q(\mathbf{z}|\mathbf{x}) \| p(\mathbf{z})) = \frac12 (\|\mu\|^2 + \operatorname{tr}(\operatorname{diag}(\sigma^2)) - d - \log|\operatorname{diag}(\sigma^2)|) = \frac12\sum_j(\mu_j^2 + \sigma_j^2 - 1 - \log\sigma_j^2)$$

$$D_{KL}(q(\mathbf{z}|\mathbf{x}) \| p(\mathbf{z})) = \frac12 (\boldsymbol{\mu}^\top\boldsymbol{\mu} + \operatorname{tr}(\operatorname{diag}(\sigma^2)) - d - \log\det\operatorname{diag}(\sigma^2))$$

$$D_{KL}(q(\mathbf{z}|\mathbf{x}) \| p(\mathbf{z})) = \frac12 (\|\mu\|^2 + \operatorname{tr}(\operatorname{diag}(\sigma^2)) - d + \log|\operatorname{diag}(\sigma^2)|)$$
"""


def test_the_diagonal_kl_written_with_vectors_is_verified_and_a_sign_slip_refuted(tmp_path):
    result = check_text(tmp_path, DIAGONAL)
    assert [[l.verdict for l in c.links] for c in result.claims] == [["verified", "verified"], ["verified"], ["refuted"]]
    assert [f.code for f in result.claims[2].findings if f.code.startswith("V2")] == ["V201"]


def test_the_kl_against_a_standard_normal_with_a_declared_covariance(tmp_path):
    note = KL.split("---\n$$")[0].replace(r"q(x): \mathcal{N}(x; \mu_2, \Sigma_2)", r"q(x): \mathcal{N}(x; 0, I)") + "---\n"
    body = (r"$$D_{KL}(p \| q) = \frac12\left(\operatorname{tr}(\Sigma_1) + \mu_1^\top\mu_1 - k - \ln|\Sigma_1|\right)$$" "\n\n"
            r"$$H(p) = \frac{k}{2}(1 + \ln(2\pi)) + \ln\det\Sigma_1$$" "\n")
    result = check_text(tmp_path, note + body)
    assert [c.verdict for c in result.claims] == ["verified", "refuted"]
    assert [f.code for f in result.claims[1].findings if f.code.startswith("V2")] == ["V202"]


def test_a_named_matrix_value_the_identity_inverted_and_the_arrow_zero_vector(tmp_path):
    # the Cross Validated answer on the VAE's KL: Sigma = diag(sigma^2) named once, I^{-1}, (\vec{0} - \mu)
    note = FRONT.replace("  distributions:", "  functions:\n    \\Sigma_d: \\operatorname{diag}(\\sigma^2)\n  distributions:").replace(
        "\n---", "\n    p(z): \\mathcal{N}(z; 0, I)\n---", 1)
    chain = ("$$D_{KL}[q(z|x) \\| p(z)] = \\frac{1}{2}\\left[\\log\\frac{|I|}{|\\Sigma_d|} - d + \\text{tr} \\{ I^{-1}\\Sigma_d \\}"
             " + (\\vec{0} - \\mu)^T I^{-1}(\\vec{0} - \\mu)\\right]$$\n\n"
             "$$D_{KL}[q(z|x) \\| p(z)] = \\frac{1}{2}\\left[-\\log|\\Sigma_d| - d + \\text{tr} \\{ \\Sigma_d \\} - \\mu^T \\mu\\right]$$\n")
    result = check_text(tmp_path, note + chain)
    assert [c.verdict for c in result.claims] == ["verified", "refuted"]
    assert read_error(lambda: read_expression("\\Sigma_d + 1", table_for(note))).code == "V109"  # not a number
