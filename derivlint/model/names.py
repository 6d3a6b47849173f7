"""What a name can mean: the table the LaTeX reader resolves every name through."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

import sympy

from .quantities import Distribution


@dataclass(frozen=True)
class Scalar:
    symbol: sympy.Symbol


@dataclass(frozen=True)
class Vector:
    base: sympy.IndexedBase
    dimension: sympy.Expr


@dataclass(frozen=True)
class Constant:
    value: sympy.Expr


@dataclass(frozen=True)
class NamedSet:
    """A finite set the note names (`E: \\{0, 1\\}`, a sample space): what `\\sum_{x \\in E}` runs over, never a number."""

    elements: tuple


@dataclass(frozen=True)
class Defined:
    """A function defined in the front matter: body with its parameters as placeholders."""

    head: sympy.FunctionClass
    parameters: tuple[Any, ...]  # Symbols or IndexedBases
    body: sympy.Expr

    def expand(self, arguments: tuple) -> sympy.Expr:
        return self.body.xreplace(dict(zip(self.parameters, arguments)))


@dataclass(frozen=True)
class Special:
    """A known special function (digamma, beta, ...)."""

    function: Callable[..., sympy.Expr]
    arity: int


@dataclass(frozen=True)
class DistributionDecl:
    """One declared notation such as q(z|x): the point and conditioning as written."""

    name: str
    point: str
    conditioning: tuple[str, ...]
    distribution: Distribution
    point_value: Any  # the variable's Symbol or IndexedBase


@dataclass(frozen=True)
class Arbitrary:
    """A function the note leaves unknown (`f_\\theta(z): arbitrary`, a decoder network): symbolic proofs
    treat it as any function; numeric checks draw one smooth function for it, the same in every method."""

    head: Any  # a sympy.Function class, applied as head(*arguments)
    arity: int


@dataclass(frozen=True)
class Functional:
    """A name the front matter defines at one argument written in brackets, as a functional of a law:
    `\\mathrm{F}[q(\\theta)]: \\langle \\log \\frac{p(y, \\theta)}{q(\\theta)} \\rangle_{q(\\theta)}`."""

    argument: str  # the canonical text of the argument, `q(\\theta)`
    value: Any


@dataclass(frozen=True)
class Joint:
    """A joint density declared by its factorisation, `p(y, \\theta): p(y \\mid \\theta) \\, p(\\theta)`:
    the product of declared densities it stands for, at its variables."""

    name: str
    points: tuple[str, ...]
    variables: tuple[Any, ...]
    value: Any


SPECIAL_FUNCTIONS: dict[str, Special] = {
    "digamma": Special(sympy.digamma, 1),
    "trigamma": Special(lambda x: sympy.polygamma(1, x), 1),
    "gamma": Special(sympy.gamma, 1),
    "loggamma": Special(sympy.loggamma, 1),
    "beta": Special(sympy.beta, 2),
    "erf": Special(sympy.erf, 1),
    "erfc": Special(sympy.erfc, 1),
}
@dataclass(frozen=True)
class StandardFunction(Special):
    """A special function known by its standard name: read as one only where it is applied; alone,
    the name is an undeclared one (`B` may well be a matrix the note forgot to declare)."""

    name: str = ""


def _standard(name: str, function: Callable[..., sympy.Expr], arity: int) -> StandardFunction:
    return StandardFunction(function, arity, name)


# Special functions known by their standard LaTeX names with no declaration (a declaration of the
# same name wins): what a reader of the maths takes `\Gamma(x)`, `\psi(x)` or `\operatorname{erf}(x)` for.
STANDARD_FUNCTIONS: dict[str, StandardFunction] = {
    name: _standard(name, function, arity) for name, function, arity in (
        ("erf", sympy.erf, 1), ("erfc", sympy.erfc, 1), ("\\Gamma", sympy.gamma, 1),
        ("\\psi", sympy.digamma, 1), ("B", sympy.beta, 2), ("\\max", sympy.Max, 2), ("\\min", sympy.Min, 2),
        ("sign", sympy.sign, 1), ("sgn", sympy.sign, 1),
    )
}
KNOWN_CONSTANTS: dict[str, sympy.Expr] = {
    "euler_gamma": sympy.EulerGamma,
    "pi": sympy.pi,
    "e": sympy.E,
    "catalan": sympy.Catalan,
    "golden_ratio": sympy.GoldenRatio,
}
BUILTIN_CONSTANTS: dict[str, sympy.Expr] = {"\\pi": sympy.pi, "e": sympy.E, "\\infty": sympy.oo}


@dataclass
class NameTable:
    """Names declared by a note's front matter, plus those whose declaration was broken."""

    names: dict[str, Any] = field(default_factory=dict)
    distributions: dict[str, list[DistributionDecl]] = field(default_factory=dict)
    broken: dict[str, int] = field(default_factory=dict)  # name -> line of its declaration
    log_base: sympy.Expr | None = None  # None: \log is natural
    parameters: tuple[sympy.Symbol, ...] | None = None
    expectation_law: Any = None
    expectation_given: frozenset = frozenset()  # the variables that law is conditioned on: fixed under it
    joints: dict[str, list[Joint]] = field(default_factory=dict)  # name -> joint densities by factorisation  # `expectation: q(z|x)`: the law of an expectation written with none
    syntax_only: bool = False  # the front matter was unreadable: read formulas for syntax only

    def lookup(self, key: str) -> Any:
        return self.names.get(key)

    def declare(self, key: str, meaning: Any) -> None:
        self.names[key] = meaning

    def point_of(self, key: str) -> Any:
        """The symbol a declared scalar's key names, or the base a declared vector's does; None otherwise."""
        meaning = self.lookup(key)
        if isinstance(meaning, Vector):
            return meaning.base
        return meaning.symbol if isinstance(meaning, Scalar) else None

    def scalar_symbols(self) -> set:
        """The symbols of every declared scalar."""
        return {m.symbol for m in self.names.values() if isinstance(m, Scalar)}

    def declarations(self) -> list[DistributionDecl]:
        """Every declared law, under every name."""
        return [d for decls in self.distributions.values() for d in decls]

    def conditioned_on(self, variable: Any = None) -> set:
        """The variables declared laws are conditioned on (the x of q(z|x)), of the laws on `variable` when given."""
        points = {self.point_of(key) for d in self.declarations()
                  if variable is None or d.distribution.variable == variable for key in d.conditioning}
        return points - {None}

    def dimension_of(self, base: sympy.IndexedBase):
        """The length of the declared vector named by `base`, None for no declared vector."""
        return next((m.dimension for m in self.names.values() if isinstance(m, Vector) and m.base == base), None)

    def definitions(self) -> dict[sympy.FunctionClass, Defined]:
        return {m.head: m for m in self.names.values() if isinstance(m, Defined)}
