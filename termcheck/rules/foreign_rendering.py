"""A rendering that belongs to another language and is not valid in the text's language.

## What it does
Finds every rendering of every concept of the term base, in every language, and flags one that is
not a term of the text's language: CSTO or OVKS in a Portuguese text, where OTSC is the standard.
The message names the concept, the language the rendering belongs to and the rendering to use.

## Why is this bad?
A rendering from another language is the commonest slip of translation and of copy taken from a
wire in another language; readers of the target language may not recognise it, and it breaks the
house style.

## Example
In a Portuguese text: `A CSTO defende ...` is flagged; write `A OTSC defende ...`.
Not flagged: the same rendering where it is also valid in the text's language (Belarus in English,
German and Portuguese), a foreign name given as such ("a OTSC (em inglês, CSTO)"), and a passage
wholly in another language (a quoted sentence left in the original), which is checked as that
language.

## Fix safety
The suggestion is the preferred rendering of the same type (acronym for acronym). Replacing it is
safe when there is exactly one and the words carry no inflection.

## Options
None. Select or ignore it with `--select TC101` / `--ignore foreign-rendering`.
"""

from __future__ import annotations

from ..engine import FOREIGN, Context, RuleInfo, TermMatch
from ..findings import Finding, Severity
from ..glossary.model import language_name
from ._common import languages_of, quote_list, term_findings

CODE = "TC101"
NAME = "foreign-rendering"
SEVERITY = Severity.WARNING
ENABLED = True
FIX = "sometimes"
SUMMARY = "a rendering of another language that is not valid in the text's language"


def check(ctx: Context, rule: RuleInfo) -> list[Finding]:
    def message(m: TermMatch, text: str, use: tuple[str, ...]) -> str:
        return (f"'{text}' is the {languages_of(m)} rendering of concept '{m.concept.id}'; "
                f"in {language_name(m.lang)} use {quote_list(use)}")  # fmt: skip

    return term_findings(ctx, rule, FOREIGN, message)
