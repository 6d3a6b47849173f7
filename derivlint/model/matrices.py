"""Matrices a note declares (`\\Sigma: spd matrix[k]`) and the scalars made of them.

A declared matrix is symmetric positive definite of a size k that may be a symbol. Every scalar
made of matrices is one of three nodes, put in a canonical form when it is made, by identities that
hold for every size and every symmetric positive definite matrix:

- `Trace(k, F1, ..., Fm)`: tr(F1 ... Fm), its factors each a matrix or the inverse of one; the
  product rotated (tr(AB) = tr(BA)) and reversed (tr(A) = tr(A^T), each factor being symmetric) to
  the least of those orders, adjacent A A^{-1} cancelled;
- `Bilinear(u, v, k, F1, ..., Fm)`: u^T F1 ... Fm v for two declared vectors u and v, or u^T F v
  written as v^T F^T u, whichever is least; a linear combination of vectors is expanded first;
- `Det(A)`: det A, positive; det(AB) = det A det B and det(A^{-1}) = 1 / det A are applied.

Diagonal factors (`diag(v)`, elementwise vectors) and the identity are written out as sums and
products over the components instead. Once k is a number, `explicit` writes each node out entry by
entry: a matrix as its entries `{\\Sigma}_{ij}` (one symbol for ij and ji), its inverse as adjugate
over determinant, so the checks evaluate matrices as they evaluate any expression.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import sympy
from sympy.core.symbol import Str

INDEX = sympy.Symbol("_i", integer=True)  # the index of the sums written for diagonal factors


def _str(text) -> Str:
    return text if isinstance(text, Str) else Str(text)


class SPDMatrix(sympy.Basic):
    """A declared symmetric positive definite matrix of size `size` (a number or a positive integer symbol)."""

    def __new__(cls, label, size):
        return super().__new__(cls, _str(label), sympy.sympify(size))

    @property
    def label(self) -> str:
        return self.args[0].name

    @property
    def size(self) -> sympy.Expr:
        return self.args[1]

    def entry(self, i: int, j: int) -> sympy.Symbol:
        i, j = min(i, j), max(i, j)
        sep = "," if self.size.is_Integer and self.size > 9 else ""
        return sympy.Symbol(f"{{{self.label}}}_{{{i}{sep}{j}}}", real=True)

    def entries(self) -> list[sympy.Symbol]:
        """The distinct entries (i <= j) at the size the matrix has, which must be a number."""
        n = int(self.size)
        return [self.entry(i, j) for i in range(1, n + 1) for j in range(i, n + 1)]

    def explicit(self) -> sympy.ImmutableMatrix:
        n = int(self.size)
        return sympy.ImmutableMatrix(n, n, lambda i, j: self.entry(i + 1, j + 1))

    def _sympystr(self, printer) -> str:
        return self.label

    def _latex(self, printer) -> str:
        return self.label


class InverseOf(sympy.Basic):
    """The inverse of a declared matrix."""

    def __new__(cls, matrix):
        return super().__new__(cls, matrix)

    @property
    def matrix(self) -> SPDMatrix:
        return self.args[0]

    @property
    def size(self) -> sympy.Expr:
        return self.matrix.size

    def explicit(self) -> sympy.ImmutableMatrix:
        m = self.matrix.explicit()
        det = _det(m)
        n = m.shape[0]
        if n == 1:
            return sympy.ImmutableMatrix([[1 / det]])
        # (A^-1)_ij = (-1)^(i+j) M_ji / det A, M_ji the minor without row j and column i
        return sympy.ImmutableMatrix(n, n, lambda i, j: (-1) ** (i + j) * _det(_minor(m, j, i)) / det)

    def _sympystr(self, printer) -> str:
        return f"{self.matrix.label}^-1"

    def _latex(self, printer) -> str:
        return f"{self.matrix.label}^{{-1}}"


FACTORS = (SPDMatrix, InverseOf)


def inverse(factor):
    return factor.matrix if isinstance(factor, InverseOf) else InverseOf(factor)


class MatrixScalar(sympy.Expr):
    """A real scalar made of matrices; written out entry by entry once its size is a number."""

    is_commutative = True

    def _eval_is_real(self):
        return True

    def _eval_is_finite(self):
        return True


class Trace(MatrixScalar):
    def __new__(cls, size, *factors):
        return sympy.Expr.__new__(cls, sympy.sympify(size), *factors)

    @property
    def size(self):
        return self.args[0]

    @property
    def factors(self) -> tuple:
        return self.args[1:]

    def explicit(self) -> sympy.Expr:
        m = _product(self.factors)
        return sympy.Add(*(m[i, i] for i in range(m.shape[0])))

    def _sympystr(self, printer) -> str:
        return f"tr({' '.join(printer._print(f) for f in self.factors)})"

    def _latex(self, printer) -> str:
        return f"\\operatorname{{tr}}\\left({' '.join(printer._print(f) for f in self.factors)}\\right)"


class Bilinear(MatrixScalar):
    def __new__(cls, u, v, size, *factors):
        return sympy.Expr.__new__(cls, u, v, sympy.sympify(size), *factors)

    @property
    def size(self):
        return self.args[2]

    def explicit(self) -> sympy.Expr:
        u, v = (sympy.ImmutableMatrix([b[k] for k in range(1, int(self.size) + 1)]) for b in self.args[:2])
        m, n = _product(self.args[3:]), int(self.size)
        return sympy.Add(*(u[i] * m[i, j] * v[j] for i in range(n) for j in range(n)))

    def _sympystr(self, printer) -> str:
        u, v = (printer._print(b) for b in self.args[:2])
        return f"{u}^T {' '.join(printer._print(f) for f in self.args[3:])} {v}"

    def _latex(self, printer) -> str:
        u, v = (printer._print(b) for b in self.args[:2])
        return f"{u}^{{\\top}} {' '.join(printer._print(f) for f in self.args[3:])} {v}"


class Det(MatrixScalar):
    def __new__(cls, matrix):
        return sympy.Expr.__new__(cls, matrix)

    @property
    def size(self):
        return self.args[0].size

    def _eval_is_positive(self):
        return True

    def explicit(self) -> sympy.Expr:
        return _det(self.args[0].explicit())

    def _sympystr(self, printer) -> str:
        return f"det({printer._print(self.args[0])})"

    def _latex(self, printer) -> str:
        return f"\\left|{printer._print(self.args[0])}\\right|"


SIZED = (SPDMatrix, InverseOf, Trace, Bilinear, Det)  # the nodes `explicit` writes out at a numeric size


def _product(factors) -> sympy.ImmutableMatrix:
    """The product entry by entry, with no simplification (SymPy's own would simplify every dot product)."""
    out = factors[0].explicit()
    for f in factors[1:]:
        right = f.explicit()
        n = out.shape[0]
        out = sympy.ImmutableMatrix(n, n, lambda i, j: sympy.Add(*(out[i, m] * right[m, j] for m in range(n))))
    return out


def _minor(m, row: int, column: int) -> sympy.ImmutableMatrix:
    n = m.shape[0]
    return sympy.ImmutableMatrix([[m[i, j] for j in range(n) if j != column] for i in range(n) if i != row])


def _det(m) -> sympy.Expr:
    """The determinant by cofactors along the first row: n! products at size n (24 at 4), unsimplified."""
    n = m.shape[0]
    if n == 1:
        return m[0, 0]
    return sympy.Add(*((-1) ** j * m[0, j] * _det(_minor(m, 0, j)) for j in range(n)))


@lru_cache(maxsize=1024)
def explicit(node):
    """The node written out entry by entry, or None while its size is not a number. Cached: a diagnosis
    evaluates many candidates that share their traces and forms."""
    return node.explicit() if node.size.is_Integer else None


# --- canonical forms -------------------------------------------------------------------
@dataclass(frozen=True)
class MatrixName:
    """What a declared matrix name means in the name table."""

    matrix: SPDMatrix

    @property
    def size(self):
        return self.matrix.size


class NotLinear(ValueError):
    """An expression that is no linear combination of vectors, where one is needed."""


def cancelled(factors: tuple) -> tuple:
    """Adjacent A A^{-1} (and A^{-1} A) removed, as often as they occur."""
    out: list = []
    for f in factors:
        if out and out[-1] == inverse(f):
            out.pop()
        else:
            out.append(f)
    return tuple(out)


def trace(factors: tuple, size) -> sympy.Expr:
    """tr(F1 ... Fm) of matrix factors, canonical; the empty product is the identity: tr = size."""
    factors = cancelled(tuple(factors))
    while len(factors) > 1 and factors[-1] == inverse(factors[0]):  # tr(A B A^{-1}) = tr(B)
        factors = cancelled(factors[1:-1])
    if not factors:
        return sympy.sympify(size)
    orders = []
    for seq in (factors, factors[::-1]):
        orders += [seq[i:] + seq[:i] for i in range(len(seq))]
    return Trace(size, *min(orders, key=lambda seq: [sympy.default_sort_key(f) for f in seq]))


def linear_parts(expr) -> dict:
    """{vector base: coefficient} of a linear combination of declared vectors (`\\mu_2 - \\mu_1`)."""
    expr = sympy.expand(expr)
    out: dict = {}
    for term in sympy.Add.make_args(expr):
        bases = [f for f in sympy.Mul.make_args(term) if isinstance(f, sympy.IndexedBase)]
        coefficient = sympy.Mul(*(f for f in sympy.Mul.make_args(term) if not isinstance(f, sympy.IndexedBase)))
        if term == 0:
            continue
        if len(bases) != 1 or coefficient.atoms(sympy.IndexedBase) or coefficient.atoms(sympy.Indexed):
            raise NotLinear(f"{term} is not a multiple of one vector")
        out[bases[0]] = out.get(bases[0], 0) + coefficient
    return out


def bilinear(u, v, factors: tuple, size) -> sympy.Expr:
    """u^T F1 ... Fm v for linear combinations of vectors u and v and matrix factors, canonical."""
    factors = cancelled(tuple(factors))
    if not factors:
        return inner(u, v, size)
    total = sympy.Integer(0)
    for a, ca in sorted(linear_parts(u).items(), key=lambda kv: str(kv[0])):
        for b, cb in sorted(linear_parts(v).items(), key=lambda kv: str(kv[0])):
            forward, backward = (a, b, factors), (b, a, factors[::-1])
            first, second, fs = min(forward, backward, key=lambda t: [sympy.default_sort_key(x) for x in
                                                                       (t[0], t[1], *t[2])])
            total += ca * cb * Bilinear(first, second, size, *fs)
    return total


def components(expr, k) -> sympy.Expr:
    """The k-th component of an elementwise vector expression."""
    return expr.xreplace({b: b[k] for b in expr.atoms(sympy.IndexedBase)})


def inner(u, v, size) -> sympy.Expr:
    """u^T v = the sum over the components of u_i v_i."""
    if u == 0 or v == 0:
        return sympy.Integer(0)
    return sympy.Sum(components(u, INDEX) * components(v, INDEX), (INDEX, 1, size))


def entrywise_sum(entries, size) -> sympy.Expr:
    body = components(entries, INDEX)
    return sympy.Sum(body, (INDEX, 1, size)) if body.has(INDEX) else body * size


def entrywise_product(entries, size) -> sympy.Expr:
    body = components(entries, INDEX)
    return sympy.Product(body, (INDEX, 1, size)) if body.has(INDEX) else body ** size


def determinant(factors: tuple, size) -> sympy.Expr:
    """det(F1 ... Fm) = the product of the factors' determinants."""
    out = sympy.Integer(1)
    for f in cancelled(tuple(factors)):
        out *= Det(f) if isinstance(f, SPDMatrix) else 1 / Det(f.matrix)
    return out


def spd_normaliser(matrix: SPDMatrix):
    """Drawn values made a symmetric positive definite matrix: the drawn entries on and below the
    diagonal are a Cholesky factor L (its diagonal taken positive; an entry not drawn is 0 below the
    diagonal, 1 on it), and the entries become those of L L^T, exact rationals."""
    def normalise(values: dict, setting: dict) -> dict:
        n = sympy.sympify(matrix.size.xreplace(setting))
        if not n.is_Integer:
            return values
        n = int(n)
        if not any(matrix.entry(i, j) in values for i in range(1, n + 1) for j in range(i, n + 1)):
            return values
        low = [[sympy.Integer(0)] * n for _ in range(n)]
        for i in range(n):
            for j in range(i + 1):
                drawn = values.get(matrix.entry(j + 1, i + 1), 1 if i == j else 0)
                low[i][j] = abs(drawn) if i == j else drawn
        out = dict(values)
        for i in range(n):
            for j in range(i, n):
                out[matrix.entry(i + 1, j + 1)] = sympy.Add(*(low[i][m] * low[j][m] for m in range(n)))
        return out
    return normalise
