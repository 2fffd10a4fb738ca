"""Findings: immutable records of what a rule found, with structured fields kept apart from the message."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum


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
class Finding:
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

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.span.line, self.span.column, self.code)
