"""Where a rendered report goes: a file (its folder made on the way) or standard output for `-`."""
from __future__ import annotations

import sys
from pathlib import Path


def write_output(target: str, text: str) -> None:
    if target == "-":
        sys.stdout.write(text)
        return
    path = Path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
