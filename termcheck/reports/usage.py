"""The renderings a run met, as reports show them: the usage matrix of the HTML and Excel reports, and
`--format usage` / `usage-csv`. At a glance, that the Portuguese articles write CSTO where OTSC is
standard, or which German files mix Mitgliedstaaten and Mitgliedsstaaten."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..usage import NOT_ALLOWED

if TYPE_CHECKING:
    from .model import RunResult


@dataclass
class Rendering:
    """One rendering of a concept as a run met it: where, in which language, how often, and how it
    stands in that language."""

    concept: str
    language: str
    term: str
    term_language: str
    status: str
    verdict: str
    files: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.files.values())

    @property
    def allowed(self) -> bool:
        return self.verdict not in NOT_ALLOWED


def renderings(result: RunResult) -> list[Rendering]:
    """The run's renderings, by concept, then language, then the most used first."""
    found: dict[tuple[str, str, str, str, str, str], Rendering] = {}
    for f in result.files:
        for concept, lang, term, term_lang, status, verdict, count in f.usage:
            key = (concept, lang, term, term_lang, status, verdict)
            entry = found.setdefault(key, Rendering(*key))
            entry.files[f.path] = entry.files.get(f.path, 0) + count
    return sorted(found.values(), key=lambda r: (r.concept, r.language, not r.allowed, -r.total, r.term))


def mixed(rows: list[Rendering]) -> set[tuple[str, str]]:
    """(concept, language) pairs the matrix marks: a rendering not allowed in that language was used,
    or an admitted variant beside another allowed rendering (Mitgliedsstaaten beside Mitgliedstaaten).
    An acronym beside its full form (GUS, Gemeinschaft Unabhängiger Staaten), both preferred, is not
    a mix."""
    allowed: dict[tuple[str, str], set[str]] = {}
    admitted: set[tuple[str, str]] = set()
    bad: set[tuple[str, str]] = set()
    for r in rows:
        key = (r.concept, r.language)
        if not r.allowed:
            bad.add(key)
        elif r.verdict != "gloss":
            allowed.setdefault(key, set()).add(r.term)
            if r.verdict == "admitted":
                admitted.add(key)
    return bad | {key for key in admitted if len(allowed[key]) > 1}


def as_json(result: RunResult) -> str:
    """`--format usage`: the renderings with their counts per file."""
    import json

    data: dict[str, Any] = {
        "schema_version": 1,
        "tool": {"name": "termcheck", "version": result.version},
        "files": [f.path for f in result.files],
        "renderings": [
            {
                "concept": r.concept,
                "language": r.language,
                "term": r.term,
                "term_language": r.term_language,
                "status": r.status,
                "verdict": r.verdict,
                "count": r.total,
                "files": r.files,
            }
            for r in renderings(result)
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def as_csv(result: RunResult) -> str:
    """`--format usage-csv`: a row per rendering and file (a spreadsheet's pivot table makes the matrix).
    Written as the term base's CSV export is: every text formula-safe (a file named `=HYPERLINK(…)` stays
    text), rows ended by CRLF, so that the csv module quotes a field with a CR (a file name's) or LF in it."""
    import csv
    import io

    from ..exchange.cells import formula_safe

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["concept", "language", "term", "term_language", "status", "verdict", "file", "count"])
    for r in renderings(result):
        for path, count in r.files.items():
            row = (r.concept, r.language, r.term, r.term_language, r.status, r.verdict, path)
            writer.writerow([*map(formula_safe, row), count])
    return buffer.getvalue()
