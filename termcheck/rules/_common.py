"""Helpers shared by the term rules."""

from __future__ import annotations

from ..engine import TermMatch
from ..glossary.model import language_name


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
