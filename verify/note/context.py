"""The `verify:` front matter -> a name table: symbols, constants, functions, distributions, options."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

import sympy
import yaml

from .document import Note
from ..model.findings import Finding
from ..latex.build import Builder, InlineFamily, canonical
from ..latex.errors import ReadError
from ..model.quantities import Distribution, Family
from ..latex.reader import read_expression, read_law, read_name, read_signature
from ..model.names import (KNOWN_CONSTANTS, SPECIAL_FUNCTIONS, Constant, Defined, DistributionDecl, NameTable, Scalar, Vector)
from ..semantics import models  # noqa: F401  (registers the families, whose supports give assumptions)
from ..semantics.registry import variable_assumptions

SECTIONS = ("symbols", "constants", "functions", "distributions", "log", "parameters")
ASSUMPTION_WORDS = {
    "real": {"real": True},
    "positive": {"positive": True},
    "nonnegative": {"nonnegative": True},
    "negative": {"negative": True},
    "integer": {"integer": True},
}


@dataclass
class Context:
    """The name table of a note, what went wrong reading it, and whether that stops the note."""

    table: NameTable
    findings: list[Finding] = field(default_factory=list)
    fatal: bool = False


@dataclass(frozen=True)
class Entry:
    """One `key: value` of a section, with where its key and value stand in the note."""

    key: str
    value: Any
    line: int
    column: int
    value_offset: int | None  # absolute offset of a plain one-line scalar value, else None


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
    return (mark.line, mark.column + 1, problem) if mark else (0, 1, problem)


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
        for name, reader in (("symbols", self.symbol), ("constants", self.constant)):
            for entry in self.section(sections.get(name)):
                self.guard(entry, reader)
        if "log" in sections:
            self.guard(sections["log"], self.log_base)
        pending = [(e, self.function) for e in self.section(sections.get("functions"))]
        pending += [(e, self.distribution) for e in self.section(sections.get("distributions"))]
        self.settle(pending)
        if "parameters" in sections:
            self.guard(sections["parameters"], self.parameters)

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
            out.append(Entry(key, value, line, column, offset))
        return out

    def section(self, entry: Entry | None) -> list[Entry]:
        if entry is None:
            return []
        if not isinstance(entry.value, yaml.MappingNode):
            self.problem(entry.line, entry.column, entry.key, "this section must be a mapping `name: value`")
            return []
        return self.entries(entry.value)

    def settle(self, pending: list[tuple[Entry, Callable[[Entry], None]]]) -> None:
        """Definitions may use one another in any order: retry until no entry makes progress."""
        while pending:
            failed = []
            for entry, reader in pending:
                try:
                    reader(entry)
                except ReadError as error:
                    failed.append((entry, reader, error))
            if len(failed) == len(pending):
                for entry, _, error in failed:
                    self.report(entry, error)
                return
            pending = [(e, r) for e, r, _ in failed]

    def guard(self, entry: Entry, reader: Callable[[Entry], None]) -> None:
        try:
            reader(entry)
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

    # --- sections ----------------------------------------------------------------------
    def symbol(self, entry: Entry) -> None:
        assumptions, dimension = self.symbol_spec(entry)
        keys = [self.key_name(name) for name in self.names(entry)]
        for key in keys:
            self.check_free(key, entry)
        for key in keys:
            if dimension is None:
                self.table.declare(key, Scalar(sympy.Symbol(key, **assumptions)))
            else:
                self.table.declare(key, Vector(sympy.IndexedBase(key, **assumptions), dimension))

    def symbol_spec(self, entry: Entry) -> tuple[dict, Any]:
        if not isinstance(entry.value, str):
            raise ReadError("V102", 0, name=entry.key, problem="give the assumptions as text, such as `positive`")
        words = re.findall(r"vector\s*\[[^\]]*\]|[^\s,]+", entry.value)
        assumptions: dict[str, bool] = {}
        dimension = None
        for word in words:
            if word.startswith("vector"):
                dimension = self.dimension(entry, word[word.index("[") + 1 : -1].strip())
            elif word in ASSUMPTION_WORDS:
                assumptions.update(ASSUMPTION_WORDS[word])
            else:
                raise ReadError("V102", 0, name=entry.key, problem=(
                    f"unknown assumption `{word}` (known: {', '.join(ASSUMPTION_WORDS)}, vector[n])"))
        if not assumptions:
            raise ReadError("V102", 0, name=entry.key, problem="say what values it takes: real, positive, nonnegative or integer")
        return assumptions, dimension

    def dimension(self, entry: Entry, text: str) -> sympy.Expr:
        if text.isdigit() and int(text) > 0:
            return sympy.Integer(int(text))
        meaning = self.table.lookup(read_name(text)) if text else None
        if isinstance(meaning, Scalar) and meaning.symbol.is_integer and meaning.symbol.is_positive:
            return meaning.symbol
        raise ReadError("V102", 0, name=entry.key, problem=f"the dimension `{text}` must be a number or a declared positive integer")

    def key_name(self, name: str) -> str:
        """A key's name; what does not read is a bad declaration, shown at the key, not in its value."""
        try:
            return read_name(name)
        except ReadError as error:
            raise ReadError("V102", 0, name=name, problem=error.arguments.get("problem", "it is not a name")) from None

    def key_signature(self, key: str):
        try:
            return read_signature(key)
        except ReadError as error:
            raise ReadError("V102", 0, name=key, problem=error.arguments.get("problem", "it is not a signature such as f(x)")) from None

    def names(self, entry: Entry) -> list[str]:
        names = split_names(entry.key)
        if not names:
            raise ReadError("V102", 0, name=entry.key, problem="no name is given")
        return names

    def check_free(self, key: str, entry: Entry, distribution: bool = False) -> None:
        """A name means one thing: `x` cannot be a symbol and a function, or a symbol and a density."""
        if key in ("\\pi", "e"):
            raise ReadError("V102", 0, name=key, problem=f"{key} is a constant and cannot be redeclared")
        if self.table.lookup(key) is not None or (key in self.table.distributions and not distribution):
            raise ReadError("V102", 0, name=key, problem="it is already declared above")

    def constant(self, entry: Entry) -> None:
        if entry.value not in KNOWN_CONSTANTS:
            raise ReadError("V102", 0, name=entry.key, problem=f"unknown constant `{entry.value}` (known: {', '.join(KNOWN_CONSTANTS)})")
        keys = [self.key_name(name) for name in self.names(entry)]
        for key in keys:
            self.check_free(key, entry)
        for key in keys:
            self.table.declare(key, Constant(KNOWN_CONSTANTS[entry.value]))

    def log_base(self, entry: Entry) -> None:
        bases = {"e": None, "2": sympy.Integer(2), "10": sympy.Integer(10)}
        if entry.value not in bases:
            raise ReadError("V102", 0, name="log", problem="the log base is e, 2 or 10")
        self.table.log_base = bases[entry.value]

    def parameters(self, entry: Entry) -> None:
        if not isinstance(entry.value, yaml.SequenceNode):
            raise ReadError("V102", 0, name="parameters", problem="list the parameters, as in [\\mu, \\sigma]")
        symbols = []
        for item in entry.value.value:
            meaning = self.table.lookup(read_name(str(item.value)))
            if not isinstance(meaning, (Scalar, Vector)):
                raise ReadError("V102", 0, name="parameters", problem=f"`{item.value}` is not a declared symbol")
            symbols.append(meaning.symbol if isinstance(meaning, Scalar) else meaning.base)
        self.table.parameters = tuple(symbols)

    def function(self, entry: Entry) -> None:
        if not isinstance(entry.value, str):
            raise ReadError("V102", 0, name=entry.key, problem="a definition is one line of LaTeX")
        if "(" not in entry.key:
            if entry.value not in SPECIAL_FUNCTIONS:
                raise ReadError("V102", 0, name=entry.key, problem=(
                    f"unknown special function `{entry.value}` (known: {', '.join(SPECIAL_FUNCTIONS)}); "
                    "a definition needs its parameters, as in f(x)"))
            key = self.key_name(entry.key)
            self.check_free(key, entry)
            self.table.declare(key, SPECIAL_FUNCTIONS[entry.value])
            return
        head, params, seps = self.key_signature(entry.key)
        if any(s != "," for s in seps):
            raise ReadError("V102", 0, name=entry.key, problem="separate parameters with commas")
        placeholders = []
        for param in params:
            meaning = self.table.lookup(param)
            if not isinstance(meaning, (Scalar, Vector)):
                raise ReadError("V102", 0, name=entry.key, problem=f"its parameter `{param}` is not a declared symbol")
            placeholders.append(meaning.symbol if isinstance(meaning, Scalar) else meaning.base)
        body = read_expression(entry.value, self.table)
        if not isinstance(body, sympy.Expr):
            raise ReadError("V102", 0, name=entry.key, problem="its definition is not an expression")
        self.check_free(head, entry)
        self.table.declare(head, Defined(sympy.Function(head), tuple(placeholders), body))

    def distribution(self, entry: Entry) -> None:
        if not isinstance(entry.value, str):
            raise ReadError("V102", 0, name=entry.key, problem="a law is one line of LaTeX, such as \\mathcal{N}(z; 0, I)")
        family = read_law(entry.value, self.table, self.binder(entry))
        if not isinstance(family, InlineFamily):
            raise ReadError("V102", 0, name=entry.key, problem="its value is not a distribution family such as \\mathcal{N}(...)")
        aliases = []
        for alias in self.names(entry):
            name, args, seps = self.key_signature(alias)
            self.check_free(name, entry, distribution=True)
            bar = seps.index("|") + 1 if "|" in seps else len(args)
            point, conditioning = args[:bar], tuple(args[bar:])
            if len(point) != 1:
                raise ReadError("V102", 0, name=alias, problem="write one variable before `|`")
            aliases.append((alias, name, point[0], conditioning))
        for alias, name, point, conditioning in aliases:  # all or none: a failed entry is retried
            variable = self.law_variable(entry, family, point)
            law = Distribution(variable, Family(family.spec.name, family.params), alias)
            self.table.distributions.setdefault(name, []).append(
                DistributionDecl(name, point, conditioning, law, variable))

    def binder(self, entry: Entry) -> Builder:
        return Builder(self.table)

    def law_variable(self, entry: Entry, family: InlineFamily, point: str) -> Any:
        key = canonical(family.variable) if family.variable is not None else point
        meaning = self.table.lookup(key)
        if meaning is None:  # the law declares its variable: its support says what values it takes
            meaning = Scalar(sympy.Symbol(key, **variable_assumptions(family.spec.name)))
            self.table.declare(key, meaning)
        if isinstance(meaning, Vector):
            return meaning.base
        if isinstance(meaning, Scalar):
            return meaning.symbol
        raise ReadError("V102", 0, name=entry.key, problem=f"its variable `{key}` is not a symbol")

    # --- findings ----------------------------------------------------------------------
    def line_of(self, node) -> int:
        return self.base_line + node.start_mark.line

    def problem(self, line: int, column: int, name: str, problem: str) -> None:
        self.finding("V102", line, column, name=name, problem=problem)

    def finding(self, code: str, line: int, column: int, **args: Any) -> None:
        self.context.findings.append(Finding(code, line, column, args=tuple(args.items())))


def split_names(key: str) -> list[str]:
    """`d, D` -> ['d', 'D']; commas inside brackets or braces stay (`\\mathcal{L}_{\\phi,\\theta}`)."""
    names, depth, current = [], 0, ""
    for ch in key:
        if ch in "({[":
            depth += 1
        elif ch in ")}]":
            depth -= 1
        if ch == "," and depth == 0:
            names.append(current.strip())
            current = ""
        else:
            current += ch
    names.append(current.strip())
    return [n for n in names if n]
