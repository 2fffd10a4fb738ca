"""What every source hands the pipeline: a file read into segments.

A `Source` (one per format, in sources/<format>.py) turns a file's decoded text into a `Parsed`: the
file's own text, the segments to check and what the file declares about itself. A segment is a run of
text that rules see as a unit (a paragraph, a heading, a table cell, a msgstr, an XLIFF target): no
rule matches across two segments. Each character of a segment knows where it stands in the file
(`starts`/`ends`), through entities, escapes and markup, so findings point at the file's own lines
and columns and a fix lands exactly on the characters it replaces, or is not offered at all.

Placeholders and inline codes inside a segment are masked: they become MASK characters, which are not
letters (so no word or term can run through them) and never take part in a fix.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

MASK = "\ufffc"  # OBJECT REPLACEMENT CHARACTER: stands for a placeholder or an inline code

# Segment kinds (free text in reports; these are the ones the sources use).
PROSE, HEADING, LIST_ITEM, TABLE_CELL, QUOTE, ALT, TITLE, ATTRIBUTE, FRONT_MATTER = (
    "prose", "heading", "list-item", "table-cell", "quote", "alt-text", "title", "attribute", "front-matter",
)  # fmt: skip
MSGSTR, TARGET, SOURCE = "msgstr", "target", "source"
MEMORY = "memory"  # a target of a translation memory (TMX): one source may have several right translations

# A line ends at CRLF, at a CR alone or at an LF alone, in every format and their mixtures: line and
# column numbers are the same whichever a file uses.
LINE_END_RE = re.compile(r"\r\n|\r|\n")


def line_starts(text: str) -> list[int]:
    """The offset where each line of `text` starts (a CR alone ends a line; CRLF is one line end)."""
    return [0, *(m.end() for m in LINE_END_RE.finditer(text))]


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text checked as a unit. `starts[i]`/`ends[i]` are the file offsets of character i
    (None: the text is the file's characters from `base` on, one for one)."""

    text: str
    base: int
    starts: tuple[int, ...] | None = None
    ends: tuple[int, ...] | None = None
    kind: str = PROSE
    lang: str | None = None  # set where the file says so (a lang attribute, XLIFF's source); else the document's
    source_text: str | None = None  # bilingual files: the source text beside this target
    unit: str | None = None  # bilingual files: the unit (msgctxt/msgid, trans-unit id, tu)
    context: str = ""  # bilingual files: what tells this source from the same text elsewhere (msgctxt, resname, ...)
    state: str | None = None  # bilingual files: fuzzy, translated, approved, ...
    fixes: str = "any"  # "none": the text is also a name (a reference label); "not-longer": an underlined title
    source: Segment | None = None  # bilingual files: the source segment (text, language, place in the file)

    def start_of(self, i: int) -> int:
        return self.base + i if self.starts is None else self.starts[i]

    def end_of(self, i: int) -> int:
        """The file offset just past character i."""
        return self.base + i + 1 if self.ends is None else self.ends[i]

    def fit(self, source: str, start: int, end: int, replacement: str) -> tuple[int, int, str] | None:
        """The edit writing `replacement` over the file's [start, end): as it is here; a segment whose
        text must keep its width (a table cell) pads or trims around it, or refuses it (None)."""
        return start, end, replacement


@dataclass
class Parsed:
    """A file as its source read it."""

    path: str
    source: str  # the file's decoded text
    format: str
    segments: list[Segment] = field(default_factory=list)
    declared: str | None = None  # the language the file declares for itself (PO header, <html lang>, ...)
    declared_by: str = ""  # where: po-header, html-lang, front-matter, xliff, ...
    written: str | None = None  # the date the file says it was written (front matter, HTML meta), ISO 8601
    escape: str = ""  # how a replacement is written into the file: "", "po", "xml"
    line_groups: dict[int, tuple[int, int]] = field(default_factory=dict)  # a suppression on a line covers these
    code_ranges: list[tuple[int, int]] = field(default_factory=list)  # code: suppression comments there are quoted
    counts: dict[str, int] = field(default_factory=dict)  # units left out, by reason (untranslated, fuzzy, ...)


class Builder:
    """Collects a segment's characters with the file offsets they come from."""

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []

    def __len__(self) -> int:
        return len(self.chars)

    def raw(self, source: str, start: int, end: int) -> None:
        """The file's own characters [start, end)."""
        self.chars.extend(source[start:end])
        self.starts.extend(range(start, end))
        self.ends.extend(range(start + 1, end + 1))

    def char(self, text: str, start: int, end: int) -> None:
        """Characters standing for the file's [start, end) (an entity, an escape)."""
        for ch in text:
            self.chars.append(ch)
            self.starts.append(start)
            self.ends.append(end)

    def mask(self, start: int, end: int | None = None) -> None:
        """A placeholder or inline code: a MASK character, unless one stands there already."""
        if not self.chars or self.chars[-1] != MASK:
            self.char(MASK, start, start if end is None else end)

    def text(self) -> str:
        return "".join(self.chars)

    def has_letters(self) -> bool:
        return any(map(str.isalpha, self.chars))

    def build(self, kind: str = PROSE, **meta: Any) -> Segment | None:
        """The segment (trimmed of white space at both ends), or None when it holds no letter."""
        lo, hi = 0, len(self.chars)
        while lo < hi and (self.chars[lo].isspace() or self.chars[lo] == MASK):
            lo += 1
        while hi > lo and (self.chars[hi - 1].isspace() or self.chars[hi - 1] == MASK):
            hi -= 1
        if not any(map(str.isalpha, self.chars[lo:hi])):
            return None
        starts, ends = self.starts[lo:hi], self.ends[lo:hi]
        return Segment("".join(self.chars[lo:hi]), starts[0], tuple(starts), tuple(ends), kind, **meta)

    def reset(self) -> None:
        self.chars, self.starts, self.ends = [], [], []

    def split_off(self, mark: int) -> Builder:
        """The characters from `mark` on, moved into a builder of their own (a MASK left in their place)."""
        run = Builder()
        run.chars, run.starts, run.ends = self.chars[mark:], self.starts[mark:], self.ends[mark:]
        del self.chars[mark:], self.starts[mark:], self.ends[mark:]
        if run.starts:
            self.mask(run.starts[0], run.ends[-1])
        return run


def identity_segment(source: str, kind: str = PROSE) -> Segment:
    """The whole file as one segment (plain text)."""
    return Segment(source, 0, None, None, kind)


# --- reading encoded text back to the file -----------------------------------------------------------

_ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{0,31};?)")
ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


_SPECIAL_RE = re.compile(r"[&\r]")
_SPECIAL_BACKSLASH_RE = re.compile(r"[&\r\\]")


def _unescape(entity: str) -> str:
    """An HTML entity's characters (`html.unescape`, imported where a file has one: its table of 2,000
    names costs every run otherwise)."""
    import html

    return html.unescape(entity)


def _special(
    decoded: str, i: int, source: str, j: int, limit: int, backslash: bool, builder: Builder
) -> tuple[int, int] | None:
    """Read decoded[i:] off the file at a character that may stand for something else (`&`, CR, `\\`):
    how many characters of each it took, or None where they do not agree."""
    ch = decoded[i]
    if source[j] == "&" and (m := _ENTITY_RE.match(source, j, limit)) and (value := _unescape(m.group())) != m.group():
        if not decoded.startswith(value, i):
            return None
        builder.char(value, j, m.end())
        return len(value), m.end() - j
    if source[j] == ch:
        builder.raw(source, j, j + 1)
        return 1, 1
    if ch == "\n" and source[j] == "\r":
        width = 2 if source.startswith("\r\n", j) and j + 1 < limit else 1
        builder.char("\n", j, j + width)
        return 1, width
    if backslash and source[j] == "\\" and j + 1 < limit and source[j + 1] == ch and ch in ASCII_PUNCT:
        builder.char(ch, j, j + 2)
        return 1, 2
    return None


def align(decoded: str, source: str, pos: int, limit: int, builder: Builder, backslash: bool = False) -> int | None:
    """Add `decoded` to `builder`, reading it off the file from `pos` (not past `limit`) through
    character references (`&amp;`, `&#233;`), CRLF read as LF and, with `backslash`, Markdown's
    backslash escapes. A parser's LF may stand for the file's CRLF or CR alone (expat and
    markdown-it read every line end as LF). The offset after the text, or None when the file does
    not hold it there (the builder is then left as it was)."""
    if source.startswith(decoded, pos) and pos + len(decoded) <= limit:
        builder.raw(source, pos, pos + len(decoded))
        return pos + len(decoded)
    mark = len(builder)
    special = _SPECIAL_BACKSLASH_RE if backslash else _SPECIAL_RE
    i, j = 0, pos
    while i < len(decoded) and j < limit:
        # The characters up to the next one that may be read otherwise are the file's own: one slice.
        end = min(limit, j + len(decoded) - i)  # never looked for further: each call costs its own text
        stop = special.search(source, j, end)
        run = (stop.start() if stop else end) - j
        if run:
            if source[j : j + run] != decoded[i : i + run]:
                break
            builder.raw(source, j, j + run)
            i, j = i + run, j + run
            continue
        step = _special(decoded, i, source, j, limit, backslash, builder)
        if step is None:
            break
        i, j = i + step[0], j + step[1]
    if i < len(decoded):
        del builder.chars[mark:], builder.starts[mark:], builder.ends[mark:]
        return None
    return j


def locate(text: str, raw: str, pos: int, out: Builder) -> int | None:
    """Read `text` off `raw` from `pos`, past white space and emphasis markers that stand before it."""
    at = pos
    while True:
        end = align(text, raw, at, len(raw), out, backslash=True)
        if end is not None:
            return end
        if at >= len(raw) or raw[at] not in " \t*_~`":
            return None
        at += 1


def moved_to_file(builder: Builder, offsets: list[int]) -> Builder:
    """A run read off an inline's content, its offsets moved onto the file."""
    out = Builder()
    out.chars = builder.chars
    out.starts = list(map(offsets.__getitem__, builder.starts))
    # A character ends past the file offset of its last content character (never before it starts): end e
    # is read off `past[e]`, offsets[e - 1] + 1 (offsets[0] + 1 for e = 0), each step in C.
    reach = max(builder.ends, default=0)
    past = [offsets[0] + 1 if offsets else 0, *map((1).__add__, offsets[:reach])]
    out.ends = list(map(max, out.starts, map(past.__getitem__, builder.ends)))
    return out


def line_bounds(text: str, starts: list[int], line: int) -> tuple[int, int]:
    start = starts[line]
    end = starts[line + 1] if line + 1 < len(starts) else len(text)
    while end > start and text[end - 1] in "\r\n":
        end -= 1
    return start, end


def content_offsets(content: str, text: str, starts: list[int], line0: int, cursor: dict[int, int]) -> list[int] | None:
    """The file offset of each character of a block's content (and of its end), its lines found on the
    file's lines from `line0` on (0-based), each past `cursor` there; None where a line is not there."""
    offsets: list[int] = []
    used: dict[int, int] = {}
    pieces = content.split("\n")
    for k, piece in enumerate(pieces):
        line = line0 + k
        if line >= len(starts):
            return None
        ls, le = line_bounds(text, starts, line)
        at = text.find(piece, cursor.get(line, ls), le) if piece else cursor.get(line, ls)
        if at < 0:
            return None
        offsets.extend(range(at, at + len(piece)))
        used[line] = at + len(piece)
        offsets.append(at + len(piece) if k == len(pieces) - 1 else le)
    cursor.update(used)  # cells of one table row share lines: the next one is looked for further right
    return offsets


# --- writing a replacement into the file ------------------------------------------------------------


def _escape_po(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")


def _escape_xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


ESCAPES: dict[str, Callable[[str], str]] = {"": lambda s: s, "po": _escape_po, "xml": _escape_xml}
