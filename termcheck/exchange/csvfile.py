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
from .sheets import other_columns, unread


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
            by_language.warnings += unread(other_columns(rows[0]), f"{label}:1")
            return by_language, cells.problems
        if len(rows[0]) < 2:
            raise SourceError(f"missing column(s) {', '.join(missing)} (expected: {', '.join(TERM_COLUMNS)}; "
                              "or source,target[,context,explanation]; or a column per language)", label)  # fmt: skip
        rows, warnings = weblate_rows(rows, label)
        table = bilingual_csv(rows, label, source, target or language_from_name(path))
        table.warnings += warnings
        return table, cells.problems
    table = Table(has_concepts=False, has_examples=False)
    table.warnings += unread([repr(c) for c in reader.fieldnames or [] if c not in TERM_COLUMNS], f"{label}:1")
    langs: dict[str, None] = {}  # in the order first met
    for number, raw in enumerate(reader, start=2):
        values = {k: unformula(v) if isinstance(v, str) else v for k, v in raw.items() if k}
        term = term_row(Row(label, number, values), cells)
        if term is not None:
            langs.setdefault(term.lang, None)
            table.terms.append(term)
    table.langs = tuple(langs)
    return table, cells.problems


# Weblate's bilingual CSV as Weblate writes it: translate-toolkit's columns (location, source, target, id,
# fuzzy, context, translator_comments, developer_comments), a glossary's flags (flags, translation_flags),
# in any order. What termcheck reads of them: the source and target terms, the context, the comments and
# explanations (the concept's note), and the flags forbidden, read-only and terminology.
CONTEXT_HEADERS = ("context",)
FLAG_HEADERS = ("flags", "translation_flags")
COMMENT_HEADERS = ("explanation", "developer_comments", "translator_comments", "note", "notes", "comment",
                   "comments", "description")  # fmt: skip
# read-only: an untranslatable term (a product name), the same in the target language; terminology: Weblate
# copies the term into every language's glossary, which a concept of termcheck's term base is already.
KNOWN_FLAGS = ("forbidden", "read-only", "terminology")
_BILINGUAL = ["source", "target", "context", "explanation", "flags"]  # what sheets.bilingual_csv reads


def weblate_rows(rows: list[list[str]], label: str) -> tuple[list[list[str]], list[str]]:
    """The rows of a bilingual CSV as `sheets.bilingual_csv` reads them (source, target, context,
    explanation, flags), from a header naming its columns in any order; and warnings naming each column
    and each flag termcheck does not import, with where it first holds a value. A file without a
    header keeps its rows (its sixth and later columns are named)."""
    from .sheets import SOURCE_HEADERS, TARGET_HEADERS

    header = [h.strip().lower() for h in rows[0]]
    src = next((i for i, h in enumerate(header) if h in SOURCE_HEADERS), None)
    tgt = next((i for i, h in enumerate(header) if h in TARGET_HEADERS), None)
    if src is None or tgt is None:  # no header: source, target, context, explanation, flags
        extra = {i for r in rows for i, v in enumerate(r) if i >= len(_BILINGUAL) and v.strip()}
        columns = [f"column {i + 1}" for i in sorted(extra)]
        return rows, unread(columns, label)
    ctx = [i for i, h in enumerate(header) if h in CONTEXT_HEADERS][:1]
    notes = [i for i, h in enumerate(header) if h in COMMENT_HEADERS]
    flags = [i for i, h in enumerate(header) if h in FLAG_HEADERS]
    used = {src, tgt, *ctx, *notes, *flags}
    out = [list(_BILINGUAL)]
    unknown: dict[str, list[int]] = {}  # a flag termcheck does not read -> the rows that give it
    for number, row in enumerate(rows[1:], start=2):

        def cell(i: int, row: list[str] = row) -> str:
            return row[i].strip() if i < len(row) else ""

        source, target = cell(src), cell(tgt)
        given = [f for i in flags for f in cell(i).replace(",", " ").split()]
        for flag in given:
            if flag not in KNOWN_FLAGS:
                unknown.setdefault(flag, []).append(number)
        if not target and "read-only" in given:  # untranslatable: the target language writes it as it is
            target = source
        explanation = "\n".join(dict.fromkeys(cell(i) for i in notes if cell(i)))
        out.append([source, target, cell(ctx[0]) if ctx else "", explanation, " ".join(given)])
    warnings = unread(_valued(rows, [i for i in range(len(header)) if i not in used]), f"{label}:1")
    for flag, numbers in unknown.items():
        more = f" (and {len(numbers) - 1} more rows)" if len(numbers) > 1 else ""
        warnings.append(f"{label}:{numbers[0]}: flag {flag!r}{more} not imported: termcheck has no field for it")
    return out, warnings


def _valued(rows: list[list[str]], columns: list[int]) -> list[str]:
    """Each column by its header, with the first row that gives it a value."""
    out = []
    for i in columns:
        name = rows[0][i].strip() or f"column {i + 1}"
        first = next((n for n, r in enumerate(rows[1:], start=2) if i < len(r) and r[i].strip()), None)
        out.append(f"{name!r}" + (f" (a value first in row {first})" if first else " (empty)"))
    return out
