"""Use cases: each command's work, returning an exit code. The CLI only parses options."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, BinaryIO, TextIO

from . import __version__
from . import config as config_mod
from .errors import ConfigError, GlossaryError, SourceError, TermcheckError
from .findings import Finding, Severity

if TYPE_CHECKING:
    from .engine import RuleInfo
    from .glossary.index import GlossaryIndex
    from .glossary.model import TermBase
    from .pipeline import Analysed, Settings
    from .progress import Progress
    from .reports.model import RunResult
    from .runner import Item, Outcome

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
    stdin_filename: str | None = None
    check_source: bool = False
    include_fuzzy: bool = False
    source_lang: str | None = None
    consistency_scope: str | None = None
    output_file: str | None = None
    date: str | None = None  # when the texts were written (ISO 8601)


def split_list(values: tuple[str, ...] | list[str]) -> list[str]:
    """An option given as a comma-separated list, repeated, or both (ruff's habit): `--select
    TC101,TC105 --select TC106`."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def load_glossary(paths: list[str], err: TextIO, cache: bool = True) -> tuple[TermBase, GlossaryIndex] | None:
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
    """`termcheck lint`: check, suppress, fix, report; the exit code. With `-o FILE` the report goes to
    that file, which appears whole when the run ends (or not at all, if it fails)."""
    from .reports import BINARY

    out, err = out or sys.stdout, err or sys.stderr
    target = opts.output_file if opts.output_file not in (None, "-") else None
    if opts.format in BINARY and target is None:
        raise ConfigError(f"--format {opts.format} writes a workbook: give the file to write with -o FILE")
    if target is None:
        return _lint(opts, out, err, None)
    import io
    from pathlib import Path

    from .fileio import atomic_write

    code = EXIT_OK

    def write(handle: BinaryIO) -> None:
        nonlocal code
        text = io.TextIOWrapper(handle, encoding="utf-8", newline="")
        code = _lint(opts, text, err, handle)
        text.flush()
        text.detach()

    try:
        atomic_write(Path(target), write)
    except OSError as exc:
        raise SourceError(f"cannot write the report: {exc.strerror or exc}", target) from None
    return code


def _lint(opts: LintOptions, out: TextIO, err: TextIO, binary: BinaryIO | None) -> int:
    from .pipeline import Settings
    from .progress import Progress, wanted
    from .reports import USAGE
    from .reports.model import RunResult
    from .runner import iter_check_files
    from .sources.formats import ReadOptions

    cfg = config_mod.load(opts.config)
    rules = _rules(opts, cfg)
    fail_level = opts.fail_level or cfg.fail_level
    loaded = load_glossary(opts.glossary or list(cfg.glossary) or ["builtin"], err, opts.cache)
    if loaded is None:
        return EXIT_ERROR
    glossary, index = loaded
    if opts.lang:
        from .languages import checked

        opts.lang = checked(opts.lang, glossary.languages)
    if opts.source_lang:
        from .languages import checked

        opts.source_lang = checked(opts.source_lang, glossary.languages, "--source-lang")
    result = RunResult(__version__, glossary.sources, len(glossary.concepts), glossary.term_count)
    result.max_findings = cfg.max_findings_per_file
    items, walk_errors, walk_skipped = _items(opts, cfg)
    result.errors += walk_errors
    result.skipped += walk_skipped
    read_options = ReadOptions(opts.source_lang or cfg.source_language, opts.include_fuzzy)
    scope = opts.consistency_scope or cfg.consistency_scope
    settings = Settings(cfg, tuple(rules), opts.lang, opts.fix or opts.diff, opts.unsafe_fixes, opts.check_source,
                        read_options, run_facts=scope != "file", usage=opts.format in USAGE,
                        date=opts.date)  # fmt: skip
    stdin_fixing = opts.fix and not opts.diff and any(i.data is not None for i in items)
    output = "diff" if opts.diff else "write"
    jobs = opts.jobs or _auto_jobs(items)
    progress = Progress(len(items), err, wanted(err, opts.quiet))
    tracked = progress.track(iter_check_files(items, settings, index, jobs, output))
    if _can_stream(opts, cfg, scope, items):
        return _lint_streamed(result, tracked, settings, opts, fail_level, out, err, progress)
    outcomes = list(tracked)
    changes = _collect(result, outcomes, rules, settings, scope)
    if stdin_fixing:  # ruff's habit: the fixed text on stdout, the report on stderr
        out.write("".join(o.fixed for o in outcomes if o.fixed is not None) or _stdin_text(items))
        out = err
    if opts.write_baseline:
        from .policy import write_baseline

        count = write_baseline(opts.write_baseline, result.findings)
        print(f"Wrote {count} finding(s) to the baseline {opts.write_baseline}.", file=err)
        return EXIT_ERROR if result.errors else EXIT_OK
    baseline = opts.baseline or cfg.baseline
    if baseline:
        from .policy import filter_baseline, read_baseline

        before = len(result.findings)
        result.findings = filter_baseline(result.findings, read_baseline(baseline))
        result.baselined = before - len(result.findings)
    if opts.diff:
        out.writelines(o.diff for o in outcomes if o.diff)
    _report(result, opts, out, err, binary=binary)
    return _exit_code(result, opts, fail_level, changes)


def _items(opts: LintOptions, cfg: config_mod.Config) -> tuple[list[Item], list[SourceError], list[tuple[str, str]]]:
    """The files to check; `-` is standard input, named by --stdin-filename."""
    from pathlib import Path

    from .runner import STDIN, Item
    from .sources.walk import walk

    items: list[Item] = []
    errors: list[SourceError] = []
    skipped: list[tuple[str, str]] = []
    for group in [opts.paths] if STDIN not in opts.paths else [[spec] for spec in opts.paths]:
        if group == [STDIN]:
            label = opts.stdin_filename or STDIN
            try:
                data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode("utf-8")
            except OSError as exc:
                errors.append(SourceError(f"cannot read standard input: {exc.strerror or exc}", label))
                continue
            items.append(Item(None, label, data))
            continue
        found = walk(group, cfg)
        items += [Item(Path(p), label) for p, label in found.files]
        errors += found.errors
        skipped += found.skipped
    return items, errors, skipped


# Below this much text, worker processes cost more to start than they save (measured: two seed
# articles took 0.37 s in two processes and 0.30 s in one; 10 MB took 6.4 s and 3.9 s).
PARALLEL_FROM_BYTES = 1_000_000


def _auto_jobs(items: list[Item]) -> int:
    """The number of processes when --jobs is not given: one per core, once there is enough to share."""
    import contextlib
    import os

    total = 0
    for item in items:
        if item.data is not None:
            total += len(item.data)
        elif item.path is not None:
            with contextlib.suppress(OSError):
                total += item.path.stat().st_size
        if total >= PARALLEL_FROM_BYTES:
            return os.cpu_count() or 1
    return 1


def _stdin_text(items: list[Item]) -> str:
    """Standard input as it came (nothing to fix), so `--fix` in a pipe never loses the text."""
    from .sources.text import BinaryFile, decode

    for item in items:
        if item.data is not None:
            try:
                return decode(item.data, item.label).text
            except (BinaryFile, SourceError):
                return item.data.decode("utf-8", "replace")
    return ""


def _consistency_groups(done: list[Analysed], scope: str) -> list[list[Analysed]]:
    """The sets of files compared with each other: none (file), each folder's files, or the whole run."""
    if scope == "file":
        return []
    if scope == "run":
        return [done]
    groups: dict[str, list[Analysed]] = {}
    for a in done:
        groups.setdefault(a.path.rpartition("/")[0], []).append(a)
    return list(groups.values())


def _collect(
    result: RunResult, outcomes: list[Outcome], rules: list[RuleInfo], settings: Settings, scope: str = "file"
) -> int:
    """Gather the outcomes into `result` with their run-level findings, each file's findings final;
    the number of files a fix changes."""
    done = [o.analysed for o in outcomes if o.analysed is not None]
    run_level: list[Finding] = []
    for group in _consistency_groups(done, scope):
        for rule in rules:
            if rule.check_run is not None:
                run_level += rule.check_run([(a.path, a.facts.get(rule.name, [])) for a in group], rule)
    changes = 0
    for o in outcomes:
        result.findings += _take(result, o, run_level, settings)
        changes += o.changed
    result.findings.sort(key=Finding.sort_key)
    return changes


def _take(result: RunResult, o: Outcome, run_level: list[Finding], settings: Settings) -> list[Finding]:
    """Record one file's outcome in `result` (its error, skip, file entry and fixes); its final findings,
    with its share of the run-level ones."""
    from .pipeline import finalize
    from .reports.model import FileResult

    if o.error is not None:
        result.errors.append(o.error)
    if o.skipped is not None:
        result.skipped.append((o.path, o.skipped))
    result.fixed += o.fixes.applied
    result.unsafe_held += o.fixes.unsafe_held
    a = o.analysed
    if a is None:
        return []
    findings = finalize(a, [f for f in run_level if f.path == a.path], settings)
    not_shown = sum(a.not_shown.values())
    result.add_not_shown(a.path, a.not_shown)
    result.files.append(FileResult(a.path, a.language, a.language_source, a.language_confidence,
                                   len(findings) + not_shown, a.format, a.segments, a.languages, dict(a.counts),
                                   tuple(a.usage), not_shown))  # fmt: skip
    return findings


def _can_stream(opts: LintOptions, cfg: config_mod.Config, scope: str, items: list[Item]) -> bool:
    """Whether the text or JSON report can be written file by file as the files are checked, so that a
    large run never holds all its findings: nothing waits for the whole run (no fix, diff, baseline or
    statistics table, no consistency across files) and the files come in the order the report sorts
    them by."""
    if opts.format not in ("text", "json") or opts.fix or opts.diff or opts.statistics or scope != "file":
        return False
    if opts.baseline or opts.write_baseline or cfg.baseline:
        return False
    labels = [item.label for item in items]
    return labels == sorted(labels)


def _lint_streamed(
    result: RunResult, outcomes: Iterator[Outcome], settings: Settings, opts: LintOptions, fail_level: str,
    out: TextIO, err: TextIO, progress: Progress | None = None,
) -> int:  # fmt: skip
    """`_collect`, `_report` and `_exit_code` for a text or JSON report written file by file."""
    import contextlib

    import click

    from .reports import json as json_report
    from .reports import text as text_report

    result.streamed = True
    # JSON lists the files before the findings: these wait in a temporary file, not in memory.
    with contextlib.ExitStack() as stack:
        spool = None
        if opts.format == "json":
            import tempfile

            spool = stack.enter_context(tempfile.TemporaryFile("w+", encoding="utf-8"))
        written = False  # a finding in the spool: the next is written after a comma
        for o in outcomes:
            findings = _take(result, o, [], settings)
            if spool is not None:
                spool.write("".join((",\n" if i or written else "") + json_report.finding_text(f)
                                    for i, f in enumerate(findings)))  # fmt: skip
                written = written or bool(findings)
            elif findings:
                if progress is not None:
                    progress.clear()  # the findings and the bar may share the terminal
                click.echo("".join(text_report.render_finding(f) + "\n" for f in findings), file=out, nl=False)
                if progress is not None:
                    progress.redraw()
            result.count(findings)
        if spool is not None:
            spool.seek(0)
            for piece in json_report.spooled_chunks(result, spool):
                click.echo(piece, file=out, nl=False)
    _report(result, opts, out, err, findings_written=True)
    return _exit_code(result, opts, fail_level, 0)


def _exit_code(result: RunResult, opts: LintOptions, fail_level: str, changes: int) -> int:
    from .policy import fails

    if result.errors:
        return EXIT_ERROR
    if opts.exit_zero:
        return EXIT_OK
    if opts.diff and changes:
        return EXIT_FINDINGS
    threshold = Severity.parse(fail_level)
    if result.streamed:
        return EXIT_FINDINGS if any(s >= threshold for s in result.severities) else EXIT_OK
    not_shown = any(s >= threshold for _code, _rule, s in result.not_shown_by_rule)
    return EXIT_FINDINGS if not_shown or fails(result.findings, fail_level) else EXIT_OK


def _report(result: RunResult, opts: LintOptions, out: TextIO, err: TextIO, findings_written: bool = False,
            binary: BinaryIO | None = None) -> None:  # fmt: skip
    import click

    from .reports import BINARY, chunks, render_bytes
    from .reports import text as text_report

    if opts.format in BINARY and binary is not None and not opts.diff:
        out.flush()
        binary.write(render_bytes(opts.format, result))
    elif not (opts.diff or findings_written or (opts.statistics and opts.format == "text")):
        for piece in chunks(opts.format, result):
            click.echo(piece, file=out, nl=False)  # click drops colour off a terminal
    if opts.statistics:
        click.echo(text_report.statistics(result), file=out, nl=False)
    for e in result.errors:
        click.echo(click.style("error: ", fg="red", bold=True) + text_report.printable(str(e)), file=err)
    for path, n in sorted(result.not_shown.items()):  # in path order, as the findings
        click.echo(f"note: {text_report.printable(path)}: {n:,} more finding{'s' * (n != 1)} not shown "
                   f"(max-findings-per-file = {result.max_findings})", file=err)  # fmt: skip
    if not opts.quiet:
        shown = opts.format == "text" and opts.output_file in (None, "-") and not opts.diff
        click.echo(text_report.summary(result, opts.fix, opts.unsafe_fixes, shown, opts.diff,
                                       breakdown=not opts.statistics), file=err, nl=False)  # fmt: skip


def import_baseline(reviewed: str, baseline: str | None, config: str | None, err: TextIO | None = None) -> int:
    """`termcheck baseline import`: the findings a reviewer marked false positive in a QA workbook
    become baseline entries, so later runs no longer report them."""
    from .policy import add_to_baseline
    from .reports.xlsx import false_positives

    err = err or sys.stderr
    target = baseline or config_mod.load(config).baseline
    if not target:
        raise ConfigError("no baseline file: give --baseline FILE (or set `baseline` in the configuration)")
    entries = false_positives(reviewed)
    added, known = add_to_baseline(target, entries)
    print(f"{len(entries)} finding(s) marked false positive in {reviewed}: {added} added to {target}"
          + (f", {known} already there" if known else "") + ".", file=err)  # fmt: skip
    return EXIT_OK


def check_glossary(paths: list[str], out: TextIO | None = None, err: TextIO | None = None, fmt: str = "text",
                   ignore: tuple[str, ...] = ()) -> int:  # fmt: skip
    out, err = out or sys.stdout, err or sys.stderr
    from .glossary.check import check

    return check(paths or ["builtin"], out, err, fmt, ignore)


def run_safely(func: Callable[[], int], err: TextIO | None = None) -> int:
    """The one top-level error handler: expected errors print one line and exit 2, bugs exit 3."""
    err = err or sys.stderr
    try:
        return func()
    except (TermcheckError, GlossaryError) as exc:
        from .reports.text import printable  # a file's name may hold control characters

        print(f"error: {printable(str(exc))}", file=err)
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
        damaged = _damaged_cache(exc)
        if damaged:
            print(f"error: {damaged[0]}: the compiled term base in the cache is damaged ({type(exc).__name__}: {exc}); "
                  "it was removed, and the next run compiles it again", file=err)  # fmt: skip
            return EXIT_ERROR
        print(
            f"termcheck {__version__}: internal error: {type(exc).__name__}: {exc}. This is a bug in "
            "termcheck: please report it with the command you ran (TERMCHECK_DEBUG=1 shows the traceback).",
            file=err,
        )
        return EXIT_INTERNAL


def _damaged_cache(exc: BaseException) -> list[str]:
    """The cache files behind a failed run, when they were damaged (removed): not a bug of termcheck.
    Looked at only when the error came from reading the compiled term base (a frame of termcheck's
    glossary package, in this process or a worker's): the check compiles the term base again."""
    import os
    import traceback

    if "termcheck.glossary.cache" not in sys.modules:
        return []
    where = f"{os.sep}termcheck{os.sep}glossary{os.sep}"
    if not any(where in line for line in traceback.format_exception(exc)):
        return []
    try:
        from .glossary.cache import discard_damaged

        return [str(path) for path in discard_damaged()]
    except Exception:  # the original error is the one to report
        return []


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


def compare_files(path_a: str, path_b: str, lang_a: str | None, lang_b: str | None, fmt: str,
                  glossary_paths: list[str], config: str | None, out: TextIO | None = None,
                  err: TextIO | None = None) -> int:  # fmt: skip
    """`termcheck compare`: two parallel documents, concept by concept; the exit code."""
    import json

    from .compare import compare, read, render_text
    from .languages import checked
    from .pipeline import Settings
    from .resources import Resources
    from .rules import select

    out, err = out or sys.stdout, err or sys.stderr
    cfg = config_mod.load(config)
    loaded = load_glossary(glossary_paths or list(cfg.glossary) or ["builtin"], err)
    if loaded is None:
        return EXIT_ERROR
    glossary, index = loaded
    lang_a = checked(lang_a, glossary.languages, "--lang-a") if lang_a else None
    lang_b = checked(lang_b, glossary.languages, "--lang-b") if lang_b else None
    texts = []
    for path in (path_a, path_b):
        try:
            texts.append(read(path, cfg.max_file_size))
        except TermcheckError as exc:
            print(f"error: {exc}", file=err)
            return EXIT_ERROR
    settings = Settings(cfg, tuple(select()), run_facts=False)
    result = compare(path_a, texts[0], path_b, texts[1], lang_a, lang_b, index, settings, Resources.for_index(index))
    if fmt == "json":
        out.write(
            json.dumps({"version": __version__, "compare": result.to_dict()}, ensure_ascii=False, indent=2) + "\n"
        )
    else:
        import click

        click.echo(render_text(result), file=out, nl=False)  # click drops colour off a terminal
    missing = sum(f.rule == "missing-term" for f in result.findings)
    print(f"Found {len(result.findings)} findings ({missing} missing-term) in 2 files.", file=err)
    return EXIT_FINDINGS if result.findings else EXIT_OK
