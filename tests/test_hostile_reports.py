"""Hostile text in the reports and workbooks (issue 21): control and bidi characters from the files
checked are shown escaped, never acted on by a terminal nor refused by a workbook's XML; a CSV cell is
never a formula nor a row break; a workbook with no sheet or one declaring XML entities is a located
one-line error (exit 2), never expanded, never an internal error."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Run

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names with control characters")

GLOSSARY = """version: 1
concepts:
- id: csto
  note: "note with BEL \\a and ESC \\e[31m"
  terms:
    en:
    - {term: CSTO, note: "form feed \\f here"}
    de:
    - {term: OVKS}
    pt:
    - {term: OTSC}
"""
CONTROLS = "A CSTO\x0b vertical \x0c feed \x1b[31m red \x07 bell and OVKS here.\n"


def setup(folder: Path, files: dict[str, str]) -> None:
    (folder / "g").mkdir(parents=True, exist_ok=True)
    (folder / "g" / "g.yaml").write_text(GLOSSARY, encoding="utf-8")
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")


def cells(workbook: Path) -> dict[str, list[str]]:
    """Every text cell of every sheet, read back with openpyxl."""
    from openpyxl import load_workbook

    wb = load_workbook(workbook)
    return {ws.title: [v for row in ws.iter_rows(values_only=True) for v in row if isinstance(v, str)] for ws in wb}


# --- every workbook written: what XML 1.0 cannot hold is escaped, visibly ---------------------------------


def test_control_characters_in_the_qa_workbook_are_escaped_in_every_cell(run: Run, tmp_path: Path) -> None:
    setup(tmp_path, {"x.txt": CONTROLS, "esc\x1bname.txt": "CSTO\n"})
    res = run("lint", ".", "--lang", "pt", "--glossary", "g", "--format", "xlsx", "-o", "qa.xlsx", cwd=tmp_path)
    assert res.code == 1 and "internal error" not in res.err
    sheets = cells(tmp_path / "qa.xlsx")
    findings = sheets["Findings"]
    assert "A CSTO\\x0b vertical \\x0c feed \\x1b[31m red \\x07 bell and OVKS here." in findings  # the sentence
    assert "esc\\x1bname.txt" in findings and "esc\\x1bname.txt" in sheets["Usage"]  # a cell and a header
    assert not any(re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", v) for vs in sheets.values() for v in vs)


def test_control_characters_in_the_term_base_are_escaped_in_the_exported_workbook(run: Run, tmp_path: Path) -> None:
    setup(tmp_path, {})
    res = run("glossary", "export", "--glossary", "g", "--format", "xlsx", "-o", "g.xlsx", cwd=tmp_path)
    assert res.code == 0, res.err
    sheets = cells(tmp_path / "g.xlsx")
    for sheet in ("Glossary", "Concepts"):
        assert "note with BEL \\x07 and ESC \\x1b[31m" in sheets[sheet]
    assert "form feed \\x0c here" in sheets["Terms"]


def test_control_characters_in_contexts_are_escaped_in_the_candidates_workbook(run: Run, tmp_path: Path) -> None:
    sentence = "Die Organisation des Vertrags über kollektive Sicherheit (OVKS) tagte\x1b[31m.\n"
    setup(tmp_path, {"c.txt": sentence * 3})
    res = run("glossary", "candidates", "--glossary", "g", "--lang", "de", "--min-count", "1", "--format", "xlsx",
              "-o", "c.xlsx", "c.txt", cwd=tmp_path)  # fmt: skip
    assert res.code == 0, res.err
    assert any("tagte\\x1b[31m." in v for v in cells(tmp_path / "c.xlsx")["Candidates"])


# --- usage-csv: formula-safe, one row per rendering and file ----------------------------------------------


def test_usage_csv_cells_are_never_formulas_and_a_cr_in_a_file_name_does_not_split_its_row(
    run: Run, tmp_path: Path
) -> None:
    names = ['=HYPERLINK("x.example","y").txt', "+cr\rname.txt", "@at.txt", "-dash.txt"]
    setup(tmp_path, dict.fromkeys(names, "A CSTO e a OTSC.\n"))
    res = run("lint", ".", "--lang", "pt", "--glossary", "g", "--format", "usage-csv", cwd=tmp_path)
    rows = list(csv.reader(io.StringIO(res.out, newline="")))
    assert len(rows) == 1 + 2 * len(names)  # the header, then CSTO and OTSC in each file
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    assert sorted({row[6] for row in rows[1:]}) == sorted("'" + name for name in names)


# --- the text report and the github format: controls and bidi characters shown escaped -------------------


def test_control_characters_are_escaped_and_the_caret_stays_under_the_match(run: Run, tmp_path: Path) -> None:
    setup(tmp_path, {"x.txt": CONTROLS, "bell\x07name.txt": "CSTO\n"})
    res = run("lint", ".", "--lang", "pt", "--glossary", "g", cwd=tmp_path)
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f]", res.out + res.err)
    shown = "    A CSTO\\x0b vertical \\x0c feed \\x1b[31m red \\x07 bell and OVKS here."
    lines = res.out.splitlines()
    at = lines.index(f"x.txt:1:{CONTROLS.index('OVKS') + 1}: TC101 foreign-rendering 'OVKS' is the German rendering "
                     "of concept 'csto'; in Portuguese use 'OTSC'")  # fmt: skip
    assert lines[at + 1 : at + 3] == [shown, " " * shown.index("OVKS") + "^^^^"]
    assert "bell\\x07name.txt:1:1:" in res.out and "bell\\x07name.txt" in res.err  # the report and its summary


BIDI = "A OTSC e \u202eCSTO\u202c ok.\nA CSTO e \u2066x.\n"


def test_bidi_controls_are_escaped_and_noted_in_every_report(run: Run, tmp_path: Path) -> None:
    setup(tmp_path, {"b.txt": BIDI})
    args = ("lint", "b.txt", "--lang", "pt", "--glossary", "g")
    text = run(*args, cwd=tmp_path).out
    assert not re.search("[\u202a-\u202e\u2066-\u2069]", text)
    assert "    A OTSC e \\u202eCSTO\\u202c ok.\n                   ^^^^\n" in text  # under CSTO as shown
    near = "note: bidi control characters (U+202E, U+202C) are next to the text found; it may not read as displayed"
    line = "note: a bidi control character (U+2066) is on the line of the text found; it may not read as displayed"
    assert near in text and line in text
    notes = [f.get("notes") for f in run(*args, "--format", "json", cwd=tmp_path).json["findings"]]
    assert notes == [[near], [line]]
    sarif = json.loads(run(*args, "--format", "sarif", cwd=tmp_path).out)
    assert [r["properties"]["notes"] for r in sarif["runs"][0]["results"]] == [[near], [line]]
    github = run(*args, "--format", "github", cwd=tmp_path).out
    assert f"%0A{near}" in github and not re.search("[\u202a-\u202e\u2066-\u2069]", github)


def test_a_finding_away_from_any_bidi_control_has_no_note(run: Run, tmp_path: Path) -> None:
    setup(tmp_path, {"b.txt": "A CSTO.\n\u202eOTSC\n"})
    data = run("lint", "b.txt", "--lang", "pt", "--glossary", "g", "--format", "json", cwd=tmp_path).json
    assert [("notes" in f) for f in data["findings"]] == [False]


def test_github_annotations_escape_control_characters_in_names_and_messages(run: Run, tmp_path: Path) -> None:
    setup(tmp_path, {"esc\x1b[2Jname.txt": "CSTO\n"})
    res = run("lint", ".", "--lang", "pt", "--glossary", "g", "--format", "github", cwd=tmp_path)
    assert res.out.startswith("::warning file=esc\\x1b[2Jname.txt,") and "\x1b" not in res.out


def test_a_multi_megabyte_line_full_of_controls_is_reported_in_time(tmp_path: Path) -> None:
    """A hang guard only (each finding's note and excerpt must not scan the whole line again):
    bench/hostile_reports.py prints how the time grows with the line."""
    from conftest import run_process

    setup(tmp_path, {"big.txt": (" CSTO" + "\u202e\x1b" * 2000) * 100 + "\n"})  # 400,000 characters, 100 findings
    res = run_process("lint", "big.txt", "--lang", "pt", "--glossary", "g", cwd=tmp_path)
    assert res.returncode == 1 and "\x1b" not in res.stdout
    assert res.stdout.count("note: a bidi control character (U+202E) is next to the text found") == 100


# --- workbooks read: no sheet, XML entities -------------------------------------------------------------


def rezip(source: Path, target: Path, edit: Callable[[dict[str, bytes]], None]) -> None:
    with zipfile.ZipFile(source) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    edit(parts)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)


def no_sheets(parts: dict[str, bytes]) -> None:
    parts["xl/workbook.xml"] = re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", parts["xl/workbook.xml"], flags=re.S)
    for name in [n for n in parts if n.startswith("xl/worksheets/")]:
        del parts[name]


@pytest.mark.parametrize("command", ["glossary import", "baseline import"])
def test_a_workbook_with_no_sheets_is_a_located_error(run: Run, tmp_path: Path, command: str) -> None:
    setup(tmp_path, {})
    run("glossary", "export", "--glossary", "g", "--format", "xlsx", "-o", "g.xlsx", cwd=tmp_path)
    rezip(tmp_path / "g.xlsx", tmp_path / "empty.xlsx", no_sheets)
    extra = ["-o", "out"] if command == "glossary import" else ["--baseline", "b.json"]
    res = run(*command.split(), "empty.xlsx", *extra, cwd=tmp_path)
    assert (res.code, res.err) == (2, "error: empty.xlsx: the workbook has no sheets\n")


DTD = b'<?xml version="1.0" encoding="UTF-8"?>\n<!-- a comment --><!DOCTYPE x [<!ENTITY fp "false positive">]>\n'


def entity_in(part: str) -> Callable[[dict[str, bytes]], None]:
    """An edit of a QA workbook: `part` declares an entity and uses it (for a status, or the sheet's name)."""

    def edit(parts: dict[str, bytes]) -> None:
        sheet = parts["xl/worksheets/sheet1.xml"]
        if part == "xl/sharedStrings.xml":  # openpyxl writes inline strings: move a status to a shared one
            sheet = sheet.replace(b't="inlineStr"><is><t>open</t></is>', b't="s"><v>0</v>', 1)
            sst = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&fp;</t></si></sst>'
            parts[part] = DTD + sst
            parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
                b"</Relationships>", b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/'
                b'2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')  # fmt: skip
        elif part == "xl/worksheets/sheet1.xml":
            sheet = DTD + sheet.replace(b"<t>open</t>", b"<t>&fp;</t>", 1)
        else:  # the workbook itself, in UTF-8 or in UTF-16 (with a BOM)
            book = re.sub(rb"^<\?xml[^>]*\?>", b"", parts["xl/workbook.xml"]).replace(b'"Findings"', b'"&fp;"')
            book = DTD.replace(b"false positive", b"Findings") + book
            utf16 = part.endswith("(UTF-16)")
            parts["xl/workbook.xml"] = book.decode().replace("UTF-8", "UTF-16").encode("utf-16") if utf16 else book
        parts["xl/worksheets/sheet1.xml"] = sheet

    return edit


@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/workbook.xml",
                                  "xl/workbook.xml (UTF-16)"])  # fmt: skip
def test_a_qa_workbook_declaring_entities_is_refused_in_one_line(run: Run, tmp_path: Path, part: str) -> None:
    setup(tmp_path, {"x.txt": "A CSTO.\n"})
    run("lint", "x.txt", "--lang", "pt", "--glossary", "g", "--format", "xlsx", "-o", "qa.xlsx", cwd=tmp_path)
    rezip(tmp_path / "qa.xlsx", tmp_path / "bad.xlsx", entity_in(part))
    res = run("baseline", "import", "bad.xlsx", "--baseline", "b.json", cwd=tmp_path)
    where = part.split()[0]
    assert (res.code, res.err) == (
        2, f"error: bad.xlsx: refused: the file declares XML entities (a DTD in {where}); workbooks need none\n")  # fmt: skip
    assert not (tmp_path / "b.json").exists()
    imported = run("glossary", "import", "bad.xlsx", "-o", "out", cwd=tmp_path)
    assert imported.code == 2 and imported.err.count("\n") == 1 and "refused" in imported.err


def test_a_reviewed_qa_workbook_still_becomes_a_baseline(run: Run, tmp_path: Path) -> None:
    """The reader checked above still reads: a row marked false positive, one cut short (no comment)."""
    from openpyxl import load_workbook

    setup(tmp_path, {"x.txt": CONTROLS})
    run("lint", "x.txt", "--lang", "pt", "--glossary", "g", "--format", "xlsx", "-o", "qa.xlsx", cwd=tmp_path)
    wb = load_workbook(tmp_path / "qa.xlsx")
    ws = wb["Findings"]
    status = [c.value for c in ws[1]].index("status") + 1
    ws.cell(row=2, column=status, value="False positive")
    wb.save(tmp_path / "qa.xlsx")
    res = run("baseline", "import", "qa.xlsx", "--baseline", "b.json", cwd=tmp_path)
    assert res.code == 0, res.err
    assert len(json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))["findings"]) == 1
    assert run("lint", "x.txt", "--lang", "pt", "--glossary", "g", "--baseline", "b.json", cwd=tmp_path).code == 1


HOSTILE_XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="x" source-language="en" target-language="pt" datatype="plaintext"><body>
    <trans-unit id="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">
      <source>The CSTO &lt;script&gt;alert(2)&lt;/script&gt; <bpt id="1">&lt;b onclick="x"&gt;</bpt>here<ept id="1">&lt;/b&gt;</ept></source>
      <target>O CSTO &lt;script&gt;alert(2)&lt;/script&gt; <bpt id="1">&lt;b onclick="x"&gt;</bpt>aqui<ept id="1">&lt;/b&gt;</ept></target>
    </trans-unit>
  </body></file>
</xliff>
"""


def test_hostile_segments_ids_and_inline_codes_are_escaped_in_the_html_report_and_the_workbook(
    run: Run, tmp_path: Path
) -> None:
    """A segment's id, text and codes come from the file: escaped in the page (no tag, no script), the
    native code of an inline code never shown, the workbook's cells XML-safe."""
    setup(tmp_path, {"x.xlf": HOSTILE_XLIFF})
    assert run("lint", "x.xlf", "--glossary", "g", "--format", "html", "-o", "r.html", cwd=tmp_path).code == 1
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    findings = page[page.index('<section id="findings">') : page.index('<section id="usage">')]
    assert "<script" not in findings and "onclick" not in findings
    assert '<span class="seg-id">unit &quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</span>' in findings
    assert "{1}aqui{/1}" in findings and "{1}here{/1}" in findings
    assert run("lint", "x.xlf", "--glossary", "g", "--format", "xlsx", "-o", "qa.xlsx", cwd=tmp_path).code == 1
    values = cells(tmp_path / "qa.xlsx")["Findings"]
    assert any("{1}aqui{/1}" in v and "<script>alert(2)</script>" in v for v in values)  # text, as text
    assert not any(re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", v) for v in values)
