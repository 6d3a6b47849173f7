"""SymPy nodes for what a note writes but SymPy has no class for: densities, KL, E, H, families."""
from __future__ import annotations

import sympy
from sympy.core.symbol import Str


def _str(text) -> Str:
    return text if isinstance(text, Str) else Str(text)


class Quantity(sympy.Expr):
    """An unevaluated probabilistic quantity; semantics/ gives it a value."""

    is_commutative = True

    def _sympystr(self, printer) -> str:
        return f"{type(self).__name__}({', '.join(printer._print(a) for a in self.args)})"


class Family(sympy.Basic):
    """A parametric family with its parameters: Family('Normal', (mu, var)); not a number."""

    def __new__(cls, name, params):
        # SymPy rebuilds nodes as func(*args), so the name may arrive already wrapped.
        return super().__new__(cls, _str(name), sympy.Tuple(*params))

    @property
    def name(self) -> str:
        return self.args[0].name

    @property
    def params(self) -> tuple:
        return tuple(self.args[1])

    def _sympystr(self, printer) -> str:
        return f"{self.name}({', '.join(printer._print(p) for p in self.params)})"


class Distribution(sympy.Basic):
    """A random variable with its law: the variable (a Symbol or an IndexedBase) and a Family."""

    def __new__(cls, variable, family: Family, label=""):
        return super().__new__(cls, variable, family, _str(label))

    @property
    def variable(self):
        return self.args[0]

    @property
    def family(self) -> Family:
        return self.args[1]

    @property
    def label(self) -> str:
        return self.args[2].name

    def _sympystr(self, printer) -> str:
        name = self.label or "law"
        return f"{name}[{printer._print(self.variable)} ~ {printer._print(self.family)}]"


class DensityAt(Quantity):
    """The density (or mass) of a distribution at a point: q(z|x) read as a number."""

    def __new__(cls, distribution: Distribution, point):
        return Quantity.__new__(cls, distribution, point)

    @property
    def distribution(self) -> Distribution:
        return self.args[0]

    @property
    def point(self):
        return self.args[1]

    def _sympystr(self, printer) -> str:
        return f"density({printer._print(self.distribution)} at {printer._print(self.point)})"


class KLDivergence(Quantity):
    """D_KL(P || Q) = E_P[log P - log Q]."""

    def __new__(cls, p: Distribution, q: Distribution):
        return Quantity.__new__(cls, p, q)


class Entropy(Quantity):
    """H(P) = -E_P[log P]."""

    def __new__(cls, p: Distribution):
        return Quantity.__new__(cls, p)


class Expectation(Quantity):
    """E_{v ~ P}[body]: the body's variable is P's variable."""

    def __new__(cls, body, p: Distribution):
        return Quantity.__new__(cls, body, p)

    @property
    def body(self):
        return self.args[0]

    @property
    def distribution(self) -> Distribution:
        return self.args[1]


class UnboundedIntegral(sympy.Integral):
    """`\\int f(x) \\, dx` written with no limits, of a function that carries no density: over the whole
    line, as `\\int e^{-x^2} dx = \\sqrt\\pi` means, unless x is free beside it in the same link
    (`\\int x e^{-x} dx = -(x + 1) e^{-x}`): then an antiderivative, checked up to a constant."""


class EvaluatedBetween(Quantity):
    """`\\left[ F(x) \\right]_a^b`: F(b) - F(a), a limit at an infinite end (the evaluation bar of an
    integration by parts)."""

    def __new__(cls, body, variable, lower, upper):
        return Quantity.__new__(cls, body, variable, lower, upper)

    @property
    def free_symbols(self) -> set:
        # the variable is bound, as an integral's is: `x e^{-x^2} \Big|_{-\infty}^{\infty}` depends on no x
        body, variable, lower, upper = self.args
        return (body.free_symbols - {variable}) | lower.free_symbols | upper.free_symbols


class LimitAt(Quantity):
    """`\\lim_{x \\to a} f(x)`, taken by SymPy in the re-derivation."""

    def __new__(cls, body, variable, target):
        return Quantity.__new__(cls, body, variable, target)


class SupportIntegral(Quantity):
    """`\\int_{\\mathcal{X}} f(x) \\, dx` of a function that carries no density: over the support of the law
    declared on x (the support is the family's, known to its model)."""

    def __new__(cls, body, variable, p: Distribution):
        return Quantity.__new__(cls, body, variable, p)


class VectorIntegral(Quantity):
    """The integral of body over every component of a vector variable, on R^n."""

    def __new__(cls, body, variable):
        return Quantity.__new__(cls, body, variable)


class Diag(sympy.Basic):
    """diag(v): a diagonal covariance from an elementwise vector expression."""

    def __new__(cls, entries):
        return super().__new__(cls, entries)

    @property
    def entries(self):
        return self.args[0]

    def _sympystr(self, printer) -> str:
        return f"diag({printer._print(self.entries)})"


class Identity(sympy.Expr):
    """The identity matrix I of a covariance, its size set by the variable."""

    is_commutative = True

    def __new__(cls):
        return sympy.Expr.__new__(cls)

    def _sympystr(self, printer) -> str:
        return "I"
