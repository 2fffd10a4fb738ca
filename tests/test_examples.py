"""The examples/ folder: one file of each kind a translator or writer keeps (a PO catalogue, an XLIFF
2.0 file, a TMX memory, a Markdown page), each with real slips planted. Exactly these are found; the
correct renderings, code, link targets, sources, fuzzy, obsolete and untranslated entries are not."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from conftest import ROOT, Run

EXPECTED = [
    ("memory.tmx", 14, 67, "foreign-rendering", "CSTO"),  # German variant
    ("memory.tmx", 15, 61, "gender-agreement", "o"),  # Brazilian Portuguese variant
    ("memory.tmx", 15, 63, "foreign-rendering", "CSTO"),
    ("memory.tmx", 20, 31, "missing-term", "Der Gipfel fand in Minsk statt."),  # the source has CSTO
    ("memory.tmx", 29, 31, "inconsistent-translation", "Die Mitgliedsstaaten unterzeichneten die Erklärung."),
    ("memory.tmx", 29, 35, "inconsistent-rendering", "Mitgliedsstaaten"),  # the Russian targets are not compared
    ("news.de.po", 23, 13, "foreign-rendering", "CSTO"),  # CSTO-Generalsekretär, placeholder kept apart
    ("news.de.po", 27, 9, "missing-term", "Die Staatschefs der Organisation trafen sich in Minsk."),
    ("news.de.po", 33, 22, "inconsistent-rendering", "Mitgliedsstaaten"),  # plural forms are separate strings
    ("news.de.po", 44, 49, "doubled-word", "zur zur"),  # not through the <b> tags
    ("news.de.po", 64, 9, "inconsistent-translation", "Abonnieren Sie den Newsletter"),  # copied onto another
    ("page.md", 8, 53, "foreign-rendering", "CSTO"),
    ("page.md", 10, 48, "gender-agreement", "do"),
    ("page.md", 10, 51, "foreign-rendering", "CSTO"),
    ("page.md", 17, 28, "foreign-rendering", "Mercenary"),  # table cell
    ("page.md", 17, 41, "doubled-word", "como como"),
    ("page.md", 19, 81, "foreign-rendering", "CSTO"),  # in Russian, inside the lang span
    ("page.md", 27, 46, "foreign-rendering", "CSTO"),  # link text; not the code span nor the link target
    ("summit.pt.xlf", 14, 47, "gender-agreement", "o"),  # across the <pc> inline code
    ("summit.pt.xlf", 14, 77, "foreign-rendering", "CSTO"),
    ("summit.pt.xlf", 20, 35, "foreign-rendering", "SCO"),
    ("summit.pt.xlf", 26, 29, "foreign-rendering", "Mercenary"),
    ("summit.pt.xlf", 32, 17, "missing-term", "A organização e o seu secretário-geral."),
    ("summit.pt.xlf", 44, 17, "inconsistent-translation", "Leia a declaração completa."),
]


def test_examples_findings(run: Run) -> None:
    res = run("lint", "examples/", "--format", "json")
    assert res.code == 1
    got = [(f["path"].split("/")[-1], f["line"], f["column"], f["rule"], f["text"]) for f in res.json["findings"]]
    assert got == EXPECTED
    files = {f["path"].split("/")[-1]: f for f in res.json["files"]}
    assert files["news.de.po"]["counts"] == {"translated": 11, "untranslated": 1, "fuzzy": 1, "obsolete": 1}
    assert files["summit.pt.xlf"]["language"] == "pt-PT" and files["page.md"]["languages"] == ["pt", "ru"]
    assert files["memory.tmx"]["languages"] == ["de", "pt-BR", "ru"]


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="msgfmt (Debian's gettext) is not installed")
def test_examples_fixed_stay_valid(run: Run, tmp_path: Path) -> None:
    work = tmp_path / "examples"
    shutil.copytree(ROOT / "examples", work)
    before = polib.pofile(str(work / "news.de.po"))
    res = run("lint", "examples", "--fix", "--unsafe-fixes", cwd=tmp_path)
    assert "Fixed" in res.err
    check = subprocess.run(
        ["msgfmt", "-c", "-o", "/dev/null", str(work / "news.de.po")], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr
    after = polib.pofile(str(work / "news.de.po"))
    assert [(e.msgid, e.msgctxt, sorted(e.msgstr_plural)) for e in after] == [
        (e.msgid, e.msgctxt, sorted(e.msgstr_plural)) for e in before
    ]
    fixed = after.find("The CSTO Secretary General %(name)s spoke in Yerevan.")
    assert fixed is not None and fixed.msgstr == "Der OVKS-Generalsekretär %(name)s sprach in Jerewan."
    page = (work / "page.md").read_text(encoding="utf-8")
    assert "`CSTO`" in page and "img/CSTO-logo.png" in page and "reports/CSTO-2022.pdf" in page
    again = run("lint", "examples", "--format", "json", cwd=tmp_path)
    left = sorted(f["rule"] for f in again.json["findings"])  # no fix: a translator's call
    assert left == ["inconsistent-translation"] * 2 + ["missing-term"] * 3  # the memory's was a variant, fixed
