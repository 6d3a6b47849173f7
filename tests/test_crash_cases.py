"""Terms that once crashed a check (a worker's TypeError): each now gets the verdict it should."""
from __future__ import annotations

from derivlint.model.options import Options
from derivlint.model.verdicts import REFUTED, UNCHECKED, VERIFIED

from helpers import assert_findings, check_text

DECODER = """\
---
verify:
  symbols:
    x, m: real
    s: positive
  distributions:
    q(z): \\mathcal{N}(z; m, s^2)
    p(x|z): \\mathcal{N}(x; z, 1)
---
"""
RECONSTRUCTION = r"\mathbb{E}_{z\sim q(z)}[\log p(x|z)] = -\frac{1}{2}\log(2\pi) - \frac{1}{2}((x - m)^2 %s s^2)"
POISSONS = """\
---
verify:
  symbols:
    \\lambda, \\nu: positive
  distributions:
    p(x): Poisson(x; \\lambda)
    q(x): Poisson(x; \\nu)
---
"""


def test_the_vae_reconstruction_term_with_the_latent_as_the_decoders_mean_is_verified(tmp_path):
    """The decoder's mean is the variable the expectation integrates: the oracle's frozen scipy law
    once raised TypeError on it, then said it could not decide; now scipy's log density is called with
    the mean at every node, and quadrature agrees with the symbolic proof."""
    result = check_text(tmp_path, DECODER + f"$${RECONSTRUCTION % '+'}$$\n")
    assert [c.verdict for c in result.claims] == [VERIFIED]
    oracle = {e.method: e for e in result.claims[0].links[0].evidence}
    assert oracle["symbolic"].outcome == "proved" and oracle["quadrature"].outcome == "agree"


def test_a_slip_in_the_reconstruction_term_is_refuted_and_diagnosed(tmp_path):
    result = assert_findings(check_text(tmp_path, DECODER + f"$${RECONSTRUCTION % '-'}$$\n"), "V201")
    assert [c.verdict for c in result.claims] == [REFUTED]
    finding = result.claims[0].findings[0]
    assert (finding.kind, finding.arguments["term"]) == ("sign", "s^2")


def test_a_discrete_kl_written_as_a_series_is_proved_not_a_fault(tmp_path):
    # Once a crash, then unchecked: the series over the Poisson's whole support, its mass a factor,
    # is the expectation it is, and the family's rules prove it.
    series = r"\sum_{x=0}^{\infty} p(x) \log\frac{p(x)}{q(x)} = \lambda\log\frac{\lambda}{\nu} - \lambda + \nu"
    result = check_text(tmp_path, POISSONS + f"$${series}$$\n", Options(budget=30.0))
    assert [c.verdict for c in result.claims] == [VERIFIED]
    assert result.claims[0].findings == []
    assert result.claims[0].links[0].evidence[0].method == "symbolic"


def test_a_diagonal_laws_undeclared_variable_is_declared_by_the_law_as_a_vector(tmp_path):
    """`q(z): N(z; \\mu, diag(\\sigma^2))` with z undeclared once made z a scalar, and z_i undeclared."""
    front = """\
---
verify:
  symbols:
    d: positive integer
    \\mu: real vector[d]
    \\sigma: positive vector[d]
  distributions:
    q(z): \\mathcal{N}(z; \\mu, \\operatorname{diag}(\\sigma^2))
---
"""
    nll = (r"-\log q(z) = \sum_{i=1}^d \left[\frac{(z_i-\mu_i)^2}{2\sigma_i^2} + \log\sigma_i"
           r" + \frac12\log 2\pi\right]")
    result = check_text(tmp_path, front + f"$${nll}$$\n")
    z = result.loaded.context.table.lookup("z")
    assert (type(z).__name__, str(z.dimension)) == ("Vector", "d")
    assert [c.verdict for c in result.claims] == [VERIFIED]


def test_a_categorical_keeps_a_scalar_variable_beside_its_probability_vector(tmp_path):
    front = "---\nverify:\n  symbols:\n    K: positive integer\n    w: positive vector[K]\n" \
            "  distributions:\n    p(x): Categorical(x; w)\n---\n"
    result = check_text(tmp_path, front + "$$-\\log p(x) = -\\log w_x$$\n")
    assert type(result.loaded.context.table.lookup("x")).__name__ == "Scalar"
    assert [c.verdict for c in result.claims] == [VERIFIED]


def test_an_integral_whose_subscript_names_its_variable_or_nothing_is_read_or_refused(tmp_path):
    # `\int_z f \, dz` (a subscript and a differential) crashed the whole run: an AttributeError in reading
    note = "---\nverify:\n  symbols:\n    z, a: real\n---\n$$\\int_z e^{-z^2} dz = \\sqrt{\\pi}$$\n\n" \
           "$$\\int_a e^{-z^2} dz = \\sqrt{\\pi}$$\n"
    result = check_text(tmp_path, note, Options(budget=30.0))
    assert [c.verdict for c in result.claims] == [VERIFIED, UNCHECKED]
    assert [f.code for f in result.claims[1].findings] == ["V109"]


def test_a_fault_while_reading_the_parts_of_an_unread_claim_is_a_v900_not_a_crash(tmp_path, monkeypatch):
    import derivlint.note.claims as claims

    def broken(claim, table):
        raise AttributeError("a reader's fault")
    monkeypatch.setattr(claims, "readable_parts", broken)
    monkeypatch.delenv("DERIVATION_VERIFIER_FAULTS", raising=False)  # the suite lets faults raise; a user run does not
    note = "---\nverify:\n  symbols:\n    x: real\n---\n$$x + y = y + x$$\n"  # y undeclared: its parts are read next
    result = check_text(tmp_path, note, Options(budget=30.0))
    assert "V900" in [f.code for c in result.claims for f in c.findings]


def test_a_derivative_left_whole_at_a_point_is_no_value_not_a_fault(tmp_path):
    # the gradient of an expectation under a law that moves with theta stays a Derivative; substituting theta's
    # value into it raised ValueError ("Can't calculate derivative wrt 171/100") in the 50-digit confirmation
    note = ("---\nverify:\n  symbols:\n    z, \\theta: real\n    \\sigma: positive\n  functions:\n"
            "    f_\\theta(z): arbitrary\n  distributions:\n    p_\\theta(z): \\mathcal{N}(z; \\theta, \\sigma^2)\n---\n"
            "$$\\nabla_\\theta \\mathbb{E}_{p_\\theta(z)}[f_\\theta(z)] = \\nabla_\\theta \\left[\\int_z p_\\theta(z)f_\\theta(z)dz\\right]"
            " = \\int_z \\nabla_\\theta [p_\\theta(z) f_\\theta(z)] dz$$\n")
    result = check_text(tmp_path, note, Options(budget=30.0))
    assert not any(f.code == "V900" for c in result.claims for f in c.findings)
    assert result.claims[0].verdict != REFUTED
