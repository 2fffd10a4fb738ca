"""Hostile text in the reports (issue 21): how the time to report grows with the input. Prints, for
doubling sizes, the total and the time per unit: linear work keeps the time per unit flat.

- the text report and the JSON notes of N findings on one line full of ESC and RLO characters (each
  finding's excerpt escaped, its bidi note found from the line scanned once);
- `xml_safe` on a cell of N characters, a tenth of them control characters;
- the DTD check of a workbook part whose prolog is N bytes of comments.

Run: python bench/hostile_reports.py
"""

from __future__ import annotations

import io
import time

from termcheck.exchange.cells import xml_safe
from termcheck.exchange.xlsx import _declares_dtd
from termcheck.findings import Finding, Severity, Span
from termcheck.reports.json import finding_dict
from termcheck.reports.text import render_finding

UNIT = "CSTO \u202e\x1b "
FINDINGS = [10_000, 20_000, 40_000, 80_000]


def findings(n: int) -> list[Finding]:
    line = UNIT * n
    return [
        Finding("big.txt", Span(i * len(UNIT), i * len(UNIT) + 4, 1, i * len(UNIT) + 1, 1, i * len(UNIT) + 5),
                "TC101", "foreign-rendering", Severity.WARNING, "'CSTO' is English", "CSTO", "csto", "pt",
                line_text=line)
        for i in range(n)
    ]  # fmt: skip


def timed(work: object, *args: object) -> float:
    start = time.perf_counter()
    work(*args)  # type: ignore[operator]
    return time.perf_counter() - start


def report(label: str, unit: str, sizes: list[int], run: object) -> None:
    print(label)
    for n in sizes:
        seconds = timed(run, n)
        print(f"  {n:>9,} {unit}: {seconds:7.3f} s, {seconds / n * 1e6:7.3f} µs per {unit[:-1]}")


def main() -> None:
    built = {n: findings(n) for n in FINDINGS}  # made before the clock starts

    def text_report(n: int) -> None:
        for f in built[n]:
            render_finding(f)

    def json_notes(n: int) -> None:
        for f in built[n]:
            finding_dict(f)

    def cells(n: int) -> None:
        xml_safe("abcdefghi\x1b" * (n // 10))

    def prolog(n: int) -> None:
        part = b'<?xml version="1.0"?>' + b"<!-- padding -->" * (n // 16) + b"<worksheet/>"
        assert not _declares_dtd(io.BytesIO(part))

    report("text report, N findings on one line of 7 N characters (RLO and ESC in each unit):", "findings",
           FINDINGS, text_report)  # fmt: skip
    report("JSON findings (with their bidi notes), the same line:", "findings", FINDINGS, json_notes)
    report("xml_safe, one cell, a tenth control characters:", "chars", [1 << 20, 1 << 21, 1 << 22, 1 << 23], cells)
    report("DTD check, a prolog of comments:", "bytes", [1 << 20, 1 << 21, 1 << 22, 1 << 23], prolog)


if __name__ == "__main__":
    main()
