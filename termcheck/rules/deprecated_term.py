"""A rendering the term base marks deprecated for the text's language.

## What it does
Flags a term whose status is `deprecated` in the text's language, and names the preferred
replacement: Weißrussland in a German text (use Belarus), member-state in English (use member state).

## Why is this bad?
Deprecated forms are kept in the term base precisely because they still turn up: outdated names,
calques, spellings the house style has retired. Each one is a decision already taken.

## Example
In a German text: `die Delegation aus Weißrussland` is flagged; write `die Delegation aus Belarus`.
Not flagged: a former name given as such, "Belarus (vormals Weißrussland)", and a name deprecated
since a date (`since:` in the term base) in a text written before that date, or in a sentence naming
that year or an earlier one: "la Declaración de Alma-Ata de 1991" and "bis 1993 Alma-Ata" (Almaty since
1993) are the name of its time; so is a name in a sentence that tells a renaming, in any word order ("era
stata rinominata Nur-Sultan", "in „Nur-Sultan“ umbenannt", "renomment la capitale, désormais appelée
Nur-Sultan, en Astana") and a document's name ("la Dichiarazione di Alma-Ata", "the Alma-Ata Protocol").

## Fix safety
Replacing is safe when the concept has exactly one preferred rendering of that type and the
occurrence is not inflected. A name deprecated since a date (Nur-Sultan, since 2022-09-17) is
replaced safely only in a text whose date is known: `--date`, the file's front matter `date:`, an
HTML page's `article:published_time`, or a `termcheck: date 2022-05-16` comment. A text of May 2022
that writes Nur-Sultan is right, and is not flagged once its date is given.

## Options
None.
"""

from __future__ import annotations

from ..findings import Finding, Severity
from ..glossary.model import language_name
from ._common import quote_list, term_findings
from .contract import DEPRECATED, Context, FixApplicability, RuleInfo, TermMatch

CODE = "TC102"
NAME = "deprecated-term"
SEVERITY = Severity.WARNING
ENABLED = True
FIX = FixApplicability.SOMETIMES
SUMMARY = "a rendering deprecated for the text's language"


def check(ctx: Context, rule: RuleInfo) -> list[Finding]:
    def message(m: TermMatch, text: str, use: tuple[str, ...]) -> str:
        why = f" ({m.term.note})" if m.term.note else ""
        since = f" since {m.term.since}" if m.term.since else ""
        where = f"concept '{m.concept.id}' in {language_name(m.lang)}"
        return f"'{text}' is deprecated{since} for {where}; use {quote_list(use)}{why}"

    def safe(m: TermMatch) -> bool:
        return not m.term.since or ctx.document.date is not None

    return term_findings(ctx, rule, DEPRECATED, message, safe=safe)
