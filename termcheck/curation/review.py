"""The candidates review workbook: `glossary candidates --format xlsx` writes it, `glossary import` reads
it back (told from other workbooks by its sheet 'Candidates') as the rows the existing import applies.

One row per proposal: a `decision` drop-down (accept, reject, merge), the `concept` to merge into (a
variant's own concept, filled in), the kind, the proposed id, the YAML file new concepts go to, a
column per language with the proposed terms ("OTSC (preferred)", one a line: edit, delete or add
lines), then the evidence: mentions, files, score, how the terms were grouped, and contexts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import SourceError
from ..exchange.records import STATUSES, ConceptRow, Table, TermRow
from ..glossary.model import valid_id
from ..languages import normalize

if TYPE_CHECKING:
    from ..glossary.model import Glossary
    from .candidates import Proposal

SHEET = "Candidates"
DECISIONS = ("accept", "reject", "merge")
DEFAULT_FILE = "candidates.yaml"
HEAD = ("decision", "concept", "kind", "id", "file")
TAIL = ("mentions", "files", "score", "evidence", "contexts")
LANG_ORDER = ("en", "de", "ru", "pt", "fr", "es")
_TERM_RE = re.compile(r"^(.*?)\s*\((" + "|".join(STATUSES) + r")(?:,\s*[\w]+)?\)\s*$")
WIDTHS = {"contexts": 90, "files": 40, "evidence": 24, "kind": 10, "decision": 12}

README = [
    ("What this is", "Term base candidates found in texts by `termcheck glossary candidates`: variants of known "
                     "concepts and new concepts. Decide each row, then run `termcheck glossary import FILE -o "
                     "glossary/`."),
    ("decision", "accept: add the row (a new concept under its id, or a variant to its concept). reject, or "
                 "empty: leave it out. merge: add the row's terms to the concept named in the column concept "
                 "(a concept of the term base, or the id of another accepted row)."),
    ("concept", "For a variant, the known concept it belongs to; for merge, the concept to merge into."),
    ("id / file", "A new concept's id (edit it freely: lower-case letters, digits, '-', '_', '.') and the YAML "
                  "file it is written to (default candidates.yaml)."),
    ("language columns", "The proposed terms, one a line, each with its status: preferred, admitted or "
                         "deprecated. Edit, delete or add lines. A variant without a status is admitted."),
    ("evidence", "How the terms were grouped or found: definition (a name and its acronym in parentheses), "
                 "aligned (source and target of a bilingual unit), skeleton (one transliteration), "
                 "term-typo / foreign-rendering (lint's findings)."),
]  # fmt: skip


# --- writing ---------------------------------------------------------------------------------------------


def languages(proposals: list[Proposal]) -> list[str]:
    found = {t.lang for p in proposals for t in p.terms}
    return [lang for lang in LANG_ORDER if lang in found] + sorted(found - set(LANG_ORDER))


def _row(p: Proposal, langs: list[str]) -> tuple[Any, ...]:
    new = p.kind == "concept"
    cells: list[Any] = [None, p.concept, p.kind, p.id if new else None, DEFAULT_FILE if new else None]
    for lang in langs:
        lines = [f"{t.text} ({t.status})" for t in p.terms if t.lang == lang]
        cells.append("\n".join(lines) or None)
    contexts = "\n".join(f"{path}: {line}" for path, line in p.contexts)
    cells += [p.mentions, "\n".join(p.files), p.score, ", ".join(p.evidence), contexts]
    return tuple(cells)


def write(proposals: list[Proposal], path: Path) -> None:
    """The review workbook: sheet Candidates (one row a proposal, best first) and README."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    from ..exchange.xlsx import MAX_WIDTHS, fit, header_row, print_setup, put, save_workbook, validation

    langs = languages(proposals)
    headers = [*HEAD, *langs, *TAIL]
    rows = [_row(p, langs) for p in proposals]
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    header_row(ws, 1, headers)
    wrap = Alignment(wrap_text=True, vertical="top")
    for r, values in enumerate(rows, start=2):
        for col, value in enumerate(values, start=1):
            put(ws, r, col, value).alignment = wrap
    saved = dict(MAX_WIDTHS)
    MAX_WIDTHS.update(WIDTHS)  # the contexts read best wide; restored at once
    try:
        widths = fit(ws, headers, rows, 2)
    finally:
        MAX_WIDTHS.clear()
        MAX_WIDTHS.update(saved)
    ws.freeze_panes = "E2"  # the header, and decision, concept, kind and id beside every column
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(rows) + 1}"
    validation(ws, 1, DECISIONS, len(rows))
    print_setup(ws, widths, "1:1", "A:D", title="termcheck candidates")
    readme = wb.create_sheet("README")
    header_row(readme, 1, ("topic", "explanation"))
    for r, (topic, text) in enumerate(README, start=2):
        put(readme, r, 1, topic).alignment = wrap
        put(readme, r, 2, text).alignment = wrap
    fit(readme, ["topic", "explanation"], README, 2)
    wb.properties.title = "termcheck candidates"
    wb.properties.creator = "termcheck"
    save_workbook(wb, path)


# --- reading ---------------------------------------------------------------------------------------------


def is_review(path: Path) -> bool:
    """Whether a workbook is a candidates review (its first sheet is 'Candidates')."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            book = archive.read("xl/workbook.xml").decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError, OSError):
        return False
    return re.search(r'<(?:\w+:)?sheet\b[^>]*\bname="' + SHEET + '"', book) is not None


@dataclass
class _Review:
    """The rows read so far, and what the term base in the target folder already holds."""

    label: str
    known: dict[str, list[TermRow]]  # concept → its terms now
    problems: list[str] = field(default_factory=list)
    new: dict[str, ConceptRow] = field(default_factory=dict)
    added: dict[str, list[TermRow]] = field(default_factory=dict)  # concept → terms to add

    def problem(self, row: int, message: str) -> None:
        self.problems.append(f"{self.label}: Sheet '{SHEET}', row {row}: {message}")


def read(path: Path, label: str, folder: Path | None) -> tuple[Table, list[str]]:
    """The accepted rows as the import's records, and the problems found in them (file and row)."""
    from ..exchange.xlsx import open_workbook, sheet_rows

    wb = open_workbook(path, label, data_only=True)
    if SHEET not in wb.sheetnames:  # told a review by its workbook.xml, which openpyxl read otherwise
        wb.close()
        raise SourceError(f"no sheet '{SHEET}': not a candidates review (`glossary candidates --format xlsx`)", label)
    rows = sheet_rows(wb[SHEET], SHEET, label)
    wb.close()
    review = _Review(label, _current_terms(folder))
    header = [str(h).strip() if h is not None else "" for h in (rows[0] if rows else ())]
    missing = [name for name in ("decision", "concept", "kind", "id") if name not in header]
    if missing:
        review.problem(1, f"missing column(s) {', '.join(missing)}")
        return Table(), review.problems
    body = [(n, dict(zip(header, values, strict=False))) for n, values in enumerate(rows[1:], start=2)]
    langs = [h for h in header if h not in HEAD + TAIL and normalize(h)]  # not "id" (Indonesian)
    chosen = [(n, cells) for n, cells in body if _decision(review, n, cells) in ("accept", "merge")]
    for n, cells in chosen:  # new concepts first: a merge may name one
        if _decision(review, n, cells) == "accept" and _text(cells.get("kind")) != "variant":
            _new_concept(review, n, cells, langs)
    for n, cells in chosen:
        if _decision(review, n, cells) == "merge" or _text(cells.get("kind")) == "variant":
            _add_terms(review, n, cells, langs)
    return _table(review), review.problems


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _decision(review: _Review, n: int, cells: dict[str, Any]) -> str:
    decision = _text(cells.get("decision")).lower()
    if decision and decision not in DECISIONS:
        review.problem(n, f"decision {decision!r} is not one of {', '.join(DECISIONS)}")
        return ""
    return decision


def _terms(review: _Review, n: int, cells: dict[str, Any], langs: list[str], status: str | None) -> list[TermRow]:
    """The terms of a row's language columns; `status` for lines that give none (None: the import's)."""
    import unicodedata

    out = []
    for lang in langs:
        for line in _text(cells.get(lang)).splitlines():
            line = unicodedata.normalize("NFC", line.strip())
            if not line:
                continue
            m = _TERM_RE.match(line)
            text, given = (m.group(1), m.group(2)) if m else (line, None)
            out.append(TermRow("", normalize(lang) or lang, text, given or status or "", where=f"row {n}"))
    if not out:
        review.problem(n, f"{_text(cells.get('decision'))} without a term: fill in a language column")
    return out


def _new_concept(review: _Review, n: int, cells: dict[str, Any], langs: list[str]) -> None:
    cid = _text(cells.get("id"))
    if not valid_id(cid):
        review.problem(n, f"id {cid!r} is not a valid concept id (lower-case letters, digits, '-', '_', '.')")
        return
    if cid in review.known or cid in review.new:
        review.problem(n, f"id {cid!r} is already a concept: choose another id, or merge into it")
        return
    terms = _terms(review, n, cells, langs, "preferred")
    if not terms:
        return
    file = _text(cells.get("file")) or DEFAULT_FILE
    if "/" in file or "\\" in file or not file.endswith((".yaml", ".yml")):
        review.problem(n, f"file {file!r} is not a YAML file name in the term base folder (candidates.yaml)")
        return
    review.new[cid] = ConceptRow(cid, file=file, where=f"row {n}", sources=[_source(review, cells, terms)])
    review.added[cid] = [_typed(t, cid) for t in terms]


def _source(review: _Review, cells: dict[str, Any], terms: list[TermRow]) -> str:
    """Where an accepted concept comes from: the texts it was proposed from, reviewed on this day."""
    import datetime

    from ..exchange.records import source_line
    from ..glossary.model import Source

    seen = next((line.strip() for line in _text(cells.get("contexts")).splitlines() if line.strip()), "")
    seen = " ".join(seen.split())[:160]
    langs = tuple(sorted({t.lang for t in terms}))
    title = f"texts reviewed in {Path(review.label).name} (termcheck glossary candidates)"
    return source_line(Source(title, datetime.date.today().isoformat(), None, langs, f"seen: {seen}" if seen else None))


def _add_terms(review: _Review, n: int, cells: dict[str, Any], langs: list[str]) -> None:
    target = _text(cells.get("concept"))
    if not target:
        review.problem(n, f"{_text(cells.get('decision'))} without a concept: name it in the column 'concept'")
        return
    if target not in review.known and target not in review.new:
        review.problem(n, f"unknown concept {target!r}: not in the term base, nor an accepted row's id")
        return
    for t in _terms(review, n, cells, langs, None):
        review.added.setdefault(target, []).append(_typed(t, target))


def _typed(t: TermRow, concept: str) -> TermRow:
    from ..glossary.load import is_acronym

    return TermRow(concept, t.lang, t.term, t.status, "acronym" if is_acronym(t.term) else None, where=t.where)


def _shape(t: TermRow) -> bool:
    from ..glossary.load import is_acronym

    return is_acronym(t.term)


def _current_terms(folder: Path | None) -> dict[str, list[TermRow]]:
    """Every concept of the term base in `folder` and its terms (none when there is none yet)."""
    if folder is None or not folder.is_dir() or not any(folder.glob("*.y*ml")):
        return {}
    from ..exchange.records import from_glossary
    from ..glossary.load import load

    glossary: Glossary
    glossary, _problems = load([str(folder)])
    out: dict[str, list[TermRow]] = {c.id: [] for c in glossary.concepts}
    for t in from_glossary(glossary).terms:
        out[t.concept].append(t)
    return out


def _table(review: _Review) -> Table:
    """The records: each touched concept with all its terms (the import rewrites the lists it is given),
    the new terms appended; a language's first term preferred, a variant otherwise admitted."""
    table = Table(concepts=list(review.new.values()), has_examples=False)
    for cid, added in review.added.items():
        terms = list(review.known.get(cid, []))
        for t in added:
            if any(o.lang == t.lang and o.term == t.term for o in terms):
                continue  # already there (two rows proposing one term)
            # One preferred acronym and one preferred other term a language: a term merged in beside
            # them is admitted (the workbook proposed it as preferred for a concept of its own).
            has_preferred = any(o.lang == t.lang and o.status == "preferred" and _shape(o) == _shape(t) for o in terms)
            status = t.status or "preferred"
            status = "admitted" if has_preferred and status == "preferred" else status
            status = status if any(o.lang == t.lang for o in terms) or status != "admitted" else "preferred"
            terms.append(TermRow(cid, t.lang, t.term, status, t.type, where=t.where))
        table.terms += terms
    table.langs = tuple(dict.fromkeys(t.lang for t in table.terms))
    return table
