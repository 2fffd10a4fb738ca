"""CSV: one row per term, UTF-8 with a BOM for Excel, formula-safe."""

from __future__ import annotations

import csv
import io
from pathlib import Path

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
                  "yes" if t.inflect else "no", "yes" if t.quoted else "")  # fmt: skip
        writer.writerow([formula_safe(v) if isinstance(v, str) else "" for v in values])
    atomic_write(path, out.getvalue().encode("utf-8-sig"))
    return table


def read(path: Path, label: str) -> tuple[Table, list[str]]:
    check_size(path, label)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(f"not valid UTF-8 at byte {exc.start}", label) from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    cells = Cells()
    missing = [c for c in TERM_COLUMNS[:4] if c not in (reader.fieldnames or [])]
    if missing:
        raise SourceError(f"missing column(s) {', '.join(missing)} (expected: {', '.join(TERM_COLUMNS)})", label)
    table = Table(has_concepts=False, has_examples=False)
    langs: list[str] = []
    for number, raw in enumerate(reader, start=2):
        values = {k: unformula(v) if isinstance(v, str) else v for k, v in raw.items() if k}
        term = term_row(Row(label, number, values), cells)
        if term is not None:
            langs += [term.lang] if term.lang not in langs else []
            table.terms.append(term)
    table.langs = tuple(langs)
    return table, cells.problems
