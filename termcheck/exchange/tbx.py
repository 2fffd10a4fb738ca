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
from ..languages import normalize
from .cells import Cells, xml_safe
from .records import ConceptRow, ExampleRow, Table, TermRow, from_glossary
from .safety import check_size

NS = "urn:iso:std:iso:30042:ed-2"
CORE_NS = "urn:iso:std:iso:30042"  # the core structure's namespaces (ed-2, ed:3.0 in LTAC's samples)
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
    """A child element; what XML 1.0 cannot hold (a control character in a note) is written escaped
    (`\\x1b`), as in the workbooks: the file always parses."""
    el = ET.SubElement(
        parent, tag, {k.replace("_", ":") if k == "xml_lang" else k: xml_safe(v) for k, v in attrs.items()}
    )
    if text is not None:
        el.text = xml_safe(text)
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
    terms: dict[tuple[str, str], list[TermRow]] = {}
    for t in table.terms:
        terms.setdefault((t.concept, t.lang), []).append(t)
    examples: dict[tuple[str, str], list[ExampleRow]] = {}
    for e in table.examples:
        examples.setdefault((e.concept, e.lang), []).append(e)
    for concept in table.concepts:
        _concept(body, concept, table.langs, terms, examples)
    ET.indent(root)
    data = b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"
    atomic_write(path, data)
    return table


def _concept(body: ET.Element, c: ConceptRow, langs: tuple[str, ...], terms_of: dict[tuple[str, str], list[TermRow]],
             examples_of: dict[tuple[str, str], list[ExampleRow]]) -> None:  # fmt: skip
    entry = _sub(body, f"{{{NS}}}conceptEntry", id=c.id)
    if c.domain:
        _sub(entry, f"{{{NS}}}descrip", c.domain, type="subjectField")
    for line in (c.note or "").split("\n"):  # a note of several lines: a <note> each, read back joined
        if line.strip():
            _sub(entry, f"{{{NS}}}note", line)
    if c.file:
        _sub(entry, f"{{{NS}}}note", f"{PREFIX}file={c.file}")
    for line in c.sources or ():
        _sub(entry, f"{{{NS}}}note", f"{PREFIX}source={line}")
    for lang in langs:
        terms = terms_of.get((c.id, lang), [])
        if not terms:
            continue
        sec = ET.SubElement(entry, f"{{{NS}}}langSec", {XML_LANG: lang})
        if c.definition.get(lang):
            _sub(sec, f"{{{NS}}}descrip", c.definition[lang], type="definition")
        if c.gender.get(lang):
            _sub(sec, f"{{{NS}}}note", f"{PREFIX}gender={c.gender[lang]}")
        for e in examples_of.get((c.id, lang), []):
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
    notes += [f"{PREFIX}since={t.since}"] if t.since else []
    notes += [f"{PREFIX}homograph=true"] if t.homograph else []
    if t.note:
        notes += [line for line in t.note.split("\n") if line.strip()]
    for note in notes:
        _sub(term_sec, f"{{{NS}}}note", note)


# --- import ---------------------------------------------------------------------------------------------


# Elements nested deeper than this are refused: TBX needs about ten levels, and every walk of the tree
# (and each element's text, joined from everything under it) then costs at most this many times the file.
MAX_DEPTH = 64


class _TooDeep(Exception):
    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


class _Lines(ET.TreeBuilder):
    """A tree builder that notes the line each element starts on (for warnings that point at it), and
    stops at an element nested more than MAX_DEPTH deep."""

    def __init__(self) -> None:
        super().__init__()
        self.expat: Any = None
        self.lines: dict[int, int] = {}
        self.depth = 0

    def start(self, tag: Any, attrs: Any) -> Any:
        line = self.expat.CurrentLineNumber if self.expat is not None else 0
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _TooDeep(line)
        el = super().start(tag, attrs)
        self.lines[id(el)] = line
        return el

    def end(self, tag: Any) -> Any:
        self.depth -= 1
        return super().end(tag)


def _parse(data: bytes, label: str) -> tuple[Any, dict[int, int]]:
    import defusedxml.ElementTree as DET
    from defusedxml import DefusedXmlException

    builder = _Lines()
    try:
        parser = DET.DefusedXMLParser(target=builder)
        builder.expat = getattr(parser, "parser", None)
        for start in range(0, len(data), 1 << 16):
            parser.feed(data[start : start + (1 << 16)])
        root = parser.close()
    except _TooDeep as exc:
        raise SourceError(f"refused: elements nested more than {MAX_DEPTH} deep; TBX needs about ten", label,
                          exc.line) from None  # fmt: skip
    except DefusedXmlException as exc:
        name = getattr(exc, "name", None)
        what = f" ('{name}')" if name else ""
        raise SourceError(f"refused: the file declares XML entities{what}; TBX files need none", label) from None
    except ET.ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        raise SourceError(f"not a TBX file: {str(exc).splitlines()[0]}", label, line) from None
    return root, builder.lines


class _Reader:
    """Reads concepts from TBX-Basic (DCA: `<termNote type="administrativeStatus">`; DCT: module
    elements such as `<basic:administrativeStatus>`), TBX-Min and TBX-Core, and TBX v2 (martif:
    MultiTerm, Weblate, Lokalize). What it cannot map is listed, with its line, never dropped
    silently."""

    def __init__(self, label: str, lines: dict[int, int]) -> None:
        self.label, self.lines = label, lines
        self.cells = Cells()
        self.table = Table()
        self.langs: dict[str, None] = {}  # in the order first met
        self.skipped: dict[str, list[int]] = {}
        self.file_lang = "en"

    def line(self, el: Any) -> int:
        return self.lines.get(id(el), 0)

    def skip(self, el: Any, what: str) -> None:
        self.skipped.setdefault(what, []).append(self.line(el))

    def warnings(self) -> list[str]:
        out = []
        for what, lines in sorted(self.skipped.items(), key=lambda kv: kv[1][0]):
            more = f" (and {len(lines) - 1} more)" if len(lines) > 1 else ""
            why = ("kept as a note: it is no status termcheck knows" if " value " in what
                   else "not imported: termcheck has no field for it")  # fmt: skip
            out.append(f"{self.label}:{lines[0]}: {what}{more} {why}")
        return out

    def entry(self, entry: Any, n: int) -> None:
        where = f"{self.label}:{self.line(entry)}, concept entry {n}"
        raw = entry.get("id") or f"concept-{n}"
        cid = self.cells.concept_id(_slug(raw), f"{where} (id)")
        if cid is None:
            return
        row = ConceptRow(cid, where=where)
        own: list[str] = []  # the concept's note, a line each (joined once: a file may give thousands)
        notes: list[str] = [f"TBX id: {raw}"] if _slug(raw) != raw else []
        for el in entry:
            local = _local(el)
            if local in ("langSec", "langSet"):
                continue
            self.concept_info(el, row, own, notes)
        for sec in _children(entry, "langSec", "langSet"):
            lang = self.cells.lang(sec.get(XML_LANG) or sec.get("lang"), f"{where}, language section")
            if lang is None:
                continue
            self.langs.setdefault(lang, None)
            self.lang_section(sec, cid, lang, f"{where}, {lang}", row, own)
        row.note = "\n".join(own + notes) or None
        self.table.concepts.append(row)

    def concept_info(self, el: Any, row: ConceptRow, own: list[str], notes: list[str]) -> None:
        """A concept-level element: subject field, definition, note (into `own`), source, cross-reference."""
        for cat, text, node in _categories(el):
            if cat == "subjectField":
                row.domain = text or row.domain
            elif cat == "definition":
                row.definition.setdefault(self.file_lang, text)
            elif cat == "note" and text.startswith(f"{PREFIX}file="):
                row.file = text.split("=", 1)[1]
            elif cat == "note" and text.startswith(f"{PREFIX}source="):
                row.sources = row.sources if row.sources is not None else []
                row.sources.append(text.split("=", 1)[1])
            elif cat == "note" and text:
                own.append(text)
            elif cat in _KEPT_AS_NOTES and text:
                notes.append(f"{_KEPT_AS_NOTES[cat]}: {text}")
            elif cat not in _SILENT:
                self.skip(node, _describe(node, cat))

    def lang_section(self, sec: Any, cid: str, lang: str, where: str, row: ConceptRow, own: list[str]) -> None:
        notes: list[str] = []
        for el in sec:
            if _local(el) in ("termSec", "tig", "ntig"):
                continue
            for cat, text, node in _categories(el):
                if cat == "definition" and text:
                    row.definition[lang] = text
                elif cat == "note" and text.startswith(f"{PREFIX}gender="):
                    row.gender[lang] = text.split("=", 1)[1]
                elif cat == "note" and text.startswith(f"{PREFIX}example-"):
                    head, _, sentence = text[len(PREFIX) :].partition("=")
                    rule = head.partition("[")[2].rstrip("]") or None
                    self.table.examples.append(ExampleRow(cid, lang, head.startswith("example-good"), sentence, rule,
                                                          where))  # fmt: skip
                elif (cat == "note" or cat in _KEPT_AS_NOTES) and text:
                    notes.append(text if cat == "note" else f"{_KEPT_AS_NOTES[cat]}: {text}")
                elif cat not in _SILENT:
                    self.skip(node, _describe(node, cat))
        own += [f"{lang}: {n}" for n in notes]
        groups = [g for g in sec if _local(g) in ("termSec", "tig", "ntig")]
        for k, group in enumerate(groups, start=1):
            term_el = next((c for c in group.iter() if _local(c) == "term"), None)
            if term_el is None or not "".join(term_el.itertext()).strip():
                continue
            text = " ".join("".join(term_el.itertext()).split())
            t = TermRow(cid, lang, text, where=f"{self.label}:{self.line(term_el)}, {cid}, {lang}, term {k}")
            self.term_info(group, t, row.gender.get(lang))
            self.table.terms.append(t)

    def term_info(self, group: Any, t: TermRow, concept_gender: str | None) -> None:
        notes: list[str] = []
        status: str | None = None
        for el in group.iter():
            if el is group or _local(el) in ("term", "termGrp", "termNoteGrp", "descripGrp", "adminGrp"):
                continue
            for cat, text, node in _categories(el, nested=False):
                if cat in _STATUS_CATEGORIES:
                    found = _STATUS.get(cat, {}).get(text) or (TBX_TO_STATUS.get(text) if cat != "temporalQualifier"
                                                               else None)  # fmt: skip
                    if found is None:  # a value outside the standard's (EuroTermBank's "approved"): kept, said
                        notes.append(f"{cat}: {text}")
                        self.skip(node, f'<{_local(node)} type="{cat}"> value "{text}"')
                    elif status is None or cat == "administrativeStatus":
                        status = found  # administrativeStatus wins over the others
                    if text.startswith("superseded"):
                        notes.append("superseded")
                elif cat == "termType":
                    if text in TBX_TYPES or text in ("surname",):
                        t.type = text
                    else:
                        notes.append(f"term type: {text}")
                elif cat == "grammaticalGender":
                    if text in ("masculine", "feminine", "neuter"):
                        t.gender = text if text != concept_gender else None
                    elif text:
                        notes.append(f"gender: {text}")
                elif cat == "partOfSpeech":
                    if text not in ("noun", "properNoun"):  # a name's case follows from its capitals
                        notes.append(f"part of speech: {text}")
                elif cat == "note" and text.startswith(PREFIX):
                    key, _, value = text[len(PREFIX) :].partition("=")
                    if key == "type":
                        t.type = self.cells.term_type(value, f"{t.where}, type")
                    elif key in ("group", "case"):
                        setattr(t, key, value if key == "group" else self.cells.case(value, f"{t.where}, case"))
                    elif key in ("inflect", "quoted", "homograph"):
                        setattr(t, key, value == "true")
                    elif key == "since":
                        t.since = value
                elif cat == "note" and text:
                    notes.append(text)
                elif cat in _KEPT_AS_NOTES and text:
                    notes.append(f"{_KEPT_AS_NOTES[cat]}: {text}")
                elif cat not in _SILENT:
                    self.skip(node, _describe(node, cat))
        if status is not None:
            t.status = status
        t.note = "\n".join(notes) or None


# Data categories kept as notes (TBX-Basic's and TBX v2's): what a translator should still see.
_KEPT_AS_NOTES = {"source": "source", "context": "context", "usageNote": "usage", "geographicalUsage": "region",
                  "crossReference": "see also", "xref": "see also", "ref": "see also", "example": "example",
                  "customerSubset": "customer", "projectSubset": "project", "explanation": "explanation",
                  "Usage note": "usage", "transferComment": "transfer comment", "grammaticalNumber": "number",
                  "register": "register", "responsibility": "responsible", "xSource": "source",
                  "sourceIdentifier": "source", "externalCrossReference": "see also"}  # fmt: skip
# Containers and bookkeeping read through, or whose loss costs nothing (a date of change).
_SILENT = {"", "termGrp", "termNoteGrp", "descripGrp", "adminGrp", "transac", "transacNote", "date",
           "translationNote"}  # fmt: skip
_STATUS = {
    "usageStatus": {"preferred": "preferred", "admitted": "admitted", "notRecommended": "deprecated",
                    "obsolete": "deprecated"},
    "normativeAuthorization": {"standardizedTerm": "preferred", "preferredTerm": "preferred",
                               "admittedTerm": "admitted", "deprecatedTerm": "deprecated",
                               "supersededTerm": "deprecated", "legalTerm": "preferred",
                               "regulatedTerm": "preferred"},
}  # fmt: skip
_STATUS["temporalQualifier"] = {"obsoleteTerm": "deprecated", "archaicTerm": "deprecated"}
_STATUS_CATEGORIES = ("administrativeStatus", "normativeAuthorization", "usageStatus", "temporalQualifier")


def _categories(el: Any, nested: bool = True) -> list[tuple[str, str, Any]]:
    """The data categories an element carries, as (name, text, element): a DCA element names its
    category in `type` (`<termNote type="termType">`), a DCT element is named after it
    (`<basic:termType>`, `<min:administrativeStatus>`); a group holds several."""
    local = _local(el)
    ns = str(el.tag)[1:].split("}", 1)[0] if str(el.tag).startswith("{") else ""
    text = " ".join("".join(el.itertext()).split())
    if local in ("descripGrp", "termNoteGrp", "adminGrp") and nested:
        return [c for child in el for c in _categories(child)]
    if local in ("descripGrp", "termNoteGrp", "adminGrp"):
        return []  # read through by the caller's walk
    if ns and not ns.startswith(CORE_NS):
        return [(local, text, el)]  # DCT style: the element (in a module's namespace) is the data category
    if local in ("termNote", "descrip", "admin"):
        return [(el.get("type") or "", text, el)]
    if local == "note":
        return [("note", text, el)]
    if local in ("ref", "xref"):
        target = el.get("target") or el.get("{http://www.w3.org/1999/xlink}href") or ""
        return [(el.get("type") or local, text or target, el)]
    if local == "transacGrp":
        return [("transacGrp", text, el)]
    return [(local, text, el)]


def _describe(el: Any, cat: str) -> str:
    local = _local(el)
    return f'<{local} type="{cat}">' if el.get("type") else f"<{local}>"


def _slug(raw: str) -> str:
    """A concept id from a TBX id: lower case, spaces and other punctuation as '-' (the TBX id is kept
    in the note when it differs)."""
    import re

    slug = re.sub(r"[^\w.-]+", "-", raw.strip().lower()).strip("-._")
    return slug or "concept"


def schema_problems(data: bytes, label: str, schema: Path) -> list[str]:
    """The file (its bytes) checked against a RELAX NG schema (TBX-Basic's
    `TBXcoreStructV03_TBX-Basic_integrated.rng`, given with --schema or named by the file's own
    `<?xml-model?>` when it is a local file), with lxml: each violation with its line. Entities are not
    expanded and nothing is fetched; the schema and every file it includes are regular files, read by
    termcheck (see `_schema_copy`), so that lxml never opens a FIFO or a device."""
    try:
        from lxml import etree
    except ImportError:
        return [f"{label}: --schema needs lxml: pip install 'termcheck[schema]'"]
    import tempfile

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    with tempfile.TemporaryDirectory(prefix="termcheck-schema-") as tmp:
        try:
            copy = _schema_copy(schema, Path(tmp), parser)
            grammar = etree.RelaxNG(etree.parse(str(copy), parser))
        except SourceError:
            raise
        except (etree.XMLSyntaxError, etree.RelaxNGParseError, OSError) as exc:
            return [f"{schema}: not a RELAX NG schema lxml can use: {exc}"]
    try:
        document = etree.fromstring(data, parser).getroottree()
    except etree.XMLSyntaxError:
        return []  # the reader reports what is wrong with the XML itself
    if grammar.validate(document):
        return []
    return [f"{label}:{e.line}: not valid against {schema.name}: {e.message}" for e in grammar.error_log]


RNG_NS = "http://relaxng.org/ns/structure/1.0"


def _schema_copy(schema: Path, tmp: Path, parser: Any) -> Path:
    """The schema and every file it includes (`<include>`, `<externalRef>`), each read as a regular file
    no larger than the import limit (a FIFO or a device is a located error, never a hang) and copied
    into `tmp` with its references pointed at the copies: lxml then opens nothing else. A reference
    to a URL is refused (the import works offline)."""
    from lxml import etree

    from ..sources.text import read_regular
    from .safety import MAX_FILE

    copies: dict[Path, Path] = {}
    todo = [schema.resolve()]
    copies[todo[0]] = tmp / "0.rng"
    while todo:
        path = todo.pop()
        try:
            tree = etree.fromstring(read_regular(path, str(path), MAX_FILE), parser)
        except etree.XMLSyntaxError as exc:
            raise SourceError(f"not a RELAX NG schema lxml can use: {exc}", str(path)) from None
        for ref in tree.iter(f"{{{RNG_NS}}}include", f"{{{RNG_NS}}}externalRef"):
            href = ref.get("href") or ""
            if "://" in href and not href.startswith("file://"):
                raise SourceError(f"refused: the schema refers to {href!r}; nothing is fetched", str(path),
                                  ref.sourceline)  # fmt: skip
            target = (path.parent / href.removeprefix("file://")).resolve()
            if target not in copies:
                copies[target] = tmp / f"{len(copies)}.rng"
                todo.append(target)
            ref.set("href", copies[target].name)
        copies[path].write_bytes(etree.tostring(tree))
    return copies[schema.resolve()]


def _local_schema(path: Path, data: bytes) -> Path | None:
    """The RELAX NG schema the file names in an `<?xml-model href="..."?>` (in its first 4 KB) when it
    is a file beside it (a URL is not fetched: the import works offline)."""
    import re

    head = data[:4096].decode("utf-8", "replace")
    for href in re.findall(r'<\?xml-model\s[^>]*href="([^"]+\.rng)"', head):
        local: Path = path.parent / str(href)
        if "://" not in href and local.exists():
            return local
    return None


def read(path: Path, label: str, schema: Path | None = None) -> tuple[Table, list[str]]:
    """TBX-Basic (conceptEntry / langSec / termSec, DCA or DCT style), TBX-Min, TBX-Core, or TBX v2
    (termEntry / langSet / tig or ntig). The table's `warnings` list what was not imported, and where
    a schema is given, what it finds wrong. The file is read once, as a regular file."""
    from ..sources.text import read_regular
    from .safety import MAX_FILE

    check_size(path, label)
    data = read_regular(path, label, MAX_FILE)
    root, lines = _parse(data, label)
    reader = _Reader(label, lines)
    reader.file_lang = normalize(root.get(XML_LANG) or "") or "en"  # MultiTerm writes EN-US
    if (root.get("type") or "").lower() in ("tbx-basic", "tbx-min"):
        reader.table.warnings += [f"{label}:{line}: not valid {root.get('type')}: {why}"
                                  for line, why in _dialect_problems(root, lines)]  # fmt: skip
    entries = [el for el in root.iter() if _local(el) in ("conceptEntry", "termEntry")]
    if not entries and not any(_local(el) == "body" for el in root.iter()):
        raise SourceError("no conceptEntry (TBX-Basic) or termEntry (TBX v2) found", label)
    if not entries:  # a glossary with no term yet (Weblate writes one for each new language): nothing to do
        reader.table.warnings.append(f"{label}: the file holds no concept (an empty <body>): nothing to import")
    for n, entry in enumerate(entries, start=1):
        reader.entry(entry, n)
    reader.table.langs = tuple(reader.langs)
    reader.table.warnings += reader.warnings()
    schema = schema or _local_schema(path, data)
    if schema is not None:
        reader.table.warnings += schema_problems(data, label, schema)
    return reader.table, reader.cells.problems


# TBX-Basic's picklists (LTAC's TBX-Basic dialect, its Schematron rules): a value outside them makes
# the file invalid for the dialect, though termcheck may still read it.
PICKLISTS = {
    "administrativeStatus": {"preferredTerm-admn-sts", "admittedTerm-admn-sts", "deprecatedTerm-admn-sts",
                             "supersededTerm-admn-sts"},
    "termType": {"fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase"},
    "grammaticalGender": {"masculine", "feminine", "neuter", "other"},
    "partOfSpeech": {"noun", "verb", "adjective", "adverb", "properNoun", "other"},
}  # fmt: skip
# Where TBX-Basic allows each data category (the element that holds it, or its group's parent).
_PLACES = {"subjectField": {"conceptEntry"}, "definition": {"langSec", "conceptEntry"},
           "context": {"termSec"}, "administrativeStatus": {"termSec"}, "termType": {"termSec"},
           "grammaticalGender": {"termSec"}, "partOfSpeech": {"termSec"}}  # fmt: skip


def _dialect_problems(root: Any, lines: dict[int, int]) -> list[tuple[int, str]]:
    """Where a TBX-Basic or TBX-Min file breaks its dialect's rules: the structure (conceptEntry with
    an id, langSec with xml:lang, termSec with one term) and the picklists. Warnings: the import
    reads what it can; a tool that validates against the schema would refuse the file."""
    out: list[tuple[int, str]] = []

    def walk(el: Any, parent: str) -> None:
        local, line = _local(el), lines.get(id(el), 0)
        if local == "conceptEntry" and not el.get("id"):
            out.append((line, "<conceptEntry> needs an id"))
        elif local == "langSec" and not el.get(XML_LANG):
            out.append((line, "<langSec> needs xml:lang"))
        elif local == "termSec" and len([c for c in el if _local(c) == "term"]) != 1:
            out.append((line, "<termSec> needs exactly one <term>"))
        for cat, text, node in _categories(el, nested=False) if _carries_category(el, local) else []:
            if node is not el:
                continue
            allowed = PICKLISTS.get(cat)
            if allowed is not None and text not in allowed:
                out.append((line, f'{cat} "{text}" is not one of {", ".join(sorted(allowed))}'))
            places = _PLACES.get(cat)
            if places is not None and parent not in places:
                out.append((line, f"{cat} is not allowed in <{parent}> (only in <{'>, <'.join(sorted(places))}>)"))
        holder = parent if local in ("descripGrp", "termNoteGrp", "adminGrp") else local
        for child in el:
            walk(child, holder)

    walk(root, "")
    return out


def _carries_category(el: Any, local: str) -> bool:
    """Whether the element may be a data category (its text is then read): not the structure around them."""
    tag = str(el.tag)
    return local in ("termNote", "descrip", "admin") or (tag.startswith("{") and not tag.startswith(f"{{{CORE_NS}"))


def _local(el: Any) -> str:
    return str(el.tag).rsplit("}", 1)[-1]


def _children(el: Any, *names: str) -> list[Any]:
    return [c for c in el if _local(c) in names]
