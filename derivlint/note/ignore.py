"""What a folder's `.gitignore` files ignore, by git's pattern rules (no git needed: a copied folder has none)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Rule:
    """One line of a `.gitignore`, as a regular expression over paths relative to the folder it stands in."""

    base: Path
    pattern: re.Pattern
    negated: bool
    folders_only: bool
    anchored: bool  # a `/` before the end: matched against the path from `base`, else against the name


def rules_of(folder: Path) -> list[Rule]:
    """The rules of `folder/.gitignore`, in their order (none when it has none or it cannot be read)."""
    try:
        text = (folder / ".gitignore").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    return parsed_rules(folder, text)


def parsed_rules(folder: Path, text: str) -> list[Rule]:
    """The rules a `.gitignore` text states for `folder`."""
    rules = []
    for line in text.splitlines():
        line = re.sub(r"(?<!\\)\s+$", "", line)  # trailing spaces go, unless escaped
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")
        line = line[1:] if negated else line
        line = line[1:] if line.startswith(("\\#", "\\!")) else line
        folders_only = line.endswith("/")
        line = line.rstrip("/")
        anchored = "/" in line
        rules.append(Rule(folder, re.compile(_regex(line.lstrip("/"))), negated, folders_only, anchored))
    return rules


def _regex(glob: str) -> str:
    out, i = [], 0
    while i < len(glob):
        if glob.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif glob.startswith("/**", i) and i + 3 == len(glob):
            out.append("/.*")
            i += 3
        elif glob.startswith("**", i):
            out.append(".*")
            i += 2
        elif glob[i] == "*":
            out.append("[^/]*")
            i += 1
        elif glob[i] == "?":
            out.append("[^/]")
            i += 1
        elif glob[i] == "[" and (close := glob.find("]", i + 2)) > 0:
            body = glob[i + 1 : close]
            out.append("[" + ("^" + body[1:] if body.startswith("!") else body).replace("\\", "\\\\") + "]")
            i = close + 1
        elif glob[i] == "\\" and i + 1 < len(glob):
            out.append(re.escape(glob[i + 1]))
            i += 2
        else:
            out.append(re.escape(glob[i]))
            i += 1
    return "".join(out) + r"\Z"


def ignored(rules: list[Rule], path: Path, is_folder: bool) -> bool:
    """Whether `path` is ignored: the last rule that matches it decides, as in git."""
    verdict = False
    for rule in rules:
        if rule.folders_only and not is_folder:
            continue
        try:
            relative = path.relative_to(rule.base).as_posix()
        except ValueError:
            continue
        subject = relative if rule.anchored else path.name
        if rule.pattern.match(subject):
            verdict = not rule.negated
    return verdict


def inherited_rules(folder: Path) -> list[Rule]:
    """The rules of the `.gitignore` files above a scanned folder, up to its repository's root (a folder
    holding `.git`), outermost first; none above a folder that is in no repository."""
    folder = folder.resolve()
    chain = [folder, *folder.parents]
    root = next((i for i, f in enumerate(chain) if (f / ".git").exists()), None)
    if root is None:
        return []
    return [rule for above in reversed(chain[1 : root + 1]) for rule in rules_of(above)]
