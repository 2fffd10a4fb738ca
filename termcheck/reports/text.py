"""The default report: `path:line:col: CODE rule message`, the source line with a caret, a summary."""

from __future__ import annotations

import re
from collections import Counter

import click

from ..findings import Finding, Severity
from .model import RunResult

CONTEXT = 60
_LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")
_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def _excerpt(lines: list[str], f: Finding) -> tuple[str, int, int]:
    """The finding's line, cut to a window around the match: (text, caret column, caret width)."""
    line = lines[f.span.line - 1] if f.span.line <= len(lines) else ""
    start = f.span.column - 1
    width = (f.span.end_column - 1 - start) if f.span.end_line == f.span.line else len(line) - start
    lo, hi = max(0, start - CONTEXT), min(len(line), start + max(width, 1) + CONTEXT)
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(line) else ""
    return prefix + line[lo:hi] + suffix, start - lo + len(prefix), max(1, width)


def render_finding(f: Finding, lines: list[str] | None) -> str:
    head = (
        f"{click.style(f.path, bold=True)}:{f.span.line}:{f.span.column}: "
        f"{click.style(f.code, fg=_COLOURS[f.severity], bold=True)} {f.rule} {f.message}"
    )
    if lines is None:
        return head
    text, col, width = _excerpt(lines, f)
    text = text.replace("\t", " ")
    return f"{head}\n    {text}\n    {' ' * col}{click.style('^' * width, fg=_COLOURS[f.severity])}"


def render(result: RunResult) -> str:
    lines: dict[str, list[str]] = {}
    out = []
    for f in result.findings:
        if f.path not in lines and f.path in result.sources:
            lines[f.path] = _LINE_BREAK_RE.split(result.sources[f.path])
        out.append(render_finding(f, lines.get(f.path)) + "\n")
    return "".join(out)


def summary(result: RunResult) -> str:
    lines = []
    for e in result.errors:
        lines.append(click.style("error: ", fg="red", bold=True) + str(e))
    for path, reason in result.skipped:
        lines.append(f"note: {path}: skipped: {reason}")
    n = len(result.findings)
    with_findings = len({f.path for f in result.findings})
    lines.append(
        f"Found {n} finding{'s' * (n != 1)} in {with_findings} of {len(result.files)} "
        f"file{'s' * (len(result.files) != 1)}"
        + (f"; {len(result.errors)} could not be checked" if result.errors else "")
        + "."
    )
    if n:
        by_rule = Counter((f.code, f.rule) for f in result.findings)
        lines.append("By rule:")
        lines += [f"  {code} {rule:<24} {count:>5}" for (code, rule), count in sorted(by_rule.items())]
        by_file = Counter(f.path for f in result.findings)
        lines.append("By file:")
        width = max(len(p) for p in by_file)
        lines += [f"  {path:<{width}} {count:>5}" for path, count in sorted(by_file.items())]
    return "\n".join(lines) + "\n"
