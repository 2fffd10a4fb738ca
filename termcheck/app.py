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
    from .engine import RuleInfo
    from .glossary.index import GlossaryIndex
    from .glossary.model import Glossary
    from .reports.model import RunResult
    from .runner import Outcome

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
    fail_level: str | None = None
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    baseline: str | None = None
    write_baseline: str | None = None
    quiet: bool = False
    statistics: bool = False
    jobs: int = 0
    cache: bool = True


def load_glossary(paths: list[str], err: TextIO, cache: bool = True) -> tuple[Glossary, GlossaryIndex] | None:
    """The term base and its compiled index (from the cache when the files are unchanged), or None
    after printing the term base's located problems."""
    from .glossary.cache import load_index

    loaded = load_index(paths, use_cache=cache)
    if isinstance(loaded, list):
        for problem in loaded:
            print(f"error: {problem}", file=err)
        print(f"error: the term base has {len(loaded)} problem(s); `termcheck glossary check` shows them", file=err)
        return None
    return loaded


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
    """`termcheck lint`: check, suppress, fix, report; the exit code."""
    import os

    from .reports.model import RunResult
    from .runner import Settings, check_files
    from .sources.text import walk

    out, err = out or sys.stdout, err or sys.stderr
    cfg = config_mod.load(opts.config)
    rules = _rules(opts, cfg)
    fail_level = opts.fail_level or cfg.fail_level
    loaded = load_glossary(opts.glossary or list(cfg.glossary) or ["builtin"], err, opts.cache)
    if loaded is None:
        return EXIT_ERROR
    glossary, index = loaded
    result = RunResult(__version__, glossary.sources, len(glossary.concepts), glossary.term_count)
    files, walk_errors = walk(opts.paths, cfg)
    result.errors += walk_errors
    settings = Settings(cfg, tuple(rules), opts.lang, opts.fix or opts.diff, opts.unsafe_fixes)
    outcomes = check_files(files, settings, index, opts.jobs or os.cpu_count() or 1)
    changes = _collect(result, outcomes, rules, cfg)
    baseline = opts.baseline or cfg.baseline
    if opts.write_baseline:
        from .policy import write_baseline

        count = write_baseline(opts.write_baseline, result.findings, result.sources)
        print(f"Wrote {count} finding(s) to the baseline {opts.write_baseline}.", file=err)
        return EXIT_ERROR if result.errors else EXIT_OK
    if baseline:
        from .policy import filter_baseline, read_baseline

        before = len(result.findings)
        result.findings = filter_baseline(result.findings, read_baseline(baseline), result.sources)
        result.baselined = before - len(result.findings)
    if opts.diff:
        _print_diffs(outcomes, out)
    elif opts.fix:
        _write_fixes(outcomes, result)
    _report(result, opts, out, err)
    return _exit_code(result, opts, fail_level, changes)


def _collect(result: RunResult, outcomes: list[Outcome], rules: list[RuleInfo], cfg: config_mod.Config) -> int:
    """Gather the outcomes into `result`, add the run-level and unused-suppression findings, apply the
    configured severities; the number of files a fix would change."""
    from .policy import apply_suppressions, per_file_ignores, severities, unused_suppressions
    from .reports.model import FileResult

    contexts = [o.ctx for o in outcomes if o.ctx is not None]
    run_level = [f for rule in rules if rule.check_run for f in rule.check_run(contexts, rule)]
    changes = 0
    for o in outcomes:
        if o.error is not None:
            result.errors.append(o.error)
            continue
        if o.skipped is not None or o.ctx is None:
            result.skipped.append((o.path, o.skipped or "not checked"))
            continue
        mine = [f for f in run_level if f.path == o.path]
        findings = o.findings + apply_suppressions(per_file_ignores(mine, cfg, o.path), o.directives)
        findings += unused_suppressions(o.directives, o.path, o.ctx.lang, rules)
        findings = severities(sorted(findings, key=Finding.sort_key), cfg)
        doc = o.ctx.document
        result.files.append(FileResult(o.path, doc.language, doc.language_source, doc.language_confidence,
                                       len(findings)))  # fmt: skip
        result.findings += findings
        result.sources[o.path] = o.source or ""
        result.fixed += o.fixes.applied
        result.unsafe_held += o.fixes.unsafe_held
        changes += o.new_bytes is not None
    result.findings.sort(key=Finding.sort_key)
    return changes


def _print_diffs(outcomes: list[Outcome], out: TextIO) -> None:
    import difflib

    for o in outcomes:
        if o.new_bytes is not None and o.original is not None and o.source is not None:
            diff = difflib.unified_diff(o.original.splitlines(keepends=True), o.source.splitlines(keepends=True),
                                        f"a/{o.path}", f"b/{o.path}")  # fmt: skip
            out.writelines(line if line.endswith(("\n", "\r")) else line + "\n" for line in diff)


def _write_fixes(outcomes: list[Outcome], result: RunResult) -> None:
    from pathlib import Path

    from .fileio import atomic_write

    for o in outcomes:
        if o.new_bytes is not None:
            try:
                atomic_write(Path(o.path), o.new_bytes)
            except OSError as exc:
                result.errors.append(SourceError(f"cannot write the fixed file: {exc.strerror or exc}", o.path))


def _exit_code(result: RunResult, opts: LintOptions, fail_level: str, changes: int) -> int:
    from .policy import fails

    if result.errors:
        return EXIT_ERROR
    if opts.exit_zero:
        return EXIT_OK
    if opts.diff and changes:
        return EXIT_FINDINGS
    return EXIT_FINDINGS if fails(result.findings, fail_level) else EXIT_OK


def _report(result: RunResult, opts: LintOptions, out: TextIO, err: TextIO) -> None:
    import click

    from .reports import render
    from .reports import text as text_report

    if not opts.diff:
        click.echo(render(opts.format, result), file=out, nl=False)  # click drops colour off a terminal
    if opts.statistics:
        click.echo(text_report.statistics(result), file=out, nl=False)
    for e in result.errors:
        click.echo(click.style("error: ", fg="red", bold=True) + str(e), file=err)
    if not opts.quiet:
        click.echo(text_report.summary(result, opts.fix, opts.unsafe_fixes), file=err, nl=False)


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
        "| code | name | default severity | on by default | fix | summary |",
        "|---|---|---|---|---|---|",
    ]
    parts += [
        f"| {r.code} | `{r.name}` | {r.severity.label} | {'yes' if r.enabled else 'no'} | {r.fix} | {r.summary} |"
        for r in RULES
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
            out.write(f"{r.code}  {r.name:<24} {r.severity.label:<8} {state:<4} fix: {r.fix:<10} {r.summary}\n")
        return EXIT_OK
    found = lookup(name)
    if not found:
        raise ConfigError(f"unknown rule {name!r}; `termcheck rules` lists them")
    for r in found:
        state = "on" if r.enabled else "off"
        out.write(f"{r.code} {r.name} ({r.severity.label}, {state} by default, fix: {r.fix})\n\n{r.doc}\n\n")
    return EXIT_OK
