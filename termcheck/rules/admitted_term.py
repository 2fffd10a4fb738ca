"""An admitted rendering where a preferred one exists (information; off by default).

## What it does
Reports a term whose status is `admitted` in the text's language when the concept has a preferred
term of the same type: Collective Security Treaty Organisation (British spelling) where the term
base prefers Collective Security Treaty Organization.

## Why is this bad?
It is not wrong: admitted terms are acceptable. A publication that wants one form throughout
turns this rule on to see every place where the second choice was used.

## Example
In an English text, with the rule added (`--extend-select admitted-term`):
`Aleksandr Lukashenko said` is reported; the preferred rendering is `Alexander Lukashenko`.

## Fix safety
A suggestion only; replacing an admitted term is a matter of style and never applied by default.

## Options
Off by default: add it with `--extend-select admitted-term` (or `--select` to run it alone).
"""

from __future__ import annotations

from ..findings import Finding, Severity
from ..glossary.model import Status, language_name
from ._common import quote_list, term_findings
from .contract import ADMITTED, Context, FixApplicability, RuleInfo, TermMatch

CODE = "TC103"
NAME = "admitted-term"
SEVERITY = Severity.INFO
ENABLED = False
FIX = FixApplicability.UNSAFE
SUMMARY = "an admitted rendering where a preferred one exists"


def _preferred_of_same_type(m: TermMatch) -> tuple[str, ...]:
    return tuple(t.text for t in m.concept.terms_for(m.lang) if t.status is Status.PREFERRED and t.type == m.term.type)


def check(ctx: Context, rule: RuleInfo) -> list[Finding]:
    def message(m: TermMatch, text: str, use: tuple[str, ...]) -> str:
        return (f"'{text}' is admitted for concept '{m.concept.id}' in {language_name(m.lang)}; "
                f"the preferred rendering is {quote_list(use)}")  # fmt: skip

    return term_findings(ctx, rule, ADMITTED, message, _preferred_of_same_type, safe=False)
