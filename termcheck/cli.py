"""The command line: options are parsed here; the work is in the use cases of `app/`."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from . import __version__, app
from .reports import FORMATS

F = TypeVar("F", bound=Callable[..., Any])


class _Group(click.Group):
    """A group whose command list shows each command's whole one-line summary (the first sentence of its
    help), wrapped to the terminal rather than cut short with '...' as click does."""

    group_class = type  # its subgroups (glossary, baseline) list their commands the same way

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is not None and not cmd.hidden:
                rows.append((name, cmd.get_short_help_str(limit=sys.maxsize)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="termcheck")
def cli() -> None:
    """termcheck: check texts against a multilingual term base."""


def _colour(choice: str) -> bool | None:
    """--color always/never, else NO_COLOR (no colour) and FORCE_COLOR (colour even into a pipe), as
    set in the environment (https://no-color.org, https://force-color.org); else colour on terminals."""
    import os

    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return None


def _date_option(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    from .dates import iso_date

    if value is not None and iso_date(value) != value:
        raise click.BadParameter(f"'{value}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return value


def _exit_options(command: F) -> F:
    """The options `lint` and `compare` share: the fail level, --exit-zero, --quiet."""
    command = click.option("--quiet", "-q", is_flag=True, help="No summary on stderr.")(command)
    command = click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")(command)
    return click.option(
        "--fail-level",
        type=click.Choice(["error", "warning", "info"]),
        help="Lowest severity that makes the run fail (default: warning, or the configuration's).",
    )(command)


@cli.command("lint")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--glossary",
    "-g",
    "glossary",
    multiple=True,
    metavar="PATH",
    help="Term base file or directory (repeatable); 'builtin' names the shipped one. Default: builtin.",
)
@click.option("--lang", "-l", metavar="TAG", help="Language of the texts (BCP 47), instead of identifying it.")
@click.option(
    "--select",
    multiple=True,
    metavar="RULES",
    help="Run only these rules (codes, names or code prefixes; comma-separated or repeated).",
)
@click.option("--extend-select", multiple=True, metavar="RULES", help="Run these rules as well as the default ones.")
@click.option("--ignore", multiple=True, metavar="RULES", help="Do not run these rules.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Report format: html (one self-contained page), xlsx (a QA workbook, with -o), usage / "
    "usage-csv (every rendering found, per file), or a linter's (text, json, sarif, github).",
)
@click.option("--output-file", "-o", metavar="FILE", help="Write the report to FILE instead of standard output.")
@click.option("--fix", is_flag=True, help="Apply safe fixes to the files.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff: apply unsafe fixes too.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff instead of writing them.")
@click.option("--baseline", metavar="FILE", help="Report only findings not recorded in this baseline.")
@click.option("--write-baseline", metavar="FILE", help="Record today's findings in a baseline file.")
@_exit_options
@click.option("--statistics", is_flag=True, help="Print the number of findings per rule.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=0),
    default=0,
    metavar="N",
    help="Check files in N processes (default 0: one per core once the files hold 1 MB or more).",
)
@click.option("--no-cache", is_flag=True, help="Compile the term base afresh instead of using the cache.")
@click.option(
    "--stdin-filename", metavar="NAME", help="The name standard input (`-`) goes by, for its format and config."
)
@click.option(
    "--check-source", is_flag=True, help="Bilingual files: check the source texts too, in the source language."
)
@click.option("--include-fuzzy", is_flag=True, help="Bilingual files: check fuzzy (needs-review) translations too.")
@click.option(
    "--source-lang",
    metavar="TAG",
    help="Bilingual files: the source language where the file does not say (default: en).",
)
@click.option(
    "--consistency-scope",
    type=click.Choice(["file", "directory", "run"]),
    help="Compare renderings within each file (default), with the files of its folder, or across the run.",
)
@click.option(
    "--date",
    metavar="DATE",
    callback=_date_option,
    help="When the texts were written (YYYY, YYYY-MM or YYYY-MM-DD): a name renamed after it is the name of its time. "
    "Default: each file's own date (front matter, HTML meta, a 'termcheck: date' comment), else today.",
)
@click.option("--config", metavar="PATH", help="Configuration file instead of the nearest one.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True)
def lint_cmd(paths: tuple[str, ...], glossary: tuple[str, ...], lang: str | None, select: tuple[str, ...],
             extend_select: tuple[str, ...], ignore: tuple[str, ...], fmt: str, fix: bool, unsafe_fixes: bool,
             diff: bool, baseline: str | None, write_baseline: str | None, fail_level: str | None,
             exit_zero: bool, quiet: bool, statistics: bool, jobs: int, no_cache: bool, stdin_filename: str | None,
             check_source: bool, include_fuzzy: bool, source_lang: str | None, consistency_scope: str | None,
             date: str | None, config: str | None, color: str, output_file: str | None) -> None:  # fmt: skip
    """Check texts (files or directories; `-` reads standard input) against the term base."""
    ctx = click.get_current_context()
    ctx.color = _colour(color)
    from .app.lint import LintOptions, lint_paths

    opts = LintOptions(
        paths=list(paths), glossary=list(glossary), lang=lang, select=app.split_list(select) or None,
        extend_select=app.split_list(extend_select), ignore=app.split_list(ignore), format=fmt, exit_zero=exit_zero,
        config=config, fail_level=fail_level, fix=fix, unsafe_fixes=unsafe_fixes, diff=diff, baseline=baseline,
        write_baseline=write_baseline, quiet=quiet, statistics=statistics, jobs=jobs, cache=not no_cache,
        stdin_filename=stdin_filename, check_source=check_source, include_fuzzy=include_fuzzy,
        source_lang=source_lang, consistency_scope=consistency_scope, output_file=output_file, date=date,
    )  # fmt: skip
    sys.exit(app.run_safely(lambda: lint_paths(opts)))


@cli.command("compare")
@click.argument("file_a")
@click.argument("file_b")
@click.option("--lang-a", metavar="TAG", help="Language of FILE_A, instead of identifying it.")
@click.option("--lang-b", metavar="TAG", help="Language of FILE_B, instead of identifying it.")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="text, or json (docs/json.md).",
)  # fmt: skip
@click.option("--output-file", "-o", metavar="FILE", help="Write the report to FILE instead of standard output.")
@_exit_options
@click.option("--glossary", "-g", multiple=True, metavar="PATH", help="Term base file or folder (repeatable).")
@click.option("--config", metavar="PATH", help="Configuration file instead of the nearest one.")
def compare_cmd(file_a: str, file_b: str, lang_a: str | None, lang_b: str | None, fmt: str, output_file: str | None,
                fail_level: str | None, exit_zero: bool, quiet: bool, glossary: tuple[str, ...],
                config: str | None) -> None:  # fmt: skip
    """Compare two parallel documents in different languages, concept by concept: paragraphs aligned,
    each concept's renderings on both sides, and the concepts one side lacks (missing-term)."""
    from .app.compare import CompareOptions, compare_files

    opts = CompareOptions(path_a=file_a, path_b=file_b, lang_a=lang_a, lang_b=lang_b, format=fmt,
                          glossary=list(glossary), config=config, output_file=output_file, quiet=quiet,
                          exit_zero=exit_zero, fail_level=fail_level)  # fmt: skip
    sys.exit(app.run_safely(lambda: compare_files(opts)))


@cli.group("glossary")
def glossary_group() -> None:
    """Work with term base files."""


@glossary_group.command("check")
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option(
    "--ignore",
    multiple=True,
    metavar="CODE",
    help="Warnings not to report: missing-source, missing-gender, ordinary-word, likely-duplicate.",
)
def glossary_check(paths: tuple[str, ...], fmt: str, ignore: tuple[str, ...]) -> None:
    """Validate term base files (default: the shipped one), run the term-base QA and the examples."""
    from .app import glossary as commands

    sys.exit(app.run_safely(lambda: commands.check(list(paths), fmt=fmt, ignore=tuple(app.split_list(ignore)))))


@glossary_group.command("diff")
@click.argument("revisions", nargs=-1, metavar="[REV | OLD NEW]")
@click.option(
    "--glossary",
    "-g",
    "folder",
    metavar="PATH",
    help="The term base folder (default: ./glossary, else the shipped one).",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def glossary_diff(revisions: tuple[str, ...], folder: str | None, fmt: str) -> None:
    """What changed in the term base: since a git revision (default HEAD), or between two folders."""
    from .glossary.diff import command

    sys.exit(app.run_safely(lambda: command(list(revisions), folder, fmt, sys.stdout, sys.stderr)))


@glossary_group.command("export")
@click.option("--format", "fmt", type=click.Choice(["xlsx", "tbx", "csv", "po", "html"]), required=True)
@click.option("--output", "-o", required=True, metavar="FILE", help="The file to write ('-': standard output).")
@click.option(
    "--lang", "langs", multiple=True, metavar="TAGS", help="Only these languages (comma-separated or repeated)."
)
@click.option("--source", metavar="TAG", help="PO: the source language (msgid).")
@click.option("--target", metavar="TAG", help="PO: the target language (msgstr).")
@click.option("--glossary", "-g", "glossary", multiple=True, metavar="PATH", help="Term base (default: builtin).")
@click.option("--since", metavar="REV", help="xlsx: a Changes sheet first, with what changed since this git revision.")
def glossary_export(fmt: str, output: str, langs: tuple[str, ...], source: str | None, target: str | None,
                    glossary: tuple[str, ...], since: str | None) -> None:  # fmt: skip
    """Export the term base for translators and other tools (Excel, TBX-Basic, CSV, PO), or as a page for
    editors to search in a browser (HTML)."""
    from .app import glossary as commands

    sys.exit(app.run_safely(lambda: commands.export(list(glossary), fmt, output, app.split_list(langs), source,
                                                    target, since=since)))  # fmt: skip


@glossary_group.command("import")
@click.argument("file")
@click.option("--output", "-o", required=True, metavar="DIR", help="The YAML term base to update.")
@click.option("--diff", is_flag=True, help="Show what would change, without writing.")
@click.option("--source-lang", metavar="TAG", help="A bilingual CSV's source language (default: en).")
@click.option("--target-lang", metavar="TAG", help="A bilingual CSV's target language (default: from its name).")
@click.option(
    "--schema", metavar="RNG", help="TBX: check the file against this RELAX NG schema (needs termcheck[schema])."
)
def glossary_import(file: str, output: str, diff: bool, source_lang: str | None, target_lang: str | None,
                    schema: str | None) -> None:  # fmt: skip
    """Update the YAML term base from a workbook, a CSV or a TBX file: termcheck's own layouts, TBX from
    other tools, Weblate's and Lokalize's bilingual CSV, a sheet with a column per language."""
    from .app import glossary as commands

    sys.exit(app.run_safely(lambda: commands.import_(file, output, diff, source=source_lang, target=target_lang,
                                                     schema=schema)))  # fmt: skip


@glossary_group.command("candidates")
@click.argument("paths", nargs=-1, required=True)
@click.option("--glossary", "-g", "glossary", multiple=True, metavar="PATH", help="Term base (default: builtin).")
@click.option("--lang", "-l", metavar="TAG", help="Language of the texts (BCP 47), instead of identifying it.")
@click.option("--source-lang", metavar="TAG", help="Bilingual files: the source language where the file does not say.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "xlsx"]),
    default="text",
    show_default=True,
    help="text (a list by kind), json (docs/json.md) or xlsx (a review workbook for `glossary import`, with -o).",
)
@click.option("--output", "-o", metavar="FILE", help="Write the report to FILE instead of standard output.")
@click.option(
    "--min-count",
    type=click.IntRange(min=1),
    default=3,
    show_default=True,
    help="A new concept named in one file only must be named this often.",
)
@click.option("--limit", type=click.IntRange(min=1), metavar="N", help="Only the N best candidates.")
@click.option("--config", metavar="PATH", help="Configuration file instead of the nearest one.")
def glossary_candidates(paths: tuple[str, ...], glossary: tuple[str, ...], lang: str | None, source_lang: str | None,
                        fmt: str, output: str | None, min_count: int, limit: int | None,
                        config: str | None) -> None:  # fmt: skip
    """Propose term base additions from texts: variants of known concepts and recurring names and
    acronyms no concept has, grouped across languages and ranked, for a terminologist to review."""
    from .app import glossary as commands

    sys.exit(app.run_safely(lambda: commands.candidates(list(paths), list(glossary), lang, config, fmt, output,
                                                        min_count, limit, source_lang)))  # fmt: skip


@glossary_group.command("show")
@click.argument("concept_or_term")
@click.option("--glossary", "-g", "glossary", multiple=True, metavar="PATH", help="Term base (default: builtin).")
def glossary_show(concept_or_term: str, glossary: tuple[str, ...]) -> None:
    """Print a concept in every language: by its id or any of its terms, inflected forms included."""
    from .app import glossary as commands

    sys.exit(app.run_safely(lambda: commands.show(concept_or_term, list(glossary))))


@glossary_group.command("search")
@click.argument("text")
@click.option("--glossary", "-g", "glossary", multiple=True, metavar="PATH", help="Term base (default: builtin).")
def glossary_search(text: str, glossary: tuple[str, ...]) -> None:
    """Find concepts by any rendering (case- and accent-insensitive, fuzzy)."""
    from .app import glossary as commands

    sys.exit(app.run_safely(lambda: commands.search(text, list(glossary))))


@cli.command("server")
def server_cmd() -> None:
    """Serve the Language Server Protocol over stdio, for editors (needs termcheck[lsp]; docs/editors.md)."""
    try:
        from . import server
    except ImportError as exc:
        click.echo(f"error: termcheck server needs the lsp extra: pip install 'termcheck[lsp]' ({exc})", err=True)
        sys.exit(app.EXIT_ERROR)
    sys.exit(server.main())


@cli.group("baseline")
def baseline_group() -> None:
    """Baselines: findings recorded so that later runs report only new ones."""


@baseline_group.command("import")
@click.argument("reviewed")
@click.option(
    "--baseline", metavar="FILE", help="The baseline to add to (made if missing). Default: the configuration's."
)
@click.option("--config", metavar="PATH", help="Configuration file instead of the nearest one.")
def baseline_import_cmd(reviewed: str, baseline: str | None, config: str | None) -> None:
    """Add the findings marked 'false positive' in a reviewed QA workbook (`lint --format xlsx`) to a baseline."""
    from .app.lint import import_baseline

    sys.exit(app.run_safely(lambda: import_baseline(reviewed, baseline, config)))


@cli.command("rules")
@click.argument("name", required=False)
@click.option("--markdown", is_flag=True, help="Print docs/rules.md (all rules' documentation).")
def rules_cmd(name: str | None, markdown: bool) -> None:
    """List the rules, or print one rule's documentation (by code or name)."""
    from .app.rules import show_rules

    sys.exit(app.run_safely(lambda: show_rules(name, markdown)))


def main(argv: list[str] | None = None) -> int:
    try:
        cli.main(args=argv, prog_name="termcheck", standalone_mode=True)
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
