"""A text's own date: a name renamed after it is the name of its time (issue 22, round-four news).

Kazinform's dateline "NUR-SULTAN." of 16 May 2022 is right: the city was renamed Astana on 17 September
2022. The date comes from `--date`, Markdown front matter, an HTML page's meta or a `termcheck: date`
comment; without it the renamed name is flagged but never fixed safely.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Run
from termcheck.dates import before, iso_date
from termcheck.sources import html, markdown

DATELINE = (
    "NUR-SULTAN. KAZINFORM The meeting of the leaders of the CSTO member states has started its work in Moscow.\n"
)
GLOSSARY = """\
version: 1
concepts:
- id: astana
  terms:
    en:
    - Astana
    - {term: Nur-Sultan, status: deprecated, since: 2022-09-17}
"""


@pytest.mark.parametrize(
    ("value", "date"),
    [("2022-05-16T08:00:00+06:00", "2022-05-16"), ("2022-05", "2022-05"), ("2022", "2022"), ("2022-13-01", None),
     ("2022-02-30", None), ("16 May 2022", None), ("", None)],
)  # fmt: skip
def test_iso_date(value: str, date: str | None) -> None:
    assert iso_date(value) == date


@pytest.mark.parametrize(
    ("date", "since", "earlier"),
    [("2022-05-16", "2022-09-17", True), ("2022-05", "2022-09-17", True), ("2022-09", "2022-09-17", False),
     ("2022", "2022-09-17", False), ("2022-09-17", "2022-09-17", False), ("1991", "1993", True)],
)  # fmt: skip
def test_before_only_when_every_day_it_may_mean_is_earlier(date: str, since: str, earlier: bool) -> None:
    assert before(date, since) is earlier


def test_markdown_front_matter_and_html_meta_give_the_date() -> None:
    assert markdown.read("a.md", "---\ntitle: Summit\ndate: 2022-05-16 10:00:00\n---\nText.\n").written == "2022-05-16"
    assert (
        markdown.read("a.md", '+++\ntitle = "Summit"\ndate = 2022-05-16T10:00:00Z\n+++\nText.\n').written
        == "2022-05-16"
    )
    page = '<html lang="en"><head><meta property="article:published_time" content="2022-05-16T10:49:00+06:00">'
    assert html.read("a.html", page + "</head><body><p>Text.</p></body></html>").written == "2022-05-16"
    assert html.read("a.html", "<html><body><p>Text.</p></body></html>").written is None


@pytest.fixture
def texts(tmp_path: Path) -> Path:
    (tmp_path / "glossary.yaml").write_text(GLOSSARY, encoding="utf-8")
    (tmp_path / "plain.txt").write_text(DATELINE, encoding="utf-8")
    (tmp_path / "front.md").write_text("---\ndate: 2022-05-16\n---\n" + DATELINE, encoding="utf-8")
    (tmp_path / "later.md").write_text("---\ndate: 2023-03-01\n---\n" + DATELINE, encoding="utf-8")
    (tmp_path / "comment.txt").write_text("# termcheck: date 2022-05\n" + DATELINE, encoding="utf-8")
    return tmp_path


def test_the_texts_date_decides(run: Run, texts: Path) -> None:
    got = run("lint", ".", "-g", "glossary.yaml", "--lang", "en", "--format", "json", cwd=texts).json
    # Written before the renaming (front matter, comment): not flagged. After it, or unknown: flagged.
    assert sorted(f["path"] for f in got["findings"]) == ["later.md", "plain.txt"]
    diff = run("lint", ".", "-g", "glossary.yaml", "--lang", "en", "--diff", cwd=texts).out
    # Its fix is safe only where the date says the text was written after the renaming.
    assert "+++ b/later.md" in diff and "+ASTANA. KAZINFORM" in diff and "plain.txt" not in diff


def test_date_option_applies_to_every_file(run: Run, texts: Path) -> None:
    got = run("lint", "plain.txt", "later.md", "-g", "glossary.yaml", "--lang", "en", "--date", "2022-05-16",
              "--format", "json", cwd=texts).json  # fmt: skip
    assert got["findings"] == []


def test_a_date_that_is_not_one_is_a_usage_error(run: Run, texts: Path) -> None:
    got = run("lint", "plain.txt", "-g", "glossary.yaml", "--date", "16.05.2022", cwd=texts)
    assert got.code == 2 and "'16.05.2022' is not a date" in got.err
