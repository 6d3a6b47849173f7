"""Findings (code, position, arguments, fix) and the one table of codes, grouped by hundreds."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Fix:
    """A suggested replacement of note text [start, end): never applied to the note by the tool.

    `latex` is the corrected member in the author's own notation and order; `marked` is the same
    text with each changed part wrapped in `\\fixmark{...}` (reports define that macro).
    """

    latex: str
    marked: str
    start: int
    end: int
    applicability: str = "suggestion"  # the author must accept it: a slip has more than one repair


@dataclass(frozen=True)
class Finding:
    """What the tool has to say about one place in a note; rendered only by reporters."""

    code: str
    line: int
    column: int
    args: tuple[tuple[str, Any], ...] = ()
    kind: str | None = None
    fix: Fix | None = None

    @property
    def arguments(self) -> dict[str, Any]:
        return dict(self.args)

    @property
    def message(self) -> str:
        return CODES[self.code].template.format(**self.arguments)


@dataclass(frozen=True)
class Code:
    """One entry of the table: a short name, a message template and its documentation."""

    name: str
    template: str
    doc: str


CODES: dict[str, Code] = {}


def _code(number: str, name: str, template: str, doc: str) -> None:
    assert number not in CODES, f"code {number} is defined twice"
    CODES[number] = Code(name, template, doc.strip())


# V1xx: reading the note (files, front matter, Markdown, LaTeX).
_code("V100", "unreadable-file", "cannot read the note: {problem}", """
The file could not be opened or is not UTF-8 text (a binary file, say). Nothing of it is checked.
Fix: point the tool at a Markdown note.""")
_code("V101", "broken-front-matter", "the front matter is not valid YAML: {problem}", """
The YAML between the opening and closing `---` does not parse. Without the context no name can be
resolved, so the formulas are read for syntax only.
Example: `symbols: {d: positive` (an unclosed flow mapping). Fix: repair the YAML at the line given.""")
_code("V102", "bad-declaration", "cannot use the declaration of {name}: {problem}", """
One entry of the `verify:` context cannot be used (an unknown assumption, a malformed signature, a
definition that does not read). Other entries and claims are still read; claims using this name
report it as undeclared.
Example: `x: realish`. Fix: use one of real, positive, nonnegative, integer, positive integer, vector[n].""")
_code("V103", "unclosed", "{what} opened here is never closed (expected {closer})", """
A maths delimiter, environment or comment is opened and not closed. The text after it is read as
prose. Example: `$$a = b` with no closing `$$`.""")
_code("V104", "stray-directive", "the directive `{directive}` follows no claim", """
A `<!-- verify: ... -->` comment must come right after the formula it steers (only white space
between). Example: a directive at the top of a section. Fix: move it under its formula.""")
_code("V105", "unknown-directive", "unknown directive `{directive}` (known: {known})", """
The comment holds something the tool does not know; it is not guessed at.
Example: `<!-- verify: expect refute -->`. Fix: use one of the known directives.""")
_code("V106", "latex-syntax", "cannot read the formula: {problem}", """
The LaTeX does not follow the grammar the tool reads; the message says what was expected at the
position given. Example: `\\frac{1}{2` (unbalanced brace). Fix: balance the braces, or write the
notation in a form listed in the README.""")
_code("V107", "undeclared-name", "`{name}` is not declared in the front matter{hint}", """
Every name must be declared in `verify: symbols/constants/functions/distributions`, so nothing is
guessed. Example: `\\sigma_\\theta` used but not declared. Fix: declare it with its assumptions.""")
_code("V108", "unknown-family", "unknown distribution family `{name}` (known: {known})", """
A distribution is written with a family the tool does not know. Example: `\\mathrm{Weibull}(k, l)`.
Fix: use a known family, or define the density as a function.""")
_code("V109", "cannot-build", "cannot build the expression: {problem}", """
The formula parses but does not make sense as mathematics (a list where a value is expected, a
function applied to the wrong number of arguments, a vector where a scalar is needed).""")
_code("V110", "ambiguous-notation", "ambiguous notation: {problem}", """
The formula can be read in more than one way and the tool will not choose. Example: `{x+1}^2`
renders as x+1² but is often meant as (x+1)². Fix: write the brackets that are meant.""")
_code("V111", "unknown-key", "unknown key `{key}` in the verify context (known: {known})", """
A key under `verify:` is not part of the note format; it is reported rather than ignored.""")
_code("V112", "duplicate-key", "`{key}` is declared twice (first at line {first})", """
YAML would keep only the last of two equal keys; the tool keeps the first, reads it alone, and
reports the second here rather than lose either silently.""")

_code("V113", "bad-definition-directive", "`defines {name}` does not match the claim: {problem}", """
`<!-- verify: defines NAME -->` says the claim's first link defines a declared scalar. The first
member must be that name. Example: `$D = 3 \\times 32 \\times 32 = 3072$` with `defines D`.""")

_code("V114", "empty-note", "the note is empty: there is nothing to check", """
An empty file is read without error and holds no claim; it is reported so that a note emptied
by mistake does not pass unnoticed. Exit codes are not affected.""")

# V2xx: refuted links, one code per kind of slip (the `kind` field of the JSON report).
_code("V200", "refuted", "link {index} ({relation}) does not hold: {evidence}", """
A link of the chain is false: a counterexample was confirmed at high precision (or a Monte Carlo
z-score lies far past chance). The counterexample gives values at which the two sides differ.""")
_code("V201", "sign", "sign error on {term}{note}", """
Flipping the sign of the named term(s) makes the link hold. Example: `-KL = \\sum[\\log\\sigma +
\\frac12(\\mu^2+\\sigma^2-1)]`, whose half-term should be subtracted. Fix: the sign shown.""")
_code("V202", "factor", "{term} is off by a factor {factor}{note}", """
Scaling the named term (or the whole side) by a constant makes the link hold: a lost 1/2, a
doubled term. Example: `KL = \\log\\frac{s}{\\sigma} + \\frac{\\sigma^2+(\\mu-m)^2}{s^2} - \\frac12`.""")
_code("V203", "power", "{term} has the wrong power{note}", """
Changing a power in the named term makes the link hold: sigma where sigma^2 was meant.""")
_code("V204", "missing-term", "a term is missing: {term}{note}", """
The other side has a term this one lacks; adding it makes the link hold.""")
_code("V205", "extra-term", "{term} should not be there{note}", """
Dropping the named term makes the link hold.""")
_code("V206", "constant", "off by the constant {term}{note}", """
The two sides differ by a constant that depends on no parameter: perhaps `\\equiv` was meant.""")
_code("V207", "swapped-arguments", "the KL arguments are swapped: this is {term}{note}", """
The closed form is that of KL(p||q) while the claim is about KL(q||p), or the reverse.""")
_code("V208", "special-case", "holds only when {term}{note}", """
The link holds on a special case only, such as two means equal; in general it fails.""")
_code("V209", "substitution", "holds after the substitution {term}{note}", """
The closed form was written for another parametrisation, such as log-variance read as log-std
(s -> 2s) or a standard deviation read as a variance.""")
_code("V210", "log-base", "the logarithm base is off: {term}{note}", """
Replacing a natural log by a log in another base (or back) makes the link hold.""")
_code("V211", "mismatch", "the sides differ by {term}{note}", """
No simple edit explains the difference; the residual (claimed minus reference) is shown.""")

KIND_CODES = {"sign": "V201", "factor": "V202", "power": "V203", "missing-term": "V204",
              "extra-term": "V205", "constant": "V206", "swapped-arguments": "V207",
              "special-case": "V208", "substitution": "V209", "log-base": "V210", "mismatch": "V211"}

# V4xx: notes on where an error comes from and what a name means.
_code("V401", "repeats-refuted", "this repeats the refuted result of line {line}", """
A member of this claim contains, unchanged, a member found false in an earlier claim: the error
is inherited, and fixing the earlier claim is the first step.""")

# V3xx: claims that could not be checked.
_code("V301", "no-relation", "the formula holds no relation to check", """
A display formula with no `=`, `\\equiv`, `\\propto`, `\\le`, `\\ge`, `<` or `>` claims nothing.""")
_code("V303", "unchecked-link", "link {index} ({relation}) could not be checked: {reason}", """
No method could decide the link: the reference could not be re-derived, the time budget was
spent, or the methods disagreed (a fault in the tool, reported rather than guessed at).""")
_code("V304", "expected-refutation-gone", "the note expects this claim to be refuted, but it is {verdict}", """
`<!-- verify: expect refuted -->` marks a known erratum. When the claim no longer fails, the
directive is stale: remove it.""")
_code("V302", "skipped", "skipped by a `verify: skip` directive", """
The author asked the tool not to check this claim. It is listed so that nothing is lost.""")


def explain(code: str) -> str:
    entry = CODES[code]
    return f"{code} ({entry.name})\n\n{entry.doc}\n"
