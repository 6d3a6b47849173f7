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
from ..model.selection import parse_codes
from .declarations import (Entry, declare_constant, declare_distribution, declare_expectation_law, declare_function,
                           declare_log_base,
                           declare_parameters, declare_symbol, split_names)
from .document import Note
from .macros import Macros, expand, front_matter_macro

SECTIONS = ("symbols", "constants", "functions", "distributions", "log", "parameters", "expectation", "macros", "from",
            "ignore")
# What a scope under `from:` may declare again: the note-wide entry of the same key is replaced there.
SCOPED = ("symbols", "constants", "functions", "distributions", "log", "parameters", "expectation")


@dataclass
class Context:
    """The name table of a note, what went wrong reading it, and whether that stops the note."""

    table: NameTable
    findings: list[Finding] = field(default_factory=list)
    fatal: bool = False
    macros: Macros = field(default_factory=Macros)  # `macros:`: expanded everywhere, the front matter too
    # `from:` scopes in the order of the note: (offset of the anchor, the table from there on, its entries).
    scopes: list[tuple[int, NameTable, dict]] = field(default_factory=list)
    declared: dict = field(default_factory=dict)  # the note-wide entries, section by section
    has_verify: bool = False  # the front matter holds a `verify:` key (a folder scan skips a note without one)
    ignore: tuple[str, ...] = ()  # `ignore: [V206]`: codes (or prefixes) no finding of the note is reported with

    def table_at(self, end: int) -> NameTable | None:
        """The table of the last scope whose anchor stands before `end` (a formula's end); None: the note's."""
        found = None
        for start, table, _ in self.scopes:
            if start < end:
                found = table
        return found

    def entries_at(self, end: int) -> dict:
        found = self.declared
        for start, _, entries in self.scopes:
            if start < end:
                found = entries
        return found


def table_with(note: Note, context: Context, end: int, functions: list[Entry]) -> tuple[NameTable, list[Finding]]:
    """The names at a point of the note with the functions its formulas define before it (`defines f`)
    declared too, and the problems of those definitions."""
    entries = {name: list(items) for name, items in context.entries_at(end).items()}
    entries["functions"] = entries.get("functions", []) + functions
    sub = Context(NameTable(), macros=context.macros)
    _ContextReader(note, sub).declare(entries)
    lines = {e.line for e in functions}
    return sub.table, [f for f in sub.findings if f.line in lines]


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
    context.has_verify = True
    _ContextReader(note, context).read(verify_node)
    return context


def _merged(note_wide: dict[str, list[Entry]], again: dict[str, list[Entry]]) -> dict[str, list[Entry]]:
    """The note-wide entries with those whose key a scope declares again replaced by the scope's; a symbol
    or constant declared again leaves its group (`\\mu_2: positive` for `\\mu_1, \\mu_2: real`)."""
    merged = {}
    # a symbol may come back as a function of no arguments (`\sigma: \sigma_\theta`, the note's plain
    # sigma standing for the decoder's scale in one paragraph): it leaves its group too
    renamed = {" ".join(n.split()) for name in ("symbols", "constants") for e in again.get(name, [])
               for n in split_names(e.key)}
    renamed |= {" ".join(e.key.split()) for e in again.get("functions", []) if "(" not in e.key}
    for name in SCOPED:
        keys = {" ".join(e.key.split()) for e in again.get(name, [])}
        kept = [e for e in note_wide.get(name, []) if " ".join(e.key.split()) not in keys]
        if name in ("symbols", "constants"):
            names = renamed
            kept = [replace(e, key=", ".join(rest)) for e in kept
                    if (rest := [n for n in split_names(e.key) if " ".join(n.split()) not in names])]
        if name in ("log", "parameters", "expectation") and name in again:
            kept = []  # a one-value section: the scope's value replaces the note's
        merged[name] = kept + again.get(name, [])
    return merged


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
        if "ignore" in sections:
            self.read_ignore(sections["ignore"])
        declared = self.declared(sections)
        self.declare(declared)
        self.context.declared = declared
        if "from" in sections:
            self.read_scopes(sections["from"], declared)

    def declared(self, sections: dict[str, Entry]) -> dict[str, list[Entry]]:
        """Each section's entries (a one-value section, `log:`, is its own one entry)."""
        out = {}
        for name in SCOPED:
            if name in sections:
                one = name in ("log", "parameters", "expectation")
                out[name] = [sections[name]] if one else self.section(sections[name])
        return out

    def declare(self, declared: dict[str, list[Entry]]) -> None:
        for name, reader in (("symbols", declare_symbol), ("constants", declare_constant), ("log", declare_log_base)):
            for entry in declared.get(name, []):
                self.guard(entry, reader)
        pending = [(e, declare_function) for e in declared.get("functions", [])]
        pending += [(e, declare_distribution) for e in declared.get("distributions", [])]
        self.settle(pending)
        for name, reader in (("parameters", declare_parameters), ("expectation", declare_expectation_law)):
            for entry in declared.get(name, []):
                self.guard(entry, reader)

    def read_scopes(self, entry: Entry, note_wide: dict[str, list[Entry]]) -> None:
        """`from:` maps a text of the note's body to what names mean from the formula holding it (or the
        first after it) to the next scope: the note-wide declarations, with the scope's keys declared again."""
        if not isinstance(entry.value, yaml.MappingNode):
            self.problem(entry.line, entry.column, "from", "map a text of the note to its declarations")
            return
        for key_node, value_node in entry.value.value:
            line, column = self.line_of(key_node), key_node.start_mark.column + 1
            start = self.anchor(str(key_node.value), line, column)
            if start is None:
                continue
            inner: dict[str, Entry] = {}
            if isinstance(value_node, yaml.MappingNode):
                inner = {e.key: e for e in self.entries(value_node)}
            elif not (isinstance(value_node, yaml.ScalarNode) and value_node.value == ""):
                self.problem(line, column, "from", "a scope holds sections, as `distributions:` does ({} for none)")
                continue
            for key, item in inner.items():
                if key not in SCOPED:
                    self.finding("V111", item.line, item.column, key=key, known=", ".join(SCOPED))
            again = self.declared({k: v for k, v in inner.items() if k in SCOPED})
            sub = Context(NameTable(), macros=self.context.macros)
            merged = _merged(note_wide, again)
            _ContextReader(self.note, sub).declare(merged)
            lines = {e.line for entries in again.values() for e in entries}
            # the note-wide entries were reported once already: only the scope's own problems are new
            self.context.findings += [f for f in sub.findings if f.line in lines]
            self.context.scopes.append((start, sub.table, merged))

    def anchor(self, key: str, line: int, column: int) -> int | None:
        """Where a scope's text stands in the body, as written: it must be there exactly once."""
        text = self.note.text
        body = text.find("\n---", self.base_offset) + 4
        first = text.find(key, body) if key else -1
        if first < 0 or text.find(key, first + 1) >= 0:
            where = "not in the note" if first < 0 else "in the note more than once"
            self.problem(line, column, "from", f"the text `{key}` is {where}: quote a text the note holds once")
            return None
        return first

    def read_ignore(self, entry: Entry) -> None:
        """`ignore: [V206, V201]` (or `ignore: V206, V201`): the codes no finding of this note is reported with."""
        items = entry.value.split(",") if isinstance(entry.value, str) else None
        if isinstance(entry.value, yaml.SequenceNode) and all(isinstance(n, yaml.ScalarNode) for n in entry.value.value):
            items = [n.value for n in entry.value.value]
        try:
            self.context.ignore = parse_codes(items if items is not None else [None], what="ignore")
        except ValueError as error:
            self.problem(entry.line, entry.column, "ignore", f"a list of finding codes, as `ignore: [V206]`: {error}")

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

