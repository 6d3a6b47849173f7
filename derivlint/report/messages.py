"""Findings rendered as English: the message templates, the slip's context and `explain`."""
from __future__ import annotations

import re

from ..model.findings import CODES, Finding
from ..model.stops import DEADLINE, DIED, FAULT, Stopped

TEMPLATES: dict[str, str] = {
    "V100": "cannot read the note: {problem}",
    "V101": "the front matter is not valid YAML: {problem}",
    "V102": "cannot use the declaration of {name}: {problem}",
    "V103": "{what} opened here is never closed (expected {closer})",
    "V104": "the directive `{directive}` follows no claim",
    "V105": "unknown directive `{directive}` (known: {known})",
    "V106": "cannot read the formula: {problem}",
    "V107": "`{name}` is not declared in the front matter{hint}",
    "V108": "unknown distribution family `{name}` (known: {known})",
    "V109": "cannot build the expression: {problem}",
    "V110": "ambiguous notation: {problem}",
    "V111": "unknown key `{key}` in the verify context (known: {known})",
    "V112": "`{key}` is declared twice (first at line {first})",
    "V113": "`defines {name}` does not match the claim: {problem}",
    "V114": "the note is empty: there is nothing to check",
    "V200": "link {index} ({relation}) does not hold: {evidence}",
    "V201": "sign error on {term}",
    "V202": "{term} is off by a factor {factor}",
    "V203": "{term} has the wrong power",
    "V204": "a term is missing: {term}",
    "V205": "{term} should not be there",
    "V206": "off by the constant {term}",
    "V207": "the KL arguments are swapped: this is {term}",
    "V208": "holds only when {term}",
    "V209": "holds after the substitution {term}",
    "V210": "the logarithm base is off: {term}",
    "V211": "the sides differ by {term}",
    "V212": "{term} should be {replacement}",
    "V301": "the formula holds no relation to check",
    "V302": "skipped by a `verify: skip` directive",
    "V303": "link {index} ({relation}) could not be checked: {reason}",
    "V304": "the note expects this claim to be refuted, but it is {verdict}",
    "V401": "this repeats the refuted result of line {line}",
    "V402": "`{name} {relation} {value}` states an assumption, a definition or a condition: it is not checked",
    "V403": "`{statement}` states an assumption (a law, a domain, or how a random variable is drawn), not a claim to check{agreement}",
    "V404": "`{statement}` states a law the front matter does not declare: it declares {declared}",
    "V405": "defines {names}, expanded in the formulas after the definition (a definition is no claim)",
    "V900": "internal error while {stage}: {error} (a fault in the tool, not in the note: please report it)",
}
STOPS = {DIED: "the worker checking it died", FAULT: "internal error in the tool (V900)"}
QUANTITY_NAMES = {"kl": "KL divergence", "entropy": "entropy", "expectation": "expectation"}
# The arguments of each code that are maths (LaTeX the reports typeset: `$...$`), not words; a V2xx's term
# is maths unless it is the whole side. A name the front matter could not read (V102) is no maths.
SLIP_MATHS = ("term", "second", "replacement")
MATHS_ARGUMENTS = {"V107": ("name",), "V403": ("statement",), "V404": ("statement", "declared"),
                   **{f"V2{n:02d}": SLIP_MATHS for n in range(1, 13)}}
MATHS = re.compile("\x02(.*?)\x03", re.S)  # a maths piece of a marked message
DEFINITIONS = {
    "negative-elbo": "is defined as the negative ELBO (a loss: expected negative log-likelihood plus the KL)",
    "elbo": "is defined as the ELBO (expected log-likelihood minus the KL)",
}


def reason_text(reason) -> str:
    """A link's reason: a check's own words, or why the run stopped its check."""
    if not isinstance(reason, Stopped):
        return reason
    if reason.why == DEADLINE:
        return f"the check ran past its deadline of {reason.seconds:g} s and was stopped"
    return STOPS[reason.why]


def message(finding: Finding) -> str:
    """The finding in English, its maths as LaTeX source: `sign error on \\frac{1}{2}`."""
    return MATHS.sub(lambda m: m.group(1), marked_message(finding))


def message_parts(finding: Finding) -> list[tuple[str, bool]]:
    """The message as (text, is_maths) pieces, for a report that typesets maths: the backticks a template
    puts around a maths piece (`` `\\mu = 0` states ...``) are the text report's, and are left out."""
    pieces = MATHS.split(marked_message(finding))
    parts = [(piece, k % 2 == 1) for k, piece in enumerate(pieces)]
    for k in range(1, len(parts) - 1, 2):
        (before, _), (after, _) = parts[k - 1], parts[k + 1]
        if before.endswith("`") and after.startswith("`"):
            parts[k - 1], parts[k + 1] = (before[:-1], False), (after[1:], False)
    return [(text, is_maths) for text, is_maths in parts if text]


def maths(text: str) -> str:
    return f"\x02{text}\x03"


def marked_message(finding: Finding) -> str:
    """The message with each maths piece between \\x02 and \\x03."""
    arguments = finding.arguments
    if "reason" in arguments:
        arguments["reason"] = reason_text(arguments["reason"])
    if finding.code == "V402":  # `name relation value`, one piece of maths
        arguments["name"], arguments["value"] = f"\x02{arguments['name']}", f"{arguments['value']}\x03"
    for name in MATHS_ARGUMENTS.get(finding.code, ()):
        if arguments.get(name) and arguments.get("side") != "whole":
            arguments[name] = maths(str(arguments[name]))
    if finding.code == "V200" and "recovers" in arguments:
        arguments["evidence"] = (f"member {arguments['index']} carries the slip found at link {arguments['index'] - 1}; "
                                 f"member {arguments.pop('recovers')} agrees with the first again: the chain recovers")
    elif finding.code == "V200":
        arguments["evidence"] = _evidence(arguments.pop("counterexample", None))
    if "term" in arguments:
        arguments["term"] = _term(finding.code, arguments)
    should = f": the term should be {arguments['should']}" if finding.code == "V203" and "should" in arguments else ""
    return TEMPLATES[finding.code].format(**arguments) + should + _slip_context(arguments)


def _term(code: str, arguments: dict) -> str:
    """The term a slip is on, as the message names it: the whole side, two terms, a log and its due base."""
    if arguments.get("side") == "whole":
        return "the whole side (every term)" if code == "V201" else "the whole side"
    term = arguments["term"]
    if "second" in arguments:
        return f"{term} and {arguments['second']}"
    if code == "V210":
        base = arguments["base"]
        return f"{term}: a natural log is due" if base == "e" else f"{term}: base {base} is due"
    return term


def _evidence(counterexample) -> str:
    if not counterexample:
        return "by Monte Carlo"
    return "at " + ", ".join(maths(value) for value in point_values(counterexample))


def point_values(point) -> list[str]:
    """A counterexample's values as LaTeX equalities, in its order: `\\mu = -0.69`."""
    items = point.items() if isinstance(point, dict) else point
    return [f"{k} = {v:g}" if isinstance(v, float) else f"{k} = {v}" for k, v in items]


def _slip_context(arguments: dict) -> str:
    """Where a slip comes from: the earlier claim it repeats, what a defined objective is, the member carrying it."""
    parts = []
    if "origin" in arguments:
        what = QUANTITY_NAMES.get(arguments.get("origin_quantity", ""), "")
        whose = f"the error is the {what}'s: " if what else ""
        parts.append(f"{whose}it repeats the refuted result of line {arguments['origin']}")
    if "defined" in arguments:
        parts.append(f"{arguments['defined']} {DEFINITIONS[arguments['definition']]}")
    if "carried" in arguments:
        parts.append(f"member {arguments['carried']} carries the slip of an earlier member through a step that holds")
    return "".join(f"; {p}" for p in parts)


def explain(code: str) -> str:
    entry = CODES[code]
    return f"{code} ({entry.name})\n\n{entry.doc}\n"
