"""pytest plugin: every claim of every note is a Hypothesis property over its declared domains.

Enabled by `derivations/conftest.py` (`pytest_plugins = ["verify.property_plugin"]`), so that
`pytest derivations/` collects each Markdown note as a file and each of its claims as an item
named `LINE:LATEX-PREFIX`. An item draws points (a value for every free atom from its declared
domain, dimensions in {1, 2, 3}, filtered by the families' constraints) and asserts that every
link of the chain holds there:

- a link whose members are re-derived in closed form (`Reference.expand`) is evaluated in
  double precision first; a disagreement fails only once it is confirmed at 50 digits, so float
  noise never fails a true claim;
- a link whose reference cannot be derived is evaluated by the independent scipy.stats oracle
  (tanh-sinh quadrature), never skipped;
- `\\equiv` and `\\propto` are tested on a pair of points sharing every non-parameter value.

A refuted claim fails with Hypothesis's shrunk counterexample, named by the note's LaTeX names.
A claim marked `<!-- verify: expect refuted -->` is a strict xfail: only a counterexample
satisfies it; if the claim holds (or cannot be checked), the item fails. A claim the tool
cannot read or check fails with the reason, as it does for `make verify`.

PYTEST_DONT_REWRITE: failures are raised as Refuted/Unchecked, never by `assert`.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
import sympy
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable

from .checks.budget import BudgetExceeded, time_budget
from .run.claim import DefinitionMismatch, definition_of
from .checks.domains import bounds_of, draw_order
from .checks.link import QUADRATURE_TOLERANCE, constraints_of, member_value
from .checks.numeric import evaluate_many, unroll
from .checks.oracle import Oracle
from .checks.draws import (DIMENSIONS, HUNDREDTHS, INTEGER_SPAN, INTEGERS, MAX_EXAMPLES, PROPERTY_INTERIOR,
                           PROPERTY_MIDPOINT, PROPERTY_MIDPOINT_CLEARANCE, PROPERTY_MIN_MAGNITUDE,
                           PROPERTY_ONE_CLEARANCE, PROPERTY_POSITIVE_MAX, PROPERTY_REAL_MAX, SHRINK_TARGET)
from .checks.points import CONFIRM_TOLERANCE, FLOAT_TOLERANCE, exact_value, is_parameter, satisfied, latex_name
from .checks.relations import default_parameters, holds, pairs
from .model.atoms import free_integers_each, free_values, point_values
from .model.findings import Finding
from .note.loading import LoadedNote, load
from .note.claims import ReadClaim
from .semantics import models  # noqa: F401  (registers the families)
from .semantics.reference import Reference
from .semantics.registry import NotDerivable

REFERENCE_BUDGET = 5.0  # seconds of SymPy per member re-derivation, as `verify check` allows
NAME_PREFIX = 48  # characters of the claim's LaTeX in the item name


class Refuted(AssertionError):
    """A confirmed counterexample to one link of the claim."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class Unchecked(Exception):
    """The claim could not be read or checked: a failure, never a pass and never a refutation."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# --- collection -------------------------------------------------------------------------

def pytest_collect_file(file_path: Path, parent):
    if file_path.suffix == ".md":
        return NoteFile.from_parent(parent, path=file_path)
    return None


class NoteFile(pytest.File):
    """A Markdown note: one item per claim (or one failing item when the note cannot be read)."""

    def collect(self):
        loaded = load(self.path)
        if loaded.fatal:
            yield NoteProblem.from_parent(self, name="note", loaded=loaded, shown=_shown(self))
            return
        reference = Reference(loaded.context.table)
        lines: dict[int, int] = {}
        for read in loaded.claims:
            lines[read.claim.line] = lines.get(read.claim.line, 0) + 1
        for read in loaded.claims:
            claim = read.claim
            where = f"{claim.line}" if lines[claim.line] == 1 else f"{claim.line}:{claim.column}"
            # LINE[LATEX-PREFIX]: pytest reads a bracket in a node name as parameters, so the
            # prefix goes between brackets and the name ends with one (any other shape is garbled).
            item = ClaimItem.from_parent(self, name=f"{where}[{_prefix(claim.latex)}]",
                                         read=read, reference=reference, shown=_shown(self))
            if read.skipped:
                item.add_marker(pytest.mark.skip(reason="<!-- verify: skip -->"))
            elif claim.directive("expect refuted"):
                item.add_marker(pytest.mark.xfail(
                    strict=True, raises=Refuted,
                    reason="known erratum (<!-- verify: expect refuted -->): a counterexample is expected"))
            yield item


def _shown(node) -> str:
    """The note's path as the user typed it: relative to where pytest was started when below it."""
    try:
        return str(node.path.relative_to(node.config.invocation_params.dir))
    except ValueError:
        return str(node.path)


def _prefix(latex: str) -> str:
    text = re.sub(r"\s+", " ", latex).strip().replace("::", ": :")  # "::" separates node names
    return text if len(text) <= NAME_PREFIX else text[:NAME_PREFIX].rstrip() + "..."


def _located(path: str, finding: Finding) -> str:
    return f"{path}:{finding.line}:{finding.column}: {finding.code} {finding.message}"


class NoteProblem(pytest.Item):
    """A note that could not be opened or whose context could not be read."""

    def __init__(self, *, loaded: LoadedNote, shown: str, **kwargs):
        super().__init__(**kwargs)
        self.loaded = loaded
        self.shown = shown

    def runtest(self):
        raise Unchecked("\n".join(_located(self.shown, f) for f in self.loaded.findings)
                        or f"{self.shown}: the note could not be read")

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, (Refuted, Unchecked)):
            return excinfo.value.message
        return super().repr_failure(excinfo, style)

    def reportinfo(self):
        return self.path, 0, f"note {self.shown}"


class ClaimItem(pytest.Item):
    """One claim of a note, run as a Hypothesis property."""

    def __init__(self, *, read: ReadClaim, reference: Reference, shown: str, **kwargs):
        super().__init__(**kwargs)
        self.read = read
        self.reference = reference
        self.shown = shown

    def runtest(self):
        ClaimProperty(self.read, self.reference, self.shown).run()

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, (Refuted, Unchecked)):
            return excinfo.value.message
        return super().repr_failure(excinfo, style)

    def reportinfo(self):
        claim = self.read.claim
        return self.path, claim.line - 1, f"claim at line {claim.line}, column {claim.column}"


# --- the property -----------------------------------------------------------------------

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


@dataclass
class Point:
    """Integer settings, values for every atom, and for \\equiv/\\propto a twin point."""

    setting: dict
    values: dict
    twin: dict | None = None

    def full(self, values: dict) -> dict:
        return {**self.setting, **values}

    def __repr__(self) -> str:
        text = named(self.values, self.setting)
        if self.twin is not None:
            changed = {k: v for k, v in self.twin.items() if self.values.get(k) != v}
            text += f"; twin point: {named(changed, {}) or 'the same values'}"
        return text


def named(values: dict, setting: dict) -> str:
    """`\\mu_1 = 0.5, \\sigma_1 = 0.8, d = 1`: values by LaTeX name, then the integer settings."""
    parts = [f"{latex_name(k)} = {_number(v)}" for k, v in sorted(values.items(), key=lambda kv: latex_name(kv[0]))]
    parts += [f"{latex_name(k)} = {_number(v)}" for k, v in sorted(setting.items(), key=lambda kv: str(kv[0]))]
    return ", ".join(parts)


def _number(value) -> str:
    if isinstance(value, (int, sympy.Integer)):
        return str(int(value))
    return f"{float(value):.10g}"


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
            raise Unchecked(_located(self.path, finding))
        members = [m.value for m in read.reading.members]
        relations = list(read.reading.relations)
        if not relations:
            raise Unchecked(_located(self.path, Finding("V301", read.claim.line, read.claim.column)))
        try:
            definition = definition_of(read, table, members)
        except DefinitionMismatch as bad:
            raise Unchecked(_located(self.path, Finding(
                "V113", read.claim.line, read.claim.column,
                args=(("name", bad.name), ("problem", bad.problem))))) from None
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
    def setting_strategy(self, symbol, setting: dict):
        if symbol in self.dimension_symbols:
            return st.sampled_from(DIMENSIONS).map(sympy.Integer)
        low, high = bounds_of([symbol], self.constraints)[symbol].at(setting, True)
        if low is None and high is None:
            return st.sampled_from(INTEGERS).map(sympy.Integer)
        floor = 1 if symbol.is_positive else 0 if symbol.is_nonnegative else None  # declared too
        low = floor if low is None else low if floor is None else max(low, floor)
        low = high - INTEGER_SPAN if low is None else low  # a law's support: Bernoulli x in {0, 1}
        high = low + INTEGER_SPAN if high is None else high
        return st.integers(int(low), int(high)).map(sympy.Integer)

    def points(self):
        @st.composite
        def draw_point(draw):
            setting = {}
            for s in sorted(self.integers, key=lambda s: s not in self.dimension_symbols):
                setting[s] = draw(self.setting_strategy(s, setting))
            plan = self.plan(setting)
            values = self.draw_values(draw, plan.atoms, setting, {})
            assume(self.satisfied(setting, values))
            twin = None
            if self.pairing:
                kept = {a: v for a, v in values.items() if not is_parameter(a, self.parameters)}
                twin = self.draw_values(draw, plan.atoms, setting, kept)
                assume(self.satisfied(setting, twin))
            return Point(setting, values, twin)
        return draw_point()

    def draw_values(self, draw, atoms: list, setting: dict, kept: dict) -> dict:
        """Each atom inside the bounds its families' constraints give (verify/checks/domains.py)."""
        bounds = bounds_of(atoms, self.constraints)
        values = dict(kept)
        for atom in draw_order(atoms, bounds):
            if atom not in values:
                low, high = bounds[atom].at({**setting, **values}, False)
                values[atom] = draw(bounded_strategy(atom, low, high))
        for normalise in getattr(self.constraints, "normalisers", ()):
            values = normalise(values, setting)
        return {a: values[a] for a in atoms}

    def satisfied(self, setting: dict, values: dict) -> bool:
        full = {**setting, **values}
        return all(satisfied(c, full) for c in self.constraints)

    # checking -----------------------------------------------------------------------
    def run(self) -> None:
        self.prepare()
        if not self.links:
            return  # a definition and nothing else: it holds by definition

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
        return holds(link.relation)(lv, rv, QUADRATURE_TOLERANCE), lv, rv

    def refutation(self, link: Link, point: Point, lv: list, rv: list) -> str:
        how = "closed forms at 50 digits" if link.exact else "scipy.stats quadrature"
        text = (f"{self.where()}: link {link.index} ({link.relation}) does not hold at "
                f"{named(point.values, point.setting)}")
        if pairs(link.relation) and point.twin is not None:
            changed = {k: v for k, v in point.twin.items() if point.values.get(k) != v}
            text += f"\n  paired with {named(changed, {}) or 'the same values'} (the parameters redrawn)"
            text += (f"\n  left - right = {_number(lv[0] - rv[0])} there, {_number(lv[1] - rv[1])} at the twin"
                     if link.relation == "\\equiv" else
                     f"\n  left / right = {_ratio(lv[0], rv[0])} there, {_ratio(lv[1], rv[1])} at the twin")
        else:
            text += f"\n  left = {_number(lv[0])}, right = {_number(rv[0])}"
        return f"{text}\n  ({how}; claim: {_prefix(self.read.claim.latex)})"


def bounded_strategy(atom, low, high):
    """Inside (low, high) where a constraint bounds the atom (theta in (0, 1), x > x_m), else by domain."""
    if low is None and high is None:
        return value_strategy(atom)
    if atom.is_positive or atom.is_nonnegative:  # the declared domain bounds it too
        low = 0 if low is None else max(low, 0)
    if low is not None and high is not None:  # hundredths of the interval, clear of its ends and middle
        clear = st.integers(*PROPERTY_INTERIOR).filter(
            lambda k: abs(k - PROPERTY_MIDPOINT) > PROPERTY_MIDPOINT_CLEARANCE)
        return clear.map(lambda k: low + sympy.Rational(k, HUNDREDTHS) * (high - low))
    offset = value_strategy(sympy.Dummy(positive=True))
    return offset.map(lambda m: low + m) if low is not None else offset.map(lambda m: high - m)


def value_strategy(atom):
    """Hundredths as exact Rationals, by the atom's declared domain (verify/checks/draws.py)."""
    if getattr(atom, "is_integer", False):
        positive = bool(atom.is_positive or atom.is_nonnegative)
        signs = (1,) if positive else (1, -1)
        return st.tuples(st.sampled_from(INTEGERS), st.sampled_from(signs)).map(
            lambda t: sympy.Integer(t[0] * t[1]))
    positive = bool(atom.is_positive or atom.is_nonnegative)
    top = PROPERTY_POSITIVE_MAX if positive else PROPERTY_REAL_MAX
    magnitude = st.integers(PROPERTY_MIN_MAGNITUDE - SHRINK_TARGET, top - SHRINK_TARGET).map(
        lambda k: k + SHRINK_TARGET).filter(lambda m: abs(m - HUNDREDTHS) > PROPERTY_ONE_CLEARANCE)
    if positive:
        return magnitude.map(lambda m: sympy.Rational(m, HUNDREDTHS))
    return st.tuples(magnitude, st.sampled_from((1, -1))).map(lambda t: sympy.Rational(t[0] * t[1], HUNDREDTHS))


def _ratio(a, b) -> str:
    return _number(a / b) if b != 0 else "undefined"
