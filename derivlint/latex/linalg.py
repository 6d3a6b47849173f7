"""Whole vectors and matrices as notes multiply them: `z^\\top z`, `(\\mu_2-\\mu_1)^\\top\\Sigma^{-1}(\\mu_2-\\mu_1)`,
`\\operatorname{tr}(\\Sigma_2^{-1}\\Sigma_1)`, `|\\Sigma|`, `\\|z\\|^2`. The builder makes these values; each product
ends as a scalar (model/matrices.py gives its canonical form) or as a square matrix for tr, det or a law."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sympy

from ..model import matrices
from ..model.matrices import FACTORS, MatrixName
from ..model.quantities import Diag, Identity

TRANSPOSES = {"\\top", "T", "\\intercal", "\\mathsf{T}", "\\mathrm{T}", "\\mathit{T}"}
TRACE_SPELLINGS = {"tr", "Tr", "trace"}  # \operatorname{tr}, \mathrm{tr}, \text{tr}
DET_SPELLINGS = {"\\det", "det"}
DECORATIONS = ("\\mathbf{", "\\boldsymbol{", "\\bm{", "\\vec{")


class MatrixError(Exception):
    """A product of vectors and matrices that has no meaning (or none read yet): the builder's V109."""


@dataclass(frozen=True)
class Column:
    """A column vector: an elementwise expression of declared vectors (`\\mu_2 - \\mu_1`), its length."""

    entries: Any
    size: Any


@dataclass(frozen=True)
class Row:
    """A transposed column vector (`z^\\top`)."""

    entries: Any
    size: Any


@dataclass(frozen=True)
class Square:
    """scale * F1 ... Fm: declared matrices, their inverses, or diagonals (a Diag); I when there is none."""

    factors: tuple = ()
    size: Any = None  # None: not known yet (a bare I)
    scale: Any = field(default=sympy.Integer(1))

    def inverse(self) -> "Square":
        flipped = tuple(Diag(1 / f.entries) if isinstance(f, Diag) else matrices.inverse(f) for f in self.factors[::-1])
        return Square(flipped, self.size, 1 / self.scale)

    def transpose(self) -> "Square":
        return Square(self.factors[::-1], self.size, self.scale)  # every factor is symmetric

    def times(self, other: "Square") -> "Square":
        return Square(self.factors + other.factors, same_size(self.size, other.size), self.scale * other.scale)


def undecorated(key: str) -> str | None:
    """`\\mathbf{z}` -> `z`, `\\boldsymbol{\\mu}_{1}` -> `\\mu_{1}`: the name under a vector's decoration."""
    for prefix in DECORATIONS:
        if not key.startswith(prefix):
            continue
        depth = 1
        for i in range(len(prefix), len(key)):
            depth += {"{": 1, "}": -1}.get(key[i], 0)
            if depth == 0:
                rest = key[i + 1:]
                inner = key[len(prefix):i]
                # \boldsymbol{\mu}_{1}, and \boldsymbol{\mu}^{(i)} (the i-th example's vector)
                return inner + rest if inner and (not rest or rest.startswith(("_", "^"))) else None
    return None


def same_size(a, b):
    if a is None:
        return b
    if b is None or sympy.simplify(a - b) == 0:
        return a
    raise MatrixError(f"sizes {a} and {b} do not match")


def square_of(value, dimension_of) -> Square | None:
    """A declared matrix, a diagonal `\\operatorname{diag}(v)` or the identity, as a square matrix."""
    if isinstance(value, Square):
        return value
    if isinstance(value, MatrixName):
        return Square((value.matrix,), value.size)
    if isinstance(value, Diag):
        return Square((value,), entries_size(value.entries, dimension_of))
    if isinstance(value, Identity):
        return Square()
    return None


def entries_size(entries, dimension_of):
    sizes = {dimension_of(b) for b in entries.atoms(sympy.IndexedBase)} - {None}
    if len(sizes) > 1:
        raise MatrixError(f"vectors of different lengths {sorted(map(str, sizes))}")
    return sizes.pop() if sizes else None


# --- what a square matrix gives: tr, det, u^T A v -----------------------------------------
def _diagonal(square: Square):
    """The entries of a product of diagonals, or None for a product with a full matrix in it."""
    if not all(isinstance(f, Diag) for f in square.factors):
        if any(isinstance(f, Diag) for f in square.factors):
            raise MatrixError("a product of a diagonal and a full matrix is not read yet")
        return None
    return sympy.Mul(*(f.entries for f in square.factors))


def _size(square: Square):
    if square.size is None:
        raise MatrixError("the size of I is not known here: write I_d")
    return square.size


def trace(square: Square) -> sympy.Expr:
    size = _size(square)
    diagonal = _diagonal(square)
    if diagonal is not None:
        return square.scale * matrices.entrywise_sum(diagonal, size)
    return square.scale * matrices.trace(square.factors, size)


def determinant(square: Square) -> sympy.Expr:
    if not square.factors and square.scale == 1:
        return sympy.Integer(1)  # |I| is 1 at every size: none need be written
    size = _size(square)
    diagonal = _diagonal(square)
    if diagonal is not None:
        return square.scale ** size * matrices.entrywise_product(diagonal, size)
    return square.scale ** size * matrices.determinant(square.factors, size)


def bilinear(row: Row, square: Square, column: Column) -> sympy.Expr:
    size = same_size(same_size(row.size, square.size), column.size)
    diagonal = _diagonal(square)
    if diagonal is not None:
        return square.scale * matrices.inner(row.entries * diagonal, column.entries, size)
    try:
        return square.scale * matrices.bilinear(row.entries, column.entries, square.factors, size)
    except matrices.NotLinear:
        raise MatrixError("u^T A v with a full matrix A is read for u and v sums of multiples of vectors") from None


def multiply(values: list) -> Any:
    """Factors side by side: scalars, rows, square matrices and columns. Each `row ... column` is a
    scalar; what remains may be one square matrix (for tr, det, a law); any other shape is refused."""
    scale = sympy.Integer(1)
    row: Row | None = None
    square: Square | None = None
    for value in values:
        if isinstance(value, Row):
            if row is not None or square is not None:
                raise MatrixError("a row vector after a row vector or a matrix: an outer product is not a number")
            row, square = value, Square()
        elif isinstance(value, Square):
            square = value if square is None else square.times(value)
        elif isinstance(value, Column):
            if row is None:
                raise MatrixError("a column vector here needs a row vector before it, as in u^\\top v")
            scale *= bilinear(row, square, value)
            row, square = None, None
        else:
            scale *= value
    if row is not None:
        raise MatrixError("a row vector u^\\top needs a column vector after it")
    if square is not None:
        return Square(square.factors, square.size, square.scale * scale)
    return scale


def law_parameter(square: Square):
    """A square matrix as a law's covariance: one declared matrix or its inverse."""
    if len(square.factors) == 1 and square.scale == 1 and isinstance(square.factors[0], FACTORS):
        return square.factors[0]
    raise MatrixError("a covariance is one declared matrix, its inverse, diag(...), s^2 I or a pmatrix")


def norm(entries, size, p) -> sympy.Expr:
    """The Euclidean norm (p = 2) or the sum of absolute values (p = 1) of a column vector."""
    k = matrices.INDEX
    if p == 1:
        return sympy.Sum(sympy.Abs(matrices.components(entries, k)), (k, 1, size))
    return sympy.sqrt(matrices.inner(entries, entries, size))
