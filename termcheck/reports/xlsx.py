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
# The columns a printed page shows, each finding's row across one landscape page (the sentence wrapped, its
# status beside it), with their widths; then the columns kept for filters and `baseline import`.
PRINTED = {"file": 18, "line": 6, "segment": 12, "rule": 16, "suggestion": 12, "sentence": 46, "source": 34,
           "message": 30, "status": 12, "comment": 16}  # fmt: skip
HEADERS = (*PRINTED, "found", "column", "language", "severity", "concept", "fingerprint")
WIDTHS = {"found": 16, "column": 8, "language": 10, "severity": 10, "concept": 20, "fingerprint": 26}
TITLE = "termcheck QA report"
EXCERPT = 40  # characters either side of a finding shown again in a segment already shown above


def _rich(text: str, spans: list[tuple[int, int, Any]]) -> Any:
    """`text` as rich text, each (start, end, font) span in its font; each piece made `xml_safe`."""
    from openpyxl.cell.rich_text import CellRichText, TextBlock

    spans = sorted((a, b, font) for a, b, font in spans if 0 <= a < b <= len(text))
    parts: list[Any] = []
    at = 0
    for a, b, font in spans:
        if a < at:
            continue  # overlapping another: left as it is
        if a > at:
            parts.append(xml_safe(text[at:a]))
        parts.append(TextBlock(font, xml_safe(text[a:b])))
        at = b
    if at < len(text):
        parts.append(xml_safe(text[at:]))
    return CellRichText(*parts) if any(not isinstance(p, str) for p in parts) else (text or None)


def _found_font() -> Any:
    from openpyxl.cell.text import InlineFont

    return InlineFont(rFont=FONT, b=True, color="C00000", u="single")


def _sentence(f: Finding, group: list[Finding], first: bool) -> Any:
    """The finding's segment (bilingual files) or line as rich text, the found text in bold red; the
    first finding of a segment shows it whole with the group's other findings underlined, the others a
    window around their own (the segment is not repeated for each of its findings)."""
    from openpyxl.cell.text import InlineFont

    view = f.segment
    if view is not None:
        text, (a, b) = view.text, f.segment_span
    else:
        text = f.line_text
        if not (f.span.line == f.span.end_line and 0 < f.span.column <= f.span.end_column <= len(text) + 1):
            return text or None
        a, b = f.span.column - 1, f.span.end_column - 1
    if not first:
        lo, hi = max(0, a - EXCERPT), min(len(text), b + EXCERPT)
        prefix = "(as above) " + ("…" if lo else "")
        window = prefix + text[lo:hi] + ("…" if hi < len(text) else "")
        return _rich(window, [(a - lo + len(prefix), b - lo + len(prefix), _found_font())])
    others = InlineFont(rFont=FONT, u="single", color="9A6700")
    spans: list[tuple[int, int, Any]] = [(a, b, _found_font())]
    for g in group:
        if g is not f:
            ga, gb = g.segment_span if view is not None else (g.span.column - 1, g.span.end_column - 1)
            if (ga, gb) != (a, b) and (gb <= a or ga >= b) and not (ga <= 0 and gb >= len(text)):
                spans.append((ga, gb, others))
    return _rich(text, spans)


def _source(f: Finding) -> Any:
    """The source beside the target, the source terms of the finding's concept in bold blue."""
    from openpyxl.cell.text import InlineFont

    view = f.segment
    if view is None:
        return f.source_text.replace("\ufffc", "{}") or None
    font = InlineFont(rFont=FONT, b=True, color="0B6BCB")
    return _rich(view.source, [(a, b, font) for a, b, ids in view.source_terms if f.concept in ids])


def _segment(f: Finding) -> str | None:
    if f.segment is None:
        return None
    return f"{f.segment.label} ({f.segment.state or f.language})"  # a memory's units: the target's language


def _key(f: Finding) -> tuple[str, int, int]:
    return (f.path, 0, f.segment.start) if f.segment is not None else (f.path, 1, f.span.line)


def _lines(value: Any, width: float) -> int:
    """About how many lines a wrapped cell of `width` shows `value` in."""
    if value in (None, ""):
        return 1
    chars = max(1.0, width * 1.05)
    return sum(max(1, -(-len(line) // int(chars))) for line in str(value).split("\n"))


def render(result: RunResult) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    findings = sorted(result.findings, key=Finding.sort_key)
    groups: dict[tuple[str, int, int], list[Finding]] = {}
    for f in findings:
        groups.setdefault(_key(f), []).append(f)
    wb = Workbook()
    ws = wb.active
    ws.title = "Findings"
    header_row(ws, 1, HEADERS)
    col = {name: i for i, name in enumerate(HEADERS, start=1)}
    wrap = Alignment(wrap_text=True, vertical="top")
    widths = [PRINTED.get(h) or WIDTHS[h] for h in HEADERS]
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    seen: set[tuple[str, int, int]] = set()
    for r, f in enumerate(findings, start=2):
        key = _key(f)
        first = key not in seen
        seen.add(key)
        values = {"file": f.path, "line": f.span.line, "segment": _segment(f), "rule": f"{f.code} {f.rule}",
                  "suggestion": " / ".join(f.suggestions) or None, "message": f.message, "status": "open",
                  "comment": None, "found": f.text, "column": f.span.column, "language": f.language,
                  "severity": f.severity.label, "concept": f.concept}  # fmt: skip
        for name, value in values.items():
            put(ws, r, col[name], value).alignment = wrap
        put(ws, r, col["fingerprint"], f.fingerprint)  # hidden, for `baseline import`, never wrapped
        sentence, source = _sentence(f, groups[key], first), _source(f)
        put(ws, r, col["sentence"], sentence).alignment = wrap
        put(ws, r, col["source"], source).alignment = wrap
        ws.cell(row=r, column=col["rule"]).font = Font(
            name=FONT, bold=True, color={"error": "B42318", "warning": "9A6700"}.get(f.severity.label, "0B6BCB")
        )
        shown = {**values, "sentence": str(sentence or ""), "source": str(source or "")}
        ws.row_dimensions[r].height = 15.0 * max(_lines(shown.get(h), PRINTED[h]) for h in PRINTED) + 2
    last = get_column_letter(len(HEADERS))
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{last}{max(len(findings), 1) + 1}"
    validation(ws, col["status"], STATUSES, len(findings))
    ws.column_dimensions[get_column_letter(col["fingerprint"])].hidden = True
    print_setup(ws, list(PRINTED.values()), "1:1", title=TITLE)
    ws.print_area = f"A1:{get_column_letter(len(PRINTED))}{max(len(findings), 1) + 1}"  # the printed columns
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
