"""`termcheck compare`: two parallel documents, concept by concept."""

from __future__ import annotations

import sys
from typing import TextIO

from .. import __version__
from ..errors import TermcheckError
from ..languages import checked
from . import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK


def compare_files(path_a: str, path_b: str, lang_a: str | None, lang_b: str | None, fmt: str,
                  glossary_paths: list[str], config: str | None, out: TextIO | None = None,
                  err: TextIO | None = None) -> int:  # fmt: skip
    """`termcheck compare`: two parallel documents, concept by concept; the exit code."""
    import json

    from ..compare import compare, read, render_text
    from .session import TermBaseProblems, open_session, print_problems

    out, err = out or sys.stdout, err or sys.stderr
    try:
        session = open_session(config_path=config, glossary=glossary_paths, consistency_scope="file")
    except TermBaseProblems as exc:
        print_problems(exc, err)
        return EXIT_ERROR
    languages = session.glossary.languages
    lang_a = checked(lang_a, languages, "--lang-a") if lang_a else None
    lang_b = checked(lang_b, languages, "--lang-b") if lang_b else None
    texts = []
    for path in (path_a, path_b):
        try:
            texts.append(read(path, session.config.max_file_size))
        except TermcheckError as exc:
            print(f"error: {exc}", file=err)
            return EXIT_ERROR
    result = compare(path_a, texts[0], path_b, texts[1], lang_a, lang_b, session.index, session.settings,
                     session.resources)  # fmt: skip
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
