"""Excel workbooks for translators (openpyxl; read with defusedxml against XML bombs).

Sheets: README (what the columns and statuses mean), Terms (one row per term: the sheet translators
edit), Concepts (one row per concept: domain, note, definition and grammatical gender per language),
Examples, and Overview (one row per concept, languages side by side; for reading, ignored on
import). docs/exchange.md explains the choice.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from ..errors import SourceError
from ..glossary.model import CASE_MODES, GENDERS, TERM_TYPES, Glossary, language_name
from .cells import FORMULA_START, Cells, Row, term_row
from .records import STATUSES, ConceptRow, ExampleRow, Table, TermRow, from_glossary
from .safety import check_zip

TERM_HEADERS = ("concept", "domain", "language", "term", "status", "type", "gender", "group", "note", "case",
                "inflect", "quoted")  # fmt: skip
EXAMPLE_HEADERS = ("concept", "language", "good or bad", "sentence", "rule")
WIDTHS = {"concept": 26, "domain": 14, "language": 10, "term": 40, "status": 12, "type": 11, "gender": 11,
          "group": 10, "note": 40, "case": 8, "inflect": 8, "quoted": 8, "file": 18, "sentence": 70,
          "good or bad": 11, "rule": 22}  # fmt: skip

README = [
    ("What this is", "The termcheck term base: concepts (one organisation, person, place ...) and their terms in "
                     "each language. Edit it here and send it back; `termcheck glossary import` turns it into the "
                     "YAML files again."),
    ("Sheet Terms", "One row per term. Add a synonym or a translation by adding a row with the same concept id. "
                    "Delete a row to delete the term."),
    ("status", "preferred: the rendering to use. admitted: acceptable. deprecated: do not use (shown in red, "
               "struck through); termcheck suggests the preferred term instead."),
    ("type", "acronym, abbreviation, fullForm, shortForm, surname, variant or phrase: suggestions replace an "
             "acronym by an acronym, a full form by a full form."),
    ("gender", "The grammatical gender of this term when it differs from the concept's (sheet Concepts)."),
    ("group", "Terms of one group are spelling variants: mixing two of them in one text is reported."),
    ("case", "exact: capitals as written. name: as written or in ALL CAPS. ignore: any capitals."),
    ("inflect / quoted", "inflect: the words may take endings (Mitgliedstaaten). quoted: matched only between "
                         "quotation marks (names that are ordinary words)."),
    ("Sheet Concepts", "One row per concept: domain, notes, file, and per language the definition and the "
                       "grammatical gender (articles are checked against it)."),
    ("Sheet Examples", "Sentences that must pass (good) or must be reported (bad); `termcheck glossary check` "
                       "runs them."),
    ("Sheet Overview", "For reading only: the preferred terms side by side. Changes there are ignored."),
]  # fmt: skip


def _put(ws: Any, row: int, col: int, value: Any) -> Any:
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        cell.value = value
        cell.data_type = "s"  # text, never a formula (CSV/Excel formula injection)
        cell.quotePrefix = True
    else:
        cell.value = value
    return cell


def _sheet(wb: Any, title: str, headers: tuple[str, ...], rows: list[tuple[Any, ...]]) -> Any:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    bold = Font(bold=True, color="FFFFFF")
    fill = PatternFill("solid", fgColor="1F4E78")
    for col, name in enumerate(headers, start=1):
        cell = ws.cell(row=1, column=col, value=name)
        cell.font, cell.fill = bold, fill
        ws.column_dimensions[get_column_letter(col)].width = WIDTHS.get(name.split(": ")[-1], 18)
    wrap = Alignment(wrap_text=True, vertical="top")
    for r, values in enumerate(rows, start=2):
        for col, value in enumerate(values, start=1):
            cell = _put(ws, r, col, value)
            if isinstance(value, str) and len(value) > 30:
                cell.alignment = wrap
    ws.freeze_panes = "A2"
    if rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(rows) + 1}"
    return ws


def _validation(ws: Any, column: int, choices: tuple[str, ...], rows: int) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    letter = get_column_letter(column)
    allowed = ", ".join(choices)
    dv = DataValidation(type="list", formula1=f'"{",".join(choices)}"', allow_blank=True, showErrorMessage=True,
                        errorTitle="Not allowed", error=f"One of: {allowed}")  # fmt: skip
    dv.add(f"{letter}2:{letter}{max(rows + 200, 1000)}")
    ws.add_data_validation(dv)


def export(glossary: Glossary, path: Path, langs: list[str] | None = None, version: str = "") -> Table:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    table = from_glossary(glossary, langs)
    wb = Workbook()
    wb.remove(wb.active)
    readme = _sheet(wb, "README", ("topic", "explanation"), README)
    readme.column_dimensions["B"].width = 110
    domains = {c.id: c.domain for c in table.concepts}
    term_rows = [(t.concept, domains.get(t.concept), t.lang, t.term, t.status, t.type, t.gender, t.group, t.note,
                  t.case, "yes" if t.inflect else "no", "yes" if t.quoted else None) for t in table.terms]  # fmt: skip
    ws = _sheet(wb, "Terms", TERM_HEADERS, term_rows)
    struck = Font(color="C00000", strike=True)
    for r, t in enumerate(table.terms, start=2):
        if t.status == "deprecated":
            ws.cell(row=r, column=4).font = struck
            ws.cell(row=r, column=5).font = Font(color="C00000")
    for name, choices in (("status", STATUSES), ("type", TERM_TYPES), ("gender", GENDERS), ("case", CASE_MODES),
                          ("inflect", ("yes", "no")), ("quoted", ("yes", "no"))):  # fmt: skip
        _validation(ws, TERM_HEADERS.index(name) + 1, choices, len(term_rows))
    per_lang = tuple(f"{lang}: {what}" for lang in table.langs for what in ("definition", "gender"))
    concept_headers = ("concept", "domain", "note", "file", *per_lang)
    concept_rows = [(c.id, c.domain, c.note, c.file, *(v for lang in table.langs
                     for v in (c.definition.get(lang), c.gender.get(lang)))) for c in table.concepts]  # fmt: skip
    cs = _sheet(wb, "Concepts", concept_headers, concept_rows)
    for i in range(len(table.langs)):
        _validation(cs, 5 + 2 * i + 1, GENDERS, len(concept_rows))
    _sheet(
        wb,
        "Examples",
        EXAMPLE_HEADERS,
        [(e.concept, e.lang, "good" if e.good else "bad", e.text, e.rule) for e in table.examples],
    )
    _overview(wb, table)
    props = wb.properties
    props.title = "termcheck term base"
    props.subject = f"{len(table.concepts)} concepts, {len(table.terms)} terms; languages: {', '.join(table.langs)}"
    props.creator = "termcheck"
    props.created = datetime.datetime.now(datetime.UTC).replace(tzinfo=None, microsecond=0)
    props.version = version
    props.identifier = version
    props.description = "Edit the sheet Terms (and Concepts, Examples); see the sheet README."
    _save(wb, path)
    return table


def _overview(wb: Any, table: Table) -> None:
    from openpyxl.styles import Font

    headers = ("concept", *(f"{lang} ({language_name(lang)})" for lang in table.langs))
    by_concept: dict[str, dict[str, list[TermRow]]] = {}
    for t in table.terms:
        by_concept.setdefault(t.concept, {}).setdefault(t.lang, []).append(t)
    rows = []
    for c in table.concepts:
        rows.append((c.id, *("\n".join(t.term for t in by_concept.get(c.id, {}).get(lang, [])
                                       if t.status != "deprecated") or None for lang in table.langs)))  # fmt: skip
    ws = _sheet(wb, "Overview", headers, rows)
    ws.cell(row=1, column=1).font = Font(bold=True, color="FFFFFF")


def _save(wb: Any, path: Path) -> None:
    """Saved beside the target and renamed over it: never a half-written workbook."""
    import io

    from ..fileio import atomic_write

    buffer = io.BytesIO()
    wb.save(buffer)
    atomic_write(path, buffer.getvalue())


# --- import ---------------------------------------------------------------------------------------------


def read(path: Path, label: str) -> tuple[Table, list[str]]:
    """The workbook's rows and the problems found in them (sheet, row, column)."""
    check_zip(path, label)
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:
        raise SourceError(f"cannot read the workbook: {exc}", label) from None
    cells = Cells(label)
    table = Table(has_concepts="Concepts" in wb.sheetnames, has_examples="Examples" in wb.sheetnames)
    if "Terms" not in wb.sheetnames:
        raise SourceError("the workbook has no sheet 'Terms' (export one with `termcheck glossary export`)", label)
    _read_terms(wb["Terms"], cells, table)
    if table.has_concepts:
        _read_concepts(wb["Concepts"], cells, table)
    if table.has_examples:
        _read_examples(wb["Examples"], cells, table)
    wb.close()
    return table, cells.problems


def _sheet_rows(ws: Any, sheet: str, label: str) -> list[tuple[Any, ...]]:
    """A sheet's rows. openpyxl reads a sheet only now (read-only mode), so a broken sheet (a bad CRC,
    XML that is not well-formed, an entity) fails here: a located error, like a broken workbook."""
    import xml.etree.ElementTree as ET
    import zipfile
    import zlib

    try:
        return list(ws.iter_rows(values_only=True))
    except (zipfile.BadZipFile, ET.ParseError, zlib.error, EOFError, OSError, ValueError, KeyError, TypeError,
            IndexError, NotImplementedError, RuntimeError) as exc:  # fmt: skip
        raise SourceError(f"cannot read the workbook: sheet '{sheet}': {exc}", label) from None


def _rows(ws: Any, sheet: str, required: tuple[str, ...], cells: Cells) -> tuple[list[str], list[Row]]:
    rows = iter(_sheet_rows(ws, sheet, cells.label))
    header = [str(h).strip() if h is not None else "" for h in (next(rows, None) or ())]
    for name in required:
        if name not in header:
            cells.problem(f"Sheet '{sheet}', row 1", f"missing column '{name}'")
    body = [
        Row(f"Sheet '{sheet}'", number, dict(zip(header, values, strict=False)))
        for number, values in enumerate(rows, start=2)
        if any(v not in (None, "") for v in values)
    ]
    return header, body


def _read_terms(ws: Any, cells: Cells, table: Table) -> None:
    _header, body = _rows(ws, "Terms", ("concept", "language", "term", "status"), cells)
    langs: list[str] = []
    for row in body:
        term = term_row(row, cells)
        if term is not None:
            langs += [term.lang] if term.lang not in langs else []
            table.terms.append(term)
    table.langs = tuple(langs)


def _read_concepts(ws: Any, cells: Cells, table: Table) -> None:
    header, body = _rows(ws, "Concepts", ("concept",), cells)
    for row in body:
        cid = cells.concept_id(row.get("concept"), row.at("concept"))
        if cid is None:
            continue
        concept = ConceptRow(cid, where=row.at("concept"))
        concept.domain = cells.text(row.get("domain"), row.at("domain"))
        concept.note = cells.text(row.get("note"), row.at("note"))
        concept.file = cells.text(row.get("file"), row.at("file"))
        for name in header:
            lang, _, what = name.partition(": ")
            if what == "definition" and (text := cells.text(row.get(name), row.at(name))):
                concept.definition[lang] = text
            elif what == "gender" and (gender := cells.gender(row.get(name), row.at(name))):
                concept.gender[lang] = gender
        table.concepts.append(concept)
    defined = [name.partition(": ")[0] for name in header if ": " in name]
    table.langs = tuple(dict.fromkeys([*table.langs, *defined]))


def _read_examples(ws: Any, cells: Cells, table: Table) -> None:
    _header, body = _rows(ws, "Examples", EXAMPLE_HEADERS[:4], cells)
    for row in body:
        cid = cells.concept_id(row.get("concept"), row.at("concept"))
        lang = cells.lang(row.get("language"), row.at("language"))
        kind = cells.choice(row.get("good or bad"), row.at("good or bad"), ("good", "bad"))
        text = cells.text(row.get("sentence"), row.at("sentence"), required=True)
        if cid and lang and kind and text:
            rule = cells.text(row.get("rule"), row.at("rule"))
            table.examples.append(ExampleRow(cid, lang, kind == "good", text, rule, row.at("sentence")))
