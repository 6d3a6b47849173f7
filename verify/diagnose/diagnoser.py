"""A refuted link -> the smallest edit that makes it hold: fitted on numbers, confirmed symbolically."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np
import sympy
from lark import Tree
from sympy.polys.polyerrors import BasePolynomialError

from . import fixes
from .fitting import common_ratios, constant_ratio, secant
from .member import Rebuilder, locate
from .sampler import Sampler
from .trees import additive_terms, contains, inner_places, kl_group, lone_exponents, power_of_exponent
from ..checks.budget import BudgetExceeded, time_budget
from ..checks.constrained import substitution as constrained_substitution
from ..checks.link import constraints_of
from ..checks.normal_form import normal_form
from ..checks.points import labels
from ..checks.relations import default_parameters, prove
from ..note.document import Note
from ..model.findings import KIND_CODES, Finding, Fix
from ..latex.build import Builder, canonical
from ..model.quantities import KLDivergence
from ..latex.errors import ReadError
from ..model.names import Constant, NameTable, Scalar, Vector
from ..note.claims import ReadClaim, bindings
from ..semantics.reference import Reference
from ..semantics.registry import NotDerivable

MISSING_TERM_OPS = 8  # a lost term as long as this is plausible whatever the truth's own terms


@dataclass
class Diagnosis:
    kind: str
    term: str  # as the author wrote it, or a description
    offset: int  # where the term starts in the note
    fix: Fix | None = None
    extra: dict[str, Any] = field(default_factory=dict)


class Diagnoser:
    """Diagnoses one refuted `=` link: the right member is edited to match the left one's reference."""

    def __init__(self, note: Note, table: NameTable, read: ReadClaim, index: int, seed: int, budget: float,
                 against: int | None = None, relation: str | None = None):
        """Member `index` is edited to meet member `against` (by default the one before it)."""
        self.note, self.table, self.read = note, table, read
        self.reference = Reference(table)
        left = index - 1 if against is None else against
        self.left, self.right = read.reading.members[left], read.reading.members[index]
        self.relation = relation or read.reading.relations[index - 1]
        self.located = locate(note, read, self.right)
        self._superscript_bases: set[int] | None = None
        self._letter_words: dict | None = None
        self._monomials: list | None = None
        self.overrides = bindings(read.claim, table)
        self.budget = budget
        self.rng = np.random.default_rng([seed, read.claim.line, index, 4])
        self.truth = self.reference.expand(self.left.value)
        self.claimed = self.reference.expand(self.right.value)
        self.constraints = constraints_of([self.left.value, self.right.value], self.reference)
        self.sampler = Sampler(self.rng, [self.truth, self.claimed], self.reference, self.constraints)
        self.truth_values = self.sampler.values(self.truth)
        self.claimed_values = self.sampler.values(self.claimed)

    # --- the search ---------------------------------------------------------------------
    def diagnose(self) -> Diagnosis:
        if self.relation == "=":
            searches = (self.single_terms, self.whole_member, self.direct_terms, self.swapped, self.removed_powers,
                        self.substitution, self.log_base, self.added_powers, self.term_pairs, self.special_case,
                        self.constant, self.nested_missing_term, self.missing_term)
        elif self.relation == "\\equiv":
            # Up to a constant the residual fits mean nothing: only edits tried one by one apply.
            searches = (self.direct_terms, self.removed_powers, self.substitution, self.log_base, self.added_powers)
        else:
            return self.mismatch()
        with np.errstate(all="ignore"):  # candidates may be undefined at points: masked where compared
            for search in searches:
                found = search()
                if found is not None:
                    return found
        return self.mismatch()

    def agrees(self, values: np.ndarray) -> bool:
        """Equal at every point; for \\equiv, differing by one constant per dimension setting."""
        ok = np.isfinite(values) & np.isfinite(self.truth_values)
        if ok.sum() < len(values) // 2:
            return False
        scale = 1 + np.abs(self.truth_values[ok])
        with np.errstate(invalid="ignore"):  # inf - inf where a candidate blows up: masked by `ok`
            diff = values - self.truth_values
        if self.relation == "\\equiv":
            start = 0
            for size in self.sampler.sizes():
                block = diff[start:start + size][ok[start:start + size]]
                start += size
                if len(block) and np.ptp(block) > 1e-8 * (1 + np.abs(block).max()):
                    return False
            return True
        return bool(np.all(np.abs(diff[ok]) <= 1e-8 * scale))

    def confirm(self, candidate: sympy.Expr) -> bool:
        """Symbolic confirmation of an edit found on numbers: as the members stand, then, as the link's
        own proof does, with the constrained symbols rewritten (0 < theta < 1 makes 1 - theta positive)."""
        try:
            with time_budget(self.budget):
                candidate = self.reference.expand(candidate)
                parameters = set(self.table.parameters or default_parameters([self.truth, candidate]))
                proved, _ = prove(self.relation, self.truth, candidate, parameters)
                if not proved:
                    rewrite, rewritten = constrained_substitution([self.truth, candidate], self.constraints,
                                                                  parameters)
                    if rewrite:
                        proved, _ = prove(self.relation, self.truth.xreplace(rewrite),
                                          candidate.xreplace(rewrite), rewritten)
        except (BudgetExceeded, NotDerivable, TypeError, ValueError, NotImplementedError, sympy.PolynomialError):
            return False
        return proved

    def rebuilt(self, transforms: dict[int, Callable]) -> sympy.Expr:
        """The member with a hypothetical edit; nan when the edit makes no expression at all."""
        builder = Rebuilder(self.table, self.overrides, transforms)
        try:
            return builder.expr(self.located.tree)
        except (ReadError, RecursionError, TypeError, ValueError, ArithmeticError):
            return sympy.nan

    # --- searches -----------------------------------------------------------------------
    def single_terms(self) -> Diagnosis | None:
        residual = self.claimed_values - self.truth_values
        for term, parent in additive_terms(self.located.tree):
            contribution = self.claimed_values - self.sampler.values(
                self.reference.expand(self.rebuilt({id(term): lambda v: sympy.Integer(0)})))
            factor = constant_ratio(-residual, contribution)
            if factor is None or factor == 0:
                continue
            scale = 1 + factor
            candidate = self.rebuilt({id(term): lambda v, s=scale: s * v})
            if not self.confirm(candidate):
                continue
            return self.term_diagnosis(term, parent, scale)
        return None

    def direct_terms(self) -> Diagnosis | None:
        """Inside a square or an exp a term does not add linearly: try the inverse edits themselves."""
        terms = list(additive_terms(self.located.tree))
        exponents = list(lone_exponents(self.located.tree))
        for scale in (sympy.Integer(-1), sympy.Rational(1, 2), sympy.Integer(2), sympy.Integer(0)):
            for term, parent in terms + (exponents if scale != 0 else []):  # an exponent is not dropped
                if scale == 0 and not fixes.droppable(parent):
                    continue
                candidate = self.rebuilt({id(term): lambda v, s=scale: s * v})
                try:
                    values = self.sampler.values(self.reference.expand(candidate))
                except NotDerivable:
                    continue
                if self.agrees(values) and self.confirm(candidate):
                    return self.term_diagnosis(term, parent, scale)
        return None

    def term_diagnosis(self, term, parent, scale: sympy.Rational) -> Diagnosis:
        source = self.located.source
        if scale == -1:
            edit, kind = fixes.flip_sign(source, term, parent), "sign"
        elif scale == 0:
            edit, kind = fixes.drop_term(source, term, parent), "extra-term"
        else:
            power = power_of_exponent(self.located.tree, term)
            if power is not None:  # a written exponent halved or doubled is a power slip: x^2 for x
                found = self.powers(power)
                if found is not None:
                    return found
            unwritten = self.unwritten_power(term)
            if unwritten is not None:
                return unwritten
            edit, kind = fixes.scale_term(source, term, scale), "factor"
        return Diagnosis(kind, self.located.text(term), self.located.at(term), self.fix([edit]),
                         {"factor": str(scale)})

    def whole_member(self) -> Diagnosis | None:
        ratio = constant_ratio(self.truth_values, self.claimed_values)
        if ratio is None or ratio == 1:
            return None
        if not self.confirm(ratio * self.right.value):
            return None
        whole = self.located.tree
        if ratio == -1:
            edit = fixes.flip_sign(self.located.source, whole, None)
            return Diagnosis("sign", "the whole side (every term)", self.located.start, self.fix([edit]))
        unwritten = self.unwritten_power(whole)
        if unwritten is not None:
            return unwritten
        edit = fixes.scale_term(self.located.source, whole, ratio)
        return Diagnosis("factor", "the whole side", self.located.start, self.fix([edit]), {"factor": str(ratio)})

    def swapped(self) -> Diagnosis | None:
        kls = list(self.left.value.atoms(KLDivergence))
        if len(kls) != 1:
            return None
        kl = kls[0]
        swapped = self.left.value.xreplace({kl: KLDivergence(kl.args[1], kl.args[0])})
        try:
            truth = self.reference.expand(swapped)
        except NotDerivable:
            return None
        if not self.agrees_with(truth, self.claimed_values):
            return None
        left = locate(self.note, self.read, self.left)
        group = kl_group(left.tree)
        if group is None:
            return None
        sides = [p for p in group.children[1 if group.children[0].type != "LEFT" else 2].children
                 if isinstance(p, Tree) and p.data != "body_sep"]
        a, b = (left.text(s) for s in sides)
        (sa, ea), (sb, eb) = (fixes.span(s) for s in sides)
        edits = [fixes.Edit(sa, ea, b), fixes.Edit(sb, eb, a)]
        fix = fixes.apply(left.source, left.base, left.lo, left.hi, edits)
        return Diagnosis("swapped-arguments", f"D_{{KL}}({b}\\|{a})", left.start, fix)

    def agrees_with(self, truth: sympy.Expr, values: np.ndarray) -> bool:
        saved = self.truth_values
        self.truth_values = self.sampler.values(truth)
        try:
            return self.agrees(values)
        finally:
            self.truth_values = saved

    def substitution(self) -> Diagnosis | None:
        return self.rescaled() or self.swapped_symbols()

    def swapped_symbols(self) -> Diagnosis | None:
        """Two symbols of one domain written in each other's place, where they are written: as names,
        and as letters of a word read letter by letter (`ba` is b times a)."""
        letters = self.letter_words()
        written = {n: (s, nodes) for n, s, nodes in self.parameter_names() if isinstance(s, sympy.Symbol)}
        written.update({k: (self.table.lookup(k).symbol, []) for k in letters if k not in written})
        names = [(n, s, nodes) for n, (s, nodes) in sorted(written.items())]
        for i, (a, sa, na) in enumerate(names):
            for b, sb, nb in names[i + 1:]:
                if sa.assumptions0 != sb.assumptions0:
                    continue
                found = self.swap(a, sa, na, b, sb, nb, letters)
                if found is not None:
                    return found
        return None

    def swap(self, a, sa, na, b, sb, nb, letters) -> Diagnosis | None:
        """The names a and b swapped where they are written as names; failing that, when they are also
        letters of words read letter by letter, there too (`ba` for `b\\mu`). The names alone come first:
        the words then stay as written (`ac` is not rewritten `ca`)."""
        replacements = {**{id(n): {sa: sb} for n in na}, **{id(n): {sb: sa} for n in nb}}
        spans = [(*fixes.span(n), b) for n in na] + [(*fixes.span(n), a) for n in nb]
        tries = [(replacements, spans)] if spans else []
        in_words = letters.get(a, []) + letters.get(b, [])
        if in_words and _LETTER_SAFE.match(a) and _LETTER_SAFE.match(b):  # a letter's place takes \mu, not x_{m}
            at = fixes.span
            tries.append(({**replacements, **{id(w): {sa: sb, sb: sa} for w, _ in in_words}},
                          spans + [(at(w)[0] + k, at(w)[0] + k + 1, b) for w, k in letters.get(a, [])]
                          + [(at(w)[0] + k, at(w)[0] + k + 1, a) for w, k in letters.get(b, [])]))
        for replacements, spans in tries:
            candidate = self.written(replacements)
            try:
                values = self.sampler.values(self.reference.expand(candidate))
            except NotDerivable:
                continue
            if self.agrees(values) and self.confirm(candidate):
                edits = [self.name_edit(lo, hi, new) for lo, hi, new in spans]
                return Diagnosis("substitution", f"{a} \\leftrightarrow {b}", self.located.start, self.fix(edits))
        return None

    def letter_words(self) -> dict[str, list[tuple[Tree, int]]]:
        """Where each one-letter scalar is written inside a word read letter by letter, as (word, index);
        not in a word raised to a power or given a factorial (`ah^2` is a times h squared)."""
        if self._letter_words is not None:
            return self._letter_words
        found: dict[str, list] = {}
        postfixed = {id(n.children[0]) for n in self.located.tree.iter_subtrees() if n.data in ("superscript", "factorial")}
        builder = Builder(self.table, self.overrides)
        for node in self.located.tree.iter_subtrees_topdown():
            if node.data != "word" or id(node) in postfixed or len(node.children[0].value) < 2:
                continue
            word = node.children[0].value
            meanings = [self.table.lookup(ch) for ch in word]
            if self.table.lookup(word) is not None or not all(isinstance(m, (Scalar, Constant)) for m in meanings):
                continue
            try:
                value = builder.expr(node)
            except (ReadError, TypeError, ValueError):
                continue
            if value != sympy.Mul(*(builder.meaning_value(m) for m in meanings)):
                continue  # the word means something else (a declared name, a known one)
            for k, (ch, meaning) in enumerate(zip(word, meanings)):
                if isinstance(meaning, Scalar) and not meaning.symbol.is_integer:
                    found.setdefault(ch, []).append((node, k))
        self._letter_words = found
        return found

    def rescaled(self) -> Diagnosis | None:
        for name, symbol, nodes in self.parameter_names():
            for label, new, latex in _substitutions(symbol, name):
                candidate = self.written({id(n): new for n in nodes}) if not isinstance(symbol, sympy.IndexedBase) \
                    else self.right.value.replace(lambda e, b=symbol: isinstance(e, sympy.Indexed) and e.base == b, new)
                try:
                    values = self.sampler.values(self.reference.expand(candidate))
                except NotDerivable:
                    continue
                if self.agrees(values) and self.confirm(candidate):
                    edits = [self.name_edit(*fixes.span(n), latex(self.located.text(n)), compound=True) for n in nodes]
                    return Diagnosis("substitution", label, self.located.start, self.fix(edits))
        return None

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

    @property
    def superscript_bases(self) -> set[int]:
        """Where each base of a power starts in the source."""
        if self._superscript_bases is None:
            self._superscript_bases = {fixes.span(n.children[0])[0] for n in self.located.tree.iter_subtrees()
                                       if n.data == "superscript"}
        return self._superscript_bases

    def written(self, replacements: dict[int, dict]) -> sympy.Expr:
        """The member with a scalar replaced at the written name nodes only, as the text edit does: not
        inside a law declared in the front matter, nor in a word read letter by letter (`uw`)."""
        return self.rebuilt({key: (lambda v, r=r: v.xreplace(r)) for key, r in replacements.items()})

    def parameter_names(self):
        """Each declared symbol of the claimed side, with the name nodes where it is written, each once:
        a name written with a subscript or an accent (`\\sigma_\\theta`, `x_m`, `\\tilde{x}`) is one name,
        the names inside it are not written on their own, and a vector is written by its components `\\mu_i`
        (the whole component is what an edit replaces) or by its bare name."""
        found: dict[str, list] = {}

        def visit(node):
            if not isinstance(node, Tree):
                return
            if node.data in ("word", "command", "accent", "font", "subscript"):
                key = canonical(node)
                if isinstance(self.table.lookup(key), (Scalar, Vector)):
                    found.setdefault(key, []).append(node)
                    return
                if node.data == "subscript" and isinstance(self.table.lookup(canonical(node.children[0])), Vector):
                    found.setdefault(canonical(node.children[0]), []).append(node)
                    return
            for child in node.children:
                visit(child)

        visit(self.located.tree)
        for key, nodes in sorted(found.items()):
            meaning = self.table.lookup(key)
            if isinstance(meaning, Scalar) and not meaning.symbol.is_integer:
                yield key, meaning.symbol, nodes
            elif isinstance(meaning, Vector):
                yield key, meaning.base, nodes

    def log_base(self) -> Diagnosis | None:
        logs = [n for n in self.located.tree.iter_subtrees_topdown()
                if n.data in ("app", "fnrun") and n.children[0].value in ("\\log", "\\ln")]
        for node in logs:
            has_base = isinstance(node.children[1], Tree) and node.children[1].data == "fnsub"
            for base in (2, 10):
                factor = sympy.log(base) if has_base else 1 / sympy.log(base)
                candidate = self.rebuilt({id(node): lambda v, f=factor: v * f})
                if not (self.agrees(self.sampler.values(self.reference.expand(candidate))) and self.confirm(candidate)):
                    continue
                func = node.children[0]
                end = fixes.span(node.children[1])[1] if has_base else func.end_pos
                new = "\\log" if has_base else f"\\log_{{{base}}}"
                what = f"{self.located.text(node)}: a natural log is due" if has_base else \
                    f"{self.located.text(node)}: base {base} is due"
                return Diagnosis("log-base", what, self.located.at(node),
                                 self.fix([fixes.Edit(func.start_pos, end, new)]))
        return None

    def removed_powers(self) -> Diagnosis | None:
        """A root or an exponent written where none was meant: deleting it is the smallest edit, tried
        before a substitution would rewrite the symbol under it (`\\sqrt{x}` -> `\\sqrt{x^2}`)."""
        return self.powers(removals=True)

    def added_powers(self) -> Diagnosis | None:
        return self.powers(removals=False)

    def powers(self, tree=None, removals: bool | None = None) -> Diagnosis | None:
        """A power slip on one occurrence: x^2 where x was meant, sqrt(x) for x, x for x^2; `removals`
        True or False keeps only the edits that delete, or only those that write, a root or exponent."""
        for node in (tree if tree is not None else self.located.tree).iter_subtrees_topdown():
            for target, transform, edit, removal in self.power_candidates(node):
                if removals is not None and removal != removals:
                    continue
                candidate = self.rebuilt({id(target): transform})
                try:
                    values = self.sampler.values(self.reference.expand(candidate))
                except NotDerivable:
                    continue
                if self.agrees(values) and self.confirm(candidate):
                    return Diagnosis("power", self.located.text(node), self.located.at(node), self.fix([edit]))
        return None

    def unwritten_power(self, term) -> Diagnosis | None:
        """Rescaling a term that has no written coefficient inserts a number the author never wrote
        (`\\log\\sqrt{x}` -> `2\\log\\sqrt{x}`); when deleting a root or an exponent written inside the
        term restores equality, that edit of the author's own text is the slip."""
        if fixes.leading_coefficient(term) is not None or not isinstance(term, Tree):
            return None
        return self.powers(term, removals=True)

    def power_candidates(self, node):
        """(node whose value changes, how, the text edit, whether the edit deletes a written power):
        the exponent itself when one is written."""
        text = self.located.text
        if node.data == "superscript":
            base, exponent = node.children[0], node.children[2]
            value = self.literal(exponent)
            if value is None:
                return
            for scale in (sympy.Rational(1, 2), sympy.Integer(2)):
                new = value * scale
                shown = text(base) if new == 1 else f"{text(base)}^{{{fixes.rational_latex(new) or 1}}}"
                yield exponent, (lambda v, s=scale: v * s), fixes.Edit(*fixes.span(node), shown), new == 1
        elif node.data == "sqrt" and len(node.children) == 2:  # no index: \sqrt{x} where x was meant
            inner = text(node.children[1]).strip()
            inner = inner[1:-1] if inner.startswith("{") and inner.endswith("}") else inner
            yield node, (lambda v: v ** 2), fixes.Edit(*fixes.span(node), inner), True
        elif node.data in ("word", "command", "accent") and _positive_scalar(self.table, node):
            yield node, (lambda v: v ** 2), self.name_edit(*fixes.span(node), f"{text(node)}^2", compound=True), False
            yield node, (lambda v: sympy.sqrt(v)), fixes.Edit(*fixes.span(node), f"\\sqrt{{{text(node)}}}"), False

    def literal(self, node):
        """A written exponent's value when it is a plain number, else None."""
        try:
            value = Builder(self.table, self.overrides).expr(node)
        except (ReadError, TypeError, ValueError):
            return None
        return value if value.is_Rational else None

    def term_pairs(self) -> Diagnosis | None:
        residual = self.claimed_values - self.truth_values
        terms = list(additive_terms(self.located.tree))[:12]
        contributions = {}
        for term, _ in terms:
            contributions[id(term)] = self.claimed_values - self.sampler.values(
                self.reference.expand(self.rebuilt({id(term): lambda v: sympy.Integer(0)})))
        for i, (a, pa) in enumerate(terms):
            for b, pb in terms[i + 1:]:
                if contains(a, b) or contains(b, a):
                    continue
                both = contributions[id(a)] + contributions[id(b)]
                if constant_ratio(-residual, both) != -2:
                    continue
                candidate = self.rebuilt({id(a): lambda v: -v, id(b): lambda v: -v})
                if self.confirm(candidate):
                    edits = [fixes.flip_sign(self.located.source, t, p) for t, p in ((a, pa), (b, pb))]
                    names = " and ".join(self.located.text(t) for t in (a, b))
                    return Diagnosis("sign", names, self.located.at(a), self.fix(edits))
        return None

    def special_case(self) -> Diagnosis | None:
        both = self.truth + self.claimed
        symbols = _scalar_parameters(both) + sorted(both.atoms(sympy.IndexedBase), key=str)
        for i, a in enumerate(symbols):
            for b in symbols[i + 1:]:
                if type(a) is not type(b) or a.assumptions0 != b.assumptions0:
                    continue
                equal = {b: a}
                truth = self.truth.xreplace(equal)
                claimed = self.claimed.xreplace(equal)
                if self.agrees_with(truth, self.sampler.values(claimed)):
                    missing = self.missing_term()
                    fix = missing.fix if missing else None
                    name_a, name_b = str(getattr(a, "label", a)), str(getattr(b, "label", b))
                    return Diagnosis("special-case", f"{name_a} = {name_b}", self.located.start, fix)
        return None

    def missing_term(self) -> Diagnosis | None:
        try:
            with time_budget(self.budget):
                missing = sympy.simplify(normal_form(self.truth - self.claimed))
                if len(sympy.Add.make_args(missing)) > 2:  # a lost bracket: (mu^2 + sigma^2 - 1)/2 is one term
                    missing = sympy.factor(missing)
        except (BudgetExceeded, BasePolynomialError, NotImplementedError, TypeError, ValueError):
            return None
        if len(sympy.Add.make_args(missing)) > 2 or missing == 0 or not self.readable(missing):
            return None
        edit = fixes.append_term(self.located.hi, missing, self.symbol_names())
        return Diagnosis("missing-term", sympy.latex(missing, symbol_names=self.symbol_names()),
                         self.located.start, self.fix([edit]))

    def readable(self, term: sympy.Expr) -> bool:
        """A term an author could have lost: finite, real where the truth is, and no longer than the truth
        itself (a residual such as `(-1)^x (...) e^{-x log(1 - theta)}` only restates that the sides differ)."""
        if term.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo) or (term.has(sympy.I) and not self.truth.has(sympy.I)):
            return False
        return sympy.count_ops(term) <= max(MISSING_TERM_OPS, sympy.count_ops(self.truth))

    def nested_missing_term(self) -> Diagnosis | None:
        """A term missing inside a bracket, a fraction or an exponent (`\\log(-\\theta)` for
        `\\log(1 - \\theta)`), where it does not add to the member, within the link's budget."""
        try:
            with time_budget(self.budget):
                return next(filter(None, map(self.term_missing_at, inner_places(self.located.tree))), None)
        except BudgetExceeded:
            return None

    def term_missing_at(self, place) -> Diagnosis | None:
        """The term t that makes the member hold once added at `place`: solved for at every point
        (secant steps), matched with a rational multiple of 1, of a symbol, of its square or of a product
        of two, and the edit confirmed symbolically."""
        t = sympy.Dummy("t")
        try:
            placed = self.reference.expand(self.rebuilt({id(place): lambda v: v + t}))
        except NotDerivable:
            return None
        if t not in placed.free_symbols:
            return None
        solved = self.solve_each_point(placed, t)
        if solved is None:
            return None
        for monomial, values in self.monomials():
            for factor in common_ratios(solved, values):
                term = factor * monomial
                if not self.confirm(self.rebuilt({id(place): lambda v, term=term: v + term})):
                    continue
                lo, hi = fixes.span(place)
                opens_negative = self.located.source[lo:hi].startswith("-") and not term.could_extract_minus_sign()
                edit = (fixes.prepend_term(lo, term, self.symbol_names()) if opens_negative
                        else fixes.append_term(hi, term, self.symbol_names()))
                return Diagnosis("missing-term", sympy.latex(term, symbol_names=self.symbol_names()),
                                 self.located.at(place), self.fix([edit]))
        return None

    def monomials(self) -> list[tuple[sympy.Expr, np.ndarray]]:
        """1, each scalar parameter, its square and each product of two, with their values at the points."""
        if self._monomials is not None:
            return self._monomials
        symbols = _scalar_parameters(self.truth)
        terms = [sympy.Integer(1)] + symbols + [a * b for i, a in enumerate(symbols) for b in symbols[i:]]
        self._monomials = [(m, self.sampler.values(m) if m != 1 else np.ones_like(self.truth_values)) for m in terms]
        return self._monomials

    def solve_each_point(self, placed: sympy.Expr, t: sympy.Dummy) -> np.ndarray | None:
        """From each of a few starts (a row each), t at every point such that `placed` meets the truth,
        nan where the secant steps, kept inside the domain, do not converge; None when none does. A
        place under a square has two roots: the last rows look for a second one, either side of the first."""
        target = self.truth_values

        def gap(given):
            return self.sampler.values_with(placed, t, given) - target

        rows = [secant(gap, np.full_like(target, start), target) for start in (0.5, -0.5, 2.0)]
        first = next((r for r in rows if np.isfinite(r).any()), None)
        if first is None:
            return None
        with np.errstate(all="ignore"):
            rows += [secant(lambda given: gap(given) / (given - first), first + side, target) for side in (1.0, -2.0)]
        solved = np.array(rows)
        # A few points suffice to propose a term: the edit is then confirmed symbolically.
        return solved if np.isfinite(solved).any(axis=0).sum() >= 3 else None

    def constant(self) -> Diagnosis | None:
        residual = self.claimed_values - self.truth_values
        ok = np.isfinite(residual)
        if ok.sum() < max(3, len(residual) // 2) or np.ptp(residual[ok]) > 1e-8 * (1 + np.abs(residual[ok]).max()):
            return None
        constant = normal_form(self.claimed - self.truth)
        if not (constant.is_number and constant.is_real):  # a few points where both sides exist prove nothing
            return None
        edit = fixes.append_term(self.located.hi, -constant, self.symbol_names())
        return Diagnosis("constant", sympy.latex(constant, symbol_names=self.symbol_names()),
                         self.located.start, self.fix([edit]))

    def mismatch(self) -> Diagnosis:
        try:
            with time_budget(self.budget):
                residual = normal_form(self.claimed - self.truth)
        except BudgetExceeded:
            residual = self.claimed - self.truth
        return Diagnosis("mismatch", sympy.latex(residual, symbol_names=self.symbol_names()), self.located.start)

    # --- helpers ------------------------------------------------------------------------
    def fix(self, edits) -> Fix:
        located = self.located
        return fixes.apply(located.source, located.base, located.lo, located.hi, edits)

    def symbol_names(self) -> dict:
        names = {}
        for key, meaning in self.table.names.items():
            if isinstance(meaning, Scalar):
                names[meaning.symbol] = key
        return names


def _scalar_parameters(expr: sympy.Expr) -> list[sympy.Symbol]:
    """The expression's real scalar symbols, sorted: no vector label, integer or stand-in."""
    return sorted((s for s in expr.free_symbols - labels(expr) if isinstance(s, sympy.Symbol)
                   and not s.is_integer and not isinstance(s, sympy.Dummy)), key=str)


def _substitutions(symbol, name: str):
    """Parametrisation slips: log-std read as log-variance (s -> 2s), std read as variance, ..."""
    if isinstance(symbol, sympy.IndexedBase):
        yield f"{name} \\to 2{name}", lambda e: 2 * e, lambda t: f"2{t}"
        yield f"{name} \\to {name}/2", lambda e: e / 2, lambda t: f"\\frac{{{t}}}{{2}}"
        if symbol.is_positive:
            yield f"{name} \\to {name}^2", lambda e: e ** 2, lambda t: f"{t}^2"
            yield f"{name} \\to \\sqrt{{{name}}}", lambda e: sympy.sqrt(e), lambda t: f"\\sqrt{{{t}}}"
        return
    yield f"{name} \\to 2{name}", {symbol: 2 * symbol}, lambda t: f"2{t}"
    yield f"{name} \\to {name}/2", {symbol: symbol / 2}, lambda t: f"\\frac{{{t}}}{{2}}"
    if symbol.is_positive:
        yield f"{name} \\to {name}^2", {symbol: symbol ** 2}, lambda t: f"{t}^2"
        yield f"{name} \\to \\sqrt{{{name}}}", {symbol: sympy.sqrt(symbol)}, lambda t: f"\\sqrt{{{t}}}"


_LETTER_SAFE = re.compile(r"^([A-Za-z]|\\[A-Za-z]+)$")  # a letter, or a command such as \mu


def _positive_scalar(table: NameTable, node) -> bool:
    """A positive real parameter; integers are dimensions and counts, not slips of power."""
    meaning = table.lookup(canonical(node))
    return isinstance(meaning, Scalar) and bool(meaning.symbol.is_positive) and not meaning.symbol.is_integer


def diagnosis_finding(diagnosis: Diagnosis, note: Note, note_text: str) -> Finding:
    line, column = note.position(diagnosis.offset)
    args = (("term", diagnosis.term), ("note", note_text), ("factor", diagnosis.extra.get("factor", "")))
    return Finding(KIND_CODES[diagnosis.kind], line, column, args=args, kind=diagnosis.kind, fix=diagnosis.fix)
