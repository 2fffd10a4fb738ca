"""The term base as frozen values: Glossary → Concept → Term (concept-oriented, like TBX)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import TypeVar

T = TypeVar("T")


def compact_pickle(cls: type[T]) -> type[T]:
    """Pickle a frozen slotted dataclass as the tuple of its fields, restored by one loop: the
    dataclass default (a dict of fields, `fields()` called per object) took 2.5 of the 4 s that a
    10,000-concept term base needed to load from the cache."""
    names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
    setter = object.__setattr__

    def getstate(self: object) -> tuple[object, ...]:
        return tuple([getattr(self, name) for name in names])

    def setstate(self: object, state: tuple[object, ...]) -> None:
        for name, value in zip(names, state, strict=True):
            setter(self, name, value)

    cls.__getstate__ = getstate  # type: ignore[method-assign]
    cls.__setstate__ = setstate  # type: ignore[attr-defined]
    return cls


class Status(StrEnum):
    """TBX-Basic administrativeStatus."""

    PREFERRED = "preferred"
    ADMITTED = "admitted"
    DEPRECATED = "deprecated"


LANG_RE = re.compile(r"^[a-z]{2,3}(?:-(?:[A-Z]{2}|[A-Z][a-z]{3}|\d{3}))?$")  # BCP 47, the parts we use
ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
TERM_TYPES = ("acronym", "abbreviation", "fullForm", "shortForm", "surname", "variant", "phrase")
GENDERS = ("masculine", "feminine", "neuter")
CASE_MODES = ("exact", "name", "ignore")


@compact_pickle
@dataclass(frozen=True, slots=True)
class Position:
    path: str
    line: int
    column: int


@compact_pickle
@dataclass(frozen=True, slots=True)
class Term:
    text: str
    lang: str
    status: Status
    concept_id: str
    type: str | None = None
    group: str | None = None
    gender: str | None = None
    case: str = "ignore"
    inflect: bool = True
    quoted: bool = False
    note: str | None = None
    position: Position | None = field(default=None, compare=False)

    @property
    def allowed(self) -> bool:
        return self.status is not Status.DEPRECATED


@compact_pickle
@dataclass(frozen=True, slots=True)
class Example:
    lang: str
    text: str
    good: bool
    rule: str | None = None
    position: Position | None = field(default=None, compare=False)


@compact_pickle
@dataclass(frozen=True, slots=True)
class Concept:
    id: str
    domain: str | None
    definition: dict[str, str]
    note: str | None
    gender: dict[str, str]
    terms: dict[str, tuple[Term, ...]]
    examples: tuple[Example, ...] = ()
    position: Position | None = field(default=None, compare=False)

    def lang_key(self, lang: str) -> str | None:
        """The key of `terms` that serves `lang`: the tag itself, else its primary language (pt-BR → pt)."""
        if lang in self.terms:
            return lang
        primary = lang.split("-", 1)[0]
        return primary if primary in self.terms else None

    def terms_for(self, lang: str) -> tuple[Term, ...]:
        key = self.lang_key(lang)
        return self.terms[key] if key else ()

    def preferred(self, lang: str, type_: str | None = None) -> tuple[Term, ...]:
        """Preferred terms for `lang`, of the same type as `type_` when there are any."""
        pref = tuple(t for t in self.terms_for(lang) if t.status is Status.PREFERRED)
        same = tuple(t for t in pref if t.type == type_)
        return same or pref

    def gender_for(self, lang: str) -> str | None:
        if lang in self.gender:
            return self.gender[lang]
        return self.gender.get(lang.split("-", 1)[0])

    def name_for(self, lang: str) -> str:
        pref = self.preferred(lang) or self.preferred("en")
        return pref[0].text if pref else self.id


@dataclass(frozen=True, slots=True)
class Glossary:
    concepts: tuple[Concept, ...]
    sources: tuple[str, ...]

    @property
    def term_count(self) -> int:
        return sum(len(ts) for c in self.concepts for ts in c.terms.values())

    @property
    def languages(self) -> tuple[str, ...]:
        langs = {lang.split("-", 1)[0] for c in self.concepts for lang in c.terms}
        return tuple(sorted(langs))

    def concept(self, concept_id: str) -> Concept | None:
        for c in self.concepts:
            if c.id == concept_id:
                return c
        return None


LANGUAGE_NAMES = {
    "en": "English",
    "de": "German",
    "ru": "Russian",
    "pt": "Portuguese",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "pt-BR": "Brazilian Portuguese",
    "pt-PT": "European Portuguese",
    "be": "Belarusian",
    "kk": "Kazakh",
    "uk": "Ukrainian",
    "hy": "Armenian",
    "zh": "Chinese",
}


def language_name(tag: str) -> str:
    return LANGUAGE_NAMES.get(tag) or LANGUAGE_NAMES.get(tag.split("-", 1)[0], tag)
