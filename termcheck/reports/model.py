"""What a lint run produced, as handed to the formatters."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..errors import TermcheckError
from ..findings import Finding, Severity
from ..usage import Usage


@dataclass(frozen=True)
class FileResult:
    """A checked file as the reports list it: its language and how it was known, its format, its
    number of findings."""

    path: str
    language: str
    language_source: str
    language_confidence: float | None
    findings: int
    format: str = "text"
    segments: int = 0
    languages: tuple[str, ...] = ()  # the languages its segments were checked in
    counts: dict[str, int] = field(default_factory=dict)  # bilingual units by state (translated, fuzzy, ...)
    usage: tuple[Usage, ...] = ()  # every rendering found, when the report shows them (termcheck.usage)
    not_shown: int = 0  # findings past max-findings-per-file: counted in `findings`, not in the report


@dataclass
class RunResult:
    """A run as the reports show it: the term base, the files, the findings (or their counts, when
    they were written file by file), the errors and what fixes and the baseline took."""

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
    # A report written file by file as the files are checked keeps, instead of every finding, what the
    # summary and the exit code need: counts by rule ("TC101 foreign-rendering") and by file, and the
    # findings' severities.
    streamed: bool = False
    by_rule: Counter[str] = field(default_factory=Counter)
    by_file: Counter[str] = field(default_factory=Counter)
    severities: set[Severity] = field(default_factory=set)
    fixable: Counter[str] = field(default_factory=Counter)  # findings with a fix: "safe", "unsafe"
    # Findings past max-findings-per-file, counted and not kept: per file (for the notes), and per rule and
    # severity; by_rule, by_file and severities count them too, so that the totals stay those of the run.
    max_findings: int = 0
    not_shown: dict[str, int] = field(default_factory=dict)
    not_shown_by_rule: Counter[tuple[str, str, Severity]] = field(default_factory=Counter)

    def add_not_shown(self, path: str, stand_ins: Counter[Finding]) -> None:
        """Count a file's findings not shown (each stand-in, for a rule and severity, with how many)."""
        for f, n in stand_ins.items():
            self.not_shown[path] = self.not_shown.get(path, 0) + n
            self.not_shown_by_rule[(f.code, f.rule, f.severity)] += n
            self.by_rule[f"{f.code} {f.rule}"] += n
            self.by_file[path] += n
            self.severities.add(f.severity)

    def recount(self) -> None:
        """by_rule, by_file, severities and fixable again, from `findings` (a report not written file by
        file holds them all) and the findings not shown."""
        self.by_rule, self.by_file, self.severities, self.fixable = Counter(), Counter(), set(), Counter()
        self.count(self.findings)
        self.by_file.update(self.not_shown)
        for (code, rule, severity), n in self.not_shown_by_rule.items():
            self.by_rule[f"{code} {rule}"] += n
            self.severities.add(severity)

    def count(self, findings: list[Finding]) -> None:
        for f in findings:
            self.by_rule[f"{f.code} {f.rule}"] += 1
            self.by_file[f.path] += 1
            self.severities.add(f.severity)
            if f.fix is not None:
                self.fixable["safe" if f.fix.safe else "unsafe"] += 1
