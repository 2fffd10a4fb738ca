"""A rendering the term base marks deprecated for the text's language.

## What it does
Flags a term whose status is `deprecated` in the text's language, and names the preferred
replacement: Weißrussland in a German text (use Belarus), member-state in English (use member state).

## Why is this bad?
Deprecated forms are kept in the term base precisely because they still turn up: outdated names,
calques, spellings the house style has retired. Each one is a decision already taken.

## Example
In a German text: `die Delegation aus Weißrussland` is flagged; write `die Delegation aus Belarus`.
Not flagged: a former name given as such, "Belarus (vormals Weißrussland)".

## Fix safety
Replacing is safe when the concept has exactly one preferred rendering of that type and the
occurrence is not inflected.

## Options
None.
"""

from __future__ import annotations

from ..engine import DEPRECATED, Context, RuleInfo
from ..findings import Finding, Severity
from ..glossary.model import language_name
from ._common import quote_list, suggestions, term_fix

CODE = "TC102"
NAME = "deprecated-term"
SEVERITY = Severity.WARNING
ENABLED = True
FIX = "sometimes"
SUMMARY = "a rendering deprecated for the text's language"


def check(ctx: Context, rule: RuleInfo) -> list[Finding]:
    out = []
    for m in ctx.matches:
        if m.verdict != DEPRECATED or m.gloss:
            continue
        use = suggestions(m)
        text = ctx.document.slice(m.start, m.end)
        message = (
            f"'{text}' is deprecated for concept '{m.concept.id}' in {language_name(m.lang)}; use {quote_list(use)}"
        )
        if m.term.note:
            message += f" ({m.term.note})"
        out.append(
            ctx.finding(rule, m.start, m.end, message, m.concept.id, m.lang, use, term_fix(text, m.term.text, use))
        )
    return out
