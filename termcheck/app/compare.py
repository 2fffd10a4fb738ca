"""`termcheck compare`: two parallel documents, concept by concept."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO

from .. import __version__
from ..errors import SourceError, TermcheckError
from ..languages import checked
from . import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK

if TYPE_CHECKING:
    from ..compare import Comparison

SCHEMA_VERSION = 1  # of the JSON report (docs/json.md); bumped only for a change that breaks a reader


@dataclass(frozen=True, kw_only=True)
class CompareOptions:
    """`termcheck compare`'s options as given (None or empty: the configuration's)."""

    path_a: str
    path_b: str
    lang_a: str | None = None
    lang_b: str | None = None
    format: str = "text"
    glossary: list[str] = field(default_factory=list)
    config: str | None = None
    output_file: str | None = None  # '-' or None: standard output
    quiet: bool = False
    exit_zero: bool = False
    fail_level: str | None = None


def compare_files(opts: CompareOptions, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """`termcheck compare`: two parallel documents, concept by concept; the exit code (as `lint`'s: 1 for
    findings at or above the fail level, 2 when a file cannot be read). With `-o FILE` the report goes
    to that file, whole, or not at all when the run fails."""
    from ..compare import compare, read
    from ..policy import fails
    from .session import TermBaseProblems, open_session, print_problems

    out, err = out or sys.stdout, err or sys.stderr
    try:
        session = open_session(config_path=opts.config, glossary=opts.glossary, consistency_scope="file",
                               fail_level=opts.fail_level)  # fmt: skip
    except TermBaseProblems as exc:
        print_problems(exc, err)
        return EXIT_ERROR
    languages = session.glossary.languages
    lang_a = checked(opts.lang_a, languages, "--lang-a") if opts.lang_a else None
    lang_b = checked(opts.lang_b, languages, "--lang-b") if opts.lang_b else None
    texts = []
    for path in (opts.path_a, opts.path_b):
        try:
            texts.append(read(path, session.config.max_file_size))
        except TermcheckError as exc:
            print(f"error: {exc}", file=err)
            return EXIT_ERROR
    result = compare(opts.path_a, texts[0], opts.path_b, texts[1], lang_a, lang_b, session.index, session.settings,
                     session.resources)  # fmt: skip
    warning = _warning(result)
    if warning:
        import click

        click.echo(click.style("warning: ", fg="yellow", bold=True) + warning, file=err)
    _write_report(result, opts, out)
    if not opts.quiet:
        missing = sum(f.rule == "missing-term" for f in result.findings)
        print(f"Found {len(result.findings)} findings ({missing} missing-term) in 2 files.", file=err)
    if opts.exit_zero:
        return EXIT_OK
    return EXIT_FINDINGS if fails(result.findings, session.fail_level) else EXIT_OK


def _warning(result: Comparison) -> str | None:
    """What makes the comparison pointless: one file twice, or two texts in one language."""
    import os

    from ..glossary.model import language_name

    a, b = result.a, result.b
    try:
        same = os.path.samefile(a.path, b.path)
    except OSError:
        same = False
    if same:
        return (f"{a.path} and {b.path} are the same file: compare is for a text and its translation "
                "(`termcheck lint` checks one text)")  # fmt: skip
    if a.language == b.language:
        return (f"{a.path} and {b.path} are both in {language_name(a.language)} ({a.language}): compare is for "
                "a text and its translation into another language (--lang-a and --lang-b give their "
                "languages)")  # fmt: skip
    return None


def _write_report(result: Comparison, opts: CompareOptions, out: TextIO) -> None:
    """The text or JSON report on standard output, or written whole to `opts.output_file`."""
    import json

    import click

    from ..compare import render_text

    if opts.format == "json":
        data = {"schema_version": SCHEMA_VERSION, "version": __version__, "compare": result.to_dict()}
        report = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    else:
        report = render_text(result)
    if opts.output_file in (None, "-"):
        click.echo(report, file=out, nl=False)  # click drops colour off a terminal
        return
    from pathlib import Path

    from ..fileio import atomic_write

    try:
        atomic_write(Path(opts.output_file), click.unstyle(report).encode("utf-8"))
    except OSError as exc:
        raise SourceError(f"cannot write the report: {exc.strerror or exc}", opts.output_file) from None
