"""The HTML report (`lint --format html -o FILE`): one self-contained page, every hostile text escaped,
and, in a real browser (Debian's chromium driven by playwright), the findings the JSON report has,
filters and sorting that work, no script errors. The Excel QA report read back with openpyxl, and a
reviewer's verdicts turned into a baseline."""

from __future__ import annotations

import json
import os
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from conftest import NEEDS_LIBREOFFICE, ROOT, Run, chromium_browser, overlapping, pdf_words, to_pdf

IMG = ROOT / "docs" / "img"
EXAMPLE = ROOT / "reports" / "examples" / "seeds.html"
EXAMPLE_COMMAND = ("lint", "seeds/", "examples/", "--format", "html", "-o")


class _Page(HTMLParser):
    """What the page holds: its finding rows' data attributes, its scripts, what it would fetch."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict[str, str]] = []
        self.scripts = 0
        self.fetches: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "tr" and "finding" in a.get("class", "").split():
            self.rows.append(a)
        if tag == "script":
            self.scripts += 1
        for key in ("src", "href"):
            if key in a and not a[key].startswith("#"):
                self.fetches.append(a[key])
        if tag == "link":
            self.fetches.append(a.get("href", ""))


def _parsed(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _keys(findings: list[dict[str, Any]]) -> list[tuple[str, int, int, str]]:
    return sorted((str(f["path"]), int(f["line"]), int(f["column"]), str(f["rule"])) for f in findings)


def test_the_report_is_one_page_with_every_finding(run: Run, tmp_path: Path) -> None:
    res = run("lint", "seeds/", "examples/", "--format", "html", "-o", str(tmp_path / "r.html"))
    assert res.code == 1 and res.out == ""
    page = _parsed(tmp_path / "r.html")
    assert page.scripts == 1 and page.fetches == []  # inline script and styles, nothing fetched
    findings = run("lint", "seeds/", "examples/", "--format", "json").json["findings"]
    rows = [{"path": r["data-path"], "line": r["data-line"], "column": r["data-column"], "rule": r["data-rule"]}
            for r in page.rows]  # fmt: skip
    assert len(findings) == 68 and _keys(rows) == _keys(findings)
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert 'id="usage"' in html and 'id="rule-foreign-rendering"' in html and "<mark>CSTO</mark>" in html
    # The usage matrix: the Portuguese articles' CSTO is marked as not allowed in Portuguese.
    assert (
        '<tr class="not-allowed mixed" data-concept="csto"><td>csto</td><td>pt</td><td class="term">CSTO</td>' in html
    )


def test_the_committed_example_report_is_what_the_documented_command_makes(run: Run, tmp_path: Path) -> None:
    """reports/examples/seeds.html, remade by `termcheck lint seeds/ examples/ --format html -o FILE`."""
    run(*EXAMPLE_COMMAND, str(tmp_path / "seeds.html"))
    assert (tmp_path / "seeds.html").read_text(encoding="utf-8") == EXAMPLE.read_text(encoding="utf-8")


HOSTILE = 'A CSTO e a OTSC. <script>alert("x")</script> "onmouseover="alert(1)" </textarea><!-- \'x\' & <b>bold</b>\n'


def test_hostile_text_and_names_are_escaped(run: Run, tmp_path: Path) -> None:
    name = 'a"b<c>.txt'
    (tmp_path / name).write_text(HOSTILE, encoding="utf-8")
    res = run("lint", name, "--lang", "pt", "--format", "html", "-o", "r.html", cwd=tmp_path)
    assert res.code == 1
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    page = _parsed(tmp_path / "r.html")
    assert page.scripts == 1 and "<b>bold" not in html and "</textarea>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert [r["data-path"] for r in page.rows] == [name]  # the attribute holds the whole name, quotes and all


def _browser() -> tuple[Any, str]:
    return chromium_browser()


def test_the_report_works_in_a_real_browser(run: Run, tmp_path: Path) -> None:
    sync_api, chromium = _browser()
    run("lint", "seeds/", "examples/", "--format", "html", "-o", str(tmp_path / "r.html"))
    findings = run("lint", "seeds/", "examples/", "--format", "json").json["findings"]
    (tmp_path / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    run("lint", "hostile.txt", "--lang", "pt", "--format", "html", "-o", "h.html", cwd=tmp_path)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        problems: list[str] = []
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("dialog", lambda d: problems.append(f"dialog: {d.message}"))
        page.on("request", lambda r: problems.append(f"fetch: {r.url}") if not r.url.startswith("file:") else None)
        page.goto((tmp_path / "r.html").as_uri())
        listed = page.eval_on_selector_all(
            "tr.finding",
            "rows => rows.map(r => ({path: r.dataset.path, line: r.dataset.line, "
            "column: r.dataset.column, rule: r.dataset.rule, text: r.querySelector('.found').textContent}))",
        )
        assert _keys(listed) == _keys(findings)
        assert sorted(r["text"] for r in listed) == sorted(f["text"] for f in findings)
        # docs/img/html-report.png is remade only when asked (TERMCHECK_UPDATE_IMAGES=1): a test run leaves
        # the checkout as it found it.
        shot = IMG if os.environ.get("TERMCHECK_UPDATE_IMAGES") else tmp_path
        page.screenshot(path=str(shot / "html-report.png"))
        # A filter: only the gender-agreement findings stay, and the count says so.
        page.select_option("#f-rule", "gender-agreement")
        visible = page.eval_on_selector_all("tr.finding:not([hidden])", "rows => rows.map(r => r.dataset.rule)")
        assert visible == ["gender-agreement"] * sum(f["rule"] == "gender-agreement" for f in findings)
        assert page.inner_text("#shown") == str(len(visible))
        page.click("#f-clear")
        assert page.inner_text("#shown") == str(len(findings))
        # A link in the summary filters by file; the sections of other files hide.
        page.click('a[data-filter="path=seeds/004_79c9e2800bb37f61.txt"]')
        assert page.eval_on_selector_all("section.file:not([hidden])", "s => s.map(x => x.dataset.path)") == [
            "seeds/004_79c9e2800bb37f61.txt"
        ]
        page.click("#f-clear")
        # Sorting by rule, then again (descending), within each file's table: each paragraph's findings
        # under it, the paragraphs by their first finding.
        header = page.locator('section.file[data-path="seeds/000_bbfeb18460988360.txt"] th[data-key="rule"]')
        groups = (
            'section.file[data-path="seeds/000_bbfeb18460988360.txt"] tbody.findings',
            "bodies => bodies.map(b => Array.from(b.querySelectorAll('tr.finding')).map(r => r.dataset.rule))",
        )
        header.click()
        ascending = page.eval_on_selector_all(*groups)
        assert all(g == sorted(g) for g in ascending) and len({r for g in ascending for r in g}) > 1
        assert [g[0] for g in ascending] == sorted(g[0] for g in ascending)
        header.click()
        descending = page.eval_on_selector_all(*groups)
        assert all(g == sorted(g, reverse=True) for g in descending)
        assert [g[0] for g in descending] == sorted((g[0] for g in descending), reverse=True)
        assert sorted(map(sorted, descending)) == sorted(map(sorted, ascending))
        page.goto((tmp_path / "h.html").as_uri())
        assert "alert(" in page.inner_text(".context") and page.locator("b").count() == 0
        browser.close()
    assert problems == []


def test_segments_rule_docs_and_the_usage_matrix_in_a_real_browser(run: Run, tmp_path: Path) -> None:
    """The examples' TMX, XLIFF and PO findings shown as a reviewer reads their segments: once per
    segment with all its marks, inline codes as {1}…{/1}, placeholders as written, the source term
    marked; the rules' documentation as HTML; the usage matrix scrolling in its box, first column fixed."""
    sync_api, chromium = _browser()
    run("lint", "seeds/", "examples/", "--format", "html", "-o", str(tmp_path / "r.html"))
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1000, "height": 900})
        problems: list[str] = []
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.goto((tmp_path / "r.html").as_uri())
        segments = page.eval_on_selector_all(
            "section.file:is([data-path$='.tmx'], [data-path$='.po'], [data-path$='.xlf']) tr.segment",
            "rows => rows.map(r => ({path: r.closest('section').dataset.path, id: r.querySelector('.seg-id').innerText,"
            " source: r.querySelector('.source').innerText, target: r.querySelector('.context:not(.source)').innerText,"
            " sourceMarks: Array.from(r.querySelectorAll('.source mark')).map(m => m.innerText),"
            " marks: Array.from(r.querySelectorAll('.context:not(.source) mark')).map(m => m.innerText),"
            " findings: r.parentElement.querySelectorAll('tr.finding').length}))",
        )
        keys = [(s["path"], s["id"], s["target"]) for s in segments]
        assert len(keys) == len(set(keys))  # each segment once
        for s in segments:
            for raw in ("<tuv", "<seg", "<pc", "<bpt", "msgstr", "msgid", "\ufffc", "&lt;"):
                assert raw not in s["source"] + s["target"], s
        by = {(s["path"], s["id"]): s for s in segments}
        xlf = by[("examples/summit.pt.xlf", "unit p1")]
        assert xlf["target"] == "Valentin Rybakov observou que o {1}CSTO{/1} percorreu um longo caminho."
        assert xlf["marks"] == ["o", "CSTO"] and xlf["findings"] == 2 and xlf["sourceMarks"] == ["CSTO"]
        tmx = by[("examples/memory.tmx", "tu 2")]
        assert tmx["source"] == "Cooperation between the UN and the CSTO {1}matters{/1}." and tmx["sourceMarks"] == [
            "CSTO"
        ]
        po = by[("examples/news.de.po", "msgid line 22")]
        assert po["target"] == "Der CSTO-Generalsekretär %(name)s sprach in Jerewan." and po["marks"] == ["CSTO"]
        # A seeds paragraph with many findings: shown once, a mark for each.
        most = page.eval_on_selector_all(
            "section.file[data-path^='seeds/'] tbody.findings",
            "bodies => Math.max(...bodies.map(b => b.querySelectorAll('tr.finding').length))",
        )
        assert most > 2
        # The rules' documentation as HTML: its sections are headings, no Markdown left.
        assert page.locator("#rules .doc h4").count() > 0 and "## " not in page.inner_text("#rules")
        # The usage matrix scrolls inside its box; its first column stays in place.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        box = page.locator("#usage .scroll")
        assert box.evaluate("b => b.scrollWidth > b.clientWidth")
        cell = page.locator("#usage table.matrix tbody tr:first-child td:first-child")
        before = cell.bounding_box()
        box.evaluate("b => { b.scrollLeft = 400; }")
        after = cell.bounding_box()
        assert before is not None and after is not None and abs(before["x"] - after["x"]) < 3  # borders collapse
        second = page.locator("#usage table.matrix tbody tr:first-child td:nth-child(2)").bounding_box()
        assert second is not None and second["x"] < before["x"]  # the others scrolled under it
        shot = IMG if os.environ.get("TERMCHECK_UPDATE_IMAGES") else tmp_path
        page.set_viewport_size({"width": 1300, "height": 1100})
        for name, path in (
            ("tmx", "examples/memory.tmx"),
            ("po", "examples/news.de.po"),
            ("xliff", "examples/summit.pt.xlf"),
        ):
            page.evaluate(  # the file's heading just under the filters, which stay at the top
                f"window.scrollTo(0, document.querySelector('section.file[data-path=\"{path}\"]')"
                ".getBoundingClientRect().top + window.scrollY - document.querySelector('.filters').offsetHeight)"
            )
            page.screenshot(path=str(shot / f"html-report-{name}.png"))
        page.evaluate("document.getElementById('usage').scrollIntoView()")
        page.screenshot(path=str(shot / "html-report-usage.png"))
        browser.close()
    assert problems == []


# --- the Excel QA report -------------------------------------------------------------------------------


def test_the_qa_workbook_has_every_finding_and_a_reviewer_can_silence_false_positives(run: Run, tmp_path: Path) -> None:
    from termcheck.reports.xlsx import HEADERS

    for name in ("seeds", "examples"):
        shutil.copytree(ROOT / name, tmp_path / name)
    res = run("lint", "seeds/", "examples/", "--format", "xlsx", "-o", "qa.xlsx", cwd=tmp_path)
    assert res.code == 1
    findings = run("lint", "seeds/", "examples/", "--format", "json", cwd=tmp_path).json["findings"]
    wb = load_workbook(tmp_path / "qa.xlsx", rich_text=True)
    assert wb.sheetnames == ["Findings", "Summary", "Usage"]
    ws = wb["Findings"]
    assert [c.value for c in ws[1]] == list(HEADERS) and ws.freeze_panes == "B2" and ws.auto_filter.ref
    col = {name: i for i, name in enumerate(HEADERS)}
    rows = list(ws.iter_rows(min_row=2))
    assert len(rows) == len(findings)
    for row, f in zip(rows, findings, strict=True):
        assert (row[col["file"]].value, row[col["line"]].value, row[col["column"]].value) == (
            f["path"],
            f["line"],
            f["column"],
        )
        assert row[col["rule"]].value == f"{f['code']} {f['rule']}" and row[col["found"]].value == f["text"]
        assert row[col["status"]].value == "open"
    marked = rows[0][col["sentence"]].value  # rich text: the found text bold and red inside its sentence
    bold = [str(block.text) for block in marked if not isinstance(block, str) and block.font.b]
    assert bold == [findings[0]["text"]]
    assert any("open,fixed,false positive,won't fix" in dv.formula1 for dv in ws.data_validations.dataValidation)
    bilingual = next(r for r, f in zip(rows, findings, strict=True) if f["path"].endswith(".xlf"))
    assert bilingual[col["source"]].value  # the source beside the target
    usage = wb["Usage"]
    assert [c.value for c in usage[1]][:7] == [
        "concept",
        "language",
        "rendering",
        "verdict",
        "term base",
        "mixed",
        "total",
    ]
    # The reviewer marks two findings false positive; the baseline import silences exactly those.
    review = load_workbook(tmp_path / "qa.xlsx")
    sheet = review["Findings"]
    for r in (2, 3):
        sheet.cell(row=r, column=col["status"] + 1, value="false positive")
    review.save(tmp_path / "reviewed.xlsx")
    imported = run("baseline", "import", "reviewed.xlsx", "--baseline", "base.json", cwd=tmp_path)
    assert imported.code == 0 and "2 added to base.json" in imported.err
    again = run("baseline", "import", "reviewed.xlsx", "--baseline", "base.json", cwd=tmp_path)
    assert "0 added" in again.err and "2 already there" in again.err
    after = run("lint", "seeds/", "examples/", "--format", "json", "--baseline", "base.json", cwd=tmp_path).json
    assert _keys(after["findings"]) == _keys(findings[2:])


def test_the_qa_workbook_writes_text_never_formulas(run: Run, tmp_path: Path) -> None:
    import zipfile

    (tmp_path / "f.txt").write_text(
        '=HYPERLINK("http://example.invalid","x") A CSTO e a OTSC.\n+CSTO\n', encoding="utf-8"
    )
    assert run("lint", "f.txt", "--lang", "pt", "--format", "xlsx", "-o", "qa.xlsx", cwd=tmp_path).code == 1
    sheet = zipfile.ZipFile(tmp_path / "qa.xlsx").read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "HYPERLINK" in sheet
    rows = list(load_workbook(tmp_path / "qa.xlsx")["Findings"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 2 and all(r[0] == "f.txt" for r in rows)


@NEEDS_LIBREOFFICE
def test_the_qa_workbook_prints_in_libreoffice_with_nothing_overlapping(run: Run, tmp_path: Path) -> None:
    """Its hidden fingerprints stay off the pages; every file with findings is on them; no words overlap."""
    run("lint", "seeds/", "examples/", "--format", "xlsx", "-o", str(tmp_path / "qa.xlsx"))
    pages = pdf_words(to_pdf(tmp_path / "qa.xlsx"))
    heads = {" ".join(w[4] for w in page[:4]) for page in pages}  # the page header: "termcheck QA report: Sheet"
    assert heads == {"termcheck QA report: Findings", "termcheck QA report: Summary", "termcheck QA report: Usage"}
    words = {w[4] for page in pages for w in page}
    assert {"seeds/000_bbfeb18460988360.txt", "examples/summit.pt.xlf"} <= words
    assert [(n, pair) for n, page in enumerate(pages, 1) for pair in overlapping(page)] == []


@pytest.mark.usefixtures("core_builtin")  # the term base's workbook: its core's will do
def test_a_workbook_that_is_not_a_qa_report_is_refused_with_its_name(run: Run, tmp_path: Path) -> None:
    run("glossary", "export", "--format", "xlsx", "-o", "g.xlsx", cwd=tmp_path)
    res = run("baseline", "import", "g.xlsx", "--baseline", "b.json", cwd=tmp_path)
    assert res.code == 2 and "g.xlsx" in res.err and "not a termcheck QA report" in res.err
    assert not (tmp_path / "b.json").exists()
    xlsx = run("lint", "seeds", "--format", "xlsx", cwd=ROOT)
    assert xlsx.code == 2 and "-o FILE" in xlsx.err


def test_usage_reports(run: Run) -> None:
    data = json.loads(run("lint", "seeds/", "--format", "usage").out)
    csto_pt = [r for r in data["renderings"] if r["concept"] == "csto" and r["language"] == "pt"]
    assert {r["term"]: r["verdict"] for r in csto_pt} == {"CSTO": "foreign"}
    assert sum(r["count"] for r in csto_pt) == 33
    member = {r["term"] for r in data["renderings"] if r["concept"] == "member-state" and r["language"] == "de"}
    assert member == {"Mitgliedstaat", "Mitgliedsstaat"}  # as the term base writes them, whatever their endings
    lines = run("lint", "seeds/", "--format", "usage-csv").out.splitlines()
    assert lines[0] == "concept,language,term,term_language,status,verdict,file,count"
    assert sum(int(line.rsplit(",", 1)[1]) for line in lines[1:] if line.startswith("csto,pt,CSTO,")) == 33
