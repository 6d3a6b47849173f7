"""What one diagnosis shares: the two members, their values at seeded points, and how an edit is tried."""
from __future__ import annotations

from functools import cached_property
from typing import Callable

import numpy as np
import sympy

from . import fixes
from .member import Rebuilder, locate
from .names import letter_words, parameter_names, scalar_parameters, superscript_bases
from .sampler import Sampler
from ..checks.budget import BudgetExceeded, time_budget
from ..checks.constrained import substitution as constrained_substitution
from ..checks.link import constraints_of
from ..checks.relations import default_parameters, prove
from ..latex.errors import ReadError
from ..model.findings import Fix
from ..model.names import NameTable, Scalar
from ..note.claims import ReadClaim
from ..note.document import Note
from ..semantics.reference import Reference
from ..semantics.registry import NotDerivable
from ..model.seeds import DIAGNOSIS
from ..checks.link import antiderivative_link
from ..checks.normal_form import INDEX, closed_series


class Workbench:
    """One refuted link, shared by every search: the right member is edited to match the left one's reference."""

    def __init__(self, note: Note, table: NameTable, read: ReadClaim, index: int, seed: int, budget: float,
                 against: int | None = None, relation: str | None = None):
        """Member `index` is edited to meet member `against` (by default the one before it)."""
        table = read.table(table)  # a premise's laws hold in the formula after its arrow; a scope's in its formulas
        self.note, self.table, self.read = note, table, read
        self.reference = Reference(table)
        left = index - 1 if against is None else against
        self.left, self.right = read.reading.members[left], read.reading.members[index]
        self.relation = relation or read.reading.relations[index - 1]
        pair = ((left, self.left.value), (index, self.right.value))
        if antiderivative_link(self.relation, *pair) != pair:
            # the link was checked on the members' derivatives; an edit of their values would not be the fix
            raise NotDerivable("the link claims an antiderivative: no edit of its values is searched")
        self.located = locate(self.right)
        self.overrides = read.bindings
        self.budget = budget
        rng = np.random.default_rng([seed, read.claim.line, index, DIAGNOSIS])
        self.truth = self.derived(self.left.value)
        self.claimed = self.derived(self.right.value)
        self.constraints = constraints_of([self.left.value, self.right.value], self.reference)
        self.sampler = Sampler(rng, [self.truth, self.claimed], self.reference, self.constraints)
        self.truth_values = self.sampler.values(self.truth)
        self.claimed_values = self.sampler.values(self.claimed)

    # --- trying an edit -----------------------------------------------------------------
    def rebuilt(self, transforms: dict[int, Callable]) -> sympy.Expr:
        """The member with a hypothetical edit; nan when the edit makes no expression at all."""
        builder = Rebuilder(self.table, self.overrides, transforms)
        try:
            return builder.expr(self.located.tree)
        except (ReadError, RecursionError, TypeError, ValueError, ArithmeticError):
            return sympy.nan

    def written(self, replacements: dict[int, dict]) -> sympy.Expr:
        """The member with a scalar replaced at the written name nodes only, as the text edit does: not
        inside a law declared in the front matter, nor in a word read letter by letter (`uw`)."""
        return self.rebuilt({key: (lambda v, r=r: v.xreplace(r)) for key, r in replacements.items()})

    def derived(self, expr: sympy.Expr) -> sympy.Expr:
        """The member re-derived as the link's checks have it: references expanded, series closed."""
        return closed_series(self.reference.expand(expr))

    def values_of(self, candidate: sympy.Expr) -> np.ndarray:
        """The candidate's values at the points, its references (KL, entropies, ...) expanded first."""
        return self.sampler.values(self.derived(candidate))

    def contribution(self, term) -> np.ndarray:
        """What the term adds to the member at the points: the values without it taken from the values."""
        return self.claimed_values - self.values_of(self.rebuilt({id(term): lambda v: sympy.Integer(0)}))

    @property
    def residual(self) -> np.ndarray:
        """Claimed less true values at the points: what an edit must take away."""
        return self.claimed_values - self.truth_values

    def holds(self, candidate: sympy.Expr) -> bool:
        """The edited member meets the truth at the points, then symbolically; an edit whose references
        cannot be expanded holds nowhere."""
        try:
            values = self.values_of(candidate)
        except NotDerivable:
            return False
        return self.agrees(values) and self.confirm(candidate)

    def agrees(self, values: np.ndarray) -> bool:
        """Equal at every point; for \\equiv, differing by one constant per dimension setting."""
        return self._agree(values, self.truth_values)

    def agrees_with(self, truth: sympy.Expr, values: np.ndarray) -> bool:
        """As `agrees`, against another truth: the left member edited, or a special case of it."""
        return self._agree(values, self.sampler.values(truth))

    def _agree(self, values: np.ndarray, truth_values: np.ndarray) -> bool:
        # Infinite on one side and finite on the other (a moment that diverges where the claim has a value)
        # is a disagreement, not a point to skip: else an edit right only where the truth is finite "holds".
        defined = ~np.isnan(values) & ~np.isnan(truth_values)
        if np.any(defined & (np.isinf(values) != np.isinf(truth_values))):
            return False
        ok = np.isfinite(values) & np.isfinite(truth_values)
        if ok.sum() < len(values) // 2:
            return False
        scale = 1 + np.abs(truth_values[ok])
        with np.errstate(invalid="ignore"):  # inf - inf where a candidate blows up: masked by `ok`
            diff = values - truth_values
        if self.relation == "\\equiv":
            start = 0
            for size in self.sampler.sizes():
                block = diff[start:start + size][ok[start:start + size]]
                start += size
                if len(block) and np.ptp(block) > 1e-8 * (1 + np.abs(block).max()):
                    return False
            return True
        return bool(np.all(np.abs(diff[ok]) <= 1e-8 * scale))

    def confirm(self, candidate: sympy.Expr, truth: sympy.Expr | None = None) -> bool:
        """Symbolic confirmation of an edit found on numbers (against `truth`, the link's own by default):
        as the members stand, then, as the link's own proof does, with the constrained symbols rewritten
        (0 < theta < 1 makes 1 - theta positive)."""
        truth = self.truth if truth is None else truth
        try:
            with time_budget(self.budget):
                candidate = self.derived(candidate)
                parameters = set(self.table.parameters or default_parameters([truth, candidate]))
                proved, _ = prove(self.relation, truth, candidate, parameters)
                if not proved:
                    rewrite, rewritten = constrained_substitution([truth, candidate], self.constraints,
                                                                  parameters)
                    if rewrite:
                        proved, _ = prove(self.relation, truth.xreplace(rewrite),
                                          candidate.xreplace(rewrite), rewritten)
        except (BudgetExceeded, NotDerivable, TypeError, ValueError, NotImplementedError, sympy.PolynomialError):
            return False
        return proved

    # --- writing the fix ----------------------------------------------------------------
    def fix(self, edits) -> Fix:
        """The right member with the edits applied, as the report shows it."""
        located = self.located
        return fixes.apply(located.source, located.base, located.lo, located.hi, edits)

    def symbol_names(self) -> dict:
        """How the note writes each scalar symbol, for LaTeX of a term the fix adds."""
        names = {}
        for key, meaning in self.table.names.items():
            if isinstance(meaning, Scalar):
                names[meaning.symbol] = key
        # the index the normal form merges sums over is written as the first letter the note leaves free
        taken = set(self.table.names) | {str(s) for s in names}
        names[INDEX] = next(letter for letter in ("j", "i", "k", "l", "m", "n", "\\ell") if letter not in taken)
        return names

    def name_edit(self, start: int, end: int, new: str, compound: bool = False) -> fixes.Edit:
        """Source[start:end), a written name, replaced by `new`: an expression of it (`compound`) is
        bracketed where it would not read as one, raised to a power (`\\sigma^2` -> `\\left(\\sigma^2\\right)^2`,
        not `\\sigma^2^2`) or after a number (`3\\sigma` -> `3\\left(2\\sigma\\right)`, not `32\\sigma`); a name
        is kept apart from a command before it or a letter after it (`\\cdot a`, `\\mu a`, not `\\cdota`, `\\mua`)."""
        source = self.located.source
        if compound and not new.startswith("\\sqrt") and (start in self.superscript_bases or (
                new[:1].isdigit() and source[:start].rstrip()[-1:].isdigit())):
            new = f"\\left({new}\\right)"
        return fixes.name_replaced(source, start, end, new)

    # --- facts of the member, computed once when a search first needs them --------------
    @cached_property
    def superscript_bases(self) -> set[int]:
        return superscript_bases(self.located.tree)

    @cached_property
    def letter_words(self) -> dict:
        return letter_words(self.located.tree, self.table, self.overrides)

    @cached_property
    def parameter_names(self) -> list:
        return parameter_names(self.located.tree, self.table)

    @cached_property
    def monomials(self) -> list[tuple[sympy.Expr, np.ndarray]]:
        """1, each scalar parameter, its square and each product of two, with their values at the points."""
        symbols = scalar_parameters(self.truth)
        terms = [sympy.Integer(1)] + symbols + [a * b for i, a in enumerate(symbols) for b in symbols[i:]]
        return [(m, self.sampler.values(m) if m != 1 else np.ones_like(self.truth_values)) for m in terms]
