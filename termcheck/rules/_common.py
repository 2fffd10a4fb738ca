"""Helpers shared by the term rules."""

from __future__ import annotations

from collections.abc import Callable

from ..engine import Context, RuleInfo, TermMatch
from ..findings import Finding
from ..glossary.model import language_name
from .gender_agreement import determiner_disagrees


def quote_list(items: tuple[str, ...] | list[str], joiner: str = "or") -> str:
    quoted = [f"'{s}'" for s in items]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + f" {joiner} " + quoted[-1]


def languages_of(m: TermMatch) -> str:
    """The languages whose rendering of the concept this is, in plain words ("English and German")."""
    langs = []
    for term in m.candidates:
        if term.concept_id == m.concept.id and term.text == m.term.text and term.lang not in langs:
            langs.append(term.lang)
    names = [language_name(lang) for lang in langs or [m.term.lang]]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def suggestions(m: TermMatch) -> tuple[str, ...]:
    return tuple(t.text for t in m.concept.preferred(m.lang, m.term.type))


def follow_case(found: str, term: str, replacement: str) -> str:
    """The replacement written the way the original was: ALL CAPS, or a sentence-initial capital."""
    if len(found) > 1 and found.isupper() and not term.isupper():
        return replacement.upper()
    if found[:1].isupper() and term[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def term_fix(found: str, term: str, replacements: tuple[str, ...]) -> tuple[str, bool] | None:
    """Replace a term occurrence: safe when it is the term exactly (no inflection) and there is one
    replacement; an inflected single word keeps its ending (Mitgliedsstaaten → Mitgliedstaaten) as an
    unsafe fix; a changed stem (Зася) gets no fix."""
    if not replacements:
        return None
    replacement = follow_case(found, term, replacements[0])
    if found.casefold() == term.casefold():
        return replacement, len(replacements) == 1
    if " " not in term and " " not in replacement and found.casefold().startswith(term.casefold()):
        return replacement + found[len(term) :], False
    return None


def term_findings(
    ctx: Context, rule: RuleInfo, verdict: str, message: Callable[[TermMatch, str, tuple[str, ...]], str],
    replacements: Callable[[TermMatch], tuple[str, ...]] = suggestions, safe: bool = True,
) -> list[Finding]:  # fmt: skip
    """One finding per occurrence with this verdict (glosses excepted), suggesting the replacements;
    the fix is the first replacement, never safe when `safe` is False."""
    out = []
    for m in ctx.matches:
        if m.verdict != verdict or m.gloss:
            continue
        use = replacements(m)
        if not use:
            continue
        text = ctx.document.slice(m.start, m.end)
        fix = term_fix(text, m.term.text, use)
        if fix is not None and (not safe or (fix[1] and determiner_disagrees(ctx, m))):
            fix = (fix[0], False)  # the article must change too ("o CSTO" → "a OTSC"): an editor's call
        out.append(ctx.finding(rule, m.start, m.end, message(m, text, use), m.concept.id, m.lang, use, fix))
    return out
