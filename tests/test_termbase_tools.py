"""Term-base QA (`glossary check`), what changed (`glossary diff`, `export --since`), and sources
carried by the exports: each on real files written here and read back with the real libraries."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from conftest import NEEDS_LIBREOFFICE, Run, overlapping, pdf_words, to_pdf

SOURCED = """version: 1
concepts:
- id: kyiv
  domain: places
  gender: {pt: feminine, es: feminine, fr: masculine, it: feminine, de: neuter}
  sources:
  - {title: Unicode CLDR 49 (babel 2.19.0), url: https://cldr.unicode.org, checked: 2026-12-06, langs: [en, de]}
  terms:
    en:
    - Kyiv
    - {term: Kiev, status: deprecated, since: 2019-10, note: the Russian-based form}
    de: [Kiew]
- id: kanal
  domain: operations
  gender: {de: masculine}
  terms:
    de: [{term: Kanal, case: ignore}]
    en: [{term: Channel, homograph: true}]
- id: pashinyan
  domain: people
  sources: [{title: a note, checked: 2026-12-01}]
  terms:
    en: [Nikol Pashinyan]
- id: paschinjan
  domain: people
  sources: [{title: a note, checked: 2026-12-01}]
  terms:
    de: [Nikol Paschinjan]
"""


def write(folder: Path, text: str, name: str = "g.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_qa_warnings_are_located_and_coded(run: Run, tmp_path: Path) -> None:
    write(tmp_path, SOURCED)
    result = run("glossary", "check", "g.yaml", "--format", "json", cwd=tmp_path)
    assert result.code == 0, result.out + result.err
    report = result.json
    by_code: dict[str, list[dict[str, Any]]] = {}
    for p in report["problems"]:
        by_code.setdefault(p["code"], []).append(p)
    assert [p["line"] for p in by_code["missing-source"]] == [13]  # kanal; the others name theirs
    assert "kanal" in by_code["missing-source"][0]["message"]
    assert by_code["ordinary-word"][0]["line"] == 17 and "'Kanal'" in by_code["ordinary-word"][0]["message"]
    dup = by_code["likely-duplicate"]
    assert (
        len(dup) == 1
        and "'Nikol Paschinjan' (paschinjan) sounds like 'Nikol Pashinyan' (pashinyan" in dup[0]["message"]
    )
    assert "missing-gender" not in by_code  # every place has its genders
    assert report["summary"]["problems"] == 0 and report["summary"]["warnings"] == len(report["problems"])
    quiet = run(
        "glossary", "check", "g.yaml", "--ignore", "missing-source,likely-duplicate,ordinary-word", cwd=tmp_path
    )
    assert quiet.out == "" and "0 problem(s)" in quiet.err
    bad = run("glossary", "check", "g.yaml", "--ignore", "no-such-check", cwd=tmp_path)
    assert bad.code == 2 and "not a warning code" in bad.err


def test_status_conflict_and_bad_sources_are_errors(run: Run, tmp_path: Path) -> None:
    write(tmp_path, "version: 1\nconcepts:\n- id: a\n  terms: {en: [Widget]}\n"
                    "- id: b\n  sources: [{title: x, checked: 2999-01-01}, {title: y, checked: 2026-01-01, url: ftp://x}]\n"
                    "  terms: {en: [Gadget, {term: Widget, status: deprecated}]}\n")  # fmt: skip
    result = run("glossary", "check", "g.yaml", cwd=tmp_path)
    assert result.code == 1
    assert "'2999-01-01' is not a past date" in result.out
    assert "'ftp://x' is not an http(s) address" in result.out
    assert "'Widget' (en) is deprecated in 'b' but preferred in 'a'" in result.out
    assert next(line for line in result.out.splitlines() if "[status-conflict]" in line).startswith("g.yaml:7:")


def test_the_shipped_term_base_passes_its_own_qa(run: Run) -> None:
    result = run("glossary", "check", "--format", "json")
    assert result.code == 0, result.out[:2000]
    codes = {p["code"] for p in result.json["problems"]}
    assert "missing-source" not in codes
    assert result.json["summary"]["concepts"] >= 300


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@example.org", "PATH": "/usr/bin:/bin:/usr/local/bin"})  # fmt: skip


@pytest.fixture
def history(tmp_path: Path) -> Path:
    """A repository whose term base gains a concept and a deprecation in its second commit."""
    repo = tmp_path / "repo"
    write(repo / "glossary", "version: 1\nconcepts:\n- id: kyiv\n  terms:\n    en: [Kiev]\n    de: [Kiew]\n"
                             "- id: gone\n  terms: {en: [Gone]}\n")  # fmt: skip
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "first")
    write(repo / "glossary", SOURCED)
    return repo


def test_diff_since_a_revision(run: Run, history: Path) -> None:
    result = run("glossary", "diff", "HEAD", cwd=history)
    assert result.code == 0, result.err
    assert "  + kanal  [operations]  de Kanal · en Channel" in result.out, result.out
    assert "  - gone" in result.out
    assert "      en: Kiev: preferred → deprecated (since 2019-10)" in result.out
    assert "      en: + Kyiv (preferred)" in result.out
    assert "3 concept(s) added, 1 removed, 1 changed" in result.err and "1 new deprecation(s)" in result.err
    data = run("glossary", "diff", "--format", "json", cwd=history).json  # HEAD by default
    changed = data["changed"][0]
    assert changed["id"] == "kyiv"
    assert {"lang": "en", "term": "Kiev", "change": "status", "old": "preferred", "new": "deprecated",
            "since": "2019-10"} in changed["terms"]  # fmt: skip
    assert data["summary"]["concepts_added"] == 3


def test_diff_between_two_folders_and_bad_revisions(run: Run, history: Path, tmp_path: Path) -> None:
    old = write(tmp_path / "old", "version: 1\nconcepts:\n- id: kyiv\n  terms: {en: [Kyiv]}\n").parent
    result = run("glossary", "diff", str(old), "glossary", cwd=history)
    assert result.code == 0 and "+ kanal" in result.out and "en: + Kiev (deprecated) (since 2019-10)" in result.out
    bad = run("glossary", "diff", "no-such-rev", cwd=history)
    assert (
        bad.code == 2 and bad.err.startswith("error: ") and "no-such-rev" in bad.err and len(bad.err.splitlines()) == 1
    )


def test_export_since_puts_the_changes_first(run: Run, history: Path) -> None:
    import openpyxl

    result = run("glossary", "export", "--format", "xlsx", "-o", "t.xlsx", "--since", "HEAD", "-g", "glossary",
                 cwd=history)  # fmt: skip
    assert result.code == 0, result.err
    wb = openpyxl.load_workbook(history / "t.xlsx")
    assert wb.sheetnames[0] == "Changes"
    rows = list(wb["Changes"].iter_rows(values_only=True))
    assert rows[0][:4] == ("change", "concept", "language", "term")
    assert rows[1] == ("new deprecation", "kyiv", "en", "Kiev", "preferred", "deprecated", "2019-10", "Kyiv")
    assert wb["Changes"].cell(row=2, column=4).font.strike
    kinds = [r[0] for r in rows[1:]]
    assert kinds.count("new concept") == 3 and "concept removed" in kinds and "new term" in kinds
    assert wb["Changes"].freeze_panes == "A2" and wb["Changes"].page_setup.orientation == "landscape"
    wrong = run("glossary", "export", "--format", "tbx", "-o", "t.tbx", "--since", "HEAD", cwd=history)
    assert wrong.code == 2 and "--format xlsx" in wrong.err


def test_sources_and_dates_survive_the_exports(run: Run, tmp_path: Path) -> None:
    import openpyxl
    from defusedxml import ElementTree

    write(tmp_path / "glossary", SOURCED)
    for fmt in ("xlsx", "tbx"):
        assert run("glossary", "export", "--format", fmt, "-o", f"g.{fmt}", "-g", "glossary", cwd=tmp_path).code == 0
    wb = openpyxl.load_workbook(tmp_path / "g.xlsx")
    sources = [r for r in wb["Sources"].iter_rows(values_only=True)]
    assert sources[0] == ("concept", "title", "address", "checked", "languages", "note")
    assert (
        "kyiv",
        "Unicode CLDR 49 (babel 2.19.0)",
        "https://cldr.unicode.org",
        "2026-12-06",
        "en, de",
        None,
    ) in sources
    terms = [r for r in wb["Terms"].iter_rows(values_only=True)]
    col = terms[0].index("since")
    assert terms[0][-2:] == ("since", "homograph") and any(r[3] == "Kiev" and r[col] == "2019-10" for r in terms)
    tree = ElementTree.parse(tmp_path / "g.tbx")
    notes = [n.text for n in tree.iter() if n.tag.endswith("note")]
    assert "termcheck:source=a note, checked 2026-12-01" in notes and "termcheck:since=2019-10" in notes
    assert "termcheck:homograph=true" in notes
    # Back again: the sources and the date are what the YAML had, nothing changes.
    for fmt in ("xlsx", "tbx"):
        back = run("glossary", "import", f"g.{fmt}", "-o", "glossary", "--diff", cwd=tmp_path)
        assert back.code == 0, back.err
        assert "0 change(s)" in back.err, back.out
    shown = run("glossary", "show", "kyiv", "-g", "glossary", cwd=tmp_path)
    assert "source: Unicode CLDR 49 (babel 2.19.0) <https://cldr.unicode.org> [en, de], checked 2026-12-06" in shown.out
    assert "Kiev (deprecated: do not use)  (since 2019-10, the Russian-based form)" in shown.out


def test_the_workbook_sources_are_imported(run: Run, tmp_path: Path) -> None:
    import openpyxl

    write(tmp_path / "glossary", SOURCED)
    assert run("glossary", "export", "--format", "xlsx", "-o", "g.xlsx", "-g", "glossary", cwd=tmp_path).code == 0
    wb = openpyxl.load_workbook(tmp_path / "g.xlsx")
    ws = wb["Sources"]
    ws.append(["kanal", "BelTA style guide", "https://eng.belta.by", "2026-12-05", "en", None])
    wb.save(tmp_path / "g.xlsx")
    result = run("glossary", "import", "g.xlsx", "-o", "glossary", cwd=tmp_path)
    assert result.code == 0, result.err
    text = (tmp_path / "glossary" / "g.yaml").read_text(encoding="utf-8")
    assert (
        "  sources:\n  - {title: BelTA style guide, url: https://eng.belta.by, checked: '2026-12-05', langs: [en]}\n  terms:"
        in text
    )
    check = run("glossary", "check", "glossary", "--format", "json", cwd=tmp_path)
    assert "missing-source" not in {p["code"] for p in check.json["problems"]}
    ws.cell(row=ws.max_row, column=4).value = "yesterday"
    wb.save(tmp_path / "g.xlsx")
    bad = run("glossary", "import", "g.xlsx", "-o", "glossary", cwd=tmp_path)
    assert bad.code == 2 and "Sheet 'Sources', row 5, column 'checked': 'yesterday' is not a past date" in bad.err
    assert json.dumps(text) and (tmp_path / "glossary" / "g.yaml").read_text(encoding="utf-8") == text


@NEEDS_LIBREOFFICE
def test_the_changes_sheet_prints_in_libreoffice(run: Run, history: Path) -> None:
    """The Changes sheet printed by LibreOffice Calc: first, every change there, nothing overlapping."""
    assert run("glossary", "export", "--format", "xlsx", "-o", "t.xlsx", "--since", "HEAD", "-g", "glossary",
               cwd=history).code == 0  # fmt: skip
    pages = pdf_words(to_pdf(history / "t.xlsx"))
    first = " ".join(w[4] for w in pages[0])
    assert first.startswith("termcheck term base: changes since HEAD")
    for text in ("new deprecation", "Kiev", "2019-10", "Kyiv", "kanal", "concept removed", "gone"):
        assert text.split()[0] in first, text
    assert not overlapping(pages[0])


def test_show_prints_the_sources_of_the_shipped_term_base(run: Run) -> None:
    """The compiled term base keeps the sources apart from the concepts every run decodes; show reads them."""
    for _ in range(2):  # compiled, then from the cache
        shown = run("glossary", "show", "Kiew")
        assert shown.code == 0 and "source: none given" not in shown.out
        assert "source: Unicode CLDR 49 (babel 2.19.0)" in shown.out or "source: Kyjiw statt Kiew" in shown.out
