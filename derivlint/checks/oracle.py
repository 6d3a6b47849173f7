"""Numeric values of quantities from scipy.stats, independent of the symbolic re-derivation.

Densities (masses, for discrete families) come from scipy.stats; expectations, KL and entropies
are computed by tanh-sinh quadrature over scipy's quantile function, by an exact sum over the
support for discrete families (one component at a time, so only factorised integrands), or by
seeded Monte Carlo from scipy's samplers.
"""
from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np
import sympy
from sympy.core.function import AppliedUndef

from ..model.quantities import (DensityAt, Distribution, Entropy, Expectation, KLDivergence, Quantity, VectorIntegral)
from ..semantics.laws import elementwise
from ..semantics.reference import Reference
from ..semantics.registry import NotDerivable, VectorParameter
from .numeric import evaluate_many, unroll
from .estimates import Estimate
from .quadrature_rule import quantile_points, support_points

MC_SAMPLES = 20_000  # fixed: no early stopping; the standard error is ~1/141 of the integrand's sd


class Oracle:
    """Evaluates a member at a concrete point, with every quantity computed numerically."""

    def __init__(self, reference: Reference, method: str, rng: np.random.Generator | None = None):
        self.reference = reference
        self.method = method  # "quadrature" or "montecarlo"
        self.rng = rng
        self.laws: dict[Any, list] = {}
        self.scipy_laws: dict[tuple, Any] = {}  # frozen scipy laws by model and parameter values (`frozen`)
        self.components_at: dict[Any, list] = {}  # a law's components at the current point (`components`)
        self.plain_integrals = 0  # integrals of plain functions taken numerically so far (they never refute)
        # Whether an expectation under a heavy-tailed law was taken: there an integrand's variance may be
        # infinite, and a Monte Carlo z-score with it, so Monte Carlo's disagreement refutes nothing.
        self.heavy_tailed = False

    def member(self, expr: sympy.Expr, point: dict) -> tuple[sympy.Expr, dict[sympy.Symbol, Estimate]]:
        """The member with each quantity replaced by a symbol, and the estimates of those symbols."""
        estimates: dict[sympy.Symbol, Estimate] = {}
        self.point = point
        self.components_at = {}

        def replace(e):
            if isinstance(e, AppliedUndef) and e.func in self.reference.definitions:
                return replace(self.reference.definitions[e.func].expand(e.args))
            if isinstance(e, sympy.Derivative) and e.expr.has(Quantity, sympy.Integral):
                raise NotDerivable("a derivative of a quantity is not evaluated numerically")
            if isinstance(e, Quantity) or (isinstance(e, sympy.Integral)):
                stand_in = sympy.Symbol(f"_q{len(estimates)}")
                estimates[stand_in] = self.quantity(e)
                return stand_in
            if not e.args or isinstance(e, (sympy.Indexed, Distribution)):
                return e
            return e.func(*[replace(a) for a in e.args])

        return replace(expr).xreplace(point), estimates

    def quantity(self, q) -> Estimate:
        if isinstance(q, DensityAt):
            return Estimate(math.exp(self.log_density(q.distribution, q.point)))
        if isinstance(q, KLDivergence):
            p, other = q.args
            body = sympy.log(DensityAt(p, p.variable)) - sympy.log(DensityAt(other, p.variable))
            return self.expect(body, p)
        if isinstance(q, Entropy):
            law = q.args[0]
            neg = self.expect(sympy.log(DensityAt(law, law.variable)), law)
            return Estimate(-neg.value, neg.error)
        if isinstance(q, Expectation):
            return self.expect(q.body, q.distribution)
        if isinstance(q, VectorIntegral):
            return self.integral(q.args[0], q.args[1])
        if isinstance(q, sympy.Integral):
            (variable, lower, upper), = q.limits
            if not q.function.has(DensityAt, Quantity, AppliedUndef):
                return self.plain_integral(q)
            if (lower, upper) != (-sympy.oo, sympy.oo):
                raise NotDerivable("only integrals over the whole line against a density")
            return self.integral(q.function, variable)
        raise NotDerivable(f"no numeric rule for {type(q).__name__}")

    def plain_integral(self, q: sympy.Integral) -> Estimate:
        """An integral of a function that carries no density (`\\int_0^\\infty x \\ln x \\, e^{-bx} dx`):
        scipy's adaptive quadrature at this point; by the quadrature method only (Monte Carlo would
        repeat the same number as if it were independent evidence)."""
        if self.method != "quadrature":
            raise NotDerivable("an integral of a plain function is taken by quadrature")
        self.plain_integrals += 1
        return _plain_integral(q, self.point)

    # --- laws as scipy.stats objects ----------------------------------------------------
    def components(self, law: Distribution) -> list[tuple[Any, Any]]:
        """(atom, frozen scipy distribution) for every component of the law at this point, made once per point."""
        if law in self.components_at:
            return self.components_at[law]
        view = self.reference.view(law)
        if view.dimension is None:
            indices = [None]
        else:
            n = view.dimension.xreplace(self.point)
            if not n.is_Integer:
                raise NotDerivable(f"the dimension {view.dimension} has no value at this point")
            indices = [sympy.Integer(k) for k in range(1, int(n) + 1)]
        out = []
        for k in indices:
            params = [self.number(p) for p in view.component(k)]
            out.append((view.atom(k), frozen(self.scipy_laws, view.model, params)))
        self.components_at[law] = out
        return out

    def joint(self, law: Distribution):
        """(the law's component atoms, its frozen scipy law) when its components are coupled, else None."""
        view = self.reference.view(law)
        n = view.dimension.xreplace(self.point) if view.dimension is not None else None
        if n is None or not n.is_Integer or not view.model.joint(*law.family.params):
            return None
        view = type(view)(law, n)  # the dimension at this point, so that the parameters take their size
        params = [np.array(p.xreplace(self.point).evalf(), dtype=float) for p in view.joint_parameters()]
        return view.joint_atoms(), view.model.joint_scipy(params[0].ravel(), *params[1:])

    def number(self, param):
        """A parameter's value at this point: a float, or an array for a vector parameter."""
        if isinstance(param, VectorParameter):
            n = param.length.xreplace(self.point)
            if not n.is_Integer:
                raise NotDerivable(f"the length {param.length} has no value at this point")
            return np.array([_float(c.xreplace(self.point)) for c in param.components(int(n))])
        return _float(param.xreplace(self.point))

    def discrete(self, law: Distribution) -> bool:
        return self.reference.view(law).model.discrete

    def log_density(self, law: Distribution, at) -> float:
        joint = self.joint(law)
        if joint is not None:
            atoms, dist = joint
            values = [float(elementwise(at, a.indices[0]).xreplace(self.point)) for a in atoms]
            return float(dist.logpdf(np.array(values)))
        comps = self.components(law)
        log_mass = _log_density(self.discrete(law))
        if _vector_point(at):
            values = [float(elementwise(at, atom.indices[0]).xreplace(self.point)) for atom, _ in comps]
        else:
            values = [_float(at.xreplace(self.point), "a density's point")]
        return float(sum(log_mass(dist)(v) for (_, dist), v in zip(comps, values)))

    # --- expectations -------------------------------------------------------------------
    def integral(self, body, variable) -> Estimate:
        total, error = 0.0, 0.0
        for term in sympy.Add.make_args(sympy.expand(body, deep=False, power_exp=False, power_base=False, log=False)):
            density, rest = self.reference.density_factor(term, variable)
            part = self.expect(rest, density.distribution)
            total, error = total + part.value, math.hypot(error, part.error)
        return Estimate(total, error)

    def expect(self, body, law: Distribution) -> Estimate:
        joint = self.joint(law)
        if joint is not None:
            if self.method != "montecarlo":
                raise NotDerivable("the law's components are coupled (a full covariance): "
                                   "quadrature integrates one component at a time")
            atoms, dist = joint
            expr, calls, _ = self.integrand(body, law)
            draws = np.asarray(dist.rvs(size=MC_SAMPLES, random_state=self.rng)).reshape(MC_SAMPLES, -1)
            return _sample_mean((expr, calls, None), atoms, [draws[:, i] for i in range(len(atoms))])
        self.heavy_tailed = self.heavy_tailed or self.reference.view(law).model.heavy_tailed
        comps = self.components(law)
        atoms = [a for a, _ in comps]
        integrand = self.integrand(body, law)
        if self.method == "montecarlo":
            return _sample_mean(integrand, atoms, [dist.rvs(size=MC_SAMPLES, random_state=self.rng) for _, dist in comps])
        return _quadrature(integrand, atoms, comps, self.discrete(law))

    def integrand(self, body, law: Distribution):
        """Body at this point, with densities as calls to scipy.stats log-densities per component."""
        calls: dict[str, Any] = {}
        medians: dict[Any, list[float]] = {}  # per atom: a Laplace density has its kink at its median

        def density(d: DensityAt, logarithm: bool):
            joint = self.joint(d.distribution)
            if joint is not None:  # one call on every component: scipy's multivariate log density
                atoms, dist = joint
                name = f"_logpdf{len(calls)}"
                calls[name] = lambda *columns: dist.logpdf(np.stack(columns, axis=-1))
                args = [a if d.point == d.distribution.variable else _moved(a, d) for a in atoms]
                call = sympy.Function(name)(*args)
                return call if logarithm else sympy.exp(call)
            try:
                comps = self.components(d.distribution)
            except NotDerivable:
                moving = _moving_density(self.reference, d, logarithm, calls, fixed)
                if moving is None:
                    raise
                return moving
            log_mass = _log_density(self.discrete(d.distribution))
            terms = []
            for atom, dist in comps:
                name = f"_logpdf{len(calls)}"
                calls[name] = log_mass(dist)
                arg = atom if d.point == d.distribution.variable else _moved(atom, d)
                medians.setdefault(arg, []).append(float(dist.median()))
                terms.append(sympy.Function(name)(arg))
            total = sympy.Add(*terms)
            return total if logarithm else sympy.exp(total)

        def replace(e):
            if isinstance(e, sympy.log) and isinstance(e.args[0], DensityAt):
                return density(e.args[0], True)
            if isinstance(e, DensityAt):
                return density(e, False)
            if isinstance(e, AppliedUndef) and e.func in self.reference.definitions:
                return replace(self.reference.definitions[e.func].expand(e.args))
            if isinstance(e, Quantity):
                raise NotDerivable("nested quantities are not evaluated numerically")
            if not e.args or isinstance(e, (sympy.Indexed, Distribution)):
                return e
            return e.func(*[replace(a) for a in e.args])

        fixed = {k: v for k, v in self.point.items() if not _belongs(k, law)}
        expanded = unroll(body.xreplace(fixed))  # dimensions first, so sums unfold into components
        return replace(expanded).xreplace(fixed), calls, medians



def frozen(laws: dict, model, params: list):
    """The model's scipy law at these parameters, made once per oracle (`laws` is its table): scipy builds a
    frozen law's docstring anew each time (2 ms, two thirds of a 10-dimensional Monte Carlo KL). Sharing one
    is safe, as every draw passes its own `random_state`."""
    key = (type(model), tuple((np.asarray(p).dtype.str, np.asarray(p).shape, np.asarray(p).tobytes())
                              for p in params))
    if key not in laws:
        laws[key] = model.scipy(*params)
    return laws[key]

def _sample_mean(integrand, atoms, samples: list) -> Estimate:
    """The integrand's mean over the samples (one column per atom) and its standard error."""
    expr, calls, _ = integrand
    values = evaluate_many(expr, atoms, samples, calls)
    if not np.all(np.isfinite(values)):
        raise NotDerivable("the integrand is not finite on every sample")
    return Estimate(float(values.mean()), float(values.std(ddof=1) / math.sqrt(MC_SAMPLES)))


def _moving_density(reference: Reference, d: DensityAt, logarithm: bool, calls: dict, fixed: dict):
    """A scalar law whose parameters move with the variable integrated over (`p(x|z)` inside an
    expectation over z): scipy's log density called with the parameters at every node, as arrays."""
    view = reference.view(d.distribution)
    params = view.component() if view.dimension is None else ()
    if not params or any(isinstance(p, VectorParameter) for p in params):
        return None
    model = view.model
    log_mass = _log_density(model.discrete)
    name = f"_logpdf{len(calls)}"
    calls[name] = lambda at, *values: log_mass(model.scipy(*values))(at)
    call = sympy.Function(name)(d.point.xreplace(fixed), *(p.xreplace(fixed) for p in params))
    return call if logarithm else sympy.exp(call)


def _quadrature(integrand, atoms, comps, discrete: bool = False) -> Estimate:
    """One component at a time: the integrand must be a sum of one-component terms."""
    expr, calls, medians = integrand
    groups = _by_component(expr, atoms)
    total = float(evaluate_many(groups.pop(None, sympy.Integer(0)), [], [], calls)[0])
    # The rule's error: its gap to the rule at twice the step, and what it adds at its outermost nodes
    # (a cut-off the halving cannot see: u^{-0.98} keeps mass below u = 1e-23).
    coarse_total, cut_off = total, 0.0
    for atom, dist in comps:
        if atom in groups:
            kinks = _kinks(groups[atom], atom) + medians.get(atom, [])  # quadrature pieces meet there
            cuts = [] if discrete else [dist.cdf(k) for k in kinks]
            if discrete:  # an exact sum up to a tail below double precision: no rule error
                x, w = _sum_points(dist)
                coarse, outer = w, np.zeros(len(w), dtype=bool)
            else:
                x, w, coarse, outer = quantile_points(dist, cuts)
            values = evaluate_many(groups[atom], [atom], [x], calls)
            with np.errstate(invalid="ignore"):  # 0 * inf at a node the coarse rule skips: not its value
                total += float(np.sum(w * values))
                coarse_total += float(np.sum(np.where(coarse > 0, coarse * values, 0.0)))
                cut_off += float(np.sum(np.abs(w * values)[outer]))
    if not all(math.isfinite(v) for v in (total, coarse_total, cut_off)):
        raise NotDerivable("the integrand is not finite at the quadrature nodes")
    return Estimate(total, abs(total - coarse_total) + cut_off)


# quad's own error estimate, relative to 1 + |value|: 100 times below the 1e-6 at which the checks
# compare members, so that its error cannot make a refutation (a roundoff warning with a small error
# estimate is accepted; a larger estimate, a divergence or a non-finite value is no number)
PLAIN_QUAD_TOLERANCE = 1e-8


def _plain_integral(q: sympy.Integral, point: dict) -> Estimate:
    from scipy import integrate  # only when such an integral is met

    (variable, lower, upper), = q.limits
    point = {k: v for k, v in point.items() if k != variable}  # the variable is bound, whatever else it names
    body = q.function.xreplace(point)
    ends = [_float(e.xreplace(point), "an integral's bound") if e not in (-sympy.oo, sympy.oo) else float(e)
            for e in (lower, upper)]
    if body.free_symbols - {variable}:
        raise NotDerivable(f"the integrand {body} has no value at this point")

    def f(t):
        value = complex(evaluate_many(body, [variable], [np.array([t])])[0])
        return value.real if value.imag == 0 else math.nan

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # judged below by its error estimate
        value, error = integrate.quad(f, ends[0], ends[1], limit=200, epsabs=1e-11, epsrel=1e-11)[:2]
    if not math.isfinite(value) or error > PLAIN_QUAD_TOLERANCE * (1 + abs(value)):
        raise NotDerivable("scipy's quadrature of the integral did not converge (it may diverge)")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        absolute, spread = integrate.quad(lambda t: abs(f(t)), ends[0], ends[1], limit=200)[:2]
    if not math.isfinite(absolute) or spread > PLAIN_QUAD_TOLERANCE * (1 + absolute):
        raise NotDerivable("the integral does not converge absolutely (\\int |f| diverges): no value is taken")
    # a second integrator, mpmath's (through SymPy), must agree: one adaptive rule can miss a narrow peak
    # (it reports 0 with an error estimate of 0), and a refutation may not rest on it alone
    other = sympy.Integral(body, (variable, lower.xreplace(point), upper.xreplace(point))).evalf(15)
    if not (other.is_number and other.is_finite and other.is_real) or \
            abs(float(other) - value) > PLAIN_QUAD_TOLERANCE * 100 * (1 + abs(value)):
        raise NotDerivable("two integrators (scipy's quad, mpmath's) do not agree on the integral")
    return Estimate(float(value))


def _by_component(expr, atoms) -> dict[Any, sympy.Expr]:
    """The integrand's terms summed by the one component each uses (None for the constant terms)."""
    groups: dict[Any, sympy.Expr] = {}
    for term in sympy.Add.make_args(sympy.expand(expr)):
        used = [a for a in atoms if term.has(a)]
        if len(used) > 1:
            raise NotDerivable("the integrand couples several components: quadrature needs a factorised one")
        key = used[0] if used else None
        groups[key] = groups.get(key, sympy.Integer(0)) + term
    return groups


def _kinks(expr, atom) -> list[float]:
    """Where an |a x + r| of the integrand turns: the quadrature pieces meet there."""
    out = []
    for bar in expr.atoms(sympy.Abs):
        slope = bar.args[0].diff(atom)
        root = -(bar.args[0] - slope * atom) / slope if slope.is_number and slope != 0 else None
        if root is not None and root.is_number and root.is_real:
            out.append(float(root))
    return out


def _sum_points(dist):
    try:
        return support_points(dist)
    except ValueError as why:
        raise NotDerivable(str(why)) from None


def _log_density(discrete: bool):
    """scipy's log mass for a discrete family, its log density otherwise."""
    return (lambda dist: dist.logpmf) if discrete else (lambda dist: dist.logpdf)


def _belongs(atom, law: Distribution) -> bool:
    if isinstance(atom, sympy.Indexed):
        return atom.base == law.variable
    return atom == law.variable


def _moved(atom, density: DensityAt):
    """A density evaluated elsewhere than at its own variable (another vector, -z, 2z): that
    point's component of the same index."""
    if isinstance(atom, sympy.Indexed) and _vector_point(density.point):
        return elementwise(density.point, atom.indices[0])
    return density.point


def _vector_point(point) -> bool:
    return isinstance(point, sympy.IndexedBase) or (
        isinstance(point, sympy.Expr) and bool(point.atoms(sympy.IndexedBase)) and not point.atoms(sympy.Indexed))


def _float(value, what: str = "a law's parameter") -> float:
    """A number at this point; one that still depends on a variable summed or integrated over (a
    decoder's mean z inside an expectation over z, a mass p(x) inside a series over x) has no value
    here, and scipy's frozen laws take fixed numbers: the oracle then says it cannot decide."""
    number = sympy.N(value)
    if not number.is_number:
        raise NotDerivable(f"{what} {value} depends on a variable summed or integrated over: "
                           "the oracle takes laws and points with fixed values")
    try:
        return float(number)
    except TypeError:  # sqrt(1 - alpha) at alpha > 1: a complex parameter, no law at this point
        raise NotDerivable(f"{what} {value} is not a real number at this point") from None
