"""A decoded text ready to check: its words, its language, and the offset → line:column map."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..findings import Span
from ..text.tokenize import Token, tokens, url_spans

_NEWLINE_RE = re.compile(r"\r\n|\r|\n")


@dataclass(slots=True)
class Document:
    path: str
    text: str
    language: str
    language_source: str = "option"
    language_confidence: float | None = None
    original: str | None = None
    offset_map: list[int] | None = None
    _line_starts: list[int] = field(default_factory=list)
    _tokens: list[Token] | None = None
    _text_line_starts: list[int] | None = None
    _skip: list[tuple[int, int]] | None = None

    def __post_init__(self) -> None:
        self._line_starts = [0] + [m.end() for m in _NEWLINE_RE.finditer(self.source)]

    @property
    def source(self) -> str:
        """The file's own text (`text` is its NFC form, on which matching runs)."""
        return self.original if self.original is not None else self.text

    def to_source(self, offset: int) -> int:
        return self.offset_map[offset] if self.offset_map is not None else offset

    def slice(self, start: int, end: int) -> str:
        """The file's own characters between two offsets of `text`."""
        return self.source[self.to_source(start) : self.to_source(end)]

    @property
    def tokens(self) -> list[Token]:
        if self._tokens is None:
            self._tokens = tokens(self.text)
        return self._tokens

    @property
    def skip_spans(self) -> list[tuple[int, int]]:
        if self._skip is None:
            self._skip = url_spans(self.text)
        return self._skip

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in code points of the file) of an offset of `text`."""
        offset = self.to_source(offset)
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def span(self, start: int, end: int) -> Span:
        """A span of `text` offsets, given in the file's own offsets, lines and columns."""
        line, col = self.position(start)
        end_line, end_col = self.position(end)
        return Span(self.to_source(start), self.to_source(end), line, col, end_line, end_col)

    def text_line(self, offset: int) -> tuple[int, int]:
        """Start and end of the line holding `offset` in `text` (the NFC text), without its break."""
        if self._text_line_starts is None:
            self._text_line_starts = (
                self._line_starts if self.original is None else [0] + [m.end() for m in _NEWLINE_RE.finditer(self.text)]
            )
        starts = self._text_line_starts
        idx = bisect.bisect_right(starts, offset) - 1
        end = starts[idx + 1] if idx + 1 < len(starts) else len(self.text)
        while end > starts[idx] and self.text[end - 1] in "\r\n":
            end -= 1
        return starts[idx], end

    def line_bounds(self, offset: int) -> tuple[int, int]:
        """Start and end (without the line break) of the line holding `offset`, in the file's text."""
        offset = self.to_source(offset)
        idx = bisect.bisect_right(self._line_starts, offset) - 1
        start = self._line_starts[idx]
        end = self._line_starts[idx + 1] if idx + 1 < len(self._line_starts) else len(self.text)
        while end > start and self.source[end - 1] in "\r\n":
            end -= 1
        return start, end
