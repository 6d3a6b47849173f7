"""The note's own LaTeX macros: definitions (front matter, `\\newcommand` in its maths) and their expansion."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..latex.errors import ReadError

MAX_EXPANSIONS = 1000  # a macro defined through itself would expand for ever: refused past this many calls
MAX_LENGTH = 20_000  # characters of expanded text, the reader's own limit on a formula
DEFINING = ("\\newcommand", "\\renewcommand", "\\providecommand", "\\def", "\\DeclareMathOperator")
CONTROL_WORD = re.compile(r"\\[a-zA-Z]+")
_TOKEN = re.compile(r"\\[a-zA-Z]+|\\.|.", re.S)  # TeX's tokens: a control word, a control symbol, a character


@dataclass(frozen=True)
class Macro:
    """`\\name` and what it stands for: `body` is a list of tokens, an int k standing for argument #k."""

    name: str
    body: tuple[str | int, ...]
    arity: int
    default: tuple[str, ...] | None = None  # `\\newcommand{\\x}[2][a]{...}`: #1 is optional, `a` when omitted
    since: int = -1  # the note offset from which it applies (a front-matter macro applies everywhere)
    provide: bool = False  # `\\providecommand`: only when no macro of the name is defined yet


@dataclass(frozen=True)
class Macros:
    """Every definition of a note, each with where it starts to apply; a later one of a name wins."""

    definitions: tuple[Macro, ...] = ()
    _by_name: dict = field(default_factory=dict, init=False, compare=False, repr=False)

    def __post_init__(self):
        for macro in sorted(self.definitions, key=lambda m: m.since):
            self._by_name.setdefault(macro.name, []).append(macro)

    def __bool__(self) -> bool:
        return bool(self.definitions)

    def then(self, later: tuple[Macro, ...] | list[Macro]) -> Macros:
        return Macros(self.definitions + tuple(later))

    def active(self, name: str, at: int) -> Macro | None:
        """The definition of `name` in force at note offset `at`, if any."""
        current = None
        for macro in self._by_name.get(name, ()):
            if macro.since > at:
                break
            if not (macro.provide and current is not None):
                current = macro
        return current


def tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int]]:
    """(token, offset) for every TeX token of text[start:end]."""
    return [(m.group(), m.start()) for m in _TOKEN.finditer(text, start, len(text) if end is None else end)]


def template(body: list[str], name: str) -> tuple[tuple[str | int, ...], int]:
    """A body's tokens with `#k` as the int k, and the highest k; `##` is a `#`. Braces must balance."""
    out: list[str | int] = []
    depth, k = 0, 0
    while k < len(body):
        tok = body[k]
        depth += {"{": 1, "}": -1}.get(tok, 0)
        if depth < 0:
            raise ReadError("V102", 0, name=name, problem="its replacement closes a brace it never opens")
        if tok == "#":
            after = body[k + 1] if k + 1 < len(body) else ""
            if after == "#":
                out.append("#")
            elif len(after) == 1 and after in "123456789":
                out.append(int(after))
            else:
                raise ReadError("V102", 0, name=name, problem="a `#` stands before an argument's number, 1 to 9 (`\\#` is the sign)")
            k += 2
            continue
        out.append(tok)
        k += 1
    if depth:
        raise ReadError("V102", 0, name=name, problem="its replacement opens a brace it never closes")
    return tuple(out), max((t for t in out if isinstance(t, int)), default=0)


def front_matter_macro(name: str, replacement) -> Macro:
    """`\\RR: '\\mathbb{R}'`, `\\acro: '#1'` under `macros:`: as many arguments as the highest `#n`."""
    if not CONTROL_WORD.fullmatch(name):
        raise ReadError("V102", 0, name=name, problem="a macro is one command such as \\RR (a backslash and letters)")
    if name in DEFINING:
        raise ReadError("V102", 0, name=name, problem=f"{name} defines macros and cannot be redefined")
    if not isinstance(replacement, str):
        raise ReadError("V102", 0, name=name, problem="its replacement is one line of LaTeX, quoted, as in '\\mathbb{R}'")
    body, arity = template([t for t, _ in tokens(replacement)], name)
    return Macro(name, body, arity)


def expand(text: str, macros: Macros, at: int = 0) -> tuple[str, tuple[int, ...]] | None:
    """`text` with every macro call expanded, and the position in `text` each character comes from (a
    character a macro writes comes from the start of its call; an argument's characters keep their own),
    plus one for the end. None when no macro is called. `at` is text's offset in the note."""
    if not macros:
        return None
    return _Expansion(text, macros, at).run()


class _Expansion:
    """TeX's expansion: a call is replaced by its body, arguments put in, and the result read again."""

    def __init__(self, text: str, macros: Macros, at: int):
        self.text, self.macros, self.at = text, macros, at
        # (token, start, end, written by a macro): popped from the end
        self.stack = [(t, s, s + len(t), False) for t, s in reversed(tokens(text))]
        self.chars: list[str] = []
        self.origins: list[int] = []
        self.calls = 0
        self.last = ""  # the last token written out

    def run(self) -> tuple[str, tuple[int, ...]] | None:
        while self.stack:
            tok = self.stack.pop()
            macro = self.macros.active(tok[0], self.at + tok[1]) if tok[0][0] == "\\" else None
            if macro is None:
                self.emit(tok)
                continue
            self.calls += 1
            if self.calls > MAX_EXPANSIONS:
                raise ReadError("V106", tok[1], problem=(
                    f"the macros expand more than {MAX_EXPANSIONS} times from here (is `{macro.name}` defined through itself?)"))
            args, end = self.arguments(macro, tok)
            body = [arg for item in macro.body for arg in
                    (args[item - 1] if isinstance(item, int) else [(item, tok[1], end, True)])]
            self.stack.extend(reversed(body))
            if len(self.chars) + len(self.stack) > MAX_LENGTH:
                raise ReadError("V106", tok[1], problem=f"the macros expand to more than {MAX_LENGTH} characters from here")
        if not self.calls:
            return None
        return "".join(self.chars), tuple(self.origins) + (len(self.text),)

    def emit(self, tok) -> None:
        text, start, _, written = tok
        if text[0].isalpha() and CONTROL_WORD.fullmatch(self.last):
            self.chars.append(" ")  # `\mathrm#1` with `d`: two tokens, never the command `\mathrmd`
            self.origins.append(start)
        self.chars += text
        self.origins += [start] * len(text) if written else range(start, start + len(text))
        self.last = text

    def arguments(self, macro: Macro, call) -> tuple[list[list], int]:
        """The call's arguments as TeX takes them (a brace group or one token), and where the call ends."""
        args, end = [], call[2]
        count = macro.arity
        if macro.default is not None:
            count -= 1
            self.skip_spaces()
            if self.stack and self.stack[-1][0] == "[":
                optional, end = self.group(call, macro, "[", "]")
                args.append(optional)
            else:
                args.append([(t, call[1], end, True) for t in macro.default])
        for k in range(count):
            self.skip_spaces()
            if not self.stack or self.stack[-1][0] == "}":
                raise ReadError("V106", call[1], problem=(
                    f"`{macro.name}` takes {count} argument{'s' * (count != 1)} in braces or one token each; "
                    f"{'only ' if k else ''}{k} {'is' if k == 1 else 'are'} given"))
            if self.stack[-1][0] == "{":
                arg, end = self.group(call, macro, "{", "}")
            else:
                arg = [self.stack.pop()]
                end = max(end, arg[0][2])
            args.append(arg)
        return args, end

    def group(self, call, macro: Macro, opener: str, closer: str) -> tuple[list, int]:
        """The tokens inside a `{...}` (or `[...]`) argument, its own braces balanced."""
        first = self.stack.pop()
        inside, depth = [], 0
        while self.stack:
            tok = self.stack.pop()
            if tok[0] == closer and depth == 0:
                return inside, max(call[2], tok[2])
            depth += {"{": 1, "}": -1}.get(tok[0], 0)
            inside.append(tok)
        raise ReadError("V106", first[1], problem=f"the argument of `{macro.name}` opened here is never closed")

    def skip_spaces(self) -> None:
        while self.stack and self.stack[-1][0].isspace():
            self.stack.pop()


def definitions(text: str, start: int, end: int) -> tuple[list[tuple[Macro, int, int]], tuple[ReadError, int] | None]:
    """Every `\\newcommand`, `\\renewcommand`, `\\providecommand`, `\\def` and `\\DeclareMathOperator` of
    text[start:end], with where it starts and ends in `text` (each applies from its end); then the first
    malformed one, if any, as a V106 ReadError at its place in `text` and where that definition starts."""
    if not any(command in text[start:end] for command in DEFINING):
        return [], None
    toks = tokens(text, start, end)
    found, k = [], 0
    while k < len(toks):
        if toks[k][0] not in DEFINING:
            k += 1
            continue
        try:
            macro, after = _Definition(toks, k).read()
        except ReadError as error:
            return found, (error, toks[k][1])
        last = toks[after - 1]
        found.append((replace(macro, since=last[1] + len(last[0])), toks[k][1], last[1] + len(last[0])))
        k = after
    return found, None


class _Definition:
    """One definition read token by token: `\\newcommand{\\name}[n][default]{body}`, `\\def\\name#1{body}`,
    `\\DeclareMathOperator{\\name}{text}` (meaning `\\operatorname{text}`; starred, `\\operatorname*`)."""

    def __init__(self, toks: list[tuple[str, int]], k: int):
        self.toks, self.k, (self.command, self.at) = toks, k + 1, toks[k]

    def read(self) -> tuple[Macro, int]:
        star = self.take("*")
        name = self.name()
        if self.command == "\\DeclareMathOperator":
            body = ("\\operatorname",) + (("*",) if star else ()) + ("{", *self.braced(name, "the operator's name"), "}")
            return Macro(name, body, 0), self.k
        arity = self.parameters(name) if self.command == "\\def" else self.count(name)
        default = self.optional() if self.command != "\\def" and arity else None
        written = self.braced(name, "the body")
        try:
            body, used = template(written, name)
        except ReadError as error:
            raise self.error(f"the body of {name}: {error.arguments['problem'].replace('its replacement ', '')}") from None
        if used > arity:
            raise self.error(f"the body of {name} uses #{used}, and {name} takes {arity} argument{'s' * (arity != 1)}")
        return Macro(name, body, arity, default, provide=self.command == "\\providecommand"), self.k

    def error(self, problem: str, at: int | None = None) -> ReadError:
        return ReadError("V106", self.at if at is None else at, problem=problem)

    def peek(self) -> str:
        while self.k < len(self.toks) and self.toks[self.k][0].isspace():
            self.k += 1
        return self.toks[self.k][0] if self.k < len(self.toks) else ""

    def take(self, token: str) -> bool:
        if self.peek() != token:
            return False
        self.k += 1
        return True

    def name(self) -> str:
        braced = self.take("{")
        name = self.peek()
        if not CONTROL_WORD.fullmatch(name):
            raise self.error(f"{self.command} names the command it defines, as in {self.command}{{\\E}}")
        if name in DEFINING:
            raise self.error(f"{name} defines macros and cannot be redefined")
        self.k += 1
        if braced and not self.take("}"):
            raise self.error(f"the name {name} is closed by `}}`, as in {self.command}{{{name}}}")
        return name

    def count(self, name: str) -> int:
        if not self.take("["):
            return 0
        digit = self.peek()
        if not (len(digit) == 1 and digit in "0123456789"):
            raise self.error(f"the number of arguments of {name} is a digit, as in [2]")
        self.k += 1
        if not self.take("]"):
            raise self.error(f"the number of arguments of {name} is closed by `]`, as in [2]")
        return int(digit)

    def optional(self) -> tuple[str, ...] | None:
        if not self.take("["):
            return None
        inside, depth = [], 0
        while self.k < len(self.toks):
            tok = self.toks[self.k][0]
            self.k += 1
            if tok == "]" and depth == 0:
                return tuple(inside)
            depth += {"{": 1, "}": -1}.get(tok, 0)
            inside.append(tok)
        raise self.error("the default of the optional argument is never closed by `]`")

    def parameters(self, name: str) -> int:
        """`\\def\\name#1#2{...}`: undelimited parameters only, numbered in order."""
        count = 0
        while self.peek() == "#":
            after = self.toks[self.k + 1][0] if self.k + 1 < len(self.toks) else ""
            if after != str(count + 1):
                break
            count, self.k = count + 1, self.k + 2
        if self.peek() != "{":
            raise self.error(f"\\def{name} is read with its body in braces after #1#2... (no delimited parameters)")
        return count

    def braced(self, name: str, what: str) -> list[str]:
        if not self.take("{"):
            raise self.error(f"{what} of {name} is written in braces")
        opening = self.toks[self.k - 1][1]
        inside, depth = [], 0
        while self.k < len(self.toks):
            tok = self.toks[self.k][0]
            self.k += 1
            if tok == "}" and depth == 0:
                return inside
            depth += {"{": 1, "}": -1}.get(tok, 0)
            inside.append(tok)
        raise self.error(f"{what} of {name} opened here is never closed", opening)
