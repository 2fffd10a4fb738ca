"""PO files: the translations (msgstr) are checked in the catalogue's language, where they stand.

The file is validated with polib; matching runs on a copy of the file in which everything but the
text of the msgstr strings is blanked (line breaks kept), so offsets, lines and columns are the
file's own and a fix lands inside the right string. The header entry and obsolete entries (#~) are
not checked. A `# termcheck: ignore` translator comment covers its whole entry.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..errors import SourceError

_KEYWORD_RE = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s*(".*")\s*$')
_CONTINUATION_RE = re.compile(r'^\s*(".*")\s*$')
_ESCAPE_RE = re.compile(r"\\.")


@lru_cache(maxsize=4)  # language, masking and every fix round read the same text: parse it once
def _validate(text: str, label: str) -> object:
    import polib

    try:
        return polib.pofile(text)
    except (OSError, ValueError) as exc:
        found = re.search(r"\(line (\d+)\)", str(exc))
        message = re.sub(r"\s*\(line \d+\)", "", str(exc)).strip().rstrip(".")
        line = int(found.group(1)) if found else None
        raise SourceError(f"invalid PO file: {message[:1].lower() + message[1:]}", label, line) from None


def masked(text: str, label: str) -> tuple[str, dict[int, tuple[int, int]]]:
    """The file with only msgstr text kept, and for each line of an entry, the entry's line range."""
    _validate(text, label)
    lines = text.splitlines(keepends=True)
    out: list[str] = []
    groups: dict[int, tuple[int, int]] = {}
    state, msgid, entry_start = "", "", None
    for number, line in enumerate(lines, start=1):
        body = line.rstrip("\r\n")
        ending = line[len(body) :]
        keep, quote_start = False, 0
        if match := _KEYWORD_RE.match(body):
            keyword, quoted = match.groups()
            if keyword == "msgid":
                msgid = quoted[1:-1]
            state = "msgstr" if keyword.startswith("msgstr") else keyword
            keep = state == "msgstr" and msgid != ""
            quote_start = match.start(2)
        elif (match := _CONTINUATION_RE.match(body)) and state:
            if state == "msgid":
                msgid += match.group(1)[1:-1]
            keep = state == "msgstr" and msgid != ""
            quote_start = match.start(1)
        else:
            state = ""
        if entry_start is None and body.strip():
            entry_start = number
        if not body.strip():
            _close(groups, entry_start, number - 1)
            entry_start, msgid = None, ""
        out.append(_keep_string(body, quote_start) + ending if keep else " " * len(body) + ending)
    _close(groups, entry_start, len(lines))
    return "".join(out), groups


def _keep_string(body: str, quote_start: int) -> str:
    """The line with only the inside of its quoted string left, escapes blanked."""
    end = body.rstrip().rfind('"')
    inside = _ESCAPE_RE.sub(lambda m: "  ", body[quote_start + 1 : end])
    return " " * (quote_start + 1) + inside + " " * (len(body) - end)


def _close(groups: dict[int, tuple[int, int]], start: int | None, end: int) -> None:
    if start is not None and end >= start:
        for line in range(start, end + 1):
            groups[line] = (start, end)


def po_language(text: str, label: str) -> str | None:
    """The catalogue's language from its header (pt_BR → pt-BR), if it names one."""
    catalogue = _validate(text, label)
    value = getattr(catalogue, "metadata", {}).get("Language", "").strip()
    if not value:
        return None
    parts = value.replace("_", "-").split("-")
    return "-".join([parts[0].lower(), *(p.upper() if len(p) == 2 else p for p in parts[1:])])
