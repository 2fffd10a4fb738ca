"""A bilingual file's segment as a reviewer reads it (`findings.SegmentView`), made where the file's
text is at hand (`Context.finding`) for the reports that show segments rather than file lines.

The translation's text with its inline codes as numbered tokens, as CAT tools show them: `{1}` for a
code that opens or stands alone (`<bpt>`, `<ph/>`, `<x/>`, `<sc/>`, an `<it>` that opens, a `<g>` or
`<pc>` start), `{/1}` for the code that closes it (`<ept>`, `<ec/>`, `</g>`, `</pc>`), numbered in
their order in the segment and paired by their ids; placeholders (`%(name)s`, `{0}`) as written, with
their escapes read (`&lt;b&gt;` is `<b>`); never the file's markup or quoting (`<seg>`, `msgstr "…"`)
nor the MASK characters that stand for codes. The source is shown the same way, with the places where
it names a concept of the term base, so that a report can mark the source term a finding is about.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Callable

from ..findings import SegmentView, Span
from ..glossary.index import GlossaryIndex
from ..sources.base import MASK, MEMORY, SOURCE, Segment
from ..sources.document import Document

_TAG_RE = re.compile(r"<(/?)((?:[\w.-]+:)?([\w.-]+))((?:\s[^<>]*?)?)(/?)>|<!--.*?-->|<\?.*?\?>", re.S)
_ATTR_RE = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_KEEP = frozenset({"g", "pc", "mrk", "hi"})  # their text is read: their tags are codes around it
_CLOSING = frozenset({"ept", "ec", "em"})
_PO_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
_ELEMENT_RE = re.compile(r"<(?:[\w.-]+:)?(?:source|target|seg)\b[^<>]*>")
_END_RE = re.compile(r"</(?:[\w.-]+:)?(?:source|target|seg)\s*>")
_LOOK = 4096  # how far before and after a segment its element's tags are looked for


class _Codes:
    """Inline codes turned into numbered tokens, across the gaps of one segment."""

    def __init__(self) -> None:
        self.number = 0
        self.ids: dict[str, int] = {}
        self.open: list[int] = []  # the numbers of the <g>/<pc> elements open
        self.skip = 0  # depth inside a code's own content (<bpt>&lt;b&gt;</bpt>)

    def tokens(self, markup: str) -> str:
        out = []
        for m in _TAG_RE.finditer(markup):
            if m.group(2) is None:  # a comment or a processing instruction
                continue
            closing, local, attrs, empty = m.group(1) == "/", m.group(3), m.group(4) or "", m.group(5) == "/"
            if self.skip:
                self.skip += -1 if closing else 0 if empty else 1
                continue
            a = {k: v1 or v2 for k, v1, v2 in _ATTR_RE.findall(attrs)}
            protected = a.get("mtype") == "protected" or a.get("translate") == "no"
            if local in _KEEP and not protected:
                if closing:
                    out.append(f"{{/{self.open.pop()}}}" if self.open else "")
                elif empty:
                    out.append(f"{{{self._next(a)}}}")
                else:
                    self.open.append(self._next(a))
                    out.append(f"{{{self.open[-1]}}}")
                continue
            if closing:
                continue
            ends = local in _CLOSING or a.get("pos") in ("close", "end")
            key = a.get("startRef") or a.get("i") or a.get("rid") or a.get("id")
            if ends and key is not None and key in self.ids:
                out.append(f"{{/{self.ids[key]}}}")
            elif ends:
                out.append(f"{{/{self._next(a)}}}")
            else:
                out.append(f"{{{self._next(a)}}}")
            if not empty:
                self.skip = 1  # the code's content (native markup) is not text
        return "".join(out)

    def _next(self, attrs: dict[str, str]) -> int:
        self.number += 1
        key = attrs.get("i") or attrs.get("rid") or attrs.get("id")
        if key is not None:
            self.ids.setdefault(key, self.number)
        return self.number


def _decode(escape: str) -> Callable[[str], str]:
    if escape == "xml":
        return html.unescape
    if escape == "po":
        return lambda raw: _PO_ESCAPES.get(raw[1:2], raw[1:]) if raw.startswith("\\") else raw
    return lambda raw: raw


def view(seg: Segment, source: str, escape: str) -> tuple[str, list[int], list[int]]:
    """The segment's text as a reviewer reads it, and where each of its characters starts and ends
    in that text."""
    n = len(seg.text)
    starts = seg.starts if seg.starts is not None else tuple(range(seg.base, seg.base + n))
    ends = seg.ends if seg.ends is not None else tuple(range(seg.base + 1, seg.base + n + 1))
    decode = _decode(escape)
    codes = _Codes() if escape == "xml" else None
    out: list[str] = []
    width = 0
    vstart, vend = [], []

    def put(piece: str) -> None:
        nonlocal width
        out.append(piece)
        width += len(piece)

    if codes is not None and n:  # the codes before the first character (`<pc id="1">CSTO</pc> …`)
        opened = [m.end() for m in _ELEMENT_RE.finditer(source, max(0, starts[0] - _LOOK), starts[0])]
        put(codes.tokens(source[opened[-1] if opened else starts[0] : starts[0]]))
    for i, ch in enumerate(seg.text):
        if codes is not None and i and ends[i - 1] < starts[i]:
            put(codes.tokens(source[ends[i - 1] : starts[i]]))
        vstart.append(width)
        if ch != MASK:
            put(ch)
        elif ends[i] > starts[i]:  # a placeholder's character, or a run masked whole: as written
            put(decode(source[starts[i] : ends[i]]))
        elif codes is None:
            put("{}")
        vend.append(width)
    if codes is not None and n:  # and after the last one, up to the element's end
        end = _END_RE.search(source, ends[-1], ends[-1] + _LOOK)
        put(codes.tokens(source[ends[-1] : end.start() if end else ends[-1]]))
    return "".join(out), vstart, vend


def locate(span: Span, seg: Segment, vstart: list[int], vend: list[int]) -> tuple[int, int]:
    """Where a finding's span (file offsets) is in the segment's view."""
    if not vstart:
        return 0, 0
    n = len(seg.text)
    starts = seg.starts if seg.starts is not None else range(seg.base, seg.base + n)
    ends = seg.ends if seg.ends is not None else range(seg.base + 1, seg.base + n + 1)
    i = min(bisect.bisect_left(starts, span.start), n - 1)
    j = bisect.bisect_right(ends, span.end) - 1
    return (vstart[i], vend[j]) if j >= i else (vstart[i], vstart[i])


def label(seg: Segment, doc: Document) -> str:
    """The segment's id as a reviewer looks it up: a PO entry's msgctxt, msgid line and plural form;
    an XLIFF unit's id; a TMX unit's tuid (or line)."""
    if doc.escape == "po":  # a translation, or with --check-source its msgid
        where = seg.source if seg.source is not None else seg
        line = doc.file_position(where.start_of(0))[0] if where.text else 0
        context = dict(part.partition(" ")[::2] for part in seg.context.split("\n") if part)
        parts = [f'msgctxt "{context["msgctxt"]}"'] if "msgctxt" in context else []
        parts.append(f"msgid line {line}")
        parts += [k for k in context if k.startswith("msgstr[")]
        return ", ".join(parts)
    unit = seg.unit or ""
    if seg.kind == MEMORY or (seg.kind == SOURCE and doc.path.lower().endswith(".tmx")):
        return f"tu {unit}" if unit else f"tu line {doc.file_position(seg.start_of(0))[0]}"
    return f"unit {unit}"


def source_terms(
    seg: Segment, vstart: list[int], vend: list[int], index: GlossaryIndex | None
) -> tuple[tuple[int, int, tuple[str, ...]], ...]:
    """Where the source names a concept of the term base (in its view), with the concepts it may be."""
    if index is None or not seg.text:
        return ()
    out = []
    for m in index.find(seg.text):
        concepts = tuple(sorted({e.term.concept_id for e in m.entries}))
        if m.end > m.start:
            out.append((vstart[m.start], vend[m.end - 1], concepts))
    return tuple(out)


def segment_view(seg: Segment, doc: Document, index: GlossaryIndex | None) -> tuple[SegmentView, list[int], list[int]]:
    """A target's view (with its source's), and where each of its characters is in the view."""
    text, vstart, vend = view(seg, doc.source, doc.escape)
    source = ""
    terms: tuple[tuple[int, int, tuple[str, ...]], ...] = ()
    if seg.source is not None:
        source, sstart, send = view(seg.source, doc.source, doc.escape)
        terms = source_terms(seg.source, sstart, send, index)
    elif seg.source_text:
        source = seg.source_text.replace(MASK, "{}")
    start = seg.start_of(0) if seg.text else seg.base
    return SegmentView(start, label(seg, doc), text, seg.state or "", source, terms), vstart, vend
