"""The reader's own error: a finding code, a position in the formula and the message arguments."""
from __future__ import annotations


class ReadError(Exception):
    """Raised for anything the reader cannot read; `position` counts characters in the formula."""

    def __init__(self, code: str, position: int, **arguments: object):
        self.code = code
        self.position = position
        self.arguments = arguments
        super().__init__(f"{code} at {position}: {arguments}")

