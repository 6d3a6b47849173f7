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
    """What the tool has to say about one place in a note: typed data, rendered only by reporters.

    `args` must name exactly the code's parameters (and any of its optional ones): a finding made
    with a missing or unknown argument is a fault in the tool, raised where it is made.
    `traceback` is set only on an internal error (V900): the tool's own fault, never the note's.
    """

    code: str
    line: int
    column: int
    args: tuple[tuple[str, Any], ...] = ()
    kind: str | None = None
    fix: Fix | None = None
    traceback: str = ""

    def __post_init__(self) -> None:
        entry = CODES.get(self.code)
        if entry is None:
            raise ValueError(f"no finding code {self.code}")
        given = [name for name, _ in self.args]
        missing = [p for p in entry.parameters if p not in given]
        unknown = [g for g in given if g not in entry.parameters and g not in entry.optional]
        if missing or unknown or len(set(given)) != len(given):
            raise TypeError(f"finding {self.code} made with arguments {given}: "
                            f"missing {missing}, unknown {unknown}")

    @property
    def arguments(self) -> dict[str, Any]:
        return dict(self.args)

    @property
    def internal(self) -> bool:
        return self.code in INTERNAL_CODES


@dataclass(frozen=True)
class Code:
    """One entry of the table: a short name, the arguments a finding of it carries, its documentation.

    The message templates live with the reporters (derivlint/report/messages.py).
    """

    name: str
    parameters: tuple[str, ...]
    doc: str
    optional: tuple[str, ...] = ()


CODES: dict[str, Code] = {}
# Where a slip comes from, said after any V2xx message: the earlier claim it repeats (origin: its
# line; origin_quantity: "kl", "entropy", "expectation" or ""), the member carrying it (carried), and
# what a defined objective is (defined: its name; definition: "negative-elbo" or "elbo").
SLIP_CONTEXT = ("origin", "origin_quantity", "carried", "defined", "definition")


def _code(number: str, name: str, parameters: tuple[str, ...], doc: str, optional: tuple[str, ...] = ()) -> None:
    assert number not in CODES, f"code {number} is defined twice"
    if number[1] == "2" and number != "V200":
        optional = optional + SLIP_CONTEXT
    CODES[number] = Code(name, parameters, doc.strip(), optional)


# V1xx: reading the note (files, front matter, Markdown, LaTeX).
_code("V100", "unreadable-file", ("problem",), """
The file could not be opened or is not UTF-8 text (a binary file, say), or is not a Jupyter notebook
(its JSON does not read). Nothing of it is checked. At an `\\input{...}` of a LaTeX note: the file it
names is missing or outside the note's folder, and its formulas are not read.
Example: an image passed by mistake, or a note saved as UTF-16. Fix: point the tool at a Markdown
note saved as UTF-8.""")
_code("V101", "broken-front-matter", ("problem",), """
The YAML between the opening and closing `---` does not parse. Without the context no name can be
resolved, so the formulas are read for syntax only.
Example: `symbols: {d: positive` (an unclosed flow mapping). Fix: repair the YAML at the line given.""")
_code("V102", "bad-declaration", ("name", "problem"), """
One entry of the `verify:` context cannot be used (an unknown assumption, a malformed signature, a
definition that does not read). Other entries and claims are still read; claims using this name
report it as undeclared.
Example: `x: realish`. Fix: use one of real, positive, nonnegative, integer, positive integer, vector[n].""")
_code("V103", "unclosed", ("what", "closer"), """
A maths delimiter, environment or comment is opened and not closed. The text after it is read as
prose. Example: `$$a = b` with no closing `$$`. Fix: close it (`$$a = b$$`).""")
_code("V104", "stray-directive", ("directive",), """
A `<!-- verify: ... -->` comment must come right after the formula it steers (only white space
between). Example: a directive at the top of a section. Fix: move it under its formula.""")
_code("V105", "unknown-directive", ("directive", "known"), """
The comment holds something the tool does not know; it is not guessed at.
Example: `<!-- verify: expect refute -->`. Fix: use one of the known directives.""")
_code("V106", "latex-syntax", ("problem",), """
The LaTeX does not follow the grammar the tool reads; the message says what was expected at the
position given. Example: `\\frac{1}{2` (unbalanced brace). Fix: balance the braces, or write the
notation in a form listed in the README.""")
_code("V107", "undeclared-name", ("name", "hint"), """
Every name must be declared in `verify: symbols/constants/functions/distributions`, so nothing is
guessed. Example: `\\sigma_\\theta` used but not declared. Fix: declare it with its assumptions.""")
_code("V108", "unknown-family", ("name", "known"), """
A distribution is written with a family the tool does not know. Example: `\\mathrm{Weibull}(k, l)`.
Fix: use a known family, or define the density as a function.""")
_code("V109", "cannot-build", ("problem",), """
The formula parses but does not make sense as mathematics (a list where a value is expected, a
function applied to the wrong number of arguments, a vector where a scalar is needed).
Example: `\\mu_5` for a declared `vector[3]`. Fix: write the expression that is meant, within the
declared sizes and arities.""")
_code("V110", "ambiguous-notation", ("problem",), """
The formula can be read in more than one way and the tool will not choose. Example: `{x+1}^2`
renders as x+1² but is often meant as (x+1)². Fix: write the brackets that are meant.""")
_code("V111", "unknown-key", ("key", "known"), """
A key under `verify:` is not part of the note format; it is reported rather than ignored.
Example: `symbol:` for `symbols:`. Fix: use one of the known keys the message lists.""")
_code("V112", "duplicate-key", ("key", "first"), """
YAML would keep only the last of two equal keys; the tool keeps the first, reads it alone, and
reports the second here rather than lose either silently.
Example: `x: real` and, later in the same mapping, `x: positive`. Fix: keep one declaration.""")

_code("V113", "bad-definition-directive", ("name", "problem"), """
`<!-- verify: defines NAME -->` says the claim's first link defines a declared scalar. The first
member must be that name. Example: `$D = 3 \\times 32 \\times 32 = 3072$` with `defines D` is right;
with `defines d` it is not. Fix: name the scalar the claim starts with, or drop the directive.""")

_code("V114", "empty-note", (), """
An empty file is read without error and holds no claim; it is reported so that a note emptied
by mistake does not pass unnoticed. A run with no claim at all exits 1 unless `--allow-empty`.
Example: a note truncated to zero bytes. Fix: restore its content, or delete the file.""")

# V2xx: refuted links, one code per kind of slip (the `kind` field of the JSON report).
_code("V200", "refuted", ("index", "relation"), optional=("counterexample", "recovers"), doc="""
A link of the chain is false: a counterexample was confirmed at high precision (or a Monte Carlo
z-score lies far past chance), and no single edit of the kinds V201-V210 explains it. The
counterexample gives values at which the two sides differ. When the link follows a refuted one and
the member after it agrees with the first member again (`recovers`: that member's number), the
slip is the member before it, diagnosed at the link before: the chain recovers, and this link
breaks only because of that slip.
Example: `\\log(a + b) = \\log a \\log b`. Fix: re-derive the step; the values given show where it fails.""")
_code("V201", "sign", ("term",), optional=("side", "second"), doc="""
Flipping the sign of the named term(s) makes the link hold. Example: `-KL = \\sum[\\log\\sigma +
\\frac12(\\mu^2+\\sigma^2-1)]`, whose half-term should be subtracted. Fix: the sign shown.""")
_code("V202", "factor", ("term", "factor"), optional=("side",), doc="""
Scaling the named term (or the whole side) by a constant makes the link hold: a lost 1/2, a
doubled term. Example: `KL = \\log\\frac{s}{\\sigma} + \\frac{\\sigma^2+(\\mu-m)^2}{s^2} - \\frac12`, whose
middle term lost its 1/2. Fix: the corrected equation shown, with the factor written in.""")
_code("V203", "power", ("term",), optional=("should",), doc="""
Changing a power in the named term makes the link hold: sigma where sigma^2 was meant, or every
name of a product squared (`\\frac{\\pi\\beta}{12\\sigma}` for `\\frac{\\pi^2\\beta^2}{12\\sigma^2}`: the term
should be squared). Example: `\\log\\sigma` for `\\log\\sigma^2` in a Gaussian log density. Fix: the power shown.""")
_code("V204", "missing-term", ("term",), """
The other side has a term this one lacks; adding it makes the link hold.
Example: a Gaussian negative log-likelihood without its `\\frac12\\log 2\\pi`. Fix: add the term shown.""")
_code("V205", "extra-term", ("term",), """
Dropping the named term makes the link hold.
Example: a `- 1` written twice in a KL divergence. Fix: delete the term.""")
_code("V206", "constant", ("term",), """
The two sides differ by a constant that depends on no parameter: perhaps `\\equiv` was meant.
Example: `-\\log p(x) = \\frac{(x-\\mu)^2}{2\\sigma^2} + \\log\\sigma`. Fix: add the constant, or write `\\equiv`.""")
_code("V207", "swapped-arguments", ("term",), """
The closed form is that of KL(p||q) while the claim is about KL(q||p), or the reverse.
Example: `D_{KL}(q\\|p)` equated with the closed form of `D_{KL}(p\\|q)`. Fix: swap the arguments
(shown), or the closed form.""")
_code("V208", "special-case", ("term",), """
The link holds on a special case only, such as two means equal; in general it fails.
Example: a Normal-to-Laplace KL that is right only when the two locations are equal. Fix: the
general form; the case it holds in is named.""")
_code("V209", "substitution", ("term",), """
The closed form was written for another parametrisation, such as log-variance read as log-std
(s -> 2s) or a standard deviation read as a variance. Example: `\\frac12(\\mu^2 + e^{s} - 1 - s)` where
`s` is the log-std. Fix: the substitution shown, written into the author's own names.""")
_code("V210", "log-base", ("term", "base"), """
Replacing a natural log by a log in another base (or back) makes the link hold.
Example: an entropy in bits (`\\log_2`) equated with one in nats. Fix: the base shown.""")
_code("V211", "mismatch", ("term",), """
No simple edit explains the difference; the residual (claimed minus reference) is shown.
Example: a closed form that is wrong in several places at once. Fix: re-derive the member; the
residual says how far off it is.""")

_code("V212", "wrong-term", ("term", "replacement"), """
One written term should be another, shorter than the difference an added term would make up: the
author wrote the term where its replacement belongs (a whole term mistaken, not a term lost).
Example: `\\frac12\\log(2\\pi\\sigma^2) + \\frac{1}{2\\sigma}` for the Normal's entropy, or `x` for `|x|` in
`\\sqrt{x^2} = x`. Fix: the term replaced, shown in the corrected equation.""")
KIND_CODES = {"sign": "V201", "factor": "V202", "power": "V203", "missing-term": "V204",
              "extra-term": "V205", "constant": "V206", "swapped-arguments": "V207",
              "special-case": "V208", "substitution": "V209", "log-base": "V210", "mismatch": "V211",
              "wrong-term": "V212"}

# V4xx: notes on where an error comes from and what a name means.
_code("V401", "repeats-refuted", ("line",), """
A member of this claim contains, unchanged, a member found false in an earlier claim: the error
is inherited, and fixing the earlier claim is the first step.
Example: an ELBO that reuses a refuted KL closed form. Fix: correct the earlier claim first.""")

_code("V402", "stated-value", ("name", "value", "relation"), """
Prose that sets a declared scalar to a number (`If we assume $\\mu_2 = 0$`) states an assumption or a
definition, not a claim to refute: it is listed, not checked, and no later claim inherits from it.
In a longer chain (`Let $D = 3 \\times 32 \\times 32 = 3072$`) the first link is taken as the
definition and the rest is checked. A relation between two declared names and nothing else, in prose or
beside a formula (`when $\\sigma_2 > \\sigma_1$`, `a_i(1 - a_i), \\quad i = j`), is a condition, listed the
same way. Example: `Assume $\\sigma_2 = 1$.` Fix: none needed; to check a value as a claim, write it as a
display formula.""")

_code("V403", "stated-assumption", ("statement", "agreement"), """
A formula that states a law or a domain (`X \\sim \\mathcal{N}(\\mu, \\sigma^2)`, `P: \\; X \\sim
\\mathrm{Bern}(p)`, `\\mu \\in \\mathbb{R}^d`), or how a random variable is drawn (`z = \\mu + \\sigma \\odot
\\epsilon`, a random variable set to an expression not of itself), is an assumption, not a claim: it is listed,
not checked, and its law (for a draw, the law of an affine map of a declared Gaussian noise) is compared with
the one the front matter declares on the same variable.
Example: `$$X \\sim \\mathrm{Exp}(\\lambda)$$` with `p(x): \\mathrm{Exponential}(x; \\lambda)`. Fix: none
needed; the front matter says what the note's laws are.""")
_code("V404", "stated-law-differs", ("statement", "declared"), """
A formula states a law that is not the one the front matter declares on its variable (another
family, or other parameters): the note and its front matter disagree, and the claims are read
with the front matter's law. Example: `$$X \\sim \\mathcal{N}(0, 1)$$` where the front matter declares
`p(x): \\mathcal{N}(x; \\mu, \\sigma^2)`. Fix: make the front matter say what the note assumes.""")

_code("V405", "macro-definitions", ("names",), """
A maths block defines macros (`\\newcommand{\\E}{\\mathbb{E}}`, `\\renewcommand`, `\\def`,
`\\DeclareMathOperator`): they say how the formulas after them are written, not what they claim. The
definitions are taken out of the block and listed here; every later formula is read with them expanded.
A block made only of definitions is no claim. Example: `$$\\newcommand{\\E}{\\mathbb{E}}$$` at the top of a
MathJax note. Fix: none needed; macros for the whole note may also go under `macros:` in the front matter.""")

# V3xx: claims that could not be checked.
_code("V301", "no-relation", (), """
A display formula with no `=`, `\\equiv`, `\\propto`, `\\le`, `\\ge`, `<` or `>` claims nothing.
Example: `$$\\mathcal{L}(\\theta)$$` displayed alone. Fix: write the relation meant, or mark the formula
`<!-- verify: skip -->`.""")
_code("V303", "unchecked-link", ("index", "relation", "reason"), """
No method could decide the link: the reference could not be re-derived, the time budget was
spent, or the methods disagreed (reported rather than guessed at). The reason says which.
Example: an expectation with no closed form and no oracle. Fix: raise `--budget`, or split the step
into smaller links the tool can decide.""")
_code("V304", "expected-refutation-gone", ("verdict",), """
`<!-- verify: expect refuted -->` marks a known erratum. When the claim no longer fails, the
directive is stale. Example: an erratum corrected in the formula but not in its directive.
Fix: remove the directive.""")
_code("V302", "skipped", (), """
The author asked the tool not to check this claim. It is listed so that nothing is lost.
Example: a formula followed by `<!-- verify: skip -->`. Fix: none needed; remove the directive to
check it.""")


# V9xx: faults of the tool itself. They say nothing about the note and are never dressed as its slips.
_code("V900", "internal-error", ("stage", "error"), """
The tool itself failed: its own code raised an unexpected exception while it was reading,
checking or diagnosing this claim. The claim is left unchecked; the traceback is printed once on
standard error (and kept under `internal` in the JSON report). Nothing is said about the note.
Example: a `TypeError` inside the LaTeX builder. Fix: none in the note; please report it with the
note and the traceback, and check the claim by hand meanwhile.""")
INTERNAL_CODES = frozenset({"V900"})
