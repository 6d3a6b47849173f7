"""Parse trees -> SymPy: every name is resolved through the note's context, never guessed."""
from __future__ import annotations

import re

from dataclasses import dataclass
from typing import Any

import sympy
from lark import Token, Tree

from ..model.families import (DISCRETE_FAMILIES, DISCRETE_RANGES, FAMILIES, PARAMETRIC_SUPPORTS, FamilySpec,
                              family_for)
from ..model.names import (BUILTIN_CONSTANTS, STANDARD_FUNCTIONS, Arbitrary, Constant, Defined, DistributionDecl, Functional, NamedSet, NameTable, Scalar,
                           Special, StandardFunction, Vector)
from . import calculus
from .calculus import component_derivative
from .arithmetic import MAX_DERIVATIVE_ORDER, factorial, power, product, quotient
from .errors import ReadError
from .shapes import (NAME_NODES, braced_name, canonical, decoration, double_script, family_head, is_node, is_number,
                     looks_like_family, position, script_pieces, semicolon_law, split_postfix)
from ..model.quantities import (Diag, Distribution, DensityAt, Entropy, Expectation, Family, Identity, KLDivergence, Quantity,
                                EvaluatedBetween, LimitAt, SupportIntegral, UnboundedIntegral, VectorIntegral)
from ..model.matrices import MatrixName
from . import linalg
from .linalg import Column, MatrixError, Row, Square

KL_SPELLINGS = {"KL", "D_{KL}", "d_{KL}", "\\mathcal{D}_{KL}", "D_{\\mathrm{KL}}", "D_{\\text{KL}}", "D_{\\operatorname{KL}}", "\\mathfrak{D}_{KL}"}
INVERSES = {"sin": "arcsin", "cos": "arccos", "tan": "arctan", "sinh": "asinh", "cosh": "acosh", "tanh": "atanh"}
AT_LEAST = {"\\ge", "\\geq", "\\geqslant", ">=", "≥"}  # the spellings of GE in a series' subscript
KL_LETTERS = {"D"}  # the KL divergence in information theory's notation, when D is not declared
KL_SEPARATORS = ("||", "\\|", "\\Vert", "\\parallel", "\\mid\\mid", "\\vert\\vert", ",")  # D(p \| q) and Bishop's KL(p, q)
EXPECTATION_SPELLINGS = {"\\mathbb{E}", "E"}
PROBABILITY_SPELLINGS = {"Pr", "\\Pr", "\\mathbb{P}"}  # \mathrm{Pr}(X = 0) and \Pr(X = 0), of an event
VARIANCE_SPELLINGS = {"Var", "\\mathbb{V}"}  # \operatorname{Var}, \mathrm{Var}, \text{Var} read as Var
VARIANCE_LETTERS = {"V"}  # V(X), when V is not declared
# `log(\sigma^2)` typed without its backslash, where none of its letters is a declared name: the function
PLAIN_FUNCTIONS = {"log", "ln", "exp"}
# The bold zero vector and identity matrix: 0 and I wherever those are read
BOLD_CONSTANTS = {f"\\{font}{{{c}}}": ("" if c == "0" else "I") for font in ("mathbf", "boldsymbol", "bm", "vec") for c in ("0", "I")}
PLAIN_OPERATORS = {"tr": "tr", "det": "det"}  # the same for the matrix operators, when t, r (d, e, t) are not declared
ENTROPY_SPELLINGS = {"H", "\\mathbb{H}"}
ENTROPY_LETTERS = {"h"}  # the differential entropy h(X), when h is not declared
RELATIONS = {"EQ": "=", "EQUIV": "\\equiv", "PROPTO": "\\propto", "LE": "\\le", "GE": "\\ge",
             "LT": "<", "GT": ">", "APPROX": "\\approx"}
SCALAR_VARIABLE = sympy.Symbol("\\xi", real=True)  # the variable of an inline law such as N(0, 1)


@dataclass(frozen=True)
class Operator:
    """KL, H, diag, or E with its subscript: applied to the bracket after it."""

    name: str
    spec: Any = None
    # An undeclared letter that is this operator only when applied (Cover & Thomas' `D(p \| q)`):
    # alone it is an undeclared name, reported as such.
    letter: str = ""


@dataclass(frozen=True)
class DistributionName:
    """A declared density name such as q or q_{\\phi}, before its arguments."""

    name: str
    decls: tuple[DistributionDecl, ...]


@dataclass(frozen=True)
class InlineFamily:
    """A family written in place, such as N(0, 1) or N(z; mu, diag(sigma^2))."""

    spec: FamilySpec
    variable: Any
    params: tuple


@dataclass(frozen=True)
class Group:
    kind: str
    parts: tuple[tuple[str | None, Tree], ...]  # (separator before it, expression tree)
    tree: Tree


@dataclass(frozen=True)
class Primed:
    """`f'` or `f''`: a declared function of one argument and how many times it is differentiated."""

    callee: Any
    order: int


CALLABLE = (Defined, Special, Operator, DistributionName, FamilySpec, Functional, Arbitrary, Primed)


class Builder:
    """Builds one formula; scopes hold bound names (indices, integration and expectation variables)."""

    def __init__(self, table: NameTable, overrides: dict[str, Any] | None = None):
        self.table = table
        self.scopes: list[dict[str, Any]] = [dict(overrides or {})]
        self.elementwise = 0  # > 0 inside family parameters and diag(): vectors act elementwise
        self.indices: set[sympy.Symbol] = set()  # undeclared letters read as a component's index (`\mu_i`)
        self.bounds = 0  # inside a sum's bounds, where a capital is a count, never a random variable
        self.formula: Tree | None = None  # the chain being read: its integrals tell a bar's variable
        self.text = ""  # the formula's text, when the reader gives it: to quote what the author wrote

    # --- entry points -------------------------------------------------------------------
    def chain(self, tree: Tree, partial: bool = False) -> tuple[list[tuple[Any, Tree]], list[tuple[str, Token]]]:
        """Each member's value and tree, and the relations between them; with `partial`, a member that
        cannot be built holds its ReadError instead, so that the links around it alone are lost."""
        kids = [c for c in tree.children if isinstance(c, Tree)]
        members, relations = [], []
        self.formula = tree
        for kid in kids:
            if kid.data == "rel":
                tok = kid.children[0]
                relations.append((RELATIONS[tok.type], tok))
                continue
            if kid.data == "names":
                members.append((self.named_optima(kid, kids), kid))
                continue
            try:
                value = self.expr(kid)
                self.check_bound(value, kid)
            except ReadError as error:
                if not partial:
                    raise
                value = error
            members.append((value, kid))
        return members, relations

    def named_optima(self, names: Tree, kids: list) -> sympy.Tuple:
        """`\\theta^*, \\phi^* = \\arg\\min_{\\theta, \\phi} L`: declared names for the optimum of as many variables,
        none of them in it, a definition (listed, never checked); a list of names is read nowhere else."""
        values = [self.expr(item) for item in names.children if isinstance(item, Tree)]
        right = self.expr(kids[2]) if len(kids) == 3 else None
        declared = all(isinstance(v, sympy.Symbol) and v in self.table.scalar_symbols() for v in values)
        optimum = isinstance(right, sympy.Function) and type(right).__name__ in ("ArgMax", "ArgMin") \
            and len(right.args) - 1 == len(values) and not any(v in right.free_symbols for v in values)
        if not (declared and optimum and RELATIONS[kids[1].children[0].type] == "="):
            raise ReadError("V109", position(names), problem=(
                "a list of names is read only as the optimum of as many variables, as in "
                "\\theta^*, \\phi^* = \\arg\\min_{\\theta, \\phi} L"))
        return sympy.Tuple(*values)

    def check_bound(self, value, tree) -> None:
        """An index a sum or product binds is not also used outside it: in `\\sum_{i=1}^d \\mu_i - \\mu_i`
        the last `\\mu_i` names a component no sum gives a value to. A claim about every component
        (`z_i = \\mu_i + \\sigma_i \\epsilon_i`) binds no index and is read as before."""
        if self.table.syntax_only or not isinstance(value, sympy.Basic):
            return
        bound = {limit[0] for node in value.atoms(sympy.Sum, sympy.Product) for limit in node.limits}
        stray = sorted((i for i in self.indices & bound if i in value.free_symbols), key=str)
        if stray:
            raise ReadError("V109", position(tree), problem=(
                f"the index `{stray[0]}` is used outside the sum or product that binds it"))
        # A declared name subscripted by a sum's own index letter (`x_n`, a law's variable, in a sum over n)
        # is one value, not the sum's terms: read, \sum_n x_n \log p + (1 - x_n) \log(1 - p) would be a
        # sum of N equal terms plus a term outside it, which the author did not mean.
        letters = {str(i) for i in bound}
        named = sorted((str(s) for s in value.free_symbols if isinstance(s, sympy.Symbol)
                        and _subscript(str(s)) in letters), key=str)
        if named:
            raise ReadError("V110", position(tree), problem=(
                f"`{named[0]}` is a declared name, but its subscript is the index of a sum or product here: "
                "declare the vector it is a component of to sum over it"))

    def expr_in(self, scope: dict[str, Any], tree) -> sympy.Expr:
        """The expression read with the names a construct binds (an index, an integration variable)."""
        self.scopes.append(scope)
        try:
            return self.expr(tree)
        finally:
            self.scopes.pop()

    def expr(self, tree) -> sympy.Expr:
        return self.scalar(self.build(tree), tree)

    def definition_value(self, tree) -> Any:
        """A named value's definition: a number, a whole vector, or a matrix (`\\Sigma: \\operatorname{diag}(\\sigma^2)`)."""
        value = self.build(tree)
        return value if isinstance(value, (MatrixName, Square, Diag)) else self.value(tree)

    def value(self, tree) -> Any:
        """A number, or a whole vector (`where \\sigma = \\mu`): never a bracket or a law left unread."""
        value = self.build(tree)
        return value if isinstance(value, Vector) else self.scalar(value, tree)

    def build(self, tree) -> Any:
        if isinstance(tree, Token):
            return self.token(tree)
        method = getattr(self, "b_" + tree.data, None)
        if method is None:
            raise ReadError("V109", position(tree), problem=f"`{tree.data}` is not an expression here")
        return method(tree)

    # --- values -------------------------------------------------------------------------
    def scalar(self, value: Any, tree) -> sympy.Expr:
        if isinstance(value, Vector):
            if self.elementwise:
                return value.base
            raise ReadError("V109", position(tree), problem=(
                f"`{canonical(tree)}` is a vector of dimension {value.dimension}; write its components"))
        if isinstance(value, Group):
            return self.group_value(value)
        if isinstance(value, DistributionName):
            return self.bare_density(value, tree)
        if isinstance(value, InlineFamily):
            return self.inline_density(value, tree)
        if isinstance(value, Operator) and value.letter:
            raise ReadError("V107", position(tree), name=value.letter, hint=self.hint(value.letter))
        if isinstance(value, StandardFunction):
            raise ReadError("V107", position(tree), name=value.name, hint=self.hint(value.name))
        if isinstance(value, FamilySpec) and canonical(tree) == "N":  # `\\frac{1}{N}`: a count, not the family
            raise ReadError("V107", position(tree), name="N", hint="")
        if isinstance(value, Defined) and not self.elementwise:
            # `L_{VAE}` alone for the `L_{VAE}(\\theta, \\phi)` the front matter defines: at its own parameters
            return value.head(*value.parameters)
        if isinstance(value, (Operator, FamilySpec, Defined, Special, Functional, Arbitrary)):
            raise ReadError("V109", position(tree), problem=f"`{canonical(tree)}` needs its arguments in brackets")
        if isinstance(value, sympy.MatrixBase):
            raise ReadError("V109", position(tree), problem=(
                "a matrix stands only as a family's parameter, such as the covariance of \\mathcal{N}"))
        if isinstance(value, Identity) and not self.elementwise:
            raise ReadError("V107", position(tree), name="I", hint=" (I is the identity only in a covariance)")
        if isinstance(value, (MatrixName, Square, Row, Column)):
            raise ReadError("V109", position(tree), problem=(
                f"`{canonical(tree)}` is a {'vector' if isinstance(value, (Row, Column)) else 'matrix'} where a number "
                "is expected; a number is made of it by u^\\top A v, tr, det or a norm"))
        if not isinstance(value, sympy.Expr):
            raise ReadError("V109", position(tree), problem=f"`{canonical(tree)}` is not a number")
        return value

    def group_value(self, group: Group, law=None) -> sympy.Expr:
        if len(group.parts) != 1:
            sep = group.parts[1][0]
            raise ReadError("V109", position(group.tree), problem=f"a list separated by `{sep}` where a value is expected")
        if group.kind == "LANGLE":  # \langle f \rangle: an expectation, under the law of its subscript
            return self.expectation_of(Operator("E", law), self.expr(group.parts[0][1]), group.tree)
        return self.expr(group.parts[0][1])

    def token(self, tok: Token) -> Any:
        if tok.type == "NUMBER":
            whole, _, frac = tok.value.partition(".")
            if not (whole or frac):  # a lone `.`, as a one-token argument makes of `\frac0.0`
                raise ReadError("V109", position(tok), problem="`.` is not a number")
            return sympy.Integer(int(whole or 0)) + (sympy.Rational(int(frac), 10 ** len(frac)) if frac else 0)
        return self.resolve(tok.value, tok)

    # --- names --------------------------------------------------------------------------
    def lookup(self, key: str) -> Any:
        for scope in reversed(self.scopes):
            if key in scope:
                return scope[key]
        found = self.table.lookup(key)
        if found is None and (plain := linalg.undecorated(key)) is not None:
            # \mathbf{z}, \boldsymbol{\mu}, \vec{x}: the declared vector (or matrix) of that name, never a guess
            meaning = self.lookup(plain)
            return meaning if isinstance(meaning, (Vector, MatrixName)) else None
        return found

    def plain_key(self, key: str) -> str:
        """A density's argument as declared: `\\mathbf{z}` is `z` when z is a declared vector."""
        plain = linalg.undecorated(key)
        return plain if plain is not None and isinstance(self.lookup(plain), (Vector, MatrixName)) else key

    def resolve(self, key: str, node, index_ok: bool = False) -> Any:
        meaning = self.lookup(key)
        if meaning is not None:
            return self.meaning_value(meaning)
        if key in BUILTIN_CONSTANTS:
            return BUILTIN_CONSTANTS[key]
        if key in self.table.distributions or key in self.table.joints:
            return DistributionName(key, tuple(self.table.distributions.get(key, ())))
        if (spec := family_for(key)) is not None:
            return spec
        if key in STANDARD_FUNCTIONS:
            return STANDARD_FUNCTIONS[key]
        if key in KL_SPELLINGS:
            return Operator("KL")
        if key in KL_LETTERS:
            return Operator("KL", letter=key)
        if key in ENTROPY_SPELLINGS:
            return Operator("H")
        if key in ENTROPY_LETTERS:
            return Operator("H", letter=key)
        if not self.bounds and (variable := self.random_variable(key)) is not None:
            return variable
        if key in EXPECTATION_SPELLINGS:
            return Operator("E")
        if key in PROBABILITY_SPELLINGS:
            return Operator("Pr")
        if key in VARIANCE_SPELLINGS:
            return Operator("Var")
        if key in VARIANCE_LETTERS:
            return Operator("Var", letter=key)
        if key in PLAIN_FUNCTIONS and not any(self.lookup(ch) is not None for ch in key):
            return self.plain_function(key)
        if key in PLAIN_OPERATORS and not any(self.lookup(ch) is not None for ch in key):
            return Operator(PLAIN_OPERATORS[key])  # tr\left\{A\right\} typed as a word: the trace
        if key == "diag":
            return Operator("diag")
        if key == "I" and self.elementwise:
            return Identity()
        if key in linalg.DET_SPELLINGS:
            return Operator("det")
        if index_ok and len(key) == 1 and key.isalpha():
            index = sympy.Symbol(key, integer=True)
            self.indices.add(index)
            return index
        if self.table.syntax_only:
            return sympy.Symbol(key)
        if key == "I":  # the identity as a factor of a product (\mu^\top I \mu); scalar() refuses it as a number
            return Identity()
        raise ReadError("V107", position(node), name=key, hint=self.hint(key))

    def plain_function(self, key: str) -> StandardFunction:
        """`log` without a backslash, applied: the log of the note's base, as `\\log` is; alone, undeclared."""
        return StandardFunction(lambda x: self.elementary(key, x, None), 1, key)

    def random_variable(self, key: str) -> Any:
        """An undeclared capital `X` is the random variable of a law declared on `x` (`X \\sim p`,
        `\\mathbb{E}(X)`, `p(X)`), as every text on probability writes it."""
        if len(key) != 1 or not ("A" <= key <= "Z"):
            return None
        meaning = self.lookup(key.lower())
        value = self.meaning_value(meaning) if meaning is not None else None
        value = value.base if isinstance(value, Vector) else value
        if value is None or not self.laws_on(value):
            return None
        return self.meaning_value(meaning)

    def laws_on(self, *points) -> set:
        """The declared laws whose variable is one of these points (Symbols or IndexedBases)."""
        return {decl.distribution for decl in self.table.declarations() if decl.point_value in points}

    def hint(self, key: str) -> str:
        if key in self.table.broken:
            return f" (its declaration at line {self.table.broken[key]} could not be read)"
        base = key.split("_{", 1)[0]
        if isinstance(self.table.lookup(base), Vector):
            return f" ({base} is a vector: its components take an index such as {base}_i)"
        if key in ("log", "ln", "exp", "sin", "cos"):
            return f" (did you mean \\{key}?)"
        return ""

    def meaning_value(self, meaning: Any) -> Any:
        if isinstance(meaning, Scalar):
            return meaning.symbol
        if isinstance(meaning, Constant):
            return meaning.value
        return meaning

    def b_word(self, tree) -> Any:
        tok = tree.children[0]
        if self.lookup(tok.value) is not None or len(tok.value) == 1:
            return self.resolve(tok.value, tok)
        try:
            return self.resolve(tok.value, tok)
        except ReadError:
            return self.letters(tok)

    def letters(self, tok: Token) -> sympy.Expr:
        """An undeclared word whose every letter is a declared scalar is their product, as in TeX."""
        values = [self.lookup(ch) for ch in tok.value]
        if all(isinstance(v, (Scalar, Constant)) for v in values):
            return sympy.Mul(*(self.meaning_value(v) for v in values))
        raise ReadError("V107", position(tok), name=tok.value, hint=self.hint(tok.value))

    def b_command(self, tree) -> Any:
        return self.resolve(tree.children[0].value, tree.children[0])

    def b_font(self, tree) -> Any:
        key = canonical(tree)
        if key in BOLD_CONSTANTS and self.lookup(key) is None:  # \mathcal{N}(z; \mathbf{0}, \mathbf{I})
            return self.b_accent(tree)
        if key in linalg.TRACE_SPELLINGS and self.lookup(key) is None:  # \operatorname{tr}, \mathrm{tr}, \text{tr}
            return Operator("tr")
        return self.resolve(key, tree)

    def b_accent(self, tree) -> Any:
        key = canonical(tree)
        if key in BOLD_CONSTANTS and self.lookup(key) is None:  # \vec{0}: the zero vector, as \mathbf{0}
            return self.resolve(BOLD_CONSTANTS[key], tree) if BOLD_CONSTANTS[key] else sympy.Integer(0)
        return self.resolve(key, tree)

    def b_subscript(self, tree) -> Any:
        double_script(tree, "subscript")
        base, script = tree.children[0], tree.children[2]
        if braced_name(base) is not None:  # `{z}_{i}` (as SymPy prints it) is TeX for z_i
            tree = Tree("subscript", [braced_name(base), tree.children[1], script], tree.meta)
            base = tree.children[0]
        if base.data == "superscript" and base.children[0].data in NAME_NODES:
            # `\\sigma^2_i` is TeX for \\sigma_i^2: the subscript belongs to the name, not to its power
            name, sup, exponent = base.children
            named = Tree("subscript", [name, tree.children[1], script], tree.meta)
            return self.build(Tree("superscript", [named, sup, exponent], tree.meta))
        if base.data == "group" and self.b_group(base).kind == "LANGLE":  # \langle x \rangle_p
            return self.group_value(self.b_group(base), script)
        if base.data == "app" and isinstance(base.children[-1], Tree) and self.b_group(base.children[-1]).kind == "LANGLE":
            # \log \langle f \rangle_{q}: the subscript is the bracket's law, the log applies to the whole
            func, *scripts, group = base.children
            return self.function(func, scripts, self.group_value(self.b_group(group), script))
        if base.data == "norm":  # \|z\|_2, \|z\|_1
            return self.b_norm(base, script)
        if base.data not in NAME_NODES:
            return self.component_or_error(base, script, tree)
        whole = canonical(tree)
        if whole not in self.table.distributions and canonical(base) == "I" and self.lookup(whole) is None \
                and self.lookup("I") is None:  # I_d: the identity of size d
            return Identity() if self.elementwise else Square((), self.expr(script))
        if self.lookup(whole) is not None or whole in self.table.distributions or whole in KL_SPELLINGS:
            return self.resolve(whole, tree)
        base_key = canonical(base)
        if base_key in EXPECTATION_SPELLINGS and self.lookup(base_key) is None:
            return Operator("E", script)
        if base_key in VARIANCE_SPELLINGS and self.lookup(base_key) is None:
            return Operator("Var", script)
        return self.component_or_error(base, script, tree)

    def component_or_error(self, base, script, tree) -> Any:
        value = self.build(base) if base.data not in ("word", "command", "font", "accent") else (
            self.lookup(canonical(base)))
        if isinstance(value, Vector):
            try:
                return self.component(value, script)
            except ReadError as error:
                if error.code == "V107" and error.arguments.get("name") == canonical(script):
                    # `\\sigma_\\phi` with a vector \\sigma: the undeclared name is \\sigma_{\\phi}, not \\phi
                    raise ReadError("V107", position(tree), name=canonical(tree), hint=self.hint(canonical(tree))) from None
                raise
        raise ReadError("V107", position(tree), name=canonical(tree), hint=self.hint(canonical(tree)))

    def component(self, vector: Vector, script) -> sympy.Expr:
        index = self.index(script)
        if not isinstance(index, sympy.Expr):  # `z_{z}`: a vector (or a law) written as an index
            raise ReadError("V109", position(script), problem=f"the index of `{vector.base}` is not a number")
        if (1 - index).is_positive or (index - vector.dimension).is_positive:  # z_0, or z_{d+1} of z in R^d
            raise ReadError("V109", position(script), problem=f"index {index} is outside 1..{vector.dimension}")
        return vector.base[index]

    def index(self, script) -> sympy.Expr:
        if isinstance(script, Tree) and script.data == "word":
            return self.resolve(script.children[0].value, script.children[0], index_ok=True)
        if isinstance(script, Tree) and script.data == "brace_script":
            body = script.children[1]
            if len(body.children) == 1:
                inner = body.children[0]
                if inner.data == "juxt" and len(inner.children) == 1 and inner.children[0].data == "word":
                    return self.index(inner.children[0])
                return self.expr(inner)
        value = self.expr(script)
        return value

    # --- arithmetic ---------------------------------------------------------------------
    def b_add(self, tree):
        calculus.check_bar_scope(tree)
        return self.expr(tree.children[0]) + self.expr(tree.children[2])

    def b_sub(self, tree):
        calculus.check_bar_scope(tree)
        return self.expr(tree.children[0]) - self.expr(tree.children[2])

    def b_neg(self, tree):
        return -self.expr(tree.children[1])

    def b_pos(self, tree):
        return self.expr(tree.children[1])

    def b_mul(self, tree):
        return product(self.expr(tree.children[0]), self.expr(tree.children[2]))

    def b_div(self, tree):
        numerator, right = self.expr(tree.children[0]), tree.children[2]
        if isinstance(right, Tree) and right.data == "juxt" and not semicolon_law(right):
            values = self.juxt_values(right)
            if len(values) > 1:  # `1/2 x`: half of x, or one over 2x? The tool will not choose.
                raise ReadError("V110", position(tree.children[1]), problem=(
                    "`a / b c` reads as a/(b c) or as (a/b) c; write \\frac{a}{b c} or put brackets"))
            return quotient(numerator, self.scalar(*values[0]))
        return quotient(numerator, self.expr(right))

    def b_number(self, tree):
        return self.token(tree.children[0])

    def b_frac(self, tree):
        return quotient(self.expr(tree.children[1]), self.expr(tree.children[2]))

    def b_doperator(self, tree):
        """`\\frac{d}{dx} f`: the derivative of the product that follows."""
        kids = [k for k in tree.children if not isinstance(k, Token) or k.type == "DIFF"]
        order = self.derivative_order(kids[1] if is_node(kids[1], "dorder") else None)
        return self.derivative(self.expr(kids[-1]), kids[-2], order, tree)

    def b_primed(self, tree):
        base, prime = tree.children
        callee = self.build(base)
        arity = getattr(callee, "arity", None) or len(getattr(callee, "parameters", ()) or ())
        if not isinstance(callee, (Defined, Arbitrary)) or arity != 1:
            raise ReadError("V109", position(prime), problem=(
                "a prime is read on a declared function of one argument (f'(x)); elsewhere write the derivative"))
        return Primed(callee, len(prime.value))

    def b_nabla(self, tree):
        """`\\nabla_\\theta f`: the derivative of what follows with respect to a declared real scalar; a
        gradient with respect to a vector (a vector of derivatives) is not read."""
        _, _, script, operand = tree.children
        variable = self.expr(script)
        if not (isinstance(variable, sympy.Symbol) and variable.is_integer is not True):
            raise ReadError("V109", position(tree), problem=(
                "\\nabla is read with respect to a declared real scalar only, not a vector"))
        return sympy.Derivative(self.expr(operand), variable)

    def b_dfrac(self, tree):
        """`\\frac{df}{dx}`: the derivative of the numerator."""
        kids = [k for k in tree.children if not isinstance(k, Token) or k.type == "DIFF"]
        order = self.derivative_order(kids[1] if is_node(kids[1], "dorder") else None)
        return self.derivative(self.expr(kids[-2]), kids[-1], order, tree)

    def derivative_order(self, dorder) -> int | None:
        if dorder is None:
            return None
        value = self.expr(dorder.children[1])
        if not (value.is_Integer and 1 <= value <= MAX_DERIVATIVE_ORDER):
            raise ReadError("V109", position(dorder), problem=(
                f"the order of a derivative is a whole number from 1 to {MAX_DERIVATIVE_ORDER}"))
        return int(value)

    def derivative(self, body, dvars, order: int | None, tree):
        """Unevaluated, as written: the reference differentiates once it has derived the body."""
        items = [k for k in dvars.children if not isinstance(k, Token)]
        variables = []
        for item in items:
            power = None
            if is_node(item, "superscript") and len(items) == 1 and order is not None:
                item, power = item.children[0], self.expr(item.children[2])
                if power != order:
                    raise ReadError("V109", position(dvars), problem=(
                        f"the derivative's order is {order} above and {power} below"))
            variable = self.expr(item)
            if isinstance(variable, sympy.Indexed) and len(items) == 1 and \
                    (slope := component_derivative(body, variable, order or 1)) is not None:
                return slope
            if isinstance(variable, sympy.Indexed):
                # d/dmu_j of a sum over i needs i = j, true only for 1 <= j <= d, which no point knows
                raise ReadError("V109", position(item), problem=(
                    "derivatives with respect to a vector's component are read only where the body holds "
                    "that vector at that component alone, in no sum; declare the component as a scalar"))
            if not (isinstance(variable, sympy.Symbol) and variable.is_integer is not True):
                raise ReadError("V109", position(item), problem=(
                    "a derivative is taken with respect to a declared real symbol"))
            variables.append(variable)
        if len(items) > 1 and order is not None and order != len(items):
            raise ReadError("V109", position(dvars), problem=(
                f"the derivative's order is {order} above and {len(items)} below"))
        if len(items) == 1:
            return sympy.Derivative(body, (variables[0], order or 1))
        return sympy.Derivative(body, *variables)

    def b_brace_arg(self, tree):
        return self.build(tree.children[1])

    def b_brace_script(self, tree):
        body = tree.children[1]
        if len(body.children) != 1:
            raise ReadError("V109", position(tree), problem="a list in a script where a value is expected")
        return self.build(body.children[0])

    def b_frac_script(self, tree):
        return self.build(tree.children[0])

    def b_sqrt(self, tree):
        kids = tree.children
        radicand = self.expr(kids[-1])
        if len(kids) != 5:
            return sympy.sqrt(radicand)
        index = self.expr(kids[2])
        # An odd root of a real number is the real one (\sqrt[3]{-8} = -2), as a note means it; SymPy's
        # root is the principal, complex one for a negative radicand.
        if index.is_Integer and index.is_odd and radicand.is_real and not radicand.is_nonnegative:
            return sympy.real_root(radicand, index)
        return sympy.root(radicand, index)

    def b_abs(self, tree):
        inner = next(c for c in tree.children if isinstance(c, Tree))
        value = self.build(inner)
        square = self.square(value, inner)
        if square is not None:  # |\Sigma|: the determinant, as in every text on Gaussians
            return self.matrix_scalar(linalg.determinant, square, tree)
        return sympy.Abs(self.scalar(value, inner))

    def b_norm(self, tree, script=None):
        """`\\|z\\|`, `\\|z - \\mu\\|_2`: the Euclidean norm of a vector (`_1`: the sum of absolute values)."""
        inner = next(c for c in tree.children if isinstance(c, Tree))
        p = 2 if script is None else self.expr(script)
        if p not in (1, 2):
            raise ReadError("V109", position(tree), problem="a norm is read as \\|z\\|, \\|z\\|_2 or \\|z\\|_1")
        column = self.column_of(inner)
        if column is None:
            raise ReadError("V109", position(tree), problem=f"`{canonical(inner)}` is not a declared vector: no norm is taken")
        return linalg.norm(column.entries, column.size, p)

    # --- whole vectors and matrices (latex/linalg.py) -----------------------------------
    def column_of(self, tree) -> Column | None:
        """The tree read as a vector (`\\mu_2 - \\mu_1`, elementwise), or None when it is a number."""
        self.elementwise += 1
        try:
            entries = self.expr(tree)
        finally:
            self.elementwise -= 1
        if entries.atoms(sympy.Indexed) or not entries.atoms(sympy.IndexedBase):
            return None
        size = self.matrix_call(linalg.entries_size, tree, entries, self.dimension_of)
        return None if size is None else Column(entries, size)

    def column_value(self, value, tree) -> Column | None:
        if isinstance(value, Vector):
            return Column(value.base, value.dimension)
        if isinstance(value, Column):
            return value
        if isinstance(value, Group) and value.kind in ("LPAR", "LBRACK") and len(value.parts) == 1:
            return self.column_of(value.parts[0][1])
        return None

    def square(self, value, tree) -> Square | None:
        """A declared matrix, diag(...), I_d (or a bare I outside a covariance) as a square matrix."""
        if isinstance(value, Identity) and self.elementwise:
            return None
        return self.matrix_call(linalg.square_of, tree, value, self.dimension_of)

    def matrix_call(self, function, tree, *args):
        try:
            return function(*args)
        except MatrixError as error:
            raise ReadError("V109", position(tree), problem=str(error)) from None

    def matrix_scalar(self, function, square: Square, tree) -> sympy.Expr:
        return self.matrix_call(function, tree, square)

    def matrix_function(self, name: str, value, tree) -> sympy.Expr:
        """tr(A) or det(A)."""
        square = self.square(value, tree)
        if square is None:
            raise ReadError("V109", position(tree), problem=(
                f"`{canonical(tree)}` is not a matrix: {name} takes a declared matrix, diag(...) or I_d"))
        return self.matrix_scalar(linalg.trace if name == "tr" else linalg.determinant, square, tree)

    def matrix_power(self, square: Square, exponent, tree) -> Square:
        if exponent == -1:
            return square.inverse()
        if isinstance(exponent, sympy.Integer) and 0 < exponent <= 4:
            out = square
            for _ in range(int(exponent) - 1):
                out = self.matrix_call(out.times, tree, square)
            return out
        raise ReadError("V109", position(tree), problem="a matrix is raised to -1 or to a small whole power")

    def bracketed_matrix(self, group: Group):
        """The square matrix in the brackets, or the group as it was (a vector or a number)."""
        try:
            inner = self.build(group.parts[0][1])
        except ReadError:
            return group
        return inner if isinstance(inner, (Square, MatrixName, Diag)) else group

    def transposed(self, tree):
        """`z^\\top`, `(\\mu_2-\\mu_1)^T`: a row vector; a matrix's transpose is itself reversed."""
        value = self.build(tree)
        if isinstance(value, (MatrixName, Square, Diag)):
            return self.square(value, tree).transpose()
        if isinstance(value, Row):
            return Column(value.entries, value.size)
        column = self.column_value(value, tree)
        return None if column is None else Row(column.entries, column.size)

    def matrix_product(self, values, tree):
        items = []
        for value, item in values:
            if isinstance(value, Group) and value.kind in ("LPAR", "LBRACK") and len(value.parts) == 1:
                value = self.bracketed_matrix(value)  # (2\Sigma), (\Sigma_1\Sigma_2): a matrix in brackets
            square = self.square(value, item) if isinstance(value, (MatrixName, Square, Diag, Identity)) else None
            column = self.column_value(value, item) if isinstance(value, (Vector, Group)) else None
            if square is not None or column is not None:
                items.append(square if square is not None else column)
            else:
                items.append(value if isinstance(value, (Row, Column)) else self.scalar(value, item))
        return self.matrix_call(linalg.multiply, tree, items)

    def b_superscript(self, tree):
        if (evaluated := self.evaluation_bar(tree)) is not None:
            return evaluated
        if decoration(tree) is not None:  # \theta^*, x^{(i)}: a name of its own, to be declared
            component = self.decorated_component(tree)
            return component if component is not None else self.resolve(canonical(tree), tree)
        if self.labelled_divergence(tree):  # D_{KL}^{\text{other}}(P \| Q): a label, not a power
            return Operator("KL")
        double_script(tree, "superscript")
        split = self.letter_split(tree.children[0])
        if split is not None:  # TeX: `ah^2` is a times h squared, not (ah)^2
            head, last = split
            return head * power(last, self.expr(tree.children[2]), position(tree))
        if (value := self.log_of_a_decorated_power(tree)) is not None:
            return value
        self.check_log_power(tree.children[0])
        if canonical(tree.children[2]) in linalg.TRANSPOSES:
            transposed = self.transposed(tree.children[0])
            if transposed is not None:
                return transposed
        base = self.build(tree.children[0])
        if isinstance(base, (MatrixName, Square, Diag)) or (isinstance(base, Identity) and not self.elementwise):  # \Sigma^{-1}, I^{-1}
            return self.matrix_power(self.square(base, tree.children[0]), self.expr(tree.children[2]), tree)
        self.check_braces(tree.children[0], "raised to a power")
        return power(self.scalar(base, tree.children[0]), self.expr(tree.children[2]), position(tree))

    def b_factorial(self, tree):
        split = self.letter_split(tree.children[0])
        if split is not None:  # `ab!` is a times b!
            head, last = split
            return head * factorial(last, position(tree))
        self.check_braces(tree.children[0], "given a factorial")
        return factorial(self.expr(tree.children[0]), position(tree))

    def letter_split(self, tree):
        """A word read letter by letter (an undeclared `ah`): all but its last letter, and the last."""
        if not (isinstance(tree, Tree) and tree.data == "word"):
            return None
        tok = tree.children[0]
        if len(tok.value) == 1 or self.lookup(tok.value) is not None:
            return None
        try:
            self.resolve(tok.value, tok)
            return None
        except ReadError:
            self.letters(tok)  # raises when some letter is not a declared scalar
        *head, last = (self.meaning_value(self.lookup(ch)) for ch in tok.value)
        return sympy.Mul(*head), last

    def evaluation_bar(self, tree):
        """`\\left[ F \\right]_{0}^{+\\infty}`: F between the bounds."""
        base = tree.children[0]
        if not (is_node(base, "subscript") and is_node(base.children[0], "group")):
            return None
        group = self.b_group(base.children[0])
        if group.kind not in ("LBRACK", "LPAR") or len(group.parts) != 1:
            return None
        return self.between(group.parts[0][1], base.children[2], tree.children[2], tree)

    def b_evaluated(self, tree):
        """`F \\Big|_{a}^{b}`: the product before the bar between the bounds (a sum before it: calculus.py)."""
        return self.between(tree.children[0], *self.limits(tree.children[2]), tree)

    def b_evaluated_block(self, tree):
        """`\\left. F \\right|_{a}^{b}`: the whole of F between the bounds."""
        return self.between(tree.children[1], *self.limits(tree.children[3]), tree)

    def between(self, body_tree, lower, upper, tree) -> EvaluatedBetween:
        """F(b) - F(a) in the variable `_{x=a}` names, else the one a reader finds (latex/calculus.py)."""
        if lower is None or upper is None:
            raise ReadError("V109", position(tree), problem=(
                "an evaluation bar is read with both bounds, as in \\Big|_{a}^{b}; a value at one point is not read yet"))
        named, lower = calculus.named_bound(lower)
        body = self.expr(body_tree)
        if named is None:
            variable = calculus.variable_of(body, self.integrated(), self.table, tree, "an evaluation bar")
        elif not (isinstance(variable := self.expr(named), sympy.Symbol) and variable.is_integer is not True):
            raise ReadError("V109", position(named), problem="an evaluation bar runs over a declared real symbol")
        return EvaluatedBetween(body, variable, self.expr(lower), self.expr(upper))

    def integrated(self) -> set:
        """The symbols the integrals of the formula run over, as their differentials name them."""
        found = set()
        for key in calculus.integrated_keys(self.formula):
            meaning = self.lookup(key)
            if meaning is None:
                found.add(sympy.Symbol(key, real=True))  # as b_integral binds an undeclared variable
            elif isinstance(meaning, Scalar):
                found.add(meaning.symbol)
        return found

    def decorated_component(self, tree):
        """`\\mu_j^{(i)}` (or `\\mu^{(i)}_j`): component j of the declared vector `\\mu^{(i)}`, unless the whole
        name is declared itself."""
        base = tree.children[0]
        if self.lookup(canonical(tree)) is not None or not is_node(base, "subscript") or base.children[0].data not in NAME_NODES:
            return None
        name, script = base.children[0], base.children[2]
        vector = self.lookup(f"{canonical(name)}^{{{decoration(tree)}}}")
        if not isinstance(vector, Vector):
            plain = linalg.undecorated(f"{canonical(name)}^{{{decoration(tree)}}}")
            vector = self.lookup(plain) if plain is not None else None
        return self.component(vector, script) if isinstance(vector, Vector) else None

    def labelled_divergence(self, tree) -> bool:
        base, exponent = tree.children[0], tree.children[2]
        return (isinstance(base, Tree) and base.data in NAME_NODES + ("subscript",) and canonical(base) in KL_SPELLINGS
                and self.lookup(canonical(base)) is None and isinstance(exponent, Tree) and exponent.data == "font"
                and exponent.children[0].value in ("\\text", "\\mathrm", "\\textrm", "\\operatorname"))

    def log_of_a_decorated_power(self, tree):
        """`\\log (\\sigma^{(i)}_j)^2`: a name that carries a superscript of its own (x^{(i)}, \\theta^*) needs
        brackets to take a power, so these brackets are the power's and the log is of the power. A plain
        `\\log(\\sigma)^2` stays ambiguous (check_log_power)."""
        app = tree.children[0]
        if not (is_node(app, "app") and app.children[0].value.lstrip("\\") in ("log", "ln")
                and app.children[-1].children[0].type == "LPAR"):
            return None
        body = next(c for c in app.children[-1].children if isinstance(c, Tree))
        items = body.children[0].children if len(body.children) == 1 and is_node(body.children[0], "juxt") else []
        name = items[0] if len(items) == 1 else None
        while is_node(name, "subscript"):
            name = name.children[0]
        if not (is_node(name, "superscript") and decoration(name) is not None):
            return None
        inner = power(self.expr(items[0]), self.expr(tree.children[2]), position(tree))
        return self.function(app.children[0], app.children[1:-1], inner)

    def check_log_power(self, tree) -> None:
        """`\\log(a)^{p}` is read by some as \\log(a^p), by others as (\\log a)^p: the tool picks neither.
        SymPy's own `\\log{\\left(a \\right)}^{2}` (braces around the bracket) is the power of the log."""
        if not (isinstance(tree, Tree) and tree.data == "app"):
            return
        func, group = tree.children[0], tree.children[-1]
        if func.value.lstrip("\\") in ("log", "ln") and group.children[0].type != "LBRACE":
            raise ReadError("V110", position(tree), problem=(
                f"`{canonical(tree)}` raised to a power may mean the log of a power or a power of the log; "
                "write \\log(a^{p}) or (\\log a)^{p}"))

    def check_braces(self, tree, use: str) -> None:
        """`{x+1}^2` renders as x+1²: braces are not brackets, so the tool will not pick a reading."""
        if isinstance(tree, Tree) and tree.data == "group" and tree.children[0].type == "LBRACE":
            inner = tree.children[1].children[0]
            if isinstance(inner, Tree) and inner.data in ("add", "sub", "neg"):
                raise ReadError("V110", position(tree), problem=(
                    f"a sum in braces {use}; braces do not show as brackets, write \\left( \\right)"))

    # --- juxtaposition: products and applications ---------------------------------------
    def b_juxt(self, tree):
        if semicolon_law(tree):  # `\\mathrm{Name}(x; ...)` is a law written in place, whatever the name
            return self.unknown_family_checked(tree, self.juxtaposition)
        return self.juxtaposition(tree)

    def juxtaposition(self, tree):
        values = self.operand_expectations(self.juxt_values(tree))
        if any(isinstance(v, (Row, Square, MatrixName)) for v, _ in values) or (
                len(values) > 1 and any(isinstance(v, Diag) for v, _ in values)):
            return self.matrix_product(values, tree)
        if len(values) == 1 and (not isinstance(values[0][0], sympy.Expr) or isinstance(values[0][0], (sympy.MatrixBase, Identity))):
            return values[0][0]
        return product(*(self.scalar(v, t) for v, t in values))

    def operand_expectations(self, values: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
        """`\\mathbb{E}_{z\\sim q} f(z)` with no brackets: the expectation of the factors after it, up to
        the next `+` or `-` at its level, as a reader of the text takes it (`2 \\mathbb{E}_p x y` is 2 E[xy])."""
        for k, (value, tree) in enumerate(values):
            if isinstance(value, Operator) and value.name == "E" and k + 1 < len(values):
                body = product(*(self.scalar(v, t) for v, t in values[k + 1:]))
                return values[:k] + [(self.expectation_of(value, body, tree), tree)]
        return values

    def juxt_values(self, tree) -> list[tuple[Any, Any]]:
        """The factors written side by side, each function already applied to its brackets."""
        values: list[tuple[Any, Any]] = []
        for item in tree.children:
            group, postfix = split_postfix(item)
            if group is not None and values and isinstance(values[-1][0], CALLABLE):
                callee, callee_tree = values.pop()
                result = self.apply(callee, self.b_group(group), callee_tree)
                values.append((self.apply_postfix(result, postfix, item), item))
                self.operand_of_matrix_function(values)
                continue
            if len(tree.children) > 1:
                self.check_braces(item, "multiplied")
            if values and is_number(item) and is_number(values[-1][1]):
                raise ReadError("V110", position(item), problem=self.numbers_side_by_side(values[-1][1], item))
            values.append((self.build(item), item))
            self.operand_of_matrix_function(values)
        return values

    def numbers_side_by_side(self, left: Tree, right: Tree) -> str:
        """What V110 says of two numbers written side by side, quoting them as the author wrote them."""
        first, second = left.children[0], right.children[0]
        between = self.text[first.end_pos:second.start_pos] if self.text else " "
        written = f"{first}{between}{second}"
        if between.strip():  # `2\\,1`, `2~1`: a space TeX shows, between two numbers
            return f"two numbers side by side: `{written}` may be a product or the number {first}{second}; " \
                   f"write {first} \\cdot {second} or {first}{second}"
        return f"two numbers side by side: TeX shows `{written}` as {first}{second}; write {first} \\cdot {second} " \
               f"or {first}{second}"

    def operand_of_matrix_function(self, values: list) -> None:
        """`\\det\\Sigma`, `\\operatorname{tr}\\Sigma^{-1}`, `\\det\\operatorname{diag}(v)`: tr or det with no
        brackets takes the next factor, once it is whole (a function applied to its brackets)."""
        if len(values) >= 2 and isinstance(values[-2][0], Operator) and values[-2][0].name in ("tr", "det") \
                and not isinstance(values[-1][0], CALLABLE):
            (value, item), (op, _) = values.pop(), values.pop()
            values.append((self.matrix_function(op.name, value, item), item))

    def apply_postfix(self, value, postfix: list, item) -> Any:
        for op in postfix:
            double_script(op, op.data)
            if op.data == "superscript" and isinstance(value, (Diag, Square, MatrixName)):  # diag(\sigma^2)^{-1}
                square = self.square(value, item)
                value = square.transpose() if canonical(op.children[2]) in linalg.TRANSPOSES else \
                    self.matrix_power(square, self.expr(op.children[2]), op)
            elif op.data == "superscript":
                value = power(self.scalar(value, item), self.expr(op.children[2]), position(op))
            elif op.data == "factorial":
                value = factorial(self.scalar(value, item), position(op))
            else:
                raise ReadError("V109", position(op), problem="a subscript after a bracket")
        return value

    def b_group(self, tree) -> Group:
        kids = [c for c in tree.children if isinstance(c, Tree)]
        opener = next(c for c in tree.children if isinstance(c, Token) and c.type != "LEFT")
        parts, sep = [], None
        for kid in kids[0].children:
            if kid.data == "body_sep":
                sep = kid.children[0].value
            else:
                parts.append((sep, kid))
        return Group(opener.type, tuple(parts), tree)

    def apply(self, callee, group: Group, tree) -> Any:
        if isinstance(callee, Primed):  # f'(x): the derivative of f(x) with respect to the name it is applied to
            (arg_tree,) = self.arguments(group, 1, tree)
            variable = self.expr(arg_tree)
            if not (isinstance(variable, sympy.Symbol) and variable.is_integer is not True):
                raise ReadError("V109", position(arg_tree), problem=(
                    "a prime is read on a function applied to a declared real name, as in f'(x)"))
            return sympy.Derivative(self.apply(callee.callee, group, tree), (variable, callee.order))
        if isinstance(callee, Arbitrary):
            args = self.arguments(group, callee.arity, tree, (",", ";"))
            return callee.head(*(self.expr(a) for a in args))
        if isinstance(callee, Functional):
            written = canonical(group.parts[0][1]) if len(group.parts) == 1 else None
            if written != callee.argument:
                raise ReadError("V109", position(group.tree), problem=(
                    f"`{canonical(tree)}` is defined at {callee.argument} only, not at {written or 'several arguments'}"))
            return callee.value
        if isinstance(callee, Defined):
            return self.apply_defined(callee, group, tree)
        if isinstance(callee, Special):
            args = self.arguments(group, callee.arity, tree)
            return callee.function(*(self.expr(a) for a in args))
        if isinstance(callee, DistributionName):
            return self.density(callee, group, tree)
        if isinstance(callee, FamilySpec):
            return self.family(callee, group)
        return self.apply_operator(callee, group, tree)

    def arguments(self, group: Group, arity: int, tree, separators: tuple = (",",)) -> list[Tree]:
        bad = [sep for sep, _ in group.parts[1:] if sep not in separators]
        if bad or len(group.parts) != arity:
            raise ReadError("V109", position(group.tree), problem=(
                f"`{canonical(tree)}` takes {arity} argument(s) separated by commas, got {len(group.parts)}"))
        return [t for _, t in group.parts]

    def apply_defined(self, fn: Defined, group: Group, tree) -> sympy.Expr:
        args = []
        # \mathcal{L}(\theta, \phi; x), L(p | x): a semicolon or a bar sets the data apart, as a comma would
        for param, arg_tree in zip(fn.parameters, self.arguments(group, len(fn.parameters), tree,
                                                                 (",", ";", "|", "\\mid", "\\vert"))):
            value = self.build(arg_tree)
            if isinstance(param, sympy.IndexedBase):
                if not isinstance(value, Vector):
                    raise ReadError("V109", position(arg_tree), problem=f"`{canonical(tree)}` expects a vector here")
                args.append(value.base)
            else:
                args.append(self.scalar(value, arg_tree))
        return fn.head(*args)

    def event(self, group: Group):
        """`X = 0` in `p(X = 0)` or `\\Pr(X = 0)`: the variable's value and the laws declared on it, else None."""
        if len(group.parts) != 2 or group.parts[1][0] != "=":
            return None
        variable, value = (self.build(t) for _, t in group.parts)
        point = variable.base if isinstance(variable, Vector) else variable
        laws = self.laws_on(point) if isinstance(point, (sympy.Symbol, sympy.IndexedBase)) else set()
        if not laws:
            raise ReadError("V109", position(group.tree), problem=(
                f"`{canonical(group.parts[0][1])}` in an event must be the variable of a declared law"))
        return self.scalar(value, group.parts[1][1]), laws

    def probability(self, group: Group, tree) -> DensityAt:
        """`\\Pr(X = k)`: the mass at k of the one law declared on x, which must be discrete."""
        event = self.event(group)
        if event is None:
            raise ReadError("V109", position(group.tree), problem="write the event as in \\Pr(X = 0)")
        value, laws = event
        if len(laws) != 1:
            raise ReadError("V110", position(tree), problem=(
                f"several laws are declared on the variable ({', '.join(sorted(l.label for l in laws))}): name one, as in p(X = 0)"))
        law = laws.pop()
        if law.family.name not in DISCRETE_FAMILIES:
            raise ReadError("V109", position(tree), problem=(
                f"the {law.family.name} law puts no mass on a point: write its density, as in {law.label}"))
        return DensityAt(law, value)

    def joint_density(self, name: DistributionName, group: Group, tree):
        """`p(y, \\theta)` declared by its factorisation: the product, at the points written."""
        if any(sep != "," for sep, _ in group.parts[1:]):
            return None
        joints = [j for j in self.table.joints.get(name.name, ()) if len(j.points) == len(group.parts)]
        if not joints:
            return None
        written = tuple(canonical(t) for _, t in group.parts)
        joint = next((j for j in joints if j.points == written), None)
        if joint is None:
            # the joint's variables named in another order (p(y, x) for p(x, y)) are the same joint, by name
            joint = next((j for j in joints if sorted(j.points) == sorted(written)), None)
            if joint is not None:
                return joint.value
        if joint is None and len(joints) == 1 and all(w not in joints[0].points or joints[0].points.index(w) == i
                                                      for i, w in enumerate(written)):
            joint = joints[0]  # at other points (p(y_i, \\theta)): by position, no variable moved to another place
        if joint is None:
            raise ReadError("V110", position(tree), problem=f"`{canonical(tree)}` could be any of the joint laws of {name.name}, "
                            "or names some of its variables at other places")
        values = [self.scalar(self.build(t), t) for _, t in group.parts]
        return joint.value.xreplace(dict(zip(joint.variables, values)))

    def density(self, name: DistributionName, group: Group, tree) -> DensityAt:
        if (joint := self.joint_density(name, group, tree)) is not None:
            return joint
        if (event := self.event(group)) is not None:  # p(X = 0): the density (or mass) of p at 0
            value, laws = event
            decl = next((d for d in name.decls if d.distribution in laws), None)
            if decl is None:
                raise ReadError("V109", position(group.tree), problem=f"`{name.name}` is not a law of that variable")
            if decl.distribution.family.name not in DISCRETE_FAMILIES:  # an event's probability, not a density
                raise ReadError("V109", position(tree), problem=(
                    f"the {decl.distribution.family.name} law puts no mass on a point: write its density, as in {name.name}(x)"))
            return DensityAt(decl.distribution, value)
        point = [t for sep, t in group.parts if sep in (None, ",")]
        bar = next((i for i, (sep, _) in enumerate(group.parts) if sep in ("|", "\\mid", "\\vert")), len(group.parts))
        point_text = ",".join(self.plain_key(canonical(t)) for _, t in group.parts[:bar])
        cond = tuple(self.plain_key(canonical(t)) for _, t in group.parts[bar:])
        for decl in name.decls:
            if self.plain_key(decl.point) == point_text and tuple(map(self.plain_key, decl.conditioning)) == cond:
                if isinstance(decl.point_value, sympy.IndexedBase) and "_" in decl.point and bar == 1:
                    # `p(y_i | x_i)` declared on each component: the density of the component written here
                    component = self.build(group.parts[0][1])
                    if isinstance(component, sympy.Indexed) and component.base == decl.point_value:
                        return DensityAt(decl.distribution, component)
                return DensityAt(decl.distribution, self.bound_point(decl))
        for decl in self.density_at_another_point(name, cond, group, tree):
            if len(point) >= 1:
                self.elementwise += 1
                try:
                    at = self.scalar(self.build(group.parts[0][1]), group.parts[0][1])
                finally:
                    self.elementwise -= 1
                return DensityAt(decl.distribution, at)
        declared = ", ".join(f"{d.name}({d.point}{'|' + ','.join(d.conditioning) if d.conditioning else ''})" for d in name.decls)
        raise ReadError("V107", position(tree), name=f"{name.name}(·{'|' + ','.join(cond) if cond else ''})",
                        hint=f" (declared: {declared})")

    def density_at_another_point(self, name: DistributionName, cond: tuple, group: Group, tree) -> list:
        """The declaration `p(y)` evaluates when no declaration reads `p(y)`: the one with that conditioning,
        or among several (`p(z)` and `p(x)`) the one whose variable the point decorates (`x^{(i)}`, `x_0`);
        never the first of several (a guess that once read p(y) as the density of z)."""
        candidates = [d for d in name.decls if tuple(map(self.plain_key, d.conditioning)) == cond]
        written = self.plain_key(canonical(group.parts[0][1])) if group.parts else None
        if candidates and any(self.plain_key(d.point) == written for d in name.decls):
            # p(y) beside p(x) and p(y | x): y's marginal, which no declaration gives, not p(x)'s density at y
            raise ReadError("V110", position(tree), problem=(
                f"`{name.name}({written})` is the law of {written}, declared only with other conditioning "
                "(its marginal is not the density of another variable): declare it"))
        if len(candidates) <= 1:
            return candidates
        base = group.parts[0][1]
        while isinstance(base, Tree) and (base.data in ("juxt",) and len(base.children) == 1
                                          or base.data in ("subscript", "superscript")):
            base = base.children[0]
        key = canonical(base) if isinstance(base, Tree) else None
        chosen = [d for d in candidates if key is not None and self.plain_key(d.point) == self.plain_key(key)]
        if len(chosen) == 1:
            return chosen
        raise ReadError("V110", position(tree), problem=(
            f"`{canonical(tree)}` could be any of {', '.join(sorted(d.name + '(' + d.point + ')' for d in candidates))}; "
            "write the declared variable, or declare this one"))

    def bound_point(self, decl: DistributionDecl) -> Any:
        """The point of `P(k)`: the declared variable, unless a sum binds k here (\\sum_{k=0}^{\\infty} P(k)).

        A sum's index is a fresh integer symbol even when its name is declared: the declared
        assumptions (k >= 0, say) need not hold over the range the sum writes."""
        for scope in reversed(self.scopes[1:]):
            if decl.point in scope:
                meaning = scope[decl.point]
                return meaning.base if isinstance(meaning, Vector) else meaning.symbol
        return decl.point_value

    def bare_density(self, name: DistributionName, tree) -> DensityAt:
        if len(name.decls) != 1:
            raise ReadError("V110", position(tree), problem=f"`{name.name}` alone could be any of its {len(name.decls)} declarations; write its arguments")
        decl = name.decls[0]
        return DensityAt(decl.distribution, self.bound_point(decl))

    def family(self, spec: FamilySpec, group: Group) -> InlineFamily:
        parts = list(group.parts)
        variable = None
        if len(parts) > 1 and parts[1][0] in (";", "|", "\\mid"):  # N(x; a, s^2), and N(x | a, s^2) as some write it
            variable = parts.pop(0)[1]
        if any(sep not in (",", ";") for sep, _ in parts[1:]) or len(parts) != len(spec.parameters):
            raise ReadError("V109", position(group.tree), problem=(
                f"{spec.name} takes {len(spec.parameters)} parameter(s) ({', '.join(spec.parameters)}), got {len(parts)}"))
        self.elementwise += 1
        try:
            params = tuple(self.param(t) for _, t in parts)
        finally:
            self.elementwise -= 1
        return InlineFamily(spec, variable, params)

    def param(self, tree) -> Any:
        value = self.build(tree)
        if isinstance(value, (MatrixName, Square)):  # a declared covariance, or its inverse (a precision)
            square = self.square(value, tree)
            if len(square.factors) == 1 and isinstance(square.factors[0], Diag) and square.scale == 1:
                return square.factors[0]
            return self.matrix_call(linalg.law_parameter, tree, square)
        return value if isinstance(value, (Diag, sympy.MatrixBase)) else self.scalar(value, tree)

    def b_matrix(self, tree) -> sympy.ImmutableMatrix:
        """`\\begin{pmatrix} a & b \\\\ b & c \\end{pmatrix}`: entries are scalars, rows of equal length."""
        rows = [c for c in tree.children if isinstance(c, Tree)]
        saved, self.elementwise = self.elementwise, 0  # an entry is a number: a whole vector there is an error
        try:
            entries = [[self.expr(e) for e in row.children if isinstance(e, Tree)] for row in rows]
        finally:
            self.elementwise = saved
        if len({len(r) for r in entries}) != 1:
            raise ReadError("V109", position(tree), problem="the rows of the matrix have different lengths")
        return sympy.ImmutableMatrix(entries)

    def apply_operator(self, op: Operator, group: Group, tree) -> Any:
        if op.name == "KL":
            sides = [t for _, t in group.parts]
            if len(sides) != 2 or "".join(group.parts[1][0].split()) not in KL_SEPARATORS:
                raise ReadError("V109", position(group.tree), problem="KL takes two laws separated by `\\|`, `||` or `,`")
            return self.in_note_unit(KLDivergence(self.law(sides[0]), self.law(sides[1])))
        if op.name == "H":
            return self.in_note_unit(Entropy(self.law(self.arguments(group, 1, tree)[0])))
        if op.name in ("tr", "det"):
            argument = self.arguments(group, 1, tree)[0]
            return self.matrix_function(op.name, self.build(argument), argument)
        if op.name == "diag":
            self.elementwise += 1
            try:
                return Diag(self.expr(self.arguments(group, 1, tree)[0]))
            finally:
                self.elementwise -= 1
        if op.name == "Pr":
            return self.probability(group, tree)
        if op.name == "Var":  # Var[x] = E[x^2] - E[x]^2, both under the one law
            mean = self.expectation(Operator("E", op.spec), group, tree)
            if not isinstance(mean, Expectation):
                return sympy.Integer(0)  # the variance of a constant
            return Expectation(mean.body ** 2, mean.distribution) - mean ** 2
        return self.expectation(op, group, tree)

    def in_note_unit(self, quantity):
        """A KL or an entropy in the unit of the note's `log` (bits under `log: 2`), as its \\log is."""
        base = self.table.log_base
        return quantity if base is None else quantity / sympy.log(base)

    # --- laws, expectations, integrals, sums --------------------------------------------
    def law(self, tree, variable=None) -> Distribution:
        named = self.density_named_for(canonical(tree)) if self.lookup(canonical(tree)) is None else None
        if named is not None:  # \mathbb{E}_P with P's density declared as f_P(x)
            return named
        value = self.law_value(tree)
        if isinstance(value, DensityAt):
            return value.distribution
        if isinstance(value, DistributionName):
            return self.bare_density(value, tree).distribution
        if isinstance(value, InlineFamily):
            return self.inline_law(value, variable)
        point = value.base if isinstance(value, Vector) else value
        if isinstance(point, (sympy.Symbol, sympy.IndexedBase)) and len(laws := self.laws_on(point)) == 1:
            return laws.pop()  # H(X): the entropy of the one law declared on x
        raise ReadError("V109", position(tree), problem=f"`{canonical(tree)}` is not a distribution")

    def density_named_for(self, key: str):
        """The law of the one density declared as `f_{P}` or `p_{P}`, for an undeclared law name `P`
        (statistics' f_X, the density of X), else None."""
        if key in self.table.distributions or not key:
            return None
        decls = [d for n in (f"f_{{{key}}}", f"p_{{{key}}}") for d in self.table.distributions.get(n, ())]
        laws = {d.distribution for d in decls}
        return laws.pop() if len(laws) == 1 else None

    def law_value(self, tree) -> Any:
        """What stands where a law is expected; `\\mathrm{Weibull}(k, l)` there is an unknown family."""
        return self.unknown_family_checked(tree, self.build)

    def unknown_family_checked(self, tree, build) -> Any:
        try:
            return build(tree)
        except ReadError as error:
            head = family_head(tree)
            if (error.code == "V107" and head is not None and error.position == position(head)
                    and looks_like_family(head) and canonical(head) not in self.table.broken):
                raise ReadError("V108", position(head), name=canonical(head), known=", ".join(FAMILIES)) from None
            raise

    def inline_density(self, fam: InlineFamily, tree) -> DensityAt:
        """`\\mathcal{N}(x; \\mu, \\sigma^2)` as a number: the density of the law at its variable."""
        if fam.variable is None and fam.spec.name == "Beta" and canonical(tree).startswith(("Beta", "\\mathrm{Beta}")):
            return sympy.beta(*fam.params)  # \ln \mathrm{Beta}(a, b) in a Beta entropy: the function, never the law
        if fam.variable is None:
            raise ReadError("V109", position(tree), problem=(
                f"`{canonical(tree)}` is a distribution, not a number; name its variable as in N(x; 0, 1)"))
        law = self.inline_law(fam, None)
        return DensityAt(law, law.variable)

    def inline_law(self, fam: InlineFamily, variable) -> Distribution:
        if fam.variable is not None:
            variable = self.variable_value(fam.variable)
        return Distribution(variable if variable is not None else SCALAR_VARIABLE,
                            Family(fam.spec.name, fam.params))

    def variable_value(self, tree) -> Any:
        value = self.lookup(canonical(tree))
        if isinstance(value, Vector):
            return value.base
        if isinstance(value, Scalar):
            return value.symbol
        item = tree.children[0] if is_node(tree, "juxt") and len(tree.children) == 1 else tree
        if value is None and is_node(item, "subscript"):
            component = self.build(item)  # \mathcal{N}(y_i | f(x_i), \sigma^2): a component of a declared vector
            if isinstance(component, sympy.Indexed):
                return component
        raise ReadError("V107", position(tree), name=canonical(tree),
                        hint=" (a law's variable must be declared or bound by the law's declaration)")

    def expectation(self, op: Operator, group: Group, tree) -> Expectation:
        if group.kind not in ("LBRACK", "LPAR") or len(group.parts) != 1:
            raise ReadError("V109", position(group.tree), problem="the expectation's argument goes in one pair of brackets")
        if op.spec is None:  # \mathbb{E}[x]: the law is the one declared on the body's variable, if one only
            return self.expectation_of(op, self.expr(group.parts[0][1]), tree)
        law, scope = self.expectation_law(op)
        return Expectation(self.expr_in(scope, group.parts[0][1]), law)

    def expectation_of(self, op: Operator, body, tree) -> Expectation:
        """The expectation of a body already read (no bracket, or no subscript to scope its variable)."""
        if op.spec is not None:
            return Expectation(body, self.expectation_law(op)[0])
        if self.is_constant_under_every_law(body):
            return body  # \langle \ln\frac{\sigma_1^2}{\sigma_2^2} \rangle: a constant is its own expectation, under any law
        return Expectation(body, self.law_of_variables(body, tree))

    def is_constant_under_every_law(self, body) -> bool:
        """A body made only of numbers and the declared laws' own parameters: no law's variable in it."""
        if not isinstance(body, sympy.Expr) or body.atoms(sympy.IndexedBase) or body.has(DensityAt, Quantity):
            return False
        laws = [d.distribution for d in self.table.declarations()]
        parameters = {s for law in laws for p in law.family.params for s in getattr(p, "free_symbols", ())}
        # the laws' variables and what they are conditioned on (the x of p(y|x)) are random, never constants
        variables = {law.variable for law in laws} | self.table.conditioned_on()
        return bool(laws) and body.free_symbols <= parameters - variables

    def law_of_variables(self, body, tree) -> Distribution:
        """`\\mathbb{E}[x]`: the one law declared on a variable of the body; several, or none, are refused."""
        laws = self.laws_on(*(body.free_symbols | body.atoms(sympy.IndexedBase)))
        key = self.table.expectation_law
        random = {law.variable for law in laws}
        if len(laws) > 1 and key in laws and random <= {key.variable} | self.table.expectation_given:
            # the front matter's `expectation:` chooses, when every random variable of the body is its own
            # or one it is conditioned on (held fixed under it); a third variable with its laws is refused
            return key
        if len(laws) != 1:
            which = ", ".join(sorted(law.label for law in laws)) or "none of the declared laws"
            raise ReadError("V109", position(tree), problem=(
                f"an expectation with no law as a subscript needs one law on its variable ({which}): "
                "write it as in \\mathbb{E}_{z\\sim q}, or name the law in the front matter (`expectation: q(z|x)`)"))
        return laws.pop()

    def expectation_law(self, op: Operator) -> tuple[Distribution, dict[str, Any]]:
        """The law of `\\mathbb{E}_{z\\sim q}` or `\\mathbb{E}_{q}`, and the scope that names z when undeclared."""
        pieces, seps = script_pieces(op.spec)
        scope: dict[str, Any] = {}
        if seps == ["\\sim"]:
            var_tree, law_tree = pieces
            key = canonical(var_tree)
            known = self.lookup(key)
            if known is None:
                known = Scalar(sympy.Symbol(key, real=True))
                scope[key] = known
            variable = known.base if isinstance(known, Vector) else known.symbol
            law = self.law(law_tree, variable)
            if law.variable != variable:
                raise ReadError("V109", position(law_tree), problem=f"`{key}` is not the variable of `{canonical(law_tree)}`")
        elif not seps:
            law = self.law(pieces[0])
        else:
            raise ReadError("V109", position(op.spec), problem="write the law as `z \\sim q` or `q`")
        return law, scope

    def b_integral_over(self, tree):
        """`\\int_x p(x) \\log\\frac{p(x)}{q(x)}`: with no differential, the subscript must be the one variable."""
        integral, limits, body = tree.children
        lower, upper = self.limits(limits)
        key = canonical(lower) if lower is not None else ""
        if lower is None and upper is None:
            key = self.density_variable(body) or ""  # `\int q(z) \log\frac{q(z)}{p(z)}`: over the densities' variable
        if upper is not None or not re.fullmatch(r"\\?[a-zA-Z]+", key):
            raise ReadError("V106", position(tree), problem="an integral needs its differential, as in \\int f(x) \\, dx")
        anchor = lower if lower is not None else tree
        kind, token = ("command", "CMD") if key.startswith("\\") else ("word", "WORD")
        variable = Tree(kind, [Token(token, key, start_pos=position(anchor))], anchor.meta)
        bare_limits = Tree("limits", [], limits.meta)
        return self.b_integral(Tree("integral", [integral, bare_limits, body, Token("DIFF", "d"), variable], tree.meta))

    def density_variable(self, body) -> str | None:
        """The one variable every density in an integrand is at, when it is a law's own declared variable:
        the variable an integral written with no differential runs over, as its reader takes it."""
        try:
            value = self.expr(body)
        except ReadError:
            return None
        points = {d.point for d in value.atoms(DensityAt)}
        if len(points) != 1:
            return None
        point = points.pop()
        keys = [k for k, m in self.table.names.items() if getattr(m, "symbol", None) == point or getattr(m, "base", None) == point]
        return keys[0] if len(keys) == 1 and self.laws_on(point) else None

    def b_integral(self, tree):
        _, limits, body, diff, var_tree, *applied = tree.children
        key = canonical(var_tree)
        known = self.lookup(key)
        if applied or not calculus.is_variable_tree(var_tree) or isinstance(known, (Defined, Constant)):
            return self.differential_of_expression(tree)  # `d e^{-x^2}`, `dg(x)`, `dv` for a v the note defines
        scope: dict[str, Any] = {}
        if known is None:
            known = Scalar(sympy.Symbol(key, real=True))
            scope[key] = known
        if not isinstance(known, (Scalar, Vector)):
            raise ReadError("V109", position(var_tree), problem=f"cannot integrate over `{key}`")
        return self.integral_value(self.expr_in(scope, body), known, key, limits)

    def b_integral_first(self, tree):
        """`\\int \\mathrm{d}z\\, p(x, z)`: the differential before its integrand, which is the product after it
        (a `+` ends it, as it ends the operand of `\\frac{d}{dx}`); read as `\\int p(x, z) \\, dz`."""
        integral, limits, diff, var_tree, body = tree.children
        return self.b_integral(Tree("integral", [integral, limits, body, diff, var_tree], tree.meta))

    def differential_of_expression(self, tree):
        """`\\int f \\, d g(x)` (Stieltjes): \\int f(x) g'(x) dx over the same bounds, x the one variable of g;
        `\\int_0^1 x \\, dx \\, (a + b)` is the integral times the bracket, as before."""
        _, limits, body, diff, var_tree, *applied = tree.children
        if applied and isinstance(self.lookup(canonical(var_tree)), (Scalar, Vector)):
            return self.build(Tree("juxt", [Tree("integral", tree.children[:5], tree.meta), applied[0]], tree.meta))
        if applied and not isinstance(self.callee(var_tree), CALLABLE + (StandardFunction,)):
            raise ReadError("V110", position(applied[0]), problem=(
                f"`d{canonical(var_tree)}(...)`: the differential of `{canonical(var_tree)}` applied to the bracket, "
                "or a differential times it; declare the function, or write the bracket before the integral"))
        if calculus.declared_d(diff, self.table):
            raise ReadError("V110", position(diff), problem=(
                "`d` is declared here, so `d` before an expression may be d times it or its differential; "
                "write \\mathrm{d} for the differential"))
        g_tree = Tree("juxt", [var_tree, *applied], tree.meta) if applied else var_tree
        g = self.expr(g_tree)
        if g.has(Quantity):
            raise ReadError("V109", position(var_tree), problem="the differential of a density or a quantity is not read")
        x = calculus.variable_of(g, self.integrated(), self.table, var_tree, "the differential of an expression")
        key, meaning = calculus.variable_meaning(x, self.table)
        return self.integral_value(self.expr(body) * calculus.derivative(g, x, self.table), meaning, key, limits)

    def callee(self, tree) -> Any:
        """What a name before brackets is, None when it is not declared."""
        try:
            return self.build(tree)
        except ReadError:
            return None

    def integral_value(self, integrand, known, key: str, limits):
        """The integral of integrand over the variable, by its limits: over a vector's space, over the declared
        domain, over a support, or between bounds."""
        lower, upper = self.limits(limits)
        if upper is None and lower is not None and canonical(lower) == key:
            lower = None  # \int_z f(z) \, dz: the subscript names the variable the differential gives
        if isinstance(known, Vector):
            self.check_domain(lower, upper, known, limits)
            return VectorIntegral(integrand, known.base)
        plain = not integrand.has(DensityAt, Quantity)
        if lower is None and plain:  # \int f dx: over the declared domain of x, or an antiderivative
            symbol = known.symbol
            lo = sympy.Integer(0) if symbol.is_nonnegative else -sympy.oo
            hi = sympy.Integer(0) if symbol.is_nonpositive else sympy.oo
            return UnboundedIntegral(integrand, (symbol, lo, hi))
        if plain and upper is None and lower is not None and (laws := self.support(key, lower)):
            supports = {(law.family.name, law.family.params if law.family.name in PARAMETRIC_SUPPORTS else ())
                        for law in laws}
            if len(supports) != 1:
                raise ReadError("V110", position(limits), problem=(
                    f"`{canonical(lower)}` may be the support of any of the laws on {key}: write its bounds"))
            return SupportIntegral(integrand, known.symbol, sorted(laws, key=str)[0])
        if lower is None or self.is_real_line(lower) or (upper is None and self.support(key, lower)):
            # \int_{\mathcal{X}}: over the support of x's law, where the densities of x live
            return sympy.Integral(integrand, (known.symbol, -sympy.oo, sympy.oo))
        if upper is None:
            raise ReadError("V109", position(limits), problem=(
                f"the integral's subscript `{canonical(lower)}` is no variable, support or domain: write both bounds"))
        return sympy.Integral(integrand, (known.symbol, self.expr(lower), self.expr(upper)))

    def is_real_line(self, tree) -> bool:
        return canonical(tree) in ("\\mathbb{R}",)

    def check_domain(self, lower, upper, vector: Vector, limits) -> None:
        if lower is None and upper is None:
            return
        ok = (upper is None and isinstance(lower, Tree) and canonical(lower).startswith("\\mathbb{R}")
              and self.domain_dimension(lower) == vector.dimension)
        if not ok:
            raise ReadError("V109", position(limits), problem=f"integrate a vector of dimension {vector.dimension} over \\mathbb{{R}}^{vector.dimension}")

    def domain_dimension(self, tree) -> Any:
        node = tree
        while isinstance(node, Tree) and node.data in ("juxt", "brace_script", "script_body"):
            kids = [c for c in node.children if isinstance(c, Tree)]
            if len(kids) != 1:
                break
            node = kids[0]
        if isinstance(node, Tree) and node.data == "superscript":
            return self.expr(node.children[2])
        return sympy.Integer(1)

    def limits(self, tree) -> tuple[Any, Any]:
        lower = upper = None
        kids = tree.children
        for i in range(0, len(kids), 2):
            if kids[i].type == "SUB":
                lower = kids[i + 1]
            else:
                upper = kids[i + 1]
        return lower, upper

    def b_bigop(self, tree):
        op, limits, operand = tree.children
        if op.type == "ARGOP":
            return self.optimum(op, limits, operand, tree)
        if op.type == "LIMOP":
            return self.limit_of(limits, operand, tree)
        lower_tree, upper_tree = self.limits(limits)
        if lower_tree is None:
            raise ReadError("V109", position(tree), problem=f"`{op.value}` needs an index, as in {op.value}_i")
        pieces, seps = script_pieces(lower_tree)
        index_key = canonical(pieces[0])
        if op.value == "\\sum" and not seps and upper_tree is None and self.continuous_variable(index_key):
            # \sum_z P(z) f(z) over a continuous law's variable: the integral, as physics and ML notes write it
            differential = Tree("integral", [Token("INT", "\\int"), Tree("limits", [], limits.meta), operand,
                                             Token("DIFF", "d"), pieces[0]], tree.meta)
            return self.b_integral(differential)
        if op.value == "\\sum" and seps == ["\\in"] and upper_tree is None and self.continuous_variable(index_key) \
                and self.support(index_key, pieces[1]):
            # \sum_{x \in \mathcal{X}} (or x's capital) over a continuous law's support: its integral there
            over = Tree("limits", [Token("SUB", "_"), pieces[1]], limits.meta)
            return self.b_integral(Tree("integral", [Token("INT", "\\int"), over, operand, Token("DIFF", "d"), pieces[0]],
                                        tree.meta))
        index = self.fresh_index(index_key)
        series = len(seps) == 1 and seps[0] in AT_LEAST  # \sum_{i \ge 1}: i = 1, 2, ... without end
        if seps == ["\\in"] and upper_tree is None and (values := self.finite_set(pieces[1])) is not None:
            return self.over_set(op, index_key, index, values, operand)
        if seps == ["\\in"] and upper_tree is None and (span := self.support_range(index_key, pieces[1])) is not None:
            seps, series = ["="], span[1] == sympy.oo
            pieces = [pieces[0], None]
            lower_value, upper_fixed = span
        else:
            lower_value = upper_fixed = None
        lower = lower_value if lower_value is not None else (self.bound(pieces[1]) if seps == ["="] or series else None)
        if not (seps in ([], ["="]) or series):
            raise ReadError("V109", position(lower_tree), problem="write the index as i, i=1 or i \\ge 1")
        if series and upper_tree is not None:
            raise ReadError("V109", position(upper_tree), problem="`i \\ge 1` has no upper bound to write")
        self.scopes.append({index_key: Scalar(index)})
        try:
            body = self.expr(operand)
            upper = self.bound(upper_tree) if upper_tree is not None else None
        finally:
            self.scopes.pop()
        if series:
            upper = sympy.oo
        elif upper_fixed is not None:
            upper = upper_fixed
        elif upper is None:
            lower, upper = self.inferred_range(body, index, lower, tree)
        elif lower is None:  # `\\sum_i^d`: i = 1, ..., d, as when the range is inferred
            lower = sympy.Integer(1)
        cls = sympy.Sum if op.value == "\\sum" else sympy.Product
        return cls(body, (index, lower, upper))

    def support(self, variable_key: str, domain) -> set | None:
        """The laws on `x` when `domain` is an undeclared `\\mathcal{X}`, the support of x's law; else None."""
        key = canonical(domain)
        capital = "\\" + variable_key[1:].capitalize() if variable_key.startswith("\\") else variable_key.upper()
        if not ((key.startswith("\\mathcal{") or key == capital) and self.lookup(key) is None):
            return None  # \mathcal{X}, or the variable's capital (\int_{\Theta} ... d\theta), names its support
        meaning = self.lookup(variable_key)
        point = meaning.symbol if isinstance(meaning, Scalar) else None
        laws = self.laws_on(point) if point is not None else set()
        return laws or None

    def continuous_variable(self, key: str) -> bool:
        """A declared name that only continuous laws are declared on (a sum over it is an integral)."""
        meaning = self.lookup(key)
        point = meaning.symbol if isinstance(meaning, Scalar) else meaning.base if isinstance(meaning, Vector) else None
        laws = self.laws_on(point) if point is not None else set()
        return bool(laws) and not any(law.family.name in DISCRETE_FAMILIES for law in laws)

    def mass_range(self, law) -> tuple | None:
        """The values a discrete law's variable takes: 0..1 for a Bernoulli, 1..K for a Categorical on w[K]."""
        if law.family.name == "Categorical":
            weights = law.family.params[0]
            size = self.dimension_of(weights) if isinstance(weights, sympy.IndexedBase) else None
            return None if size is None else (sympy.Integer(1), size)
        span = DISCRETE_RANGES.get(law.family.name)
        if span is None:
            return None
        return sympy.Integer(span[0]), (sympy.oo if span[1] == "oo" else sympy.Integer(span[1]))

    def support_range(self, variable_key: str, domain) -> tuple | None:
        """`\\sum_{x \\in \\mathcal{X}}`: the values of x under its discrete law (0, 1 for a Bernoulli)."""
        laws = self.support(variable_key, domain)
        ranges = {self.mass_range(law) for law in laws} if laws else set()
        return ranges.pop() if len(ranges) == 1 and None not in ranges else None

    def limit_of(self, limits, operand, tree):
        """`\\lim_{x \\to a} f`: x is the variable written, declared or bound here."""
        lower, upper = self.limits(limits)
        pieces, seps = script_pieces(lower) if lower is not None else ([], [])
        if upper is not None or seps != ["\\to"] and seps != ["\\rightarrow"]:
            raise ReadError("V109", position(tree), problem="write the limit as \\lim_{x \\to a}")
        key = canonical(pieces[0])
        known = self.lookup(key)
        scope = {} if isinstance(known, Scalar) else {key: Scalar(sympy.Symbol(key, real=True))}
        variable = (known if isinstance(known, Scalar) else scope[key]).symbol
        target = self.expr(pieces[1])
        return LimitAt(self.expr_in(scope, operand), variable, target)

    def optimum(self, op: Token, limits, operand, tree):
        """`\\arg\\max_{\\theta} f`: the point where f is largest, an unevaluated ArgMax(f, θ). A claim about it is
        read, and unchecked unless both sides are the same optimum (no method evaluates one)."""
        lower, upper = self.limits(limits)
        if lower is None or upper is not None:
            raise ReadError("V109", position(tree), problem="write the variable of the optimum, as in \\arg\\max_{\\theta}")
        pieces, seps = script_pieces(lower)
        if seps not in ([], [","] * (len(pieces) - 1)):
            raise ReadError("V109", position(lower), problem="write the variables of the optimum apart by commas")
        variables = [self.expr(p) for p in pieces]
        kind = "ArgMax" if "max" in op.value else "ArgMin"
        return sympy.Function(kind)(self.expr(operand), *variables)

    def bound(self, tree) -> sympy.Expr:
        """A sum's bound: a number of terms, never a random variable (`\\sum_{k=1}^{K}` with K undeclared
        is reported, even where a law is declared on k)."""
        self.bounds += 1
        try:
            return self.expr(tree)
        finally:
            self.bounds -= 1

    def fresh_index(self, key: str):
        """The symbol a sum binds: an integer named as written, and never the very symbol a declaration
        gives (`x: integer` summed over as `\\sum_x`), which points would set to a number inside the sum."""
        index = sympy.Symbol(key, integer=True)
        declared = self.table.scalar_symbols()
        return sympy.Dummy(key, integer=True) if index in declared else index

    def finite_set(self, tree) -> list | None:
        """The elements of `\\{0, 1\\}` (or `\\left\\lbrace 0, 1 \\right\\rbrace`) as an index's range, else None."""
        node = tree
        while isinstance(node, Tree) and node.data in ("juxt", "brace_script", "script_body") and len(node.children) == 1:
            node = node.children[0]
        if isinstance(node, Tree) and node.data in NAME_NODES and isinstance(named := self.lookup(canonical(node)), NamedSet):
            return list(named.elements)  # `\sum_{x \in E}` for the `E: \{0, 1\}` the note names
        if not (isinstance(node, Tree) and node.data == "group"):
            return None
        group = self.b_group(node)
        if group.kind != "LCURLY" or any("".join(sep.split()) != "," for sep, _ in group.parts[1:]):
            return None
        return [self.expr(part) for _, part in group.parts]

    def over_set(self, op: Token, index_key: str, index, values: list, operand):
        """`\\sum_{x \\in \\{0, 1\\}} f(x)`: the terms at each element, added (or multiplied)."""
        body = self.expr_in({index_key: Scalar(index)}, operand)
        terms = [body.subs(index, v) for v in values]
        return sympy.Add(*terms) if op.value == "\\sum" else sympy.Mul(*terms)

    def inferred_range(self, body, index, lower, tree):
        dims = {self.dimension_of(ix.base) for ix in body.atoms(sympy.Indexed) if index in ix.indices}
        dims.discard(None)
        masses = {self.mass_range(d.distribution) for d in body.atoms(DensityAt) if d.point == index}
        if not dims and lower is None and len(masses) == 1 and None not in masses:
            # \sum_x p(x) \log\frac{p(x)}{q(x)}: the index runs over the support of the masses it is the point of
            return masses.pop()
        if len(dims) != 1:
            problem = ("cannot tell the range of the index: no vector is indexed by it" if not dims
                       else f"the index runs over vectors of different dimensions {sorted(map(str, dims))}")
            raise ReadError("V109", position(tree), problem=problem)
        return (lower if lower is not None else sympy.Integer(1)), dims.pop()

    def dimension_of(self, base) -> Any:
        return self.table.dimension_of(base)

    def b_fnrun(self, tree):
        func, scripts, operand_items = tree.children[0], [], []
        kids = tree.children[1:]
        after = kids.pop() if kids and is_node(kids[-1], "fnrun") else None
        for kid in kids:
            (scripts if isinstance(kid, Tree) and kid.data in ("fnsub", "fnpow") else operand_items).append(kid)
        operand = self.scalar(self.b_juxt(Tree("juxt", operand_items, tree.meta)), tree)
        if after is not None and func.value in ("\\log", "\\ln") and after.children[0].value == "\\exp":
            # \log \frac{1}{Z} \exp(-E): the log of the whole density, as every reader of a log-density takes it
            operand, after = operand * self.scalar(self.build(after), after), None
        value = self.function(func, scripts, operand)
        # `\sin x \cos x` is sin(x) cos(x): an operand without brackets stops where another function starts
        return value if after is None else value * self.scalar(self.build(after), after)

    def b_app(self, tree):
        func, *scripts, group = tree.children
        return self.function(func, scripts, self.group_value(self.b_group(group)))

    def function(self, func: Token, scripts: list, operand: sympy.Expr) -> sympy.Expr:
        name = func.value[1:]
        base, power = None, None
        for s in scripts:
            if s.data == "fnsub":
                base = self.expr(s.children[1])
            else:
                power = self.expr(s.children[1])
        if base is not None and name != "log":
            raise ReadError("V109", position(func), problem=f"\\{name} takes no base")
        if power == -1 and name in INVERSES:  # \sin^{-1} x is arcsin x in every maths text; \sin^2 x a power
            name, power = INVERSES[name], None
        value = self.elementary(name, operand, base)
        return value if power is None else value ** power

    def elementary(self, name: str, x: sympy.Expr, base) -> sympy.Expr:
        if name == "log":
            base = base if base is not None else self.table.log_base
            return sympy.log(x) if base is None else sympy.log(x, base)
        if name == "ln":
            return sympy.log(x)
        return getattr(sympy, {"arcsin": "asin", "arccos": "acos", "arctan": "atan"}.get(name, name))(x)


def _subscript(name: str) -> str | None:
    """The subscript of a declared name written `x_n` or `x_{n}`, else None."""
    if "_" not in name:
        return None
    tail = name.split("_", 1)[1]
    return tail[1:-1] if tail.startswith("{") and tail.endswith("}") else tail
