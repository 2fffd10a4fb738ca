"""gettext PO/POT catalogues: each translation (msgstr, msgstr[n]) is a segment in the catalogue's language.

The file is validated with polib; segments are read off the file's own lines, so every character of
a translation knows its line and column through escapes (`\\"`, `\\n`) and continuation lines. The
source text (msgid, or msgid_plural for the plural forms) stands beside each target. The header
entry and obsolete entries (`#~`) are not checked; untranslated ones have nothing to check; fuzzy ones
are checked only when asked. Placeholders (printf, Python, brace, positional) and HTML tags are
masked, by the entry's format flags where it has them. A `# termcheck: ignore` translator comment
covers its whole entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..errors import SourceError
from .base import MSGSTR, SOURCE, Builder, Parsed, Segment
from .placeholders import mask_placeholders, placeholder_pattern

_KEYWORD_RE = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)[ \t]*(".*")[ \t]*$')
_CONTINUATION_RE = re.compile(r'^[ \t]*(".*")[ \t]*$')
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}


@dataclass
class _String:
    keyword: str
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


@lru_cache(maxsize=4)  # language and every fix round read the same text: parse it once
def validate(text: str, label: str) -> Any:
    import polib

    try:
        return polib.pofile(text)
    except (OSError, ValueError) as exc:
        found = re.search(r"\(line (\d+)\)", str(exc))
        message = re.sub(r"\s*\(line \d+\)", "", str(exc)).strip().rstrip(".")
        line = int(found.group(1)) if found else None
        raise SourceError(f"invalid PO file: {message[:1].lower() + message[1:]}", label, line) from None


def po_language(catalogue: Any) -> str | None:
    """The catalogue's language from its header (pt_BR → pt-BR), if it names one."""
    value = getattr(catalogue, "metadata", {}).get("Language", "").strip()
    if not value:
        return None
    parts = value.replace("_", "-").split("@")[0].split("-")
    return "-".join([parts[0].lower(), *(p.upper() if len(p) == 2 else p for p in parts[1:])])


def read(label: str, text: str, *, source_lang: str = "en", include_fuzzy: bool = False) -> Parsed:
    catalogue = validate(text, label)
    parsed = Parsed(label, text, "po", escape="po", declared=po_language(catalogue), declared_by="po-header")
    counts = {"translated": 0, "untranslated": 0, "fuzzy": 0, "obsolete": 0}
    for entry in _entries(text):
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
    context = entry.get("msgctxt")
    unit = (context + "\x04" if context else "") + msgid
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
    out = []
    for s in entry.strings:
        if s.keyword in ("msgid", "msgid_plural"):
            seg = mask_placeholders(s.builder, pattern).build(SOURCE, lang=source_lang, unit=unit, state=state)
        elif s.keyword.startswith("msgstr") and (state == "translated" or (state == "fuzzy" and include_fuzzy)):
            plural = s.keyword not in ("msgstr", "msgstr[0]")
            source_text = entry.get("msgid_plural") if plural else msgid
            seg = mask_placeholders(s.builder, pattern).build(MSGSTR, source_text=source_text, unit=unit, state=state)
        else:
            continue
        if seg is not None:
            out.append(seg)
    return out


def _entries(text: str) -> list[_Entry]:
    """The catalogue's entries, each string decoded with the file offset of every character."""
    entries: list[_Entry] = []
    entry = _Entry()
    current: _String | None = None
    offset = 0
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        body = line.rstrip("\r\n")
        stripped = body.strip()
        starts_entry = stripped.startswith("#") or bool(re.match(r"(?:#~\s*)?(msgctxt|msgid)\b", stripped))
        if not stripped or (starts_entry and any(s.keyword.startswith("msgstr") for s in entry.strings)):
            if entry.strings:
                entries.append(entry)
            entry, current = _Entry(), None
        if stripped:
            entry.first_line = entry.first_line or number
            entry.last_line = number
        if stripped.startswith("#~"):
            entry.obsolete = True
            if re.match(r"#~\s*msgid\s", stripped):
                entry.strings.append(_String("msgid"))
        elif stripped.startswith("#,"):
            entry.flags.update(f.strip() for f in stripped[2:].split(","))
        elif match := _KEYWORD_RE.match(body):
            current = _String(match.group(1))
            entry.strings.append(current)
            _decode(text, offset + match.start(2), offset + len(body.rstrip()), current.builder)
        elif (match := _CONTINUATION_RE.match(body)) and current is not None:
            _decode(text, offset + match.start(1), offset + len(body.rstrip()), current.builder)
        elif not stripped.startswith("#"):
            current = None
        offset += len(line)
    if entry.strings:
        entries.append(entry)
    return entries


def _decode(text: str, quote: int, end: int, builder: Builder) -> None:
    """The inside of the quoted string text[quote:end] (end just past the closing quote)."""
    i, stop = quote + 1, end - 1
    while i < stop:
        ch = text[i]
        if ch == "\\" and i + 1 < stop:
            builder.char(_ESCAPES.get(text[i + 1], text[i + 1]), i, i + 2)
            i += 2
        else:
            builder.raw(text, i, i + 1)
            i += 1
