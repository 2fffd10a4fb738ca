"""Term-base QA beyond the schema: what makes a term base give wrong answers or none, as located
warnings with a code each (`glossary check --ignore CODE`). Pure: the word lists are handed in.

- `missing-source`: a concept that names no source for its renderings, in a term base that names sources;
- `missing-gender`: a concept that is not a person or a demonym, with terms in a language whose determiners agree
  (pt, es, fr, it, de), and no gender there (nor a `plural: …` or `no article: …` note line naming that
  language), in a term base that records genders;
- `ordinary-word`: a one-word term matched in any case (`case: ignore`, not quoted) that is an ordinary
  word: of its own language where the term is a name (capitalised), or of another language of the
  concept that does not allow it; ordinary prose there is then read as the concept;
- `likely-duplicate`: two concepts with a name of the same transliteration skeleton (Pashinyan and
  Paschinjan in two concepts), unless their notes tell them apart (`context:` lines);
- `status-conflict` (an error): a term preferred or admitted in one concept and deprecated in another of
  the same language, so that one text is told both to write it and not to.
"""

from __future__ import annotations

from collections.abc import Callable, Container

from ..text.skeleton import skeleton
from .model import Concept, Glossary, Position, Problem, Term

AGREEMENT_LANGS = ("pt", "es", "fr", "it", "de")  # where gender-agreement checks determiners
# People are named, not declined with an article; demonyms and adjectives agree with their noun.
NO_GENDER_DOMAINS = frozenset({"people", "demonyms"})
WARNING_CODES = ("missing-source", "missing-gender", "ordinary-word", "likely-duplicate")
Words = Callable[[str], Container[str] | None]


def _at(pos: Position | None, code: str, message: str, warning: bool = True) -> Problem:
    path, line, col = (pos.path, pos.line, pos.column) if pos else ("<glossary>", 1, 1)
    return Problem(path, line, col, message, warning, code)


def qa(glossary: Glossary, words: Words) -> list[Problem]:
    problems: list[Problem] = []
    # Sources are asked for of a term base that keeps them (the shipped one does): there a concept without
    # one is a gap; a team glossary that names none is not warned about each of its concepts.
    # Gender likewise, of a term base that records it (a glossary of software strings may have none).
    sourced = any(c.sources for c in glossary.concepts)
    gendered = any(c.gender or any(t.gender for ts in c.terms.values() for t in ts) for c in glossary.concepts)
    for concept in glossary.concepts:
        problems += (_sources(concept) if sourced else []) + (_gender(concept) if gendered else [])
        problems += _ordinary(concept, words)
    return problems + _duplicates(glossary) + _status_conflicts(glossary)


def _sources(concept: Concept) -> list[Problem]:
    if concept.sources:
        return []
    return [_at(concept.position, "missing-source", f"concept {concept.id!r} names no source for its renderings "
                "(sources: [{title: …, url: …, checked: YYYY-MM-DD}])")]  # fmt: skip


def note_langs(concept: Concept, label: str) -> set[str]:
    """The languages a note line `label: de, pt` names (`plural: de, pt`: plural there, no gender)."""
    out: set[str] = set()
    for line in (concept.note or "").splitlines():
        if line.startswith(f"{label}:"):
            out |= {part.strip() for part in line.split(":", 1)[1].split(",") if part.strip()}
    return out


def _gender(concept: Concept) -> list[Problem]:
    if concept.domain in NO_GENDER_DOMAINS:
        return []
    plural = note_langs(concept, "plural") | note_langs(concept, "no article")
    missing = []
    for lang in AGREEMENT_LANGS:
        key = concept.lang_key(lang)
        if key is None or lang in plural or concept.gender_for(lang):
            continue
        if all(t.gender for t in concept.terms[key]):
            continue
        missing.append(lang)
    if not missing:
        return []
    first = missing[0]
    hint = f"gender: {{{first}: …}}; a plural name: a note line 'plural: {first}'"
    return [_at(concept.position, "missing-gender",
                f"concept {concept.id!r} has no grammatical gender for {', '.join(missing)} ({hint})")]  # fmt: skip


def _ordinary(concept: Concept, words: Words) -> list[Problem]:
    """A one-word term matched in any case (`case: ignore`, not quoted) that is also an ordinary word: of
    its own language when the term is a name (capitalised: "Kanal" the operation is the word "Kanal"),
    or of another language of the concept that does not allow it (there ordinary prose is "foreign")."""
    problems = []
    for terms in concept.terms.values():
        for term in terms:
            if term.case != "ignore" or term.quoted or term.homograph or " " in term.text:
                continue
            risky = [lang for lang in concept.terms if _ordinary_in(term, lang, concept, words)]
            if risky:
                problems.append(_at(term.position, "ordinary-word", f"{term.text!r} ({concept.id}, {term.lang}) "
                                    f"is matched in any case and is an ordinary word of {', '.join(risky)}: "
                                    "ordinary prose there will be read as the concept (case: name, or quoted: "
                                    "true for a name written in quotation marks)"))  # fmt: skip
    return problems


def _ordinary_in(term: Term, lang: str, concept: Concept, words: Words) -> bool:
    if lang == term.lang:
        if not (term.allowed and term.text[:1].isupper()):
            return False
    elif _allowed_in(concept, term.text, lang):
        return False
    listed = words(lang)
    return listed is not None and term.text.lower() in listed


def _allowed_in(concept: Concept, text: str, lang: str) -> bool:
    folded = text.casefold()
    return any(t.allowed and t.text.casefold() == folded for t in concept.terms.get(lang, ()))


def name_key(term: Term) -> str | None:
    """The skeleton of a whole name (each word's), or None for acronyms and names too short to tell."""
    if term.type in ("acronym", "abbreviation") or len(term.text) < 5:
        return None
    parts = [skeleton(word, term.lang) for word in term.text.replace("-", " ").split()]
    key = " ".join(p for p in parts if p)
    return key if len(key.replace(" ", "")) >= 5 else None


def _told_apart(a: Concept, b: Concept) -> bool:
    def lines(c: Concept) -> tuple[str, ...]:
        return tuple(x for x in (c.note or "").splitlines() if x.startswith(("context:", "homonym:")))

    return bool(lines(a) and lines(b) and lines(a) != lines(b))


def _duplicates(glossary: Glossary) -> list[Problem]:
    owner: dict[str, tuple[Concept, Term]] = {}
    reported: set[tuple[str, str]] = set()
    problems = []
    for concept in glossary.concepts:
        keys: dict[str, Term] = {}
        for terms in concept.terms.values():
            for term in terms:
                key = name_key(term)
                if key is not None and term.allowed:
                    keys.setdefault(key, term)
        for key, term in keys.items():
            first = owner.setdefault(key, (concept, term))
            other, other_term = first
            pair = (other.id, concept.id)
            if other.id == concept.id or pair in reported or _told_apart(other, concept):
                continue
            reported.add(pair)
            where = f"{other_term.position.path}:{other_term.position.line}" if other_term.position else "?"
            problems.append(_at(term.position, "likely-duplicate", f"{term.text!r} ({concept.id}) sounds like "
                                f"{other_term.text!r} ({other.id}, {where}): one concept twice? (if not, a "
                                "'context:' line in each note tells them apart)"))  # fmt: skip
    return problems


def _status_conflicts(glossary: Glossary) -> list[Problem]:
    allowed: dict[tuple[str, str], Term] = {}
    for concept in glossary.concepts:
        for lang, terms in concept.terms.items():
            for term in terms:
                if term.allowed:
                    allowed.setdefault((lang, term.text), term)
    problems = []
    for concept in glossary.concepts:
        for lang, terms in concept.terms.items():
            for term in terms:
                other = allowed.get((lang, term.text))
                if term.allowed or other is None or other.concept_id == concept.id:
                    continue
                problems.append(_at(term.position, "status-conflict", f"{term.text!r} ({lang}) is deprecated in "
                                    f"{concept.id!r} but {other.status.value} in {other.concept_id!r}: a text is told "
                                    "both to write it and not to", warning=False))  # fmt: skip
    return problems
