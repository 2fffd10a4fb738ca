"""Glossaries as translators keep them, outside termcheck's own layout:

- a bilingual CSV from Weblate or Lokalize: source, target, then perhaps context, explanation and
  flags (with or without a header row); a row is a concept, its source term and its target term
  preferred (Weblate's `forbidden` flag: the target is a term not to use);
- a sheet with a column per language (a header named by language code or name: `en`, `de`, `pt-BR`,
  `English`, `Deutsch`), one concept a row; a cell may hold several terms (separated by `;` or line
  breaks): the first is preferred, the others admitted, a term in `~~strike~~` or starting with `!`
  is not to use. Columns named id/concept, note/comment/explanation and definition are kept.

The languages come from the header, else from --source-lang/--target-lang, else from the file's
name (`de.csv`, `glossary_pt-BR.csv`)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..errors import SourceError
from ..languages import ISO_639_1, NAMES, normalize
from .cells import Cells
from .records import ConceptRow, Table, TermRow

SOURCE_HEADERS = ("source", "term", "source term", "msgid")
TARGET_HEADERS = ("target", "translation", "target term", "msgstr")
NOTE_HEADERS = ("explanation", "note", "notes", "comment", "comments", "description", "developer_comments")
ID_HEADERS = ("id", "concept", "concept id")


def language_of(name: str) -> str | None:
    """A header or file-name part read as a language: a tag (de, pt_BR) or a name (German, Deutsch)."""
    text = name.strip()
    if text.lower() in NAMES:
        return NAMES[text.lower()]
    tag = normalize(text)
    return tag if tag and tag.split("-", 1)[0] in ISO_639_1 and len(text) <= 10 else None


def language_from_name(path: Path) -> str | None:
    """`de.csv`, `glossary_de.csv`, `terms-pt-BR.csv`: the last part of the name that is a language."""
    parts = re.split(r"[._\s]+|-(?=[a-z]{2,3}(?:[-_][A-Za-z]{2})?$)", path.stem)
    for part in reversed(parts):
        found = language_of(part)
        if found:
            return found
    return None


def _slug(text: str) -> str:
    return re.sub(r"[^\w.]+", "-", text.strip().lower()).strip("-._") or "concept"


class _Ids:
    """Concept ids made unique by a number (`file`, `file-2`, `file-3`): each base remembers its next
    number, so that a thousand rows of one term cost a thousand steps, not half a million."""

    def __init__(self) -> None:
        self.taken: set[str] = set()
        self.next: dict[str, int] = {}

    def unique(self, base: str) -> str:
        cid, n = base, self.next.get(base, 2)
        while cid in self.taken:
            cid, n = f"{base}-{n}", n + 1
        self.next[base] = n
        self.taken.add(cid)
        return cid


def bilingual_csv(rows: list[list[str]], label: str, source: str | None, target: str | None) -> Table:
    """Weblate's and Lokalize's CSV glossaries: source, target[, context[, explanation[, flags]]]."""
    header = [h.strip().lower() for h in rows[0]] if rows else []
    has_header = bool(header) and header[0] in SOURCE_HEADERS and len(header) > 1 and header[1] in TARGET_HEADERS
    body = rows[1:] if has_header else rows
    names = header if has_header else ["source", "target", "context", "explanation", "flags"]
    source = source or "en"
    if target is None:
        why = ("a bilingual CSV does not say its languages: give --target-lang (and --source-lang unless it is "
               "English), or name the file after the target language (de.csv)")  # fmt: skip
        raise SourceError(why, label)
    table = Table(has_concepts=False, has_examples=False)
    ids = _Ids()
    concepts: dict[tuple[str, str], str] = {}  # (source, context) -> concept: Weblate's forbidden rows join it
    for number, values in enumerate(body, start=2 if has_header else 1):
        cells = dict(zip(names, (v.strip() for v in values), strict=False))
        src, tgt = cells.get("source", ""), cells.get("target", "")
        if not src:
            continue
        where = f"{label}:{number}"
        context = cells.get("context", "")
        forbidden = "forbidden" in cells.get("flags", "").replace(",", " ").split()
        cid = concepts.get((src, context))
        if cid is None:
            cid = concepts[(src, context)] = ids.unique(_slug(src if not context else f"{src} {context}"))
            explanation = cells.get("explanation") or next((cells[h] for h in NOTE_HEADERS if cells.get(h)), "")
            notes = [n for n in (explanation, f"context: {context}" if context else "") if n]
            table.concepts.append(ConceptRow(cid, note="\n".join(notes) or None, where=where))
            table.terms.append(TermRow(cid, source, src, where=where))
        if tgt:
            table.terms.append(TermRow(cid, target, tgt, "deprecated" if forbidden else "preferred", where=where))
    table.langs = (source, target)
    table.has_concepts = True
    return table


def _split_terms(cell: Any) -> list[tuple[str, str]]:
    """A cell's terms with their status: the first preferred, the rest admitted, `!x` or `~~x~~` not to use."""
    out: list[tuple[str, str]] = []
    allowed = False  # an allowed term came before: the next is admitted
    for raw in re.split(r"[;\n]", str(cell or "")):
        text = raw.strip()
        if not text:
            continue
        banned = text.startswith("!") or (text.startswith("~~") and text.endswith("~~"))
        text = text.strip("!~ ").strip()
        if text:
            out.append((text, "deprecated" if banned else ("admitted" if allowed else "preferred")))
            allowed = allowed or not banned
    return out


def language_columns(header: list[Any], rows: list[tuple[Any, ...]], label: str, cells: Cells) -> Table | None:
    """One concept a row and a column per language, or None when fewer than two columns name a language."""
    names = [str(h or "").strip() for h in header]
    langs = {i: language_of(n) for i, n in enumerate(names)}
    lang_cols = {i: lang for i, lang in langs.items() if lang}
    if len(lang_cols) < 2:
        return None
    lower = [n.lower() for n in names]
    id_col = next((i for i, n in enumerate(lower) if n in ID_HEADERS), None)
    note_col = next((i for i, n in enumerate(lower) if n in NOTE_HEADERS), None)
    def_col = next((i for i, n in enumerate(lower) if n in ("definition", "definitions")), None)
    table = Table(has_concepts=True, has_examples=False)
    ids = _Ids()
    first_lang = next(iter(lang_cols.values()))
    for number, values in enumerate(rows, start=2):
        where = f"{label}, row {number}"
        terms = {lang_cols[i]: _split_terms(values[i]) for i in lang_cols if i < len(values)}
        if not any(terms.values()):
            continue
        given = str(values[id_col]).strip() if id_col is not None and id_col < len(values) and values[id_col] else ""
        first = next((ts[0][0] for ts in terms.values() if ts), "concept")
        cid = cells.concept_id(_slug(given) if given else ids.unique(_slug(first)), where)
        if cid is None:
            continue
        ids.taken.add(cid)
        note = (
            str(values[note_col]).strip()
            if note_col is not None and note_col < len(values) and values[note_col]
            else None
        )
        row = ConceptRow(cid, note=note or None, where=where)
        if def_col is not None and def_col < len(values) and values[def_col]:
            row.definition[first_lang] = str(values[def_col]).strip()
        table.concepts.append(row)
        for lang, found in terms.items():
            for text, status in found:
                table.terms.append(TermRow(cid, lang, text, status, where=where))
    table.langs = tuple(dict.fromkeys(lang_cols.values()))
    return table


def other_columns(header: list[str]) -> list[str]:
    """The columns of a sheet with a column per language that `sheets.language_columns` does not read."""
    seen: set[str] = set()
    out = []
    for name in (h.strip() for h in header):
        kind = ("lang" if language_of(name) else "id" if name.lower() in ID_HEADERS else "note"
                if name.lower() in NOTE_HEADERS else "definition" if name.lower() in ("definition", "definitions")
                else None)  # fmt: skip
        if kind is None or (kind != "lang" and kind in seen):
            out.append(repr(name) if name else "a column without a header")
        seen.add(kind or "")
    return out


def unread(columns: list[str], where: str) -> list[str]:
    """One warning naming the columns not imported, or none."""
    if not columns:
        return []
    one = len(columns) == 1
    return [f"{where}: {'column' if one else 'columns'} {', '.join(columns)} not imported: termcheck has no field "
            f"for {'it' if one else 'them'}"]  # fmt: skip
