"""`--format json`: the public contract of docs/json.md (schema_version 1)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, TextIO

from ..findings import Finding
from .model import RunResult


def finding_dict(f: Finding) -> dict[str, Any]:
    out: dict[str, Any] = {
        "path": f.path,
        "line": f.span.line,
        "column": f.span.column,
        "end_line": f.span.end_line,
        "end_column": f.span.end_column,
        "code": f.code,
        "rule": f.rule,
        "severity": f.severity.label,
        "message": f.message,
        "text": f.text,
        "concept": f.concept,
        "language": f.language,
        "suggestions": list(f.suggestions),
    }
    if notes := f.notes:  # a bidi control at the finding (docs/json.md)
        out["notes"] = list(notes)
    out.update(dict(f.extra))
    return out


def render(result: RunResult) -> str:
    return json.dumps(data(result), ensure_ascii=False, indent=2) + "\n"


def encoder() -> json.JSONEncoder:
    """The encoder `render` uses, for writing the report piece by piece."""
    return json.JSONEncoder(ensure_ascii=False, indent=2)


def finding_text(f: Finding) -> str:
    """One finding as `render` writes it in the "findings" list (two levels in): a report written
    file by file keeps these texts in a temporary file instead of the findings in memory."""
    return "    " + json.dumps(finding_dict(f), ensure_ascii=False, indent=2).replace("\n", "\n    ")


def spooled_chunks(result: RunResult, spool: TextIO, size: int = 1 << 16) -> Iterator[str]:
    """The report of a run written file by file: `render`'s bytes, with the findings copied from
    `spool` (their `finding_text`s joined by ",\n"), read from its start."""
    text = render(result)  # result.findings is empty: the rest of the report is small
    marker = '\n  "findings": [],\n'
    at = text.index(marker)
    yield text[:at] + '\n  "findings": ['
    if sum(result.by_rule.values()):
        yield "\n"
        while piece := spool.read(size):
            yield piece
        yield "\n  ]"
    else:
        yield "]"
    yield ",\n" + text[at + len(marker) :]


def data(result: RunResult) -> dict[str, Any]:
    by_rule: dict[str, int] = {}
    for f in result.findings:
        by_rule[f.rule] = by_rule.get(f.rule, 0) + 1
    for key, count in result.by_rule.items():  # a report written file by file counted them instead
        rule = key.split(" ", 1)[1]
        by_rule[rule] = by_rule.get(rule, 0) + count
    return {
        "schema_version": 1,
        "tool": {"name": "termcheck", "version": result.version},
        "glossary": {"sources": list(result.glossary_sources), "concepts": result.concepts, "terms": result.terms},
        "files": [
            {
                "path": f.path,
                "language": f.language,
                "language_source": f.language_source,
                "language_confidence": f.language_confidence,
                "findings": f.findings,
                "format": f.format,
                "languages": list(f.languages),
                "segments": f.segments,
                **({"counts": f.counts} if f.counts else {}),
                **({"not_shown": f.not_shown} if f.not_shown else {}),  # past max-findings-per-file
            }
            for f in result.files
        ],
        "findings": [finding_dict(f) for f in result.findings],
        "errors": [
            {"path": e.path, "message": e.message, **({"line": e.line} if e.line is not None else {})}
            for e in result.errors
        ],
        "skipped": [{"path": p, "reason": r} for p, r in result.skipped],
        "summary": {
            "files": len(result.files),
            "findings": len(result.findings) + sum(result.by_rule.values()),
            "errors": len(result.errors),
            "by_rule": dict(sorted(by_rule.items())),
            **({"not_shown": sum(result.not_shown.values())} if result.not_shown else {}),
        },
    }
