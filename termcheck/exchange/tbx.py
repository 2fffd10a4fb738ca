"""TBX: TBX-Basic (ISO 30042:2019, DCA style) out; TBX-Basic and TBX v2 (MultiTerm, Weblate) in.

termcheck's own keys, which TBX-Basic has no data category for, travel as notes (docs/exchange.md):
`termcheck:group=…`, `termcheck:case=…`, `termcheck:inflect=…`, `termcheck:quoted=true` on a term,
`termcheck:gender=…` on a language section (the concept's gender), `termcheck:file=…` on a
concept, and `termcheck:example-good=…` / `termcheck:example-bad[rule]=…` on a language section.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from ..errors import SourceError
from ..glossary.model import Glossary
from .cells import Cells
from .records import ConceptRow, ExampleRow, Table, TermRow, from_glossary
from .safety import check_size

NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STATUS_TO_TBX = {"preferred": "preferredTerm-admn-sts", "admitted": "admittedTerm-admn-sts",
                 "deprecated": "deprecatedTerm-admn-sts"}  # fmt: skip
TBX_TO_STATUS = {v: k for k, v in STATUS_TO_TBX.items()} | {
    "supersededTerm-admn-sts": "deprecated", "preferred": "preferred", "admitted": "admitted",
    "deprecated": "deprecated", "forbidden": "deprecated", "obsolete": "deprecated", "notRecommended": "deprecated",
    "standardized": "preferred", "preferredTerm": "preferred", "admittedTerm": "admitted",
    "deprecatedTerm": "deprecated", "supersededTerm": "deprecated",
}  # fmt: skip
TBX_TYPES = ("fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase")
PREFIX = "termcheck:"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, {k.replace("_", ":") if k == "xml_lang" else k: v for k, v in attrs.items()})
    if text is not None:
        el.text = text
    return el


def export(glossary: Glossary, path: Path, langs: list[str] | None = None, version: str = "") -> Table:
    from ..fileio import atomic_write

    table = from_glossary(glossary, langs)
    ET.register_namespace("", NS)
    root = ET.Element(f"{{{NS}}}tbx", {"type": "TBX-Basic", "style": "dca", XML_LANG: "en"})
    header = _sub(root, f"{{{NS}}}tbxHeader")
    source = _sub(_sub(header, f"{{{NS}}}fileDesc"), f"{{{NS}}}sourceDesc")
    _sub(
        source,
        f"{{{NS}}}p",
        f"Exported by termcheck {version}: {len(table.concepts)} concepts, {len(table.terms)} terms",
    )
    body = _sub(_sub(root, f"{{{NS}}}text"), f"{{{NS}}}body")
    for concept in table.concepts:
        _concept(body, concept, table)
    ET.indent(root)
    data = b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"
    atomic_write(path, data)
    return table


def _concept(body: ET.Element, c: ConceptRow, table: Table) -> None:
    entry = _sub(body, f"{{{NS}}}conceptEntry", id=c.id)
    if c.domain:
        _sub(entry, f"{{{NS}}}descrip", c.domain, type="subjectField")
    if c.note:
        _sub(entry, f"{{{NS}}}note", c.note)
    if c.file:
        _sub(entry, f"{{{NS}}}note", f"{PREFIX}file={c.file}")
    for lang in table.langs:
        terms = [t for t in table.terms if t.concept == c.id and t.lang == lang]
        if not terms:
            continue
        sec = ET.SubElement(entry, f"{{{NS}}}langSec", {XML_LANG: lang})
        if c.definition.get(lang):
            _sub(sec, f"{{{NS}}}descrip", c.definition[lang], type="definition")
        if c.gender.get(lang):
            _sub(sec, f"{{{NS}}}note", f"{PREFIX}gender={c.gender[lang]}")
        for e in (e for e in table.examples if e.concept == c.id and e.lang == lang):
            kind = "example-good" if e.good else f"example-bad[{e.rule or ''}]"
            _sub(sec, f"{{{NS}}}note", f"{PREFIX}{kind}={e.text}")
        for t in terms:
            _term(sec, t, c.gender.get(lang))


def _term(sec: ET.Element, t: TermRow, concept_gender: str | None) -> None:
    term_sec = _sub(sec, f"{{{NS}}}termSec")
    _sub(term_sec, f"{{{NS}}}term", t.term)
    _sub(term_sec, f"{{{NS}}}termNote", STATUS_TO_TBX[t.status], type="administrativeStatus")
    if t.type in TBX_TYPES:
        _sub(term_sec, f"{{{NS}}}termNote", t.type, type="termType")
    if t.gender or concept_gender:
        _sub(term_sec, f"{{{NS}}}termNote", t.gender or concept_gender, type="grammaticalGender")
    _sub(term_sec, f"{{{NS}}}termNote", "noun" if t.case == "ignore" else "properNoun", type="partOfSpeech")
    notes = [f"{PREFIX}type={t.type}"] if t.type and t.type not in TBX_TYPES else []
    notes += [f"{PREFIX}{k}={v}" for k, v in (("group", t.group), ("case", t.case)) if v]
    notes += [f"{PREFIX}inflect={'true' if t.inflect else 'false'}", *([f"{PREFIX}quoted=true"] if t.quoted else [])]
    if t.note:
        notes.append(t.note)
    for note in notes:
        _sub(term_sec, f"{{{NS}}}note", note)


# --- import ---------------------------------------------------------------------------------------------


def read(path: Path, label: str) -> tuple[Table, list[str]]:
    """TBX-Basic (conceptEntry / langSec / termSec) or TBX v2 (termEntry / langSet / tig or ntig)."""
    check_size(path, label)
    import defusedxml.ElementTree as DET
    from defusedxml import DefusedXmlException

    try:
        root = DET.parse(str(path)).getroot()
    except DefusedXmlException as exc:
        name = getattr(exc, "name", None)
        what = f" ('{name}')" if name else ""
        raise SourceError(f"refused: the file declares XML entities{what}; TBX files need none", label) from None
    except ET.ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        raise SourceError(f"not a TBX file: {str(exc).splitlines()[0]}", label, line) from None
    cells = Cells()
    table = Table()
    langs: list[str] = []
    entries = [el for el in root.iter() if _local(el) in ("conceptEntry", "termEntry")]
    if not entries:
        raise SourceError("no conceptEntry (TBX-Basic) or termEntry (TBX v2) found", label)
    for n, entry in enumerate(entries, start=1):
        _read_entry(entry, n, label, cells, table, langs)
    table.langs = tuple(langs)
    return table, cells.problems


def _local(el: Any) -> str:
    return str(el.tag).rsplit("}", 1)[-1]


def _children(el: Any, *names: str) -> list[Any]:
    return [c for c in el if _local(c) in names]


def _read_entry(entry: Any, n: int, label: str, cells: Cells, table: Table, langs: list[str]) -> None:
    where = f"{label}, concept entry {n}"
    cid = cells.concept_id(entry.get("id") or f"concept-{n}", f"{where} (id)")
    if cid is None:
        return
    row = ConceptRow(cid, where=where)
    for el in _children(entry, "descrip", "descripGrp"):
        el = el if _local(el) == "descrip" else next(iter(_children(el, "descrip")), el)
        if el.get("type") == "subjectField":
            row.domain = (el.text or "").strip() or None
        elif el.get("type") == "definition":
            row.definition["en"] = (el.text or "").strip()
    for el in _children(entry, "note"):
        text = (el.text or "").strip()
        if text.startswith(f"{PREFIX}file="):
            row.file = text.split("=", 1)[1]
        elif text:
            row.note = text
    for sec in _children(entry, "langSec", "langSet"):
        lang = cells.lang(sec.get(XML_LANG) or sec.get("lang"), f"{where}, language section")
        if lang is None:
            continue
        langs += [lang] if lang not in langs else []
        _read_lang(sec, cid, lang, f"{where}, {lang}", cells, table, row)
    table.concepts.append(row)


def _read_lang(sec: Any, cid: str, lang: str, where: str, cells: Cells, table: Table, row: ConceptRow) -> None:
    for el in sec.iter():
        if _local(el) == "descrip" and el.get("type") == "definition" and el.text:
            row.definition[lang] = el.text.strip()
    for note in _children(sec, "note"):
        text = (note.text or "").strip()
        if text.startswith(f"{PREFIX}gender="):
            row.gender[lang] = text.split("=", 1)[1]
        elif text.startswith(f"{PREFIX}example-"):
            head, _, sentence = text[len(PREFIX) :].partition("=")
            rule = head.partition("[")[2].rstrip("]") or None
            table.examples.append(ExampleRow(cid, lang, head.startswith("example-good"), sentence, rule, where))
    groups = [g for g in sec.iter() if _local(g) in ("termSec", "tig", "termGrp")]
    for k, group in enumerate(groups, start=1):
        term_el = next((c for c in group if _local(c) == "term"), None)
        if term_el is None or not "".join(term_el.itertext()).strip():
            continue
        t = TermRow(cid, lang, "".join(term_el.itertext()).strip(), where=f"{where}, term {k}")
        _term_notes(group, t, row.gender.get(lang), cells)
        table.terms.append(t)


def _term_notes(group: Any, t: TermRow, concept_gender: str | None, cells: Cells) -> None:
    notes: list[str] = []
    for el in group.iter():
        kind, text = el.get("type"), (el.text or "").strip()
        if _local(el) == "termNote" and kind == "administrativeStatus":
            t.status = TBX_TO_STATUS.get(text) or cells.status(text, f"{t.where}, administrativeStatus")
        elif _local(el) == "termNote" and kind == "termType":
            t.type = cells.term_type(text, f"{t.where}, termType")
        elif _local(el) == "termNote" and kind == "grammaticalGender" and text in ("masculine", "feminine", "neuter"):
            t.gender = text if text != concept_gender else None
        elif _local(el) == "note" and text.startswith(PREFIX):
            key, _, value = text[len(PREFIX) :].partition("=")
            if key == "type":
                t.type = cells.term_type(value, f"{t.where}, type")
            elif key in ("group", "case"):
                setattr(t, key, value if key == "group" else cells.case(value, f"{t.where}, case"))
            elif key in ("inflect", "quoted"):
                setattr(t, key, value == "true")
        elif _local(el) == "note" and text:
            notes.append(text)
    t.note = "\n".join(notes) or None
