"""Read every claim of a note through its context: a chain of SymPy members, or a finding."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from .context import Context, table_with
from .declarations import Entry
from .display import COMPONENTS_LISTED
from .document import Claim, Fragment, Note
from .macros import Macros, expand
from ..model.faults import fault_finding, strict
from ..model.findings import Finding
from ..latex.shapes import canonical
from ..latex.errors import ReadError
from ..latex.reader import (Member, Reading, Statement, is_name, parse, read_chain, read_chain_parts, read_continuation,
                            read_expression, read_name)
from ..model.chains import compose
from ..semantics.transforms import agrees as transform_agrees
from ..model.names import Constant, DistributionDecl, NameTable, Vector


@dataclass(frozen=True)
class ReadClaim:
    """A claim and what it was read as; `reading` is None when `finding` says why."""

    claim: Claim
    reading: Reading | None
    finding: Finding | None = None
    # `where` directives: what a name means in this claim only; later stages rebuild members with it.
    bindings: dict[str, Any] = field(default_factory=dict, compare=False)
    # A formula that states assumptions (`X \sim p`): listed with its finding (V403/V404), not checked.
    statement: Statement | None = None
    # The names as a premise before an arrow sets them (`X \sim \mathcal{N}(\mu, \sigma^2) \Rightarrow
    # \mathrm{Var}(X) = \sigma^2`: the law of x is the stated one); None: the note's own table.
    premise_table: NameTable | None = field(default=None, compare=False)
    # Two read members on either side of unread ones: the chain implies their composed relation, so a
    # counterexample to it refutes the chain; its holding proves nothing about the members between.
    bridge: bool = False
    # What the names mean where the claim stands, when a `from:` scope of the front matter sets them.
    scope_table: NameTable | None = field(default=None, compare=False)
    defines_function: bool = False  # its first link defines a function (`defines f`), declared from it on
    notation: bool = False  # prose naming a declared vector's components (`\mu_\phi(x) = (\mu_1, \dots, \mu_d)`)

    def table(self, note_table: NameTable) -> NameTable:
        """The names this claim is read and checked under: a premise's, its scope's, or the note's."""
        return self.premise_table or self.scope_table or note_table

    @property
    def skipped(self) -> bool:
        return bool(self.claim.directive("skip"))

    @property
    def listed(self) -> bool:
        """Read, and not a claim to check: skipped by a directive, or a statement of assumptions."""
        return self.skipped or self.statement is not None or self.notation


def read_claims(note: Note, context: Context) -> list[ReadClaim]:
    reads: list[ReadClaim] = []
    functions: list[Entry] = []  # defined by formulas so far (`<!-- verify: defines f -->`)
    macros = context.macros.then(note.macros)
    for claim in note.claims:
        before = len(reads)
        try:
            claim = with_macros(claim, macros)
        except _ErrorAt as located:
            reads.append(_unread(note, claim, located))
            continue
        scoped = context.table_at(_end(claim))
        if (function := defined_function(note, context, claim)) is not None:
            functions.append(function)
        if functions:  # `defines f`: the function holds from the formula that defines it on
            scoped, problems = table_with(note, context, _end(claim), functions)
            if problems:  # a definition that does not read: this formula says why, the later ones go without it
                if function is not None:
                    functions.pop()
                reads.append(ReadClaim(claim, None, problems[0]))
                continue
        _read_into(reads, note, scoped or context.table, claim)
        if scoped is not None:
            reads[before:] = [replace(r, scope_table=scoped, defines_function=function is not None)
                              for r in reads[before:]]
        failed = reads[before:] and reads[-1].reading is None and reads[-1].statement is None
        if failed and not claim.directive("skip") and reads[-1].finding is not None and reads[-1].finding.code != "V106":
            table = reads[-1].table(context.table)
            try:
                parts = readable_parts(claim, table)
            except Exception as error:  # a fault of the reader in the parts: V900 beside the unread claim
                if strict():
                    raise
                reads.append(ReadClaim(claim, None, fault_finding(claim.line, claim.column, "reading", error)))
                parts = []
            reads += [replace(reads[-1], reading=part, finding=None, bridge=bridge) for part, bridge in parts]
    return reads


def readable_parts(claim: Claim, table: NameTable) -> list[tuple[Reading, bool]]:
    """The runs of members that could be read, where one member could not (a name left undeclared, an
    ambiguous notation): every link between two read members is still checked, and each pair of read
    members on either side of unread ones is a bridge (True), checked under the relation the chain implies."""
    try:
        overrides = bindings(claim, table)
        members, relations, positions = [], [], []
        for i, fragment in enumerate(claim.fragments):
            parts = read_chain_parts(fragment.source, table, overrides, fragment.continues and i > 0)
            members += [m if isinstance(m, ReadError) else _placed(m, fragment) for m in parts[0]]
            relations += parts[1]
            positions += [fragment.place(p) for p in parts[2]]
    except (ReadError, _ErrorAt):
        return []
    if not any(isinstance(m, ReadError) for m in members):
        return []
    runs, start = [], 0
    for k in range(len(members) + 1):
        if k == len(members) or isinstance(members[k], ReadError):
            if k - start >= 2:
                runs.append((Reading(tuple(members[start:k]), tuple(relations[start : k - 1]),
                                     tuple(positions[start : k - 1])), False))
            start = k + 1
    # an unread member may be what makes the chain approximate (`e^x = 1 + x + \\mathcal{O}(x^2) = 1 + x`):
    # no bridge where the formula writes a remainder or an ellipsis
    return runs + ([] if APPROXIMATE.search(claim.latex) else _bridges(members, relations, positions))


APPROXIMATE = re.compile(r"\\mathcal\{O\}|(?<![A-Za-z\\])[Oo]\s*\(|\\[lc]?dots|\.\.\.|\\approx")


def _bridges(members: list, relations: list[str], positions: list[int]) -> list[tuple[Reading, bool]]:
    """`a = b = c` with b unread implies `a = c`: each gap of unread members, bridged by the composed relation."""
    read = [k for k, m in enumerate(members) if not isinstance(m, ReadError)]
    bridges = []
    for i, j in zip(read, read[1:]):
        if j == i + 1:
            continue
        relation = relations[i]
        for r in relations[i + 1 : j]:
            relation = compose(relation, r)
        if relation is not None:
            bridges.append((Reading((members[i], members[j]), (relation,), (positions[i],)), True))
    return bridges


def defined_function(note: Note, context: Context, claim: Claim) -> Entry | None:
    """`$$f(x) = x^2 + 1$$ <!-- verify: defines f -->` with f no declared scalar: the first link defines the
    function f, as its declaration under `functions:` would, for this formula and every one after it."""
    directives = claim.directive("defines")
    if not directives or not claim.fragments or claim.fragments[0].continues:
        return None
    name = directives[0].argument.strip()
    table = context.table_at(_end(claim)) or context.table
    try:
        if not name or table.lookup(read_name(name)) is not None:
            return None  # a declared scalar: `defines D` as before
        source = claim.fragments[0].source
        chain = parse(source, "start").children[0]
    except ReadError:
        return None
    kids = [k for k in chain.children if hasattr(k, "data")] if chain.data == "chain" else []
    if len(kids) < 3 or kids[1].children[0].type != "EQ":
        return None
    key, value = (source[k.meta.start_pos : k.meta.end_pos] for k in (kids[0], kids[2]))
    if "(" not in key or not key.startswith(name):
        return None
    return Entry(key, value, claim.line, claim.column, None)


def _end(claim: Claim) -> int:
    last = claim.fragments[-1] if claim.fragments else None
    return last.offset + len(last.text) if last is not None else 0


def _read_into(reads: list[ReadClaim], note: Note, note_table: NameTable, claim: Claim) -> None:
    """The claim read, under the premise of an arrow before it when there is one."""
    premise = reads[-1].statement if claim.after_arrow and reads else None
    if claim.after_arrow and premise is None and reads and reads[-1].premise_table is not None:
        # a later row under the premise of the rows before it
        reads.append(replace(read_claim(note, reads[-1].premise_table, claim), premise_table=reads[-1].premise_table))
        return
    if premise is not None and (scoped := with_stated_laws(note_table, premise)) is not None:
        stated = reads[-1].claim
        latex = "; ".join(part.latex for part in premise.parts)
        reads[-1] = replace(reads[-1], finding=Finding("V403", stated.line, stated.column, args=(
            ("statement", latex), ("agreement", "; the formula after the arrow is read under it"))))
        reads.append(replace(read_claim(note, scoped, claim), premise_table=scoped))
    else:
        reads.append(read_claim(note, note_table, claim))


def with_stated_laws(table: NameTable, statement: Statement) -> NameTable | None:
    """The table with each law a premise states in place of the laws declared on its variable."""
    laws = [part.law for part in statement.parts if part.law is not None]
    if not laws:
        return None
    variables = {law.variable for law in laws}
    distributions = {name: [d for d in decls if d.point_value not in variables]
                     for name, decls in table.distributions.items()}
    for k, law in enumerate(laws):
        name = f"premise {k + 1}"  # no formula can spell it: reached only through its variable
        distributions[name] = [DistributionDecl(name, str(law.variable), (), law, law.variable)]
    return replace(table, distributions={n: d for n, d in distributions.items() if d})


def read_claim(note: Note, table: NameTable, claim: Claim) -> ReadClaim:
    if claim.directive("skip"):
        return ReadClaim(claim, None, Finding("V302", claim.line, claim.column))
    if (named := _components_named(claim, table)) is not None:
        return named
    try:
        overrides = bindings(claim, table)
        if table.syntax_only:
            for fragment in claim.fragments:
                _at(fragment, lambda: parse(fragment.source, "continuation" if fragment.continues else "start"))
            return ReadClaim(claim, None)
        reading = _joined(claim, table, overrides)
        if isinstance(reading, Statement):
            reading = with_transform_laws(reading, table)
            return ReadClaim(claim, None, statement_finding(claim, reading), statement=reading)
        return ReadClaim(claim, reading, bindings=overrides)
    except _ErrorAt as located:
        return _unread(note, claim, located)
    except Exception as error:  # a fault of the reader, never the author's: V900 with the traceback
        if strict():
            raise
        return ReadClaim(claim, None, fault_finding(claim.line, claim.column, "reading", error))


def _components_named(claim: Claim, table: NameTable) -> ReadClaim | None:
    r"""Inline prose that names a declared vector's components, `where $\mu_\phi(x) = (\mu_1, \dots, \mu_d)$`:
    notation, not a claim; listed (V402) and not checked. A display formula is always a claim."""
    m = COMPONENTS_LISTED.match(claim.latex) if not claim.display else None
    if m is None or not isinstance(table.lookup(m["name"]), Vector):
        return None
    value = claim.latex.split("=", 1)[1].strip().rstrip(".,").strip()
    return ReadClaim(claim, None, Finding("V402", claim.line, claim.column, args=(
        ("name", m["alias"]), ("value", value), ("relation", "="))), notation=True)


class _ErrorAt(Exception):
    """A reader's error and the offset in the note where it points."""

    def __init__(self, error: ReadError, offset: int):
        self.error, self.offset = error, offset


def _at(fragment: Fragment, action):
    """The action on the fragment's text; its error is placed in the note through the fragment."""
    try:
        return action()
    except ReadError as error:
        raise _ErrorAt(error, fragment.place(error.position)) from None


def _unread(note: Note, claim: Claim, located: _ErrorAt) -> ReadClaim:
    error = located.error
    line, column = note.position(located.offset)
    return ReadClaim(claim, None, Finding(error.code, line, column, args=tuple(error.arguments.items())))


def with_macros(claim: Claim, macros: Macros) -> Claim:
    """The claim with the note's macros expanded in each fragment, as they stand where it stands."""
    if not macros or claim.directive("skip"):
        return claim
    fragments = [_expanded(fragment, macros) for fragment in claim.fragments]
    return claim if fragments == claim.fragments else replace(claim, fragments=fragments)


def _expanded(fragment: Fragment, macros: Macros) -> Fragment:
    result = _at(fragment, lambda: expand(fragment.text, macros, fragment.offset))
    if result is None:
        return fragment
    text, origins = result
    return replace(fragment, expanded=text, origins=tuple(fragment.offset + o for o in origins))


def _joined(claim: Claim, table: NameTable, overrides: dict) -> Reading:
    members: list[Member] = []
    relations: list[str] = []
    positions: list[int] = []
    for i, fragment in enumerate(claim.fragments):
        reader = read_continuation if (fragment.continues and i > 0) else read_chain
        if fragment.continues and i == 0:
            raise _ErrorAt(ReadError("V106", 0, problem="the formula starts with a relation and follows no formula"), fragment.offset)
        part = _at(fragment, lambda: reader(fragment.source, table, overrides))
        if isinstance(part, Statement):
            if len(claim.fragments) == 1:
                return part
            raise _ErrorAt(ReadError("V106", 0, problem="a statement of a law (`\\sim`) cannot carry on a chain of relations"),
                           fragment.offset)
        members += [_placed(m, fragment) for m in part.members]
        relations += part.relations
        positions += [fragment.place(p) for p in part.relation_positions]
    return Reading(tuple(members), tuple(relations), tuple(positions))


def _placed(member: Member, fragment: Fragment) -> Member:
    """A member read from a fragment, placed in the note's coordinates: it starts where its first character
    stands; read from expanded macros, its positions inside go through the fragment's origins."""
    if fragment.expanded is None:
        offset = fragment.offset
        return replace(member, start=member.start + offset, end=member.end + offset, base=offset)
    base = fragment.place(member.start) - member.start
    return replace(member, start=member.start + base, end=member.end + base, base=base, origins=fragment.origins)


def with_transform_laws(statement: Statement, table: NameTable) -> Statement:
    """A transform (`z = \\mu + \\sigma \\odot \\epsilon`) agrees when the law it draws z from, an affine map of
    a declared Gaussian noise, is a law the front matter declares on z."""
    parts = []
    for part in statement.parts:
        if part.kind == "transform":
            decls = table.declarations()
            on_it = {d.distribution for d in decls if d.distribution.variable == part.variable}
            given = table.conditioned_on(part.variable)  # the x of q(z|x) is held fixed, never the noise
            noise = {d.distribution.variable: d.distribution for d in decls
                     if d.distribution.variable != part.variable and d.distribution.variable not in given}
            agreement, law = transform_agrees(part.value, noise, on_it)
            declared = " and ".join(sorted(l.label or "a law" for l in on_it)) if agreement is False else ""
            part = replace(part, agrees=agreement, declared=declared)
        parts.append(part)
    return Statement(tuple(parts))


def statement_finding(claim: Claim, statement: Statement) -> Finding:
    """V404 for the first law the front matter declares otherwise, else V403."""
    latex = "; ".join(part.latex for part in statement.parts)
    differs = next((part for part in statement.parts if part.agrees is False), None)
    if differs is not None:
        return Finding("V404", claim.line, claim.column, args=(("statement", differs.latex), ("declared", differs.declared)))
    agrees = any(part.agrees for part in statement.parts)
    agreement = "; the front matter declares the same law" if agrees else ""
    return Finding("V403", claim.line, claim.column, args=(("statement", latex), ("agreement", agreement)))


def first_item(tree):
    """The one item of a side such as `\\sigma` (a juxtaposition of one name), else the side itself."""
    while getattr(tree, "data", None) == "juxt" and len(tree.children) == 1:
        tree = tree.children[0]
    return tree


def _substitutions(argument: str) -> list[tuple[str, int]]:
    """`where \\mu = 0, \\sigma = 1`: each `NAME = VALUE`, apart by top-level commas, with its offset."""
    pieces, start, depth = [], 0, 0
    for i, ch in enumerate(argument):
        depth += {"{": 1, "(": 1, "[": 1, "}": -1, ")": -1, "]": -1}.get(ch, 0)
        if ch == "," and depth == 0 and "=" in argument[i + 1 :].split(",")[0]:
            pieces.append((argument[start:i], start))
            start = i + 1
    pieces.append((argument[start:], start))
    return [(text.strip(), at + len(text) - len(text.lstrip())) for text, at in pieces]


def bindings(claim: Claim, table: NameTable) -> dict[str, Any]:
    """`<!-- verify: where \\sigma = \\sigma_\\theta -->`: a name means something else in this claim."""
    meanings: dict[str, Any] = {}
    substitutions = [(text, directive.argument_offset + at) for directive in claim.directive("where")
                     for text, at in _substitutions(directive.argument)]
    for text, offset in substitutions:
        tree = _at(Fragment(text, offset, False), lambda: parse(text, "start")).children[0]
        sides = [c for c in tree.children if c.data != "rel"]
        if len(sides) != 2 or tree.children[1].children[0].type != "EQ" or not is_name(first_item(sides[0])):
            raise _ErrorAt(ReadError("V105", 0, directive="where " + text, known="where NAME = VALUE"), offset)
        key = canonical(sides[0])
        value_text = text[sides[1].meta.start_pos : sides[1].meta.end_pos]
        value = _at(Fragment(value_text, offset + sides[1].meta.start_pos, False), lambda: read_expression(value_text, table))
        meanings[key] = value if isinstance(value, Vector) else Constant(value)
    return meanings
