"""A parameter rescaled where it is written (`s` for `2s`), or two symbols swapped (`substitution`)."""
from __future__ import annotations

import re

import sympy
from lark import Tree

from .. import fixes
from ..diagnosis import Diagnosis
from ..trees import additive_terms, contains
from ..workbench import Workbench

POWERS = {"^2": "squared", "\\sqrt{}": "a square root"}  # a rescaling that is a power, by what it writes around the name
_LETTER_SAFE = re.compile(r"^([A-Za-z]|\\[A-Za-z]+)$")  # a letter, or a command such as \mu


def substitution(bench: Workbench) -> Diagnosis | None:
    """A name rescaled, else two names swapped: one name edited before two; else an event's value."""
    return rescaled(bench) or swapped_symbols(bench) or event_values(bench)


def rescaled(bench: Workbench) -> Diagnosis | None:
    """A parametrisation slip on every written occurrence of one name (log-std read as log-variance)."""
    for name, symbol, nodes in bench.parameter_names:
        for label, new, latex in _substitutions(symbol, name):
            candidate = bench.written({id(n): new for n in nodes}) if not isinstance(symbol, sympy.IndexedBase) \
                else bench.right.value.replace(lambda e, b=symbol: isinstance(e, sympy.Indexed) and e.base == b, new)
            if bench.holds(candidate):
                edits = [bench.name_edit(*fixes.span(n), latex(bench.located.text(n)), compound=True) for n in nodes]
                power = POWERS.get(label.rsplit("\\to ", 1)[-1].replace(name, "", 1))
                if power and len(nodes) == 1:  # `\\mu^2 + \\sigma` for `\\mu^2 + \\sigma^2`: one name's power, no renaming
                    return Diagnosis("power", bench.located.text(nodes[0]), bench.located.at(nodes[0]), bench.fix(edits),
                                     (("should", power),))
                return Diagnosis("substitution", label, bench.located.start, bench.fix(edits))
    return None


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


def swapped_symbols(bench: Workbench) -> Diagnosis | None:
    """Two symbols of one domain written in each other's place, where they are written: as names,
    and as letters of a word read letter by letter (`ba` is b times a)."""
    letters = bench.letter_words
    written = {n: (s, nodes) for n, s, nodes in bench.parameter_names if isinstance(s, sympy.Symbol)}
    written.update({k: (bench.table.lookup(k).symbol, []) for k in letters if k not in written})
    names = [(n, s, nodes) for n, (s, nodes) in sorted(written.items())]
    for i, (a, sa, na) in enumerate(names):
        for b, sb, nb in names[i + 1:]:
            if sa.assumptions0 != sb.assumptions0:
                continue
            found = _swap(bench, a, sa, na, b, sb, nb, letters)
            if found is not None:
                return found
    return None


def _swap(bench: Workbench, a, sa, na, b, sb, nb, letters) -> Diagnosis | None:
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
        if bench.holds(bench.written(replacements)):
            edits = [bench.name_edit(lo, hi, new) for lo, hi, new in spans]
            return Diagnosis("substitution", f"{a} \\leftrightarrow {b}", bench.located.start, bench.fix(edits))
    return None


def event_values(bench: Workbench) -> Diagnosis | None:
    """An outcome written for another in one term of a sum over outcomes (`p(X=0)\\ln\\frac{p(X=0)}{q(X=0)}`
    twice, the second meant for X = 1): the events of one value in one term given another value of the
    member's events, or the next or previous integer; the member's own terms before the whole member, the
    later term first (of two terms written alike, the later is the copy)."""
    events = _events(bench.located.tree)
    if not events:
        return None
    written = sorted({value for _, value, _ in events})
    tree = bench.located.tree
    for term in [t for t, _ in additive_terms(tree)][::-1] + [tree]:
        inside = [(lhs, value, node) for lhs, value, node in events if contains(term, node)]
        for value in sorted({v for _, v, _ in inside}):
            nodes = [node for _, v, node in inside if v == value]
            for new in sorted(set(written) | {value + 1, value - 1} - {value}):
                candidate = bench.rebuilt({id(n): (lambda v, new=new: sympy.Integer(new)) for n in nodes})
                if bench.holds(candidate):
                    edits = [fixes.Edit(*fixes.span(n), str(new)) for n in nodes]
                    lhs = inside[0][0]
                    return Diagnosis("substitution", f"{lhs} = {value} \\to {lhs} = {new}", bench.located.at(term),
                                     bench.fix(edits))
    return None


def _events(tree) -> list:
    """(the event's variable as written, its whole-number value, the value's node) of every `X = k` in a
    bracket (`p(X = 0)`)."""
    found = []
    for node in tree.iter_subtrees_topdown():
        if node.data != "body":
            continue
        kids = node.children
        for i in range(1, len(kids) - 1):
            sep, value = kids[i], kids[i + 1]
            if not (isinstance(sep, Tree) and sep.data == "body_sep" and sep.children[0].type == "EQ"):
                continue
            numbers = [n for n in value.iter_subtrees() if n.data == "number"] if isinstance(value, Tree) else []
            text = numbers[0].children[0].value if len(numbers) == 1 else ""
            if text.isdigit() and len(list(value.iter_subtrees())) <= 2:  # the value is a lone whole number
                found.append((_plain(kids[i - 1]), int(text), numbers[0]))
    return found


def _plain(node) -> str:
    """The event's variable as its tokens read (`X`)."""
    return "".join(t.value for t in node.scan_values(lambda v: hasattr(v, "value")))
