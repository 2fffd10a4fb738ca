"""The term base as frozen values: Glossary → Concept → Term (concept-oriented, like TBX)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any, Protocol, TypeVar

from ..languages import lookup

T = TypeVar("T")


def compact_pickle(cls: type[T]) -> type[T]:
    """Pickle a frozen slotted dataclass as the tuple of its fields, restored by one loop: the
    dataclass default (a dict of fields, `fields()` called per object) is several times slower, and a
    loaded term base is pickled whole where it travels (`termcheck.scale`'s Checker, to its workers)."""
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


# A concept id is a slug in any script: lower-case letters and digits, then also '.', '_' and '-'
# (csto, c41, врио-генсек, 概念-7): ids from real TBX files need not be ASCII.
ID_RE = re.compile(r"^[^\W_][\w.-]*$")


DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def past_date(text: str, full: bool = False) -> bool:
    """Whether `text` is a real date, today or before: YYYY-MM-DD, or also YYYY and YYYY-MM unless `full`."""
    import datetime

    m = DATE_RE.match(text)
    if m is None or (full and m.group(3) is None):
        return False
    try:
        when = datetime.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        return False
    return when <= datetime.date.today()


def valid_id(text: str) -> bool:
    return bool(ID_RE.match(text)) and text == text.lower()


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
    since: str | None = None  # the date (YYYY, YYYY-MM or YYYY-MM-DD) from which the status holds (Kiev: 2019)
    homograph: bool = False  # also an ordinary word in lower case (china, turkey): never a name in the wrong case

    @property
    def allowed(self) -> bool:
        return self.status is not Status.DEPRECATED


_LENIENCY = {Status.PREFERRED: 0, Status.ADMITTED: 1, Status.DEPRECATED: 2}


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
class Source:
    """Where a concept's renderings come from, and when that was checked (TBX: `source` / `xref`)."""

    title: str
    checked: str  # YYYY-MM-DD
    url: str | None = None
    langs: tuple[str, ...] = ()  # the languages it vouches for; all of the concept's when empty
    note: str | None = None

    def label(self) -> str:
        langs = f" [{', '.join(self.langs)}]" if self.langs else ""
        url = f" <{self.url}>" if self.url else ""
        return f"{self.title}{url}{langs}, checked {self.checked}"


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
    sources: tuple[Source, ...] = ()
    territory: str | None = None  # ISO 3166-1 / CLDR territory code of a state (KZ), checked against CLDR

    def lang_keys(self, lang: str) -> tuple[str, ...]:
        """The keys of `terms` that serve a text in `lang` (`languages.lookup`): the tag itself, else the
        one it falls back to (pt-BR → pt); where the concept has neither, each of its regions of that
        language (a pt text: pt-BR and pt-PT; a de text: MultiTerm's de-DE)."""
        return lookup(lang, self.terms)

    def lang_key(self, lang: str) -> str | None:
        """The first of `lang_keys`, or None when the concept has no term for the language."""
        keys = self.lang_keys(lang)
        return keys[0] if keys else None

    def terms_for(self, lang: str) -> tuple[Term, ...]:
        """The terms that serve a text in `lang`. Served by several regions (a pt text, a term base
        with pt-BR and pt-PT only), a term is listed once, with the most lenient of its statuses there:
        the text may be of either region, and only what neither allows is a finding."""
        keys = self.lang_keys(lang)
        if len(keys) < 2:
            return self.terms[keys[0]] if keys else ()
        best: dict[str, Term] = {}
        for term in (t for key in keys for t in self.terms[key]):
            kept = best.get(term.text)
            if kept is None or _LENIENCY[term.status] < _LENIENCY[kept.status]:
                best[term.text] = term
        return tuple(best.values())

    def preferred(self, lang: str, type_: str | None = None) -> tuple[Term, ...]:
        """Preferred terms for `lang`, of the same type as `type_` when there are any; the admitted
        ones where a language has no preferred term (valid TBX: two admitted terms, none preferred)."""
        terms = self.terms_for(lang)
        pref = tuple(t for t in terms if t.status is Status.PREFERRED) or tuple(
            t for t in terms if t.status is Status.ADMITTED
        )
        same = tuple(t for t in pref if t.type == type_)
        return same or pref

    def gender_for(self, lang: str) -> str | None:
        """The concept's gender in `lang`, looked up as its terms are (`lang_keys`); None where the
        regions that serve the text disagree."""
        genders = {self.gender[key] for key in lookup(lang, self.gender)}
        return genders.pop() if len(genders) == 1 else None

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


# Plain records for the compiled term base (glossary/store.py): tuples of strings, numbers and None,
# never objects, so that a file of them holds no code.
def _position_record(pos: Position | None) -> tuple[str, int, int] | None:
    return (pos.path, pos.line, pos.column) if pos is not None else None


def _position(rec: Any) -> Position | None:
    return Position(*rec) if rec is not None else None


def term_record(t: Term) -> tuple[Any, ...]:
    return (t.text, t.lang, t.status.value, t.concept_id, t.type, t.group, t.gender, t.case, t.inflect, t.quoted,
            t.note, _position_record(t.position), t.since, t.homograph)  # fmt: skip


def term_from_record(r: Any) -> Term:
    return Term(
        r[0],
        r[1],
        Status(r[2]),
        r[3],
        r[4],
        r[5],
        r[6],
        r[7],
        bool(r[8]),
        bool(r[9]),
        r[10],
        _position(r[11]),
        r[12],
        bool(r[13]),
    )


def concept_record(c: Concept) -> tuple[Any, ...]:
    return (
        c.id,
        c.domain,
        tuple(c.definition.items()),
        c.note,
        tuple(c.gender.items()),
        tuple((lang, tuple(term_record(t) for t in terms)) for lang, terms in c.terms.items()),
        tuple((e.lang, e.text, e.good, e.rule, _position_record(e.position)) for e in c.examples),
        _position_record(c.position),
        (),  # the sources: no check needs them, and they are half a record's bytes (show and export read YAML)
        c.territory,
    )


def source_records(c: Concept) -> tuple[Any, ...]:
    return tuple((s.title, s.checked, s.url, s.langs, s.note) for s in c.sources)


def sources_from_records(r: Any) -> tuple[Source, ...]:
    return tuple(Source(s[0], s[1], s[2], tuple(s[3]), s[4]) for s in r)


def concept_from_record(r: Any) -> Concept:
    return Concept(
        r[0],
        r[1],
        dict(r[2]),
        r[3],
        dict(r[4]),
        {lang: tuple(term_from_record(t) for t in terms) for lang, terms in r[5]},
        tuple(Example(e[0], e[1], bool(e[2]), e[3], _position(e[4])) for e in r[6]),
        _position(r[7]),
        tuple(Source(s[0], s[1], s[2], tuple(s[3]), s[4]) for s in r[8]),
        r[9],
    )


class TermBase(Protocol):
    """What a run needs of a term base: a loaded `Glossary`, or one read from its compiled file."""

    @property
    def concepts(self) -> Sequence[Concept]: ...

    @property
    def sources(self) -> tuple[str, ...]: ...

    @property
    def term_count(self) -> int: ...

    @property
    def languages(self) -> tuple[str, ...]: ...

    def concept(self, concept_id: str) -> Concept | None: ...


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


SCRIPT_NAMES = {"Latn": "Latin", "Cyrl": "Cyrillic"}


def language_name(tag: str) -> str:
    """The English name of a language tag: "Brazilian Portuguese", "Russian (Latin script)" (ru-Latn, a
    transliteration), else the primary language's name, else the tag."""
    if tag in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[tag]
    parts = tag.split("-")
    name = LANGUAGE_NAMES.get(parts[0], tag)
    script = next((SCRIPT_NAMES[p] for p in parts[1:] if p in SCRIPT_NAMES), None)
    return f"{name} ({script} script)" if script and name != tag else name


@dataclass(frozen=True, slots=True)
class Problem:
    """A located problem in a term base file."""

    path: str
    line: int
    column: int
    message: str
    warning: bool = False  # worth knowing, but the term base works (a language with admitted terms only)
    code: str | None = None  # the QA check's name (missing-source, …): `glossary check --ignore CODE`

    def __str__(self) -> str:
        code = f" [{self.code}]" if self.code else ""
        return f"{self.path}:{self.line}:{self.column}: {'warning: ' if self.warning else ''}{self.message}{code}"
