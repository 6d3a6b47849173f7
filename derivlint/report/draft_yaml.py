"""`init`'s draft as YAML (every guess with a comment saying what it was guessed from), and a file with it inserted."""
from __future__ import annotations

import json
import re

from ..note.draft import Guess

SECTIONS = ("symbols", "functions", "distributions")
_PLAIN = re.compile(r"[^\s\[\]{}&*!|>'\"%@`#,?:-][^\n]*")


def _scalar(text: str) -> str:
    """As written when YAML reads it back as it is, else single-quoted."""
    if _PLAIN.fullmatch(text) and ": " not in text and " #" not in text and not text.endswith(":"):
        return text
    return "'" + text.replace("'", "''") + "'"


def draft_lines(guesses: list[Guess]) -> list[str]:
    """The `verify:` mapping, line by line, without the front matter's fences."""
    lines = ["verify:"]
    for section in SECTIONS:
        entries = [g for g in guesses if g.section == section]
        if entries:
            lines.append(f"  {section}:")
            lines += [f"    {_scalar(g.key)}: {_scalar(g.value)}  # guessed: {_one_line(g.reason)}" for g in entries]
    scopes = [g for g in guesses if g.section == "from"]
    if scopes:
        lines.append("  from:")
    for g in scopes:  # a scope's text, then its sections, or `{}` where the note-wide names hold again
        if not g.scope:
            lines.append(f"    {_scalar(g.key)}: {{}}  # guessed: {_one_line(g.reason)}")
            continue
        lines.append(f"    {_scalar(g.key)}:  # guessed: {_one_line(g.reason)}")
        for section in SECTIONS:
            entries = [(key, value) for s, key, value in g.scope if s == section]
            if entries:
                lines.append(f"      {section}:")
                lines += [f"        {_scalar(key)}: {_scalar(value)}" for key, value in entries]
    lines += [f"  # {g.key}: {_one_line(g.reason)}" for g in guesses if g.section == "notes"]
    return lines


def _one_line(text: str) -> str:
    return " ".join(text.split())


def front_matter(guesses: list[Guess], suffix: str) -> str:
    """The draft as the file's own kind writes a front matter: `---` fences, or `% `-prefixed in LaTeX."""
    lines = ["---", *draft_lines(guesses), "---"]
    if suffix == ".tex":
        lines = ["% " + line for line in lines]
    return "\n".join(lines) + "\n"


def with_draft(text: str, guesses: list[Guess], suffix: str) -> str:
    """The file with the draft inserted at its top and nothing else changed: a Markdown or Quarto front matter
    without `verify:` gets the mapping before its closing `---`; a notebook gets a first raw cell."""
    newline = "\r\n" if "\r\n" in text else "\n"
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom) :]
    if suffix == ".ipynb":
        return bom + _notebook_with(body, front_matter(guesses, suffix))
    block = front_matter(guesses, suffix)
    closing = _existing_closing(body, suffix)
    if closing is not None:  # a front matter of other keys (a title): the mapping goes inside it
        inside = block.splitlines()[1:-1]
        return bom + body[:closing] + newline.join(inside) + newline + body[closing:]
    return bom + block.replace("\n", newline) + body


def _existing_closing(body: str, suffix: str) -> int | None:
    opening = r"%[ \t]?---[ \t]*\r?\n" if suffix == ".tex" else r"---[ \t]*\r?\n"
    closing = r"^%[ \t]?(---|\.\.\.)[ \t]*\r?$" if suffix == ".tex" else r"^(---|\.\.\.)[ \t]*\r?$"
    first = re.match(opening, body)
    if first is None:
        return None
    end = re.compile(closing, re.M).search(body, first.end())
    return None if end is None else end.start()


def _notebook_with(raw: str, block: str) -> str:
    """A raw cell holding the front matter, written into the JSON text right after `"cells": [`."""
    cells = re.search(r'"cells"\s*:\s*\[', raw)
    data = json.loads(raw)
    cell = {"cell_type": "raw", "metadata": {}, "source": block.splitlines(keepends=True)}
    if (data.get("nbformat"), data.get("nbformat_minor", 0)) >= (4, 5):
        cell = {"id": "verify-front-matter", **cell}
    written = json.dumps(cell, ensure_ascii=False)
    separator = "," if data.get("cells") else ""
    return raw[: cells.end()] + "\n  " + written + separator + raw[cells.end() :]
