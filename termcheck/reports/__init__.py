"""One small module per output format, all fed by the same RunResult, and the registry that maps a
format's name to its writer: a new report is a module and a line in `REPORTS`."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .model import RunResult


@dataclass(frozen=True)
class Report:
    """A report format: its writer (whose module is imported only when the format is asked for), and
    whether it is a binary file (written with -o, never to a terminal) or shows every rendering found
    (the run then counts them)."""

    name: str
    render: Callable[[RunResult], str]
    binary: bool = False
    usage: bool = False


def _text(result: RunResult) -> str:
    from . import text

    return text.render(result)


def _json(result: RunResult) -> str:
    from . import json

    return json.render(result)


def _sarif(result: RunResult) -> str:
    from . import sarif

    return sarif.render(result)


def _github(result: RunResult) -> str:
    from . import github

    return github.render(result)


def _html(result: RunResult) -> str:
    from . import html

    return html.render(result)


def _usage(result: RunResult) -> str:
    from .usage import as_json

    return as_json(result)


def _usage_csv(result: RunResult) -> str:
    from .usage import as_csv

    return as_csv(result)


def _not_text(result: RunResult) -> str:
    raise TypeError("a binary report: render_bytes")


REPORTS: tuple[Report, ...] = (
    Report("text", _text),
    Report("json", _json),
    Report("sarif", _sarif),
    Report("github", _github),
    Report("html", _html, usage=True),
    Report("xlsx", _not_text, binary=True, usage=True),
    Report("usage", _usage, usage=True),
    Report("usage-csv", _usage_csv, usage=True),
)
BY_NAME = {report.name: report for report in REPORTS}
FORMATS = tuple(BY_NAME)
BINARY = frozenset(r.name for r in REPORTS if r.binary)  # written to a file (-o), never to a terminal
USAGE = frozenset(r.name for r in REPORTS if r.usage)  # the formats that show every rendering found


def render_bytes(fmt: str, result: RunResult) -> bytes:
    """A binary report (the QA workbook)."""
    from . import xlsx

    return xlsx.render(result)


def render(fmt: str, result: RunResult) -> str:
    return BY_NAME[fmt].render(result)


def chunks(fmt: str, result: RunResult, size: int = 1 << 16) -> Iterator[str]:
    """The report in pieces of about `size` characters, so that a run with a hundred thousand findings
    never holds its whole report as one string (nor that string encoded) beside the findings."""
    pieces: Iterator[str]
    if fmt == "text":
        from .text import render_finding

        pieces = (render_finding(f) + "\n" for f in result.findings)
    elif fmt == "json":
        from . import json

        pieces = json.encoder().iterencode(json.data(result))
    else:
        pieces = iter([render(fmt, result)])
    buf: list[str] = []
    held = 0
    for piece in pieces:
        buf.append(piece)
        held += len(piece)
        if held >= size:
            yield "".join(buf)
            buf, held = [], 0
    if fmt == "json":
        buf.append("\n")
    if buf:
        yield "".join(buf)
