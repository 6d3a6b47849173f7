"""A Normal law with a full covariance written as a pmatrix: reading, density vs scipy, KL verdicts, constraints."""
from __future__ import annotations

import numpy as np
import pytest
import sympy

from helpers import check_text, read_error, table_for
from derivlint.checks.link import constraints_of
from derivlint.checks.points import PointCheck, satisfied
from derivlint.latex.reader import read_chain, read_expression
from derivlint.semantics.reference import Reference
from derivlint.semantics.registry import MODELS

FRONT = r"""---
verify:
  symbols:
    z, \mu, m: real vector[2]
    y, \nu: real vector[3]
    a, c, u, w, f: positive
    b, v, d, h: real
  distributions:
    q(z): \mathcal{N}(z; \mu, \begin{pmatrix} a & b \\ b & c \end{pmatrix})
    r(z): \mathcal{N}(z; m, \begin{bmatrix} u & v \\ v & w \end{bmatrix})
    p(z): \mathcal{N}(z; 0, I)
    g(y): \mathcal{N}(y; \nu, \begin{pmatrix} a & b & d \\ b & c & h \\ d & h & f \end{pmatrix})
---
"""
TABLE = table_for(FRONT)
A, B, C = (TABLE.lookup(n).symbol for n in "abc")
SEED = 20240605


def test_the_matrix_literal_is_read_as_the_covariance():
    law = read_expression(r"H(q)", TABLE).args[0]
    assert law.family.params[1] == sympy.ImmutableMatrix([[A, B], [B, C]])


def test_a_matrix_outside_a_family_parameter_is_an_error_with_its_position():
    text = r"1 + \begin{pmatrix} a & b \\ b & c \end{pmatrix} = a"
    error = read_error(lambda: read_chain(text, TABLE))
    assert error.code == "V109" and error.position == text.index(r"\begin")


def _random_covariance(rng, n):
    """A random positive-definite matrix: L L^T + n I / 10 keeps it well away from singular."""
    low = rng.normal(size=(n, n))
    return low @ low.T + 0.1 * n * np.eye(n)


@pytest.mark.parametrize("n", [2, 3])
def test_log_density_equals_scipy_multivariate_normal(n):
    from scipy import stats
    rng = np.random.default_rng(SEED + n)
    model = MODELS["Normal"]
    xs = [sympy.Symbol(f"x{i}", real=True) for i in range(n)]
    for _ in range(20):
        mean, cov = rng.normal(size=n), _random_covariance(rng, n)
        point = rng.normal(size=n) * 2
        expr = model.joint_log_density(xs, sympy.ImmutableMatrix(mean), sympy.ImmutableMatrix(cov))
        ours = float(expr.xreplace(dict(zip(xs, point))))
        theirs = stats.multivariate_normal(mean, cov).logpdf(point)
        assert ours == pytest.approx(theirs, rel=1e-9, abs=1e-9)  # double precision, a few rounding steps


KL = r"""
$$D_{KL}(q \| r) = \frac{1}{2}\left(\frac{wa - 2vb + uc + w(m_1 - \mu_1)^2 - 2v(m_1 - \mu_1)(m_2 - \mu_2) + u(m_2 - \mu_2)^2}{uw - v^2} - 2 + \log\frac{uw - v^2}{ac - b^2}\right)$$

$$D_{KL}(q \| p) = \frac{1}{2}\left(a + c + \mu_1^2 + \mu_2^2 - 2 - \log(ac - b^2)\right)$$

$$D_{KL}(q \| p) = \frac{1}{2}\left(a + c + \mu_1^2 + \mu_2^2 - 2 + \log(ac - b^2)\right)$$
"""


def test_a_right_kl_is_verified_and_a_slipped_sign_refuted(tmp_path):
    result = check_text(tmp_path, FRONT + KL)
    assert [c.verdict for c in result.claims] == ["verified", "verified", "refuted"]
    slips = [f for f in result.claims[2].findings if f.kind is not None]
    assert [f.kind for f in slips] == ["sign"]


def test_quadrature_says_coupled_components_are_out_of_its_reach(tmp_path):
    result = check_text(tmp_path, FRONT + "$$H(q) = 1 + \\log(2\\pi) + \\frac{1}{2}\\log(ac - b^2)$$\n")
    quadrature = [e for e in result.claims[0].links[0].evidence if e.method == "quadrature"]
    assert quadrature[0].outcome == "inconclusive" and "coupled" in quadrature[0].reason


@pytest.mark.parametrize("law, n", [("q(z)", 2), ("g(y)", 3)])
def test_a_non_positive_definite_covariance_is_never_drawn(law, n):
    member = read_expression(law, TABLE)
    constraints = constraints_of([member], Reference(TABLE))
    atoms = sorted({TABLE.lookup(s).symbol for s in "abcdhf"[: 3 if n == 2 else 6]}, key=str)
    check = PointCheck(np.random.default_rng(SEED), set(), constraints)
    matrix = member.distribution.family.params[1]
    drawn = 0
    for _ in range(40):
        point = check.point(atoms, [member])
        if point is None:
            continue
        drawn += 1
        assert all(satisfied(c, point) for c in constraints)
        values = np.array(matrix.xreplace(point).evalf(), dtype=float)
        assert np.all(np.linalg.eigvalsh(values) > 0)
    assert drawn >= 30  # rejection may give up at times, but rarely


def test_a_matrix_row_break_does_not_split_a_display_or_an_align_row():
    from derivlint.note.document import read_note
    matrix = r"\begin{pmatrix} a & b \\ b & c \end{pmatrix}"
    note = read_note("n.md", f"$$H(\\mathcal{{N}}(z; \\mu, {matrix})) = 1$$\n\n"
                             f"\\begin{{align}}\nH(\\mathcal{{N}}(z; \\mu, {matrix})) &= 1 \\\\\n&= 1\n\\end{{align}}\n")
    assert [len(c.fragments) for c in note.claims] == [1, 2]
    assert all(matrix in c.fragments[0].text for c in note.claims)  # its `&` kept, the align's blanked
