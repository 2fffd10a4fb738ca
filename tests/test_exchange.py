"""Glossary exchange with real files: Excel workbooks read back with openpyxl, TBX with an XML parser,
CSV with the csv module, PO with polib; imports into a copy of the shipped term base."""

from __future__ import annotations

import codecs
import csv
import io
import shutil
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import polib
import pytest
from openpyxl import load_workbook

from conftest import CORE_IDS, NEEDS_LIBREOFFICE, ROOT, Result, Run, overlapping, pdf_words, to_pdf
from termcheck.exchange.tbx import PICKLISTS
from termcheck.glossary.load import load

# The shipped term base's core stands in for it here (conftest.core_builtin): these tests are about the
# formats, and each exports and imports it several times; one round trip below takes the whole of it.
SHIPPED = len(CORE_IDS)

GLOSSARY = ROOT / "glossary"


@pytest.fixture(autouse=True)
def _core(request: pytest.FixtureRequest) -> None:
    if request.node.get_closest_marker("whole_term_base") is None:
        request.getfixturevalue("core_builtin")


NS = "{urn:iso:std:iso:30042:ed-2}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture
def termbase(tmp_path: Path) -> Path:
    """A copy of the term base `builtin` names (its core, or all of it) to import into."""
    from termcheck.glossary.files import builtin_dir

    target = tmp_path / "glossary"
    target.mkdir()
    for path in builtin_dir().glob("*.yaml"):
        shutil.copy(path, target / path.name)
    return target


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.yaml"))}


# --- Excel ------------------------------------------------------------------------------------------------


def test_workbook_is_ready_to_use(run: Run, tmp_path: Path) -> None:
    res = run("glossary", "export", "--format", "xlsx", "-o", "g.xlsx", "--lang", "en", "--lang", "de", cwd=tmp_path)
    assert res.code == 0, res.err
    wb = load_workbook(tmp_path / "g.xlsx")
    assert wb.sheetnames == ["Glossary", "Terms", "Concepts", "Sources", "Examples", "README"]
    ws = wb["Terms"]
    header = [c.value for c in ws[1]]
    assert header[:5] == ["concept", "domain", "language", "term", "status"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")
    assert ws["A1"].font.bold and ws.column_dimensions["D"].width >= 30
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$1:$1"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert "&P" in ws.oddFooter.right.text
    langs = {row[2] for row in ws.iter_rows(min_row=2, values_only=True)}
    assert langs == {"en", "de"}
    status_rules = [dv for dv in ws.data_validations.dataValidation if "preferred,admitted,deprecated" in dv.formula1]
    assert status_rules and "E2" in str(status_rules[0].sqref).split(":")[0]
    deprecated = next(r for r in ws.iter_rows(min_row=2) if r[3].value == "Weißrussland")
    assert (
        deprecated[4].value == "deprecated"
        and deprecated[3].font.strike
        and deprecated[3].font.color.rgb.endswith("C00000")
    )
    readme = [r[0] for r in wb["README"].iter_rows(min_row=2, values_only=True)]
    assert (
        "status" in readme and "Sheet Terms" in readme and "Sheet Glossary" in readme and "Sheet Overview" not in readme
    )
    concepts = [c.value for c in wb["Concepts"][1]]
    assert concepts[:4] == ["concept", "domain", "note", "file"] and "de: gender" in concepts
    assert wb.properties.title == "termcheck term base" and wb.properties.created is not None
    assert wb.properties.version and f"{SHIPPED} concepts" in wb.properties.subject


def test_the_glossary_sheet_shows_each_concept_in_every_language(run: Run, tmp_path: Path) -> None:
    assert run("glossary", "export", "--format", "xlsx", "-o", "g.xlsx", cwd=tmp_path).code == 0
    ws = load_workbook(tmp_path / "g.xlsx")["Glossary"]
    header = [c.value for c in ws[2]]
    assert header[:5] == ["concept", "preferred", "also allowed", "do not use", "gender"]
    assert header[-2:] == ["definition", "note"]
    assert ws["B1"].value == "English (en)" and "B1:E1" in {str(r) for r in ws.merged_cells.ranges}
    assert ws.freeze_panes == "B3" and ws.auto_filter.ref.startswith("A2:")
    rows = {r[0]: r for r in ws.iter_rows(min_row=3, values_only=True)}
    assert len(rows) == SHIPPED
    de = header.index("preferred", 5)  # German's group follows English's
    belarus = next(r for r in ws.iter_rows(min_row=3) if r[0].value == "belarus")
    assert belarus[de].value == "Belarus" and belarus[de].font.b
    assert "Weißrussland" in belarus[de + 2].value and belarus[de + 2].font.strike  # do not use: struck through
    csto = rows["csto"]
    assert csto[1].split("\n")[0] == "CSTO" and "Collective Security Treaty Organisation" in csto[2]
    assert csto[header.index("definition")].startswith("en: ")
    # Every row is as high as its most wrapped cell; no column is wider than a page allows.
    heights = [ws.row_dimensions[r].height for r in range(3, SHIPPED + 3)]
    assert all(h and h >= 17 for h in heights) and max(heights) > 17
    assert max(ws.column_dimensions[c].width for c in ("B", "C", "D")) <= 46
    assert (
        ws.print_title_rows == "$1:$2" and ws.print_title_cols == "$A:$A" and ws.page_setup.orientation == "landscape"
    )
    assert ws.col_breaks.brk, "eight languages do not fit across one page: the pages break between languages"


@NEEDS_LIBREOFFICE
def test_the_workbook_prints_in_libreoffice_with_every_term_and_nothingoverlapping(run: Run, tmp_path: Path) -> None:
    """LibreOffice Calc makes a PDF of every sheet; its text, read back with pdftotext, holds every term
    of the term base (a cell too narrow or too low would cut them off: LibreOffice leaves out what it
    clips), and no two words on a page overlap (a wrapped line cut by the row under it, a header over
    the table)."""
    import re

    assert run("glossary", "export", "--format", "xlsx", "-o", "g.xlsx", cwd=tmp_path).code == 0
    pages = pdf_words(to_pdf(tmp_path / "g.xlsx"))
    sheets = [" ".join(w[4] for w in page[:5]) for page in pages]
    for sheet in ("Glossary", "Terms", "Concepts", "Sources", "Examples", "README"):
        assert any(f"term base: {sheet}" in head for head in sheets), f"no page of the sheet {sheet}"
    assert len(pages) < 60  # the export before print setup made 70 pages, most of them a column or two wide
    text = re.sub(r"\s+", " ", " ".join(w[4] for page in pages for w in page))
    terms = {t.text for c in load()[0].concepts for ts in c.terms.values() for t in ts}
    assert [t for t in sorted(terms) if t not in text] == []
    assert [(n, pair) for n, page in enumerate(pages, 1) for pair in overlapping(page)] == []


def test_formulas_are_written_as_text(run: Run, tmp_path: Path) -> None:
    (tmp_path / "g.yaml").write_text(
        'concepts:\n- id: evil\n  terms:\n    en: ["=HYPERLINK(\\"http://example.invalid\\",\\"x\\")", "+cmd", "@SUM(1)"]\n',
        encoding="utf-8")  # fmt: skip
    assert run("glossary", "export", "--format", "xlsx", "-o", "g.xlsx", "-g", "g.yaml", cwd=tmp_path).code == 0
    sheet = zipfile.ZipFile(tmp_path / "g.xlsx").read("xl/worksheets/sheet2.xml").decode()
    assert "<f>" not in sheet and "HYPERLINK" in sheet
    ws = load_workbook(tmp_path / "g.xlsx")["Terms"]
    cells = [r[3] for r in ws.iter_rows(min_row=2)]
    assert [c.value for c in cells] == ['=HYPERLINK("http://example.invalid","x")', "+cmd", "@SUM(1)"]
    assert all(c.data_type == "s" for c in cells)
    assert run("glossary", "export", "--format", "csv", "-o", "g.csv", "-g", "g.yaml", cwd=tmp_path).code == 0
    rows = list(csv.reader(io.StringIO((tmp_path / "g.csv").read_text(encoding="utf-8-sig"))))
    assert [r[2] for r in rows[1:]] == ['\'=HYPERLINK("http://example.invalid","x")', "'+cmd", "'@SUM(1)"]


# In a process of its own: the termcheck command in argv[1] (an export), then, if it succeeded, the one in argv[2].
_EXPORT_THEN_IMPORT = ("import json, sys; from termcheck.cli import main; "
                       "sys.exit(main(json.loads(sys.argv[1])) or main(json.loads(sys.argv[2])))")  # fmt: skip


@pytest.mark.whole_term_base
def test_round_trip_leaves_the_term_base_byte_identical(tmp_path: Path, termbase: Path) -> None:
    """The whole term base exported in each format and imported back into a copy of itself: nothing
    changes. Each format in a process of its own, all three at once (each step reads the whole term base)."""
    import json
    import subprocess
    import sys

    before = snapshot(termbase)
    runs = {}
    for fmt in ("xlsx", "tbx", "csv"):
        into, out = shutil.copytree(termbase, tmp_path / f"into-{fmt}"), str(tmp_path / f"g.{fmt}")
        commands = [json.dumps(["glossary", "export", "--format", fmt, "-o", out]),
                    json.dumps(["glossary", "import", out, "-o", str(into)])]  # fmt: skip
        runs[fmt] = (into, subprocess.Popen([sys.executable, "-c", _EXPORT_THEN_IMPORT, *commands], cwd=ROOT,
                                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True))  # fmt: skip
    for fmt, (into, proc) in runs.items():
        err = proc.communicate(timeout=300)[1]
        assert proc.returncode == 0, (fmt, err)
        assert "0 change(s); changed 0 file(s)" in err, (fmt, err)
        assert snapshot(into) == before, fmt


def test_import_applies_edits_and_keeps_comments(run: Run, tmp_path: Path, termbase: Path) -> None:
    run("glossary", "export", "--format", "xlsx", "-o", str(tmp_path / "g.xlsx"))
    wb = load_workbook(tmp_path / "g.xlsx")
    ws = wb["Terms"]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == "csto" and row[3].value == "Organisation des Vertrages über kollektive Sicherheit":
            row[4].value = "deprecated"
        if row[3].value == "Weißrussland":
            row[8].value = "veraltet"
    ws.append(["csto", "organisations", "de", "OVKS-Staaten", "admitted", "shortForm"])
    wb.save(tmp_path / "edited.xlsx")
    before = snapshot(termbase)
    preview = run("glossary", "import", str(tmp_path / "edited.xlsx"), "-o", str(termbase), "--diff")
    assert preview.code == 0 and snapshot(termbase) == before
    assert "+    - {term: OVKS-Staaten, status: admitted, type: shortForm}" in preview.out
    assert "csto: de: added 'OVKS-Staaten' (admitted)" in preview.out
    res = run("glossary", "import", str(tmp_path / "edited.xlsx"), "-o", str(termbase))
    assert res.code == 0 and "changed 2 file(s)" in res.err
    text = (termbase / "organisations.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Organisations and their bodies.")
    assert (
        "{term: Organisation des Vertrages über kollektive Sicherheit, status: deprecated, type: fullForm, group: full}"
        in text
    )
    assert snapshot(termbase)["people.yaml"] == before["people.yaml"]
    assert "note: veraltet}" in (termbase / "places.yaml").read_text(encoding="utf-8")
    assert run("glossary", "check", str(termbase)).code == 0


def test_invalid_workbook_is_refused_with_its_place(run: Run, tmp_path: Path, termbase: Path) -> None:
    run("glossary", "export", "--format", "xlsx", "-o", str(tmp_path / "g.xlsx"))
    wb = load_workbook(tmp_path / "g.xlsx")
    wb["Terms"]["E14"] = "prefered"
    wb["Terms"]["C20"] = "german"
    wb.save(tmp_path / "bad.xlsx")
    before = snapshot(termbase)
    res = run("glossary", "import", str(tmp_path / "bad.xlsx"), "-o", str(termbase))
    assert res.code == 2
    assert (
        "error: Sheet 'Terms', row 14, column 'status': 'prefered' is not one of preferred, admitted, "
        "deprecated (did you mean 'preferred'?)"
    ) in res.err
    assert "Sheet 'Terms', row 20, column 'language': 'german' is not a BCP 47 language tag" in res.err
    assert "nothing was written" in res.err and snapshot(termbase) == before


def test_import_checks_the_result_like_glossary_check(run: Run, tmp_path: Path, termbase: Path) -> None:
    run("glossary", "export", "--format", "csv", "-o", str(tmp_path / "g.csv"))
    text = (tmp_path / "g.csv").read_text(encoding="utf-8-sig") + "sco,de,OVKS,preferred,acronym,,,,exact,no,\r\n"
    (tmp_path / "dup.csv").write_text(text, encoding="utf-8-sig")
    before = snapshot(termbase)
    res = run("glossary", "import", str(tmp_path / "dup.csv"), "-o", str(termbase))
    assert res.code == 2 and "'OVKS' (de) is a term of both 'csto'" in res.err
    assert snapshot(termbase) == before


def test_untrusted_files_are_refused(run: Run, tmp_path: Path, termbase: Path) -> None:
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/sharedStrings.xml", b"\0" * 60_000_000)
    res = run("glossary", "import", str(bomb), "-o", str(termbase))
    assert res.code == 2 and "zip bomb" in res.err
    laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
              '<martif><text><body><termEntry id="x"><langSet xml:lang="en"><tig><term>&lol2;</term></tig>'
              "</langSet></termEntry></body></text></martif>")  # fmt: skip
    (tmp_path / "bomb.tbx").write_text(laughs)
    res = run("glossary", "import", str(tmp_path / "bomb.tbx"), "-o", str(termbase))
    assert res.code == 2 and "bomb.tbx: refused: the file declares XML entities" in res.err
    assert "Traceback" not in res.err


# --- TBX -----------------------------------------------------------------------------------------------------

TBX_BASIC_TERM_NOTES = PICKLISTS  # the dialect's picklists (LTAC's Schematron rules)


def test_tbx_basic_structure(run: Run, tmp_path: Path) -> None:
    """The structure rules of TBX-Basic (ISO 30042:2019, DCA style), checked element by element."""
    assert run("glossary", "export", "--format", "tbx", "-o", "g.tbx", cwd=tmp_path).code == 0
    root = ET.parse(tmp_path / "g.tbx").getroot()
    assert root.tag == f"{NS}tbx" and root.get("type") == "TBX-Basic" and root.get("style") == "dca"
    assert root.get(XML_LANG) == "en"
    assert [c.tag for c in root] == [f"{NS}tbxHeader", f"{NS}text"]
    assert root.find(f"{NS}tbxHeader/{NS}fileDesc/{NS}sourceDesc/{NS}p") is not None
    entries = root.findall(f"{NS}text/{NS}body/{NS}conceptEntry")
    ids = [e.get("id") for e in entries]
    assert len(ids) == SHIPPED and len(set(ids)) == len(ids) and all(i and i[0].isalpha() for i in ids)
    for entry in entries:
        allowed = {f"{NS}descrip", f"{NS}note", f"{NS}langSec"}
        assert {c.tag for c in entry} <= allowed
        for d in entry.findall(f"{NS}descrip"):
            assert d.get("type") == "subjectField"
        secs = entry.findall(f"{NS}langSec")
        assert secs and all(s.get(XML_LANG) for s in secs)
        for sec in secs:
            assert {c.tag for c in sec} <= {f"{NS}descrip", f"{NS}note", f"{NS}termSec"}
            assert all(d.get("type") == "definition" for d in sec.findall(f"{NS}descrip"))
            for term_sec in sec.findall(f"{NS}termSec"):
                children = list(term_sec)
                assert children[0].tag == f"{NS}term" and children[0].text
                assert sum(c.tag == f"{NS}term" for c in children) == 1
                tags = [c.tag for c in children[1:]]
                assert tags == sorted(tags, key=lambda t: t != f"{NS}termNote")  # termNotes before notes
                for note in term_sec.findall(f"{NS}termNote"):
                    assert note.text in TBX_BASIC_TERM_NOTES[note.get("type", "")], (note.get("type"), note.text)
                statuses = [n for n in term_sec.findall(f"{NS}termNote") if n.get("type") == "administrativeStatus"]
                assert len(statuses) == 1


def test_tbx_v2_from_other_tools(run: Run, tmp_path: Path) -> None:
    (tmp_path / "weblate.tbx").write_text(
        """<?xml version="1.0" encoding="utf-8"?>
<martif type="TBX" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p>Weblate</p></sourceDesc></fileDesc></martifHeader>
<text><body>
<termEntry id="address-bar"><descrip type="definition">Where the address goes.</descrip>
  <langSet xml:lang="en"><tig><term>address bar</term></tig></langSet>
  <langSet xml:lang="de"><tig><term>Adressleiste</term><termNote type="administrativeStatus">preferred</termNote></tig>
    <ntig><termGrp><term>Adresszeile</term><termNote type="administrativeStatus">forbidden</termNote></termGrp></ntig></langSet>
</termEntry></body></text></martif>""",
        encoding="utf-8",
    )
    out = tmp_path / "terms"
    res = run("glossary", "import", "weblate.tbx", "-o", str(out), cwd=tmp_path)
    assert res.code == 0, res.err
    show = run("glossary", "show", "address-bar", "-g", str(out))
    assert "Adressleiste" in show.out and "Adresszeile (deprecated: do not use)" in show.out
    assert "en: Where the address goes." in show.out


# --- CSV and PO ---------------------------------------------------------------------------------------------


def test_csv_is_excel_friendly(run: Run, tmp_path: Path) -> None:
    assert run("glossary", "export", "--format", "csv", "-o", "g.csv", "--lang", "pt", cwd=tmp_path).code == 0
    raw = (tmp_path / "g.csv").read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(rows[0])[:8] == ["concept", "language", "term", "status", "type", "gender", "group", "note"]
    assert any(r["concept"] == "csto" and r["term"] == "OTSC" and r["status"] == "preferred" for r in rows)
    assert {r["language"] for r in rows} == {"pt", "pt-PT"}


def test_po_glossary_for_one_target_language(run: Run, tmp_path: Path) -> None:
    res = run("glossary", "export", "--format", "po", "--source", "en", "--target", "de", "-o", "de.po", cwd=tmp_path)
    assert res.code == 0
    catalogue = polib.pofile(str(tmp_path / "de.po"))
    assert catalogue.metadata["Language"] == "de"
    by_id = {(e.msgctxt, e.msgid): e for e in catalogue}
    assert by_id[("csto", "CSTO")].msgstr == "OVKS"
    assert (
        by_id[("csto", "Collective Security Treaty Organization")].msgstr
        == "Organisation des Vertrags über kollektive Sicherheit"
    )
    belarus = by_id[("belarus", "Belarus")]
    assert belarus.msgstr == "Belarus" and "deprecated in German: Weißrussland" in belarus.comment
    missing = run("glossary", "export", "--format", "po", "-o", "x.po", cwd=tmp_path)
    assert missing.code == 2 and "--source and --target" in missing.err


# --- for translators ------------------------------------------------------------------------------------------


def test_show(run: Run) -> None:
    res = run("glossary", "show", "zas")
    assert res.code == 0
    assert "de     German" in res.out and "Stanislaw Sas  (fullForm)" in res.out and "Зась" in res.out
    wrong = run("glossary", "show", "csot")
    assert wrong.code == 2 and "no concept 'csot', and no term written so (did you mean 'csto'?)" in wrong.err


@pytest.mark.parametrize(
    ("query", "concept"),
    [("CSTO", "csto"), ("ОДКБ", "csto"), ("Mitgliedsstaaten", "member-state"), ("Зася", "zas"), ("moskau", "moscow")],
)
def test_show_takes_any_rendering_inflected_forms_included(run: Run, query: str, concept: str) -> None:
    res = run("glossary", "show", query)
    assert res.code == 0 and res.out.split()[0] == concept, res.err
    typo = run("glossary", "show", "CTSO")  # a near miss is offered, not shown as if it were the term
    assert typo.code == 2 and "did you mean 'csto'?" in typo.err


@pytest.mark.parametrize(
    ("query", "concept", "how"),
    [
        ("CTSO", "csto", "near miss"),  # transposed acronyms: what lint's term-typo catches
        ("OTCS", "csto", "near miss"),
        ("Mitgliedstaaten", "member-state", "inflected"),
        ("OVKS-Generalsekretär", "csto", "contains"),
        ("Зася", "zas", "inflected"),
        ("Organização do Tratado", "csto", "within"),
        ("Cazaquistão", "kazakhstan", "exact"),
    ],
)
def test_search_says_how_it_found_the_concept(run: Run, query: str, concept: str, how: str) -> None:
    first = run("glossary", "search", query).out.splitlines()[0]
    assert first.split()[0] == concept and f" {how} " in first, first


@pytest.mark.parametrize(
    ("query", "concept"),
    [
        ("ovks", "csto"),
        ("OTSC", "csto"),
        ("Bielorrussia", "belarus"),
        ("moskva", "moscow"),
        ("Werschinin", "vershinin"),
        ("Tasmagambetof", "tasmagambetov"),
        ("КАЗАХСТАН", "kazakhstan"),
        ("Cazaquistao", "kazakhstan"),
    ],
)
def test_search(run: Run, query: str, concept: str) -> None:
    res = run("glossary", "search", query)
    assert res.code == 0 and res.out.split()[0] == concept, res.out
    assert run("glossary", "search", "zzzzqqq").code == 1


# --- TBX as other tools write it --------------------------------------------------------------------------

TBX_SAMPLES = ROOT / "tests" / "data" / "tbx"


def _import(run: Run, source: Path, folder: Path) -> Result:
    res = run("glossary", "import", str(source), "-o", str(folder))
    assert res.code == 0, res.err
    return res


def _terms(folder: Path) -> dict[tuple[str, str, str], tuple[str, str | None]]:
    glossary, problems = load([str(folder)])
    assert not [p for p in problems if not p.warning], problems
    return {(c.id, lang, t.text): (t.status.value, t.note) for c in glossary.concepts for lang, ts in c.terms.items()
            for t in ts}  # fmt: skip


@pytest.mark.parametrize("sample", ["basic-dca", "basic-dct", "min", "v2-termbank", "lokalize"])
def test_tbx_from_other_tools_round_trips(run: Run, tmp_path: Path, sample: str) -> None:
    """import -> export -> import gives the same term base, for each real-world shape."""
    first = tmp_path / "first"
    _import(run, TBX_SAMPLES / f"{sample}.tbx", first)
    assert run("glossary", "export", "--format", "tbx", "-o", str(tmp_path / "out.tbx"), "-g", str(first)).code == 0
    second = tmp_path / "second"
    _import(run, tmp_path / "out.tbx", second)
    assert snapshot(first) == snapshot(second)


def test_tbx_basic_dca_statuses_definitions_and_what_is_left_out(run: Run, tmp_path: Path) -> None:
    res = _import(run, TBX_SAMPLES / "basic-dca.tbx", tmp_path / "g")
    terms = _terms(tmp_path / "g")
    # Two admitted Spanish terms and no preferred one: valid TBX, imported (a warning in `glossary check`).
    assert terms[("c41", "es", "artilugio")][0] == terms[("c41", "es", "dispositivo")][0] == "admitted"
    assert terms[("c42", "en", "mains lead")] == ("deprecated", "British; use power cord")
    assert terms[("c42", "en", "cord set")] == ("deprecated", "superseded")
    assert terms[("c41", "en", "widget")][1] == "context: Press the widget twice.\nsource: Product glossary, 2019"
    glossary = load([str(tmp_path / "g")])[0]
    c41 = glossary.concept("c41")
    assert c41 is not None and c41.domain == "consumer electronics"
    assert c41.definition == {"en": "A small mechanical or electronic device."}
    c42 = glossary.concept("c42")  # a descripGrp: the definition, its source kept in the note
    assert c42 is not None and c42.definition == {"de": "Kabel, das ein Gerät mit dem Stromnetz verbindet."}
    assert c42.note == "de: source: Produktglossar 2019\nsee also: widget"
    # What termcheck has no field for is named with its line, never dropped silently.
    assert "basic-dca.tbx:35: <transacGrp> not imported" in res.err
    assert 'basic-dca.tbx:72: <descrip type="figure"> not imported' in res.err
    check = run("glossary", "check", str(tmp_path / "g"))
    assert check.code == 0 and "warning: concept 'c41' has es terms but no preferred term" in check.out


def test_tbx_basic_dct_style_keeps_statuses_and_definitions(run: Run, tmp_path: Path) -> None:
    """The DCT style names each data category by its element (<basic:administrativeStatus>): before,
    its deprecated terms came back as preferred and its definitions were dropped."""
    res = _import(run, TBX_SAMPLES / "basic-dct.tbx", tmp_path / "g")
    terms = _terms(tmp_path / "g")
    assert terms[("c1", "en", "Organization of the Collective Security Treaty")] == (
        "deprecated",
        "calque of the Russian word order",
    )
    assert terms[("c1", "pt", "CSTO")] == ("deprecated", "source: news style guide")
    glossary = load([str(tmp_path / "g")])[0]
    c1 = glossary.concept("c1")
    assert c1 is not None and c1.definition["en"].startswith("A regional") and c1.domain == "politics"
    assert c1.terms_for("pt")[0].gender == "feminine" and c1.note == "see also: Collective Security Treaty"
    assert "basic-dct.tbx:38: <xGraphic> not imported" in res.err
    # And lint uses it: CSTO in Portuguese is deprecated, OTSC suggested.
    (tmp_path / "a.txt").write_text("A CSTO reuniu-se.\n", encoding="utf-8")
    lint = run("lint", str(tmp_path / "a.txt"), "--lang", "pt", "-g", str(tmp_path / "g"), "--format", "json")
    assert [(f["rule"], f["suggestions"]) for f in lint.json["findings"]] == [("deprecated-term", ["OTSC"])]


def test_tbx_min_and_tbx_v2_term_banks(run: Run, tmp_path: Path) -> None:
    _import(run, TBX_SAMPLES / "min.tbx", tmp_path / "min")
    terms = _terms(tmp_path / "min")
    # A concept id with letters outside ASCII and a space: made a slug, the TBX id kept in the note.
    assert terms[("ölkännchen-7", "en", "oiler")][0] == "admitted"
    assert terms[("ölkännchen-7", "de", "Ölkännchen")][1] == "customer: Kitchen Ltd"
    concept = load([str(tmp_path / "min")])[0].concept("ölkännchen-7")
    assert concept is not None and concept.note == "TBX id: Ölkännchen 7"
    res = _import(run, TBX_SAMPLES / "v2-termbank.tbx", tmp_path / "v2")
    terms = _terms(tmp_path / "v2")
    assert terms[("entry-12", "lv", "portatīvais dators")][0] == "deprecated"  # temporalQualifier obsoleteTerm
    assert terms[("entry-12", "lv", "piezīmjdators")][0] == "admitted"  # normativeAuthorization admittedTerm
    assert "usage: everyday use" in (terms[("entry-12", "en", "laptop")][1] or "")
    assert 'v2-termbank.tbx:13: <termNote type="normativeAuthorization"> value "approved" kept as a note' in res.err
    assert 'v2-termbank.tbx:12: <admin type="status"> not imported' in res.err


# --- glossaries as translators keep them ------------------------------------------------------------------

WEBLATE_CSV = (
    "source,target,context,explanation,flags\n"
    "address bar,adresní řádek,,the bar at the top,\n"
    "administrator,správce,,,\n"
    "administrator,administrátor,,,forbidden\n"  # Weblate: a forbidden translation of the same source
    "file,soubor,noun,,\n"
    "file,zařadit,verb,,\n"  # a homonym, told apart by its context
)


def _round_trip(run: Run, first: Path, tmp_path: Path, fmt: str) -> None:
    """Export, then import: into a new folder (TBX and Excel carry everything), or for CSV (a row per
    term, no concept notes) back into a copy of the term base, as a CSV comes back from editing."""
    exported = tmp_path / f"again.{fmt}"
    assert run("glossary", "export", "--format", fmt, "-o", str(exported), "-g", str(first)).code == 0
    second = tmp_path / f"second-{fmt}"
    if fmt == "csv":
        shutil.copytree(first, second)
    _import(run, exported, second)
    assert snapshot(first) == snapshot(second)


def test_weblate_bilingual_csv(run: Run, tmp_path: Path) -> None:
    (tmp_path / "cs.csv").write_text(WEBLATE_CSV, encoding="utf-8")
    _import(run, tmp_path / "cs.csv", tmp_path / "g")  # the target language from the file's name
    terms = _terms(tmp_path / "g")
    assert terms[("administrator", "cs", "správce")][0] == "preferred"
    assert terms[("administrator", "cs", "administrátor")][0] == "deprecated"
    assert terms[("file-noun", "cs", "soubor")] and terms[("file-verb", "cs", "zařadit")]
    check = run("glossary", "check", str(tmp_path / "g"))
    assert check.code == 0 and "homonyms, told apart by the 'context:' or 'homonym:' lines" in check.out
    (tmp_path / "a.txt").write_text("Open the file as administrator.\n", encoding="utf-8")
    assert run("lint", str(tmp_path / "a.txt"), "--lang", "en", "-g", str(tmp_path / "g")).code == 0
    # In Czech, the English "file" is one of two concepts: the text tells which where it can ...
    (tmp_path / "told.txt").write_text("Otevřete file. Soubor je velký.\n", encoding="utf-8")
    told = run("lint", str(tmp_path / "told.txt"), "--lang", "cs", "-g", str(tmp_path / "g"), "--format", "json")
    assert [(f["concept"], f["suggestions"], f["severity"]) for f in told.json["findings"]] == [
        ("file-noun", ["soubor"], "warning")
    ]
    # ... else one finding at info level names both, with no fix.
    (tmp_path / "open.txt").write_text("Otevřete file.\n", encoding="utf-8")
    ambiguous = run("lint", str(tmp_path / "open.txt"), "--lang", "cs", "-g", str(tmp_path / "g"), "--format", "json")
    (finding,) = ambiguous.json["findings"]
    assert finding["severity"] == "info" and finding["concept"] is None and finding["homonyms"] == "file-noun,file-verb"
    assert "2 concepts (file-noun: 'soubor'; file-verb: 'zařadit')" in finding["message"]
    for fmt in ("csv", "tbx", "xlsx"):
        _round_trip(run, tmp_path / "g", tmp_path, fmt)


def test_bilingual_csv_without_a_header_needs_its_languages(run: Run, tmp_path: Path) -> None:
    body = "".join(WEBLATE_CSV.splitlines(True)[1:3])
    (tmp_path / "glossary.csv").write_text(body, encoding="utf-8")
    res = run("glossary", "import", "glossary.csv", "-o", "g", cwd=tmp_path)
    assert res.code == 2 and "glossary.csv: a bilingual CSV does not say its languages: give --target-lang" in res.err
    res = run(
        "glossary", "import", "glossary.csv", "-o", "g", "--target-lang", "cs", "--source-lang", "EN", cwd=tmp_path
    )
    assert res.code == 0, res.err
    assert _terms(tmp_path / "g")[("address-bar", "cs", "adresní řádek")] == ("preferred", None)


def test_a_translator_s_workbook_with_a_column_per_language(run: Run, tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Glossar"
    ws.append(["English", "Deutsch", "pt-BR", "Русский", "Comment"])
    ws.append(["CSTO", "OVKS", "OTSC", "ОДКБ", "the alliance"])
    ws.append(["member state", "Mitgliedstaat; !Mitgliedsstaat", "Estado-membro\nEstado membro", None, None])
    ws.append([None, None, None, None, None])
    wb.save(tmp_path / "mine.xlsx")
    _import(run, tmp_path / "mine.xlsx", tmp_path / "g")
    terms = _terms(tmp_path / "g")
    assert terms[("csto", "ru", "ОДКБ")] == ("preferred", None) and terms[("csto", "pt-BR", "OTSC")][0] == "preferred"
    assert terms[("member-state", "de", "Mitgliedsstaat")][0] == "deprecated"
    assert terms[("member-state", "pt-BR", "Estado membro")][0] == "admitted"
    concept = load([str(tmp_path / "g")])[0].concept("csto")
    assert concept is not None and concept.note == "the alliance"
    _round_trip(run, tmp_path / "g", tmp_path, "xlsx")
    (tmp_path / "other.xlsx").write_bytes((tmp_path / "mine.xlsx").read_bytes())
    wb = Workbook()
    wb.active.append(["Begriff", "Erklärung"])
    wb.save(tmp_path / "other.xlsx")
    res = run("glossary", "import", str(tmp_path / "other.xlsx"), "-o", str(tmp_path / "h"))
    assert (
        res.code == 2
        and "other.xlsx: the workbook has no sheet 'Terms'" in res.err
        and "column per language" in res.err
    )


def test_a_lokalize_glossary_with_locale_names_unicode_ids_and_homonyms(run: Run, tmp_path: Path) -> None:
    """Lokalize writes xml:lang="en_US", ids from the term ("Datei öffnen") and ordinary homonyms (one
    English "file" in two entries): each failed the import before."""
    res = _import(run, TBX_SAMPLES / "lokalize.tbx", tmp_path / "g")
    assert "2 concepts share a term with another concept of the file (homonyms)" in res.err
    terms = _terms(tmp_path / "g")
    assert ("datei-öffnen", "en-US", "file") in terms and ("ablegen", "en-US", "file") in terms
    glossary = load([str(tmp_path / "g")])[0]
    concept = glossary.concept("ablegen")
    assert concept is not None and concept.note == "homonym: ablegen"
    (tmp_path / "a.txt").write_text("Die file ablegen.\n", encoding="utf-8")
    lint = run("lint", str(tmp_path / "a.txt"), "--lang", "de", "-g", str(tmp_path / "g"), "--format", "json")
    assert [(f["concept"], f["suggestions"]) for f in lint.json["findings"]] == [("ablegen", ["ablegen"])]


def test_a_tbx_basic_file_that_breaks_its_dialect_is_read_with_warnings(run: Run, tmp_path: Path) -> None:
    (tmp_path / "bad.tbx").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">\n'
        "<text><body>\n"
        "<conceptEntry>\n"  # line 4: no id
        '  <langSec xml:lang="en">\n'
        "    <termSec><term>widget</term><term>gadget</term></termSec>\n"  # line 6: two terms
        '    <termSec><term>gizmo</term><termNote type="administrativeStatus">approved</termNote>\n'  # line 7
        '      <descrip type="definition">misplaced</descrip></termSec>\n'  # line 8: definition in a termSec
        "  </langSec>\n"
        "</conceptEntry>\n"
        "</body></text></tbx>\n", encoding="utf-8")  # fmt: skip
    res = run("glossary", "import", "bad.tbx", "-o", "g", cwd=tmp_path)
    assert "bad.tbx:4: not valid TBX-Basic: <conceptEntry> needs an id" in res.err
    assert "bad.tbx:6: not valid TBX-Basic: <termSec> needs exactly one <term>" in res.err
    assert 'bad.tbx:7: not valid TBX-Basic: administrativeStatus "approved" is not one of' in res.err
    assert "bad.tbx:8: not valid TBX-Basic: definition is not allowed in <termSec>" in res.err
    for sample in ("basic-dca", "basic-dct", "min"):  # the well-formed samples: no such warning
        good = run("glossary", "import", str(TBX_SAMPLES / f"{sample}.tbx"), "-o", str(tmp_path / sample))
        assert "not valid" not in good.err


def test_a_tbx_file_is_checked_against_a_relax_ng_schema_where_one_is_given(run: Run, tmp_path: Path) -> None:
    pytest.importorskip("lxml", reason="lxml is not installed (the schema extra: pip install 'termcheck[schema]')")
    schema = TBX_SAMPLES / "core-subset.rng"
    (tmp_path / "bad.tbx").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">\n'
        "<text><body>\n"
        '<conceptEntry id="c1"><langSec xml:lang="en"><termSec><term>widget</term></termSec></langSec></conceptEntry>\n'
        '<conceptEntry><langSec xml:lang="en"><termSec><term>gadget</term></termSec></langSec></conceptEntry>\n'
        "</body></text></tbx>\n", encoding="utf-8")  # fmt: skip
    res = run("glossary", "import", "bad.tbx", "-o", "g", "--schema", str(schema), cwd=tmp_path)
    assert res.code == 0 and "bad.tbx:5: not valid against core-subset.rng:" in res.err
    good = run("glossary", "import", str(tmp_path / "g" / ".." / "bad.tbx"), "-o", "h", "--schema", str(schema),
               "--diff", cwd=tmp_path)  # fmt: skip
    assert "bad.tbx:4" not in good.err  # the valid entry is not reported
    # A schema the file names itself, beside it: used without --schema; a URL is never fetched.
    shutil.copy(schema, tmp_path / "core-subset.rng")
    named = (
        (tmp_path / "bad.tbx")
        .read_text(encoding="utf-8")
        .replace("?>\n", '?>\n<?xml-model href="core-subset.rng" type="application/xml"?>\n', 1)
    )
    (tmp_path / "named.tbx").write_text(named, encoding="utf-8")
    res = run("glossary", "import", "named.tbx", "-o", "k", cwd=tmp_path)
    assert "named.tbx:6: not valid against core-subset.rng:" in res.err
    missing = run("glossary", "import", "bad.tbx", "-o", "m", "--schema", "nope.rng", cwd=tmp_path)
    assert missing.code == 2 and "nope.rng: schema not found" in missing.err
