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
            func = node.children[0]
            end = fixes.span(node.children[1])[1] if has_base else func.end_pos
            new = "\\log" if has_base else f"\\log_{{{base}}}"
            return Diagnosis("log-base", located.text(node), located.at(node),
                             bench.fix([fixes.Edit(func.start_pos, end, new)]), (("base", "e" if has_base else base),))
    return None
