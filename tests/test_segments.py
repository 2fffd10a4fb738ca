"""Reports show segments, not file lines (issue 24 §1): a bilingual file's finding carries its segment as a
reviewer reads it (inline codes as numbered tokens, placeholders as written, no MASK, no XML or PO syntax),
its id and state and its source with the source terms; the text report's caret under wide characters;
`--statistics` marks only safe fixes; `lint --format xlsx -o -` writes the workbook to standard output;
the workbook printed by LibreOffice fits each finding's row across one page."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest

from conftest import NEEDS_LIBREOFFICE, ROOT, Run, pdf_words, to_pdf
from termcheck.findings import Finding, Severity, Span
from termcheck.rules.segments import segment_view
from termcheck.sources import po, xml
from termcheck.sources.base import MASK, Parsed, Segment
from termcheck.sources.document import assemble

RAW = ("<tuv", "<seg", "<pc", "<bpt", "<ept", "<ph", "<x ", "<g ", "<sc", "<ec", "<it", "msgstr", "msgid", "&lt;", MASK)


def _targets(parsed: Parsed, text: str) -> list[tuple[Segment, str, str, str]]:
    doc = assemble(parsed.path, text, parsed.segments, "und", escape=parsed.escape)
    out = []
    for seg in parsed.segments:
        if seg.kind in ("msgstr", "target", "memory"):
            view, _, _ = segment_view(seg, doc, None)
            out.append((seg, view.label, view.text, view.source))
    return out


def _read(path: Path) -> tuple[Parsed, str]:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".po":
        return po.read(str(path), text, include_fuzzy=True), text
    return xml.read(str(path), text, "tmx" if path.suffix == ".tmx" else "xliff", include_fuzzy=True), text


XLIFF_12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="a.html" source-language="en" target-language="pt-PT" datatype="html"><body>
    <trans-unit id="intro">
      <source><g id="1">The CSTO</g> met <x id="2"/> in <bpt id="3">&lt;b&gt;</bpt>Minsk<ept id="3">&lt;/b&gt;</ept>.</source>
      <target state="translated"><g id="1">O CSTO</g> reuniu-se <x id="2"/> em <bpt id="3">&lt;b&gt;</bpt>Minsk<ept id="3">&lt;/b&gt;</ept>.</target>
    </trans-unit>
    <trans-unit id="keys">
      <source>Press %s &amp; the &lt;CSTO&gt; key</source>
      <target>Prima %s &amp; a tecla &lt;CSTO&gt; do CSTO</target>
    </trans-unit>
  </body></file>
</xliff>
"""
XLIFF_20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="pt-PT"><file id="f">
  <unit id="u1"><segment state="reviewed">
    <source><ph id="0"/>The <sc id="1"/>CSTO<ec startRef="1"/> and <pc id="2"><pc id="3">the SCO</pc></pc>.</source>
    <target><ph id="0"/>O <sc id="1"/>CSTO<ec startRef="1"/> e <pc id="2"><pc id="3">a SCO</pc></pc>.<ph id="9"/></target>
  </segment></unit>
</file></xliff>
"""
TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en" creationtool="x"
 creationtoolversion="1" o-tmf="x"/><body>
<tu tuid="42"><tuv xml:lang="en"><seg><it pos="begin" x="1">&lt;i&gt;</it>The CSTO <ph x="2">&lt;br/&gt;</ph>met.</seg></tuv>
<tuv xml:lang="pt-PT"><seg><it pos="begin" x="1">&lt;i&gt;</it>O CSTO <ph x="2">&lt;br/&gt;</ph>reuniu-se.</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>The summit.</seg></tuv><tuv xml:lang="de"><seg>Der Gipfel.</seg></tuv></tu>
</body></tmx>
"""


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("a.xlf", XLIFF_12, [("unit intro", "{1}O CSTO{/1} reuniu-se {2} em {3}Minsk{/3}.",
                              "{1}The CSTO{/1} met {2} in {3}Minsk{/3}."),
                             ("unit keys", "Prima %s & a tecla <CSTO> do CSTO", "Press %s & the <CSTO> key")]),
        ("b.xlf", XLIFF_20, [("unit u1", "{1}O {2}CSTO{/2} e {3}{4}a SCO{/4}{/3}.{5}",
                              "{1}The {2}CSTO{/2} and {3}{4}the SCO{/4}{/3}.")]),
        ("c.tmx", TMX, [("tu 42", "{1}O CSTO {2}reuniu-se.", "{1}The CSTO {2}met."),
                        ("tu line 6", "Der Gipfel.", "The summit.")]),
    ],
)  # fmt: skip
def test_inline_codes_are_numbered_tokens_and_escapes_are_read(
    tmp_path: Path, name: str, content: str, expected: list[tuple[str, str, str]]
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert [t[1:] for t in _targets(*_read(path))] == expected


REAL = [*sorted((ROOT / "bench" / "corpora" / "catalogues").glob("*.po")), *sorted((ROOT / "examples").glob("*.*"))]


@pytest.mark.parametrize("path", [p for p in REAL if p.suffix in (".po", ".tmx", ".xlf")], ids=lambda p: p.name)
def test_every_segment_of_real_files_reads_as_a_reviewer_reads_it(path: Path) -> None:
    """Every translation of the real catalogues (Sphinx's, thousands of entries) and of the examples:
    no MASK, no XML or PO syntax; each placeholder of the translation as written."""
    parsed, text = _read(path)
    targets = _targets(parsed, text)
    assert targets or path.name == "sphinx-pt.po"  # a catalogue nobody translated yet
    placeholder = re.compile(r"%\([a-z_]+\)[sd]|\{[a-z_]+\}")
    for seg, label, view, source in targets:
        for raw in RAW:
            assert raw not in view and raw not in source, (label, view, source)
        if path.suffix == ".po":
            assert label.startswith(("msgid line", "msgctxt"))
            written = text[seg.start_of(0) : seg.end_of(len(seg.text) - 1)]  # the msgstr as the file has it
            assert placeholder.findall(written) == placeholder.findall(view), (label, written, view)


def test_findings_of_bilingual_files_carry_their_segment_and_the_json_report_does_not(run: Run) -> None:
    res = run("lint", "examples/", "--format", "json")
    assert '"segment"' not in res.out and "{1}" not in res.out
    assert res.out == (ROOT / "reports" / "examples" / "examples.json").read_text(encoding="utf-8")


def test_the_caret_stands_under_wide_characters() -> None:
    from termcheck.reports.text import render_finding, width

    assert (width("中文"), width("😀"), width("👍🏽"), width("e\u0301"), width("a\u200db")) == (4, 2, 2, 1, 2)
    line = "中文中文 😀 A CSTO."
    column = line.index("CSTO") + 1
    f = Finding("x.txt", Span(column - 1, column + 3, 1, column, 1, column + 4), "TC101", "foreign-rendering",
                Severity.WARNING, "m", "CSTO", "csto", "pt", line_text=line)  # fmt: skip
    _head, shown, caret = click.unstyle(render_finding(f)).split("\n")[:3]
    assert caret.index("^") == width(shown[: shown.index("CSTO")]) and caret.strip() == "^^^^"


def test_statistics_marks_only_the_fixes_fix_applies(run: Run) -> None:
    res = run("lint", "examples/", "--statistics")
    lines = {line.split()[1]: line for line in res.out.splitlines()}
    assert lines["TC101"].endswith("[*] 8 fixable (3 more unsafe)")  # some safe, some only with --unsafe-fixes
    assert "[*]" not in lines["TC105"] and lines["TC105"].endswith("3 fixable with --unsafe-fixes")
    assert lines["TC301"].rstrip().endswith("missing-term")  # no fix at all


def test_the_workbook_goes_to_standard_output(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    done = subprocess.run([sys.executable, "-m", "termcheck", "lint", "examples/", "--format", "xlsx", "-o", "-",
                           "--statistics"], cwd=ROOT, capture_output=True, timeout=300, check=False)  # fmt: skip
    assert done.returncode == 1 and done.stdout.startswith(b"PK")
    assert b"TC101" in done.stderr  # the statistics, and the summary, on standard error
    ws = load_workbook(io.BytesIO(done.stdout))["Findings"]
    assert ws.max_row == 25
    refused = subprocess.run([sys.executable, "-m", "termcheck", "lint", "examples/", "--format", "xlsx"], cwd=ROOT,
                             capture_output=True, timeout=300, check=False)  # fmt: skip
    assert refused.returncode == 2 and b"-o FILE" in refused.stderr and refused.stdout == b""


@NEEDS_LIBREOFFICE
def test_the_qa_workbook_prints_each_finding_across_one_page_with_its_segment(run: Run, tmp_path: Path) -> None:
    """Printed by LibreOffice: every printed column on each page of Findings (a finding's status beside
    it, not pages away), each row's status on the line of its file; the segments as a reviewer reads them."""
    assert run("lint", "examples/", "--format", "xlsx", "-o", str(tmp_path / "qa.xlsx")).code == 1
    pdf = to_pdf(tmp_path / "qa.xlsx")
    pages = [p for p in pdf_words(pdf) if " ".join(w[4] for w in p[:4]) == "termcheck QA report: Findings"]
    assert pages
    for page in pages:
        assert {"file", "segment", "sentence", "source", "message", "status", "comment"} <= {w[4] for w in page}
        files = [w for w in page if w[4].startswith("examples/")]
        opens = [w for w in page if w[4] == "open"]
        assert len(files) == len(opens)
        for f, o in zip(sorted(files, key=lambda w: w[1]), sorted(opens, key=lambda w: w[1]), strict=True):
            assert abs(f[1] - o[1]) < 2 and o[0] > f[0]  # on the same line, to the right
    assert sum(1 for page in pages for w in page if w[4] == "open") == 24
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for raw in ("<tuv", "<seg", "<pc", 'msgstr "', MASK):
        assert raw not in text
    for shown in ("{1}ist", "wichtig{/1}", "tu 2", "unit p1", "msgid line 22", "%(name)s", "{1}CSTO{/1}"):
        assert shown in text, shown
    if os.environ.get("TERMCHECK_UPDATE_IMAGES"):  # docs/img/qa-workbook.png: the first printed page
        target = ROOT / "docs" / "img" / "qa-workbook"
        subprocess.run(["pdftoppm", "-png", "-r", "100", "-singlefile", "-f", "1", "-l", "1", str(pdf), str(target)],
                       check=True)  # fmt: skip
