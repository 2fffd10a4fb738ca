"""`--format github`: GitHub Actions workflow commands, shown as annotations on the pull request."""

from __future__ import annotations

from ..findings import Severity
from .model import RunResult
from .text import printable

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(text: str) -> str:
    """GitHub's escapes (a line break is one), then the other control characters `printable` escaped: none
    reaches the log raw."""
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(result: RunResult) -> str:
    lines = []
    for f in result.findings:
        props = (
            f"file={_escape_property(f.path)},line={f.span.line},col={f.span.column},"
            f"endLine={f.span.end_line},endColumn={f.span.end_column},title={_escape_property(f'{f.code} {f.rule}')}"
        )
        message = "\n".join((f"{f.code} {f.message}", *f.notes))
        lines.append(f"::{_LEVEL[f.severity]} {props}::{_escape_data(message)}")
    for e in result.errors:
        lines.append(f"::error file={_escape_property(e.path or '')}::{_escape_data(e.message)}")
    return "".join(line + "\n" for line in lines)
