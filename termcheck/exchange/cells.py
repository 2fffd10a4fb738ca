"""Checking values read from a workbook, a CSV or a TBX file, with the place of each problem."""

from __future__ import annotations

import unicodedata
from typing import Any

from ..errors import nearest
from ..glossary.model import CASE_MODES, GENDERS, TERM_TYPES, valid_id
from ..text.escapes import Escapes
from .records import STATUSES

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
YES, NO = ("yes", "true", "1", "y"), ("no", "false", "0", "n")


class Cells:
    """Converts raw cell values; every problem is kept with where it is (sheet, row, column)."""

    def __init__(self, label: str = "") -> None:
        self.problems: list[str] = []
        self.label = label  # the file, for errors that stop the reading

    def problem(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def text(self, value: Any, where: str, required: bool = False) -> str | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(where, "is empty")
            return None
        text = str(value).strip() if not isinstance(value, float) or not value.is_integer() else str(int(value))
        normal = unicodedata.normalize("NFC", text)
        return normal

    def date(self, value: Any, where: str) -> str | None:
        """A past date as YYYY-MM-DD: text, or a date cell (a spreadsheet makes one of a typed date)."""
        import datetime

        if isinstance(value, datetime.datetime | datetime.date):
            value = value.isoformat()[:10]
        text = self.text(value, where, required=True)
        if text is None:
            return None
        from ..glossary.model import past_date

        if not past_date(text, full=True):
            self.problem(where, f"{text!r} is not a past date (YYYY-MM-DD)")
            return None
        return text

    def choice(self, value: Any, where: str, choices: tuple[str, ...]) -> str | None:
        text = self.text(value, where)
        if text is None:
            return None
        if text not in choices:
            hint = nearest(text, choices)
            self.problem(
                where, f"{text!r} is not one of {', '.join(choices)}" + (f" (did you mean {hint!r}?)" if hint else "")
            )
            return None
        return text

    def status(self, value: Any, where: str) -> str:
        return self.choice(value, where, STATUSES) or "preferred"

    def term_type(self, value: Any, where: str) -> str | None:
        return self.choice(value, where, TERM_TYPES)

    def gender(self, value: Any, where: str) -> str | None:
        return self.choice(value, where, GENDERS)

    def case(self, value: Any, where: str) -> str | None:
        return self.choice(value, where, CASE_MODES)

    def flag(self, value: Any, where: str) -> bool | None:
        if isinstance(value, bool):
            return value
        text = self.text(value, where)
        if text is None:
            return None
        if text.lower() in YES:
            return True
        if text.lower() in NO:
            return False
        self.problem(where, f"{text!r} is not yes or no")
        return None

    def lang(self, value: Any, where: str) -> str | None:
        """A language tag in its canonical case, read in any case and with `_` for `-` (MultiTerm's
        DE-DE, Qt's and gettext's en_US, Lokalize's): de-DE, en-US."""
        from ..languages import normalize

        text = self.text(value, where, required=True)
        tag = normalize(text) if text is not None else None
        if text is not None and tag is None:
            self.problem(where, f"{text!r} is not a BCP 47 language tag (en, de, pt-BR, ...)")
        return tag

    def concept_id(self, value: Any, where: str) -> str | None:
        text = self.text(value, where, required=True)
        if text is not None and not valid_id(text):
            why = "lower-case letters and digits of any script, then also '-', '_', '.'"
            self.problem(where, f"{text!r} is not a valid concept id ({why})")
            return None
        return text


def unformula(text: str) -> str:
    """A CSV cell written formula-safe ('=x) read back as it was (=x)."""
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@\t\r":
        return text[1:]
    return text


# What XML 1.0 cannot hold (https://www.w3.org/TR/xml/#charsets), so no workbook cell either: the C0
# controls but tab, line feed and carriage return (openpyxl's ILLEGAL_CHARACTERS_RE), and also what that
# misses: lone surrogates (a file name's undecodable bytes, as Python decodes them) and U+FFFE, U+FFFF.
# Every workbook termcheck writes passes each text through it (exchange/xlsx.py `put`).
xml_safe = Escapes((0x00, 0x08), (0x0B, 0x0C), (0x0E, 0x1F), (0xD800, 0xDFFF), (0xFFFE, 0xFFFF))


def formula_safe(text: str) -> str:
    """A CSV cell that Excel will not read as a formula (OWASP: prefix a quote)."""
    return "'" + text if text.startswith(FORMULA_START) else text


class Row:
    """One row of a sheet or CSV file: its values by column name, and where each cell is."""

    def __init__(self, place: str, number: int, values: dict[str, Any]) -> None:
        self.place, self.number, self.values = place, number, values

    def get(self, name: str) -> Any:
        return self.values.get(name)

    def at(self, name: str) -> str:
        return f"{self.place}, row {self.number}, column '{name}'"


def term_row(row: Row, cells: Cells) -> Any:
    """A TermRow from a row with the term columns, or None when its key cells are unusable."""
    from .records import TermRow

    concept, lang = (
        cells.concept_id(row.get("concept"), row.at("concept")),
        cells.lang(row.get("language"), row.at("language")),
    )
    term = cells.text(row.get("term"), row.at("term"), required=True)
    if concept is None or lang is None or term is None:
        return None
    return TermRow(
        concept, lang, term,
        status=cells.status(row.get("status"), row.at("status")),
        type=cells.term_type(row.get("type"), row.at("type")),
        gender=cells.gender(row.get("gender"), row.at("gender")),
        group=cells.text(row.get("group"), row.at("group")),
        note=cells.text(row.get("note"), row.at("note")),
        case=cells.case(row.get("case"), row.at("case")),
        inflect=cells.flag(row.get("inflect"), row.at("inflect")),
        quoted=cells.flag(row.get("quoted"), row.at("quoted")),
        where=row.at("term"),
        since=cells.text(row.get("since"), row.at("since")),
        homograph=cells.flag(row.get("homograph"), row.at("homograph")),
    )  # fmt: skip
