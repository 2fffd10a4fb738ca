"""Use cases: each command's work, returning an exit code. The CLI only parses options."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO

from . import __version__
from . import config as config_mod
from .errors import ConfigError, GlossaryError, SourceError, TermcheckError
from .findings import Finding

if TYPE_CHECKING:
    from pathlib import Path

    from .engine import Context, RuleInfo
    from .glossary.index import GlossaryIndex
    from .glossary.model import Glossary
    from .reports.model import RunResult

Identify = Callable[[str], "tuple[str, float] | None"]

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERNAL = 0, 1, 2, 3


@dataclass
class LintOptions:
    paths: list[str]
    glossary: list[str] = field(default_factory=list)
    lang: str | None = None
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    format: str = "text"
    exit_zero: bool = False
    config: str | None = None


def load_glossary(paths: list[str], err: TextIO) -> Glossary | None:
    """The term base, or None after printing its located problems."""
    from .glossary.load import load

    glossary, problems = load(paths)
    for problem in problems:
        print(f"error: {problem}", file=err)
    if problems:
        print(
            f"error: the term base has {len(problems)} problem(s); run `termcheck glossary check` for details", file=err
        )
        return None
    return glossary


def _identifier(langs: tuple[str, ...]) -> Identify:
    from .text.language import identify

    return lambda text: identify(text, langs)


def _rules(opts: LintOptions, cfg: config_mod.Config) -> list[RuleInfo]:
    """The rules to run: options first, then the configuration."""
    from .rules import select, unknown_selectors

    chosen = opts.select if opts.select is not None else (list(cfg.select) if cfg.select is not None else None)
    ignore = opts.ignore + list(cfg.ignore)
    extend = opts.extend_select + list(cfg.extend_select)
    bad = unknown_selectors([*(chosen or []), *ignore, *extend])
    if bad:
        raise ConfigError(f"unknown rule {bad[0]!r}; `termcheck rules` lists them")
    return select(chosen, ignore, extend)


def lint_paths(opts: LintOptions, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    from .glossary.index import GlossaryIndex
    from .reports.model import RunResult
    from .sources.text import walk

    cfg = config_mod.load(opts.config)
    rules = _rules(opts, cfg)
    glossary = load_glossary(opts.glossary or list(cfg.glossary) or ["builtin"], err)
    if glossary is None:
        return EXIT_ERROR
    index = GlossaryIndex(glossary)
    identify = _identifier(glossary.languages)
    result = RunResult(__version__, glossary.sources, len(glossary.concepts), glossary.term_count)
    files, errors = walk(opts.paths, cfg)
    result.errors += errors
    contexts = [
        ctx for path, label in files if (ctx := _check_file(path, label, opts, cfg, index, rules, identify, result))
    ]
    _add_run_findings(result, rules, contexts)
    result.findings.sort(key=Finding.sort_key)
    _report(result, opts.format, out, err)
    if result.errors:
        return EXIT_ERROR
    if result.findings and not opts.exit_zero:
        return EXIT_FINDINGS
    return EXIT_OK


def _check_file(
    path: Path,
    label: str,
    opts: LintOptions,
    cfg: config_mod.Config,
    index: GlossaryIndex,
    rules: list[RuleInfo],
    identify: Identify,
    result: RunResult,
) -> Context | None:
    """Read, match and check one file, adding what it gives to `result`."""
    import unicodedata

    from .engine import lint
    from .reports.model import FileResult
    from .sources.document import Document
    from .sources.text import BinaryFile, nfc_with_map, read_text

    try:
        decoded = read_text(path, label)
    except BinaryFile:
        result.skipped.append((label, "binary file"))
        return None
    except SourceError as exc:
        result.errors.append(exc)
        return None
    lang, source, confidence = _language(label, decoded.text, opts.lang, cfg, identify)
    text, offsets = decoded.text, None
    if not unicodedata.is_normalized("NFC", text):
        text, offsets = nfc_with_map(decoded.text)
    original = decoded.text if offsets else None
    doc = Document(label, text, lang, source, confidence, original=original, offset_map=offsets)
    ctx, findings = lint(doc, index, rules, identify if lang != "und" else None)
    result.findings += findings
    result.sources[label] = decoded.text
    result.files.append(FileResult(label, lang, source, confidence, len(findings)))
    return ctx


def _add_run_findings(result: RunResult, rules: list[RuleInfo], contexts: list[Context]) -> None:
    """Findings that compare the files of the run (inconsistent-rendering across files)."""
    from .reports.model import FileResult

    run_findings = [f for rule in rules if rule.check_run for f in rule.check_run(contexts, rule)]
    if not run_findings:
        return
    result.findings += run_findings
    counts: dict[str, int] = {}
    for f in run_findings:
        counts[f.path] = counts.get(f.path, 0) + 1
    result.files = [
        FileResult(f.path, f.language, f.language_source, f.language_confidence, f.findings + counts.get(f.path, 0))
        for f in result.files
    ]


def _language(
    path: str, text: str, given: str | None, cfg: config_mod.Config, identify: Callable[[str], tuple[str, float] | None]
) -> tuple[str, str, float | None]:
    if given:
        return given, "option", None
    configured = cfg.language_for(path)
    if configured:
        return configured, "config", None
    found = identify(text)
    if found is None:
        return "und", "unknown", None
    return found[0], "detected", found[1]


def _report(result: RunResult, fmt: str, out: TextIO, err: TextIO) -> None:
    import click

    if fmt == "json":
        from .reports import json as json_report

        out.write(json_report.render(result))
        for e in result.errors:
            click.echo(f"error: {e}", file=err)
        return
    from .reports import text as text_report

    click.echo(text_report.render(result), file=out, nl=False)
    click.echo(text_report.summary(result), file=err, nl=False)


def check_glossary(paths: list[str], out: TextIO | None = None, err: TextIO | None = None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    from .glossary.check import check

    return check(paths or ["builtin"], out, err)


def run_safely(func: Callable[[], int], err: TextIO | None = None) -> int:
    """The one top-level error handler: expected errors print one line and exit 2, bugs exit 3."""
    err = err or sys.stderr
    try:
        return func()
    except (TermcheckError, GlossaryError) as exc:
        print(f"error: {exc}", file=err)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("interrupted", file=err)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:
        import os
        import traceback

        if os.environ.get("TERMCHECK_DEBUG"):
            traceback.print_exc(file=err)
        print(
            f"termcheck {__version__}: internal error: {type(exc).__name__}: {exc}. This is a bug in "
            "termcheck: please report it with the command you ran (TERMCHECK_DEBUG=1 shows the traceback).",
            file=err,
        )
        return EXIT_INTERNAL


def rules_markdown() -> str:
    """docs/rules.md: generated from the rules' own docstrings (`termcheck rules --markdown`)."""
    from .rules import RULES

    parts = [
        "# Rules\n\nGenerated by `termcheck rules --markdown` from each rule's docstring; do not edit by hand.\n",
        "| code | name | default severity | on by default | summary |",
        "|---|---|---|---|---|",
    ]
    parts += [
        f"| {r.code} | `{r.name}` | {r.severity.label} | {'yes' if r.enabled else 'no'} | {r.summary} |" for r in RULES
    ]
    for r in RULES:
        title, _, body = r.doc.partition("\n")
        body = body.strip().replace("## ", "#### ")
        parts.append(f"\n## {r.code} `{r.name}`\n\n{title}\n\n{body}")
    return "\n".join(parts) + "\n"


def show_rules(name: str | None, markdown: bool = False, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    from .rules import RULES, lookup

    if markdown:
        out.write(rules_markdown())
        return EXIT_OK
    if name is None:
        for r in RULES:
            state = "on" if r.enabled else "off"
            out.write(f"{r.code}  {r.name:<24} {r.severity.label:<8} {state:<4} {r.summary}\n")
        return EXIT_OK
    found = lookup(name)
    if not found:
        raise ConfigError(f"unknown rule {name!r}; `termcheck rules` lists them")
    for r in found:
        out.write(f"{r.code} {r.name} ({r.severity.label}, {'on' if r.enabled else 'off'} by default)\n\n{r.doc}\n\n")
    return EXIT_OK
