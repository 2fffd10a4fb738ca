"""gettext PO/POT catalogues: each translation (msgstr, msgstr[n]) is a segment in the catalogue's language.

The file is read by a parser of our own that accepts what gettext's `msgfmt` accepts and rejects what
it rejects (an unterminated string, an unknown escape, a msgstr without its msgid: a located error),
so that every character of a translation knows its line and column through escapes (`\\"`, `\\n`),
several strings on one line and continuation lines. Lines end at LF, CRLF or a CR alone (line and
column numbers are the same whichever a file uses); a U+2028 inside a string is a character of the
string, as for gettext. The
source text as written (msgid, or msgid_plural for the plural forms; placeholders not masked) stands
beside each target, with its context: the entry's msgctxt, and for a plural entry the form
(`msgstr[1]`), so that no form is taken for a singular string with the same text. The header
entry and obsolete entries (`#~`) are not checked; untranslated ones have nothing to check; fuzzy ones
are checked only when asked. Placeholders (printf, Python, brace, positional) and HTML tags are
masked, by the entry's format flags where it has them. A `# termcheck: ignore` translator comment
covers its whole entry.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..errors import SourceError
from .base import MSGSTR, SOURCE, Builder, Parsed, Segment, line_starts
from .placeholders import mask_placeholders, placeholder_pattern

_KEYWORD_RE = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)(?=[ \t\"]|$)")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v",
            "'": "'", "?": "?"}  # fmt: skip
_QUOTE_OR_ESCAPE_RE = re.compile(r'["\\]')
_OCTAL_RE = re.compile(r"[0-7]{1,3}")
_HEX_RE = re.compile(r"x[0-9A-Fa-f]+")


@dataclass
class _String:
    keyword: str
    line: int
    builder: Builder = field(default_factory=Builder)


@dataclass
class _Entry:
    first_line: int = 0
    last_line: int = 0
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False
    strings: list[_String] = field(default_factory=list)

    def get(self, keyword: str) -> str | None:
        return next((s.builder.text() for s in self.strings if s.keyword == keyword), None)

    def keywords(self) -> list[str]:
        return [s.keyword for s in self.strings]


class _Invalid(Exception):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message, self.line = message, line


def po_language(header: str | None) -> str | None:
    """The catalogue's language from its header (pt_BR → pt-BR), if it names one."""
    if not header:
        return None
    value = next((line.split(":", 1)[1] for line in header.split("\n") if line.lower().startswith("language:")), "")
    value = value.strip()
    if not value:
        return None
    parts = value.replace("_", "-").split("@")[0].split("-")
    return "-".join([parts[0].lower(), *(p.upper() if len(p) == 2 else p for p in parts[1:])])


def read(label: str, text: str, *, source_lang: str = "en", include_fuzzy: bool = False) -> Parsed:
    try:
        entries = parse(text)
    except _Invalid as exc:
        raise SourceError(f"invalid PO file: {exc.message}", label, exc.line) from None
    header = next((e.get("msgstr") for e in entries if e.get("msgid") == "" and e.get("msgctxt") is None), None)
    parsed = Parsed(label, text, "po", escape="po", declared=po_language(header), declared_by="po-header")
    counts = {"translated": 0, "untranslated": 0, "fuzzy": 0, "obsolete": 0}
    for entry in entries:
        for line in range(entry.first_line, entry.last_line + 1):
            parsed.line_groups[line] = (entry.first_line, entry.last_line)
        if entry.obsolete:
            counts["obsolete"] += 1
            continue
        msgid = entry.get("msgid")
        if msgid is None or (msgid == "" and entry.get("msgctxt") is None):
            continue  # the header
        parsed.segments += _segments(entry, msgid, source_lang, include_fuzzy, counts)
    parsed.counts = {k: v for k, v in counts.items() if v}
    return parsed


def _segments(
    entry: _Entry, msgid: str, source_lang: str, include_fuzzy: bool, counts: dict[str, int]
) -> list[Segment]:
    pattern = placeholder_pattern(entry.flags)
    msgctxt = entry.get("msgctxt")
    unit = (msgctxt + "\x04" if msgctxt else "") + msgid
    msgid_plural = entry.get("msgid_plural")  # as written: read before its placeholders are masked
    targets = [s for s in entry.strings if s.keyword.startswith("msgstr")]
    if not any(s.builder.text() for s in targets):
        counts["untranslated"] += 1
        state = "untranslated"
    elif "fuzzy" in entry.flags:
        counts["fuzzy"] += 1
        state = "fuzzy"
    else:
        counts["translated"] += 1
        state = "translated"
    sources = {
        s.keyword: mask_placeholders(s.builder, pattern).build(SOURCE, lang=source_lang, unit=unit, state=state)
        for s in entry.strings
        if s.keyword in ("msgid", "msgid_plural")
    }
    out = [seg for seg in sources.values() if seg is not None]
    for s in entry.strings:
        if s.keyword.startswith("msgstr") and (state == "translated" or (state == "fuzzy" and include_fuzzy)):
            plural = s.keyword not in ("msgstr", "msgstr[0]")
            source = sources.get("msgid_plural") if plural else sources.get("msgid")
            source_text = msgid_plural if plural else msgid
            context = _context(msgctxt, s.keyword)
            seg = mask_placeholders(s.builder, pattern).build(MSGSTR, source_text=source_text, unit=unit, state=state,
                                                             source=source, context=context)  # fmt: skip
            if seg is not None:
                out.append(seg)
    return out


def _context(msgctxt: str | None, keyword: str) -> str:
    """What tells a translation's source from the same text elsewhere: the entry's msgctxt, and for
    a plural entry the form (`msgstr[1]` translates "%d documents" for some counts, not "documents")."""
    parts = [] if msgctxt is None else [f"msgctxt {msgctxt}"]
    return "\n".join([*parts, keyword] if keyword != "msgstr" else parts)


def _lines(text: str) -> Iterator[tuple[int, int, str]]:
    """(number, offset, line without its end) for each line: lines end at LF, CRLF or CR alone."""
    starts = line_starts(text)
    for number, start in enumerate(starts, start=1):
        end = starts[number] if number < len(starts) else len(text)
        yield number, start, text[start:end].rstrip("\r\n")


def parse(text: str) -> list[_Entry]:
    """The catalogue's entries, each string decoded with the file offset of every character."""
    entries: list[_Entry] = []
    entry = _Entry()
    current: _String | None = None
    for number, offset, body in _lines(text):
        stripped = body.lstrip(" \t")
        start = offset + len(body) - len(stripped)
        obsolete = stripped.startswith("#~") and not stripped.startswith("#~|")
        if obsolete:
            cut = 2 + len(stripped[2:]) - len(stripped[2:].lstrip(" \t"))
            stripped, start = stripped[cut:], start + cut
        if not stripped or (stripped.startswith("#") and not obsolete):
            if entry.strings and (not stripped or "msgstr" in entry.keywords()[-1]):
                entries.append(_finish(entry))
                entry, current = _Entry(), None
            if stripped.startswith("#,"):
                entry.flags.update(f.strip() for f in stripped[2:].split(",") if f.strip())
            if stripped:
                entry.first_line = entry.first_line or number
                entry.last_line = number
            continue
        entry.first_line = entry.first_line or number
        entry.last_line = number
        entry.obsolete = entry.obsolete or obsolete
        keyword = _KEYWORD_RE.match(stripped)
        if keyword:
            if keyword.group(1) in ("msgctxt", "msgid") and entry.strings and "msgstr" in entry.keywords()[-1]:
                entries.append(_finish(entry))
                entry = _Entry(first_line=number, last_line=number, obsolete=obsolete)
            _order(entry, keyword.group(1), number)
            current = _String(keyword.group(1), number)
            entry.strings.append(current)
            _strings(text, start + keyword.end(), offset + len(body), current.builder, number, required=True)
        elif stripped.startswith('"') and current is not None:
            _strings(text, start, offset + len(body), current.builder, number, required=True)
        elif not obsolete:
            raise _Invalid("syntax error" if stripped.startswith('"') else f"syntax error at {stripped[:20]!r}", number)
    if entry.strings:
        entries.append(_finish(entry))
    return entries


def _order(entry: _Entry, keyword: str, line: int) -> None:
    """The keywords of an entry in gettext's order: [msgctxt] msgid (msgstr | msgid_plural msgstr[n]...)."""
    seen = entry.keywords()
    if entry.obsolete:
        return
    if keyword == "msgctxt" and seen:
        raise _Invalid("'msgctxt' after the start of an entry", line)
    if keyword == "msgid" and any(k != "msgctxt" for k in seen):
        raise _Invalid("a second 'msgid' in one entry", line)
    if keyword == "msgid_plural" and seen[-1:] != ["msgid"]:
        raise _Invalid("'msgid_plural' without its 'msgid'", line)
    if keyword.startswith("msgstr") and "msgid" not in seen:
        raise _Invalid("'msgstr' without its 'msgid'", line)
    if keyword == "msgstr" and "msgid_plural" in seen:
        raise _Invalid("a plural entry needs 'msgstr[0]', not 'msgstr'", line)
    if keyword.startswith("msgstr[") and "msgid_plural" not in seen:
        raise _Invalid("'msgstr[n]' without 'msgid_plural'", line)


def _finish(entry: _Entry) -> _Entry:
    keywords = entry.keywords()
    if not entry.obsolete and "msgid" in keywords and not any(k.startswith("msgstr") for k in keywords):
        raise _Invalid("missing 'msgstr' section", entry.strings[-1].line)
    return entry


def _strings(text: str, pos: int, end: int, builder: Builder, line: int, required: bool) -> None:
    """The quoted strings from `pos` to the end of the line, decoded into `builder`."""
    found = False
    while True:
        while pos < end and text[pos] in " \t":
            pos += 1
        if pos >= end:
            break
        if text[pos] != '"':
            raise _Invalid(f"syntax error at {text[pos:end][:20]!r}", line)
        pos = _string(text, pos + 1, end, builder, line)
        found = True
    if required and not found:
        raise _Invalid("a keyword without its string", line)


def _string(text: str, pos: int, end: int, builder: Builder, line: int) -> int:
    """One string's characters up to its closing quote; the offset past it."""
    while pos < end:
        stop = _QUOTE_OR_ESCAPE_RE.search(text, pos, end)
        plain = stop.start() if stop else end
        builder.raw(text, pos, plain)  # the run up to a quote or an escape: the file's own characters
        pos = plain
        if pos >= end:
            break
        if text[pos] == '"':
            return pos + 1
        nxt = text[pos + 1] if pos + 1 < end else ""
        if nxt in _ESCAPES:
            builder.char(_ESCAPES[nxt], pos, pos + 2)
            pos += 2
        elif (octal := _OCTAL_RE.match(text, pos + 1, end)) is not None:
            builder.char(chr(int(octal.group(), 8)), pos, octal.end())
            pos = octal.end()
        elif (hexa := _HEX_RE.match(text, pos + 1, end)) is not None:
            builder.char(chr(int(hexa.group()[1:], 16) % 0x110000), pos, hexa.end())
            pos = hexa.end()
        else:
            raise _Invalid(f"invalid control sequence '\\{nxt}'" if nxt else "end-of-line within string", line)
    raise _Invalid("end-of-line within string", line)
