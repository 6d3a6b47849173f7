"""Which findings a run reports: codes (or their prefixes) selected and ignored; a tool fault is always said."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .findings import CODES, INTERNAL_CODES

_CODE = re.compile(r"V\d{1,3}")


def parse_codes(items, what: str = "ignore") -> tuple[str, ...]:
    """Finding codes or prefixes of them, in any case (`v206`, `V2`: every V2xx); ValueError names one that is
    none, or a tool fault's (V9xx), which no note, setting or directive may hide."""
    codes = []
    for item in items:
        code = str(item).strip().upper()
        covered = [known for known in CODES if known.startswith(code)] if _CODE.fullmatch(code) else []
        if not covered:
            raise ValueError(f"{item!r} is no finding code (`python -m derivlint explain CODE` lists them)")
        if what == "ignore" and all(known in INTERNAL_CODES for known in covered):
            raise ValueError(f"{code} is a fault of the tool, never hidden")
        codes.append(code)
    return tuple(dict.fromkeys(codes))


def matches(code: str, prefixes: tuple[str, ...]) -> bool:
    return any(code.startswith(prefix) for prefix in prefixes)


@dataclass(frozen=True)
class Selection:
    """`select`: only codes under these prefixes are reported (none: all); `ignore`: codes never reported."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    def reports(self, code: str, ignored: tuple[str, ...] = ()) -> bool:
        """Whether a finding of `code` is reported, `ignored` also naming the codes its note or formula ignores."""
        if code in INTERNAL_CODES:
            return True  # the tool's own fault is never the note's to hide
        if self.select and not matches(code, self.select):
            return False
        return not matches(code, self.ignore + ignored)
