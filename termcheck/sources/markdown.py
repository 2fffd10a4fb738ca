"""Markdown (CommonMark with GFM tables and strikethrough), parsed by markdown-it-py.

Checked: paragraphs, headings, list items, table cells (each one segment), link texts and image alt
texts (a segment of their own), raw HTML blocks (as HTML: text nodes only) and the prose values of the
front matter (title, description, summary, ...). Not checked: code spans and blocks, link and image
targets, autolinks, reference labels and definitions, raw HTML tags and attributes, front-matter keys.
A `<span lang="ru">` inside a paragraph makes its text a Russian segment; front matter `lang:` or
`language:` sets the document's language, `date:` (or `publishDate:`, `published:`) the date it was
written. A heading's `{#id}` is not checked, and an `.mdx` file is read as MDX: its ESM, expressions
and JSX are blanked before parsing (mdx.py), its tags' `title` and `alt` props are segments of their own.

markdown-it-py gives line ranges, not columns, so each inline run is found again on its lines and its
characters read off the file through backslash escapes and character references; text that cannot be
located exactly is left out rather than reported at a guessed position. Lines end at LF, CRLF or a CR
alone, as markdown-it reads them. Text nested deeper than markdown-it reads (block quotes or lists
more than MAX_NESTING levels deep), which it would skip without a word, makes the file an error.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import unescape
from typing import Any

from ..dates import iso_date
from ..errors import SourceError
from . import mdx
from .base import (
    ALT,
    FRONT_MATTER,
    HEADING,
    LIST_ITEM,
    PROSE,
    QUOTE,
    TABLE_CELL,
    Builder,
    Parsed,
    Segment,
    align,
    content_offsets,
    line_starts,
    locate,
    moved_to_file,
)
from .html import TEXT_ATTRIBUTES, normalize_lang

KINDS = {"heading_open": HEADING, "th_open": TABLE_CELL, "td_open": TABLE_CELL, "list_item_open": LIST_ITEM,
         "blockquote_open": QUOTE}  # fmt: skip
PROSE_KEYS = frozenset({"title", "subtitle", "description", "summary", "abstract", "excerpt", "caption", "alt"})
LANG_KEYS = ("lang", "language")
DATE_KEYS = ("date", "publishdate", "publish_date", "published", "pubdate")  # the date the text was written
HIDDEN_TAGS = frozenset({"code", "kbd", "samp", "var", "script", "style"})
FORMATTING_TAGS = frozenset({"b", "i", "em", "strong", "u", "s", "span", "a", "mark", "small", "sub", "sup", "abbr",
                             "cite", "q", "dfn", "del", "ins"})  # fmt: skip
_FRONT_RE = re.compile(
    r"\A(?:\ufeff)?(---|\+\+\+)[ \t]*(?:\r\n?|\n)(.*?)(?<![^\r\n])(---|\.\.\.|\+\+\+)[ \t]*(?![^\r\n])", re.S
)
_OPEN_TAG_RE = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)([^>]*?)(/?)>\Z", re.S)
_CLOSE_TAG_RE = re.compile(r"</([A-Za-z][A-Za-z0-9-]*)\s*>\Z")
_ATTR_LANG_RE = re.compile(r"""\b(?:xml:)?lang\s*=\s*["']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)""")
_TRANSLATE_NO_RE = re.compile(r"""\btranslate\s*=\s*["']?no\b""")
_TOML_DATE_RE = re.compile(r'(?<![^\r\n])[ \t]*([A-Za-z_][\w-]*)[ \t]*=[ \t]*["\']?(\d{4}-\d\d-\d\d)')
_TOML_VALUE_RE = re.compile(r'(?<![^\r\n])[ \t]*([A-Za-z_][\w-]*)[ \t]*=[ \t]*"((?:[^"\\\r\n]|\\.)*)"[ \t]*(?![^\r\n])')


# markdown-it's limit of nesting (its CommonMark preset's; its cost on nested brackets grows with it).
MAX_NESTING = 20
CONTAINERS = frozenset({"blockquote_open", "blockquote_close", "list_item_open", "list_item_close"})
_MARKER_RE = re.compile(r"[ \t]*(?:>|[-+*](?=[ \t\r\n])|[0-9]{1,9}[.)](?=[ \t\r\n]))")


@lru_cache(maxsize=2)
def _parser(mdx_file: bool = False) -> Any:
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING}).enable(["table", "strikethrough"])
    return parser.disable("code") if mdx_file else parser


class _Inline:
    """One inline run (a paragraph's, a cell's) read back onto the file."""

    def __init__(self, content: str, offsets: list[int]) -> None:
        self.raw, self.offsets = content, offsets  # offsets[i]: file offset of content[i] (and of its end)
        self.main = Builder()
        self.stack: list[tuple[str, Builder | None, str | None]] = []  # open HTML tags: tag, own run, language
        self.extra: list[tuple[Builder, str, str | None, str]] = []  # own runs: alt texts, lang spans, labels
        self.links: list[int | None] = []  # open links: where their text starts in the current run
        self.autolink = False
        self.code: list[tuple[int, int]] = []  # code spans, in content offsets

    def current(self) -> Builder | None:
        """The run text goes to now (None inside code or translate="no")."""
        return self.stack[-1][1] if self.stack else self.main

    def walk(self, children: list[Any], pos: int, target: Builder | None = None) -> int | None:
        for tok in children:
            out = target if target is not None else self.current()
            pos_or_none = self._token(tok, pos, out)
            if pos_or_none is None:
                return None
            pos = pos_or_none
        return pos

    def _token(self, tok: Any, pos: int, out: Builder | None) -> int | None:
        raw, kind = self.raw, tok.type
        if kind == "text":
            if self.autolink:
                return pos  # the autolink was passed whole at its opening
            if out is None:
                return _skip_text(tok.content, raw, pos)
            return locate(tok.content, raw, pos, out)
        if kind in ("softbreak", "hardbreak"):
            at = raw.find("\n", pos)
            if at < 0:
                return None
            if out is not None:
                out.char("\n", at, at + 1)
            return at + 1
        if kind == "code_inline":
            at = raw.find(tok.markup, pos)
            close = raw.find(tok.markup, at + len(tok.markup)) if at >= 0 else -1
            if close < 0:
                return None
            self.code.append((at, close + len(tok.markup)))
            if out is not None:
                out.mask(at, close + len(tok.markup))
            return close + len(tok.markup)
        if kind == "html_inline":
            at = raw.find(tok.content, pos)
            if at < 0:
                return None
            self._html(tok.content, at, out)
            return at + len(tok.content)
        if kind == "link_open":
            return self._link_open(tok, pos, out)
        if kind == "link_close":
            if self.autolink:
                self.autolink = False
                return pos
            at = raw.find("]", pos)
            if at < 0:
                return None
            self._label(at + 1, out)
            return _skip_destination(raw, at + 1)
        if kind == "image":
            return self._image(tok, pos, out)
        if kind.endswith(("_open", "_close")) and tok.markup:
            at = raw.find(tok.markup, pos)
            return None if at < 0 else at + len(tok.markup)
        return pos

    def _link_open(self, tok: Any, pos: int, out: Builder | None) -> int | None:
        if tok.markup in ("autolink", "linkify") or tok.info == "auto":
            at = self.raw.find("<", pos)
            end = self.raw.find(">", at)
            if at < 0 or end < 0:
                return None
            if out is not None:
                out.mask(at, end + 1)
            self.autolink = True
            return end + 1
        at = self.raw.find("[", pos)
        self.links.append(len(out) if out is not None else None)
        return None if at < 0 else at + 1

    def _label(self, after: int, out: Builder | None) -> None:
        """A shortcut `[text]` or collapsed `[text][]` reference: its text is also its label, so a fix
        there would break the link; it is checked as a run of its own that takes no fix."""
        mark = self.links.pop() if self.links else None
        rest = self.raw[after : after + 2]
        if mark is None or out is None or rest.startswith("(") or (rest.startswith("[") and rest != "[]"):
            return
        self.extra.append((out.split_off(mark), "", self._lang(), "none"))

    def _image(self, tok: Any, pos: int, out: Builder | None) -> int | None:
        at = self.raw.find("![", pos)
        if at < 0:
            return None
        alt = Builder()
        end = self.walk(tok.children or [], at + 2, alt)
        close = self.raw.find("]", end) if end is not None else -1
        if close < 0:
            return None
        if out is not None:
            out.mask(at, close + 1)
            self.extra.append((alt, ALT, self._lang(), "any"))
        return _skip_destination(self.raw, close + 1)

    def _lang(self) -> str | None:
        return next((lang for _t, b, lang in reversed(self.stack) if b is not None), None)

    def _html(self, tag_text: str, at: int, out: Builder | None) -> None:
        end = at + len(tag_text)
        if closing := _CLOSE_TAG_RE.match(tag_text):
            name = closing.group(1).lower()
            if self.stack and self.stack[-1][0] == name:
                self.stack.pop()
            elif name not in FORMATTING_TAGS and out is not None:
                out.mask(at, end)
            return
        opening = _OPEN_TAG_RE.match(tag_text)
        if opening is None:  # a comment, a declaration
            if out is not None:
                out.mask(at, end)
            return
        name, attrs, empty = opening.group(1).lower(), opening.group(2), opening.group(3)
        lang = _ATTR_LANG_RE.search(attrs)
        if empty:
            if name not in FORMATTING_TAGS and out is not None:
                out.mask(at, end)
        elif name in HIDDEN_TAGS or _TRANSLATE_NO_RE.search(attrs):
            if out is not None:
                out.mask(at, end)
            self.stack.append((name, None, None))
        elif lang is not None:
            if out is not None:
                out.mask(at, end)
            run = Builder()
            self.stack.append((name, run, normalize_lang(lang.group(1))))
            self.extra.append((run, "", normalize_lang(lang.group(1)), "any"))
        elif name not in FORMATTING_TAGS and out is not None:
            out.mask(at, end)

    def segments(self, kind: str, declared: str | None) -> list[Segment]:
        out = []
        for builder, own_kind, lang, fixes in [(self.main, kind, None, "any"), *self.extra]:
            lang = None if lang == declared else lang
            seg = moved_to_file(builder, self.offsets).build(own_kind or kind, lang=lang, fixes=fixes)
            if seg is not None:
                out.append(seg)
        return out


def _skip_text(text: str, raw: str, pos: int) -> int | None:
    return locate(text, raw, pos, Builder())


def _skip_destination(raw: str, pos: int) -> int:
    """Past a link destination `(url "title")` or a reference label `[label]`, if one stands at pos."""
    if pos < len(raw) and raw[pos] == "(":
        depth, i = 0, pos
        while i < len(raw):
            ch = raw[i]
            if ch == "\\":
                i += 2
                continue
            depth += ch == "("
            depth -= ch == ")"
            i += 1
            if depth == 0:
                return i
        return len(raw)
    if pos < len(raw) and raw[pos] == "[":
        end = raw.find("]", pos)
        return end + 1 if end >= 0 else pos
    return pos


def read(label: str, text: str) -> Parsed:
    """The file's segments. An `.mdx` file is read as MDX: its ESM, expressions and JSX are code
    (see mdx.py), and indented lines are not code blocks (MDX has none)."""
    parsed = Parsed(label, text, "markdown")
    mdx_file = label.lower().endswith(".mdx")
    body = _front_matter(text, parsed)
    code, props = mdx.scan(body, mdx_file)
    body = mdx.blank(body, code)  # the same length: offsets in body are the file's
    parsed.segments += _props(text, props)
    starts = line_starts(text)  # markdown-it reads CR and CRLF as LF: its line numbers are these
    cursor: dict[int, int] = {}
    kinds: list[str] = []
    tokens = _parser(mdx_file).parse(body)
    _check_depth(label, body, starts, tokens)
    for tok in tokens:
        if tok.nesting == 1:
            kinds.append(KINDS.get(tok.type, kinds[-1] if kinds else PROSE))
        elif tok.nesting == -1 and kinds:
            kinds.pop()
        if tok.type == "inline" and tok.map:
            offsets = content_offsets(tok.content, body, starts, tok.map[0], cursor)
            if offsets is None:
                continue
            inline = _Inline(tok.content, offsets)
            if inline.walk(tok.children or [], 0) is not None:
                parsed.segments += inline.segments(kinds[-1] if kinds else PROSE, parsed.declared)
                parsed.code_ranges += [(offsets[a], offsets[b - 1] + 1) for a, b in inline.code]
        elif tok.type in ("fence", "code_block") and tok.map:
            parsed.code_ranges.append((starts[tok.map[0]], starts[min(tok.map[1], len(starts) - 1)]))
        elif tok.type == "html_block" and tok.map:
            parsed.segments += _html_block(label, body, starts, tok.map[0], tok.content, parsed.declared)
    parsed.segments.sort(key=lambda s: s.start_of(0))
    return parsed


def _check_depth(label: str, body: str, starts: list[int], tokens: list[Any]) -> None:
    """A block quote or list item opened at the deepest level markdown-it reads is left empty, its
    content skipped without a word: a file holding text there cannot be read faithfully, and is an
    error rather than a check of what came before it."""
    deepest = MAX_NESTING - 1
    opened = 0
    for k, tok in enumerate(tokens):
        if tok.type in CONTAINERS:
            opened += tok.nesting
        if tok.nesting != 1 or tok.level != deepest or not tok.map or tokens[k + 1].nesting != -1:
            continue
        first, last = starts[tok.map[0]], starts[min(tok.map[1], len(starts) - 1)]
        if not any(ch.isalpha() for ch in body[first:last]):
            continue  # nothing to check was skipped
        markers = 0
        at = first
        while (m := _MARKER_RE.match(body, at)) is not None:
            markers, at = markers + 1, m.end()
        depth = f"{markers}" if markers > opened else f"more than {opened}"
        raise SourceError(
            f"not checked: nested {depth} levels deep; Markdown is read {deepest} block quotes or"
            f" {deepest // 2} lists deep at most",
            label,
            tok.map[0] + 1,
        )


def _props(text: str, props: list[tuple[int, int, str]]) -> list[Segment]:
    """The text props of MDX tags (`<Card title="…">`), a segment each, as the HTML reader reads the
    `alt` and `title` attributes."""
    out = []
    for start, end, name in props:
        run = Builder()
        if align(unescape(text[start:end]), text, start, end, run) is not None:
            seg = run.build(TEXT_ATTRIBUTES[name])
            if seg is not None:
                out.append(seg)
    return out


def _html_block(
    label: str, text: str, starts: list[int], line0: int, content: str, declared: str | None
) -> list[Segment]:
    """A raw HTML block, read as HTML: its text nodes, at their places in the file (found on its lines,
    whatever their line ends: markdown-it hands the block over with LF)."""
    offsets = content_offsets(content, text, starts, line0, {})
    if offsets is None:
        return []
    from . import html

    out = []
    for seg in html.read(label, content).segments:
        run = Builder()
        run.chars = list(seg.text)
        run.starts = [seg.start_of(i) for i in range(len(seg.text))]
        run.ends = [seg.end_of(i) for i in range(len(seg.text))]
        moved = moved_to_file(run, offsets).build(seg.kind, lang=None if seg.lang == declared else seg.lang)
        if moved is not None:
            out.append(moved)
    return out


def _front_matter(text: str, parsed: Parsed) -> str:
    """The text with its front matter blanked (lines kept); its language and prose values read."""
    m = _FRONT_RE.match(text)
    if m is None or (m.group(1) == "+++") != (m.group(3) == "+++"):
        return text
    inner_start = m.start(2)
    if m.group(1) == "---":
        _yaml_front(text, m.group(2), inner_start, parsed)
    else:
        _toml_front(text, m.group(2), inner_start, parsed)
    blank = re.sub(r"[^\r\n]", " ", text[: m.end()])
    return blank + text[m.end() :]


def _yaml_front(text: str, body: str, base: int, parsed: Parsed) -> None:
    import yaml

    try:
        root = yaml.compose(body, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return
    if not isinstance(root, yaml.MappingNode):
        return
    for key, value in root.value:
        if not isinstance(key, yaml.ScalarNode) or not isinstance(value, yaml.ScalarNode):
            continue
        name = str(key.value).lower()
        if name in LANG_KEYS and value.value:
            parsed.declared, parsed.declared_by = normalize_lang(str(value.value)), "front-matter"
        elif name in DATE_KEYS and parsed.written is None:
            parsed.written = iso_date(value.value)
        elif name in PROSE_KEYS and value.start_mark.line == value.end_mark.line:
            start = base + value.start_mark.index + (1 if value.style in ("'", '"') else 0)
            _front_value(text, str(value.value), start, base + value.end_mark.index, parsed)


def _toml_front(text: str, body: str, base: int, parsed: Parsed) -> None:
    for m in _TOML_DATE_RE.finditer(body):
        if m.group(1).lower() in DATE_KEYS and parsed.written is None:
            parsed.written = iso_date(m.group(2))
    for m in _TOML_VALUE_RE.finditer(body):
        name = m.group(1).lower()
        if name in LANG_KEYS and m.group(2):
            parsed.declared, parsed.declared_by = normalize_lang(m.group(2)), "front-matter"
        elif name in PROSE_KEYS:
            _front_value(text, m.group(2), base + m.start(2), base + m.end(2), parsed)


def _front_value(text: str, value: str, start: int, limit: int, parsed: Parsed) -> None:
    builder = Builder()
    if align(value, text, start, limit, builder) is not None:
        seg = builder.build(FRONT_MATTER)
        if seg is not None:
            parsed.segments.append(seg)
