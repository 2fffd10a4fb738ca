"""Text made safe to show or store, character by character: the escapes that every report and
workbook uses. Kept apart (and light: only `re`) so that a report can import it at no cost."""

from __future__ import annotations

import re
from functools import cached_property


class Escapes:
    """Writes each character of some ranges of code points as its Python escape: ESC as `\\x1b`, U+202E as
    `\\u202e`, an undecodable byte's surrogate as `\\udcff`. Visible, so that nothing is lost silently
    (U+FFFD would hide which character it was). A backslash is left as it is: the escape is for the eye
    (an edited workbook read back keeps `\\x1b` as those four characters). Linear and in C: one search,
    then, for the rare text with something to escape, one `str.translate`."""

    def __init__(self, *ranges: tuple[int, int]) -> None:
        self.ranges = ranges  # (first, last) code points
        self.pattern = re.compile("[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges) + "]")

    @cached_property
    def table(self) -> dict[int, str]:
        return {c: ascii(chr(c))[1:-1] for first, last in self.ranges for c in range(first, last + 1)}

    def __call__(self, text: str) -> str:
        return text.translate(self.table) if self.pattern.search(text) else text
