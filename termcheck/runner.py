"""Check files: read, identify the language, lint, suppress, fix; one file at a time or in parallel
processes (`--jobs`), the results always in the order of the files."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .config import Config
from .engine import Context, RuleInfo, lint
from .errors import SourceError
from .findings import Finding
from .fixer import FixStats, apply, choose
from .policy import apply_suppressions, per_file_ignores
from .sources.directives import Directive, parse
from .sources.document import Document
from .sources.text import BinaryFile, nfc_with_map, read_text

if TYPE_CHECKING:
    from .glossary.index import GlossaryIndex

Identify = Callable[[str], "tuple[str, float] | None"]
MAX_FIX_ROUNDS = 5


@dataclass(frozen=True)
class Settings:
    """What every file's check needs besides the index (picklable, for worker processes)."""

    cfg: Config
    rules: tuple[RuleInfo, ...]
    lang: str | None = None
    fix: bool = False
    unsafe_fixes: bool = False


@dataclass
class Outcome:
    path: str
    ctx: Context | None = None
    findings: list[Finding] = field(default_factory=list)
    directives: list[Directive] = field(default_factory=list)
    source: str | None = None
    original: str | None = None
    new_bytes: bytes | None = None
    error: SourceError | None = None
    skipped: str | None = None
    fixes: FixStats = field(default_factory=FixStats)


def identifier(langs: tuple[str, ...]) -> Identify:
    from .text.language import identify

    return lambda text: identify(text, langs)


def language(path: str, text: str, settings: Settings, identify: Identify) -> tuple[str, str, float | None]:
    if settings.lang:
        return settings.lang, "option", None
    configured = settings.cfg.language_for(path)
    if configured:
        return configured, "config", None
    found = identify(text)
    if found is None:
        return "und", "unknown", None
    return found[0], "detected", found[1]


def _language_of(label: str, text: str, settings: Settings, identify: Identify) -> tuple[str, str, float | None]:
    """--lang, then the configuration, then (PO) the catalogue's header, then identification."""
    if not label.endswith(".po") or settings.lang or settings.cfg.language_for(label):
        return language(label, text, settings, identify)
    from .sources.po import masked, po_language

    header = po_language(text, label)
    if header:
        return header, "po-header", None
    return language(label, masked(text, label)[0], settings, identify)


def make_document(
    label: str, text: str, lang: tuple[str, str, float | None]
) -> tuple[Document, dict[int, tuple[int, int]]]:
    """A Document for matching (NFC, PO entries masked in) and the line groups for suppressions."""
    groups: dict[int, tuple[int, int]] = {}
    if label.endswith(".po"):
        from .sources.po import masked

        text_for_match, groups = masked(text, label)
    else:
        text_for_match = text
    offsets = None
    if not unicodedata.is_normalized("NFC", text_for_match):
        text_for_match, offsets = nfc_with_map(text_for_match)
    original = text if (offsets is not None or text_for_match is not text) else None
    doc = Document(label, text_for_match, lang[0], lang[1], lang[2], original=original, offset_map=offsets)
    return doc, groups


def check_file(path: Path, label: str, settings: Settings, index: GlossaryIndex, identify: Identify) -> Outcome:
    out = Outcome(label)
    try:
        decoded = read_text(path, label)
    except BinaryFile:
        out.skipped = "binary file"
        return out
    except SourceError as exc:
        out.error = exc
        return out
    text = decoded.text
    try:
        lang = _language_of(label, text, settings, identify)
        for _round in range(MAX_FIX_ROUNDS):
            ctx, findings, directives = _lint_once(label, text, lang, settings, index, identify)
            if not settings.fix:
                break
            fixes, held = choose(findings, settings.unsafe_fixes)
            out.fixes.unsafe_held = held
            if not fixes:
                break
            text = apply(text, fixes)
            out.fixes.applied += len(fixes)
    except SourceError as exc:
        out.error = exc
        return out
    out.ctx, out.findings, out.directives = ctx, findings, directives
    out.source, out.original = text, decoded.text
    if text != decoded.text:
        out.new_bytes = decoded.encode(text)
    return out


def _lint_once(
    label: str, text: str, lang: tuple[str, str, float | None], settings: Settings, index: GlossaryIndex,
    identify: Identify,
) -> tuple[Context, list[Finding], list[Directive]]:  # fmt: skip
    doc, groups = make_document(label, text, lang)
    ctx, findings = lint(doc, index, list(settings.rules), identify if lang[0] != "und" else None)
    directives = parse(text, groups)
    findings = apply_suppressions(per_file_ignores(findings, settings.cfg, label), directives)
    return ctx, findings, directives


def lint_text(label: str, text: str, lang: str, settings: Settings, index: GlossaryIndex,
              identify: Identify | None = None) -> list[Finding]:  # fmt: skip
    """One text's findings as `termcheck lint` reports them: suppressions applied, unused ones reported."""
    from .policy import unused_suppressions

    _ctx, findings, directives = _lint_once(
        label, text, (lang, "option", None), settings, index, identify or identifier(index.glossary.languages)
    )
    return sorted(findings + unused_suppressions(directives, label, lang, list(settings.rules)), key=Finding.sort_key)


def fix_text(label: str, text: str, lang: str, settings: Settings, index: GlossaryIndex) -> str:
    """The text after the fixes `settings` allows, applied round after round as `--fix` does."""
    identify = identifier(index.glossary.languages)
    for _round in range(MAX_FIX_ROUNDS):
        _ctx, findings, _directives = _lint_once(label, text, (lang, "option", None), settings, index, identify)
        fixes, _held = choose(findings, settings.unsafe_fixes)
        if not fixes:
            break
        text = apply(text, fixes)
    return text


# --- parallel --------------------------------------------------------------------------------------

_STATE: dict[str, Any] = {}


def _init_worker(settings: Settings, index: GlossaryIndex) -> None:
    _STATE["settings"], _STATE["index"] = settings, index
    _STATE["identify"] = identifier(index.glossary.languages)


def _work(item: tuple[Path, str]) -> Outcome:
    outcome = check_file(item[0], item[1], _STATE["settings"], _STATE["index"], _STATE["identify"])
    if outcome.ctx is not None:
        outcome.ctx.index = None  # the parent has its own; do not send it back with every file
    return outcome


def check_files(files: list[tuple[Path, str]], settings: Settings, index: GlossaryIndex, jobs: int) -> list[Outcome]:
    """Every file's outcome, in the order given; in `jobs` processes when there is enough to share."""
    if jobs <= 1 or len(files) < 2:
        identify = identifier(index.glossary.languages)
        return [check_file(path, label, settings, index, identify) for path, label in files]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    workers = min(jobs, len(files))
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(settings, index)) as pool:
        return list(pool.map(_work, files, chunksize=max(1, len(files) // (workers * 4))))
