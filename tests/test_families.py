"""Every family model against scipy.stats: support, parameter constraints, log-density mapping, sampler."""
from __future__ import annotations

import inspect
import math

import numpy as np
import pytest
import sympy

from derivlint.checks.link import Restrictions
from derivlint.checks.points import PointCheck, satisfied
from derivlint.checks.quadrature_rule import support_points
from derivlint.model.families import FAMILIES
from derivlint.semantics import models  # noqa: F401  (registers the families)
from derivlint.semantics.registry import MODELS, NotDerivable, VectorParameter, variable_assumptions

PI = sympy.IndexedBase("pi")
K = 4  # categories of the Categorical cases


def simplex(rng, n=K):
    w = rng.uniform(0.2, 1.0, n)
    return w / w.sum()


# Random valid parameters per family, in the order of derivlint/families.py (away from 0 and 1).
VALID = {
    "Normal": lambda r: (r.normal(0, 2), r.uniform(0.2, 3)),
    "Bernoulli": lambda r: (r.uniform(0.05, 0.95),),
    "Categorical": lambda r: (simplex(r),),
    "Laplace": lambda r: (r.normal(0, 2), r.uniform(0.2, 3)),
    "Exponential": lambda r: (r.uniform(0.2, 3),),
    "Gamma": lambda r: (r.uniform(0.3, 4), r.uniform(0.2, 3)),
    "Beta": lambda r: (r.uniform(0.3, 4), r.uniform(0.3, 4)),
    "Poisson": lambda r: (r.uniform(0.2, 6),),
    "Geometric": lambda r: (r.uniform(0.05, 0.95),),
    "Uniform": lambda r: (lambda a: (a, a + r.uniform(0.2, 3)))(r.normal(0, 2)),
    "Gumbel": lambda r: (r.normal(0, 2), r.uniform(0.2, 3)),
    "StudentT": lambda r: (r.uniform(2.5, 8), r.normal(0, 2), r.uniform(0.2, 3)),  # nu > 2: a variance
    "Pareto": lambda r: (r.uniform(0.2, 3), r.uniform(2.5, 6)),  # alpha > 2: a variance
}
# One parameter set per family that breaks a constraint.
INVALID = {
    "Normal": (0.5, -1.0), "Bernoulli": (1.5,), "Categorical": ([0.6, -0.2, 0.3, 0.3],),
    "Laplace": (0.0, -1.0), "Exponential": (-1.0,), "Gamma": (-1.0, 1.0), "Beta": (1.0, -0.5),
    "Poisson": (-2.0,), "Geometric": (1.2,), "Uniform": (2.0, 1.0), "Gumbel": (0.0, -1.0),
    "StudentT": (-1.0, 0.0, 1.0), "Pareto": (-1.0, 2.0),
}
FAMILY_NAMES = sorted(FAMILIES)
RELATIVE = 1e-10  # both sides are double-precision closed forms of a few terms: 1e-10 leaves 10^5 ulps


def symbolic(name: str, values) -> tuple[tuple, dict]:
    """The model's parameters for these values, and the substitution of vector components."""
    if name == "Categorical":
        (pi,) = values
        return (VectorParameter(PI, sympy.Integer(len(pi))),), {PI[k + 1]: sympy.Float(v, 30) for k, v in enumerate(pi)}
    return tuple(sympy.Float(v, 30) for v in values), {}


def model_log_density(name: str, x, values) -> float:
    params, components = symbolic(name, values)
    x = sympy.Integer(int(x)) if MODELS[name].discrete else sympy.Float(x, 30)
    return float(MODELS[name].log_density(x, *params).xreplace(components).evalf(30))


def scipy_log_density(name: str, x, values) -> float:
    dist = MODELS[name].scipy(*values)
    return float(dist.logpmf(x) if MODELS[name].discrete else dist.logpdf(x))


@pytest.mark.parametrize("name", FAMILY_NAMES)
def test_every_family_has_a_model_with_the_readers_parameters(name):
    model = MODELS[name]
    signature = list(inspect.signature(model.log_density).parameters)
    assert len(signature) - 1 == len(FAMILIES[name].parameters)


@pytest.mark.parametrize("name", FAMILY_NAMES)
def test_log_density_equals_scipys_at_random_points(name):
    rng = np.random.default_rng(1)
    for _ in range(20):
        values = VALID[name](rng)
        x = MODELS[name].scipy(*values).rvs(random_state=rng)
        ours, theirs = model_log_density(name, x, values), scipy_log_density(name, x, values)
        assert math.isclose(ours, theirs, rel_tol=RELATIVE, abs_tol=RELATIVE), (values, x)


@pytest.mark.parametrize("name", FAMILY_NAMES)
def test_support_bounds_agree_with_scipy(name):
    rng = np.random.default_rng(2)
    model = MODELS[name]
    for _ in range(5):
        values = VALID[name](rng)
        params, components = symbolic(name, values)
        lower, upper = (float(b.xreplace(components)) for b in model.support(*params))
        dist = model.scipy(*values)
        assert (lower, upper) == pytest.approx(tuple(float(b) for b in dist.support()), rel=1e-12)
        density = dist.pmf if model.discrete else dist.pdf
        step = 1 if model.discrete else 1e-6
        for outside in (lower - step, upper + step):
            if math.isfinite(outside):
                assert density(outside) == 0
        if model.discrete:
            assert density(lower + 0.5) == 0  # a mass lives on the integers only
        inside = (lower + 1 if math.isfinite(lower) else 0.0) if model.discrete else dist.median()
        assert density(inside) > 0


@pytest.mark.parametrize("name", FAMILY_NAMES)
def test_a_parameter_outside_the_constraints_is_rejected(name):
    params, components = symbolic(name, INVALID[name])
    constraints = MODELS[name].constraints(*params)
    assert not all(satisfied(c.xreplace(components), {}) for c in constraints)


@pytest.mark.parametrize("name", FAMILY_NAMES)
def test_points_are_drawn_inside_the_constraints(name):
    model = MODELS[name]
    if name == "Categorical":
        params = (VectorParameter(PI, sympy.Integer(3)),)
        atoms = [PI[k] for k in (1, 2, 3)]
    else:
        atoms = [sympy.Symbol(p, real=True) for p in FAMILIES[name].parameters]
        params = tuple(atoms)
    restrictions = Restrictions(model.constraints(*params), [lambda v, setting: model.normalised(v, setting, *params)])
    check = PointCheck(np.random.default_rng(3), set(), restrictions)
    for _ in range(30):
        point = check.point(atoms, [])
        assert point is not None
        assert all(satisfied(c, point) for c in restrictions)
        if name == "Categorical":
            assert sum(point.values()) == 1


@pytest.mark.parametrize("name", FAMILY_NAMES)
def test_sample_mean_is_within_six_standard_errors_of_scipys_mean(name):
    rng = np.random.default_rng(4)
    values = VALID[name](rng)
    dist = MODELS[name].scipy(*values)
    n = 4000
    draws = MODELS[name].sample(rng, n, *values)
    assert len(draws) == n
    assert abs(np.mean(draws) - dist.mean()) < 6 * dist.std() / math.sqrt(n)


def test_the_law_variable_takes_its_assumptions_from_the_support():
    assert variable_assumptions("Bernoulli") == {"integer": True, "nonnegative": True}
    assert variable_assumptions("Poisson") == {"integer": True, "nonnegative": True}
    assert variable_assumptions("Geometric") == {"integer": True, "positive": True}
    assert variable_assumptions("Categorical") == {"integer": True, "positive": True}
    for name in ("Exponential", "Gamma", "Beta", "Pareto"):
        assert variable_assumptions(name) == {"positive": True}, name
    for name in ("Normal", "Laplace", "Uniform", "Gumbel", "StudentT"):
        assert variable_assumptions(name) == {"real": True}, name


def test_poisson_log_factorial_has_no_closed_form():
    k, rate = sympy.Symbol("k", integer=True, nonnegative=True), sympy.Symbol("lambda", positive=True)
    with pytest.raises(NotDerivable):
        MODELS["Poisson"].expectation(sympy.log(sympy.factorial(k)), k, rate)


@pytest.mark.parametrize("name, power", [("Poisson", 3), ("Geometric", 3), ("Gamma", 3), ("Beta", 2),
                                         ("Laplace", 4), ("Uniform", 3), ("Gumbel", 2), ("Exponential", 2)])
def test_symbolic_moments_equal_scipys(name, power):
    values = VALID[name](np.random.default_rng(5))
    params, _ = symbolic(name, values)
    x = sympy.Symbol("x", real=True)
    ours = float(MODELS[name].expectation(x ** power, x, *params).evalf(30))
    assert math.isclose(ours, MODELS[name].scipy(*values).moment(power), rel_tol=1e-9)


@pytest.mark.parametrize("name", ["Poisson", "Geometric", "Bernoulli", "Categorical"])
def test_discrete_sums_hold_all_the_mass(name):
    values = VALID[name](np.random.default_rng(6))
    dist = MODELS[name].scipy(*values)
    k, mass = support_points(dist)
    assert abs(mass.sum() - 1) < 1e-14
    assert abs(np.dot(k, mass) - dist.mean()) < 1e-12 * (1 + dist.mean())
