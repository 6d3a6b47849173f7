"""`init`: a draft of a note's `verify:` context from its own maths, each guess with what it was guessed from."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..model.families import SPELLINGS
from .display import COMPONENTS_LISTED, holds_relation, implications
from .document import Note
from .draft_roles import law_in_words, normal, scopes, substitutions

GREEK = frozenset("alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi rho "
                  "sigma tau upsilon phi varphi chi omega ell Delta Theta Lambda Xi Sigma Phi Psi Omega".split())
OPERATOR_WORDS = frozenset("log ln exp sin cos tan sinh cosh tanh det tr max min lim sup inf arg argmax argmin "
                           "KL Var Cov diag sign sgn erf erfc".split())
INDEX_LETTERS = frozenset("ijklmnt")
_SPACING = re.compile(r"\\(left|right|big|Big|bigg|Bigg)[lr]?(?![a-zA-Z])|\\[,;:! ]|\\q?quad(?![a-zA-Z])|&|\\\\"
                      r"|\\(label|tag\*?)\s*\{[^{}]*\}|\\(text|mbox|textrm|textit)\s*\{[^{}]*\}(?!\s*\()|\\(nonumber|notag|displaystyle)(?![a-zA-Z])")
_NAME = re.compile(r"(?P<deco>\\(?:tilde|hat|bar|widetilde|widehat|overline|check|breve|dot|ddot)\s*\{\s*(?:\\[a-zA-Z]+|[a-zA-Z])\s*\})"
                   r"|\\(?:mathbf|boldsymbol|bm|vec)\s*\{\s*(?P<font>\\[a-zA-Z]+|[a-zA-Z])\s*\}"
                   r"|(?P<cal>\\(?:mathcal|mathscr)\s*\{\s*[A-Z]\s*\})"
                   r"|\\(?:mathrm|operatorname\*?|mathbb|mathit|mathsf|text|textrm|mbox)\s*\{(?P<word>[^{}]*)\}"
                   r"|\\(?P<cmd>[a-zA-Z]+)|(?P<letters>[a-zA-Z]+)")
_SUBSCRIPT = re.compile(r"\s*_\s*(\{(?P<braced>[^{}]*(\{[^{}]*\}[^{}]*)*)\}|(?P<one>\\[a-zA-Z]+|[a-zA-Z0-9]))")
_SUM = re.compile(r"\\(sum|prod)\s*_\s*\{?\s*(?P<index>[a-zA-Z])\s*(=[^}^]*)?\}?\s*(\^\s*\{?\s*(?P<bound>\\?[a-zA-Z]+|\d+)\s*\}?)?")
_FAMILY = "|".join(sorted(map(re.escape, SPELLINGS), key=len, reverse=True))  # `Normal` before `N`
_FAMILY_CALL = re.compile(r"(\\mathrm\{|\\operatorname\{|\\text\{)?(?P<family>" + _FAMILY + r")\}?\s*\((?P<args>.*)\)\s*[.,;]?\s*$", re.S)
_LAW_HEAD = re.compile(r"\s*(?P<letter>[a-zA-Z])(_\s*(\{[^{}]*\}|\\[a-zA-Z]+|[a-zA-Z]))?\s*\((?P<args>[^()]*)\)\s*$")
_DEFINITION = re.compile(r"^\s*(?P<head>(\\(?:mathrm|operatorname|text)\{[A-Za-z]+\}|[A-Z][A-Za-z]+))\s*\((?P<args>[^()=]*)\)\s*=\s*(?P<body>.+?)\s*[.,]?\s*$", re.S)
_OBJECTIVE = re.compile(r"^\s*(?P<head>\\mathcal\{[LJF]\}(_\{[^{}]*\}|_\\?[a-zA-Z])?\s*\([^()]*\))\s*=")
_ELBO = re.compile(r"(?P<negative>negative\s+|minus\s+(the\s+)?)?(\bELBO\b|evidence lower bound)", re.I)
_INTEGER_PRODUCT = re.compile(r"^\s*(?P<name>[a-zA-Z])\s*=\s*\d+(\s*(\\times|\\cdot|\*)\s*\d+)+\s*(=\s*\d+\s*)?[.,]?\s*$")


@dataclass(frozen=True)
class Guess:
    """One entry of the draft: its section, key and value, and what it was guessed from (a YAML comment)."""

    section: str  # "symbols", "functions", "distributions", "from" (a scope), or "notes" (a comment line, no entry)
    key: str
    value: str
    reason: str
    scope: tuple[tuple[str, str, str], ...] = ()  # a `from:` scope's (section, key, value) entries; none: `{}`


def cleaned(maths: str) -> str:
    """The maths without what shows it (sizes, spacing, alignment, labels, prose annotations)."""
    return _SPACING.sub(" ", maths)


@dataclass
class _Use:
    """What the maths says of one name: its subscripts by index, the bounds of those, why it is positive."""

    indices: Counter
    lengths: Counter = field(default_factory=Counter)
    positive: str = ""
    integer: str = ""
    applied: bool = False


class _Reader:
    """One pass over every maths span, gathering the uses of each name, the sums, laws and definitions."""

    def __init__(self, note: Note):
        # each side of `A, \quad B` and of an arrow a span of its own, as the claims cut them
        sides = [(offset + at + start, piece) for offset, text in note.maths
                 for side, at, _ in implications(text, 0) for start, piece in _apart(side)]
        self.spans = [cleaned(text) for _, text in sides]
        self.raw = [text for _, text in sides]
        self.prose = note.text
        self.offsets = [offset for offset, _ in sides]
        self.uses: dict[str, _Use] = {}
        self.bounds: dict[str, Counter] = {}  # index letter -> the upper bounds its sums run to
        self.aliases: dict[str, tuple[str, str]] = {}  # `\mu_{\phi}(x)` -> (`\mu`, length)
        self.functions: dict[str, tuple[str, str]] = {}
        self.law_names: dict[str, str] = {}  # variable -> `q(z|x)`
        self.laws: list[tuple[str, str, str, str]] = []  # (key or "", variable, family, its arguments as written)
        self.law_sources: dict[str, str] = {}  # key (or variable) -> the formula that stated the law
        self.law_spans: dict[str, int] = {}  # key (or variable) -> the index of the span that stated it
        self.substitutions: list = []  # the prose's `$A = B$` (draft_roles.Substitution), read once vectors are known
        self.explained: set[str] = set()  # names applied and never defined that the words explain (a reconstruction)
        self.bound_indices: set[str] = set()
        self.objectives: dict[str, tuple[str, bool]] = {}  # `\mathcal{L}_{\phi,\theta}(x)` -> (the words, negative)

    def read(self) -> None:
        for span in self.spans:  # every sum first: a name's index is bound by a sum of any formula
            self.sums(span)
        for k, span in enumerate(self.spans):
            self.statements(k, span)
            self.names(span)

    def use(self, name: str) -> _Use:
        return self.uses.setdefault(name, _Use(Counter()))

    def sums(self, span: str) -> None:
        for m in _SUM.finditer(span):
            self.bound_indices.add(m["index"])
            if m["bound"]:
                self.bounds.setdefault(m["index"], Counter())[m["bound"]] += 1
                if not m["bound"].isdigit():
                    self.use(m["bound"]).integer = f"the upper bound of `{m.group().strip()}`"

    def statements(self, k: int, span: str) -> None:
        if (m := COMPONENTS_LISTED.match(span)) is not None:
            self.aliases[m["alias"].strip()] = (m["name"], m["length"])
            return
        if (m := _DEFINITION.match(span)) is not None and not holds_relation(m["body"]) and \
                re.sub(r"\\[a-z]+\{|\}", "", m["head"]) not in OPERATOR_WORDS:  # `KL(P \| Q) = ...` is a claim
            head = m["head"]
            self.functions[f"{head}({m['args'].strip()})"] = (m["body"].strip(), span.strip())
            return
        if (m := _INTEGER_PRODUCT.match(span)) is not None:
            self.use(m["name"]).integer = f"`{span.strip()}`"
            return
        if (m := _OBJECTIVE.match(span)) is not None and (words := _ELBO.search(self.sentence_before(k))) is not None:
            self.objectives[m["head"]] = (words.group(), bool(words["negative"]))  # the note names it in words
            return
        self.law_statement(k, span)

    def sentence_before(self, k: int) -> str:
        """The prose of the paragraph (up to 300 characters) before span k."""
        before = self.prose[max(0, self.offsets[k] - 300) : self.offsets[k]]
        paragraphs = [p for p in re.split(r"\n\s*\n", before) if p.strip() not in ("", "$$", "\\[")]
        return paragraphs[-1] if paragraphs else ""

    def law_statement(self, k: int, span: str) -> None:
        lhs, sim, rhs = span.partition("\\sim")
        if not sim:
            lhs, eq, rhs = span.partition("=")
            if not eq or _LAW_HEAD.fullmatch(lhs) is None:
                lhs, rhs = "", span  # a family alone: its law is named in the prose before it
        call = _FAMILY_CALL.match(rhs.strip())
        head = _LAW_HEAD.fullmatch(lhs) if lhs.strip() else None
        if call is None:
            if sim and head is None and (named := _LAW_HEAD.fullmatch(rhs)) is not None:
                self.law_names[lhs.strip()] = f"{named['letter']}({named['args'].strip()})"  # z \sim q_\phi(z|x)
            return
        if head is not None:
            key = f"{head['letter']}({head['args'].strip()})"
            variable = re.split(r"[|,;]|\\mid", head["args"])[0].strip()
        elif lhs.strip():
            variable, key = lhs.strip(), ""
        else:
            key, variable = self.named_in_prose(k, call["args"])
            if not key:
                return
        self.laws.append((key, variable, SPELLINGS[call["family"]], call["args"]))
        self.law_sources[key or variable] = span.strip()
        self.law_spans[key or variable] = k

    def named_in_prose(self, k: int, args: str) -> tuple[str, str]:
        """`The prior p(z) is ... $N(z; 0, I_d)$`: the law the sentence before the family names."""
        variable = re.split(r"[;|]", args)[0].strip()
        before = self.prose[max(0, self.offsets[k] - 300) : self.offsets[k]]
        sentence = re.split(r"[.!?]\s|\n\s*\n", before)[-1]
        named = re.findall(r"\b([a-zA-Z])\((" + re.escape(variable) + r")(\s*\|[^)]*)?\)", sentence)
        if not named:
            return "", variable
        letter, var, given = named[-1]
        return f"{letter}({var}{given.strip() and '|' + given.strip()[1:].strip()})", variable

    def names(self, span: str) -> None:
        integral, pos = "\\int" in span, 0
        while (m := _NAME.search(span, pos)) is not None:
            pos = m.end()
            sub = _SUBSCRIPT.match(span, m.end())
            subscript = re.sub(r"^\{(.*)\}$", r"\1", re.sub(r"\s+", "", sub["braced"] or sub["one"])) if sub else None
            pos = sub.end() if sub is not None else pos  # `\mu_{\phi}`, `x_i`: the subscript names nothing of its own
            applied = span[sub.end() if sub else m.end() :].lstrip().startswith("(")
            if span[: m.start()].rstrip().endswith("^") and m["letters"] == "T" or m["cmd"] == "top":
                continue  # a transpose
            for name in self.names_of(m, integral, applied):
                if name == "I" or (subscript and name in ("D", "\\mathcal{D}") and "KL" in subscript):
                    break  # the identity, and a KL divergence's name
                self.record(name, subscript, applied, span, m)

    def names_of(self, m: re.Match, integral: bool, applied: bool) -> list[str]:
        if m["deco"]:
            return [re.sub(r"\s+", "", m["deco"])]
        if m["font"]:
            return [m["font"]]
        if m["cal"]:
            return [] if applied else [re.sub(r"\s+", "", m["cal"])]
        if m["word"] is not None:
            return []
        if m["cmd"]:
            return ["\\" + m["cmd"]] if m["cmd"] in GREEK else []
        letters = m["letters"]
        if letters in OPERATOR_WORDS or letters in SPELLINGS and applied:
            return []
        if len(letters) > 1 and applied and letters[0].isupper():
            return []  # MSE(x, y): a function's name
        if integral and len(letters) == 2 and letters[0] == "d":
            return [letters[1]]  # `dz`: a differential, not d times z
        return list(letters)

    def record(self, name: str, subscript: str | None, applied: bool, span: str, m: re.Match) -> None:
        end = m.end()
        if name in self.bound_indices and subscript is None and not applied:
            return
        if subscript is not None and re.fullmatch(r"[a-zA-Z]", subscript) and \
                (subscript in self.bound_indices or subscript in INDEX_LETTERS):
            use = self.use(name)
            use.indices[subscript] += 1
            enclosing = [s["bound"] for s in _SUM.finditer(span, 0, m.start()) if s["index"] == subscript and s["bound"]]
            if enclosing:
                use.lengths[enclosing[-1]] += 1  # the sum this component stands under says the vector's length
        elif subscript is not None:  # `\sigma_\theta`, `\mu_1`: a name of its own (a vector's component, if `\mu` is one)
            name = f"{name}_{subscript}" if re.fullmatch(r"\\[a-zA-Z]+|[a-zA-Z0-9]", subscript) else f"{name}_{{{subscript}}}"
            use = self.use(name)
        else:
            if name == "e" and span[end:].lstrip().startswith("^"):
                return  # Euler's number
            use = self.use(name)
        use.applied = use.applied or applied
        before = span[:end]
        if re.search(r"\\(log|ln|sqrt)\s*[({]?\s*(\\left\()?\s*" + re.escape(_written(name)) + r"\s*$", before):
            use.positive = use.positive or "under a log or a root"


def _apart(text: str) -> list[tuple[int, str]]:
    """`P \\sim N(a, b), \\quad Q \\sim N(c, d)`: the pieces a `\\quad` (after a comma or not) sets apart."""
    pieces, start = [], 0
    for m in re.finditer(r",?\s*\\q?quad(?![a-zA-Z])", text):
        pieces.append((start, text[start : m.start()]))
        start = m.end()
    return [p for p in pieces + [(start, text[start:])] if p[1].strip()]


def _written(name: str) -> str:
    return re.sub(r"_\{?(\\?[a-zA-Z]+)\}?$", "", name)


def draft(note: Note) -> list[Guess]:
    """Every guess the note's maths supports; nothing here is ever read by `check`, which reads only what the
    front matter says: the author confirms each guess by keeping it."""
    reader = _Reader(note)
    reader.read()
    guesses: list[Guess] = []
    vectors = _vectors(reader)
    reader.substitutions = substitutions(reader.spans, reader.raw, note.text, reader.uses, vectors)
    laws = [_law(reader, vectors, *law) for law in reader.laws]
    heads = {key.split("(")[0] for key, _, _ in laws} | {normal(alias.split("(")[0]) for alias in reader.aliases}
    heads |= {head.split("(")[0] for head in reader.functions}
    lengths = {length for length, _ in vectors.values()}
    # a law's variable that is no vector is declared by its law, with its support's assumptions (x > 0 under an
    # Exponential): a `real` guess would only lose them
    variables = {value.split("(")[1].split(";")[0].strip() for _, value, _ in laws if "(" in value}
    for name, use in sorted(reader.uses.items(), key=lambda item: item[0].lstrip("\\").lower()):
        if name in heads or name.split("_")[0] in heads or (use.applied and not use.indices) or _component(name, vectors):
            continue
        guess = _symbol(name, use, vectors.get(name), name in lengths)
        if not (name in variables and guess.value == "real"):
            guesses.append(guess)
    for key, (body, source) in reader.functions.items():
        guesses.append(Guess("functions", key, body, f"defined by `{source}`"))
    guesses += [_objective(head, words, negative, laws) for head, (words, negative) in reader.objectives.items()]
    for key, value, source in laws:
        guesses.append(Guess("distributions", key, value, f"stated as {source}"))
    guesses += [Guess(*scope) for scope in scopes(reader.substitutions)]
    applied = sorted(n for n, u in reader.uses.items() if u.applied and not u.indices and n not in heads
                     and n.split("_")[0] not in heads and len(n) > 1 and n not in reader.explained)
    for name in applied:
        guesses.append(Guess("notes", name, "", "applied to arguments and never defined: declare it under functions "
                             "(`arbitrary` for an unknown function) or distributions"))
    return guesses


def _objective(head: str, words: str, negative: bool, laws: list[tuple[str, str, str]]) -> Guess:
    """`\\mathcal{L}(x) = ...` after prose calling it the ELBO: the ELBO of the note's encoder, prior and decoder."""
    keys = [key for key, _, _ in laws]
    encoder = next((k for k in keys if re.fullmatch(r"q\((\w+)\|.+\)", k)), "q(z|x)")
    latent = encoder[2 : encoder.index("|")]
    prior = next((k for k in keys if k == f"p({latent})"), f"p({latent})")
    decoder = next((k for k in keys if re.fullmatch(r"p\(\w+\|" + re.escape(latent) + r"\)", k)), f"p(x|{latent})")
    elbo = (f"\\mathbb{{E}}_{{{latent}\\sim {encoder}}}\\left[\\log {decoder}\\right] - "
            f"D_{{\\mathrm{{KL}}}}({encoder} \\| {prior})")
    if negative:
        elbo = f"-\\mathbb{{E}}_{{{latent}\\sim {encoder}}}\\left[\\log {decoder}\\right] + " \
               f"D_{{\\mathrm{{KL}}}}({encoder} \\| {prior})"
    return Guess("functions", head.split("(")[0].strip() + head[head.index("(") :], elbo,
                 f"the prose before `{head}` calls it the {words} (of the note's encoder, prior and decoder)")


def _vectors(reader: _Reader) -> dict[str, tuple[str, str]]:
    """name -> (length, why) for every name with a component index, or set to `(n_1, \\dots, n_L)`."""
    found = {}
    for name, use in reader.uses.items():
        if use.lengths:
            length = use.lengths.most_common(1)[0][0]
            found[name] = (length, f"`{name}_i` under a sum to `{length}`")
            continue
        for index, _ in use.indices.most_common():
            bounds = reader.bounds.get(index)
            if bounds:
                length = bounds.most_common(1)[0][0]
                found[name] = (length, f"`{name}_{index}` under sums over `{index}` to `{length}`")
                break
        else:
            if use.indices:
                found[name] = ("?", f"`{name}_{use.indices.most_common(1)[0][0]}` has a component index whose range "
                                    "is never written: set the length")
    for alias, (name, length) in reader.aliases.items():
        found[name] = (length, f"`{alias} = ({name}_1, \\dots, {name}_{length})`")
    return found


def _component(name: str, vectors: dict) -> bool:
    m = re.fullmatch(r"(.+)_\{?(\d+|[a-zA-Z])\}?", name)
    return m is not None and m[1] in vectors


def _symbol(name: str, use: _Use, vector: tuple[str, str] | None, length: bool) -> Guess:
    if use.integer or length:
        return Guess("symbols", name, "positive integer", use.integer or "the length of a vector")
    if vector is not None:
        kind = "positive" if use.positive else "real"
        why = vector[1] + (f"; positive, {use.positive}" if use.positive else "")
        return Guess("symbols", name, f"{kind} vector[{vector[0]}]", why)
    if use.positive:
        return Guess("symbols", name, "positive", use.positive)
    return Guess("symbols", name, "real", "used in the maths; nothing there says more")


def _law(reader: _Reader, vectors: dict, key: str, variable: str, family: str, args: str) -> tuple[str, str, str]:
    variable = variable.strip()
    parts = re.split(r";|\\mid|\|", args, maxsplit=1)
    params = _top_level_split(parts[-1])
    if len(parts) == 2:
        variable = parts[0].strip() or variable
    params = [_translated(reader, p) for p in params]
    key = key or reader.law_names.get(variable) or f"p({variable})"
    source = f"`{reader.law_sources.get(key, reader.law_sources.get(variable, ''))}`"
    if family == "Normal" and len(params) == 2:
        mean, variance = params
        key, mean, variance, words = law_in_words(reader, vectors, key, variable, mean, variance)
        source += words
        scale = re.fullmatch(r"\(?(\\?[a-zA-Z]+(?:_\{?\\?[a-zA-Z0-9]+\}?)?)\)?\^\{?2\}?", variance)
        if scale is not None and normal(scale[1]) in reader.uses:
            reader.use(normal(scale[1])).positive = reader.use(normal(scale[1])).positive or "the scale of a Normal"
        if scale is not None and scale[1] in reader.uses:
            reader.use(scale[1]).positive = reader.use(scale[1]).positive or "the scale of a Normal"
        vector_variable = variable in vectors or any(p in vectors for p in (mean, scale[1] if scale else ""))
        if vector_variable and scale is not None and scale[1] in vectors:
            variance = f"\\operatorname{{diag}}({scale[1]}^2)"
        elif vector_variable and variance not in ("I", "0"):
            variance = f"{variance} I"
        return key, f"\\mathcal{{N}}({variable}; {mean}, {variance})", source
    return key, f"\\mathrm{{{family}}}({variable}; {', '.join(params)})", source


def _translated(reader: _Reader, param: str) -> str:
    param = param.strip()
    for alias, (name, _) in reader.aliases.items():
        param = param.replace(alias, name)
    return re.sub(r"\bI_\{?[a-zA-Z0-9]+\}?", "I", param)


def _top_level_split(text: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += ch in "({[" and 1 or (ch in ")}]" and -1) or 0
        if ch == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    return [p.strip() for p in parts + [text[start:]]]

