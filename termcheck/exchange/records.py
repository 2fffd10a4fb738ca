"""The term base as rows: what every exchange format carries."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from ..glossary.load import default_case, is_acronym
from ..glossary.model import Glossary, Source, Status
from ..languages import normalize

TERM_COLUMNS = ("concept", "language", "term", "status", "type", "gender", "group", "note", "case", "inflect",
                "quoted", "since", "homograph")  # fmt: skip
# A source as one line of a cell or a note: "title <url> [en, de], checked 2026-12-06" (Source.label).
SOURCE_RE = re.compile(r"^(?P<title>.+?)(?: <(?P<url>https?://[^>\s]+)>)?(?: \[(?P<langs>[^\]]*)\])?, "
                       r"checked (?P<checked>\d{4}-\d{2}-\d{2})(?: \u2014 (?P<note>.+))?$")  # fmt: skip


def source_line(source: Source) -> str:
    return source.label() + (f" \u2014 {source.note}" if source.note else "")


def source_yaml(line: str) -> dict[str, Any] | None:
    """A source line as the YAML file writes it, or None when the line is not one."""
    m = SOURCE_RE.match(line.strip())
    if m is None:
        return None
    out: dict[str, Any] = {"title": m["title"]}
    if m["url"]:
        out["url"] = m["url"]
    out["checked"] = m["checked"]
    if m["langs"]:
        out["langs"] = [x.strip() for x in m["langs"].split(",") if x.strip()]
    if m["note"]:
        out["note"] = m["note"]
    return out


@dataclass
class ConceptRow:
    id: str
    domain: str | None = None
    note: str | None = None
    file: str | None = None
    definition: dict[str, str] = field(default_factory=dict)
    gender: dict[str, str] = field(default_factory=dict)
    where: str = ""
    sources: list[str] | None = None  # one line each (source_line); None: the file has no such column


@dataclass
class TermRow:
    concept: str
    lang: str
    term: str
    status: str = "preferred"
    type: str | None = None
    gender: str | None = None
    group: str | None = None
    note: str | None = None
    case: str | None = None
    inflect: bool | None = None
    quoted: bool | None = None
    where: str = ""
    since: str | None = None
    homograph: bool | None = None

    def as_yaml(self) -> dict[str, Any]:
        """The term as the YAML file writes it: only what differs from the defaults."""
        out: dict[str, Any] = {"term": self.term}
        if self.status != "preferred":
            out["status"] = self.status
        if self.type and self.type != ("acronym" if is_acronym(self.term) else None):
            out["type"] = self.type
        for key in ("group", "gender"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        case = self.case or default_case(self.term)
        if case != default_case(self.term):
            out["case"] = case
        if self.inflect is not None and self.inflect != (case != "exact"):
            out["inflect"] = self.inflect
        if self.quoted:
            out["quoted"] = True
        if self.note:
            out["note"] = self.note
        if self.since:
            out["since"] = self.since
        if self.homograph:
            out["homograph"] = True
        return out


@dataclass
class ExampleRow:
    concept: str
    lang: str
    good: bool
    text: str
    rule: str | None = None
    where: str = ""

    def as_yaml(self) -> dict[str, Any]:
        out: dict[str, Any] = {"lang": self.lang, ("good" if self.good else "bad"): self.text}
        if self.rule:
            out["rule"] = self.rule
        return out


@dataclass
class Table:
    concepts: list[ConceptRow] = field(default_factory=list)
    terms: list[TermRow] = field(default_factory=list)
    examples: list[ExampleRow] = field(default_factory=list)
    langs: tuple[str, ...] = ()
    has_concepts: bool = True
    has_examples: bool = True
    warnings: list[str] = field(default_factory=list)  # what the file had and termcheck could not keep


def from_glossary(glossary: Glossary, langs: list[str] | None = None) -> Table:
    """Rows for the given languages (all when none are given), in the term base's order."""
    wanted = {normalize(x) or x for x in langs or []}  # --lang PT-br is pt-BR

    def keep(lang: str) -> bool:
        return not wanted or lang in wanted or lang.split("-", 1)[0] in wanted

    table = Table()
    seen_langs: list[str] = []
    for c in glossary.concepts:
        file = PurePosixPath(c.position.path).name if c.position else None
        table.concepts.append(ConceptRow(c.id, c.domain, c.note, file,
                                         {k: v for k, v in c.definition.items() if keep(k)},
                                         {k: v for k, v in c.gender.items() if keep(k)},
                                         sources=[source_line(s) for s in c.sources]))  # fmt: skip
        for lang, terms in c.terms.items():
            if not keep(lang):
                continue
            if lang not in seen_langs:
                seen_langs.append(lang)
            for t in terms:
                table.terms.append(TermRow(c.id, lang, t.text, t.status.value, t.type, t.gender, t.group, t.note,
                                           t.case, t.inflect, t.quoted, since=t.since,
                                           homograph=t.homograph))  # fmt: skip
        table.examples += [ExampleRow(c.id, e.lang, e.good, e.text, e.rule) for e in c.examples if keep(e.lang)]
    for c in glossary.concepts:  # languages with a definition or a gender but no terms yet (it)
        seen_langs += [lang for lang in [*c.definition, *c.gender] if keep(lang) and lang not in seen_langs]
    table.langs = tuple(seen_langs)
    return table


STATUSES = tuple(s.value for s in Status)


def merge_duplicates(table: Table) -> list[str]:
    """A term listed twice in one concept and language (a Weblate TBX export of a glossary whose
    source and target language are one, a CSV row repeated) becomes one term: the first row, the
    stronger status of the two (preferred over admitted), the attributes the first leaves empty taken
    from the second, both notes kept. A located warning each. A term both allowed and deprecated in
    one concept is a contradiction, not a repetition: it is left for the term base's check to refuse."""
    first: dict[tuple[str, str, str], TermRow] = {}
    kept: list[TermRow] = []
    warnings = []
    rank = {"preferred": 0, "admitted": 1}
    for t in table.terms:
        seen = first.get((t.concept, t.lang, t.term))
        if seen is None or (seen.status == "deprecated") != (t.status == "deprecated"):
            first.setdefault((t.concept, t.lang, t.term), t)
            kept.append(t)
            continue
        if rank.get(t.status, 2) < rank.get(seen.status, 2):
            seen.status = t.status
        for key in ("type", "gender", "group", "case", "inflect", "quoted", "since", "homograph"):
            if getattr(seen, key) is None:
                setattr(seen, key, getattr(t, key))
        if t.note and t.note not in (seen.note or "").split("\n"):
            seen.note = f"{seen.note}\n{t.note}" if seen.note else t.note
        where = t.where or f"concept {t.concept!r}"
        warnings.append(f"{where}: {t.term!r} is listed twice in concept {t.concept!r} ({t.lang}); merged with "
                        f"the first{f' ({seen.where})' if seen.where else ''}")  # fmt: skip
    table.terms = kept
    return warnings


def mark_homonyms(table: Table) -> list[str]:
    """Concepts of an imported file that share a term in one language (a Lokalize glossary's "file" the
    noun and "file" the verb, two entries of its TBX) are homonyms the file itself tells apart: each
    gets a note line `homonym: …` naming its other renderings, so the term base accepts them (a
    warning) and `lint` can tell them apart. What was marked, for the import to say."""
    owners: dict[tuple[str, str], dict[str, None]] = {}  # a term → the concepts that have it, in order
    for t in table.terms:
        if t.status == "deprecated":
            continue  # a term one concept deprecates may be another's: no homonym
        owners.setdefault((t.lang, t.term.casefold()), {})[t.concept] = None
    shared = {cid for ids in owners.values() if len(ids) > 1 for cid in ids}
    own: dict[str, list[str]] = {}  # each shared concept's terms that no other concept has
    for t in table.terms:
        if t.concept in shared and len(owners.get((t.lang, t.term.casefold()), ())) == 1:
            own.setdefault(t.concept, []).append(t.term)
    concepts = {c.id: c for c in table.concepts}
    marked = []
    for cid in sorted(shared):
        row = concepts.get(cid)
        lines = (row.note or "").splitlines() if row is not None else []
        if row is None or any(line.startswith(("context:", "homonym:")) for line in lines):
            continue
        row.note = "\n".join([*lines, f"homonym: {', '.join(own.get(cid, [])[:4]) or cid}"])
        marked.append(cid)
    return marked
