"""The `verify:` front matter -> a name table: symbols, constants, functions, distributions, options."""
from __future__ import annotations

import re

from dataclasses import dataclass, field, replace
from typing import Any, Callable

import yaml

from ..latex.errors import ReadError
from ..latex.reader import read_name
from ..model.findings import Finding
from ..model.names import NameTable
from .declarations import (Entry, declare_constant, declare_distribution, declare_expectation_law, declare_function,
                           declare_log_base,
                           declare_parameters, declare_symbol, split_names)
from .document import Note
from .macros import Macros, expand, front_matter_macro

SECTIONS = ("symbols", "constants", "functions", "distributions", "log", "parameters", "expectation", "macros")


@dataclass
class Context:
    """The name table of a note, what went wrong reading it, and whether that stops the note."""

    table: NameTable
    findings: list[Finding] = field(default_factory=list)
    fatal: bool = False
    macros: Macros = field(default_factory=Macros)  # `macros:`: expanded everywhere, the front matter too
    declared: bool = False  # the front matter holds a `verify:` key (a folder scan skips a note without one)


def build_context(note: Note) -> Context:
    context = Context(NameTable())
    if note.front_matter is None:
        return context
    try:
        root = yaml.compose(note.front_matter, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        line, column, problem = _yaml_problem(error, note.front_matter)
        return _fatal(context, note.front_matter_line + line, column, problem)
    if root is None:
        return context
    if not isinstance(root, yaml.MappingNode):
        return _fatal(context, note.front_matter_line, 1, "the front matter must be a mapping of keys")
    verify_node = _mapping_get(root, "verify")
    if verify_node is None:
        return context
    context.declared = True
    _ContextReader(note, context).read(verify_node)
    return context


def _yaml_problem(error: yaml.YAMLError, source: str) -> tuple[int, int, str]:
    """0-based line, 1-based column and words of a YAML error; an unclosed `{` is shown where it opens."""
    problem_mark = getattr(error, "problem_mark", None)
    context_mark = getattr(error, "context_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    at_end = problem_mark is not None and not source[problem_mark.index :].strip()
    if context_mark is not None and (problem_mark is None or at_end):
        return context_mark.line, context_mark.column + 1, f"{error.context} that starts here never ends ({problem})"
    mark = problem_mark or context_mark
    if mark is None:
        return 0, 1, problem
    return mark.line, mark.column + 1, problem + _quoting_hint(source.splitlines()[mark.line:mark.line + 1])


# A LaTeX value that starts with a character YAML reads as syntax: `|x|` a block scalar, `- x` a
# list item, `[x]` a list, `{x}` a mapping, `*x` an alias, `&x` an anchor, `!x` a tag.
_YAML_SYNTAX = re.compile(r"^\s*[^:#]+:\s+(?P<value>[|>\-\[{*&!%@`].*)$")


def _quoting_hint(lines: list[str]) -> str:
    """How to write the value of the line YAML refused, when it starts with one of YAML's own characters."""
    m = _YAML_SYNTAX.match(lines[0]) if lines else None
    if m is None:
        return ""
    value = m.group("value").strip().replace("'", "''")
    return f"; YAML reads the value's first character as its own syntax: quote it, as in '{value}'"


def _fatal(context: Context, line: int, column: int, problem: str) -> Context:
    context.findings.append(Finding("V101", line, column, args=(("problem", problem),)))
    context.fatal = True
    context.table.syntax_only = True
    return context


def _mapping_get(node: yaml.MappingNode, key: str):
    return next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)


class _ContextReader:
    def __init__(self, note: Note, context: Context):
        self.note, self.context, self.table = note, context, context.table
        self.base_line = note.front_matter_line
        self.base_offset = note.text.find("\n") + 1

    def read(self, node) -> None:
        if not isinstance(node, yaml.MappingNode):
            self.problem(self.line_of(node), 1, "verify", "`verify` must hold a mapping of sections")
            return
        sections = {e.key: e for e in self.entries(node)}
        for key, entry in sections.items():
            if key not in SECTIONS:
                self.finding("V111", entry.line, entry.column, key=key, known=", ".join(SECTIONS))
        self.read_macros(sections.get("macros"))
        for name, reader in (("symbols", declare_symbol), ("constants", declare_constant)):
            for entry in self.section(sections.get(name)):
                self.guard(entry, reader)
        if "log" in sections:
            self.guard(sections["log"], declare_log_base)
        pending = [(e, declare_function) for e in self.section(sections.get("functions"))]
        pending += [(e, declare_distribution) for e in self.section(sections.get("distributions"))]
        self.settle(pending)
        if "parameters" in sections:
            self.guard(sections["parameters"], declare_parameters)
        if "expectation" in sections:
            self.guard(sections["expectation"], declare_expectation_law)

    def read_macros(self, entry: Entry | None) -> None:
        """`macros:` first, for every other entry is read with them expanded."""
        definitions = []
        for item in self.section(entry):
            try:
                definitions.append(front_matter_macro(item.key, item.value))
            except ReadError as error:
                self.finding(error.code, item.line, item.column, **error.arguments)
        self.context.macros = Macros(tuple(definitions))

    def entries(self, node: yaml.MappingNode) -> list[Entry]:
        seen: dict[str, int] = {}
        out = []
        for key_node, value_node in node.value:
            key = str(key_node.value)
            line, column = self.base_line + key_node.start_mark.line, key_node.start_mark.column + 1
            if key in seen:  # reported once here; reading it again would also say "already declared"
                self.finding("V112", line, column, key=key, first=seen[key])
                continue
            seen[key] = line
            offset = None
            if isinstance(value_node, yaml.ScalarNode) and value_node.style is None and \
                    value_node.start_mark.line == value_node.end_mark.line:
                offset = self.base_offset + value_node.start_mark.index
            value = value_node.value if isinstance(value_node, yaml.ScalarNode) else value_node
            entry = self.expanded(Entry(key, value, line, column, offset))
            if entry is not None:
                out.append(entry)
        return out

    def expanded(self, entry: Entry) -> Entry | None:
        """The entry with the front matter's macros expanded in its key and value (a changed value's
        problems are then shown at its key); None when an expansion fails, which is reported."""
        try:
            key = expand(entry.key, self.context.macros)
        except ReadError as error:
            self.report(replace(entry, value_offset=None), error)
            return None
        try:
            value = expand(entry.value, self.context.macros) if isinstance(entry.value, str) else None
        except ReadError as error:
            self.report(entry, error)
            return None
        if key is None and value is None:
            return entry
        return Entry(entry.key if key is None else key[0], entry.value if value is None else value[0],
                     entry.line, entry.column, entry.value_offset if value is None else None)

    def section(self, entry: Entry | None) -> list[Entry]:
        if entry is None:
            return []
        if not isinstance(entry.value, yaml.MappingNode):
            self.problem(entry.line, entry.column, entry.key, "this section must be a mapping `name: value`")
            return []
        return self.entries(entry.value)

    def settle(self, pending: list[tuple[Entry, Callable[[NameTable, Entry], None]]]) -> None:
        """Definitions may use one another in any order: retry until no entry makes progress."""
        while pending:
            failed = []
            for entry, reader in pending:
                try:
                    reader(self.table, entry)
                except ReadError as error:
                    failed.append((entry, reader, error))
            if len(failed) == len(pending):
                for entry, _, error in failed:
                    self.report(entry, error)
                return
            pending = [(e, r) for e, r, _ in failed]

    def guard(self, entry: Entry, reader: Callable[[NameTable, Entry], None]) -> None:
        try:
            reader(self.table, entry)
        except ReadError as error:
            self.report(entry, error)

    def report(self, entry: Entry, error: ReadError) -> None:
        for name in split_names(entry.key):
            self.table.broken.setdefault(name, entry.line)
            try:
                self.table.broken.setdefault(read_name(name.split("(")[0]), entry.line)
            except ReadError:
                pass
        if error.code == "V102":
            self.finding("V102", entry.line, entry.column, **error.arguments)
            return
        line, column = entry.line, entry.column
        if entry.value_offset is not None and error.code != "V102":
            line, column = self.note.position(entry.value_offset + error.position)
        self.finding(error.code, line, column, **error.arguments)

    # --- findings ----------------------------------------------------------------------
    def line_of(self, node) -> int:
        return self.base_line + node.start_mark.line

    def problem(self, line: int, column: int, name: str, problem: str) -> None:
        self.finding("V102", line, column, name=name, problem=problem)

    def finding(self, code: str, line: int, column: int, **args: Any) -> None:
        self.context.findings.append(Finding(code, line, column, args=tuple(args.items())))

