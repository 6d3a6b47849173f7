"""`init`'s reading of what a note's words say its names stand for: `$\\sigma = \\sigma_\\theta$`, a reconstruction."""
from __future__ import annotations

import re
from dataclasses import dataclass

# `we let $\tilde{x}$ be the reconstruction from z`, `the reconstruction $\hat x$`, `$\hat{x}$ (the reconstructed x)`
_RECONSTRUCTION = re.compile(r"reconstruct(ion|ed)", re.I)
_INLINE = re.compile(r"\$([^$]+)\$")
_APPLIED = re.compile(r"^(?P<head>\\?[a-zA-Z]+(_\{?\\?[a-zA-Z]+\}?)?)\s*\(\s*(?P<argument>[^()]*?)\s*\)$")


@dataclass(frozen=True)
class Substitution:
    """A prose statement `$A = B$` of two names, A a vector and B a scalar: plain A stands for B there."""

    name: str  # A, as the names are kept (`\sigma`)
    meaning: str  # B (`\sigma_\theta`)
    text: str  # the span as written, the `from:` scope's anchor
    span: int  # its index among the spans
    end: str  # the text of the first later formula writing A's components (the scope ends there), or ""


def normal(name: str) -> str:
    """`\\mu_{\\phi}` as the names are kept: a one-token subscript without braces, no spaces."""
    return re.sub(r"_\{(\\[a-zA-Z]+|[a-zA-Z0-9])\}", r"_\1", re.sub(r"\s+", "", name))


def substitutions(spans: list[str], raw: list[str], body: str, uses: dict, vectors: dict) -> list[Substitution]:
    """Every `$A = B$` with A a declared vector and B a name that is none: the author reuses a letter (the
    decoder's shared scale written `\\sigma`, the encoder's vector's letter) and says so in words. The
    scope it opens ends at the next formula that writes A with a component index again."""
    found = []
    for k, span in enumerate(spans):
        m = re.fullmatch(r"\s*(?P<a>\\?[a-zA-Z]+)\s*=\s*(?P<b>\\?[a-zA-Z]+\s*_\s*(\{[^{}]*\}|\\[a-zA-Z]+|[a-zA-Z0-9]))\s*[.,]?\s*", span)
        if m is None:
            continue
        name, meaning = normal(m["a"]), normal(m["b"])
        if name not in vectors or meaning in vectors or meaning not in uses or body.count(raw[k].strip()) != 1:
            continue
        end = next((raw[j] for j in range(k + 1, len(spans)) if _writes_component(spans[j], name)), "")
        found.append(Substitution(name, meaning, raw[k].strip(), k, _unique_prefix(end, body) if end else ""))
    return found


def _writes_component(span: str, name: str) -> bool:
    return re.search(re.escape(name) + r"\s*_\s*\{?\s*[a-zA-Z]\b", span) is not None


def _unique_prefix(text: str, body: str) -> str:
    """The shortest start of the text, cut after a space, that the note's body holds once (else the whole)."""
    text = text.strip()
    for m in re.finditer(r"\s", text):
        if body.count(text[: m.start()]) == 1 and m.start() >= 8:
            return text[: m.start()]
    return text


def reconstruction(paragraph: str, variable: str, vectors: dict) -> tuple[str, str] | None:
    """(name, words) of the one name the paragraph calls a reconstruction (an inline name within 40 characters
    of the word: `we let $\\tilde{x}$ be the reconstruction`, `$\\hat x$, the reconstructed x`), of the law's
    variable's shape and not the variable itself; None when there is none, or more than one."""
    found = {}
    for word in _RECONSTRUCTION.finditer(paragraph):
        for m in _INLINE.finditer(paragraph, max(0, word.start() - 60), word.end() + 60):
            near = word.start() - m.end() if m.end() <= word.start() else m.start() - word.end()
            name = normal(m[1])
            if 0 <= near <= 40 and name != variable and name in vectors and \
                    vectors.get(variable, (None,))[0] == vectors[name][0]:
                words = paragraph[min(m.start(), word.start()) : max(m.end(), word.end())]
                found[name] = " ".join(words.split())
    return next(iter(found.items())) if len(found) == 1 else None


def applied_to(mean: str, given: str) -> str | None:
    """The head of a mean written as an undefined name applied to the law's conditioning variable
    (`\\mu_{\\theta}(z)` under `p(x|z)`), else None."""
    m = _APPLIED.match(mean.strip())
    return normal(m["head"]) if m is not None and m["argument"] == given else None


def densities_at(spans: list[str], letter: str, point: str, given: str) -> bool:
    """Whether a formula writes the density `letter(point|given)` (`p(\\tilde{x}|z)`)."""
    pattern = re.escape(letter) + r"\(\s*" + re.escape(point).replace("\\{", r"\s*\{\s*").replace("\\}", r"\s*\}") \
        + r"\s*(\||\\mid)\s*" + re.escape(given) + r"\s*\)"
    return any(re.search(pattern, span.replace(" ", "")) or re.search(pattern, span) for span in spans)


def paragraph_at(prose: str, offset: int) -> tuple[int, int]:
    """(start, end) offsets of the paragraph (between blank lines) holding the offset."""
    before = [m.end() for m in re.finditer(r"\n[ \t]*\n", prose[:offset])]
    after = re.compile(r"\n[ \t]*\n").search(prose, offset)
    return (before[-1] if before else 0), (after.start() if after else len(prose))


def law_in_words(reader, vectors: dict, key: str, variable: str, mean: str, variance: str) -> tuple[str, str, str, str]:
    """A Normal law as the prose around it reads: `$\\sigma = \\sigma_\\theta$` in its paragraph puts the
    scalar in the vector's letter's place; a mean `\\mu_\\theta(z)` never defined is the one name the
    paragraph calls the reconstruction, and a density the note writes at it (`p(\\tilde{x}|z)`) is the same
    law's, the likelihood of the data under that mean. (key, mean, variance, what was read, for the comment)."""
    k = reader.law_spans.get(key, reader.law_spans.get(variable))
    if k is None:
        return key, mean, variance, ""
    start, end = paragraph_at(reader.prose, reader.offsets[k])
    words = ""
    for sub in reader.substitutions:
        written = re.fullmatch(r"\(?(" + re.escape(sub.name) + r")\)?\^\{?2\}?", normal(variance))
        if written is not None and start <= reader.offsets[sub.span] < end:
            variance = f"{sub.meaning}^2"
            words += f"; `{sub.text}` in its words"
    given = key[key.index("|") + 1 : -1].strip() if "|" in key else ""
    head = applied_to(mean, given) if given else None
    found = reconstruction(reader.prose[start:end], variable, vectors) if head else None
    if head is not None and found is not None:
        name, sentence = found
        reader.explained.add(head)
        words += f"; its mean `{mean}` is the reconstruction `{name}` (\"{sentence}\")"
        mean = name
        letter = key.split("(")[0]
        if densities_at(reader.spans, letter, name, given):
            key = f"{key}, {letter}({name}|{given})"
            words += f"; the note writes `{letter}({name}|{given})` for the likelihood of {variable} under that mean"
    return key, mean, variance, words


def scopes(found: list[Substitution]) -> list[tuple]:
    """A `from:` scope for each prose `$A = B$`: plain A stands for B from there to the next formula that
    writes A's components, where the note-wide names hold again."""
    out = []
    for sub in found:
        out.append(("from", sub.text, "", f"the prose says `{sub.text}`: from there plain `{sub.name}` is "
                    f"`{sub.meaning}`", (("functions", sub.name, sub.meaning),)))
        if sub.end:
            out.append(("from", sub.end, "", f"this formula writes the components of `{sub.name}` again: the "
                        "note-wide names hold from here", ()))
    return out
