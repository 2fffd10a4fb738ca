"""HTML and XHTML pages: text nodes and `alt`/`title` attributes, each block element a segment.

Read with the standard library's tokenizer (html.parser), character references delivered apart so
every character keeps its place in the file. `script`, `style`, `code`, `pre`, `kbd`, `samp`, `var`,
`template` and anything under `translate="no"` are skipped. `lang` (or `xml:lang`) is honoured per
element: a `<span lang="ru">` inside a Portuguese page is a Russian segment of its own; the page's
language is the root element's `lang`; the date it was written, a `<meta>` of DATE_META (a news page's
`article:published_time`).
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from ..dates import iso_date
from ..errors import SourceError
from .base import (
    ALT,
    ATTRIBUTE,
    HEADING,
    LIST_ITEM,
    PROSE,
    QUOTE,
    TABLE_CELL,
    TITLE,
    Builder,
    Parsed,
    Segment,
    align,
    line_starts,
)

SKIP = frozenset({"script", "style", "code", "pre", "kbd", "samp", "var", "template", "textarea", "svg", "math"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
                  "param", "keygen"})  # fmt: skip
KINDS = {
    "h1": HEADING, "h2": HEADING, "h3": HEADING, "h4": HEADING, "h5": HEADING, "h6": HEADING, "li": LIST_ITEM,
    "dt": LIST_ITEM, "dd": LIST_ITEM, "td": TABLE_CELL, "th": TABLE_CELL, "title": TITLE, "blockquote": QUOTE,
    "caption": PROSE, "figcaption": PROSE, "p": PROSE, "div": PROSE,
}  # fmt: skip
BLOCK = frozenset(KINDS) | frozenset({
    "html", "head", "body", "section", "article", "header", "footer", "nav", "aside", "main", "ul", "ol", "dl",
    "table", "thead", "tbody", "tfoot", "tr", "form", "fieldset", "legend", "figure", "details", "summary",
    "address", "hr", "option", "select", "label", "button", "noscript",
})  # fmt: skip
DATE_META = frozenset({"article:published_time", "date", "dc.date", "dc.date.issued", "dcterms.created",
                       "datepublished", "pubdate", "publish-date", "og:published_time"})  # fmt: skip
TEXT_ATTRIBUTES = {"alt": ALT, "title": ATTRIBUTE}
_ATTR_RE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_REF_RE = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")


def normalize_lang(tag: str) -> str:
    parts = tag.strip().replace("_", "-").split("-")
    return "-".join([parts[0].lower(), *(p.upper() if len(p) == 2 else p for p in parts[1:])])


@dataclass
class _Frame:
    tag: str
    hidden: bool = False
    lang_pushed: bool = False
    block: bool = False


class _Reader(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.lines = [0] + [m.end() for m in re.finditer("\n", source)]
        self.frames: list[_Frame] = []
        self.hidden = 0
        self.declared: str | None = None
        self.written: str | None = None
        self.segments: list[Segment] = []
        # Open text runs, innermost last: (builder, explicit language or None, kind).
        self.runs: list[tuple[Builder, str | None, str]] = [(Builder(), None, PROSE)]

    def _at(self) -> int:
        line, col = self.getpos()
        return self.lines[line - 1] + col

    def flush(self, kind: str | None = None) -> None:
        builder, lang, old = self.runs[-1]
        seg = builder.build(old, lang=lang)
        if seg is not None:
            self.segments.append(seg)
        builder.reset()
        self.runs[-1] = (builder, lang, kind or old)

    def lang_of(self, attrs: dict[str, str | None]) -> tuple[bool, str | None]:
        """Whether the element says its language, and which: a tag, or None for the page's own."""
        value = attrs.get("lang") or attrs.get("xml:lang")
        if not value:
            return False, None
        lang = normalize_lang(value)
        return True, None if lang == self.declared else lang

    def handle_starttag(self, tag: str, attr_list: list[tuple[str, str | None]]) -> None:
        attrs = dict(attr_list)
        start = self._at()
        if tag == "html" and not self.frames and (attrs.get("lang") or attrs.get("xml:lang")):
            self.declared = normalize_lang(attrs.get("lang") or attrs.get("xml:lang") or "")
        elif (
            tag == "meta"
            and self.written is None
            and (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower() in DATE_META
        ):
            self.written = iso_date(attrs.get("content") or "")
        frame = _Frame(tag, block=tag in BLOCK)
        if tag == "br" and not self.hidden:
            self.runs[-1][0].char("\n", start, start)
        if frame.block and not self.hidden:
            self.flush(KINDS.get(tag, self.runs[-1][2]))
        says, lang = self.lang_of(attrs)
        if not self.hidden:
            self._attributes(start, lang if says else self.runs[-1][1])
        if tag in SKIP or attrs.get("translate") == "no":
            frame.hidden = True
            self.hidden += 1
            self.runs[-1][0].mask(start)
        elif says and lang != self.runs[-1][1] and not self.hidden:
            self.runs[-1][0].mask(start)
            self.runs.append((Builder(), lang, KINDS.get(tag, self.runs[-1][2])))
            frame.lang_pushed = True
        if tag not in VOID:
            self.frames.append(frame)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if not any(f.tag == tag for f in self.frames):
            return
        while self.frames:
            frame = self.frames.pop()
            self._close(frame)
            if frame.tag == tag:
                break

    def _close(self, frame: _Frame) -> None:
        if frame.hidden:
            self.hidden -= 1
            return
        if frame.lang_pushed:
            self.flush()
            self.runs.pop()
        elif frame.block:
            parent = next((KINDS[f.tag] for f in reversed(self.frames) if f.tag in KINDS), PROSE)
            self.flush(parent)

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        start = self._at()
        if align(data, self.source, start, len(self.source), self.runs[-1][0]) is None:
            line = bisect.bisect_right(line_starts(self.source), start)  # the tokenizer counts LF only
            raise SourceError("the HTML text could not be located in the file", "", line)

    def _reference(self) -> None:
        if self.hidden:
            return
        start = self._at()
        m = _REF_RE.match(self.source, start)
        if m:
            self.runs[-1][0].char(html.unescape(m.group()), start, m.end())

    def handle_entityref(self, name: str) -> None:
        self._reference()

    def handle_charref(self, name: str) -> None:
        self._reference()

    def _attributes(self, start: int, lang: str | None) -> None:
        raw = self.get_starttag_text() or ""
        for m in _ATTR_RE.finditer(raw, raw.find(" ") if " " in raw else len(raw)):
            kind = TEXT_ATTRIBUTES.get(m.group(1).lower())
            group = next((g for g in (2, 3, 4) if m.group(g) is not None), None)
            if kind is None or group is None:
                continue
            builder = Builder()
            value_start = start + m.start(group)
            if align(html.unescape(m.group(group)), self.source, value_start, start + m.end(group), builder) is None:
                continue
            seg = builder.build(kind, lang=lang)
            if seg is not None:
                self.segments.append(seg)


def read(label: str, text: str) -> Parsed:
    reader = _Reader(text)
    try:
        reader.feed(text)
        reader.close()
    except SourceError as exc:
        raise SourceError(exc.message, label, exc.line) from None
    except (AssertionError, ValueError) as exc:  # the tokenizer's own complaints about broken markup
        raise SourceError(f"invalid HTML: {exc}", label) from None
    while reader.runs:
        reader.flush()
        reader.runs.pop()
    segments = sorted(reader.segments, key=lambda s: s.base)
    parsed = Parsed(label, text, "html", segments, escape="xml")
    if reader.declared:
        parsed.declared, parsed.declared_by = reader.declared, "html-lang"
    parsed.written = reader.written
    return parsed
