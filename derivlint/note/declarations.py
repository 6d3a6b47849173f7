"""One entry of the front matter declared in the name table: a symbol, constant, function, law or option."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import sympy
import yaml

from ..latex.build import Builder, InlineFamily
from ..latex.shapes import canonical
from ..latex.errors import ReadError
from ..latex.linalg import Square
from ..latex.reader import read_definition, read_expression, read_law, read_name, read_set, read_signature
from ..model.names import (KNOWN_CONSTANTS, SPECIAL_FUNCTIONS, Arbitrary, Constant, Defined, DistributionDecl, Functional, Joint,
                           NamedSet, NameTable, Scalar,
                           Vector)
from ..model.matrices import MatrixName, SPDMatrix
from ..model.quantities import DensityAt, Diag, Distribution, Family, Identity
from ..semantics import models  # noqa: F401  (registers the families, whose supports give assumptions)
from ..semantics.registry import has_vector_parameter, variable_assumptions

ASSUMPTION_WORDS = {
    "real": {"real": True},
    "positive": {"positive": True},
    "nonnegative": {"nonnegative": True},
    "negative": {"negative": True},
    "integer": {"integer": True},
}


@dataclass(frozen=True)
class Entry:
    """One `key: value` of a section, with where its key and value stand in the note."""

    key: str
    value: Any
    line: int
    column: int
    value_offset: int | None  # absolute offset of a plain one-line scalar value, else None


def declare_symbol(table: NameTable, entry: Entry) -> None:
    size = _matrix_size(table, entry)
    assumptions, dimension = _symbol_spec(table, entry) if size is None else ({}, None)
    keys = [_key_name(name) for name in _names(entry)]
    for key in keys:
        _check_free(table, key, entry)
    for key in keys:
        if size is not None:
            table.declare(key, MatrixName(SPDMatrix(key, size)))
        elif dimension is None:
            table.declare(key, Scalar(sympy.Symbol(key, **assumptions)))
        else:
            table.declare(key, Vector(sympy.IndexedBase(key, **assumptions), dimension))

def _symbol_spec(table: NameTable, entry: Entry) -> tuple[dict, Any]:
    if not isinstance(entry.value, str):
        raise ReadError("V102", 0, name=entry.key, problem="give the assumptions as text, such as `positive`")
    words = re.findall(r"vector\s*\[[^\]]*\]|[^\s,]+", entry.value)
    assumptions: dict[str, bool] = {}
    dimension = None
    for word in words:
        if word.startswith("vector"):
            dimension = _dimension(table, entry, word[word.index("[") + 1 : -1].strip())
        elif word in ASSUMPTION_WORDS:
            assumptions.update(ASSUMPTION_WORDS[word])
        else:
            raise ReadError("V102", 0, name=entry.key, problem=(
                f"unknown assumption `{word}` (known: {', '.join(ASSUMPTION_WORDS)}, vector[n])"))
    if not assumptions:
        raise ReadError("V102", 0, name=entry.key, problem="say what values it takes: real, positive, nonnegative or integer")
    return assumptions, dimension

MATRIX_SPEC = re.compile(r"^\s*spd\s+matrix\s*\[([^\]]*)\]\s*$")


def _matrix_size(table: NameTable, entry: Entry):
    """`spd matrix[k]`: a symmetric positive definite k x k matrix (k a number or a declared positive integer)."""
    if not isinstance(entry.value, str) or "matrix" not in entry.value:
        return None
    match = MATRIX_SPEC.match(entry.value)
    if match is None:
        raise ReadError("V102", 0, name=entry.key, problem="a matrix is declared as `spd matrix[k]` (symmetric positive definite, k x k)")
    return _dimension(table, entry, match.group(1).strip())

def _dimension(table: NameTable, entry: Entry, text: str) -> sympy.Expr:
    if text.isdigit() and int(text) > 0:
        return sympy.Integer(int(text))
    meaning = table.lookup(read_name(text)) if text else None
    if isinstance(meaning, Scalar) and meaning.symbol.is_integer and meaning.symbol.is_positive:
        return meaning.symbol
    raise ReadError("V102", 0, name=entry.key, problem=f"the dimension `{text}` must be a number or a declared positive integer")

def _key_name(name: str) -> str:
    """A key's name; what does not read is a bad declaration, shown at the key, not in its value."""
    try:
        return read_name(name)
    except ReadError as error:
        raise ReadError("V102", 0, name=name, problem=error.arguments.get("problem", "it is not a name")) from None

def _key_signature(key: str):
    try:
        return read_signature(key)
    except ReadError as error:
        raise ReadError("V102", 0, name=key, problem=error.arguments.get("problem", "it is not a signature such as f(x)")) from None

def _names(entry: Entry) -> list[str]:
    names = split_names(entry.key)
    if not names:
        raise ReadError("V102", 0, name=entry.key, problem="no name is given")
    return names

def _check_free(table: NameTable, key: str, entry: Entry, distribution: bool = False) -> None:
    """A name means one thing: `x` cannot be a symbol and a function, or a symbol and a density."""
    if key in ("\\pi", "e"):
        raise ReadError("V102", 0, name=key, problem=f"{key} is a constant and cannot be redeclared")
    if table.lookup(key) is not None or (key in table.distributions and not distribution):
        raise ReadError("V102", 0, name=key, problem="it is already declared above")

def declare_constant(table: NameTable, entry: Entry) -> None:
    if entry.value not in KNOWN_CONSTANTS:
        raise ReadError("V102", 0, name=entry.key, problem=f"unknown constant `{entry.value}` (known: {', '.join(KNOWN_CONSTANTS)})")
    keys = [_key_name(name) for name in _names(entry)]
    for key in keys:
        _check_free(table, key, entry)
    for key in keys:
        table.declare(key, Constant(KNOWN_CONSTANTS[entry.value]))

def declare_log_base(table: NameTable, entry: Entry) -> None:
    bases = {"e": None, "2": sympy.Integer(2), "10": sympy.Integer(10)}
    if entry.value not in bases:
        raise ReadError("V102", 0, name="log", problem="the log base is e, 2 or 10")
    table.log_base = bases[entry.value]

def declare_parameters(table: NameTable, entry: Entry) -> None:
    if not isinstance(entry.value, yaml.SequenceNode):
        raise ReadError("V102", 0, name="parameters", problem="list the parameters, as in [\\mu, \\sigma]")
    symbols = []
    for item in entry.value.value:
        meaning = table.lookup(read_name(str(item.value)))
        if not isinstance(meaning, (Scalar, Vector)):
            raise ReadError("V102", 0, name="parameters", problem=f"`{item.value}` is not a declared symbol")
        symbols.append(meaning.symbol if isinstance(meaning, Scalar) else meaning.base)
    table.parameters = tuple(symbols)

def declare_function(table: NameTable, entry: Entry) -> None:
    if not isinstance(entry.value, str):
        raise ReadError("V102", 0, name=entry.key, problem="a definition is one line of LaTeX")
    if "(" not in entry.key and entry.value not in SPECIAL_FUNCTIONS and not entry.value.strip().isalpha():
        # a name with no arguments (`KL_{loss}: D_{KL}(q \| p)`, `\bar{z}: \mu_1 - \mu_2`): it stands for its value
        if (elements := read_set(entry.value, table)) is not None:  # `E: \{0, 1\}`: a set, summed over
            key = _key_name(entry.key)
            _check_free(table, key, entry)
            table.declare(key, NamedSet(elements))
            return
        value = read_definition(entry.value, table)
        if not isinstance(value, (sympy.Expr, Diag, Square, MatrixName)):
            raise ReadError("V102", 0, name=entry.key, problem="its definition is not an expression")
        key = _key_name(entry.key)
        _check_free(table, key, entry)
        table.declare(key, Constant(value))
        return
    if "(" not in entry.key:
        if entry.value not in SPECIAL_FUNCTIONS:
            raise ReadError("V102", 0, name=entry.key, problem=(
                f"unknown special function `{entry.value}` (known: {', '.join(SPECIAL_FUNCTIONS)}); "
                "a definition needs its parameters, as in f(x)"))
        key = _key_name(entry.key)
        _check_free(table, key, entry)
        table.declare(key, SPECIAL_FUNCTIONS[entry.value])
        return
    head, params, seps = _key_signature(entry.key)
    if entry.value.strip() in ARBITRARY_WORDS:  # f_\theta(z): arbitrary, a function the note leaves unknown
        _check_free(table, head, entry)
        table.declare(head, Arbitrary(sympy.Function(head), len(params)))
        return
    if len(params) == 1 and not seps and _names_a_density(table, params[0]):
        # `\mathrm{F}[q(\theta)]`: a functional of the law, defined at the argument written
        value = read_expression(entry.value, table)
        _check_free(table, head, entry)
        table.declare(head, Functional(params[0], value))
        return
    # \mathcal{L}(\theta, \phi; x) or L(p | x): the data after a semicolon or a bar ("given")
    if any(s not in DATA_SEPARATORS for s in seps):
        raise ReadError("V102", 0, name=entry.key, problem="separate parameters with commas")
    placeholders = []
    for param in params:
        meaning = table.lookup(param)
        if not isinstance(meaning, (Scalar, Vector)):
            raise ReadError("V102", 0, name=entry.key, problem=f"its parameter `{param}` is not a declared symbol")
        placeholders.append(meaning.symbol if isinstance(meaning, Scalar) else meaning.base)
    body = read_expression(entry.value, table)
    if not isinstance(body, sympy.Expr):
        raise ReadError("V102", 0, name=entry.key, problem="its definition is not an expression")
    _check_free(table, head, entry)
    table.declare(head, Defined(sympy.Function(head), tuple(placeholders), body))

ARBITRARY_WORDS = ("arbitrary", "unknown", "any")
# Between a defined function's parameters: a comma, or a semicolon or bar before the data it is given
# (a likelihood L(p | x) is a function of p and x, as L(p; x) is).
DATA_SEPARATORS = (",", ";", "|", "\\mid", "\\vert")


def _names_a_density(table: NameTable, argument: str) -> bool:
    """`q(\\theta)`: a declared density applied, as a functional's argument is written."""
    name = argument.split("(", 1)[0]
    return "(" in argument and name in table.distributions


def declare_distribution(table: NameTable, entry: Entry) -> None:
    if not isinstance(entry.value, str):
        raise ReadError("V102", 0, name=entry.key, problem="a law is one line of LaTeX, such as \\mathcal{N}(z; 0, I)")
    family = read_law(entry.value, table, Builder(table))
    if _is_factorisation(family):
        declare_joint(table, entry, family)
        return
    if not isinstance(family, InlineFamily):
        raise ReadError("V102", 0, name=entry.key, problem="its value is not a distribution family such as \\mathcal{N}(...)")
    aliases = []
    for alias in _names(entry):
        name, args, seps = _key_signature(alias)
        _check_free(table, name, entry, distribution=True)
        seps = ["|" if sep in CONDITIONING_BARS else sep for sep in seps]  # q(z \mid x) is q(z | x)
        bar = seps.index("|") + 1 if "|" in seps else len(args)
        point, conditioning = args[:bar], tuple(args[bar:])
        if len(point) != 1:
            raise ReadError("V102", 0, name=alias, problem="write one variable before `|`")
        aliases.append((alias, name, point[0], conditioning))
    for alias, name, point, conditioning in aliases:  # all or none: a failed entry is retried
        variable = _law_variable(table, entry, family, point)
        params = family.params
        if isinstance(variable, sympy.Indexed):
            variable, params = _componentwise(variable, params)
        law = Distribution(variable, Family(family.spec.name, params), alias)
        table.distributions.setdefault(name, []).append(
            DistributionDecl(name, point, conditioning, law, variable))

def declare_expectation_law(table: NameTable, entry: Entry) -> None:
    """`expectation: q(z|x)`: an expectation written with no law (`\\mathbb{E}[f]`, `\\langle f \\rangle`)
    whose body's variable has several declared laws is under this one, as the note's prose says."""
    if not isinstance(entry.value, str):
        raise ReadError("V102", 0, name="expectation", problem="name one declared law, as in q(z|x)")
    name, args, seps = _key_signature(entry.value)
    seps = ["|" if sep in CONDITIONING_BARS else sep for sep in seps]
    bar = seps.index("|") + 1 if "|" in seps else len(args)
    point, conditioning = ",".join(args[:bar]), tuple(args[bar:])
    decl = next((d for d in table.distributions.get(name, []) if d.point == point and d.conditioning == conditioning), None)
    if decl is None:
        raise ReadError("V102", 0, name="expectation", problem=f"`{entry.value}` is not a declared law")
    table.expectation_law = decl.distribution
    table.expectation_given = frozenset(table.point_of(c) for c in decl.conditioning) - {None}


def _is_factorisation(value) -> bool:
    """A product of two or more declared densities, as a joint law's factorisation is written."""
    factors = sympy.Mul.make_args(value) if isinstance(value, sympy.Expr) else ()
    return len(factors) >= 2 and all(isinstance(f, DensityAt) for f in factors)


def declare_joint(table: NameTable, entry: Entry, value) -> None:
    """`p(y, \\theta): p(y \\mid \\theta) \\, p(\\theta)`: the joint density at (y, θ) is that product; its
    variables are the factors' points, each named once in the key."""
    for alias in _names(entry):
        name, args, seps = _key_signature(alias)
        if any(sep != "," for sep in seps) or len(args) < 2:
            raise ReadError("V102", 0, name=alias, problem="a joint law names its variables apart by commas, as in p(y, \\theta)")
        variables = []
        for arg in args:
            meaning = table.lookup(arg)
            if not isinstance(meaning, Scalar):
                raise ReadError("V102", 0, name=alias, problem=f"its variable `{arg}` is not a declared scalar")
            variables.append(meaning.symbol)
        points = {f.point for f in sympy.Mul.make_args(value)}
        if points != set(variables):
            raise ReadError("V102", 0, name=alias, problem=(
                "the factors' variables are not the joint law's: each factor is a density at one of them"))
        if not _chain_rule(sympy.Mul.make_args(value), set(variables)):
            raise ReadError("V102", 0, name=alias, problem=(
                "the factors are not a chain rule: each must be conditioned only on variables of other factors, "
                "with no cycle, as in p(y \\mid \\theta) \\, p(\\theta)"))
        table.joints.setdefault(name, []).append(Joint(name, tuple(args), tuple(variables), value))


def _chain_rule(factors, variables: set) -> bool:
    """p(y|x) p(x|y) is no joint law: some order must condition each factor only on variables whose
    own factors come later (the chain rule, read from the right)."""
    remaining = [(f.point, {s for p in f.distribution.family.params for s in getattr(p, "free_symbols", set())} & variables)
                 for f in factors]
    known: set = set()
    while remaining:
        ready = next((r for r in remaining if r[1] <= known), None)
        if ready is None:
            return False
        known.add(ready[0])
        remaining.remove(ready)
    return True


def _law_variable(table: NameTable, entry: Entry, family: InlineFamily, point: str) -> Any:
    key = canonical(family.variable) if family.variable is not None else point
    meaning = table.lookup(key)
    if meaning is None and (component := _component(table, family.variable)) is not None:
        return component  # p(y_i | x_i): N(y_i; f(x_i), s^2), a law on each component of y, at the index written
    if meaning is None:  # the law declares its variable: its support says what values it takes
        assumptions = variable_assumptions(family.spec.name)
        dimension = None if has_vector_parameter(family.spec.name) else _vector_dimension(table, family)
        meaning = Scalar(sympy.Symbol(key, **assumptions)) if dimension is None else \
            Vector(sympy.IndexedBase(key, **assumptions), dimension)
        table.declare(key, meaning)
    if isinstance(meaning, Vector):
        return meaning.base
    if isinstance(meaning, Scalar):
        return meaning.symbol
    raise ReadError("V102", 0, name=entry.key, problem=f"its variable `{key}` is not a symbol")


CONDITIONING_BARS = ("\\mid", "\\vert")


def _componentwise(component: sympy.Indexed, params: tuple) -> tuple:
    """`p(y_i | x_i): N(y_i; f(x_i), s^2)`: a law on every component of y, independent ones, the i-th with
    the parameters written at i: the vector law on y whose parameters are taken elementwise (x_i as x, a
    constant as that multiple of I, as `s^2 I` is)."""
    (index,) = component.indices
    whole = lambda p: p.replace(lambda e: isinstance(e, sympy.Indexed) and e.indices == (index,), lambda e: e.base)
    vector = []
    for p in params:
        if not isinstance(p, sympy.Expr) or p.has(Identity) or isinstance(p, Diag):
            raise ReadError("V102", 0, name=str(component), problem="a law on each component takes scalar parameters")
        p = whole(p)
        if index in p.free_symbols or p.atoms(sympy.Indexed):
            raise ReadError("V102", 0, name=str(component), problem=f"its parameters use the index {index} other than as x_{index}")
        vector.append(p if p.atoms(sympy.IndexedBase) or p == 0 else p * Identity())
    return component.base, tuple(vector)


def _component(table: NameTable, tree) -> sympy.Indexed | None:
    """`y_i` where y is a declared vector: the component, read as the builder reads it; else None."""
    while tree is not None and getattr(tree, "data", None) == "juxt" and len(tree.children) == 1:
        tree = tree.children[0]
    if getattr(tree, "data", None) != "subscript" or not isinstance(table.lookup(canonical(tree.children[0])), Vector):
        return None
    try:
        value = Builder(table).build(tree)
    except ReadError:
        return None
    return value if isinstance(value, sympy.Indexed) else None


def _vector_dimension(table: NameTable, family: InlineFamily):
    """The length of the vectors a law's parameters are made of (`\\mathcal{N}(z; \\mu, \\operatorname{diag}(\\sigma^2))`
    with \\mu in R^d): its undeclared variable is then a vector of that length, not a scalar."""
    # whole vectors only: x_i in f(x_i) is a number, a component of x
    bases = set().union(*(p.atoms(sympy.IndexedBase) - {ix.base for ix in p.atoms(sympy.Indexed)}
                          for p in family.params if isinstance(p, sympy.Basic)))
    lengths = {table.dimension_of(b) for b in bases} - {None}
    lengths |= {m.size for p in family.params if isinstance(p, sympy.Basic) for m in p.atoms(SPDMatrix)}
    return lengths.pop() if len(lengths) == 1 else None


def split_names(key: str) -> list[str]:
    """`d, D` -> ['d', 'D']; commas inside brackets or braces stay (`\\mathcal{L}_{\\phi,\\theta}`)."""
    names, depth, current = [], 0, ""
    for ch in key:
        if ch in "({[":
            depth += 1
        elif ch in ")}]":
            depth -= 1
        if ch == "," and depth == 0:
            names.append(current.strip())
            current = ""
        else:
            current += ch
    names.append(current.strip())
    return [n for n in names if n]
