"""Checks across concepts and files: the hygiene of the term base as a whole (codespell's dictionary tests)."""

from __future__ import annotations

from .model import Glossary, Position, Problem, Status, Term


def _at(pos: Position | None, message: str, warning: bool = False) -> Problem:
    if pos is None:
        return Problem("<glossary>", 1, 1, message, warning)
    return Problem(pos.path, pos.line, pos.column, message, warning)


def _where(pos: Position | None) -> str:
    return f"{pos.path}:{pos.line}" if pos else "?"


def validate(glossary: Glossary) -> list[Problem]:
    problems: list[Problem] = []
    seen_ids: dict[str, Position | None] = {}
    for concept in glossary.concepts:
        if concept.id in seen_ids:
            problems.append(
                _at(concept.position, f"duplicate concept id {concept.id!r} (first at {_where(seen_ids[concept.id])})")
            )
        else:
            seen_ids[concept.id] = concept.position
        for lang, terms in concept.terms.items():
            problems += _check_language(concept.id, lang, terms)
    problems += _check_shared_terms(glossary)
    return problems


def _never_matches(text: str) -> str | None:
    """Why no text can ever hold this term, if none can: a line break (terms do not run over blank
    lines and no segment holds two lines of a table), a control character."""
    import unicodedata

    if any(ch in "\n\r\u2028\u2029\x0b\x0c" for ch in text):
        return "it contains a line break"
    bad = next((ch for ch in text if unicodedata.category(ch) == "Cc" and ch != "\t"), None)
    if bad is not None:
        return f"it contains the control character U+{ord(bad):04X}"
    return None


def _check_language(cid: str, lang: str, terms: tuple[Term, ...]) -> list[Problem]:
    problems = []
    if terms and not any(t.status is Status.PREFERRED for t in terms):
        # Valid TBX (two admitted terms, none preferred): suggestions then offer the admitted ones.
        allowed = any(t.allowed for t in terms)
        problems.append(_at(terms[0].position, f"concept {cid!r} has {lang} terms but no preferred term"
                            + ("; the admitted ones are suggested" if allowed else ""), warning=allowed))  # fmt: skip
    by_text: dict[str, Term] = {}
    for term in terms:
        never = _never_matches(term.text)
        if never:
            problems.append(_at(term.position, f"{term.text!r} ({cid}, {lang}) can never match: {never}"))
        first = by_text.get(term.text)
        if first is None:
            by_text[term.text] = term
        elif first.allowed != term.allowed:
            problems.append(_at(term.position, f"{term.text!r} is both allowed and deprecated in {cid!r} ({lang})"))
        else:
            problems.append(_at(term.position, f"{term.text!r} is listed twice in {cid!r} ({lang})"))
    return problems


def _check_shared_terms(glossary: Glossary) -> list[Problem]:
    """An allowed term of one concept must not also be a term of another concept in the same language,
    unless the two are homonyms told apart: each concept's note has a line `context: …` (or
    `homonym: …`), and they differ (Weblate's "file" the noun and "file" the verb; its CSV import
    writes them). That is a warning: `lint` then reads the term as whichever concept judges it best."""
    owners: dict[tuple[str, str], Term] = {}
    problems = []
    told = {c.id: tuple(line for line in (c.note or "").splitlines() if line.startswith(("context:", "homonym:")))
            for c in glossary.concepts}  # fmt: skip
    for concept in glossary.concepts:
        for lang, terms in concept.terms.items():
            for term in terms:
                key = (lang, term.text.casefold() if term.case == "ignore" else term.text)
                other = owners.get(key)
                if other is None:
                    owners[key] = term
                elif other.concept_id != term.concept_id and other.allowed and term.allowed:
                    # allowed in one, deprecated in the other: qa's status-conflict says so
                    a, b = told[other.concept_id], told[term.concept_id]
                    homonym = bool(a and b and a != b)
                    message = (f"{term.text!r} ({lang}) is a term of both {other.concept_id!r} "
                               f"({_where(other.position)}) and {term.concept_id!r}")  # fmt: skip
                    if homonym:
                        message += ": homonyms, told apart by the 'context:' or 'homonym:' lines of their notes"
                    problems.append(_at(term.position, message, warning=homonym))
    return problems
