"""Excel workbooks for translators (openpyxl; read with defusedxml against XML bombs).

Sheets: Glossary (one row per concept, a column group per language: the sheet translators read and
print; ignored on import), Terms (one row per term: the sheet they edit), Concepts (one row per
concept: domain, note, definition and grammatical gender per language), Sources (a row per source of
a concept), Examples, and README (what
the sheets, columns and statuses mean). Every sheet is ready to read and to print: widths from the
content, wrapped text with row heights for its lines, frozen headers, filters, landscape pages with
the header repeated and page numbers. docs/exchange.md explains the choice.
"""

from __future__ import annotations

import datetime
import math
from pathlib import Path
from typing import Any

from ..errors import SourceError
from ..glossary.diff import Diff
from ..glossary.model import CASE_MODES, GENDERS, TERM_TYPES, Concept, Glossary, language_name
from ..languages import normalize
from .cells import FORMULA_START, Cells, Row, term_row, xml_safe
from .records import STATUSES, ConceptRow, ExampleRow, Table, TermRow, from_glossary
from .safety import check_zip

TERM_HEADERS = ("concept", "domain", "language", "term", "status", "type", "gender", "group", "note", "case",
                "inflect", "quoted", "since", "homograph")  # fmt: skip
EXAMPLE_HEADERS = ("concept", "language", "good or bad", "sentence", "rule")
SOURCE_HEADERS = ("concept", "title", "address", "checked", "languages", "note")
# The widest a column grows to fit its content (in Excel's units, about a digit each); longer texts wrap.
# A term column is wide enough for the longest term (44 letters), so that no term is broken in two.
MAX_WIDTHS = {"term": 46, "preferred": 28, "also allowed": 28, "do not use": 24, "note": 40, "definition": 50,
              "sentence": 70, "explanation": 100, "topic": 24, "concept": 26, "file": 22, "title": 60, "address": 60,
              "languages": 16}  # fmt: skip
MAX_WIDTH = 30
FONT = "Calibri"  # LibreOffice shows it in Carlito, its metric twin (Debian: fonts-crosextra-carlito)
LINE_HEIGHT = 15.0  # points a line of 11-point Calibri takes
PAGE_WIDTH = 140  # column units across a landscape A4 page at 100 %, margins taken off
SMALLEST_SCALE = 0.6  # a printed page is not shrunk below this (11 points become 6.6)
HEADER_FILL = "1F4E78"
DEPRECATED = "C00000"

README = [
    ("What this is", "The termcheck term base: concepts (one organisation, person, place ...) and their terms in "
                     "each language. Edit it here and send it back; `termcheck glossary import` turns it into the "
                     "YAML files again."),
    ("Sheet Glossary", "For reading and printing: one row per concept, and for each language its preferred term, "
                       "the other allowed terms, the terms not to use (struck through) and the grammatical "
                       "gender; then the definitions and the note. Changes there are ignored: edit Terms."),
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
    ("since", "The date from which the status holds: Kiev deprecated since 2019-10."),
    ("homograph", "yes: the name is also an ordinary word in lower case (china, turkey, cuba), which is then "
                  "never taken for the name in the wrong capitals."),
    ("Sheet Concepts", "One row per concept: domain, notes, file, and per language the definition and the "
                       "grammatical gender (articles are checked against it)."),
    ("Sheet Sources", "Where each concept's renderings come from: one row per source, with the date it was "
                      "checked (YYYY-MM-DD) and the languages it vouches for (all when empty)."),
    ("Sheet Examples", "Sentences that must pass (good) or must be reported (bad); `termcheck glossary check` "
                       "runs them."),
]  # fmt: skip


class Styled:
    """Gives cells one alignment. Set once, then its style record copied: openpyxl looks a style up by
    hashing it on every assignment, which took most of an export's time (95,000 cells, 5 s)."""

    def __init__(self, alignment: Any) -> None:
        self.alignment = alignment
        self.style: Any = None

    def __call__(self, cell: Any) -> None:
        from copy import copy

        if self.style is None:
            cell.alignment = self.alignment
            self.style = copy(cell._style)
        else:
            cell._style = copy(self.style)


def put(ws: Any, row: int, col: int, value: Any) -> Any:
    """Writes a value into a cell of any workbook termcheck writes: text as text (never a formula), with
    what XML cannot hold escaped (`xml_safe`: a control character in a finding's line, a file name)."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        value = xml_safe(value)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        cell.value = value
        cell.data_type = "s"  # text, never a formula (CSV/Excel formula injection)
        cell.quotePrefix = True
    else:
        cell.value = value
    return cell


_NARROW = frozenset(" .,;:'!|()[]/-ijlrtfI")
_WIDE = frozenset("mwMWЖШЩЮжшщюФф")


def _text_width(line: str) -> float:
    """A line's width in column units (a digit's width each) in a proportional font: most lower-case
    letters are narrower than a digit, capitals and m/w wider, Cyrillic letters about as wide."""
    return sum(0.5 if ch in _NARROW else 1.4 if ch in _WIDE else 1.15 if ch.isupper() else 0.95 for ch in line)


def _width(value: Any) -> float:
    """The widest line of a cell's text."""
    return max((_text_width(line) for line in str(value).split("\n")), default=0) if value not in (None, "") else 0


def _lines(value: Any, width: float) -> int:
    """How many lines a wrapped cell of this width shows its text in (a tenth of each line is left for
    the room a word that does not fit leaves at its end)."""
    if value in (None, ""):
        return 1
    room = max((width - 1) * 0.9, 1)
    return sum(max(1, math.ceil(_text_width(line) / room)) for line in str(value).split("\n"))


def fit(ws: Any, headers: list[str], rows: list[tuple[Any, ...]], first_row: int) -> list[float]:
    """Column widths from the content (the header and its filter button at least, at most the column's
    MAX_WIDTHS), then each row, the header's too, as high as its most wrapped cell."""
    from openpyxl.utils import get_column_letter

    widths: list[float] = []
    for col, name in enumerate(headers):
        longest = max([_width(row[col]) for row in rows if col < len(row)], default=0)
        cap = MAX_WIDTHS.get(name.split(": ")[-1], MAX_WIDTH)
        width = round(min(max(longest / 0.9 + 1.5, _text_width(name) + 4, 8), max(cap, _text_width(name) + 4)), 1)
        widths.append(width)
        ws.column_dimensions[get_column_letter(col + 1)].width = width
    header = first_row - 1
    ws.row_dimensions[header].height = LINE_HEIGHT * max(_lines(h, w) for h, w in zip(headers, widths, strict=True)) + 2
    for r, values in enumerate(rows, start=first_row):
        lines = max((_lines(v, widths[c]) for c, v in enumerate(values) if c < len(widths)), default=1)
        ws.row_dimensions[r].height = LINE_HEIGHT * lines + 2
    return widths


def print_setup(ws: Any, widths: list[float], title_rows: str, title_cols: str | None = None,
                title: str = "termcheck term base") -> None:  # fmt: skip
    """Landscape A4; a sheet that fits across a page at SMALLEST_SCALE or more is fitted to the page's
    width, a wider one printed at that scale with its first column on every page; the header rows on
    every page, the sheet's name and the page number on each."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.print_title_rows = title_rows
    if sum(widths) <= PAGE_WIDTH / SMALLEST_SCALE:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
    else:
        ws.print_title_cols = title_cols or "A:A"
        ws.page_setup.scale = int(100 * SMALLEST_SCALE)
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.8  # inches; the header and footer 0.3 from the edge
    ws.page_margins.header = ws.page_margins.footer = 0.3
    ws.oddHeader.left.text = f"{title}: &A"
    ws.oddHeader.left.size = 9
    ws.oddFooter.right.text = "page &P of &N"
    ws.oddFooter.right.size = 9


def header_row(ws: Any, row: int, headers: list[str] | tuple[str, ...]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    bold = Font(name=FONT, bold=True, color="FFFFFF")
    fill = PatternFill("solid", fgColor=HEADER_FILL)
    for col, name in enumerate(headers, start=1):
        cell = put(ws, row, col, name)  # a usage matrix's header names files
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(vertical="top", wrap_text=True)


def _sheet(wb: Any, title: str, headers: tuple[str, ...], rows: list[tuple[Any, ...]]) -> Any:
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    header_row(ws, 1, headers)
    wrap = Alignment(wrap_text=True, vertical="top")
    styled = Styled(wrap)
    for r, values in enumerate(rows, start=2):
        for col, value in enumerate(values, start=1):
            styled(ws.cell(row=r, column=col))
            put(ws, r, col, value)
    widths = fit(ws, list(headers), rows, 2)
    ws.freeze_panes = "A2"
    if rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(rows) + 1}"
    print_setup(ws, widths, "1:1")
    return ws


def validation(ws: Any, column: int, choices: tuple[str, ...], rows: int) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    letter = get_column_letter(column)
    allowed = ", ".join(choices)
    dv = DataValidation(type="list", formula1=f'"{",".join(choices)}"', allow_blank=True, showErrorMessage=True,
                        errorTitle="Not allowed", error=f"One of: {allowed}")  # fmt: skip
    dv.add(f"{letter}2:{letter}{max(rows + 200, 1000)}")
    ws.add_data_validation(dv)


def export(glossary: Glossary, path: Path, langs: list[str] | None = None, version: str = "",
           changes: Diff | None = None) -> Table:  # fmt: skip
    from openpyxl import Workbook
    from openpyxl.styles import Font

    table = from_glossary(glossary, langs)
    wb = Workbook()
    wb.remove(wb.active)
    if changes is not None:
        _changes_sheet(wb, changes, table.langs)
    _glossary_sheet(wb, table)
    domains = {c.id: c.domain for c in table.concepts}
    term_rows = [(t.concept, domains.get(t.concept), t.lang, t.term, t.status, t.type, t.gender, t.group, t.note,
                  t.case, "yes" if t.inflect else "no", "yes" if t.quoted else None, t.since,
                  "yes" if t.homograph else None)
                 for t in table.terms]  # fmt: skip
    ws = _sheet(wb, "Terms", TERM_HEADERS, term_rows)
    struck = Font(name=FONT, color=DEPRECATED, strike=True)
    for r, t in enumerate(table.terms, start=2):
        if t.status == "deprecated":
            ws.cell(row=r, column=4).font = struck
            ws.cell(row=r, column=5).font = Font(name=FONT, color=DEPRECATED)
    flags = (("inflect", ("yes", "no")), ("quoted", ("yes", "no")), ("homograph", ("yes", "no")))
    for name, choices in (("status", STATUSES), ("type", TERM_TYPES), ("gender", GENDERS), ("case", CASE_MODES),
                          *flags):  # fmt: skip
        validation(ws, TERM_HEADERS.index(name) + 1, choices, len(term_rows))
    per_lang = tuple(f"{lang}: {what}" for lang in table.langs for what in ("definition", "gender"))
    concept_headers = ("concept", "domain", "note", "file", *per_lang)
    concept_rows = [(c.id, c.domain, c.note, c.file, *(v for lang in table.langs
                     for v in (c.definition.get(lang), c.gender.get(lang)))) for c in table.concepts]  # fmt: skip
    cs = _sheet(wb, "Concepts", concept_headers, concept_rows)
    for i in range(len(table.langs)):
        validation(cs, 5 + 2 * i + 1, GENDERS, len(concept_rows))
    _sheet(wb, "Sources", SOURCE_HEADERS, _source_rows(table))
    _sheet(
        wb,
        "Examples",
        EXAMPLE_HEADERS,
        [(e.concept, e.lang, "good" if e.good else "bad", e.text, e.rule) for e in table.examples],
    )
    _sheet(wb, "README", ("topic", "explanation"), README)
    props = wb.properties
    props.title = "termcheck term base"
    props.subject = f"{len(table.concepts)} concepts, {len(table.terms)} terms; languages: {', '.join(table.langs)}"
    props.creator = "termcheck"
    props.created = datetime.datetime.now(datetime.UTC).replace(tzinfo=None, microsecond=0)
    props.version = version
    props.identifier = version
    props.description = "Edit the sheet Terms (and Concepts, Examples); see the sheet README."
    save_workbook(wb, path)
    return table


CHANGE_HEADERS = ("change", "concept", "language", "term", "was", "now", "since", "use instead")
CHANGE_ORDER = {"new deprecation": 0, "new concept": 1, "new term": 2, "status changed": 3, "term removed": 4,
                "concept removed": 5}  # fmt: skip


def _changes_sheet(wb: Any, d: Diff, langs: tuple[str, ...]) -> None:
    """What changed since a revision, first in the workbook: the new deprecations (what a translator must
    stop writing, with what to write instead), the new concepts, then the other changes."""
    from openpyxl.styles import Font

    wanted = set(langs)
    rows: list[tuple[Any, ...]] = []
    for c in d.added:
        names = "\n".join(
            f"{lang}: {c.preferred(lang)[0].text}" for lang in c.terms if lang in wanted and c.preferred(lang)
        )
        rows.append(("new concept", c.id, None, names or None, None, "new", None, None))
    new = {c.id: c for c in d.added}
    for cid, t in d.deprecations:
        if t.lang in wanted:
            rows.append(
                ("new deprecation", cid, t.lang, t.term, t.old, "deprecated", t.since, _instead(d, cid, t.lang, new))
            )
    for change in d.changed:
        for t in change.terms:
            if t.lang not in wanted or t.new == "deprecated":
                continue
            kind = {"added": "new term", "removed": "term removed", "status": "status changed"}[t.kind]
            rows.append((kind, change.id, t.lang, t.term, t.old, t.new, t.since, None))
    rows += [("concept removed", c.id, None, None, None, None, None, None) for c in d.removed]
    rows.sort(key=lambda r: (CHANGE_ORDER[r[0]], r[1], r[2] or ""))
    ws = _sheet(wb, "Changes", CHANGE_HEADERS, rows)
    wb.move_sheet(ws, offset=-(len(wb.sheetnames) - 1))
    struck = Font(name=FONT, color=DEPRECATED, strike=True)
    for r, row in enumerate(rows, start=2):
        if row[0] == "new deprecation":
            ws.cell(row=r, column=4).font = struck
    ws.oddHeader.left.text = xml_safe(f"termcheck term base: changes since {d.old_label}")


def _instead(d: Diff, cid: str, lang: str, new: dict[str, Concept]) -> str | None:
    from ..glossary.model import Status

    concept = new.get(cid) or next((c for c in d.new_concepts if c.id == cid), None)
    if concept is None:
        return None
    terms = [t.text for t in concept.terms_for(lang) if t.status is Status.PREFERRED]
    return ", ".join(terms) or None


GLOSSARY_GROUP = ("preferred", "also allowed", "do not use", "gender")


def _glossary_sheet(wb: Any, table: Table) -> None:
    """One row per concept and a column group per language (MultiTerm's and translators' own Excel
    glossaries): preferred term, the other allowed ones, those not to use (struck through, red),
    the grammatical gender; the definitions and the note last. Two header rows: the language over
    its group, the column names (with the filters) under it."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet("Glossary")
    by_concept: dict[str, dict[str, list[TermRow]]] = {}
    for t in table.terms:
        by_concept.setdefault(t.concept, {}).setdefault(t.lang, []).append(t)
    headers = ["concept"]
    for lang in table.langs:
        headers += [f"{lang}: {what}" for what in GLOSSARY_GROUP]
    headers += ["definition", "note"]
    rows: list[tuple[Any, ...]] = []
    for c in table.concepts:
        terms = by_concept.get(c.id, {})
        row: list[Any] = [c.id]
        for lang in table.langs:
            own = terms.get(lang, [])
            genders = [c.gender[lang]] if lang in c.gender else sorted({t.gender for t in own if t.gender})
            for status in ("preferred", "admitted", "deprecated"):
                row.append("\n".join(t.term for t in own if t.status == status) or None)
            row.append(", ".join(genders) or None)
        row.append("\n".join(f"{lang}: {text}" for lang, text in c.definition.items()) or None)
        row.append(c.note)
        rows.append(tuple(row))
    top, wrap = Alignment(vertical="top", wrap_text=True), Alignment(horizontal="center", vertical="top")
    fill = PatternFill("solid", fgColor=HEADER_FILL)
    header_row(ws, 2, [h.split(": ")[-1] for h in headers])
    for i, lang in enumerate(table.langs):
        first = 2 + i * len(GLOSSARY_GROUP)
        cell = put(ws, 1, first, f"{language_name(lang)} ({lang})")
        cell.font, cell.alignment = Font(name=FONT, bold=True, color="FFFFFF"), wrap
        for col in range(first, first + len(GLOSSARY_GROUP)):
            ws.cell(row=1, column=col).fill = fill
        ws.merge_cells(start_row=1, start_column=first, end_row=1, end_column=first + len(GLOSSARY_GROUP) - 1)
    for col in (1, len(headers) - 1, len(headers)):
        ws.cell(row=1, column=col).fill = fill
    struck, bold = Font(name=FONT, color=DEPRECATED, strike=True), Font(name=FONT, bold=True)
    styled = Styled(top)
    for r, values in enumerate(rows, start=3):
        for col, value in enumerate(values, start=1):
            styled(ws.cell(row=r, column=col))
            cell = put(ws, r, col, value)
            if headers[col - 1].endswith(": do not use") and value:
                cell.font = struck
            elif headers[col - 1].endswith(": preferred") and value:
                cell.font = bold
    widths = fit(ws, headers, rows, 3)
    ws.row_dimensions[1].height = LINE_HEIGHT + 2
    ws.freeze_panes = "B3"
    ws.auto_filter.ref = f"A2:{get_column_letter(len(headers))}{len(rows) + 2}"
    print_setup(ws, widths, "1:2", "A:A")
    if sum(widths) > PAGE_WIDTH / SMALLEST_SCALE:  # too wide for a page: a page holds whole languages
        _column_breaks(ws, widths, len(table.langs))


def _column_breaks(ws: Any, widths: list[float], langs: int) -> None:
    """Page breaks between language groups, as many groups to a page as fit at SMALLEST_SCALE or
    more, every page led by the concept column; all pages printed at the scale the widest needs."""
    from openpyxl.worksheet.pagebreak import Break, ColBreak

    size = len(GLOSSARY_GROUP)
    groups = [sum(widths[1 + i * size : 1 + (i + 1) * size]) for i in range(langs)]
    groups.append(sum(widths[1 + langs * size :]))  # definition and note: a group of their own
    room = PAGE_WIDTH / SMALLEST_SCALE - widths[0]
    pages: list[float] = [0.0]
    ws.col_breaks = ColBreak()
    last = 1  # the last column on the page so far (1-based)
    for width in groups:
        if pages[-1] and pages[-1] + width > room:
            ws.col_breaks.append(Break(id=last))  # a break after column `last`
            pages.append(0.0)
        pages[-1] += width
        last += size
    ws.page_setup.scale = max(int(100 * SMALLEST_SCALE), min(100, int(100 * PAGE_WIDTH / (widths[0] + max(pages)))))


def save_workbook(wb: Any, path: Path) -> None:
    """Saved beside the target and renamed over it: never a half-written workbook."""
    from ..fileio import atomic_write

    atomic_write(path, workbook_bytes(wb))


def workbook_bytes(wb: Any) -> bytes:
    """The workbook as an .xlsx file's bytes. openpyxl writes each sheet to a temporary file first (with
    lxml): a full temporary folder fails there, in lxml's words, and is an OSError here like any other
    full disk."""
    import io

    buffer = io.BytesIO()
    try:
        wb.save(buffer)
    except OSError:
        raise
    except Exception as exc:
        if type(exc).__name__ != "SerialisationError":  # lxml.etree's, not imported for this
            raise
        raise OSError(f"cannot write the workbook's sheets ({exc})") from None
    return buffer.getvalue()


# --- import ---------------------------------------------------------------------------------------------


# How the first bytes of an XML document tell its encoding (XML 1.0, appendix F), longest first; any other
# start is read as UTF-8, where the markup that matters (`<!DOCTYPE`) is ASCII whatever the encoding.
_XML_STARTS = ((b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\x00<", "utf-32-be"),
               (b"<\x00\x00\x00", "utf-32-le"), (b"\xfe\xff", "utf-16"), (b"\xff\xfe", "utf-16"),
               (b"\x00<", "utf-16-be"), (b"<\x00", "utf-16-le"))  # fmt: skip


def _declares_dtd(stream: Any) -> bool:
    """Whether an XML document declares a document type (where entities are declared) before its first
    element. Reads its prolog only (white space, comments, processing instructions), in pieces, and
    each character once: the rest of the document is the parser's."""
    import codecs

    head = stream.read(4)
    codec = next((name for start, name in _XML_STARTS if head.startswith(start)), "utf-8-sig")
    decoder = codecs.getincrementaldecoder(codec)(errors="replace")
    pending, until, more = decoder.decode(head), "", bool(head)  # until: the end of the construct skipped
    while True:
        chunk = stream.read(1 << 14) if more else b""
        more = bool(chunk)
        pending += decoder.decode(chunk, final=not more)
        while True:
            if until:
                at = pending.find(until)
                if at < 0:
                    pending = pending[1 - len(until) :]  # what may begin the end mark
                    break
                pending, until = pending[at + len(until) :], ""
            pending = pending.lstrip()
            if len(pending) < len("<!DOCTYPE") and more:
                break
            for start, end in (("<?", "?>"), ("<!--", "-->")):
                if pending.startswith(start):
                    pending, until = pending[len(start) :], end
                    break
            else:
                return pending.startswith("<!")  # a DOCTYPE (no other declaration may stand there)
        if not more:
            return False


def _refuse_dtd(path: Path, label: str) -> None:
    """SourceError for a workbook any part of which declares a document type: Excel and LibreOffice
    never write one, and its entities would be expanded by the parsers openpyxl reads the workbook's
    own parts with (lxml), or fail deep in the reading of a sheet (defusedxml)."""
    import zipfile
    import zlib

    try:
        with zipfile.ZipFile(path) as archive:
            for member in archive.infolist():
                with archive.open(member) as stream:
                    if _declares_dtd(stream):
                        raise SourceError(f"refused: the file declares XML entities (a DTD in {member.filename}); "
                                          "workbooks need none", label)  # fmt: skip
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError, ValueError) as exc:
        raise SourceError(f"cannot read the workbook: {_reason(exc)}", label) from None


def _reason(exc: BaseException) -> str:
    """What went wrong, in one line: openpyxl's "Unable to read workbook: could not read strings from
    F.xlsx.\nThis is most probably ..." is told by its first line and the error that caused it."""
    first = next(iter(str(exc).strip().splitlines()), type(exc).__name__)
    cause = exc.__cause__
    return f"{first} ({next(iter(str(cause).strip().splitlines()), type(cause).__name__)})" if cause else first


def open_workbook(path: Path, label: str, data_only: bool = False) -> Any:
    """A workbook to read (openpyxl, read-only), the one way every reader opens one: checked for zip
    bombs (`check_zip`) and XML entities (`_refuse_dtd`) first; a workbook that cannot be opened, or has
    no sheet, is a SourceError in one line. openpyxl's warnings (an unsupported extension, a defined
    name without its sheet) say nothing a user can act on: they are not shown."""
    import warnings

    check_zip(path, label)
    _refuse_dtd(path, label)
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = load_workbook(path, read_only=True, data_only=data_only)
    except Exception as exc:
        raise SourceError(f"cannot read the workbook: {_reason(exc)}", label) from None
    if not wb.sheetnames:
        wb.close()
        raise SourceError("the workbook has no sheets", label)
    return wb


def read(path: Path, label: str) -> tuple[Table, list[str]]:
    """The workbook's rows and the problems found in them (sheet, row, column)."""
    wb = open_workbook(path, label)
    cells = Cells(label)
    table = Table(has_concepts="Concepts" in wb.sheetnames, has_examples="Examples" in wb.sheetnames)
    if "Terms" not in wb.sheetnames:  # a translator's own glossary: a column per language?
        from .sheets import language_columns, other_columns, unread

        first = wb[wb.sheetnames[0]]
        rows = sheet_rows(first, first.title, label)
        found = language_columns(list(rows[0]), rows[1:], label, cells) if rows else None
        wb.close()
        if found is None:
            why = ("the workbook has no sheet 'Terms' (export one with `termcheck glossary export`) and its first "
                   "sheet has no column per language (en, de, English, Deutsch ...)")  # fmt: skip
            raise SourceError(why, label)
        found.warnings += unread(
            other_columns([str(h or "") for h in rows[0]]), f"{label}, sheet {first.title!r}, row 1"
        )
        return found, cells.problems
    _read_terms(wb["Terms"], cells, table)
    if table.has_concepts:
        _read_concepts(wb["Concepts"], cells, table)
        if "Sources" in wb.sheetnames:
            _read_sources(wb["Sources"], cells, table)
    if table.has_examples:
        _read_examples(wb["Examples"], cells, table)
    wb.close()
    return table, cells.problems


def sheet_rows(ws: Any, sheet: str, label: str) -> list[tuple[Any, ...]]:
    """A sheet's rows. openpyxl reads a sheet only now (read-only mode), so a broken sheet (a bad CRC,
    XML that is not well-formed, an entity) fails here: a located error, like a broken workbook."""
    import xml.etree.ElementTree as ET
    import zipfile
    import zlib

    try:
        return list(ws.iter_rows(values_only=True))
    except (zipfile.BadZipFile, ET.ParseError, zlib.error, EOFError, OSError, ValueError, KeyError, TypeError,
            IndexError, NotImplementedError, RuntimeError) as exc:  # fmt: skip
        raise SourceError(f"cannot read the workbook: sheet '{sheet}': {_reason(exc)}", label) from None


def _rows(ws: Any, sheet: str, required: tuple[str, ...], cells: Cells) -> tuple[list[str], list[Row]]:
    rows = iter(sheet_rows(ws, sheet, cells.label))
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
            lang, what = _per_language(name)
            if what == "definition" and (text := cells.text(row.get(name), row.at(name))):
                concept.definition[lang] = text
            elif what == "gender" and (gender := cells.gender(row.get(name), row.at(name))):
                concept.gender[lang] = gender
        table.concepts.append(concept)
    defined = [_per_language(name)[0] for name in header if ": " in name]
    table.langs = tuple(dict.fromkeys([*table.langs, *defined]))


def _per_language(header: str) -> tuple[str, str]:
    """A Concepts sheet header `DE-DE: definition` as its language in canonical case and what it holds."""
    raw, _, what = header.partition(": ")
    return normalize(raw) or raw, what


def _source_rows(table: Table) -> list[tuple[Any, ...]]:
    from .records import source_yaml

    rows = []
    for c in table.concepts:
        for line in c.sources or ():
            data = source_yaml(line) or {}
            rows.append((c.id, data.get("title"), data.get("url"), data.get("checked"),
                         ", ".join(data.get("langs") or ()) or None, data.get("note")))  # fmt: skip
    return rows


def _read_sources(ws: Any, cells: Cells, table: Table) -> None:
    """The Sources sheet back into each concept's source lines; every concept of the Concepts sheet gets
    its list (empty: its sources were deleted)."""
    from ..glossary.model import Source
    from .records import source_line

    _header, body = _rows(ws, "Sources", SOURCE_HEADERS[:4], cells)
    lines: dict[str, list[str]] = {c.id: [] for c in table.concepts}
    for row in body:
        cid = cells.concept_id(row.get("concept"), row.at("concept"))
        title = cells.text(row.get("title"), row.at("title"), required=True)
        checked = cells.date(row.get("checked"), row.at("checked"))
        url = cells.text(row.get("address"), row.at("address"))
        if url is not None and not url.startswith(("https://", "http://")):
            cells.problems.append(f"{row.at('address')}: {url!r} is not an http(s) address")
            continue
        langs = tuple(
            x.strip() for x in (cells.text(row.get("languages"), row.at("languages")) or "").split(",") if x.strip()
        )
        bad = [x for x in langs if normalize(x) is None]
        if bad:
            cells.problems.append(f"{row.at('languages')}: {bad[0]!r} is not a language tag (en, de, pt-BR, ...)")
            continue
        langs = tuple(dict.fromkeys(normalize(x) or x for x in langs))
        if cid is None or title is None or checked is None:
            continue
        note = cells.text(row.get("note"), row.at("note"))
        lines.setdefault(cid, []).append(source_line(Source(title, checked, url, langs, note)))
    for concept in table.concepts:
        concept.sources = lines.get(concept.id, [])


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
