"""`--format sarif`: SARIF 2.1.0, with the rule metadata taken from the rule registry."""

from __future__ import annotations

import json
from typing import Any

from ..findings import Finding, Severity
from .model import RunResult

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _rules() -> list[dict[str, Any]]:
    from ..rules import RULES

    out = []
    for r in RULES:
        title, _, body = r.doc.partition("\n")
        out.append({
            "id": r.code,
            "name": r.name,
            "shortDescription": {"text": r.summary},
            "fullDescription": {"text": title.strip()},
            "help": {"text": body.strip(), "markdown": body.strip()},
            "defaultConfiguration": {"level": _LEVEL[r.severity], "enabled": r.enabled},
        })  # fmt: skip
    return out


def _result(f: Finding, index: dict[str, int]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "ruleId": f.code,
        "ruleIndex": index[f.code],
        "level": _LEVEL[f.severity],
        "message": {"text": f.message},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": f.path},
                "region": {"startLine": f.span.line, "startColumn": f.span.column, "endLine": f.span.end_line,
                           "endColumn": f.span.end_column, "snippet": {"text": f.text}},
            }
        }],
        "properties": {"rule": f.rule, "concept": f.concept, "language": f.language,
                       "suggestions": list(f.suggestions), **({"notes": list(f.notes)} if f.notes else {})},
    }  # fmt: skip
    if f.fix is not None:
        out["fixes"] = [{
            "description": {"text": f"Replace with '{f.fix.replacement}'" + ("" if f.fix.safe else " (unsafe)")},
            "artifactChanges": [{
                "artifactLocation": {"uri": f.path},
                "replacements": [{
                    "deletedRegion": {"startLine": f.span.line, "startColumn": f.span.column,
                                      "endLine": f.span.end_line, "endColumn": f.span.end_column},
                    "insertedContent": {"text": f.fix.replacement},
                }],
            }],
        }]  # fmt: skip
    return out


def render(result: RunResult) -> str:
    rules = _rules()
    index = {r["id"]: i for i, r in enumerate(rules)}
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "termcheck", "version": result.version, "rules": rules}},
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, index) for f in result.findings],
        "invocations": [{
            "executionSuccessful": not result.errors,
            "toolExecutionNotifications": [
                {"level": "error", "message": {"text": e.message},
                 "locations": [{"physicalLocation": {"artifactLocation": {"uri": e.path or ""}}}]}
                for e in result.errors
            ],
        }],
    }  # fmt: skip
    return json.dumps({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, ensure_ascii=False, indent=2) + "\n"
