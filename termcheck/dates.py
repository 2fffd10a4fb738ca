"""The date a text was written, and whether it falls before a renaming.

A text's date comes from `--date`, else from the file itself: Markdown front matter (`date:`,
`publishDate:`, ...), an HTML page's `<meta>` (`article:published_time`, `date`, `DC.date`,
`datePublished`), or a `termcheck: date 2022-05-16` comment in any format. Dates are ISO 8601 calendar
dates, as precise as known: `2022`, `2022-05` or `2022-05-16` (a time after the day is ignored).
"""

from __future__ import annotations

import re

_DATE_RE = re.compile(r"\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?![\d-])")
_DIRECTIVE_RE = re.compile(r"(?:<!--|\{/\*|#|//|\.\.)[ \t]*termcheck:[ \t]*date[ \t]*[=:]?[ \t]*(\S+)")
_LAST_DAY = {2: 29, 4: 30, 6: 30, 9: 30, 11: 30}


def iso_date(value: object) -> str | None:
    """The calendar date a value starts with (`2022-05-16T08:00Z` → `2022-05-16`; `2022-5-1` → None)."""
    m = _DATE_RE.match(str(value))
    if m is None:
        return None
    year, month, day = m.groups()
    if month is not None and not 1 <= int(month) <= 12:
        return None
    if day is not None and not 1 <= int(day) <= _LAST_DAY.get(int(month), 31):
        return None
    return "-".join(p for p in (year, month, day) if p is not None)


def before(date: str, since: str) -> bool:
    """Whether every day a date may mean falls before every day `since` may mean (`2022-05` is before
    `2022-09-17`; `2022` is not)."""
    last = date + "-12-31"[len(date) - 4 :] if len(date) < 10 else date
    first = since + "-01-01"[len(since) - 4 :] if len(since) < 10 else since
    return last < first


def written(text: str) -> str | None:
    """The date a `termcheck: date YYYY-MM-DD` comment gives (the first one), or None."""
    if "termcheck:" not in text:
        return None
    m = _DIRECTIVE_RE.search(text)
    return iso_date(m.group(1)) if m else None
