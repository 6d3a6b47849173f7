"""Re-derive a member from first principles: definitions, densities, KL, H and E by the families' rules."""
from __future__ import annotations

import sympy
from sympy.core.function import AppliedUndef

from ..model.quantities import (DensityAt, Distribution, Entropy, Family, EvaluatedBetween, Expectation, KLDivergence, LimitAt,
                                Quantity, SupportIntegral, VectorIntegral)
from ..model.names import NameTable, Vector
from . import models  # noqa: F401  (registers the families)
from .supports import outside_support, component_support, densities_within, support_within
from .laws import LawView, elementwise, view_of
from .registry import NotDerivable


class Reference:
    """Expands every quantity of an expression into a closed form, or raises NotDerivable."""

    def __init__(self, table: NameTable):
        self.table = table
        self.definitions = table.definitions()
        self.dimensions = {m.base: m.dimension for m in table.names.values() if isinstance(m, Vector)}
        self.memo: dict = {}  # facts derived once per Reference (a claim's, a diagnosis's): constraints of members

    def definitions_expanded(self, expr):
        """The expression with every function the note defines replaced by its definition, and the density of
        one component of a law of independent components (p(y_i | x_i)) written as that component's own law."""
        expr = expr.replace(lambda e: isinstance(e, DensityAt) and isinstance(e.point, sympy.Indexed)
                            and e.point.base == e.distribution.variable, self.component_density)
        return expr.replace(lambda e: isinstance(e, AppliedUndef) and e.func in self.definitions,
                            lambda e: self.definitions_expanded(self.definitions[e.func].expand(e.args)))

    def component_density(self, density: DensityAt) -> DensityAt:
        view = self.view(density.distribution)
        if view.matrix or view.joint:
            return density
        law = density.distribution
        component = Distribution(density.point, Family(law.family.name, view.component(density.point.indices[0])), law.label)
        return DensityAt(component, density.point)

    def dimension_of(self, base):
        return self.dimensions.get(base)

    def length_symbols(self, exprs) -> set:
        """The symbols in the lengths of the vectors the expressions use (K of w: vector[K], or of
        vector[K + 1]): they take values wherever points are drawn, even where no sum names them."""
        found = set()
        for e in exprs:
            for base in e.atoms(sympy.IndexedBase):
                n = self.dimensions.get(base)
                if n is not None:
                    found |= {s for s in n.free_symbols if isinstance(s, sympy.Symbol)}
        return found

    def expand(self, expr):
        if not isinstance(expr, sympy.Basic) or expr.is_Atom:
            return expr
        if isinstance(expr, sympy.log) and isinstance(expr.args[0], DensityAt):
            # a law's parameters may use a function the note defines (N(y_i; f_\theta(x_i), s^2)): expanded too
            return self.definitions_expanded(self.log_density(expr.args[0]))
        if isinstance(expr, AppliedUndef) and expr.func in self.definitions:
            return self.expand(self.definitions[expr.func].expand(expr.args))
        if isinstance(expr, Quantity):
            return self.quantity(expr)
        if isinstance(expr, sympy.Integral):
            return self.scalar_integral(expr)
        if isinstance(expr, sympy.Sum) and (expected := self.series_expectation(expr)) is not None:
            return expected
        if isinstance(expr, sympy.Derivative):  # the body derived first: d/dmu of a KL is of its closed form
            return sympy.diff(self.expand(expr.expr), *expr.variable_count)
        if isinstance(expr, (sympy.Indexed, sympy.IndexedBase)):
            return expr
        args = [self.expand(a) for a in expr.args]
        return expr.func(*args) if args != list(expr.args) else expr

    def quantity(self, q: Quantity):
        if isinstance(q, DensityAt):
            return sympy.exp(self.definitions_expanded(self.log_density(q)))
        if isinstance(q, KLDivergence):
            p, other = q.args
            view = self.view(p)
            support_within(view, self.view(other))
            at = view.variable
            return self.expect(self.log_density_at(p, at) - self.log_density_at(other, at), view)
        if isinstance(q, Entropy):
            view = self.view(q.args[0])
            return -self.expect(self.log_density_at(q.args[0], view.variable), view)
        if isinstance(q, Expectation):
            return self.expect(q.body, self.view(q.distribution))
        if isinstance(q, VectorIntegral):
            return self.integral_against_density(q.args[0], q.args[1])
        if isinstance(q, LimitAt):
            body, variable, target = q.args
            value = sympy.limit(self.expand(body), variable, target)
            if value.has(sympy.Limit) or value is sympy.nan:
                raise NotDerivable(f"SymPy finds no limit as {variable} -> {target}")
            return value
        if isinstance(q, EvaluatedBetween):  # [F]_a^b = F(b) - F(a), a limit at an infinite end
            body, variable, lower, upper = q.args
            body = self.expand(body)
            return _value_at(body, variable, upper, "-") - _value_at(body, variable, lower, "+")
        if isinstance(q, SupportIntegral):  # over the support of the law declared on the variable
            body, variable, law = q.args
            lo, hi = component_support(self.view(law), None)
            return plain_integral(self.expand(body), variable, lo, hi)
        raise NotDerivable(f"no rule for {type(q).__name__}")

    def series_expectation(self, series: sympy.Sum):
        """`\\sum_{k=0}^{\\infty} p(k) g(k)` over exactly the support of p's law: E_p[g], derived by the family's
        rules as an expectation is (a Poisson KL written as its series); None when it is not that shape."""
        if len(series.limits) != 1:
            return None
        k, lo, hi = series.limits[0]
        factors = sympy.Mul.make_args(series.function)
        masses = [f for f in factors if isinstance(f, DensityAt) and f.point == k]
        if len(masses) != 1:
            return None
        law = masses[0].distribution
        view = self.view(law)
        if view.dimension is not None or not view.model.discrete:
            return None
        if tuple(component_support(view, None)) != (lo, hi):
            return None
        rest = sympy.Mul(*(f for f in factors if f is not masses[0]))
        points = rest.xreplace({d: sympy.Function("at")(d.point) for d in rest.atoms(DensityAt)})  # laws' own variables aside
        if view.variable in points.free_symbols | points.atoms(sympy.IndexedBase):
            return None  # the law's own variable free beside the index (\sum_j p(j) k): renaming would capture it
        return self.expect(rest.xreplace({k: view.variable}), view)

    def view(self, law: Distribution) -> LawView:
        return view_of(law, self.dimension_of)

    # --- densities ----------------------------------------------------------------------
    def log_density(self, density: DensityAt) -> sympy.Expr:
        return self.log_density_at(density.distribution, density.point)

    def log_density_at(self, law: Distribution, point) -> sympy.Expr:
        view = self.view(law)
        model = view.model
        if view.dimension is None:
            if isinstance(point, sympy.IndexedBase):
                raise NotDerivable(f"a scalar law evaluated at the vector {point}")
            if outside_support(point, model, view.component()):
                return -sympy.oo  # a density vanishes outside its support: f(-1) = 0 for an Exponential
            return model.log_density(point, *view.component())
        if isinstance(point, sympy.Indexed) and point.base == view.variable and not (view.matrix or view.joint):
            # p(y_i | x_i) of independent components: the i-th component's own density
            return model.log_density(point, *view.component(point.indices[0]))
        bases = point.atoms(sympy.IndexedBase) if isinstance(point, sympy.Expr) else set()
        if isinstance(point, sympy.IndexedBase):
            bases = {point}
        if not bases or point.atoms(sympy.Indexed):
            raise NotDerivable(f"a vector law evaluated at {point}")
        if any(self.dimension_of(b) not in (None, view.dimension) for b in bases):
            raise NotDerivable(f"{point} and {law.variable} have different dimensions")
        if view.matrix:
            return self.matrix_model(view).matrix_log_density(point, *view.law.family.params, size=view.dimension)
        at = lambda k: elementwise(point, k)  # p(-z), p(2z): the point taken component by component
        if view.joint:
            return model.joint_log_density([at(k) for k in range(1, view.size() + 1)], *view.joint_parameters())
        k = sympy.Dummy("k", integer=True, positive=True)
        return sympy.Sum(model.log_density(at(k), *view.component(k)), (k, 1, view.dimension))

    # --- integrals ----------------------------------------------------------------------
    def integral_against_density(self, body, variable):
        """int q(z) f(z) dz = E_q[f]: the integrand must carry the density of a law of z."""
        terms = sympy.Add.make_args(sympy.expand(body, deep=False, mul=True, multinomial=False,
                                                 power_exp=False, power_base=False, log=False))
        total = sympy.Integer(0)
        for term in terms:
            density, rest = self.density_factor(term, variable)
            total += self.expect(rest, self.view(density.distribution))
        return total

    def density_factor(self, term, variable):
        for factor in sympy.Mul.make_args(term):
            # p(x)^2 / q(x) carries p(x) too: the density of the expectation, and the rest of the power left in
            base = factor.base if factor.is_Pow and factor.exp.is_Integer and factor.exp > 0 else factor
            if isinstance(base, DensityAt) and base.point == variable and base.distribution.variable == variable:
                return base, term / base
        raise NotDerivable(f"the integrand over {variable} carries no density of {variable}")

    def scalar_integral(self, integral: sympy.Integral):
        (variable, lower, upper), = integral.limits
        if not integral.function.has(DensityAt, Quantity):
            return plain_integral(self.expand(integral.function), variable, lower, upper)
        if (lower, upper) != (-sympy.oo, sympy.oo):
            raise NotDerivable("only integrals over the whole line against a density are re-derived")
        return self.integral_against_density(integral.function, variable)

    # --- expectations by moments --------------------------------------------------------
    def expect(self, body, view: LawView):
        densities_within(self.view, body, view)
        body = self.expand(body)
        if view.matrix:
            if not view.depends(body):
                return body
            return self.matrix_model(view).matrix_expectation(body, view.variable, *view.law.family.params,
                                                              size=view.dimension)
        return (_JointExpectation if view.joint else _Expectation)(view).of(body)

    def matrix_model(self, view: LawView):
        if not hasattr(view.model, "matrix_log_density"):
            raise NotDerivable(f"the {view.law.family.name} family takes no declared matrix")
        return view.model


def _value_at(body, variable, end, side: str):
    """F at one end of an evaluation bar: its value there, or its limit at an infinite end."""
    if end.is_infinite:
        value = sympy.limit(body, variable, end)
        if value.has(sympy.Limit) or value is sympy.nan:
            raise NotDerivable(f"SymPy finds no limit of {body} as {variable} -> {end}")
        return value
    return body.xreplace({variable: end})


def plain_integral(function, variable, lower, upper):
    """An integral of a function that carries no density (`\\int_0^1 x\\,dx`): SymPy's closed form, or
    why there is none; a divergent one is infinite."""
    value = sympy.Integral(function, (variable, lower, upper)).doit()
    if value.has(sympy.Integral):
        raise NotDerivable(f"SymPy finds no closed form for the integral over {variable}")
    return value


class _Expectation:
    """Linearity and independence of components; one component's E[g] comes from its family model."""

    def __init__(self, view: LawView):
        self.view = view

    def of(self, e):
        view = self.view
        if not view.depends(e):
            return e
        if e.is_Add:
            return sympy.Add(*(self.of(a) for a in e.args))
        if e.is_Mul:
            const = sympy.Mul(*(f for f in e.args if not view.depends(f)))
            if const != 1:
                return const * self.of(e / const)
        if isinstance(e, sympy.Sum):
            body, *limits = e.args
            if any(view.depends(sympy.Tuple(*lim)) for lim in limits):
                raise NotDerivable("a sum whose bounds depend on the random variable")
            return sympy.Sum(self.of(body), *limits)
        return self.polynomial(e)

    def polynomial(self, e):
        if e.atoms(AppliedUndef):
            # a function the note leaves unknown (definitions are expanded by now): E[f(z)] stays itself,
            # a number no rule gives but linearity may still cancel
            expanded = sympy.expand(e)
            return self.of(expanded) if expanded != e else Expectation(e, self.view.law)
        atoms = self.atoms(e)
        if len(atoms) != 1:
            expanded = sympy.expand(e)
            if expanded != e:
                return self.of(expanded)
            raise NotDerivable(f"{e} couples several components of {self.view.variable}")
        atom = atoms.pop()
        k = atom.indices[0] if isinstance(atom, sympy.Indexed) else None
        x = sympy.Dummy("x", real=True)
        return self.view.model.expectation(e.xreplace({atom: x}), x, *self.view.component(k))

    def atoms(self, e) -> set:
        if self.view.dimension is None:
            return {self.view.variable} & e.free_symbols
        if self.view.variable in {a for a in e.atoms(sympy.IndexedBase)} - {
                ix.base for ix in e.atoms(sympy.Indexed)}:
            raise NotDerivable(f"the whole vector {self.view.variable} appears where a component is expected")
        return {ix for ix in e.atoms(sympy.Indexed) if ix.base == self.view.variable}


class _JointExpectation:
    """A law with coupled components: the body, its sums written out, is one polynomial in all of them."""

    def __init__(self, view: LawView):
        self.view = view

    def of(self, e):
        view = self.view
        e = e.replace(lambda x: isinstance(x, sympy.Sum) and all(
            lim[1].is_Integer and lim[2].is_Integer for lim in x.limits), lambda x: x.doit())
        atoms = view.joint_atoms()
        whole = {a for a in e.atoms(sympy.IndexedBase)} - {ix.base for ix in e.atoms(sympy.Indexed)}
        stray = {ix for ix in e.atoms(sympy.Indexed) if ix.base == view.variable} - set(atoms)
        if view.variable in whole or stray:
            raise NotDerivable(f"{view.variable} appears other than through its components 1..{len(atoms)}")
        terms = sympy.Add.make_args(e)
        fixed = sympy.Add(*(t for t in terms if not view.depends(t)))  # left as written
        random = sympy.Add(*(t for t in terms if view.depends(t)))
        if random == 0:
            return e
        return fixed + view.model.joint_expectation(random, atoms, *view.joint_parameters())
