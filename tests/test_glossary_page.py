"""The term base's page for editors (`glossary export --format html`): one self-contained file, every text
of the term base escaped; in a real browser (Debian's chromium driven by playwright) a search finds a
rendering of another language, a case and accent variant and inflected forms, the domain and language
filters work, a link to a concept opens its card, nothing is fetched and no script fails; printed to PDF,
a card is not split across pages."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, Run, chromium_browser
from termcheck.app.glossary import export
from termcheck.glossary.load import load
from termcheck.glossary.model import Glossary

IMG = ROOT / "docs" / "img"
EXAMPLE = ROOT / "reports" / "examples" / "glossary.html"
MAX_SIZE = 600_000  # bytes, for the shipped term base (436 KB when this test was written)

HOSTILE = """\
version: 1
concepts:
- id: hostile
  domain: "<i>places</i>"
  definition: {en: "</script><script>alert('definition')</script><!-- <script>", de: "</SCRIPT ><b>fett</b>"}
  note: "<b>note</b> & </script> \\u2028 after a line separator"
  terms:
    en:
    - {term: "<img src=x onerror=alert(1)>", type: phrase}
    - {term: "Tom & Jerry", note: "</script><script>alert('note')</script>"}
    de:
    - {term: "</title>Tom"}
  sources:
  - {title: "<a href=javascript:alert(1)>x</a>", checked: 2026-01-01, url: "https://example.org/?a=<b>&c=</script>"}
"""


class _Page(HTMLParser):
    """The page's elements: its scripts (type, text), what it would fetch, the tags it has."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[tuple[str, str]] = []
        self.fetches: list[str] = []
        self.tags: list[str] = []
        self._script: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append(tag)
        if tag == "script":
            self._script = a.get("type", "")
            self.scripts.append((self._script, ""))
        for key in ("src", "href", "action", "poster", "srcset"):
            if key in a:
                self.fetches.append(a[key])

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            kind, text = self.scripts[-1]
            self.scripts[-1] = (kind, text + data)


def _parsed(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="module")
def shipped() -> Glossary:
    glossary, _problems = load(["builtin"])
    return glossary


@pytest.fixture(scope="module")
def shipped_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped term base's page, as `termcheck glossary export --format html -o glossary.html` writes it."""
    path = tmp_path_factory.mktemp("page") / "glossary.html"
    err = io.StringIO()
    assert export([], "html", str(path), [], None, None, out=io.StringIO(), err=err) == 0
    assert "Wrote 425 concepts, 5320 terms" in err.getvalue()
    return path


@pytest.fixture
def hostile_page(tmp_path: Path, run: Run) -> Path:
    (tmp_path / "hostile").mkdir()
    (tmp_path / "hostile" / "h.yaml").write_text(HOSTILE, encoding="utf-8")
    res = run("glossary", "export", "-g", "hostile", "--format", "html", "-o", "h.html", cwd=tmp_path)
    assert res.code == 0, res.err
    return tmp_path / "h.html"


def test_the_page_is_one_small_file_that_fetches_nothing(shipped_page: Path, shipped: Glossary, run: Run) -> None:
    size = shipped_page.stat().st_size
    assert size < MAX_SIZE, f"the page grew to {size} bytes"
    page = _parsed(shipped_page)
    assert [kind for kind, _ in page.scripts] == ["application/json", ""]
    assert page.fetches == [] and not {"link", "img", "iframe", "object", "embed"} & set(page.tags)
    data = json.loads(page.scripts[0][1])
    assert [c["id"] for c in data["concepts"]] == [c.id for c in shipped.concepts]
    assert sum(len(c["terms"]) for c in data["concepts"]) == shipped.term_count
    csto = next(c for c in data["concepts"] if c["id"] == "csto")
    assert csto["name"] == "Collective Security Treaty Organization" and csto["gender"]["pt"] == "feminine"
    # -o - writes the same page to standard output.
    res = run("glossary", "export", "--format", "html", "-o", "-")
    assert res.code == 0 and res.out == shipped_page.read_text(encoding="utf-8")


def test_the_example_page_is_the_shipped_term_base(shipped_page: Path) -> None:
    """reports/examples/glossary.html is what the documented command makes (make.py --check says so too)."""
    assert EXAMPLE.read_bytes() == shipped_page.read_bytes()


def test_every_text_of_a_hostile_term_base_is_escaped(hostile_page: Path) -> None:
    html = hostile_page.read_text(encoding="utf-8")
    page = _parsed(hostile_page)
    assert [kind for kind, _ in page.scripts] == ["application/json", ""]
    assert page.fetches == [] and "b" not in page.tags and "img" not in page.tags
    # The data block cannot end early: no "<" at all inside it, and it reads back as the term base.
    block = html.split('id="termbase">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block and ">" not in block and "&" not in block and "\u2028" not in block
    data = json.loads(block)
    hostile = data["concepts"][0]
    assert hostile["def"]["en"] == "</script><script>alert('definition')</script><!-- <script>"
    assert hostile["note"] == "<b>note</b> & </script> \u2028 after a line separator"
    assert '<option value="&lt;i&gt;places&lt;/i&gt;">' in html


def _browser() -> tuple[Any, str]:
    return chromium_browser()


class _Tab:
    """A page in chromium that fails on any request leaving the file (routed and aborted), a script error,
    a console error or a dialog."""

    def __init__(self, browser: Any, problems: list[str], width: int = 1300) -> None:
        self.page = page = browser.new_page(viewport={"width": width, "height": 900})
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)

        def dialog(d: Any) -> None:
            problems.append(f"dialog: {d.message}")
            d.dismiss()

        page.on("dialog", dialog)

        def route(r: Any) -> None:
            if r.request.url.startswith("file:"):
                r.continue_()
            else:
                problems.append(f"fetch: {r.request.url}")
                r.abort()

        page.route("**/*", route)

    def search(self, query: str, typed: bool = False) -> list[tuple[str, str]]:
        """Enter a query (`typed`: a key at a time, an input event per character); the cards shown, in order,
        with how each was found."""
        self.page.fill("#q", "")
        if typed:
            self.page.locator("#q").press_sequentially(query)
        else:
            self.page.fill("#q", query)
        return [
            (r["id"], r["found"])
            for r in self.page.eval_on_selector_all(
                "article.concept:not([hidden])",
                "cs => cs.map(c => ({id: c.id, found: c.querySelector('.found').textContent}))",
            )
        ]

    def shown(self) -> list[str]:
        return list(self.page.eval_on_selector_all("article.concept:not([hidden])", "cs => cs.map(c => c.id)"))


def test_the_page_works_in_a_real_browser(shipped_page: Path, shipped: Glossary, tmp_path: Path) -> None:
    sync_api, chromium = _browser()
    problems: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        tab = _Tab(browser, problems)
        page = tab.page
        page.goto(shipped_page.as_uri())
        assert page.locator("article.concept").count() == len(shipped.concepts)
        assert page.inner_text("#shown") == str(len(shipped.concepts))
        # A rendering of another language, exactly: the Portuguese acronym finds the CSTO first.
        found = tab.search("OTSC")
        assert found[0] == ("csto", "exact: OTSC (pt, preferred)")
        assert page.locator("#csto li.hit .tx").all_inner_texts() == ["OTSC", "OTSC", "OTSC"]  # pt, fr, es
        # Case and accents aside.
        assert tab.search("organizacao do tratado de seguranca coletiva")[0] == (
            "csto",
            "exact: Organização do Tratado de Segurança Coletiva (pt, preferred)",
        )
        assert tab.search("BIELORRUSSIA")[0][0] == "belarus"
        # Inflected forms, found as `glossary show` finds them.
        assert tab.search("Mitgliedstaaten") == [("member-state", "inflected form of Mitgliedstaat (de, preferred)")]
        assert tab.search("Зася") == [("zas", "inflected form of Зась (ru, preferred)")]
        assert tab.search("Estados-membros") == [("member-state", "inflected form of Estado-membro (pt, preferred)")]
        assert tab.search("Sicherheitsräte")[0] == (
            "un-security-council",
            "inflected form of Sicherheitsrat (de, preferred)",
        )
        assert tab.search("Организации Договора о коллективной безопасности")[0][0] == "csto"
        # A compound: each term in it.
        assert {cid for cid, _ in tab.search("OVKS-Generalsekretär")} == {"csto", "secretary-general"}
        # As you type: a beginning is enough.
        assert ("member-state", "a word begins with the query: Mitgliedstaat (de, preferred)") in tab.search(
            "Mitgli", typed=True
        )
        assert tab.search("zzzqqq") == [] and page.is_visible("#none")
        page.click("#clear")
        assert len(tab.shown()) == len(shipped.concepts) and not page.is_visible("#none")
        if os.environ.get("TERMCHECK_UPDATE_IMAGES"):  # docs/img/ changes only when asked
            shot = IMG / "glossary-page.png"
        else:
            shot = tmp_path / "glossary-page.png"
        tab.search("OTSC")
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(shot))
        page.click("#clear")
        # The domain filter.
        places = [c.id for c in shipped.concepts if c.domain == "places"]
        page.select_option("#f-domain", "places")
        assert tab.shown() == places
        assert page.inner_text("#shown") == str(len(places))
        assert tab.search("Moscou") == [("moscow", "exact: Moscou (pt, preferred)")]
        assert [cid for cid, _ in tab.search("OTSC")] == ["sochi"]  # Sotschi; the CSTO is no place
        page.click("#clear")
        # The language filter: Italian alone shows the concepts with Italian terms, and only those.
        for box in page.locator("input[name=lang]").all():
            if box.get_attribute("value") != "it":
                box.uncheck()
        italian = [c.id for c in shipped.concepts if c.terms_for("it")]
        assert tab.shown() == italian
        langs = page.eval_on_selector_all(
            "article.concept:not([hidden]) section.lang:not([hidden])", "ss => [...new Set(ss.map(s => s.lang))]"
        )
        assert langs == ["it"]
        page.click("#clear")
        # A link to a concept: the card is the target, and on the screen.
        page.goto(shipped_page.as_uri() + "#zas")
        assert page.evaluate("document.querySelector(':target').id") == "zas"
        box = page.locator("#zas").bounding_box()
        assert box is not None and 0 <= box["y"] < 900
        # A hidden card is shown when linked to: the search and filters are cleared.
        tab.search("OTSC")
        page.evaluate("location.hash = '#moscow'")
        page.wait_for_function("!document.getElementById('moscow').hidden")
        assert page.input_value("#q") == ""
        browser.close()
    assert problems == []


def test_the_page_finds_every_rendering_glossary_show_finds(shipped_page: Path) -> None:
    """Every term `lint` finds in the seeds and examples, as written there (inflected, in capitals, in a
    compound), is found by the page's search as `glossary show` finds it: exactly or as an inflected form."""
    from termcheck.app.glossary import lookup
    from termcheck.app.session import load_term_base

    sync_api, chromium = _browser()
    glossary, index = load_term_base(["builtin"])
    spans: set[str] = set()
    for path in [*sorted((ROOT / "seeds").glob("*.txt")), *sorted((ROOT / "examples").iterdir())]:
        text = path.read_text(encoding="utf-8")
        spans |= {text[m.start : m.end] for m in index.find(text)}
    queries = sorted(spans)
    assert len(queries) > 100 and {"Mitgliedstaaten", "Estados-membros", "OVKS"} <= spans
    problems: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        tab = _Tab(browser, problems)
        tab.page.goto(shipped_page.as_uri())
        found = tab.page.evaluate("queries => queries.map(q => window.termbaseFind(q))", queries)
        browser.close()
    assert problems == []
    missed = {}
    for query, hits in zip(queries, found, strict=True):
        shown = {cid for cid, rank in hits if rank <= 1}  # exact or inflected
        wanted = {c.id for c, how, _ in lookup(query, glossary, index) if how in ("exact", "inflected")}
        if wanted - shown:
            missed[query] = wanted - shown
    assert missed == {}


def test_a_hostile_term_base_stays_text_in_the_browser(hostile_page: Path) -> None:
    sync_api, chromium = _browser()
    problems: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        tab = _Tab(browser, problems)
        tab.page.goto(hostile_page.as_uri())
        card = tab.page.locator("#hostile")
        text = card.inner_text()
        assert "</script><script>alert('definition')</script><!-- <script>" in text
        assert "<img src=x onerror=alert(1)>" in text and "<a href=javascript:alert(1)>x</a>" in text
        assert card.locator("b, img, i, script").count() == 0
        assert tab.search("tom jerry") == [("hostile", "exact: Tom & Jerry (en, preferred)")]
        browser.close()
    assert problems == []


def test_a_printed_card_is_not_split_across_pages(shipped_page: Path, tmp_path: Path) -> None:
    """Printed (Chromium's PDF), the filters are gone and each card starts on the page where it ends, where it
    fits on one page: pdftotext reads every card's title and its last line on one page."""
    sync_api, chromium = _browser()
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page()
        page.goto(shipped_page.as_uri())
        page.select_option("#f-domain", "organisations")
        page.emulate_media(media="print")
        cards = page.eval_on_selector_all(
            "article.concept:not([hidden])",
            "cs => cs.map(c => ({id: c.id, height: c.getBoundingClientRect().height,"
            " last: c.lastElementChild.innerText.trim().split('\\n').pop()}))",
        )
        page.pdf(path=str(tmp_path / "g.pdf"), format="A4")
        browser.close()
    text = subprocess.run(["pdftotext", str(tmp_path / "g.pdf"), "-"], capture_output=True, text=True, check=True)
    pages = [" ".join(p.split()) for p in text.stdout.split("\f")]
    assert "languages" not in pages[0].split("Term base", 1)[0] and "clear" not in " ".join(pages)
    checked = 0
    for card in cards:
        if card["height"] > 900:  # taller than an A4 page's printable height (in CSS pixels): it must break
            continue
        last = " ".join(card["last"].split())[-40:]
        with_id = [k for k, p in enumerate(pages) if re.search(rf"(?<![\w-]){re.escape(card['id'])}(?![\w-])", p)]
        with_last = [k for k, p in enumerate(pages) if last in p]
        assert with_id and set(with_id) & set(with_last), f"card {card['id']} is split across pages"
        checked += 1
    assert checked > 40
