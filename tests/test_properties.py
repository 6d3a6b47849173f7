"""Properties of the reader: SymPy's own LaTeX reads back to the same expression, and no text crashes it."""
from __future__ import annotations

import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import CONTEXT, table_for
from derivlint.note.context import build_context
from derivlint.note.document import read_note
from derivlint.model.findings import CODES
from derivlint.latex.errors import ReadError
from derivlint.latex.reader import read_chain, read_continuation, read_expression, read_name
from derivlint.note.claims import read_claims

ROUND_TRIP = table_for(r"""---
verify:
  symbols:
    x, y, a: real
    \sigma, \tilde{x}, \sigma_\theta: positive
    d: positive integer
    z, \mu: real vector[d]
    s: positive vector[d]
---
""")
KEYS = ("x", "y", "a", "\\sigma", "\\tilde{x}", "\\sigma_{\\theta}")
SYMBOLS = {ROUND_TRIP.lookup(key).symbol: key for key in KEYS}  # Symbol -> its LaTeX name
TABLE = table_for(CONTEXT % "")
HEALTH = [HealthCheck.filter_too_much, HealthCheck.too_slow]
MANY = settings(max_examples=1000, deadline=None, suppress_health_check=HEALTH)
SOME = settings(max_examples=300, deadline=None, suppress_health_check=HEALTH)  # slower, broader inputs

# --- round trip: sympy.latex(e) reads back as e --------------------------------------------
leaves = st.one_of(
    st.sampled_from(sorted(SYMBOLS, key=str)),
    st.integers(-20, 20).map(sympy.Integer),
    st.builds(sympy.Rational, st.integers(-9, 9), st.integers(1, 9)),
    st.sampled_from([sympy.pi, sympy.E]),
)
rational_exponents = st.builds(sympy.Rational, st.integers(-5, 5), st.integers(2, 4))


def operations(children):
    return st.one_of(
        st.builds(lambda u, v: u + v, children, children),
        st.builds(lambda u, v: u - v, children, children),
        st.builds(lambda u, v: u * v, children, children),
        st.builds(lambda u, v: u / v, children, children.filter(lambda v: v != 0)),
        st.builds(lambda u, k: u ** k, children, st.integers(-4, 4)),
        st.builds(lambda u, q: u ** q, children, rational_exponents),
        st.builds(lambda u, v: u ** v, children, children.filter(lambda v: v.free_symbols)),
        st.builds(sympy.exp, children),
        st.builds(sympy.log, children),
        st.builds(sympy.sqrt, children),
        st.builds(sympy.Abs, children),
    )


def is_real_note_maths(e: sympy.Expr) -> bool:
    """What a note may write: finite, real (SymPy prints its I as `i`, an index here), moderate numbers."""
    return (e.is_finite is not False and not e.has(sympy.I, sympy.zoo, sympy.nan, sympy.oo, -sympy.oo)
            and not any(p.base.is_negative and not p.exp.is_integer for p in e.atoms(sympy.Pow))
            and all(f.func in (sympy.exp, sympy.log, sympy.Abs) for f in e.atoms(sympy.Function))
            and all(abs(r.p) < 10 ** 12 and r.q < 10 ** 12 for r in e.atoms(sympy.Rational)))


expressions = st.recursive(leaves, operations, max_leaves=8).filter(is_real_note_maths)
# Not fold_short_frac: it prints products such as `x 1 / 2 y`, which the reader refuses as
# ambiguous (V110, see test_latex_reader), rightly: it reads as x/(2y) as well as xy/2.
printer_settings = st.fixed_dictionaries({}, optional={
    "mul_symbol": st.sampled_from([None, "dot", "times", "ldot"]),
    "fold_frac_powers": st.booleans(),
    "fold_func_brackets": st.booleans(),
    "root_notation": st.booleans(),
    "ln_notation": st.booleans(),
    "long_frac_ratio": st.sampled_from([None, 0.5, 2]),
    "order": st.sampled_from(["lex", "rev-lex", "grlex", "none"]),
})


I = sympy.Symbol("i", integer=True)  # the reader's summation index
D = ROUND_TRIP.lookup("d").symbol
COMPONENTS = [ROUND_TRIP.lookup(k).base[I] for k in ("z", "\\mu", "s")]
summands = st.recursive(
    st.one_of(st.sampled_from(COMPONENTS), leaves), operations, max_leaves=5).filter(is_real_note_maths)
sums = st.builds(lambda body, big: big(body, (I, 1, D)), summands, st.sampled_from([sympy.Sum, sympy.Product]))
expressions_with_sums = st.recursive(st.one_of(sums, leaves), operations, max_leaves=4).filter(
    lambda e: is_real_note_maths(e) and e.has(sympy.Sum, sympy.Product))


def rebuilt(e: sympy.Expr) -> sympy.Expr:
    """e evaluated again from its leaves, until SymPy leaves it alone.

    SymPy's automatic evaluation is not idempotent: `-(1/2)**x` keeps (1/2)**x but rebuilding it
    gives 2**(-x), and a product of radicals may merge on a second pass. The printed LaTeX shows
    the tree as it is; reading it evaluates each node again, so the reading may land on the
    rebuilt form. Both are compared as trees, never by simplify; only where the printer itself
    reshaped the expression does reads_back compare values (same_by_value).
    """
    for _ in range(6):
        again = e.func(*(rebuilt(a) for a in e.args)) if e.args else e
        if again == e:
            return e
        e = again
    return e


# Exact rational points at which two readings are compared by value: each symbol gets a value
# its assumptions allow (a positive one for a positive symbol), different at each point.
POSITIVE_VALUES = (sympy.Rational(7, 5), sympy.Rational(3, 11), sympy.Rational(13, 6))
REAL_VALUES = (sympy.Rational(-5, 7), sympy.Rational(9, 4), sympy.Rational(-2, 13))
DIGITS = 60


def points(*expressions: sympy.Expr) -> list[dict]:
    symbols = sorted(set().union(*(e.free_symbols for e in expressions)), key=str)
    return [{v: ((POSITIVE_VALUES if v.is_positive else REAL_VALUES)[(k + j) % 3]) for j, v in enumerate(symbols)}
            for k in range(3)]


def same_value(a: sympy.Expr, b: sympy.Expr) -> bool:
    """a and b, derivatives done, agree to DIGITS - 20 digits at every exact point where both are finite."""
    a, b = a.doit(), b.doit()
    agreed = 0
    for point in points(a, b):
        u, v = (sympy.N(e.subs(point), DIGITS) for e in (a, b))
        if not (u.is_number and v.is_number) or u.has(sympy.nan, sympy.zoo) or v.has(sympy.nan, sympy.zoo):
            continue
        if not (u.is_finite and v.is_finite):
            continue
        if abs(u - v) > sympy.Float(10, DIGITS) ** (20 - DIGITS) * max(1, abs(u)):
            return False
        agreed += 1
    return agreed > 0


def derivatives(e: sympy.Expr) -> list[sympy.Derivative]:
    return sorted(e.atoms(sympy.Derivative), key=lambda d: str(d.variable_count))


def same_by_value(expression: sympy.Expr, back: sympy.Expr) -> bool:
    """Equal values, with the same derivatives as written, whose bodies have equal values too.

    The printer may reshape what it prints: with long_frac_ratio=1/2, 2(sigma + sigma_theta)/sigma
    is printed `\\frac{1}{\\sigma} \\left(2 \\sigma + 2 \\sigma_{\\theta}\\right)`, whose reading is
    equal but built otherwise. The reading must still keep each derivative unevaluated, with
    the same variables and orders, and a body of the same value: comparing only the values
    after .doit() would let d/dx (u + 1) pass for d/dx u.
    """
    ours, theirs = derivatives(expression), derivatives(back)
    if [d.variable_count for d in ours] != [d.variable_count for d in theirs]:
        return False
    return all(same_value(d.expr, e.expr) for d, e in zip(ours, theirs)) and same_value(expression, back)


def as_a_note_means(e: sympy.Expr) -> sympy.Expr:
    """SymPy prints its principal root a**(1/3) as `\\sqrt[3]{a}`; of a real a, a note means the real root."""
    def odd_root(p) -> bool:
        return (p.is_Pow and p.exp.is_Rational and abs(p.exp.p) == 1 and p.exp.q % 2 == 1 and p.exp.q > 1
                and p.base.is_real and not p.base.is_nonnegative)
    return e.replace(odd_root, lambda p: sympy.real_root(p.base, p.exp.q) ** p.exp.p)


def reads_back(expression: sympy.Expr, options: dict) -> None:
    """The reading of sympy.latex(e) is e as a tree, or, where the printer reshaped it, e by value."""
    text = sympy.latex(expression, symbol_names=SYMBOLS, **options)
    back = read_expression(text, ROUND_TRIP)
    if "\\sqrt[" in text:
        expression = as_a_note_means(expression)
    assert (back == expression or back == rebuilt(expression) or rebuilt(back) == rebuilt(expression)
            or same_by_value(expression, back)), (text, sympy.srepr(expression), sympy.srepr(back))


@MANY
@given(expressions, printer_settings)
def test_sympy_latex_reads_back_to_the_same_expression(expression, options):
    reads_back(expression, options)


@SOME
@given(expressions_with_sums, printer_settings)
def test_sums_and_products_over_components_read_back(expression, options):
    reads_back(expression, options)


DIFFERENTIABLE = sorted(SYMBOLS, key=str)
# One derivative per expression: SymPy prints d/dx u times d/dy v as `\\frac{d}{dx} u \\frac{d}{dy} v`,
# which any reader (this one too) takes as d/dx of everything to its right.
expressions_with_a_derivative = st.builds(
    lambda body, variable, order, outer: outer(sympy.Derivative(body, (variable, order))),
    expressions, st.sampled_from(DIFFERENTIABLE), st.integers(1, 3),
    st.sampled_from([lambda d: d, lambda d: 2 * d, lambda d: d + DIFFERENTIABLE[0], lambda d: -d / 3,
                     sympy.exp, lambda d: DIFFERENTIABLE[1] * d]))


@MANY
@given(expressions_with_a_derivative, printer_settings)
def test_derivatives_read_back(expression, options):
    reads_back(expression, options)


def test_round_trip_examples_that_failed_once():
    """Found by the property above; each needed a fix in the reader."""
    x, a, s = (ROUND_TRIP.lookup(k).symbol for k in ("x", "a", "\\sigma"))
    # a number times a bracket: SymPy would spread 3 over e + pi, or 2 over sigma - 7
    for expression in (sympy.pi / (3 * (sympy.E + sympy.pi)), sympy.log(s) - 2 * (s - 7) / x):
        assert read_expression(sympy.latex(expression, symbol_names=SYMBOLS), ROUND_TRIP) == expression
    # mul_symbol="ldot" prints `\,.\,` between factors
    assert read_expression(sympy.latex(2 * a * sympy.exp(s), symbol_names=SYMBOLS, mul_symbol="ldot"),
                           ROUND_TRIP) == 2 * a * sympy.exp(s)



def test_a_read_back_the_printer_reshaped_is_compared_by_value():
    """Found on a fresh clone: long_frac_ratio=1/2 prints 2(sigma + sigma_theta)/sigma spread out."""
    s, t, x = (ROUND_TRIP.lookup(k).symbol for k in ("\\sigma", "\\sigma_{\\theta}", "x"))
    expression = sympy.Derivative((s + t) / (s / 2), s)
    text = sympy.latex(expression, symbol_names=SYMBOLS, long_frac_ratio=0.5)
    assert text == r"\frac{\partial}{\partial \sigma} \frac{1}{\sigma} \left(2 \sigma + 2 \sigma_{\theta}\right)"
    back = read_expression(text, ROUND_TRIP)
    assert back != expression and rebuilt(back) != rebuilt(expression)  # equal, but not as trees
    reads_back(expression, {"long_frac_ratio": 0.5})
    # the value comparison still tells readings apart: another value, another body, another order
    assert not same_by_value(expression, sympy.Derivative((s + t) / s, s))
    assert not same_by_value(expression, sympy.Derivative((s + t) / (s / 2) + 1, s))
    assert not same_by_value(expression, sympy.Derivative((s + t) / (s / 2), (s, 2)))
    assert not same_by_value(expression, sympy.Derivative((s + t) / (s / 2), t))
    assert not same_by_value(expression, expression.doit())  # a derivative is read as written
    assert not same_by_value(x + 1, x + 1 + sympy.Rational(1, 10 ** 30))
    assert same_by_value(expression, sympy.Derivative(2 / s * (s + t), s))


# --- any text: a reading or a ReadError, nothing else -------------------------------------
TOKENS = (
    "\\frac", "\\tfrac", "{", "}", "^", "_", "x", "y", "a", "b", "z", "i", "d", "D", "s", "n", "e", "I", "q", "p", "r", "f",
    "\\sum", "\\prod", "\\int", "(", ")", "[", "]", "|", "\\|", "||", "\\mid", "=", "<", ">", "\\le", "\\equiv", "\\propto",
    "\\left", "\\right", "\\left(", "\\right)", "\\lvert", "\\rvert", "\\{", "\\}", "0", "1", "2", "12", "3.5",
    "\\mathbb{E}", "\\mathbb{R}", "\\mathbb{H}", "\\sim", "\\in", "\\log", "\\ln", "\\exp", "\\sqrt", "dz", "dx", "dy",
    "\\mathrm", "\\mathrm{d}", "\\mathcal{N}", "\\operatorname", "{diag}", "\\text", "MSE", ";", ",", "+", "-", "!", ".", "/",
    "*", "\\cdot", "\\times", "\\,", "\\,.\\,", " ", "&", "\\\\", "\\mu", "\\sigma", "\\epsilon", "\\pi", "\\infty", "\\tau",
    "\\tilde", "\\hat", "\\bar", "\\widetilde", "D_{KL}", "H", "\\Vert", "\\label{a}", "\\big", "%", "\\", "$", "~",
    "\\partial", "\\frac{d}{dx}", "\\frac{\\partial}{\\partial", "d^2", "df", "\\frac{d",
)
latexish = st.lists(st.sampled_from(TOKENS), max_size=30).map("".join)

LEAVES = ("x", "y", "a", "b", "s", "n", "d", "D", "z", "z_i", "z_1", "z_0", "z_{d}", "\\mu_i", "\\sigma_i", "\\sigma",
          "\\mu", "i", "0", "1", "2", "3.5", "\\pi", "e", "\\infty", "I", "q", "p", "r", "q(z|x)", "p(z)", "r(y)",
          "\\epsilon", "\\tilde{x}", "\\hat{y}", "\\bar{z}", "w", "\\theta", "MSE", "f")
TEMPLATES = (
    "{0} + {1}", "{0} - {1}", "-{0}", "{0} {1}", "{0} \\cdot {1}", "{0}/{1}", "\\frac{{{0}}}{{{1}}}", "{0}^{{{1}}}",
    "{0}_{{{1}}}", "\\sum_{{i=1}}^{{{1}}} {0}", "\\sum_i {0}", "\\prod_{{i}} {0}", "\\int {0} dz", "\\int {0} \\, dy",
    "\\int_{{{1}}}^{{{0}}} {0} dx", "\\int_{{\\mathbb{{R}}^{{{1}}}}} {0} dz", "\\mathbb{{E}}_{{z\\sim q}}[{0}]",
    "\\mathbb{{E}}_{{{1}\\sim {0}}}[{0}]", "\\mathbb{{E}}_{{{0}}}[{1}]", "f({0}, {1})", "MSE({0}, {1})", "q({0}|{1})",
    "p({0})", "\\left({0}\\right)", "\\left[{0}\\right]", "\\sqrt{{{0}}}", "\\sqrt[{1}]{{{0}}}", "\\log {0}",
    "\\log_{{{1}}} {0}", "\\exp({0})", "D_{{KL}}({0}\\|{1})", "H({0})", "\\mathbb{{H}}[{0}]", "\\operatorname{{diag}}({0})",
    "\\mathcal{{N}}({0}; {1}, {0})", "\\mathcal{{N}}({0}, {1})", "\\mathrm{{Bernoulli}}({0})", "\\mathrm{{Weibull}}({0}; {1})",
    "{0}!", "\\left| {0} \\right|", "{{{0}}}", "({0}, {1})", "{0} = {1}", "{0} \\le {1}", "\\tilde{{{0}}}", "\\mathrm{{{0}}}",
    "{0}^{1}", "{0}_{1}", "\\frac{0}{1}", "\\log^{{{1}}} {0}", "\\sqrt{0}",
    "\\frac{{d}}{{d{0}}} {1}", "\\frac{{\\partial {0}}}{{\\partial {1}}}", "\\frac{{d^{{{1}}}}}{{d {0}^{{{1}}}}} {0}",
    "\\frac{{\\partial^2 {0}}}{{\\partial {1} \\partial {0}}}", "\\frac{{\\mathrm{{d}} {0}}}{{\\mathrm{{d}}{1}}}",
)
formula_like = st.recursive(
    st.sampled_from(LEAVES),
    lambda kids: st.builds(lambda template, u, v: template.format(u, v), st.sampled_from(TEMPLATES), kids, kids),
    max_leaves=10)


def reads_or_refuses(text: str) -> None:
    for read in (lambda: read_chain(text, TABLE), lambda: read_continuation(text, TABLE),
                 lambda: read_expression(text, TABLE), lambda: read_name(text)):
        try:
            read()
        except ReadError as error:
            assert error.code.startswith("V1") and 0 <= error.position <= len(text)


@MANY
@given(st.text(max_size=60))
def test_any_text_reads_or_is_refused(text):
    reads_or_refuses(text)


@MANY
@given(latexish)
def test_latex_like_tokens_read_or_are_refused(text):
    reads_or_refuses(text)


@SOME
@given(formula_like)
def test_formula_like_text_reads_or_is_refused(text):
    reads_or_refuses(text)


# --- any front matter and directive: findings, nothing else --------------------------------
FRONT = (
    "  symbols:\n    {key}: real\n",
    "  symbols:\n    x: real\n  functions:\n    {key}: {value}\n",
    "  symbols:\n    x: real\n  functions:\n    f(x): {value}\n",
    "  symbols:\n    x: real\n  distributions:\n    p(x): {value}\n",
    "  distributions:\n    {key}: {value}\n",
    "  symbols:\n    x: real vector[{value}]\n",
    "  parameters: [{key}]\n",
)


def quoted(text: str) -> str:
    """A YAML scalar holding the text as it is, so that the LaTeX reader sees it."""
    return "'" + text.replace("'", "''").replace("\n", " ") + "'"


@SOME
@given(st.sampled_from(FRONT), st.one_of(latexish, formula_like), st.one_of(latexish, formula_like, st.text(max_size=20)))
def test_any_declaration_gives_findings_not_exceptions(section, key, value):
    body = f"$$x = x$$\n<!-- verify: where {value.replace('--', '')} -->\n$${key} = 1$$\n"
    text = "---\nverify:\n" + section.format(key=quoted(key), value=quoted(value)) + "---\n" + body
    note = read_note("note.md", text)
    context = build_context(note)
    for claim in read_claims(note, context):
        assert (claim.reading is None) == (claim.finding is not None) or context.fatal
    for finding in note.findings + context.findings:
        assert finding.code in CODES and finding.line >= 1 and finding.column >= 1
