"""`--format json`: the public contract of docs/json.md (schema_version 1)."""

from __future__ import annotations

import json
from typing import Any

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
    out.update(dict(f.extra))
    return out


def render(result: RunResult) -> str:
    return json.dumps(data(result), ensure_ascii=False, indent=2) + "\n"


def encoder() -> json.JSONEncoder:
    """The encoder `render` uses, for writing the report piece by piece."""
    return json.JSONEncoder(ensure_ascii=False, indent=2)


def data(result: RunResult) -> dict[str, Any]:
    by_rule: dict[str, int] = {}
    for f in result.findings:
        by_rule[f.rule] = by_rule.get(f.rule, 0) + 1
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
            "findings": len(result.findings),
            "errors": len(result.errors),
            "by_rule": dict(sorted(by_rule.items())),
        },
    }
