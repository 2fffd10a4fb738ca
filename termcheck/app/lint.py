"""`termcheck lint`: a session's run checked, fixed or diffed, reported (streamed file by file where
nothing waits for the whole run), baselined; the exit code. And `termcheck baseline import`."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, BinaryIO, TextIO

from ..errors import ConfigError, SourceError
from . import EXIT_ERROR, EXIT_OK

if TYPE_CHECKING:
    from ..config import Config
    from ..progress import Progress
    from ..reports.model import RunResult
    from ..runner import Item, Outcome
    from .run import Run


@dataclass(frozen=True, kw_only=True)
class LintOptions:
    """`termcheck lint`'s options as given (None or empty: the configuration's)."""

    paths: list[str] = field(default_factory=list)
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


def lint_paths(opts: LintOptions, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """`termcheck lint`: check, suppress, fix, report; the exit code. With `-o FILE` the report goes to
    that file, which appears whole when the run ends (or not at all, if it fails)."""
    from ..reports import BINARY

    out, err = out or sys.stdout, err or sys.stderr
    target = opts.output_file if opts.output_file not in (None, "-") else None
    if opts.format in BINARY and target is None:
        if opts.output_file != "-":
            raise ConfigError(f"--format {opts.format} writes a workbook: give the file to write with -o FILE")
        stream = getattr(out, "buffer", None)  # `-o -`: the workbook's bytes on standard output
        if stream is None or out.isatty():
            raise ConfigError("a workbook is binary: give -o FILE, or pipe standard output to a file")
        code = _lint(opts, err, err, stream)  # any text (--statistics, --diff) to stderr
        stream.flush()
        return code
    if target is None:
        return _lint(opts, out, err, None)
    import io
    from pathlib import Path

    from ..fileio import atomic_write

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
    from ..progress import Progress, wanted
    from ..reports import USAGE
    from .run import Run, auto_jobs, exit_code, gather
    from .session import TermBaseProblems, open_session, print_problems

    try:
        session = open_session(
            config_path=opts.config, glossary=opts.glossary, select=opts.select, extend_select=opts.extend_select,
            ignore=opts.ignore, lang=opts.lang, source_lang=opts.source_lang, include_fuzzy=opts.include_fuzzy,
            check_source=opts.check_source, fix=opts.fix or opts.diff, unsafe_fixes=opts.unsafe_fixes,
            consistency_scope=opts.consistency_scope, usage=opts.format in USAGE, date=opts.date,
            fail_level=opts.fail_level, baseline=opts.baseline, use_cache=opts.cache,
        )  # fmt: skip
    except TermBaseProblems as exc:
        print_problems(exc, err)
        return EXIT_ERROR
    run = Run(session)
    result = run.result
    items, walk_errors, walk_skipped = gather(opts.paths, session.config, opts.stdin_filename)
    result.errors += walk_errors
    result.skipped += walk_skipped
    stdin_fixing = opts.fix and not opts.diff and any(i.data is not None for i in items)
    progress = Progress(len(items), err, wanted(err, opts.quiet))
    tracked = progress.track(run.check(items, opts.jobs or auto_jobs(items), "diff" if opts.diff else "write"))
    if _can_stream(opts, session.config, session.consistency_scope, items):
        return _lint_streamed(run, tracked, opts, session.fail_level, out, err, progress)
    outcomes = list(tracked)
    run.finish(outcomes)
    if stdin_fixing:  # ruff's habit: the fixed text on stdout, the report on stderr
        _write_fixed(out, items, outcomes)
        out = err
    if opts.write_baseline:
        from ..baseline import write_baseline

        count = write_baseline(opts.write_baseline, result.findings)
        print(f"Wrote {count} finding(s) to the baseline {opts.write_baseline}.", file=err)
        return EXIT_ERROR if result.errors else EXIT_OK
    if session.baseline:
        run.filter_baseline(session.baseline)
    if opts.diff:
        out.writelines(o.diff for o in outcomes if o.diff)
    _report(result, opts, out, err, binary=binary)
    return exit_code(result, session.fail_level, opts.exit_zero, run.changes if opts.diff else 0)


def _write_fixed(out: TextIO, items: list[Item], outcomes: list[Outcome]) -> None:
    """Standard input's fixed text on standard output, in the input's own encoding (a PO catalogue's
    charset, a BOM, CRLF), or as it came when nothing was fixed: `--fix` in a pipe never loses the text."""
    data = b"".join(o.fixed for o in outcomes if o.fixed is not None)
    data = data or b"".join(item.data for item in items if item.data is not None)
    buffer = getattr(out, "buffer", None)
    if buffer is None:
        out.write(data.decode("utf-8", "replace"))
        return
    out.flush()
    buffer.write(data)
    buffer.flush()


def _can_stream(opts: LintOptions, cfg: Config, scope: str, items: list[Item]) -> bool:
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
    run: Run,
    outcomes: Iterator[Outcome],
    opts: LintOptions,
    fail_level: str,
    out: TextIO,
    err: TextIO,
    progress: Progress | None = None,
) -> int:
    """`Run.finish`, `_report` and `exit_code` for a text or JSON report written file by file."""
    import contextlib

    import click

    from ..reports import text as text_report
    from .run import exit_code

    result = run.result
    result.streamed = True
    # JSON lists the files before the findings: these wait in a temporary file, not in memory.
    with contextlib.ExitStack() as stack:
        spool = None
        if opts.format == "json":
            import tempfile

            from ..reports import json as json_report

            spool = stack.enter_context(tempfile.TemporaryFile("w+", encoding="utf-8"))
        written = False  # a finding in the spool: the next is written after a comma
        for o in outcomes:
            findings = run.take(o)
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
    return exit_code(result, fail_level, opts.exit_zero)


def _report(result: RunResult, opts: LintOptions, out: TextIO, err: TextIO, findings_written: bool = False,
            binary: BinaryIO | None = None) -> None:  # fmt: skip
    import click

    from ..reports import BINARY, chunks, render_bytes
    from ..reports import text as text_report

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
    from ..baseline import add_to_baseline
    from ..config import load
    from ..reports.xlsx import false_positives

    err = err or sys.stderr
    target = baseline or load(config).baseline
    if not target:
        raise ConfigError("no baseline file: give --baseline FILE (or set `baseline` in the configuration)")
    entries = false_positives(reviewed)
    added, known = add_to_baseline(target, entries)
    print(f"{len(entries)} finding(s) marked false positive in {reviewed}: {added} added to {target}"
          + (f", {known} already there" if known else "") + ".", file=err)  # fmt: skip
    return EXIT_OK
