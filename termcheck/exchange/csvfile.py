"""CSV: one row per term, UTF-8 with a BOM for Excel, formula-safe."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from ..errors import SourceError
from ..glossary.model import Glossary
from .cells import Cells, Row, formula_safe, term_row, unformula
from .records import TERM_COLUMNS, Table, from_glossary
from .safety import check_size


def export(glossary: Glossary, path: Path, langs: list[str] | None = None) -> Table:
    from ..fileio import atomic_write

    table = from_glossary(glossary, langs)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(TERM_COLUMNS)
    for t in table.terms:
        values = (t.concept, t.lang, t.term, t.status, t.type, t.gender, t.group, t.note, t.case,
                  "yes" if t.inflect else "no", "yes" if t.quoted else "", t.since,
                  "yes" if t.homograph else "")  # fmt: skip
        writer.writerow([formula_safe(v) if isinstance(v, str) else "" for v in values])
    atomic_write(path, out.getvalue().encode("utf-8-sig"))
    return table


def read(path: Path, label: str, source: str | None = None, target: str | None = None) -> tuple[Table, list[str]]:
    """termcheck's own CSV (a row per term); else a sheet with a column per language; else a bilingual
    glossary (Weblate, Lokalize: source, target, context, explanation), with or without a header."""
    from ..sources.text import read_regular
    from .safety import MAX_FILE
    from .sheets import bilingual_csv, language_columns, language_from_name

    check_size(path, label)
    try:
        text = read_regular(path, label, MAX_FILE).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(f"not valid UTF-8 at byte {exc.start}", label) from None
    # A field may be as long as the file (a long note): the csv module's own limit (128 KB) would stop
    # the reading with an internal error; the file's size is already bounded (safety.MAX_FILE).
    csv.field_size_limit(max(csv.field_size_limit(), MAX_FILE))
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    cells = Cells()
    missing = [c for c in TERM_COLUMNS[:4] if c not in (reader.fieldnames or [])]
    if missing:
        rows = list(csv.reader(io.StringIO(text, newline=""), dialect=dialect))
        if not rows:
            raise SourceError("the file is empty", label)
        by_language = language_columns(rows[0], [tuple(r) for r in rows[1:]], label, cells)
        if by_language is not None:
            return by_language, cells.problems
        if len(rows[0]) < 2:
            raise SourceError(f"missing column(s) {', '.join(missing)} (expected: {', '.join(TERM_COLUMNS)}; "
                              "or source,target[,context,explanation]; or a column per language)", label)  # fmt: skip
        return bilingual_csv(rows, label, source, target or language_from_name(path)), cells.problems
    table = Table(has_concepts=False, has_examples=False)
    langs: dict[str, None] = {}  # in the order first met
    for number, raw in enumerate(reader, start=2):
        values = {k: unformula(v) if isinstance(v, str) else v for k, v in raw.items() if k}
        term = term_row(Row(label, number, values), cells)
        if term is not None:
            langs.setdefault(term.lang, None)
            table.terms.append(term)
    table.langs = tuple(langs)
    return table, cells.problems
