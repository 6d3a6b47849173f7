"""SymPy expressions printed as an author writes them: `\\log(p)`, `|x|`, `\\frac{1}{2}\\log(2\\pi e)`, plain brackets."""
from __future__ import annotations

import re

import sympy
from sympy.printing.latex import LatexPrinter

# What makes a bracket's content tall: only then does an author write `\left( \right)`.
TALL = re.compile(r"\\(frac|dfrac|tfrac|binom|sum|prod|int|oint|begin|sqrt\[|lim|max|min)(?![a-zA-Z])")
# SymPy writes a function's arguments as `{\left(x \right)}` (a space before `\right)`): the braces go with them.
BRACKETS = re.compile(r"\{\\left\(| \\right\)\}|\\left\(|\\right\)")
CONSTANT_ORDER = {sympy.pi: 1, sympy.E: 2}  # in a constant product: the numbers, then \pi, then e (`2\pi e`)


class AuthorPrinter(LatexPrinter):
    """SymPy's LaTeX with the brackets and order an author writes: `\\log(x)` for `\\log{\\left(x \\right)}`,
    `|x - 1|` for `\\left|{x - 1}\\right|`, `\\Gamma(x)`, `\\operatorname{erf}(x)`, `(\\log x)^{2}` for a power of a
    log (`\\log(x)^{2}` is ambiguous), `\\frac{1}{2}\\log(2 \\pi e)` for `\\frac{\\log{\\left(2 e \\pi \\right)}}{2}`,
    `\\mu - m` for `- m + \\mu`; every other node as SymPy prints it."""

    def doprint(self, expr) -> str:
        text = plain_brackets(super().doprint(expr))
        return "-" + text[2:] if text.startswith("- ") else text

    def _print_log(self, expr, exp=None):
        text = f"\\log\\left({self._constant_product(expr.args[0])}\\right)"
        return f"\\left({text}\\right)^{{{exp}}}" if exp is not None else text

    def _print_Abs(self, expr, exp=None):
        text = f"|{self._print(expr.args[0])}|"
        return f"{text}^{{{exp}}}" if exp is not None else text

    def _print_gamma(self, expr, exp=None):
        text = f"\\Gamma\\left({self._print(expr.args[0])}\\right)"
        return f"{text}^{{{exp}}}" if exp is not None else text

    def _print_loggamma(self, expr, exp=None):
        text = f"\\log\\Gamma\\left({self._print(expr.args[0])}\\right)"
        return f"\\left({text}\\right)^{{{exp}}}" if exp is not None else text

    def _print_Add(self, expr, order=None):
        terms = self._as_ordered_terms(expr, order=order)
        first = next((k for k, t in enumerate(terms) if not t.could_extract_minus_sign()), 0)
        # a positive term first, as an author writes `\mu - m`, not `- m + \mu`
        return super()._print_Add(sympy.Add(*terms[first:first + 1], *terms[:first], *terms[first + 1:],
                                            evaluate=False), order="none")

    def _print_Mul(self, expr):
        coefficient, rest = expr.as_coeff_Mul()
        if isinstance(rest, sympy.log) and coefficient.is_Rational and not coefficient.is_Integer:
            # `\frac{1}{2}\log(2 \pi e)`, the coefficient before the log, as an author writes it
            sign, coefficient = ("-", -coefficient) if coefficient < 0 else ("", coefficient)
            return f"{sign}{self._print(coefficient)} {self._print(rest)}"
        return super()._print_Mul(expr)

    def _constant_product(self, arg) -> str:
        """A log's product in the author's order: `2 \\pi e \\sigma^{2}`, not SymPy's `2 e \\pi \\sigma^{2}`."""
        factors = arg.as_ordered_factors() if isinstance(arg, sympy.Mul) and not arg.could_extract_minus_sign() else []
        if not factors or any(f.is_Pow and f.exp.is_negative or f.is_Rational and not f.is_Integer for f in factors):
            return self._print(arg)  # a quotient: SymPy's fraction
        factors = sorted(factors, key=lambda f: 0 if f.is_Rational else CONSTANT_ORDER.get(f, 3))
        return " ".join(self._print(f) if not f.is_Add else f"\\left({self._print(f)}\\right)" for f in factors)


def bracketed(latex: str) -> str:
    """`latex` in brackets as an author writes them: `(a + b)`, `\\left(\\frac{a}{b} + c\\right)` round tall content."""
    return f"\\left({latex}\\right)" if TALL.search(latex) else f"({latex})"


def plain_brackets(text: str) -> str:
    """`\\left( \\right)` (and a function's `{\\left( \\right)}`) as plain `( )` where the content is not tall:
    `\\log(x)`, `(\\mu - m)^{2}`; a tall content keeps `\\left( \\right)` (`\\left(\\frac{a}{b}\\right)^{2}`)."""
    pieces: list[str] = []
    stack: list[tuple[int, bool]] = []
    last = 0
    for found in BRACKETS.finditer(text):
        pieces.append(text[last:found.start()])
        last = found.end()
        token = found.group()
        if token.endswith("("):
            stack.append((len(pieces), token.startswith("{")))
            pieces.append(token)
            continue
        if not stack:  # unbalanced: SymPy never writes it; leave the text as it was
            return text
        opened, brace = stack.pop()
        closing_brace = token.startswith(" ")
        inner = "".join(pieces[opened + 1:]).strip()
        left, right = ("\\left(", "\\right)") if TALL.search(inner) else ("(", ")")
        # a function's `{\\left( x \\right)}` loses its braces; a `{` or `}` of another group stays
        pieces[opened + 1:] = [inner]
        pieces[opened] = ("{" if brace and not closing_brace else "") + left
        pieces.append(right + ("}" if closing_brace and not brace else ""))
    return text if stack else "".join(pieces) + text[last:]


def author_latex(expr, symbol_names: dict | None = None) -> str:
    """The expression in the author's style, its constant logs folded first (`-\\frac{1}{2}\\log(2 \\pi e)`) and a
    polynomial numerator factored where that is shorter (`\\frac{(\\mu - m)^{2}}{2 s^{2}}`, not `\\mu^{2} - 2 \\mu m + m^{2}`)."""
    printer = AuthorPrinter({"symbol_names": symbol_names or {}})
    return printer.doprint(fold_logs(factored(expr, printer)))


def factored(expr, printer: AuthorPrinter):
    """The expression, or each of its terms, whose numerator is a small polynomial, factored when the factored
    form prints shorter."""
    numerator, denominator = sympy.fraction(expr)
    if isinstance(numerator, sympy.Add) and 0 < len(numerator.free_symbols) <= 4 and sympy.count_ops(numerator) <= 24 \
            and not numerator.atoms(sympy.Function) and numerator.is_polynomial(*numerator.free_symbols):
        candidate = sympy.factor(numerator) / denominator
        if len(printer.doprint(candidate)) < len(printer.doprint(expr)):
            return candidate
    if isinstance(expr, sympy.Add):
        return sympy.Add(*(factored(t, printer) for t in expr.args), evaluate=False)
    return expr


def fold_logs(expr):
    """c log a + c log b + c (a constant term equal to the shared coefficient) as c log(a b e), for numbers a,
    b: `-\\frac{\\log \\pi}{2} - \\frac{1}{2} - \\frac{\\log 2}{2}` is `-\\frac{1}{2}\\log(2\\pi e)`. Terms with
    symbols stay as they are: an author's `\\log\\sigma` is not merged into another log."""
    if not isinstance(expr, sympy.Add):
        return expr
    groups: dict = {}
    rest = []
    for term in expr.args:
        coefficient, factor = term.as_coeff_Mul()
        if isinstance(factor, sympy.log) and factor.args[0].is_number and not factor.free_symbols:
            groups.setdefault(coefficient, []).append(factor.args[0])
        else:
            rest.append(term)
    if not any(len(args) > 1 for args in groups.values()) and not any(
            c in groups for c in (t for t in rest if t.is_Rational)):
        return expr
    folded = []
    for coefficient, args in groups.items():
        if coefficient in rest:  # the constant joins the log as e
            rest.remove(coefficient)
            args = args + [sympy.E]
        folded.append(sympy.Mul(coefficient, sympy.log(sympy.Mul(*args), evaluate=False), evaluate=False))
    return sympy.Add(*rest, *folded, evaluate=False)
