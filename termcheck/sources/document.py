"""A Document: the segments of one file in one language, as rules see them.

`text` is the segments' text in NFC, joined by blank lines (which no term, doubled word or article
crosses); every character of it knows its place in the file, so spans, lines and columns are the
file's own and a fix is offered only where the file holds exactly the characters it replaces.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from ..findings import Fix, Span
from ..text.tokenize import WORD_RE, Token, places_of, tokens, url_spans
from .base import ESCAPES, MASK, Segment, line_starts

_SPACE_RE = re.compile(r"\s+")
_BREAK_RE = re.compile(r"[\r\n]")
_CRLF_RE = re.compile(r"\r\n")
SEPARATOR = "\n\n"
FINGERPRINT_CONTEXT = 30


@dataclass(slots=True)
class Document:
    """A file's text as the rules read it (its prose, its segments joined), in one language, with the
    file offset of each character where they differ."""

    path: str
    text: str
    language: str
    language_source: str = "option"
    language_confidence: float | None = None
    original: str | None = None  # the file's own text, where `text` differs from it
    starts: list[int] | None = None  # file offset of each character of `text` (None: the same offset)
    ends: list[int] | None = None  # file offset just past each character of `text`
    segments: tuple[Segment, ...] = ()
    bounds: list[tuple[int, int]] = field(default_factory=list)  # each segment's [start, end) in `text`
    escape: str = ""
    date: str | None = None  # the date the text was written (ISO 8601, as precise as known), when known
    _line_starts: list[int] = field(default_factory=list)
    _tokens: list[Token] | None = None
    _words: frozenset[str] | None = None
    _lines: dict[int, str] = field(default_factory=dict)
    _text_line_starts: list[int] | None = None
    _skip: list[tuple[int, int]] | None = None

    def __post_init__(self) -> None:
        self._line_starts = line_starts(self.source)
        if not self.bounds:
            self.bounds = [(0, len(self.text))]

    @property
    def source(self) -> str:
        """The file's own text (`text` is what matching runs on)."""
        return self.original if self.original is not None else self.text

    def to_source(self, offset: int) -> int:
        """The file offset where the character at `offset` of `text` starts (the end, past the last)."""
        if self.starts is None:
            return offset
        if offset < len(self.starts):
            return self.starts[offset]
        return self.ends[-1] if self.ends else 0

    def end_to_source(self, start: int, end: int) -> int:
        """The file offset just past the last character of [start, end)."""
        if self.ends is None:
            return end
        return self.ends[end - 1] if end > start else self.to_source(start)

    def slice(self, start: int, end: int) -> str:
        """The file's own characters between two offsets of `text`."""
        return self.source[self.to_source(start) : self.end_to_source(start, end)]

    @property
    def tokens(self) -> list[Token]:
        if self._tokens is None:
            self._tokens = tokens(self.text)
        return self._tokens

    @property
    def words(self) -> frozenset[str]:
        """The distinct words of the text (found in C, without making a token of each): rules judge
        each distinct word once and look for the places of the few they flag."""
        if self._words is None:
            self._words = frozenset(WORD_RE.findall(self.text))
        return self._words

    def tokens_of(self, words: Collection[str]) -> list[Token]:
        """The places of some words only, in order, without a token for every word of the text (the
        full list, where a rule has made it, serves)."""
        if self._tokens is not None:
            return [t for t in self._tokens if t.text in words]
        return places_of(self.text, words)

    @property
    def skip_spans(self) -> list[tuple[int, int]]:
        if self._skip is None:
            self._skip = url_spans(self.text)
        return self._skip

    def file_position(self, offset: int) -> tuple[int, int]:
        """1-based line and column (code points) of a file offset."""
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in code points of the file) of an offset of `text`."""
        return self.file_position(self.to_source(offset))

    def span(self, start: int, end: int) -> Span:
        """A span of `text` offsets, given in the file's own offsets, lines and columns."""
        fs, fe = self.to_source(start), self.end_to_source(start, end)
        line, col = self.file_position(fs)
        end_line, end_col = self.file_position(fe)
        return Span(fs, fe, line, col, end_line, end_col)

    def segment_at(self, offset: int) -> int:
        """The index of the segment holding `offset` of `text` (-1 between segments)."""
        i = bisect.bisect_right(self.bounds, (offset, len(self.text) + 1)) - 1
        return i if i >= 0 and self.bounds[i][0] <= offset < self.bounds[i][1] else -1

    def segment(self, offset: int) -> Segment | None:
        """The segment holding `offset` of `text`, where the document was read into segments."""
        i = self.segment_at(offset) if self.segments else -1
        return self.segments[i] if 0 <= i < len(self.segments) else None

    def fix(self, start: int, end: int, replacement: str, safe: bool) -> Fix | None:
        """A fix replacing [start, end) of `text`, or None where the file does not hold exactly those
        characters in one piece (a placeholder, markup, an escape or a segment boundary inside)."""
        fs, fe = self.to_source(start), self.end_to_source(start, end)
        if self.source[fs:fe] == ESCAPES[self.escape](replacement):
            return None  # a fix that changes nothing is no fix
        if self.starts is None:
            return Fix(fs, fe, replacement, safe)
        seg = self.segment_at(start)
        if seg < 0 or end > self.bounds[seg][1] or MASK in self.text[start:end]:
            return None
        policy = self.segments[seg].fixes if seg < len(self.segments) else "any"
        if policy == "none" or (policy == "not-longer" and len(replacement) > end - start):
            return None
        escape = ESCAPES[self.escape]
        if unicodedata.normalize("NFC", self.source[fs:fe]) != escape(self.text[start:end]):
            return None
        edit = (fs, fe, escape(replacement))
        fitted = self.segments[seg].fit(self.source, *edit) if seg < len(self.segments) else edit
        return Fix(*fitted, safe) if fitted is not None else None

    def text_line(self, offset: int) -> tuple[int, int]:
        """Start and end of the line holding `offset` in `text`, without its break."""
        if self._text_line_starts is None:
            self._text_line_starts = (
                self._line_starts if self.original is None and self.starts is None else line_starts(self.text)
            )
        starts = self._text_line_starts
        idx = bisect.bisect_right(starts, offset) - 1
        end = starts[idx + 1] if idx + 1 < len(starts) else len(self.text)
        while end > starts[idx] and self.text[end - 1] in "\r\n":
            end -= 1
        return starts[idx], end

    def line_text(self, line: int) -> str:
        """The file's line `line` (1-based), without its break: one string per line, however many
        findings it has (a paragraph with ten findings is kept once, not ten times)."""
        found = self._lines.get(line)
        if found is not None:
            return found
        if not 1 <= line <= len(self._line_starts):
            return ""
        start = self._line_starts[line - 1]
        end = self._line_starts[line] if line < len(self._line_starts) else len(self.source)
        found = self._lines[line] = self.source[start:end].rstrip("\r\n")
        return found

    def fingerprint(self, rule: str, concept: str | None, span: Span, text: str) -> str:
        """Identity of a finding that survives unrelated edits: its rule, concept, matched text and the
        text around it on its line (white space folded), not its line or column."""
        return fingerprint(self.source, rule, concept, span.start, span.end, text)


def fingerprint(source: str, rule: str, concept: str | None, start: int, end: int, text: str) -> str:
    ctx = FINGERPRINT_CONTEXT
    # The context stops at the line's end, whichever it is (CR, LF, CRLF): the same finding in a file
    # whose line ends were converted keeps its fingerprint.
    before = _SPACE_RE.sub(" ", _BREAK_RE.split(source[max(0, start - ctx) : start])[-1])
    after = _SPACE_RE.sub(" ", _BREAK_RE.split(source[end : end + ctx], maxsplit=1)[0])
    key = "\x1f".join((rule, concept or "", text, before, after))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]


def assemble(
    path: str, source: str, segments: Sequence[Segment], language: str, language_source: str = "option",
    confidence: float | None = None, escape: str = "",
) -> Document:  # fmt: skip
    """The Document of `segments` (all in one language): their text in NFC, joined by blank lines."""
    if len(segments) == 1 and segments[0].starts is None and segments[0].base == 0 and segments[0].text == source:
        return _plain(path, source, language, language_source, confidence, segments)
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    bounds: list[tuple[int, int]] = []
    pos = 0
    for seg in segments:
        if parts:
            parts.append(SEPARATOR)
            last = ends[-1]
            starts += [last] * len(SEPARATOR)
            ends += [last] * len(SEPARATOR)
            pos += len(SEPARATOR)
        parts.append(seg.text)
        n = len(seg.text)
        starts += seg.starts if seg.starts is not None else range(seg.base, seg.base + n)
        ends += seg.ends if seg.ends is not None else range(seg.base + 1, seg.base + n + 1)
        bounds.append((pos, pos + n))
        pos += n
    text, starts, ends, bounds = _readable("".join(parts), starts, ends, bounds)
    return Document(
        path, text, language, language_source, confidence, source, starts, ends, tuple(segments), bounds, escape
    )


def _readable(
    text: str, starts: list[int], ends: list[int], bounds: list[tuple[int, int]]
) -> tuple[str, list[int], list[int], list[tuple[int, int]]]:
    """The text as rules read it (every line end an LF, NFC) with its characters' file offsets."""
    if "\r" in text:
        text, starts, ends, bounds = _lf(text, starts, ends, bounds)
    if not unicodedata.is_normalized("NFC", text):
        text, starts, ends, bounds = _nfc(text, starts, ends, bounds)
    return text, starts, ends, bounds


def _lf(
    text: str, starts: list[int], ends: list[int], bounds: list[tuple[int, int]]
) -> tuple[str, list[int], list[int], list[tuple[int, int]]]:
    """Every line end read as LF, whichever the file has (a CRLF is one LF standing for both), so
    that rules see the same text, blank lines and sentence ends in a file with CR or CRLF line ends
    as in one with LF: their findings are the same, on the same lines and columns."""
    crlf = [m.start() for m in _CRLF_RE.finditer(text)]
    if not crlf:
        return text.replace("\r", "\n"), starts, ends, bounds
    new_starts: list[int] = []
    new_ends: list[int] = []
    prev = 0
    for k in crlf:  # the CR at k is dropped; the LF after it starts where the CR did
        new_starts += starts[prev:k]
        new_ends += ends[prev:k]
        new_starts.append(starts[k])
        new_ends.append(ends[k + 1])
        prev = k + 2
    new_starts += starts[prev:]
    new_ends += ends[prev:]
    new_bounds = [(a - bisect.bisect_left(crlf, a), b - bisect.bisect_left(crlf, b)) for a, b in bounds]
    return text.replace("\r\n", "\n").replace("\r", "\n"), new_starts, new_ends, new_bounds


def _plain(
    path: str, source: str, language: str, language_source: str, confidence: float | None, segs: Sequence[Segment]
) -> Document:
    nfc = unicodedata.is_normalized("NFC", source)
    if nfc and "\r" not in source:
        return Document(path, source, language, language_source, confidence, segments=tuple(segs))
    if nfc and "\r\n" not in source:  # CR alone: one LF for each, the offsets unchanged
        text = source.replace("\r", "\n")
        return Document(path, text, language, language_source, confidence, source, segments=tuple(segs))
    n = len(source)
    text, starts, ends, bounds = _readable(source, list(range(n)), list(range(1, n + 1)), [(0, n)])
    return Document(path, text, language, language_source, confidence, source, starts, ends, tuple(segs), bounds)


def _nfc(
    text: str, starts: list[int], ends: list[int], bounds: list[tuple[int, int]]
) -> tuple[str, list[int], list[int], list[tuple[int, int]]]:
    """NFC text with its characters' file offsets (a composed character spans its whole cluster)."""
    composed, where = nfc_with_map(text)
    new_starts = [starts[where[k]] for k in range(len(composed))]
    new_ends = [ends[max(where[k + 1], where[k] + 1) - 1] for k in range(len(composed))]
    new_bounds = [(bisect.bisect_left(where, a), bisect.bisect_left(where, b)) for a, b in bounds]
    return composed, new_starts, new_ends, new_bounds


def nfc_with_map(text: str) -> tuple[str, list[int]]:
    """NFC text and, for each of its offsets (and its end), the offset in `text`."""
    out: list[str] = []
    offsets: list[int] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or unicodedata.combining(text[i]) == 0:
            composed = unicodedata.normalize("NFC", text[start:i])
            out.append(composed)
            offsets += [start] * len(composed)
            start = i
    offsets.append(len(text))
    return "".join(out), offsets
