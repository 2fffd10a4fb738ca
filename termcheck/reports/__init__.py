"""One small module per output format, all fed by the same RunResult."""

from __future__ import annotations

from collections.abc import Iterator

from .model import RunResult

FORMATS = ("text", "json", "sarif", "github", "html", "xlsx", "usage", "usage-csv")
BINARY = frozenset({"xlsx"})  # written to a file (-o), never to a terminal
USAGE = frozenset({"html", "xlsx", "usage", "usage-csv"})  # the formats that show every rendering found


def render_bytes(fmt: str, result: RunResult) -> bytes:
    from . import xlsx

    return xlsx.render(result)


def render(fmt: str, result: RunResult) -> str:
    if fmt == "html":
        from . import html

        return html.render(result)
    if fmt in ("usage", "usage-csv"):
        from ..usage import as_csv, as_json

        return as_json(result) if fmt == "usage" else as_csv(result)
    if fmt == "json":
        from . import json

        return json.render(result)
    if fmt == "sarif":
        from . import sarif

        return sarif.render(result)
    if fmt == "github":
        from . import github

        return github.render(result)
    from . import text

    return text.render(result)


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
