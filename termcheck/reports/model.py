"""What a lint run produced, as handed to the formatters."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import TermcheckError
from ..findings import Finding


@dataclass(frozen=True)
class FileResult:
    path: str
    language: str
    language_source: str
    language_confidence: float | None
    findings: int
    format: str = "text"
    segments: int = 0
    languages: tuple[str, ...] = ()  # the languages its segments were checked in
    counts: dict[str, int] = field(default_factory=dict)  # bilingual units by state (translated, fuzzy, ...)


@dataclass
class RunResult:
    version: str
    glossary_sources: tuple[str, ...]
    concepts: int
    terms: int
    files: list[FileResult] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    errors: list[TermcheckError] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    fixed: int = 0
    unsafe_held: int = 0
    baselined: int = 0
