"""A law seen component by component (scalar: one, diagonal: d), or whole when its components are coupled."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sympy

from ..model.matrices import FACTORS
from ..model.quantities import Diag, Distribution, Identity
from .registry import NotDerivable, VectorParameter, model_for


@dataclass(frozen=True)
class LawView:
    """A law with independent components: component(k) gives (atom, parameters of that atom)."""

    law: Distribution
    dimension: sympy.Expr | None  # None: a scalar variable
    lengths: tuple = ()  # (IndexedBase, length) of the vector parameters of a scalar law

    @property
    def variable(self):
        return self.law.variable

    @property
    def model(self):
        return model_for(self.law.family.name)

    def atom(self, k=None):
        return self.variable if self.dimension is None else self.variable[k]

    def component(self, k=None) -> tuple:
        params = self.law.family.params
        if self.dimension is None:
            lengths = dict(self.lengths)
            return tuple(VectorParameter(p, lengths[p]) if p in lengths else p for p in params)
        return tuple(component_parameter(p, k, i) for i, p in enumerate(params))

    @property
    def joint(self) -> bool:
        """A vector law whose components are coupled (a full covariance): taken whole, never per component."""
        return self.dimension is not None and self.model.joint(*self.law.family.params)

    @property
    def matrix(self) -> bool:
        """A vector law whose covariance is a declared matrix (`\\Sigma: spd matrix[k]`): taken whole, at any size."""
        return self.dimension is not None and any(isinstance(p, FACTORS) for p in self.law.family.params)

    def size(self) -> int:
        if not self.dimension.is_Integer:
            raise NotDerivable(f"a law with coupled components needs a concrete dimension, not {self.dimension}")
        return int(self.dimension)

    def joint_atoms(self) -> list:
        return [self.variable[k] for k in range(1, self.size() + 1)]

    def joint_parameters(self) -> tuple:
        """Matrices stay whole; every other parameter becomes the column of its components 1..n."""
        n = self.size()
        return tuple(p if isinstance(p, sympy.MatrixBase) else sympy.ImmutableMatrix(
            [component_parameter(p, sympy.Integer(k), i) for k in range(1, n + 1)])
            for i, p in enumerate(self.law.family.params))

    def depends(self, expr) -> bool:
        if self.dimension is None:
            return self.variable in expr.free_symbols
        return any(ix.base == self.variable for ix in expr.atoms(sympy.Indexed)) or \
            self.variable in expr.atoms(sympy.IndexedBase)


def component_parameter(param: Any, k, position: int) -> sympy.Expr:
    """The k-th component of a vector parameter: mu -> mu[k], diag(s^2) -> s[k]^2, c I -> c."""
    if isinstance(param, Diag):
        return elementwise(param.entries, k)
    if param.has(Identity):
        scale = param.xreplace({Identity(): sympy.Integer(1)})
        if scale.atoms(sympy.IndexedBase):
            raise NotDerivable("a multiple of I must be a scalar multiple")
        return scale
    if param.atoms(sympy.Indexed):  # `N(y_i; f(x_i), s^2)`: a component's law, not one taken elementwise
        raise NotDerivable(f"parameter {param} of a vector law names a component of a vector")
    if param.atoms(sympy.IndexedBase):
        return elementwise(param, k)
    if position == 0 and param == 0:
        return sympy.Integer(0)
    raise NotDerivable(f"parameter {param} of a vector law is neither a vector, diag(...) nor a multiple of I")


def elementwise(expr: sympy.Expr, k) -> sympy.Expr:
    return expr.xreplace({b: b[k] for b in expr.atoms(sympy.IndexedBase)})


def view_of(law: Distribution, dimension_of) -> LawView:
    if isinstance(law.variable, sympy.IndexedBase):
        dimension = dimension_of(law.variable)
        if dimension is None:
            raise NotDerivable(f"the dimension of {law.variable} is unknown")
        return LawView(law, dimension)
    vectors = [p for p in law.family.params if isinstance(p, sympy.IndexedBase)]
    if any(dimension_of(p) is None for p in vectors):
        raise NotDerivable(f"the length of a vector parameter of {law.family.name} is unknown")
    return LawView(law, None, tuple((p, dimension_of(p)) for p in vectors))
