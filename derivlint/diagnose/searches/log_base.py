"""A log written in the wrong base (`log-base`)."""
from __future__ import annotations

import sympy
from lark import Tree

from .. import fixes
from ..diagnosis import Diagnosis
from ..workbench import Workbench


def log_base(bench: Workbench) -> Diagnosis | None:
    """A natural log where base 2 or 10 was meant, or a log with a base where a natural one was."""
    located = bench.located
    logs = [n for n in located.tree.iter_subtrees_topdown()
            if n.data in ("app", "fnrun") and n.children[0].value in ("\\log", "\\ln")]
    for node in logs:
        has_base = isinstance(node.children[1], Tree) and node.children[1].data == "fnsub"
        for base in (2, 10):
            factor = sympy.log(base) if has_base else 1 / sympy.log(base)
            candidate = bench.rebuilt({id(node): lambda v, f=factor: v * f})
            # Not `holds`: a log whose references cannot be expanded fails the whole diagnosis, as it always has.
            if not (bench.agrees(bench.values_of(candidate)) and bench.confirm(candidate)):
                continue
            return Diagnosis("log-base", located.text(node), located.at(node),
                             bench.fix([_base_edit(node, None if has_base else base)]), (("base", "e" if has_base else base),))
    return every_log(bench, logs)


def every_log(bench: Workbench, logs: list) -> Diagnosis | None:
    """Every log written with one base (`\\log_2` twice in a geometric entropy in bits) where natural logs were
    meant, or every natural log where one base was: one slip, made at each log, fixed at each."""
    located = bench.located
    based = [n for n in logs if isinstance(n.children[1], Tree) and n.children[1].data == "fnsub"]
    plain = [n for n in logs if n not in based]
    groups = []
    if len(based) > 1 and len({located.text(n.children[1]) for n in based}) == 1:
        groups.append((based, None))
    if len(plain) > 1:
        groups += [(plain, b) for b in (2, 10)]
    for nodes, base in groups:
        if base is None:  # the written base's log is ln / ln(b): multiply back by ln(b), as one edit does
            written = _written_base(bench, nodes[0])
            if written is None:
                continue
            factor = sympy.log(written)
        else:
            factor = 1 / sympy.log(base)
        candidate = bench.rebuilt({id(n): (lambda v, f=factor: v * f) for n in nodes})
        if not (bench.agrees(bench.values_of(candidate)) and bench.confirm(candidate)):
            continue
        return Diagnosis("log-base", located.text(nodes[0]), located.at(nodes[0]),
                         bench.fix([_base_edit(n, base) for n in nodes]), (("base", "e" if base is None else base),))
    return None


def _written_base(bench: Workbench, node) -> sympy.Integer | None:
    """The whole number a `\\log_b` is written with (2 in `\\log_2`, `\\log_{10}`), or None."""
    text = bench.located.text(node.children[1]).lstrip("_").strip("{} ")
    return sympy.Integer(int(text)) if text.isdigit() else None


def _base_edit(node, base) -> fixes.Edit:
    """The log's name rewritten: a written base taken away (base None: `\\log_2` -> `\\log`), or `base` put on."""
    func = node.children[0]
    end = fixes.span(node.children[1])[1] if base is None else func.end_pos
    return fixes.Edit(func.start_pos, end, "\\log" if base is None else f"\\log_{{{base}}}")
