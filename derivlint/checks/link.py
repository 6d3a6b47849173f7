"""One link of a chain: reference, then symbolic, points, quadrature and Monte Carlo; then a verdict."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import sympy
from sympy.core.function import AppliedUndef

from ..model.atoms import free_integers, free_values
from ..model.matrices import MatrixName, SPDMatrix, spd_normaliser
from ..model.names import Arbitrary
from ..model.quantities import Distribution, Quantity, UnboundedIntegral
from ..semantics.reference import Reference
from ..semantics.registry import FamilyModel, MomentMayNotExist, NotDerivable
from .budget import BudgetExceeded, time_budget
from .constrained import substitution
from .draws import ORACLE_POINTS
from .evidence import AGREE, DISAGREE, INCONCLUSIVE, PROVED, Evidence
from .normal_form import closed_series
from .numeric import unroll
from .estimates import member_value
from .oracle import Oracle
from .points import PointCheck, latex_name, named_point
from ..model.options import Options
from ..model.verdicts import CONSISTENT, REFUTED, UNCHECKED, VERIFIED
from .relations import APPROXIMATELY, ORDERS, default_parameters, holds, pairs, prove
from ..model import seeds

MC_Z_THRESHOLD = 6.0  # refute only far past chance: P(|Z| > 6) is about 2e-9 per comparison
# A constant integrand (the entropy of a Uniform) has a sample error of pure rounding, ~1e-18:
# measured against it, rounding alone would give |z| > 6. Errors below this relative floor are rounding.
MC_ERROR_FLOOR = 1e-12
QUADRATURE_TOLERANCE = 1e-6  # relative: quad is accurate to ~1e-10 on these integrands, 4 orders of margin
# The rule's own error (its gap to the rule at twice the step) must be 10 times below: else no verdict there.
QUADRATURE_ERROR = QUADRATURE_TOLERANCE / 10


@dataclass
class LinkResult:
    index: int
    relation: str
    verdict: str
    evidence: list[Evidence] = field(default_factory=list)
    reason: str = ""
    counterexample: dict[str, Any] | None = None

    @property
    def methods(self) -> list[str]:
        return [e.method for e in self.evidence if e.outcome != INCONCLUSIVE]


class LinkChecker:
    """Checks links of one claim; member references are derived once and shared between links."""

    def __init__(self, reference: Reference, options: Options, seed_path: tuple[int, ...]):
        self.reference = reference
        self.options = options
        self.seed_path = seed_path
        self.expanded: dict[int, Any] = {}

    def rng(self, *path: int) -> np.random.Generator:
        return np.random.default_rng([self.options.seed, *self.seed_path, *path])

    def reference_of(self, key: int, expr: sympy.Expr):
        """The member re-derived from first principles, or the reason it could not be."""
        if key not in self.expanded:
            try:
                with time_budget(self.options.budget):
                    # A series is taken by its closed form where SymPy finds one, so points can be drawn.
                    self.expanded[key] = closed_series(self.reference.expand(expr))
            except (NotDerivable, BudgetExceeded) as why:
                self.expanded[key] = why
        return self.expanded[key]

    def check(self, index: int, relation: str, left: tuple[int, sympy.Expr], right: tuple[int, sympy.Expr]) -> LinkResult:
        if relation == APPROXIMATELY:
            return LinkResult(index, relation, UNCHECKED, [], reason=(
                "an approximation (\\approx) says how close, not what holds: it is not decided"))
        left, right = antiderivative_link(relation, left, right)
        ref_l, ref_r = self.reference_of(*left), self.reference_of(*right)
        evidence: list[Evidence] = []
        derived = not isinstance(ref_l, Exception) and not isinstance(ref_r, Exception)
        parameters = self.parameters([left[1], right[1]] + ([ref_l, ref_r] if derived else []))
        drawn = self.arbitrary_instances(index)  # numeric methods see one drawn function for each unknown
        if not derived:
            why = ref_l if isinstance(ref_l, Exception) else ref_r
            evidence.append(Evidence("symbolic", INCONCLUSIVE, reason=f"no reference: {why}"))
        else:
            if "symbolic" in self.options.methods:
                constraints = constraints_of([left[1], right[1]], self.reference)
                evidence.append(self.symbolic(relation, ref_l, ref_r, parameters, constraints))
            if "points" in self.options.methods:
                evidence.append(self.points(index, relation, _instantiated(ref_l, drawn), _instantiated(ref_r, drawn),
                                            parameters, [left[1], right[1]]))
        raw = [_instantiated(self.reference.definitions_expanded(e), drawn) for e in (left[1], right[1])]
        if any(_has_quantities(e) for e in raw):
            for method in ("quadrature", "montecarlo"):
                if method in self.options.methods:
                    evidence.append(self.oracle(method, index, relation, *raw, parameters))
        result = decide(index, relation, self.quadrature_at_counterexample(index, relation, raw, evidence))
        why = next((r for r in (ref_l, ref_r) if isinstance(r, MomentMayNotExist)), None)
        if why is not None and result.verdict == CONSISTENT:  # samples agree with anything where no moment exists
            result.verdict, result.reason = UNCHECKED, f"{why}; the numeric agreement is no evidence there"
        return result

    def arbitrary_instances(self, index: int) -> dict:
        """For each function the note leaves unknown, one smooth function drawn for this link (a line plus a wave,
        rational coefficients, so points confirm exactly): a claim that fails for it fails for some function."""
        heads = sorted(((m.head, m.arity) for m in self.reference.table.names.values() if isinstance(m, Arbitrary)),
                       key=lambda h: str(h[0]))
        if not heads:
            return {}
        rng = self.rng(index, seeds.ARBITRARY)
        drawn = {}
        for head, arity in heads:
            ts = sympy.symbols(f"_t0:{arity}", real=True)
            c = [sympy.Rational(int(rng.integers(-1500, 1501)), 1000) for _ in range(2 + 2 * arity)]
            line = c[0] + sum(c[1 + i] * t for i, t in enumerate(ts))
            wave = c[1 + arity] * sympy.sin(1 + sum(c[2 + arity + i] * t for i, t in enumerate(ts)))
            drawn[head] = sympy.Lambda(ts, line + wave)
        return drawn

    def quadrature_at_counterexample(self, index, relation, raw, evidence: list[Evidence]) -> list[Evidence]:
        """Quadrature agreeing at its own points says nothing against a counterexample elsewhere (a Bernoulli
        formula may be right at x = 1 only): ask it at the counterexample, where a strict tie it cannot tell."""
        found = next((e for e in evidence if e.method == "points" and e.outcome == DISAGREE), None)
        at = next((i for i, e in enumerate(evidence) if e.method == "quadrature" and e.outcome == AGREE), None)
        if found is None or at is None or "point" not in found.details:
            return evidence
        point = found.details["point"]
        settings = {k: v for k, v in point.items() if isinstance(k, sympy.Symbol) and k.is_integer}
        concrete = [unroll(e.xreplace(settings)) for e in raw]
        oracle = Oracle(self.reference, "quadrature", self.rng(index, seeds.QUADRATURE))
        try:
            with time_budget(self.options.budget * 2):
                verdict = self.compare_at(oracle, holds(relation, strict=False), relation, *concrete, point, "quadrature")
        except (NotDerivable, BudgetExceeded) as why:
            verdict, reason = None, str(why)
        else:
            reason = "quadrature cannot be evaluated at the counterexample" if verdict is None else (
                "quadrature cannot tell a tie from a small gap at the counterexample")
        updated = list(evidence)
        if verdict is None or (verdict[0] and relation in ("<", ">")):
            updated[at] = Evidence("quadrature", INCONCLUSIVE, reason=reason)
        elif not verdict[0]:
            updated[at] = Evidence("quadrature", DISAGREE, counterexample=found.counterexample, details=verdict[2])
        return updated

    def parameters(self, exprs) -> set:
        declared = self.reference.table.parameters
        return set(declared) if declared is not None else default_parameters(exprs)

    def symbolic(self, relation, left, right, parameters, constraints=()) -> Evidence:
        """A proof as the members stand, then with the constrained symbols rewritten (0 < theta < 1)."""
        try:
            with time_budget(self.options.budget):
                proved, how = prove(relation, left, right, parameters)
                if not proved:
                    rewrite, rewritten = substitution([left, right], constraints, parameters)
                    if rewrite:
                        proved, how = prove(relation, left.xreplace(rewrite), right.xreplace(rewrite), rewritten)
                        how += " under the families' constraints"
        except BudgetExceeded as why:
            return Evidence("symbolic", INCONCLUSIVE, reason=str(why))
        except (TypeError, ValueError, NotImplementedError, sympy.PolynomialError) as why:
            return Evidence("symbolic", INCONCLUSIVE, reason=f"SymPy could not decide: {why}")
        return Evidence("symbolic", PROVED, reason=how) if proved else Evidence(
            "symbolic", INCONCLUSIVE, reason="no proof found")

    def points(self, index, relation, left, right, parameters, raw) -> Evidence:
        check = PointCheck(self.rng(index, seeds.POINTS), self.dimension_symbols(), constraints_of(raw, self.reference),
                           matrix_sizes(self.reference))
        try:
            with time_budget(self.options.budget * 2):
                return check.run(left, right, relation, parameters,
                                 lengths=self.reference.length_symbols([left, right] + raw))
        except BudgetExceeded as why:
            return Evidence("points", INCONCLUSIVE, reason=str(why))

    def dimension_symbols(self) -> set:
        return {d for d in self.reference.dimensions.values() if isinstance(d, sympy.Symbol)}

    # --- independent numeric oracle -----------------------------------------------------
    def oracle(self, method, index, relation, left, right, parameters) -> Evidence:
        rng = self.rng(index, seeds.QUADRATURE if method == "quadrature" else seeds.MONTECARLO)
        oracle = Oracle(self.reference, method, rng)
        check = PointCheck(rng, self.dimension_symbols(), constraints_of([left, right], self.reference),
                           matrix_sizes(self.reference))
        test = holds(relation, strict=False)  # the oracles cannot tell a tie from a small gap
        compared = 0
        try:
            with time_budget(self.options.budget * 2):
                for setting, point, concrete in self.oracle_points(check, left, right, method):
                    verdict = self.compare_at(oracle, test, relation, *concrete, point, method)
                    if verdict is None:
                        continue
                    compared += 1
                    ok, statistic, values = verdict
                    if not ok and oracle.plain_integrals:
                        # a numeric integral of a plain function can miss a narrow peak: it agrees, never refutes
                        return Evidence(method, INCONCLUSIVE, reason=(
                            "a numeric integral of a plain function disagrees here; one alone refutes nothing"))
                    if not ok:
                        return Evidence(method, DISAGREE, counterexample=named_point(
                            {k: v for k, v in point.items() if k not in dict(setting.values)}, setting),
                            statistic=statistic, details=values)
        except (NotDerivable, BudgetExceeded) as why:
            return Evidence(method, INCONCLUSIVE, reason=str(why))
        if compared == 0:
            reason = ("compared by the points check only" if pairs(relation) else
                      "no expectation to sample" if method == "montecarlo" else "no point could be evaluated")
            return Evidence(method, INCONCLUSIVE, reason=reason)
        return Evidence(method, AGREE, details={"points": compared})

    def oracle_points(self, check: PointCheck, left, right, method):
        integers = free_integers([left, right])
        # A law's vector parameter needs its length even where no sum names it (-log Cat(j; w) = -log w_j).
        integers |= self.reference.length_symbols([left, right])
        integers = sorted(integers, key=str)
        for setting in check.settings(integers)[: ORACLE_POINTS[method]]:
            concrete = [check.concrete(e, setting) for e in (left, right)]
            dims = {b: n.xreplace(dict(setting.values)) for b, n in self.reference.dimensions.items()}
            atoms = sorted(free_values(concrete, dims), key=latex_name)
            point = check.point(atoms, concrete, setting=dict(setting.values))
            if point is not None:
                yield setting, {**dict(setting.values), **point}, concrete

    def compare_at(self, oracle: Oracle, test, relation, left, right, point, method):
        if pairs(relation):
            return None  # up-to-constant relations are compared by the points check
        sides = []
        for member in (left, right):
            expr, estimates = oracle.member(member, point)
            sides.append((expr, estimates))
        values = [member_value(expr, est) for expr, est in sides]
        if any(v is None for v in values):
            return None
        (lv, le), (rv, re) = values
        if method == "montecarlo":
            error = max(math.hypot(le, re), MC_ERROR_FLOOR * (1 + abs(lv) + abs(rv)))
            z = (lv - rv) / error
            if oracle.heavy_tailed and abs(z) > MC_Z_THRESHOLD:
                return None  # a z-score under a heavy tail may come from an infinite variance
            if relation == "=":
                return abs(z) <= MC_Z_THRESHOLD, z, {"left": lv, "right": rv, "z": z}
            return test([lv], [rv], 0) or abs(z) <= MC_Z_THRESHOLD, z, {"left": lv, "right": rv, "z": z}
        if max(le, re) > QUADRATURE_ERROR * (1 + abs(lv) + abs(rv)):
            return None  # the rule did not converge here (an integrand near where it stops existing)
        return test([lv], [rv], QUADRATURE_TOLERANCE), None, {"left": lv, "right": rv}


def matrix_sizes(reference: Reference) -> set:
    """The symbols that size a declared matrix (`spd matrix[k]`)."""
    return {m.size for m in reference.table.names.values() if isinstance(m, MatrixName) and isinstance(m.size, sympy.Symbol)}


def _has_quantities(expr) -> bool:
    return bool(expr.atoms(Quantity)) or expr.has(sympy.Integral)


class Restrictions(list):
    """Constraints that drawn points must satisfy, and normalisers applied to them before the test."""

    def __init__(self, constraints=(), normalisers=()):
        super().__init__(constraints)
        self.normalisers = list(normalisers)


def constraints_of(exprs, reference: Reference) -> Restrictions:
    """The families' parameter constraints and their variables' supports, for components 1..3."""
    key = ("constraints", tuple(exprs))
    if key not in reference.memo:
        reference.memo[key] = _constraints_of(exprs, reference)
    return reference.memo[key]


def _constraints_of(exprs, reference: Reference) -> Restrictions:
    found = Restrictions()
    laws = sorted(set().union(*(_laws(e, reference) for e in exprs)), key=str)
    for law in laws:
        try:
            view = reference.view(law)
        except NotDerivable:
            continue
        try:
            if view.joint:  # coupled components: the law's constraints bind its parameters together
                found += view.model.joint_constraints(*view.joint_parameters())
                continue
        except NotDerivable:
            continue
        indices = [None] if view.dimension is None else [sympy.Integer(k) for k in range(1, 4)]
        for k in indices:
            try:
                params = view.component(k)
                found += view.model.constraints(*params) + _support_constraints(view, k, params)
            except NotDerivable:
                continue
            if type(view.model).normalised is not FamilyModel.normalised:
                found.normalisers.append(_normaliser(view.model, params))
    # A declared matrix is drawn symmetric positive definite, as L L^T (model/matrices.py).
    matrices = set().union(*(e.atoms(SPDMatrix) for e in exprs if isinstance(e, sympy.Basic)))
    for law in laws:
        matrices |= law.atoms(SPDMatrix)
    found.normalisers += [spd_normaliser(m) for m in sorted(matrices, key=str)]
    kept = dict.fromkeys(c for c in found if c is not sympy.true)
    return Restrictions(kept, found.normalisers)


def _support_constraints(view, k, params) -> list:
    """The law's own variable inside its support: open for densities, closed for masses."""
    atom = view.atom(k)
    lower, upper = view.model.support(*params)
    closed = view.model.discrete
    out = []
    if lower.is_finite is not False:
        out.append(atom >= lower if closed else atom > lower)
    if upper.is_finite is not False:
        out.append(atom <= upper if closed else atom < upper)
    return out


def _normaliser(model, params):
    return lambda values, setting: model.normalised(values, setting, *params)


def _laws(expr, reference: Reference) -> set:
    """The laws the expression uses, and the declared laws whose parameters or variable it names:
    a note's `Bernoulli(x; theta)` keeps theta in (0, 1) in every claim about theta."""
    expanded = reference.definitions_expanded(expr)
    used = set(expanded.atoms(Distribution))
    names = expanded.free_symbols | expanded.atoms(sympy.IndexedBase)
    for decls in reference.table.distributions.values():
        for decl in decls:
            law = decl.distribution
            if (law.free_symbols | law.atoms(sympy.IndexedBase)) & names:
                used.add(law)
    return used


def decide(index: int, relation: str, evidence: list[Evidence]) -> LinkResult:
    """Verified needs a proof; refuted needs a confirmed disagreement no independent check contradicts."""
    proved = any(e.outcome == PROVED for e in evidence)
    against = [e for e in evidence if e.outcome == DISAGREE]
    agreeing = [e for e in evidence if e.outcome == AGREE]
    result = LinkResult(index, relation, UNCHECKED, evidence)
    if proved and against:
        result.reason = f"the symbolic proof and the {against[0].method} check disagree: a fault in the tool"
    elif proved:
        result.verdict = VERIFIED
    elif against:
        # Only quadrature is precise enough to contradict a confirmed point; Monte Carlo noise is not.
        independent = [e for e in agreeing if e.method == "quadrature"]
        if against[0].method == "points" and independent:
            result.reason = f"the re-derived reference and the {independent[0].method} check disagree: a fault in the tool"
        else:
            result.verdict, result.counterexample = REFUTED, against[0].counterexample
    elif agreeing:
        result.verdict = CONSISTENT
        result.reason = "; ".join(e.reason for e in evidence if e.outcome == INCONCLUSIVE and e.reason)
    else:
        result.reason = "; ".join(f"{e.method}: {e.reason}" for e in evidence) or "no method applies"
    return result


def antiderivative_link(relation: str, left: tuple, right: tuple) -> tuple[tuple, tuple]:
    """`\\int f(x) dx = F(x)`: with x free beside the integral written without limits, the link claims
    an antiderivative, which holds up to a constant: both members are differentiated in x (and keyed
    apart, so that the member's own reference is untouched). Otherwise the members stand."""
    unbounded = [i for _, e in (left, right) for i in e.atoms(UnboundedIntegral)]
    variables = {i.limits[0][0] for i in unbounded}
    if relation != "=" or len(variables) != 1:
        return left, right
    x = variables.pop()
    beside = set().union(*(e.xreplace({i: sympy.Integer(0) for i in unbounded}).free_symbols for _, e in (left, right)))
    if x not in beside:
        return left, right
    indefinite = {i: sympy.Integral(i.function, x) for i in unbounded}  # d/dx of \int f dx is f

    def differentiate(e):
        return sympy.diff(e.xreplace(indefinite), x)

    return ((("d", left[0], x), differentiate(left[1])), (("d", right[0], x), differentiate(right[1])))


def _instantiated(expr, drawn: dict):
    """The expression with each unknown function applied replaced by the function drawn for it."""
    if not drawn or isinstance(expr, Exception):
        return expr
    return expr.replace(lambda e: isinstance(e, AppliedUndef) and e.func in drawn, lambda e: drawn[e.func](*e.args))
