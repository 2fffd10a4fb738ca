"""Use cases: each command's work, returning an exit code; the CLI only parses options.

    session.py   the configuration, rules, term base and settings of a run, built once by keyword
    run.py       a session over files: per-file results, the run-level stage, the run's result
    lint.py      `termcheck lint` (and `baseline import`): a run reported, fixed or baselined
    compare.py   `termcheck compare`
    glossary.py  the `termcheck glossary` commands: check, export, import, show, search, candidates
    rules.py     `termcheck rules`

This module holds the exit codes and the one top-level error handler.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TextIO

from .. import __version__
from ..errors import GlossaryError, TermcheckError

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERNAL = 0, 1, 2, 3


def split_list(values: tuple[str, ...] | list[str]) -> list[str]:
    """An option given as a comma-separated list, repeated, or both (ruff's habit): `--select
    TC101,TC105 --select TC106`."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def run_safely(func: Callable[[], int], err: TextIO | None = None) -> int:
    """The one top-level error handler: expected errors print one line and exit 2, bugs exit 3."""
    err = err or sys.stderr
    try:
        return func()
    except (TermcheckError, GlossaryError) as exc:
        from ..reports.text import printable  # a file's name may hold control characters

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
        from ..glossary.cache import discard_damaged

        return [str(path) for path in discard_damaged()]
    except Exception:  # the original error is the one to report
        return []
