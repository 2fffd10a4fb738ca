"""One file's check, from its text to its final findings. Pure: values in, values out, no I/O.

    analyse(parsed, index, settings, resources)  → Analysed: the file's findings (suppressions and
                                                    per-file ignores applied), its directives and what
                                                    each suppressed, and the facts run-level rules
                                                    need; no text is kept
    finalize(analysed, run_findings, settings)   → the final findings: run-level findings for the file
                                                    suppressed too, unused suppressions, severities
    lint_document(...) = finalize(analyse(...), [])
    fix_and_analyse(label, text, ...)            → the text after the allowed fixes, round by round,
                                                    and the check of the final text
    analyse_in_context(...)                      → `analyse`, with what the rules saw (for `compare`)

Every front end calls these through a session (`app.session`): the CLI (serially or in worker
processes, `runner`), the LSP server, the Dask checker, `compare`, `glossary candidates`; the term
base's examples are checked with `example_findings`. Word lists and the language model are handed in
(`Resources`), never read by rules themselves.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .config import Config
from .dates import written
from .engine import lint
from .errors import SourceError
from .findings import Finding
from .fixer import FixStats, apply, choose
from .policy import per_file_ignores, severities, suppressions, unused_suppressions
from .resources import Identify, Resources
from .rules.contract import Cap, Context, RuleInfo
from .sources.base import MASK, SOURCE, Parsed, Segment
from .sources.directives import Directive, parse
from .sources.document import Document, assemble
from .sources.formats import ReadOptions, read, sniff
from .usage import Usage, usage_of

if TYPE_CHECKING:
    from .glossary.index import GlossaryIndex

MAX_FIX_ROUNDS = 5


@dataclass(frozen=True)
class Settings:
    """What every file's check needs besides the index (picklable, for worker processes)."""

    cfg: Config
    rules: tuple[RuleInfo, ...]
    lang: str | None = None
    fix: bool = False
    unsafe_fixes: bool = False
    check_source: bool = False
    read: ReadOptions = field(default_factory=ReadOptions)
    run_facts: bool = True  # collect the facts of run-level rules (not needed when each file stands alone)
    usage: bool = False  # count every term found, allowed or not (the HTML, Excel and usage reports)
    date: str | None = None  # --date: when the texts were written (else each file's own date, else today)


@dataclass
class Analysed:
    """One file's check: what a worker sends back (findings and small facts, never the text)."""

    path: str
    format: str
    language: str
    language_source: str
    language_confidence: float | None
    findings: list[Finding] = field(default_factory=list)
    directives: list[Directive] = field(default_factory=list)
    used: tuple[int, ...] = ()  # what each directive suppressed in the file's own findings
    facts: dict[str, list[Any]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    segments: int = 0
    languages: tuple[str, ...] = ()
    usage: list[Usage] = field(default_factory=list)
    not_shown: Counter[Finding] = field(default_factory=Counter)  # past max-findings-per-file: a stand-in per rule


def read_source(label: str, text: str, settings: Settings, fmt: str | None = None) -> Parsed:
    return read(label, text, fmt or sniff(label, text), settings.read)


def document_language(parsed: Parsed, settings: Settings, identify: Identify | None) -> tuple[str, str, float | None]:
    """--lang, then the configuration, then what the file declares, then identification."""
    if settings.lang:
        return settings.lang, "option", None
    configured = settings.cfg.language_for(parsed.path)
    if configured:
        return configured, "config", None
    if parsed.declared:
        return parsed.declared, parsed.declared_by, None
    own = [s.text for s in parsed.segments if s.lang is None]
    if not own:
        langs = [s.lang for s in parsed.segments if s.lang and s.kind != SOURCE]
        return (Counter(langs).most_common(1)[0][0], "file", None) if langs else ("und", "unknown", None)
    found = identify("\n\n".join(own).replace(MASK, " ")) if identify else None
    if found is None:
        return "und", "unknown", None
    return found[0], "detected", found[1]


def document_date(parsed: Parsed, settings: Settings) -> str | None:
    """--date, then the date the file gives (front matter, HTML meta, a `termcheck: date` comment); None: today."""
    return settings.date or parsed.written or written(parsed.source)


def views(parsed: Parsed, lang: tuple[str, str, float | None], settings: Settings) -> list[Document]:
    """The file's segments as one Document per language (sources only with --check-source), with the
    file's date."""
    date = document_date(parsed, settings)
    groups: dict[str, list[Segment]] = {}
    for seg in parsed.segments:
        if seg.kind == SOURCE and not settings.check_source:
            continue
        groups.setdefault(seg.lang or lang[0], []).append(seg)
    out = []
    for language, segs in groups.items():
        own = language == lang[0]
        doc = assemble(parsed.path, parsed.source, segs, language, lang[1] if own else "file",
                       lang[2] if own else None, parsed.escape)  # fmt: skip
        doc.date = date
        out.append(doc)
    return out


def directives_of(parsed: Parsed) -> list[Directive]:
    """A file's suppression comments (not those inside code: a Markdown code block's example)."""
    return [d for d in parse(parsed.source, parsed.line_groups)
            if not any(a <= d.start < b for a, b in parsed.code_ranges)]  # fmt: skip


def analyse(parsed: Parsed, index: GlossaryIndex, settings: Settings, resources: Resources) -> Analysed:
    """The file's findings (suppressions and per-file ignores applied) and what the run-level stage needs."""
    return analyse_in_context(parsed, index, settings, resources)[0]


def analyse_in_context(
    parsed: Parsed, index: GlossaryIndex, settings: Settings, resources: Resources
) -> tuple[Analysed, list[Context]]:
    """`analyse`, with what the rules saw of each of the file's documents (its matches read in its
    language), for a front end that looks at the terms too (`compare`)."""
    lang = document_language(parsed, settings, resources.identify)
    contexts: list[Context] = []
    result = Analysed(parsed.path, parsed.format, *lang, counts=dict(parsed.counts), segments=len(parsed.segments))
    directives = directives_of(parsed)
    rules = list(settings.rules)
    docs = views(parsed, lang, settings)
    limit = settings.cfg.max_findings_per_file
    suppressed = suppressions(directives)  # indexed once: the cap asks about every finding past it
    cap = Cap(limit, lambda f: not suppressed.hidden(f)) if limit else None
    for doc in docs:
        ctx, findings = lint(doc, index, rules, resources, cap)
        contexts.append(ctx)
        result.findings += suppressed.suppress(per_file_ignores(findings, settings.cfg, parsed.path))
        for rule in rules:
            if rule.collect is not None and settings.run_facts:
                result.facts.setdefault(rule.name, []).extend(rule.collect(ctx, rule))
        if settings.usage:
            result.usage += usage_of(ctx)
    result.directives, result.used = directives, tuple(suppressed.used)
    result.languages = tuple(d.language for d in docs)
    for stand_in, count in cap.not_shown.items() if cap is not None else ():
        for final in severities(per_file_ignores([stand_in], settings.cfg, parsed.path), settings.cfg):
            result.not_shown[final] += count
    return result, contexts


def finalize(analysed: Analysed, run_findings: list[Finding], settings: Settings) -> list[Finding]:
    """The file's final findings: with its run-level ones (ignored and suppressed as its own), the
    unused suppressions, and the configured severities."""
    cfg = settings.cfg
    suppressed = suppressions(analysed.directives, analysed.used)
    findings = analysed.findings + suppressed.suppress(per_file_ignores(run_findings, cfg, analysed.path))
    findings += unused_suppressions(analysed.directives, suppressed.used, analysed.path, analysed.language,
                                    settings.rules)  # fmt: skip
    return severities(sorted(findings, key=Finding.sort_key), cfg)


def lint_document(parsed: Parsed, index: GlossaryIndex, settings: Settings, resources: Resources) -> list[Finding]:
    """A document's final findings."""
    return finalize(analyse(parsed, index, settings, resources), [], settings)


def fix_and_analyse(
    label: str, text: str, fmt: str, index: GlossaryIndex, settings: Settings, resources: Resources
) -> tuple[str, FixStats, Analysed]:
    """The file's text after the fixes `settings` allows, round after round until none is left, and the
    check of that final text (each text is parsed and analysed once). A fix only ever replaces
    characters a source handed out; the fixed text must still parse."""
    stats = FixStats()
    parsed = read_source(label, text, settings, fmt)
    for _round in range(MAX_FIX_ROUNDS):
        analysed = analyse(parsed, index, settings, resources)
        fixes, held = choose(analysed.findings, settings.unsafe_fixes)
        stats.unsafe_held = held
        if not fixes:
            return text, stats, analysed
        fixed = apply(text, fixes)
        try:
            parsed = read_source(label, fixed, settings, fmt)
        except SourceError as exc:
            raise SourceError(f"not fixed: the fixes would break the file ({exc.message})", label) from None
        text = fixed
        stats.applied += len(fixes)
    return text, stats, analyse(parsed, index, settings, resources)


def fix_text(
    label: str, text: str, fmt: str, index: GlossaryIndex, settings: Settings, resources: Resources
) -> tuple[str, FixStats]:
    """The file's text after the fixes `settings` allows (`fix_and_analyse` without the check)."""
    fixed, stats, _analysed = fix_and_analyse(label, text, fmt, index, settings, resources)
    return fixed, stats


def lint_text(
    label: str, text: str, lang: str | None, settings: Settings, index: GlossaryIndex,
    resources: Resources | None = None, fmt: str | None = None,
) -> list[Finding]:  # fmt: skip
    """A text's final findings as `termcheck lint` reports them (`lang` None: as the file says or identified)."""
    if lang is not None:
        settings = _with_lang(settings, lang)
    resources = resources or Resources.for_index(index)
    return lint_document(read_source(label, text, settings, fmt), index, settings, resources)


def fixed_text(
    label: str, text: str, lang: str, settings: Settings, index: GlossaryIndex, fmt: str | None = None
) -> str:
    """The text after `--fix` (or `--unsafe-fixes`, as `settings` says)."""
    settings = _with_lang(settings, lang)
    return fix_text(label, text, fmt or sniff(label, text), index, settings, Resources.for_index(index))[0]


def _with_lang(settings: Settings, lang: str) -> Settings:
    from dataclasses import replace

    return replace(settings, lang=lang)


def example_findings(text: str, lang: str, index: GlossaryIndex, rules: list[RuleInfo]) -> list[Finding]:
    """A term base example's findings: the example as a text in its language (no identification)."""
    settings = Settings(Config(), tuple(rules), lang)
    return lint_document(read_source("<example>", text, settings, "text"), index, settings,
                         Resources.for_index(index, identify=False))  # fmt: skip
