"""bench/RESULTS.md is written by several commands: each replaces only its own marked section."""
from __future__ import annotations

import re
from pathlib import Path

TITLE = "# Benchmarks and measurements\n\nEach section is written by the command it names; figures come from one run.\n"


def write_section(path: str | Path, name: str, body: str) -> None:
    path = Path(path)
    text = path.read_text() if path.exists() else TITLE
    block = f"<!-- {name}: start -->\n{body.rstrip()}\n<!-- {name}: end -->"
    pattern = re.compile(rf"<!-- {re.escape(name)}: start -->.*?<!-- {re.escape(name)}: end -->", re.S)
    text = pattern.sub(lambda _: block, text) if pattern.search(text) else text.rstrip() + "\n\n" + block + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
