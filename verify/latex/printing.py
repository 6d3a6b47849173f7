"""SymPy expressions printed as an author writes them: `\\log(p)`, `|x|`, `\\Gamma(d + 1)`, folded logs."""
from __future__ import annotations

import sympy
from sympy.printing.latex import LatexPrinter


class AuthorPrinter(LatexPrinter):
    """SymPy's LaTeX with the brackets an author writes: `\\log(x)` for `\\log{\\left(x \\right)}`, `|x - 1|` for
    `\\left|{x - 1}\\right|`, `\\Gamma(x)` for `\\Gamma\\left(x\\right)`; every other node as SymPy prints it."""

    def _print_log(self, expr, exp=None):
        text = f"\\log({self._print(expr.args[0])})"
        return f"{text}^{{{exp}}}" if exp is not None else text

    def _print_Abs(self, expr, exp=None):
        text = f"|{self._print(expr.args[0])}|"
        return f"{text}^{{{exp}}}" if exp is not None else text

    def _print_gamma(self, expr, exp=None):
        text = f"\\Gamma({self._print(expr.args[0])})"
        return f"{text}^{{{exp}}}" if exp is not None else text


def author_latex(expr, symbol_names: dict | None = None) -> str:
    """The expression in the author's style, its constant logs folded first (`-\\frac{1}{2}\\log(2 \\pi e)`)."""
    return AuthorPrinter({"symbol_names": symbol_names or {}}).doprint(fold_logs(expr))


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
