"""Closed forms of entropies and moments in the catalogue, compared with scipy.stats at seeded points."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import sympy

from ..checks.numeric import unroll
from ..checks.draws import CROSSCHECK_POINTS, MAX_DRAWS, dimension_at, draw_value, unbounded_integer
from ..checks.points import latex_name
from ..model.chains import compose
from ..model.atoms import integer_symbols, scalars_and_components
from ..model.quantities import Distribution, Entropy, Expectation, Quantity
from ..note.loading import load
from ..note.paths import note_paths
from ..note.claims import ReadClaim
from ..checks.scipy_values import ScipyValue, scipy_value
from ..semantics.reference import Reference
from ..semantics.registry import NotDerivable

DEFAULT_PATHS = ("derivations/catalog",)
# Relative to 1 + |claimed| + |scipy|. scipy computes some entropies and moments by quadrature or
# series (its generic entropy integrates with quad's default tolerance, ~1.5e-8), so agreement
# better than ~1e-8 is not promised; a genuine slip (a lost 1/2, a sign, log sigma for log sigma^2)
# moves the value by a sizeable fraction of 1 at the parameter values drawn (draws.MAGNITUDES).
TOLERANCE = 1e-7
DIGITS = 30  # the closed form is evaluated exactly at rational points, then rounded once


@dataclass(frozen=True)
class Disagreement:
    """One parameter set at which the claimed closed form and scipy.stats differ."""

    parameters: dict[str, float]  # LaTeX names (dimensions included) -> values
    claimed: float
    scipy: float


@dataclass
class Record:
    """One closed form of one claim compared with scipy, or the reason it could not be."""

    path: str
    line: int
    column: int
    latex: str
    quantity: str  # "entropy" or "expectation": what the claim's first member is
    member: int = 0  # position in the chain of the member compared (the first is 1)
    compared: int = 0
    disagreements: list[Disagreement] = field(default_factory=list)
    reason: str = ""
    expected: bool = False  # the note marks the claim `expect refuted`: a known erratum

    @property
    def failed(self) -> bool:
        return bool(self.disagreements) and not self.expected


def crosscheck(paths: list[str] | tuple[str, ...] = DEFAULT_PATHS, seed: int = 0,
               points: int = CROSSCHECK_POINTS) -> list[Record]:
    """Every claim whose first member is an entropy or an expectation, against scipy.stats."""
    records: list[Record] = []
    for path in note_paths(list(paths)):
        loaded = load(path)
        if loaded.fatal:
            continue  # `derivlint check` reports an unreadable note; there is nothing to compare here
        reference = Reference(loaded.context.table)
        for index, read in enumerate(loaded.claims):
            if read.reading is None or read.skipped:
                continue
            scoped = Reference(read.scope_table) if read.scope_table is not None else reference  # a `from:` scope
            first = scoped.definitions_expanded(read.reading.members[0].value)
            if isinstance(first, (Entropy, Expectation)):
                rng_path = [seed, _path_key(path), index]
                records += claim_records(str(path), read, scoped, rng_path, points)
    return records


def exit_code(records: list[Record]) -> int:
    return 1 if any(r.failed for r in records) else 0


def claim_records(path: str, read: ReadClaim, reference: Reference, rng_path: list[int],
                  points: int) -> list[Record]:
    claim, reading = read.claim, read.reading
    first = reference.definitions_expanded(reading.members[0].value)
    base = dict(path=path, line=claim.line, column=claim.column, latex=claim.latex,
                quantity="entropy" if isinstance(first, Entropy) else "expectation",
                expected=bool(claim.directive("expect refuted")))
    try:  # the first member at the smallest setting: scipy must offer it at all
        Concrete(first, reference, {s: sympy.Integer(1) for s in _integers([first], reference)})
    except NotDerivable as why:
        return [Record(reason=str(why), **base)]
    out, composed = [], reading.relations[0]
    for k in range(1, len(reading.members)):
        if k > 1:
            composed = compose(composed, reading.relations[k - 1])
        member = reference.definitions_expanded(reading.members[k].value)
        if composed != "=" or not _comparable(member):
            continue  # only equalities; a member with a KL or a density is for `derivlint check`
        record = Record(member=k + 1, **base)
        try:
            compare(record, first, member, reference, np.random.default_rng(rng_path + [k]), points)
        except NotDerivable as why:
            record.reason = str(why)
        out.append(record)
    if not out:
        out.append(Record(reason="no member after the first is a closed form to compare", **base))
    return out


def _comparable(member: sympy.Expr) -> bool:
    return all(isinstance(q, (Entropy, Expectation)) for q in _outer_quantities(member)) and \
        not member.has(sympy.Integral)


def _outer_quantities(expr) -> list:
    if isinstance(expr, Quantity):
        return [expr]
    return [q for a in expr.args for q in _outer_quantities(a)] if isinstance(expr, sympy.Basic) else []


def compare(record: Record, first, member, reference: Reference, rng: np.random.Generator,
            points: int) -> None:
    """The claimed member and scipy's value of the first member, at `points` seeded parameter sets."""
    integers = _integers([first, member], reference)
    dimensions = {d for d in reference.dimensions.values() if isinstance(d, sympy.Symbol)}
    concrete: dict[tuple, list[Concrete]] = {}  # settings repeat (dimensions cycle): build each once
    for i in range(points):
        setting = _setting(integers, dimensions, i, rng)
        key = tuple(setting.items())
        if key not in concrete:
            concrete[key] = [Concrete(e, reference, setting) for e in (first, member)]
        sides = concrete[key]
        point = _draw(sides, rng)
        if point is None:
            continue
        expected, claimed = (side.value(point) for side in sides)
        if expected is None or claimed is None:
            continue
        record.compared += 1
        if abs(claimed - expected) > TOLERANCE * (1 + abs(claimed) + abs(expected)):
            named: dict = {str(s): int(v) for s, v in setting.items()}
            named.update({latex_name(a): float(v) for a, v in point.items()})
            record.disagreements.append(Disagreement(dict(sorted(named.items())), claimed, expected))
    if record.compared == 0:
        record.reason = "no parameter set could be evaluated"


def _integers(exprs: list, reference: Reference) -> list:
    """Integer symbols to set: those written, and the dimensions of the laws (H(q) hides d)."""
    found, bound = integer_symbols(exprs), set()
    for e in exprs:
        for law in e.atoms(Distribution):
            bound.add(law.variable)  # a discrete law's own variable is integer, but it is summed over
            view = reference.view(law)
            sizes = [view.dimension] + [length for _, length in view.lengths]  # a Categorical's K
            found |= {s for n in sizes if isinstance(n, sympy.Basic) for s in n.free_symbols}
    return sorted(found - bound, key=str)


def _setting(integers: list, dimensions: set, i: int, rng: np.random.Generator) -> dict:
    """Dimensions cycle as in the points check; other integers are drawn as it draws unbounded ones."""
    values = {}
    for s in integers:
        values[s] = dimension_at(i + len(values)) if s in dimensions else sympy.Integer(unbounded_integer(rng))
    return values


class Concrete:
    """A member at one setting of the integers: sums unrolled, each quantity a scipy value."""

    def __init__(self, expr: sympy.Expr, reference: Reference, setting: dict):
        self.values: dict[sympy.Symbol, ScipyValue] = {}
        self.expr = self.replace(unroll(expr.xreplace(setting)), reference, setting)

    def replace(self, e, reference, setting):
        if isinstance(e, Quantity):
            stand_in = sympy.Dummy(f"q{len(self.values)}")
            self.values[stand_in] = scipy_value(e, reference, setting)
            return stand_in
        if not isinstance(e, sympy.Basic) or not e.args or isinstance(e, sympy.Indexed):
            return e
        return e.func(*[self.replace(a, reference, setting) for a in e.args])

    def atoms(self) -> set:
        found = scalars_and_components(self.expr)
        for value in self.values.values():
            found |= value.atoms()
        return found

    def constraints(self) -> list:
        return [c for value in self.values.values() for c in value.constraints()]

    def normalised(self, point: dict) -> dict:
        for value in self.values.values():
            point = value.normalised(point)
        return point

    def value(self, point: dict) -> float | None:
        numbers = {s: v.at(point) for s, v in self.values.items()}
        if any(n is None for n in numbers.values()):
            return None
        floats = {s: sympy.Float(n, DIGITS) for s, n in numbers.items()}
        result = self.expr.xreplace({**point, **floats}).evalf(DIGITS)
        if not (result.is_number and result.is_real and result.is_finite):
            return None
        return float(result)


def _draw(sides: list[Concrete], rng: np.random.Generator) -> dict | None:
    """Values as the points check draws them, inside every family's constraints, or None."""
    atoms = sorted(set().union(*(s.atoms() for s in sides)), key=latex_name)
    conditions = [c for s in sides for c in s.constraints()]
    for _ in range(MAX_DRAWS):
        point = {a: draw_value(a, rng) for a in atoms}
        for side in sides:
            point = side.normalised(point)
        if all(exactly_satisfied(c, point) for c in conditions):
            return point
    return None


def exactly_satisfied(condition, point: dict) -> bool:
    """The constraint at the point in exact arithmetic; one that cannot be decided is not held against it."""
    result = condition.xreplace(point) if isinstance(condition, sympy.Basic) else condition
    return bool(result) if result in (sympy.true, sympy.false, True, False) else True


def _path_key(path: Path) -> int:
    """A stable number for the note's name, so each note's draws do not depend on the others."""
    return sum(ord(ch) * (i + 1) for i, ch in enumerate(path.name)) % (2**31)
