"""lint(document, index, rules) → the document's findings: match and read the terms
(`rules.reading`), run the selected rules, sort; with a cap, no more than max-findings-per-file. Pure:
no I/O."""

from __future__ import annotations

from .findings import Finding
from .glossary.index import GlossaryIndex
from .resources import Resources
from .rules.contract import Cap, Context, RuleInfo
from .rules.reading import match_document
from .sources.document import Document


def lint(
    doc: Document,
    index: GlossaryIndex,
    rules: list[RuleInfo],
    resources: Resources | None = None,
    cap: Cap | None = None,
) -> tuple[Context, list[Finding]]:
    """The document's findings, sorted: with a `cap`, no more than it has room for."""
    ctx = match_document(doc, index, resources)
    findings: list[Finding] = []
    ctx.cap = cap
    for rule in rules:
        findings += rule.check(ctx, rule)
    ctx.cap = None  # what rules collect afterwards for the run-level stage takes findings as templates
    if cap is not None:
        return ctx, cap.trim(findings)
    findings.sort(key=Finding.sort_key)
    return ctx, findings
