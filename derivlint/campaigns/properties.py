"""A claim as a Hypothesis property: its links prepared once, checked at every drawn point."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
import sympy
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable

from ..checks.budget import BudgetExceeded, time_budget
from ..checks.draws import MAX_EXAMPLES
from ..checks.link import QUADRATURE_TOLERANCE, constraints_of
from ..checks.estimates import member_value
from ..checks.numeric import evaluate_many, unroll
from ..checks.oracle import Oracle
from ..checks.points import CONFIRM_TOLERANCE, FLOAT_TOLERANCE, exact_value, latex_name
from ..checks.relations import default_parameters, holds, pairs
from ..model.atoms import free_integers_each, free_values, point_values
from ..model.findings import Finding
from ..note.claims import ReadClaim
from ..run.claim import DefinitionMismatch, definition_of
from ..semantics import models  # noqa: F401  (registers the families)
from ..semantics.reference import Reference
from ..semantics.registry import NotDerivable
from .property_points import Point, PointDraws, named, number

REFERENCE_BUDGET = 5.0  # seconds of SymPy per member re-derivation, as `derivlint check` allows
NAME_PREFIX = 48  # characters of the claim's LaTeX in the item name


class Refuted(AssertionError):
    """A confirmed counterexample to one link of the claim."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class Unchecked(Exception):
    """The claim could not be read or checked: a failure, never a pass and never a refutation.

    `findings` are the tool's own words on why (rendered by the plugin); `message` is the rest.
    """

    def __init__(self, message: str = "", findings: tuple[Finding, ...] = ()):
        super().__init__(message or findings)
        self.message, self.findings = message, findings


def name_prefix(latex: str) -> str:
    """The claim's LaTeX on one line, cut at NAME_PREFIX characters: its item's name and its label."""
    text = re.sub(r"\s+", " ", latex).strip().replace("::", ": :")  # "::" separates node names
    return text if len(text) <= NAME_PREFIX else text[:NAME_PREFIX].rstrip() + "..."


@dataclass(frozen=True)
class Link:
    """Link `index` between two members: closed forms (`exact`) or raw members for the oracle."""

    index: int
    relation: str
    left: sympy.Expr
    right: sympy.Expr
    exact: bool
    why: str = ""  # why the reference could not be derived, for the oracle's links


@dataclass
class Plan:
    """The links at one setting of the integer symbols: sums unrolled, atoms listed."""

    links: list[tuple[Link, sympy.Expr, sympy.Expr]]
    atoms: list


class ClaimProperty:
    """Prepares the links of a claim once, then runs the Hypothesis property over them."""

    def __init__(self, read: ReadClaim, reference: Reference, path: str):
        self.read = read
        self.reference = reference
        self.path = path
        self.plans: dict[tuple, Plan] = {}
        self.evaluated: dict[int, int] = {}
        self.reasons: dict[int, str] = {}

    def where(self) -> str:
        claim = self.read.claim
        return f"{self.path}:{claim.line}:{claim.column}"

    # preparation ---------------------------------------------------------------------
    def prepare(self) -> None:
        read, table = self.read, self.reference.table
        if read.reading is None:
            finding = read.finding or Finding("V106", read.claim.line, read.claim.column,
                                              args=(("problem", "not read"),))
            raise Unchecked(findings=(finding,))
        members = [m.value for m in read.reading.members]
        relations = list(read.reading.relations)
        if not relations:
            raise Unchecked(findings=(Finding("V301", read.claim.line, read.claim.column),))
        try:
            definition = definition_of(read, table, members)
        except DefinitionMismatch as bad:
            raise Unchecked(findings=(Finding("V113", read.claim.line, read.claim.column,
                                              args=(("name", bad.name), ("problem", bad.problem))),)) from None
        first = 0
        if definition is not None:  # link 1 holds by definition; the rest use the defined value
            members = [m.xreplace(definition) for m in members]
            first = 1
        expanded = {k: self.expand(m) for k, m in enumerate(members) if k >= first}
        self.links = []
        for k in range(first, len(relations)):
            ref_l, ref_r = expanded[k], expanded[k + 1]
            if not isinstance(ref_l, Exception) and not isinstance(ref_r, Exception):
                self.links.append(Link(k + 1, relations[k], ref_l, ref_r, True))
            else:
                why = ref_l if isinstance(ref_l, Exception) else ref_r
                raw = [self.reference.definitions_expanded(members[j]) for j in (k, k + 1)]
                self.links.append(Link(k + 1, relations[k], *raw, False, str(why)))
        raw_members = [self.reference.definitions_expanded(m) for m in members[first:]]
        self.constraints = constraints_of(raw_members, self.reference)
        exprs = [e for link in self.links for e in (link.left, link.right)]
        declared = table.parameters
        self.parameters = set(declared) if declared is not None else default_parameters(exprs)
        self.pairing = any(pairs(link.relation) for link in self.links)
        self.dimension_symbols = {d for d in self.reference.dimensions.values() if isinstance(d, sympy.Symbol)}
        self.integers = sorted(self.integer_symbols(exprs + raw_members), key=str)

    def expand(self, member):
        try:
            with time_budget(REFERENCE_BUDGET):
                return self.reference.expand(member)
        except (NotDerivable, BudgetExceeded) as why:
            return why

    def integer_symbols(self, exprs) -> set:
        """Free integer symbols, and the dimensions of every vector the expressions use."""
        return free_integers_each(exprs) | self.reference.length_symbols(exprs)

    def plan(self, setting: dict) -> Plan:
        key = tuple(sorted(((str(s), int(v)) for s, v in setting.items())))
        if key not in self.plans:
            dims = {b: n.xreplace(setting) for b, n in self.reference.dimensions.items()}
            concrete, atoms = [], set()
            for link in self.links:
                left, right = (unroll(e.xreplace(setting)) if setting else unroll(e) for e in (link.left, link.right))
                concrete.append((link, left, right))
                atoms |= point_values([left, right]) if link.exact else free_values([left, right], dims)
            atoms -= set(setting)
            self.plans[key] = Plan(concrete, sorted(atoms, key=latex_name))
        return self.plans[key]

    # drawing ------------------------------------------------------------------------
    def points(self):
        return PointDraws(self.constraints, self.dimension_symbols, self.integers, self.parameters,
                          self.pairing, lambda setting: self.plan(setting).atoms).strategy()

    # checking -----------------------------------------------------------------------
    def run(self) -> None:
        self.prepare()
        if not self.links:
            return  # a definition and nothing else: it holds by definition

        # No example database and a derandomized seed: every run draws the same examples. The seed is
        # a digest of this function's source text, decorators included: editing them changes the draws.
        @settings(max_examples=MAX_EXAMPLES, derandomize=True, database=None, deadline=None,
                  print_blob=False, report_multiple_bugs=False,
                  phases=(Phase.explicit, Phase.generate, Phase.shrink),
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                         HealthCheck.data_too_large])
        @given(self.points())
        def every_link_holds(point):
            self.check(point)

        try:
            every_link_holds()
        except Unsatisfiable:
            raise Unchecked(f"{self.where()}: no drawn point satisfies the families' constraints "
                            f"({', '.join(map(str, self.constraints))})") from None
        never = [link for link in self.links if not self.evaluated.get(link.index)]
        if never:
            raise Unchecked("\n".join(
                f"{self.where()}: link {link.index} ({link.relation}) could not be evaluated at any "
                f"drawn point: {self.reasons.get(link.index, 'its members are undefined there')}"
                for link in never))

    def check(self, point: Point) -> None:
        plan = self.plan(point.setting)
        for link, left, right in plan.links:
            points = [point.values, point.twin] if pairs(link.relation) else [point.values]
            if link.exact:
                verdict = self.closed_form(link, left, right, plan.atoms, points)
            else:
                verdict = self.quadrature(link, left, right, point, points)
            if verdict is None:
                continue  # undefined at this point: not a counterexample
            self.evaluated[link.index] = self.evaluated.get(link.index, 0) + 1
            ok, lv, rv = verdict
            if not ok:
                raise Refuted(self.refutation(link, point, lv, rv))

    def closed_form(self, link: Link, left, right, atoms, points):
        """Floats first (FLOAT_TOLERANCE: agreement within double precision is agreement);
        a disagreement counts only when it holds at 50 digits (CONFIRM_TOLERANCE)."""
        test = holds(link.relation)
        columns = [np.array([float(p[a]) for p in points]) for a in atoms]
        lv = list(evaluate_many(left, atoms, columns, count=len(points)))
        rv = list(evaluate_many(right, atoms, columns, count=len(points)))
        if all(math.isfinite(v) for v in lv + rv) and test(lv, rv, FLOAT_TOLERANCE):
            return True, lv, rv
        exact_l = [exact_value(left, p) for p in points]
        exact_r = [exact_value(right, p) for p in points]
        if None in exact_l or None in exact_r:
            return None
        return test(exact_l, exact_r, CONFIRM_TOLERANCE), exact_l, exact_r

    def quadrature(self, link: Link, left, right, point: Point, points):
        """The scipy.stats oracle by tanh-sinh quadrature, accurate to ~1e-10 on these integrands:
        QUADRATURE_TOLERANCE (1e-6 relative) leaves four orders of margin."""
        oracle = Oracle(self.reference, "quadrature")
        lv, rv = [], []
        try:
            for values in points:
                full = point.full(values)
                sides = [member_value(*oracle.member(member, full)) for member in (left, right)]
                if any(s is None for s in sides):
                    return None
                lv.append(sides[0][0])
                rv.append(sides[1][0])
        except NotDerivable as why:
            self.reasons[link.index] = f"no reference ({link.why}) and no quadrature ({why})"
            return None
        if not all(math.isfinite(v) for v in lv + rv):
            return None
        return holds(link.relation, strict=False)(lv, rv, QUADRATURE_TOLERANCE), lv, rv

    def refutation(self, link: Link, point: Point, lv: list, rv: list) -> str:
        how = "closed forms at 50 digits" if link.exact else "scipy.stats quadrature"
        text = (f"{self.where()}: link {link.index} ({link.relation}) does not hold at "
                f"{named(point.values, point.setting)}")
        if pairs(link.relation) and point.twin is not None:
            changed = {k: v for k, v in point.twin.items() if point.values.get(k) != v}
            text += f"\n  paired with {named(changed, {}) or 'the same values'} (the parameters redrawn)"
            text += (f"\n  left - right = {number(lv[0] - rv[0])} there, {number(lv[1] - rv[1])} at the twin"
                     if link.relation == "\\equiv" else
                     f"\n  left / right = {_ratio(lv[0], rv[0])} there, {_ratio(lv[1], rv[1])} at the twin")
        else:
            text += f"\n  left = {number(lv[0])}, right = {number(rv[0])}"
        return f"{text}\n  ({how}; claim: {name_prefix(self.read.claim.latex)})"


def _ratio(a, b) -> str:
    return number(a / b) if b != 0 else "undefined"
