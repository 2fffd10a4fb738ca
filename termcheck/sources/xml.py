"""Bilingual XML: XLIFF 1.2 and 2.0 (`trans-unit`/`unit`, `source`/`target`) and TMX 1.4 (`tu`/`tuv`/`seg`).

Parsed with expat, safely: entity declarations and external entities are refused, nothing is fetched.
Every character keeps its place in the file (expat reports where each run of text starts; character
references and CRLF are read back), so findings point at the target in the XML file and a fix replaces
exactly its characters. Inline codes (`<x/>`, `<ph>`, `<bpt>`, `<ept>`, `<it>`, `<sc/>`, `<ec/>`,
`<cp/>`, `<ut>`, protected `<mrk>`) are masked; the text of `<g>`, `<pc>`, `<mrk>` and `<hi>` is
read. Targets are in the target language (`target-language`, `trgLang`), sources in the source
language; each target carries its source text as written (text in angle brackets and placeholders
not masked; an inline code is) and its context: the unit's `resname` (2.0 `name`), its id where the
id names the unit rather than numbering or hashing it, its notes (not a `termcheck:` comment), and
in TMX the properties that give a context (`id`, `prev`, `next`, `x-Context`, ...). TMX targets are
of the kind `memory`: a memory may keep several right translations of one source. Targets whose
state says they are not translations yet (`new`, `needs-translation`, `initial`) or drafts
(`needs-review-*`, `needs-adaptation`, `needs-l10n`) are checked only with --include-fuzzy. Units
marked `translate="no"` are not checked; `alt-trans`, notes and original data never are checked.
TMX: the variant in the header's `srclang` is the source, every other variant a target.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from typing import Any
from xml.parsers import expat

from ..errors import SourceError
from .base import MEMORY, SOURCE, TARGET, Builder, Parsed, Segment, align
from .html import normalize_lang
from .placeholders import mask_placeholders, placeholder_pattern

KEEP = frozenset({"g", "pc", "mrk", "hi"})
SKIP = frozenset({"alt-trans", "note", "originalData", "seg-source", "ignorable", "prop", "context-group",
                  "count-group", "phase-group", "sub", "header-note", "metadata", "matches", "glossary"})  # fmt: skip
CAPTURE = frozenset({"source", "target", "seg"})
UNITS = frozenset({"trans-unit", "unit", "tu"})
# A unit's id is its context where it is a name ("login.title", "CONFLICT_DIALOG_LABEL_MINE"), not
# where it numbers or hashes the units ("1", "tu12", "unit-3", "s1_2", a GUID, an Angular or Symfony hash).
_NUMBERING_RE = re.compile(
    r"[A-Za-z]*[-_.]?\d+(?:[-_.:]\d+)*|[0-9A-Fa-f]{8,}|[0-9A-Fa-f]{8}(?:-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}"
)
# TMX properties that tell one use of a source from another: OmegaT's `id`, `prev` and `next` (an
# alternative translation), Trados' `x-Context`, Phrase's `x-context-pre`/`x-context-post`.
_CONTEXT_PROPS = frozenset({"id", "x-id", "prev", "next", "x-prev", "x-next", "resname", "x-resname", "key", "x-key"})
# Targets that are not (yet) translations: a copy of the source to translate, or a draft to review.
# Like fuzzy PO entries, they are checked only with --include-fuzzy.
DRAFT_STATES = {
    "new": "needs-translation", "needs-translation": "needs-translation", "initial": "needs-translation",
    "needs-adaptation": "fuzzy", "needs-l10n": "fuzzy", "needs-review-translation": "fuzzy",
    "needs-review-adaptation": "fuzzy", "needs-review-l10n": "fuzzy",
}  # fmt: skip


class _Refused(Exception):
    pass


@dataclass
class _Unit:
    uid: str | None = None
    translate: bool = True
    state: str | None = None
    source_text: str | None = None
    source: Segment | None = None
    seen_target: bool = False
    variants: list[tuple[str | None, Builder]] = field(default_factory=list)  # TMX: (language, text)
    first_line: int = 0
    first_segment: int = 0
    context: list[str] = field(default_factory=list)  # resname, a named id, notes, TMX context properties


class _Reader:
    def __init__(self, label: str, text: str, fmt: str, include_fuzzy: bool = False) -> None:
        self.label, self.text, self.fmt, self.include_fuzzy = label, text, fmt, include_fuzzy
        self.parsed = Parsed(label, text, fmt, escape="xml")
        self.byte_starts: list[int] | None = None if text.isascii() else _byte_starts(text)
        self.frames: list[str] = []  # per open element: what it does ("skip", "ignore", "capture", "")
        self.src_lang: str | None = None
        self.trg_lang: str | None = None
        self.unit = _Unit()
        self.capture: tuple[str, str | None, Builder] | None = None  # element, language, text
        self.note: tuple[str, list[str]] | None = None  # a unit's note or context property being read: label, text
        self.in_unit = False
        self.ignored = 0
        self.counts = {"translated": 0, "untranslated": 0, "not-translatable": 0}
        self.p = expat.ParserCreate(encoding="UTF-8")
        self.p.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self.p.StartElementHandler = self.start
        self.p.EndElementHandler = self.end
        self.p.CharacterDataHandler = self.data
        self.p.EntityDeclHandler = self._refuse_entity
        self.p.UnparsedEntityDeclHandler = self._refuse_entity
        self.p.ExternalEntityRefHandler = self._refuse_entity

    def _refuse_entity(self, *args: Any) -> int:
        raise _Refused("entity declarations and external entities are not allowed")

    def pos(self) -> int:
        index = self.p.CurrentByteIndex
        if self.byte_starts is None:
            return index
        return bisect.bisect_right(self.byte_starts, index) - 1

    def start(self, name: str, attrs: dict[str, str]) -> None:
        local = name.rsplit(":", 1)[-1].rsplit(" ", 1)[-1]
        if (self.frames and self.frames[-1] in ("skip", "ignore", "context")) or self.ignored:
            self.ignored += 1
            self.frames.append("ignore")
            return
        if self.capture is not None:
            self.frames.append(self._inline(local, attrs))
            return
        self.frames.append(self._structure(local, attrs))

    def _inline(self, local: str, attrs: dict[str, str]) -> str:
        protected = attrs.get("mtype") == "protected" or attrs.get("translate") == "no"
        if local in KEEP and not protected:
            return ""
        assert self.capture is not None
        self.capture[2].mask(self.pos())
        self.ignored += 1
        return "ignore"

    def _structure(self, local: str, attrs: dict[str, str]) -> str:
        lang = attrs.get("xml:lang") or attrs.get("lang")
        if local in ("file", "xliff"):
            self.src_lang = _lang(attrs.get("source-language") or attrs.get("srcLang")) or self.src_lang
            self.trg_lang = _lang(attrs.get("target-language") or attrs.get("trgLang")) or self.trg_lang
        elif local == "header" and self.fmt == "tmx":
            srclang = attrs.get("srclang")
            self.src_lang = _lang(srclang) if srclang and srclang != "*all*" else None
            return "skip"
        elif local in UNITS:
            self._flush_tmx()
            uid = attrs.get("id") or attrs.get("tuid")
            self.unit = _Unit(uid, attrs.get("translate") != "no", first_segment=len(self.parsed.segments))
            self.unit.first_line = self.p.CurrentLineNumber
            self.unit.state = "approved" if attrs.get("approved") == "yes" else None
            self.unit.context = [f"{key} {attrs[key]}" for key in ("resname", "name") if attrs.get(key)]
            self.unit.context += [f"id {uid}"] if uid and _named(uid) else []
            self.in_unit = True
        elif self.in_unit and (local == "note" or (local == "prop" and _context_prop(attrs.get("type", "")))):
            self.note = (local if local == "note" else f"prop {attrs.get('type')}", [])
            return "context"
        elif local == "segment":
            self.unit.state = attrs.get("state") or self.unit.state
            self.unit.source_text, self.unit.source, self.unit.seen_target = None, None, False
        elif local == "tuv":
            self.unit.variants.append((_lang(lang), Builder()))
        elif local in SKIP:
            return "skip"
        elif local in CAPTURE:
            if local == "target":
                self.unit.state = attrs.get("state") or self.unit.state
            element_lang = _lang(lang) if lang else None
            builder = self.unit.variants[-1][1] if local == "seg" and self.unit.variants else Builder()
            self.capture = (local, element_lang, builder)
            return "capture"
        return ""

    def end(self, name: str) -> None:
        what = self.frames.pop() if self.frames else ""
        if what == "ignore":
            self.ignored -= 1
        elif what == "context" and self.note is not None:
            label, text = self.note[0], " ".join("".join(self.note[1]).split())
            self.note = None
            if text and not text.startswith("termcheck:"):  # a suppression comment is not a context
                self.unit.context.append(f"{label} {text}")
        elif what == "capture" and self.capture is not None:
            local, lang, builder = self.capture
            self.capture = None
            written = builder.text()  # placeholders and text in angle brackets as written
            mask_placeholders(builder, placeholder_pattern())
            if local == "source":
                self._source(builder, lang, written)
            elif local == "target":
                self._target(builder, lang)
        local = name.rsplit(":", 1)[-1].rsplit(" ", 1)[-1]
        if what == "" and local in UNITS:
            self._end_unit(local)

    def _end_unit(self, local: str) -> None:
        self.in_unit = False
        if self.unit.first_line:
            group = (self.unit.first_line, self.p.CurrentLineNumber)  # a suppression in the unit covers it
            for line in range(group[0], group[1] + 1):
                self.parsed.line_groups[line] = group
        if local in ("trans-unit", "unit") and not self.unit.seen_target:
            self.counts["untranslated" if self.unit.translate else "not-translatable"] += 1
        segments, context = self.parsed.segments, _joined(self.unit.context)
        for i in range(self.unit.first_segment, len(segments)):  # XLIFF 1.2 often puts notes after the target
            if segments[i].kind != SOURCE and segments[i].context != context:
                segments[i] = replace(segments[i], context=context)

    def _source(self, builder: Builder, lang: str | None, written: str) -> None:
        self.unit.source_text = written
        seg = builder.build(SOURCE, lang=lang or self.src_lang or "en", unit=self.unit.uid, state=self.unit.state)
        self.unit.source = seg
        if seg is not None and self.unit.translate:
            self.parsed.segments.append(seg)

    def _target(self, builder: Builder, lang: str | None) -> None:
        self.unit.seen_target = True
        if not self.unit.translate:
            self.counts["not-translatable"] += 1
            return
        if not builder.has_letters():
            self.counts["untranslated"] += 1
            return
        draft = DRAFT_STATES.get(self.unit.state or "")
        self.counts[draft or "translated"] = self.counts.get(draft or "translated", 0) + 1
        if draft and not self.include_fuzzy:
            return
        lang = None if lang is None or lang == self.trg_lang else lang
        seg = builder.build(MEMORY if self.fmt == "tmx" else TARGET, lang=lang, source_text=self.unit.source_text,
                            unit=self.unit.uid, state=self.unit.state, source=self.unit.source,
                            context=_joined(self.unit.context))  # fmt: skip
        if seg is not None:
            self.parsed.segments.append(seg)

    def _flush_tmx(self) -> None:
        """A TMX unit's variants: the one in the source language is the source, the others targets."""
        variants, self.unit.variants = self.unit.variants, []
        source = next((b for lang, b in variants if lang and self.src_lang and lang == self.src_lang), None)
        written = source.text() if source is not None else None
        self.unit.source = None
        for lang, builder in sorted(variants, key=lambda v: v[1] is not source):  # the source first
            mask_placeholders(builder, placeholder_pattern())
            if builder is source and written is not None:
                self._source(builder, lang, written)
                continue
            self.unit.source_text = written
            self.unit.source = None if source is None else self.unit.source
            self.trg_lang = None
            self._target(builder, lang)

    def data(self, data: str) -> None:
        if self.note is not None and not self.ignored:
            self.note[1].append(data)
        if self.capture is None or self.ignored:
            return
        start = self.pos()
        if align(data, self.text, start, len(self.text), self.capture[2]) is None:
            self.capture[2].mask(start)  # text that is not in the file as it is (a CDATA section)

    def run(self) -> Parsed:
        try:
            self.p.Parse(self.text.encode("utf-8"), True)
        except expat.ExpatError as exc:
            message = expat.errors.messages.get(exc.code, str(exc)) if hasattr(exc, "code") else str(exc)
            raise SourceError(f"invalid XML: {message}", self.label, exc.lineno) from None
        except _Refused as exc:
            raise SourceError(f"refused: {exc}", self.label, self.p.CurrentLineNumber) from None
        self._flush_tmx()
        self.parsed.declared = self.trg_lang if self.fmt == "xliff" else None
        self.parsed.declared_by = self.fmt
        self.parsed.counts = {k: v for k, v in self.counts.items() if v}
        return self.parsed


def _named(uid: str) -> bool:
    """Whether a unit id names the unit (a key: context) rather than numbering or hashing it."""
    return any(ch.isalpha() for ch in uid) and _NUMBERING_RE.fullmatch(uid) is None


def _context_prop(kind: str) -> bool:
    return "context" in kind.casefold() or kind.casefold() in _CONTEXT_PROPS


def _joined(context: list[str]) -> str:
    return "\n".join(sorted(context))


def _lang(value: str | None) -> str | None:
    return normalize_lang(value) if value else None


def _byte_starts(text: str) -> list[int]:
    """The UTF-8 byte offset of each character (and of the end)."""
    out, pos = [], 0
    for ch in text:
        out.append(pos)
        code = ord(ch)
        pos += 1 if code < 0x80 else 2 if code < 0x800 else 3 if code < 0x10000 else 4
    out.append(pos)
    return out


def read(label: str, text: str, fmt: str, include_fuzzy: bool = False) -> Parsed:
    root = text.lstrip("\ufeff")
    if (fmt == "xliff" and "<xliff" not in root[:4096]) or (fmt == "tmx" and "<tmx" not in root[:4096]):
        raise SourceError(f"not a {fmt.upper()} file: no <{fmt}> root element", label)
    return _Reader(label, text, fmt, include_fuzzy).run()
