"""The LaTeX reader, one notation at a time (DESIGN.md's list), and the errors it gives."""
from __future__ import annotations

import pytest
import sympy
from sympy.core.parameters import distribute

from helpers import CONTEXT, read_error, table_for
from derivlint.latex.errors import ReadError
from derivlint.model.families import FAMILIES
from derivlint.model.quantities import (DensityAt, Distribution, Entropy, Expectation, Family, KLDivergence, UnboundedIntegral,
                                     VectorIntegral)
from derivlint.latex.reader import read_chain, read_continuation, read_expression, read_name

TABLE = table_for(CONTEXT % "")
LOG2 = table_for(CONTEXT % "  log: 2\n")
LOG10 = table_for(CONTEXT % "  log: 10\n")

d, D, n = (TABLE.lookup(k).symbol for k in ("d", "D", "n"))
x, y, a, b, s, t = (TABLE.lookup(k).symbol for k in ("x", "y", "a", "b", "s", "t"))
xt, yh, zb, st = (TABLE.lookup(k).symbol for k in ("\\tilde{x}", "\\hat{y}", "\\bar{z}", "\\sigma_{\\theta}"))
Z, MU, SIGMA = (TABLE.lookup(k).base for k in ("z", "\\mu", "\\sigma"))
i = sympy.Symbol("i", integer=True)
F, MSE = TABLE.lookup("f").head, TABLE.lookup("MSE").head
Q, P, R = (TABLE.distributions[k][0].distribution for k in ("q", "p", "r"))
EPSILON = sympy.Symbol("\\epsilon", real=True)


def value(text: str, table=TABLE):
    return read_expression(text, table)


def same(text: str, expected, table=TABLE) -> None:
    got = value(text, table)
    assert got == expected, (text, got, expected)


# --- names ----------------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("x", x), ("\\tilde{x}", xt), ("\\widetilde{x}", xt), ("\\tilde x", xt),
    ("\\hat{y}", yh), ("\\widehat{y}", yh), ("\\bar{z}", zb), ("\\overline{z}", zb),
    ("\\sigma_\\theta", st), ("\\sigma_{\\theta}", st), ("{\\sigma_\\theta}", st),
    ("z_1", Z[1]), ("z_{d}", Z[d]), ("\\mu_2", MU[2]), ("\\sigma_{1}", SIGMA[1]),
])
def test_names_and_components(text, expected):
    same(text, expected)


def test_declared_names_read_back_to_their_keys():
    assert read_name("\\sigma_\\theta") == read_name("\\sigma_{\\theta}") == "\\sigma_{\\theta}"
    assert read_name("\\widetilde{x}") == read_name("\\tilde x") == "\\tilde{x}"
    assert read_name("\\mathrm{MSE}") == read_name("\\operatorname{MSE}") == "MSE"


def test_names_are_case_sensitive():
    assert value("d") == d and value("D") == D and d != D


@pytest.mark.parametrize("spelling", ["MSE", "\\mathrm{MSE}", "\\text{MSE}", "\\operatorname{MSE}", "\\textrm{MSE}"])
def test_multi_letter_function_in_every_font(spelling):
    same(f"{spelling}(x, y)", MSE(x, y))


def test_defined_function_keeps_its_body():
    definition = TABLE.lookup("MSE")
    assert definition.body == (x - y) ** 2
    assert definition.expand((a, b)) == (a - b) ** 2


def test_undeclared_word_of_declared_letters_is_their_product():
    same("ab", a * b)
    same("2ab", 2 * a * b)


# --- arithmetic -----------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("\\frac{a}{b}", a / b),
    ("\\frac12", sympy.Rational(1, 2)),
    ("\\frac1x", 1 / x),
    ("\\frac{1}{2}x", x / 2),
    ("\\tfrac{1}{2} + \\dfrac{a}{2}", sympy.Rational(1, 2) + a / 2),
    ("\\frac{\\frac{a}{b}}{s}", a / (b * s)),
    ("\\sqrt{a}", sympy.sqrt(a)),
    ("\\sqrt2", sympy.sqrt(2)),
    ("\\sqrt[3]{a}", sympy.real_root(a, 3)),  # a real a: the real cube root
    ("\\sqrt[n]{s}", s ** (1 / n)),
    ("a^2", a ** 2),
    ("a^{b+1}", a ** (b + 1)),
    ("a^23", 3 * a ** 2),  # TeX takes one token: a^2 times 3
    ("a^{-1}", 1 / a),
    ("a^{1/2}", sympy.sqrt(a)),
    ("z_1^2", Z[1] ** 2),
    ("z^2_1", Z[1] ** 2),  # TeX puts the subscript on the name either way
    ("\\sigma^{2}_{d}", SIGMA[d] ** 2),
    ("\\sigma_\\theta^2", st ** 2),
    ("\\sigma^2_\\theta", st ** 2),
    ("e^{a}", sympy.exp(a)),
    ("\\exp(a)", sympy.exp(a)),
    ("\\exp a", sympy.exp(a)),
    ("\\exp\\left(-\\frac{a}{2}\\right)", sympy.exp(-a / 2)),
    ("\\pi", sympy.pi),
    ("1.5a", sympy.Rational(3, 2) * a),
    ("a \\times b", a * b),
    ("a \\cdot b", a * b),
    ("a\\,b", a * b),
    ("a \\; b \\quad + \\! 1", a * b + 1),
    ("a * b", a * b),
    ("a / b", a / b),
    ("-a", -a),
    ("a - b", a - b),
    ("\\left( a + b \\right) s", s * (a + b)),
    ("\\left[ a + b \\right]^2", (a + b) ** 2),
    ("\\left\\{ a \\right\\}", a),
    ("\\left| a \\right| + \\lvert b \\rvert", sympy.Abs(a) + sympy.Abs(b)),
    ("\\bigl( a \\bigr)", a),
    ("a!", sympy.factorial(a)),
])
def test_arithmetic(text, expected):
    same(text, expected)


def test_numbers_multiplied_as_written_stay_unfolded():
    got = value("2 \\times 3 \\times 4")
    assert got.is_Mul and got.args == (2, 3, 4)
    assert got.doit() == 24


def test_a_number_times_a_bracket_stays_as_written():
    with distribute(False):
        expected = sympy.Rational(1, 2) * (a + b)
    assert value("\\frac{1}{2}(a + b)") == expected
    assert value("\\frac{a + b}{2}") == expected
    assert expected != a / 2 + b / 2 and sympy.expand(expected - (a / 2 + b / 2)) == 0


# --- logarithms -----------------------------------------------------------------------------
@pytest.mark.parametrize("text, natural, base2", [
    ("\\log a", sympy.log(a), sympy.log(a, 2)),
    ("\\log(a)", sympy.log(a), sympy.log(a, 2)),
    ("\\log{\\left(a \\right)}", sympy.log(a), sympy.log(a, 2)),
    ("\\ln a", sympy.log(a), sympy.log(a)),
    ("\\ln(2\\pi)", sympy.log(2 * sympy.pi), sympy.log(2 * sympy.pi)),
    ("\\log_2 a", sympy.log(a, 2), sympy.log(a, 2)),
    ("\\log_{10}(a)", sympy.log(a, 10), sympy.log(a, 10)),
    ("\\log^2 a", sympy.log(a) ** 2, sympy.log(a, 2) ** 2),
    ("\\log{\\left(a \\right)}^{2}", sympy.log(a) ** 2, sympy.log(a, 2) ** 2),  # as SymPy prints it
])
def test_log_is_natural_unless_the_front_matter_sets_a_base(text, natural, base2):
    same(text, natural)
    same(text, base2, LOG2)


@pytest.mark.parametrize("text", ["\\log(a)^2", "\\ln(a)^{1/2}", "\\log\\left(\\frac{1}{a}\\right)^{\\frac{1}{2}}"])
def test_a_power_after_a_logs_bracket_is_ambiguous(text):
    # The log of a power or a power of the log: authors mean both (a CS Stack Exchange question writes
    # \log\left(\frac{1}{\sigma^2}\right)^{\frac{1}{2}} for \frac12\log\frac{1}{\sigma^2}), so neither is picked.
    error = read_error(lambda: value(text))
    assert error.code == "V110" and "log of a power or a power of the log" in error.arguments["problem"]


def test_log_base_ten():
    same("\\log a", sympy.log(a, 10), LOG10)
    same("\\ln a", sympy.log(a), LOG10)


def test_an_unbracketed_log_takes_its_product():
    same("\\log a b + 1", sympy.log(a * b) + 1)
    same("\\frac{d}{2} \\log s", d * sympy.log(s) / 2)


# --- sums, products, integrals --------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("\\sum_i z_i", sympy.Sum(Z[i], (i, 1, d))),
    ("\\sum_{i} z_i^2", sympy.Sum(Z[i] ** 2, (i, 1, d))),
    ("\\sum_{i=1}^{d} z_i", sympy.Sum(Z[i], (i, 1, d))),
    ("\\sum_{i=1}^d z_i", sympy.Sum(Z[i], (i, 1, d))),
    ("\\sum^{d}_{i=1} z_i", sympy.Sum(Z[i], (i, 1, d))),
    ("\\sum_i^d z_i", sympy.Sum(Z[i], (i, 1, d))),
    ("\\sum_{i=1} z_i", sympy.Sum(Z[i], (i, 1, d))),
    ("\\sum_{i=1}^{d} \\sum_{j=1}^{i} z_j", sympy.Sum(Z[sympy.Symbol("j", integer=True)], (sympy.Symbol("j", integer=True), 1, i), (i, 1, d))),
    ("\\sum_{i=2}^{n} i", sympy.Sum(i, (i, 2, n))),
    ("\\sum_i \\log \\sigma_i", sympy.Sum(sympy.log(SIGMA[i]), (i, 1, d))),
    ("\\sum_i (z_i - \\mu_i)^2 + 1", sympy.Sum((Z[i] - MU[i]) ** 2, (i, 1, d)) + 1),
    ("\\prod_i \\sigma_i", sympy.Product(SIGMA[i], (i, 1, d))),
    ("\\prod_{i=1}^{d} \\sigma_i", sympy.Product(SIGMA[i], (i, 1, d))),
    ("\\frac{1}{\\prod_i \\sigma_i}", 1 / sympy.Product(SIGMA[i], (i, 1, d))),
])
def test_sums_and_products(text, expected):
    same(text, expected)


def test_a_sum_bound_is_inferred_from_the_vector_dimension_only():
    error = read_error(lambda: value("\\sum_i i"))
    assert (error.code, error.position) == ("V109", 0)


@pytest.mark.parametrize("text, expected", [
    # no limits, no density: over the line, marked so that a link may read it as an antiderivative
    ("\\int y^2 dy", UnboundedIntegral(y ** 2, (y, -sympy.oo, sympy.oo))),
    ("\\int y^2 \\, dy", UnboundedIntegral(y ** 2, (y, -sympy.oo, sympy.oo))),
    ("\\int y \\mathrm{d}y", UnboundedIntegral(y, (y, -sympy.oo, sympy.oo))),
    ("\\int_0^1 y\\,dy", sympy.Integral(y, (y, 0, 1))),
    ("\\int_{-\\infty}^{\\infty} r(y) dy", sympy.Integral(DensityAt(R, y), (y, -sympy.oo, sympy.oo))),
    ("\\int_{\\mathbb{R}} y dy", sympy.Integral(y, (y, -sympy.oo, sympy.oo))),
    ("\\int a dz", VectorIntegral(a, Z)),
    ("\\int_{\\mathbb{R}^d} q(z|x) dz", VectorIntegral(DensityAt(Q, Z), Z)),
    ("\\int_{\\mathbb{R}^d} q(z|x) \\log p(z) \\, dz",
     VectorIntegral(DensityAt(Q, Z) * sympy.log(DensityAt(P, Z)), Z)),
])
def test_integrals(text, expected):
    same(text, expected)


def test_an_integration_variable_needs_no_declaration():
    got = value("\\int u^2 du")
    u = sympy.Symbol("u", real=True)
    assert got == UnboundedIntegral(u ** 2, (u, -sympy.oo, sympy.oo)) and isinstance(got, sympy.Integral)


def test_a_vector_integral_over_the_wrong_space_is_refused():
    assert read_error(lambda: value("\\int_{\\mathbb{R}^D} q(z|x) dz")).code == "V109"


# --- functions, densities, probabilistic quantities -----------------------------------------
def test_function_application():
    same("f(x, y)", F(x, y))
    same("f(a, b + 1)", F(a, b + 1))
    same("2 f(x, y)^2", 2 * F(x, y) ** 2)
    assert read_error(lambda: value("f(x)")).code == "V109"  # wrong number of arguments


@pytest.mark.parametrize("text, expected", [
    ("q(z|x)", DensityAt(Q, Z)),
    ("q(z \\mid x)", DensityAt(Q, Z)),
    ("p(z)", DensityAt(P, Z)),
    ("\\log p(z)", sympy.log(DensityAt(P, Z))),
    ("\\frac{q(z|x)}{p(z)}", DensityAt(Q, Z) / DensityAt(P, Z)),
    ("r(y)", DensityAt(R, y)),
    ("r(b)", DensityAt(R, b)),  # the same law at another point
    ("\\mathcal{N}(y; a, s^2)", DensityAt(Distribution(y, Family("Normal", (a, s ** 2))), y)),
])
def test_densities(text, expected):
    same(text, expected)


def test_the_laws_of_declared_densities():
    assert (Q.variable, Q.family.name, Q.label) == (Z, "Normal", "q(z|x)")
    assert P.family.params[0] == 0
    assert R.family.params == (a, s ** 2) and R.variable == y


@pytest.mark.parametrize("text", [
    "D_{KL}(q\\|p)", "D_{KL}(q \\| p)", "D_{KL}(q\\| p)", "D_{KL}(q \\|p)",
    "D_{\\mathrm{KL}}(q(z|x)||p(z))", "D_{\\text{KL}}(q(z|x) \\Vert p(z))",
    "\\mathrm{KL}(q\\|p)", "\\operatorname{KL}(q \\parallel p)", "D_{KL}\\left(q \\| p\\right)",
])
def test_kl_divergence_spellings(text):
    got = value(text)
    assert isinstance(got, KLDivergence)
    assert got.args == (Q, P)


def test_kl_arguments_keep_their_order():
    assert value("D_{KL}(p \\| q)").args == (P, Q)


@pytest.mark.parametrize("text, expected", [
    ("H(p)", Entropy(P)), ("H(r)", Entropy(R)), ("\\mathbb{H}[p]", Entropy(P)),
    ("\\mathbb{H}[q(z|x)]", Entropy(Q)),
])
def test_entropy(text, expected):
    same(text, expected)


@pytest.mark.parametrize("text, expected", [
    ("\\mathbb{E}_{q}[z_1]", Expectation(Z[1], Q)),
    ("\\mathbb{E}_{z\\sim q}[z_1]", Expectation(Z[1], Q)),
    ("\\mathbb{E}_{z \\sim q(z|x)}\\left[\\log p(z)\\right]", Expectation(sympy.log(DensityAt(P, Z)), Q)),
    ("\\mathbb{E}_{y \\sim r}[y^2]", Expectation(y ** 2, R)),
    ("\\mathbb{E}_{r(y)}[y]", Expectation(y, R)),
    ("\\mathbb{E}_{\\epsilon\\sim\\mathcal{N}(0,1)}[\\epsilon^2]",
     Expectation(EPSILON ** 2, Distribution(EPSILON, Family("Normal", (0, 1))))),
    ("\\mathbb{E}_{\\epsilon\\sim\\mathcal{N}(a,s^2)}[a + s\\epsilon]",
     Expectation(a + s * EPSILON, Distribution(EPSILON, Family("Normal", (a, s ** 2))))),
])
def test_expectations(text, expected):
    same(text, expected)


def test_an_expectation_variable_is_bound_only_inside_it():
    error = read_error(lambda: value("\\mathbb{E}_{\\epsilon\\sim\\mathcal{N}(0,1)}[\\epsilon] + \\epsilon"))
    assert (error.code, error.arguments["name"]) == ("V107", "\\epsilon")


def test_an_expectation_needs_its_law():
    """Written without one, the law is the one declared on the body's variable (r on y), if any."""
    assert value("\\mathbb{E}[y]") == value("\\mathbb{E}_{y\\sim r}[y]")
    assert read_error(lambda: value("\\mathbb{E}[x]")).code == "V109"  # no law is declared on x
    assert read_error(lambda: value("\\mathbb{E}[z_1]")).code == "V109"  # two: q(z|x) and p(z)


# --- chains of relations --------------------------------------------------------------------
def test_a_chain_of_every_relation():
    text = "a = b \\equiv x \\propto y \\le s \\ge t < d > D"
    reading = read_chain(text, TABLE)
    assert list(reading.relations) == ["=", "\\equiv", "\\propto", "\\le", "\\ge", "<", ">"]
    assert [m.value for m in reading.members] == [a, b, x, y, s, t, d, D]
    assert [text[p] for p in reading.relation_positions] == ["=", "\\", "\\", "\\", "\\", "<", ">"]
    assert [m.latex for m in reading.members] == ["a", "b", "x", "y", "s", "t", "d", "D"]


@pytest.mark.parametrize("text, relations", [
    ("a \\leq b \\geq x", ["\\le", "\\ge"]),
    ("a \\leqslant b \\geqslant x", ["\\le", "\\ge"]),
    ("a <= b >= x", ["\\le", "\\ge"]),
    ("a \\lt b \\gt x", ["<", ">"]),
    ("a = b.", ["="]),
    ("a = b,", ["="]),
])
def test_relation_spellings(text, relations):
    assert list(read_chain(text, TABLE).relations) == relations


def test_member_positions_cover_their_source():
    text = "f(x, y) = \\frac{1}{2} a"
    reading = read_chain(text, TABLE)
    assert [(m.start, m.end) for m in reading.members] == [(0, 7), (10, 23)]
    assert reading.relation_positions == (8,)


def test_a_continuation_starts_with_a_relation():
    reading = read_continuation("= a + b \\le s", TABLE)
    assert list(reading.relations) == ["=", "\\le"]
    assert [m.value for m in reading.members] == [a + b, s]


def test_an_expression_is_not_a_chain():
    assert read_error(lambda: value("a = b")).code == "V109"


# --- errors ---------------------------------------------------------------------------------
@pytest.mark.parametrize("text, name, position", [
    ("x + w", "w", 4),
    ("\\frac{1}{w}", "w", 9),
    ("a = \\sqrt{s} + \\omega", "\\omega", 15),
    ("\\sigma_\\phi", "\\sigma_{\\phi}", 0),  # \sigma is a vector: the whole name is undeclared
    ("a + \\mu_\\theta", "\\mu_{\\theta}", 4),
    ("\\log w", "w", 5),
    ("\\sum_i z_i w", "w", 11),
])
def test_undeclared_names(text, name, position):
    error = read_error(lambda: read_chain(text, TABLE))
    assert (error.code, error.arguments["name"], error.position) == ("V107", name, position)


@pytest.mark.parametrize("text, position", [
    ("\\frac{1}{2", 10),        # ends too early: the position is the end
    ("a = \\frac{1}{2}}", 15),  # the extra brace
    ("{a + b", 6),
    ("\\left( a + b", 12),
    ("a + b \\right)", 6),
    ("a = (b", 6),
    ("a = b)", 5),
    ("a = \\sqrt{b", 11),
    ("x^{2", 4),
])
def test_unbalanced_brackets(text, position):
    error = read_error(lambda: read_chain(text, TABLE))
    assert (error.code, error.position) == ("V106", position)


@pytest.mark.parametrize("text, position", [
    ("a = # b", 4),
    ("a = @", 4),
    ("a + + ", 5),
    ("= a", 0),
    ("", 0),
])
def test_syntax_errors(text, position):
    error = read_error(lambda: read_chain(text, TABLE))
    assert (error.code, error.position) == ("V106", position)


@pytest.mark.parametrize("text, position", [
    ("\\mathbb{E}_{\\epsilon\\sim\\mathrm{Weibull}(0,1)}[\\epsilon]", 24),
    ("\\mathbb{E}_{\\epsilon\\sim\\operatorname{Weibull}(0,1)}[\\epsilon]", 24),
    ("\\mathbb{E}_{\\epsilon\\sim\\text{Weibull}(0,1)}[\\epsilon]", 24),
    ("\\mathbb{E}_{\\epsilon\\sim Weibull(0,1)}[\\epsilon]", 25),
    ("H(\\mathrm{Weibull}(a, b))", 2),
    ("\\mathbb{H}[\\mathrm{Weibull}(a, b)]", 11),
    ("D_{KL}(q \\| \\mathrm{Weibull}(a, b))", 12),
    ("\\mathrm{Weibull}(y; a, b)", 0),  # a law written in place, with its variable
])
def test_unknown_family(text, position):
    error = read_error(lambda: value(text))
    assert (error.code, error.position, error.arguments["name"]) == ("V108", position, "Weibull")
    assert "Normal" in error.arguments["known"] and "Gamma" in error.arguments["known"]


@pytest.mark.parametrize("text", ["H(w(y))", "\\mathbb{E}_{y \\sim w(y)}[y]", "H(\\phi(y))", "D_{KL}(q \\| w)"])
def test_an_undeclared_density_is_an_undeclared_name_not_a_family(text):
    assert read_error(lambda: value(text)).code == "V107"


def test_an_unknown_calligraphic_family():
    error = read_error(lambda: value("\\mathbb{E}_{y\\sim\\mathcal{W}(a, b)}[y]"))
    assert (error.code, error.arguments["name"]) == ("V108", "\\mathcal{W}")


def test_a_known_family_in_upright_font():
    got = value("\\mathbb{E}_{\\epsilon\\sim\\mathrm{Normal}(0,1)}[\\epsilon]")
    assert got.distribution.family == Family("Normal", (0, 1))


@pytest.mark.parametrize("text", ["z_0", "z_{d+1}", "\\sum_i z_0"])
def test_a_component_outside_the_vector(text):
    assert read_error(lambda: value(text)).code == "V109"


@pytest.mark.parametrize("text", ["a = z", "z + 1 = a", "a = \\log \\sigma"])
def test_a_whole_vector_where_a_number_is_expected(text):
    assert read_error(lambda: read_chain(text, TABLE)).code == "V109"


def test_an_expression_may_be_a_whole_vector():
    """What a `where \\sigma = \\mu` directive binds."""
    assert value("\\mu").base == MU


@pytest.mark.parametrize("text, expected", [
    ("\\left(a + b\\right)", a + b), ("{a}", a), ("\\left\\{ a \\right\\}", a), ("[b]", b),
])
def test_an_expression_in_brackets_is_its_value(text, expected):
    """A definition such as `g(x): \\left(x + 1\\right)` is a number, not a bracket."""
    same(text, expected)


def test_braces_are_not_brackets():
    assert read_error(lambda: value("{a + b}^2")).code == "V110"


def test_a_bare_density_with_several_declarations_is_ambiguous():
    table = table_for(r"""---
verify:
  symbols:
    u, v: real
  distributions:
    p(u): \mathcal{N}(u; 0, 1)
    p(v|u): \mathcal{N}(v; u, 1)
---
""")
    assert read_error(lambda: value("H(p)", table)).code == "V110"
    assert isinstance(value("H(p(v|u))", table), Entropy)


# --- families -------------------------------------------------------------------------------
FAMILY_NAMES = ["Normal", "Bernoulli", "Categorical", "Laplace", "Exponential", "Gamma", "Beta", "Poisson",
                "Geometric", "Uniform", "Gumbel", "StudentT", "Pareto"]


@pytest.mark.parametrize("font", ["\\mathrm{%s}", "\\operatorname{%s}", "\\text{%s}", "%s"])
@pytest.mark.parametrize("name", FAMILY_NAMES)
def test_every_family_in_every_font(font, name):
    arity = len(FAMILIES[name].parameters)
    params = (s, t, a)[:arity]
    text = f"\\mathbb{{E}}_{{u \\sim {font % name}({', '.join(('s', 't', 'a')[:arity])})}}[u]"
    law = value(text).distribution
    assert law.family == Family(name, params)
    assert law.variable == sympy.Symbol("u", real=True)


@pytest.mark.parametrize("spelling", ["\\mathcal{N}", "\\mathrm{Gaussian}", "Normal"])
def test_normal_spellings(spelling):
    assert value(f"\\mathbb{{E}}_{{u \\sim {spelling}(a, s^2)}}[u]").distribution.family == Family("Normal", (a, s ** 2))


def test_a_family_with_the_wrong_number_of_parameters():
    assert read_error(lambda: value("\\mathbb{E}_{u \\sim \\mathrm{Gamma}(s)}[u]")).code == "V109"


# --- TeX's token rules and what the tool refuses to guess -----------------------------------
@pytest.mark.parametrize("text, expected", [
    ("\\frac{1}2", sympy.Rational(1, 2)),
    ("\\frac1{2}", sympy.Rational(1, 2)),
    ("\\frac 1 2", sympy.Rational(1, 2)),
    ("\\frac\\pi2", sympy.pi / 2),
    ("\\frac12a", a / 2),
    ("z_12", 2 * Z[1]),  # z_1 times 2
    ("e^\\pi", sympy.exp(sympy.pi)),
    ("2e", 2 * sympy.E),
    ("2e^{3}", 2 * sympy.exp(3)),
    ("\\sum\\limits_{i=1}^{d} z_i", sympy.Sum(Z[i], (i, 1, d))),
    ("\\displaystyle\\frac{a}{b}", a / b),
    ("\\operatorname*{MSE}(a, b)", MSE(a, b)),
    ("a \\,.\\, b", a * b),
])
def test_tex_token_rules(text, expected):
    same(text, expected)


@pytest.mark.parametrize("text, position", [("1.5e3", 0), ("2e-3", 0), ("a + 4e10", 4)])
def test_scientific_notation_is_ambiguous(text, position):
    error = read_error(lambda: value(text))
    assert (error.code, error.position) == ("V110", position)


@pytest.mark.parametrize("text, position", [
    ("a^b^c", 3), ("a_1_2", 3), ("z_1^2^3", 5), ("z^2_1^3", 5), ("z_1^2_3", 5), ("f(a, b)^2^3", 9),
])
def test_a_double_script_is_refused_as_tex_does(text, position):
    error = read_error(lambda: value(text))
    assert (error.code, error.position) == ("V106", position)


@pytest.mark.parametrize("text, position", [
    ("{" * 40 + "a" + "}" * 40, 30),
    ("(" * 40 + "a" + ")" * 40, 30),
    ("a^{" * 40 + "a" + "}" * 40, 92),  # the 31st brace
])
def test_deep_nesting_is_refused_early(text, position):
    error = read_error(lambda: value(text))
    assert (error.code, error.position) == ("V106", position)


@pytest.mark.parametrize("reader", [read_name, lambda t: read_chain(t, TABLE)])
@pytest.mark.parametrize("text", ["\\tilde " * 1500 + "a", "\\log " * 1500 + "a", "a" + "!" * 3000])
def test_long_chains_without_brackets_are_refused_not_crashed(reader, text):
    try:
        reader(text)
    except ReadError as error:
        assert error.code in ("V102", "V106", "V107", "V109")


@pytest.mark.parametrize("text, expected", [
    ("|a|", sympy.Abs(a)),
    ("|a - b| + |b|", sympy.Abs(a - b) + sympy.Abs(b)),
    ("\\frac{|a|}{2}", sympy.Abs(a) / 2),
    ("\\sum_i |z_i - \\mu_i|", sympy.Sum(sympy.Abs(Z[i] - MU[i]), (i, 1, d))),
    ("e^{-|a - b|/s}", sympy.exp(-sympy.Abs(a - b) / s)),
    ("a|b|", a * sympy.Abs(b)),
    ("|a| |b|", sympy.Abs(a) * sympy.Abs(b)),
    ("\\log |a|", sympy.log(sympy.Abs(a))),
    ("q(z|x) |a|", DensityAt(Q, Z) * sympy.Abs(a)),  # a bar right inside brackets still separates
    ("\\mathbb{E}_{y\\sim r}[|y - a|]", Expectation(sympy.Abs(y - a), R)),
])
def test_plain_bars_are_absolute_values_outside_argument_lists(text, expected):
    same(text, expected)


@pytest.mark.parametrize("text", ["|a", "a|", "|a||b|"])
def test_unbalanced_bars(text):
    assert read_error(lambda: value(text)).code == "V106"


def test_a_sum_over_a_law_variable_evaluates_the_law_at_its_index():
    table = table_for(r"""---
verify:
  symbols:
    s: positive
  distributions:
    P(k): \mathrm{Poisson}(k; s)
---
""")
    total = value("\\sum_{k=0}^{\\infty} P(k)", table)
    index = total.limits[0][0]
    assert total.limits[0][1:] == (0, sympy.oo)
    assert total.function.point == index  # not the declared k, which the sum would not bind
    assert total.function.distribution.variable != index
    assert value("P(k)", table).point == total.function.distribution.variable


@pytest.mark.parametrize("text, position", [("1/2 a", 1), ("1/2a", 1), ("a / 2 \\sum_i z_i", 2), ("x 1 / 2 y", 4)])
def test_a_slash_before_a_product_is_ambiguous(text, position):
    error = read_error(lambda: value(text))
    assert (error.code, error.position) == ("V110", position)


@pytest.mark.parametrize("text, expected", [
    ("a/b", a / b), ("a b / s", a * b / s), ("1/(2a)", 1 / (2 * a)), ("a/b/s", a / (b * s)),
    ("1 / f(a, b)", 1 / F(a, b)), ("1/2 \\cdot a", a / 2), ("a / \\sum_i z_i", a / sympy.Sum(Z[i], (i, 1, d))),
])
def test_a_slash_before_one_factor(text, expected):
    same(text, expected)


@pytest.mark.parametrize("text, expected", [
    ("ab^2", a * b ** 2),        # TeX raises the last letter only, never (ab)^2
    ("xay^{3}", x * a * y ** 3),
    ("ab!", a * sympy.factorial(b)),
])
def test_a_power_after_letters_applies_to_the_last_letter(text, expected):
    same(text, expected)


def test_two_numbers_side_by_side_are_not_a_product():
    error = read_error(lambda: value("2 1"))  # TeX shows 21, never 2 times 1
    assert (error.code, error.position) == ("V110", 2)
    same("2 \\cdot 1", sympy.Mul(2, 1, evaluate=False))


def test_an_index_used_outside_the_sum_that_binds_it_is_a_reading_error():
    """`\\sum_{i=1}^{d}\\mu_i - \\mu_i` once reached the checks with a free i and crashed SymPy's Sum."""
    table = table_for(CONTEXT % "")
    error = read_error(lambda: read_chain(r"\sum_{i=1}^{d}\mu_i - \mu_i = 0", table))
    assert (error.code, error.position) == ("V109", 0)
    assert error.arguments["problem"] == "the index `i` is used outside the sum or product that binds it"
    error = read_error(lambda: read_chain(r"0 = \mu_j + \prod_{j=1}^{d} \sigma_j", table))
    assert (error.arguments["problem"], error.position) == (
        "the index `j` is used outside the sum or product that binds it", 4)
    # A claim about every component binds no index: it reads as before, i free.
    reading = read_chain(r"\mu_i = \sum_{j=1}^{d} \mu_j - \sum_{k=1}^{d} \mu_k + \mu_i", table)
    i = sympy.Symbol("i", integer=True)
    assert reading.members[0].value == sympy.IndexedBase("\\mu", real=True)[i]


KL_NOTATIONS = [
    r"KL(q, p)", r"KL(q \| p)", r"D_{KL}(q, p)", r"D(q \| p)", r"D(q||p)", r"\mathrm{KL}[q \| p]",
    r"KL(q \mid\mid p)", r"KL(q \mid \mid p)", r"KL(q \Vert p)", r"KL(q \parallel p)",
    r"\mathfrak{D}_{\mathrm{KL}}(q \| p)", r"KL\left[q \| p\right]", r"D_{\mathrm{KL}}\left(q \,\|\, p\right)",
]
GAUSSIAN_PAIR = table_for(r"""---
verify:
  symbols:
    \mu, m: real
    \sigma, s: positive
  distributions:
    q(x): \mathcal{N}(x; \mu, \sigma^2)
    p(x): \mathcal{N}(x; m, s^2)
---
""")


@pytest.mark.parametrize("written", KL_NOTATIONS)
def test_the_textbooks_divergence_notations_read_as_the_kl_of_q_from_p(written):
    """Bishop's KL(p, q), Cover & Thomas' D(p || q), \\mid\\mid, \\Vert, \\parallel, fraktur D, any brackets."""
    expected = read_expression(r"D_{KL}(q \| p)", GAUSSIAN_PAIR)
    value = read_expression(written, GAUSSIAN_PAIR)
    assert isinstance(value, KLDivergence) and value == expected
    assert [law.label for law in value.args] == ["q(x)", "p(x)"]


def test_an_undeclared_d_alone_is_still_an_undeclared_name():
    error = read_error(lambda: read_expression(r"D + 1", GAUSSIAN_PAIR))
    assert (error.code, error.arguments["name"]) == ("V107", "D")
    error = read_error(lambda: read_expression(r"KL(q; p)", GAUSSIAN_PAIR))
    assert (error.code, error.arguments["problem"]) == ("V109", "KL takes two laws separated by `\\|`, `||` or `,`")


@pytest.mark.parametrize("written", [r"a = b \tag{1}", r"a = b \tag*{(1)}", r"a = b \label{eq:ab}",
                                     r"a = b \notag", r"a = b \nonumber"])
def test_tags_labels_and_numbering_switches_are_read_as_nothing(written):
    plain = read_chain("a = b", TABLE)
    assert [m.value for m in read_chain(written, TABLE).members] == [m.value for m in plain.members]


@pytest.mark.parametrize("written, value", [
    (r"\Gamma(x)", sympy.gamma(sympy.Symbol("x", real=True))),
    (r"\log\Gamma(s)", sympy.log(sympy.gamma(sympy.Symbol("s", positive=True)))),
    (r"\psi(s)", sympy.digamma(sympy.Symbol("s", positive=True))),
    (r"B(s, t)", sympy.beta(sympy.Symbol("s", positive=True), sympy.Symbol("t", positive=True))),
    (r"\operatorname{erf}(x)", sympy.erf(sympy.Symbol("x", real=True))),
    (r"\mathrm{erfc}(x)", sympy.erfc(sympy.Symbol("x", real=True))),
    (r"\max(x, y)", sympy.Max(sympy.Symbol("x", real=True), sympy.Symbol("y", real=True))),
    (r"\min(x, y)", sympy.Min(sympy.Symbol("x", real=True), sympy.Symbol("y", real=True))),
    (r"\operatorname{sign}(x)", sympy.sign(sympy.Symbol("x", real=True))),
])
def test_special_functions_are_known_by_their_standard_names(written, value):
    assert read_expression(written, TABLE) == value


def test_a_standard_function_name_alone_is_an_undeclared_name_and_a_declaration_wins():
    for written, name in ((r"B + 1", "B"), (r"\psi", "\\psi"), (r"2\Gamma", "\\Gamma")):
        error = read_error(lambda: read_expression(written, TABLE))
        assert (error.code, error.arguments["name"]) == ("V107", name)
    own = table_for(r"""---
verify:
  symbols:
    x, y: real
  functions:
    B(x, y): x + y
---
""")
    value = read_expression(r"B(x, y)", own)  # the note's own B, expanded by the reference later
    assert value.func in own.definitions() and value != sympy.beta(*value.args)


UNICODE_TABLE = table_for(r"""---
verify:
  symbols:
    \mu, x, y, a, b: real
    \sigma: positive
    d: positive integer
    z: real vector[d]
---
""")


@pytest.mark.parametrize("typed, written", [
    ("μ + σ", r"\mu + \sigma"),
    ("x² + y³", "x^2 + y^3"),
    ("σ⁻¹", r"\sigma^{-1}"),
    ("x · y × a ⋅ b", r"x \cdot y \times a \cdot b"),
    ("a − b", "a - b"),
    ("\\sum_{i=1}^{d} z_i²", r"\sum_{i=1}^{d} z_i^2"),
])
def test_unicode_typed_maths_reads_as_its_latex(typed, written):
    assert read_expression(typed, UNICODE_TABLE) == read_expression(written, UNICODE_TABLE)


def test_a_unicode_capital_is_the_name_it_looks_like_not_an_operator():
    error = read_error(lambda: read_expression("Σ + 1", UNICODE_TABLE))  # capital sigma: a name, not the sum sign
    assert (error.code, error.arguments["name"]) == ("V107", "\\Sigma")


def test_unicode_relations_and_their_positions():
    reading = read_chain("μ² ≤ x ≥ y", UNICODE_TABLE)
    assert reading.relations == ("\\le", "\\ge")
    assert [(m.start, m.end, m.latex) for m in reading.members] == [(0, 2, "μ²"), (5, 6, "x"), (9, 10, "y")]


@pytest.mark.parametrize("written, value", [
    (r"\sin^{-1} x", sympy.asin(sympy.Symbol("x", real=True))),
    (r"\cos^{-1}(x)", sympy.acos(sympy.Symbol("x", real=True))),
    (r"\tan^{-1} x", sympy.atan(sympy.Symbol("x", real=True))),
    (r"\tanh^{-1} x", sympy.atanh(sympy.Symbol("x", real=True))),
    (r"\sin^2 x", sympy.sin(sympy.Symbol("x", real=True)) ** 2),  # a power
    (r"\log^{-1} x", 1 / sympy.log(sympy.Symbol("x", real=True))),  # no inverse is written so
])
def test_a_trigonometric_function_to_the_minus_one_is_its_inverse(written, value):
    assert read_expression(written, TABLE) == value


def test_an_odd_root_of_a_real_number_is_the_real_root():
    x = sympy.Symbol("x", real=True)
    assert read_expression(r"\sqrt[3]{-8}", TABLE) == -2  # SymPy's principal root is 1 + sqrt(3) i
    assert read_expression(r"\sqrt[3]{x}", TABLE).subs(x, -27) == -3
    s = sympy.Symbol("s", positive=True)
    assert read_expression(r"\sqrt[3]{s}", TABLE) == s ** sympy.Rational(1, 3)  # positive: as before
    assert read_expression(r"\sqrt[4]{s}", TABLE) == s ** sympy.Rational(1, 4)


ONE_LAW = table_for(r"""---
verify:
  symbols:
    \mu, x, y: real
    \sigma: positive
  distributions:
    p(x): \mathcal{N}(x; \mu, \sigma^2)
---
""")


@pytest.mark.parametrize("written, same_as", [
    (r"\mathbb{E}_{p} x", r"\mathbb{E}_{p}[x]"),
    (r"\mathbb{E}_{x\sim p}\, x^2", r"\mathbb{E}_{x\sim p}[x^2]"),
    (r"\mathbb{E}_{p}\log p(x)", r"\mathbb{E}_{p}[\log p(x)]"),
    (r"2\mathbb{E}_{p} x y + 1", r"2\mathbb{E}_{p}[x y] + 1"),  # the operand runs to the next + at its level
    (r"\mathbb{E}_p|x-\mu|", r"\mathbb{E}_p[|x-\mu|]"),
    (r"\mathbb{E}(x)", r"\mathbb{E}_{p}[x]"),  # no subscript: the one law declared on x
    (r"\mathrm{E}[x]", r"\mathbb{E}_{p}[x]"),
    (r"\operatorname{Var}(x)", r"\mathbb{E}_{p}[x^2] - \mathbb{E}_{p}[x]^2"),
    (r"\mathrm{Var}[x]", r"\mathbb{E}_{p}[x^2] - \mathbb{E}_{p}[x]^2"),
    (r"\mathbb{V}_{x\sim p}[x]", r"\mathbb{E}_{p}[x^2] - \mathbb{E}_{p}[x]^2"),
    (r"\langle x \rangle_p", r"\mathbb{E}_{p}[x]"),  # the physicists' angle brackets
    (r"\langle x^2\rangle", r"\mathbb{E}_{p}[x^2]"),
    (r"\left\langle (x-\mu)^2 \right\rangle_{x\sim p}", r"\mathbb{E}_{x\sim p}[(x-\mu)^2]"),
])
def test_expectations_and_variances_as_notes_write_them(written, same_as):
    assert read_expression(written, ONE_LAW) == read_expression(same_as, ONE_LAW)


def test_an_expectation_without_a_law_needs_exactly_one_law_on_its_variable():
    two = table_for(r"""---
verify:
  symbols:
    \mu, m, x: real
    \sigma, s: positive
  distributions:
    q(x): \mathcal{N}(x; \mu, \sigma^2)
    p(x): \mathcal{N}(x; m, s^2)
---
""")
    error = read_error(lambda: read_expression(r"\mathbb{E}[x]", two))
    assert error.code == "V109" and "(p(x), q(x))" in error.arguments["problem"]
    error = read_error(lambda: read_expression(r"\mathbb{E}[y]", ONE_LAW))
    assert "(none of the declared laws)" in error.arguments["problem"]


DECORATED = table_for(r"""---
verify:
  symbols:
    \theta, \theta^*, x, x^{(i)}, i: real
---
""")


@pytest.mark.parametrize("written, key", [
    (r"\theta^*", "\\theta^{*}"), (r"\theta^{*}", "\\theta^{*}"), (r"x^{(i)}", "x^{(i)}"), (r"x^{( i )}", "x^{(i)}"),
])
def test_a_star_or_a_bracketed_superscript_names_another_symbol_not_a_power(written, key):
    """\\theta^* (an optimum) and x^{(i)} (the i-th example) are names; x^{(i)} was x to the power i."""
    assert read_name(written) == key
    assert read_expression(written, DECORATED) == DECORATED.lookup(key).symbol
    assert read_expression(r"x^{i}", DECORATED) == sympy.Symbol("x", real=True) ** sympy.Symbol("i", real=True)


def test_an_undeclared_decorated_name_is_reported_whole():
    error = read_error(lambda: read_expression(r"\mu^{*} + 1", DECORATED))
    assert (error.code, error.arguments["name"]) == ("V107", "\\mu^{*}")


@pytest.mark.parametrize("written", [r"\int_0^1 x \cdot \mathrm{d}x", r"\int_0^1 x \cdot dx", r"\int_0^1 x \times dx"])
def test_a_dot_before_a_differential_multiplies_nothing(written):
    assert read_expression(written, TABLE) == read_expression(r"\int_0^1 x\,dx", TABLE)


def test_a_function_of_a_sum_or_product_takes_it_whole():
    s_, sigma = sympy.Symbol("s", positive=True), sympy.IndexedBase("\\sigma", positive=True)
    i, n = sympy.Symbol("i", integer=True), sympy.Symbol("n", positive=True, integer=True)
    d = sympy.Symbol("d", positive=True, integer=True)
    assert read_expression(r"\log\prod_{i=1}^{n} s", TABLE) == sympy.log(sympy.Product(s_, (i, 1, n)))
    assert read_expression(r"\log\prod_{i=1}^{d} \sigma_i + 1", TABLE) == \
        sympy.log(sympy.Product(sigma[i], (i, 1, d))) + 1


@pytest.mark.parametrize("written, braced", [
    ("x^-1", "x^{-1}"), ("e^-s", "e^{-s}"), ("e^-st", "e^{-s} t"), (r"e^-\pi", r"e^{-\pi}"),
])
def test_a_signed_one_token_superscript_is_read_as_its_author_means_it(written, braced):
    """TeX would raise the minus alone (x^-1 shows as x⁻1); every reader takes x^{-1}."""
    assert read_expression(written, TABLE) == read_expression(braced, TABLE)


def test_vert_is_a_bar_as_mid_is():
    assert read_expression(r"\vert x \vert", TABLE) == read_expression(r"|x|", TABLE) == sympy.Abs(x)
