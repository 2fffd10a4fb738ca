"""Findings: immutable records of what a rule found, with structured fields kept apart from the message."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import IntEnum
from functools import lru_cache

# Unicode's bidirectional formatting characters: they change the order a line is shown in, so that a text
# can read otherwise than its characters run ("Trojan Source", CVE-2021-42574; Unicode TR 36).
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI = f"[{BIDI_CONTROLS}]"  # compiled on first use (re's cache): by a line that holds one


class Severity(IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.strip().upper()]


@dataclass(frozen=True, slots=True)
class Span:
    """A range of the decoded text: offsets plus 1-based line/column (code points), end exclusive."""

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, slots=True)
class Fix:
    """Replace the file's characters [start, end) with `replacement`; `safe` fixes apply with --fix,
    the others only with --unsafe-fixes (ruff's model: fix safety is data)."""

    start: int
    end: int
    replacement: str
    safe: bool


@dataclass(frozen=True, slots=True)
class SegmentView:
    """A bilingual file's segment as a reviewer reads it, for the reports that show segments (HTML, the
    QA workbook, a line of the text report); never in the JSON or SARIF reports. `text` is the
    translation with its inline codes as numbered tokens (`{1}`, `{/1}`) and its placeholders as
    written; `source` the same of its source, with where it names a concept (`source_terms`: start,
    end, concept ids); `label` its id (`unit p1`, `tu 2`, `msgid line 12`), `start` its file offset.
    One object for all the findings of a segment."""

    start: int
    label: str
    text: str
    state: str = ""
    source: str = ""
    source_terms: tuple[tuple[int, int, tuple[str, ...]], ...] = ()


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule found in a file: where (`span`), which rule and how severe, the message, the text
    found and its concept, suggestions and a fix; with what the reports show beside it."""

    path: str
    span: Span
    code: str
    rule: str
    severity: Severity
    message: str
    text: str
    concept: str | None
    language: str
    suggestions: tuple[str, ...] = ()
    extra: tuple[tuple[str, object], ...] = field(default=())
    fix: Fix | None = None
    # For reports and baselines, taken where the file's text is at hand (it is not kept after the check).
    line_text: str = field(default="", compare=False, repr=False)
    fingerprint: str = field(default="", compare=False, repr=False)
    source_text: str = field(default="", compare=False, repr=False)  # bilingual files: the unit's source
    # Bilingual files: the segment as a reviewer reads it, and where the finding is in its `text`.
    segment: SegmentView | None = field(default=None, compare=False, repr=False)
    segment_span: tuple[int, int] = field(default=(0, 0), compare=False, repr=False)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.span.line, self.span.column, self.code)

    @property
    def notes(self) -> tuple[str, ...]:
        """What to know whatever the rule: a bidi control inside the text found, next to it, or else on
        its line (up to the line's end, where a bidi control's effect ends). Taken from `line_text`: no
        field more to keep or send between processes; the reports show it (text, JSON, SARIF, GitHub)."""
        line = self.line_text
        held = _bidi_in(line)
        if not held:
            return ()
        a = self.span.column - 1
        b = self.span.end_column - 1 if self.span.end_line == self.span.line else len(line)
        inside = re.compile(_BIDI).findall(line, a, min(b, a + 256))  # a span that runs on to the next line: its start
        near = [c for c in (line[a - 1 : a] if a else "", line[b : b + 1]) if c and c in held]
        where, chars = ("inside", inside) if inside else ("next to", near) if near else ("on the line of", held)
        names = [f"U+{ord(c):04X}" for c in dict.fromkeys(chars)]
        what = "bidi control characters ({}) are" if len(names) > 1 else "a bidi control character ({}) is"
        return (f"note: {what.format(', '.join(names))} {where} the text found; it may not read as displayed",)


@lru_cache(maxsize=8)
def _bidi_in(line: str) -> str:
    """The bidi controls a line holds: looked for once per line however many findings it has (they come
    line by line, and a line is one string for all: Document.line_text), each by a search in C."""
    return "".join(c for c in BIDI_CONTROLS if c in line)
