"""`--format xlsx -o FILE`: the QA workbook reviewers work through (what Xbench and Verifika export):
one row per finding with its sentence, the found text marked, a status to set (open / fixed / false
positive / won't fix) and a comment; a summary sheet and the term usage matrix. `termcheck baseline
import` reads the rows marked false positive back into a baseline, so that a reviewer's verdicts
silence those findings in later runs. Text is written as text, never as a formula."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from ..exchange.cells import xml_safe
from ..exchange.xlsx import FONT, fit, header_row, print_setup, put, validation, workbook_bytes
from ..findings import Finding
from .usage import mixed, renderings

if TYPE_CHECKING:
    from .model import RunResult

STATUSES = ("open", "fixed", "false positive", "won't fix")
FALSE_POSITIVE = "false positive"
HEADERS = ("file", "line", "column", "language", "rule", "severity", "found", "suggestion", "sentence", "source",
           "message", "concept", "status", "comment", "fingerprint")  # fmt: skip
TITLE = "termcheck QA report"


def _sentence(f: Finding) -> Any:
    """The finding's line as rich text, the found text in bold red (plain text where it spans lines);
    each piece cut from the line as read, then made `xml_safe` (`put` does it for plain text)."""
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    line = f.line_text
    if not (f.span.line == f.span.end_line and 0 < f.span.column <= f.span.end_column <= len(line) + 1):
        return line or None
    a, b = f.span.column - 1, f.span.end_column - 1
    parts: list[Any] = [xml_safe(line[:a])] if a else []
    parts.append(TextBlock(InlineFont(rFont=FONT, b=True, color="C00000", u="single"), xml_safe(line[a:b])))
    if line[b:]:
        parts.append(xml_safe(line[b:]))
    return CellRichText(*parts)


def render(result: RunResult) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    findings = sorted(result.findings, key=Finding.sort_key)
    wb = Workbook()
    ws = wb.active
    ws.title = "Findings"
    header_row(ws, 1, HEADERS)
    rows = [(f.path, f.span.line, f.span.column, f.language, f"{f.code} {f.rule}", f.severity.label, f.text,
             " / ".join(f.suggestions) or None, f.line_text, f.source_text or None, f.message, f.concept, "open",
             None, f.fingerprint) for f in findings]  # fmt: skip
    wrap = Alignment(wrap_text=True, vertical="top")
    sentence = HEADERS.index("sentence") + 1
    for r, (f, values) in enumerate(zip(findings, rows, strict=True), start=2):
        for c, value in enumerate(values[:-1], start=1):
            put(ws, r, c, value).alignment = wrap
        put(ws, r, len(values), values[-1])  # the fingerprint: hidden, for `baseline import`, never wrapped
        put(ws, r, sentence, _sentence(f))
        ws.cell(row=r, column=HEADERS.index("severity") + 1).font = Font(
            name=FONT, bold=True, color={"error": "B42318", "warning": "9A6700"}.get(f.severity.label, "0B6BCB")
        )
    widths = fit(ws, list(HEADERS), rows, 2)
    last = get_column_letter(len(HEADERS))
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{last}{max(len(rows), 1) + 1}"
    validation(ws, HEADERS.index("status") + 1, STATUSES, len(rows))
    ws.column_dimensions[get_column_letter(HEADERS.index("fingerprint") + 1)].hidden = True
    print_setup(ws, widths[:-1], "1:1", title=TITLE)
    ws.print_area = f"A1:{get_column_letter(len(HEADERS) - 1)}{max(len(rows), 1) + 1}"  # not the fingerprints
    _summary(wb, result, findings)
    _usage(wb, result)
    props = wb.properties
    props.title, props.creator = TITLE, "termcheck"
    props.subject = f"{len(findings)} findings in {len({f.path for f in findings})} of {len(result.files)} files"
    props.description = ("Set each finding's status (open, fixed, false positive, won't fix) and comment; "
                         "`termcheck baseline import` turns the false positives into baseline entries.")  # fmt: skip
    return workbook_bytes(wb)


def _summary(wb: Any, result: RunResult, findings: list[Finding]) -> None:
    ws = wb.create_sheet("Summary")
    rows: list[tuple[Any, ...]] = [("by rule", None, None)]
    rows += [(rule, None, n) for rule, n in sorted(Counter(f"{f.code} {f.rule}" for f in findings).items())]
    rows += [(None, None, None), ("by file", "language", None)]
    rows += [(fr.path, f"{fr.language} ({fr.language_source})", fr.findings) for fr in result.files]
    rows += [(None, None, None), ("total", None, len(findings))]
    headers = ("what", "language", "findings")
    header_row(ws, 1, headers)
    from openpyxl.styles import Font

    bold = {"by rule", "by file", "total"}
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            cell = put(ws, r, c, value)
            if c == 1 and value in bold:
                cell.font = Font(name=FONT, bold=True)
    print_setup(ws, fit(ws, list(headers), rows, 2), "1:1", title=TITLE)


def _usage(wb: Any, result: RunResult) -> None:
    from openpyxl.styles import Font

    ws = wb.create_sheet("Usage")
    found = renderings(result)
    flagged = mixed(found)
    paths = [f.path for f in result.files if any(f.path in r.files for r in found)]
    headers = ("concept", "language", "rendering", "verdict", "term base", "mixed", "total", *paths)
    rows = [(r.concept, r.language, r.term, r.verdict, f"{r.term_language} {r.status}",
             "yes" if (r.concept, r.language) in flagged else None, r.total, *(r.files.get(p) for p in paths))
            for r in found]  # fmt: skip
    header_row(ws, 1, headers)
    for r, (usage, values) in enumerate(zip(found, rows, strict=True), start=2):
        for c, value in enumerate(values, start=1):
            put(ws, r, c, value)
        if not usage.allowed:
            ws.cell(row=r, column=3).font = Font(name=FONT, bold=True, color="C00000")
    widths = fit(ws, [h.rsplit("/", 1)[-1] for h in headers], rows, 2)
    ws.freeze_panes = "D2"
    if rows:
        from openpyxl.utils import get_column_letter

        ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(rows) + 1}"
    print_setup(ws, widths, "1:1", "A:C", title=TITLE)


def false_positives(path: str) -> list[dict[str, Any]]:
    """The rows of a reviewed QA workbook marked false positive, as baseline entries. SourceError
    (naming the file, sheet and row) for a workbook that is not one."""
    from pathlib import Path

    from ..errors import SourceError
    from ..exchange.xlsx import open_workbook, sheet_rows

    wb = open_workbook(Path(path), path, data_only=True)
    if "Findings" not in wb.sheetnames:
        wb.close()
        raise SourceError("no sheet 'Findings': not a termcheck QA report (`lint --format xlsx`)", path)
    rows = sheet_rows(wb["Findings"], "Findings", path)
    wb.close()
    head = [str(h or "").strip() for h in (rows[0] if rows else ())]
    missing = [h for h in ("file", "rule", "found", "concept", "status", "fingerprint") if h not in head]
    if missing:
        raise SourceError(f"sheet 'Findings', row 1: missing column(s) {', '.join(missing)}", path)
    out = []
    for number, values in enumerate(rows[1:], start=2):
        row = dict(zip(head, values, strict=False))  # a row may be shorter than the header
        if str(row.get("status") or "").strip().lower() != FALSE_POSITIVE:
            continue
        fingerprint, file = row.get("fingerprint"), row.get("file")
        if not fingerprint or not file:
            raise SourceError(f"sheet 'Findings', row {number}: no file or fingerprint (a row added by hand?)", path)
        rule = str(row.get("rule") or "").split(" ", 1)[-1]
        concept = row.get("concept")
        out.append({"path": str(file), "rule": rule, "concept": str(concept) if concept else None,
                    "text": str(row.get("found") or ""), "fingerprint": str(fingerprint)})  # fmt: skip
    return out
