"""PO catalogues in the charset their header declares (issue 24 §2): read as gettext reads them, findings
located in the file's characters, fixes written back in that charset (and one the charset cannot hold
not applied: a located error), the fixed file accepted by the real `msgfmt -c`. The catalogues are popt's
(tests/data/po-charsets/README.md): Portuguese in ISO-8859-1, Russian in KOI8-R."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, Run
from termcheck.errors import SourceError
from termcheck.sources.text import decode, po_charset

DATA = ROOT / "tests" / "data" / "po-charsets"
PT, RU = DATA / "popt-pt.iso-8859-1.po", DATA / "popt-ru.koi8-r.po"
MSGFMT = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="msgfmt (Debian's gettext) is not installed")

# A term base of two concepts: a Portuguese misspelling popt's catalogue has ("númerico"), and a Russian
# term whose preferred form has a character KOI8-R lacks (№).
TERMS = """version: 1
concepts:
- id: numeric
  terms:
    en: [numeric]
    pt: [numérico, {term: númerico, status: deprecated}]
- id: errno
  terms:
    en: [error number]
    ru: [№ ошибки, {term: номер ошибки, status: deprecated}]
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "g").mkdir()
    (tmp_path / "g" / "terms.yaml").write_text(TERMS, encoding="utf-8")
    for path in (PT, RU):
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


def _msgfmt(path: Path) -> None:
    check = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr


def test_the_header_decides_the_decoding() -> None:
    assert po_charset(PT.read_bytes()) == "iso8859-1" and po_charset(RU.read_bytes()) == "koi8-r"
    text = decode(PT.read_bytes(), "pt.po").text
    assert 'msgstr "valor númerico inválido"' in text
    assert 'msgstr "неизвестный номер ошибки"' in decode(RU.read_bytes(), "ru.po").text
    for newline in (b"\r\n", b"\r"):  # a CR alone ends a line too, as the PO reader counts
        assert po_charset(RU.read_bytes().replace(b"\n", newline)) == "koi8-r"


def test_what_the_header_does_not_decide() -> None:
    """The template's CHARSET, a charset gettext does not know, a charset line outside the header, a
    file that is not a catalogue: UTF-8, as before; an ASCII header over UTF-8 text: UTF-8."""
    body = 'msgid "x"\nmsgstr "ä"\n'
    for charset in ("CHARSET", "x-unknown", "utf-16", "base64"):
        raw = f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset={charset}\\n"\n\n{body}'.encode()
        assert decode(raw, "a.po").codec == "utf-8", charset
    raw = f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=ASCII\\n"\n\n{body}'.encode()
    assert decode(raw, "a.pot").text.endswith('"ä"\n')
    later = b'msgid "a"\nmsgstr ""\n"Content-Type: text/plain; charset=KOI8-R\\n"\n'
    assert po_charset(later) is None
    with pytest.raises(SourceError, match="not valid UTF-8"):
        decode(RU.read_bytes(), "ru.txt")  # the header is a PO file's: a text file is UTF-8
    cp1251 = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=CP1251\\n"\n\nmsgid "x"\nmsgstr "'
    with pytest.raises(SourceError, match=r"not valid CP1251 \(the charset its header declares\) at byte 83"):
        decode(cp1251.encode() + b'\x98"\n', "a.po")  # 0x98 is no character in CP1251


def test_findings_in_a_latin1_catalogue(run: Run, folder: Path) -> None:
    res = run("lint", PT.name, "-g", "g", "--no-cache", "--format", "json", cwd=folder)
    (finding,) = res.json["findings"]
    assert (finding["line"], finding["column"], finding["text"]) == (49, 15, "númerico")
    assert finding["suggestions"] == ["numérico"] and finding["language"] == "pt"


@MSGFMT
def test_fix_is_written_in_the_catalogue_s_charset(run: Run, folder: Path) -> None:
    before = PT.read_bytes()
    res = run("lint", PT.name, "-g", "g", "--no-cache", "--fix", cwd=folder)
    assert res.code == 0 and "Fixed 1 finding" in res.err, res.err
    after = (folder / PT.name).read_bytes()
    assert after == before.replace("valor númerico".encode("latin-1"), "valor numérico".encode("latin-1"))
    _msgfmt(folder / PT.name)


@MSGFMT
def test_fix_the_charset_cannot_hold_is_a_located_error(run: Run, folder: Path) -> None:
    """KOI8-R has no №: that fix is not applied, and said where; the file's other fix (a Latin a in
    the Cyrillic "ошибкa", a real typo of the catalogue) is, in KOI8-R."""
    res = run("lint", RU.name, "-g", "g", "--no-cache", "--fix", cwd=folder)
    assert res.code == 2, res.err
    assert ("error: popt-ru.koi8-r.po:15:21: a fix would write '№', which the file's charset (KOI8-R) cannot "
            "encode: not applied") in res.err  # fmt: skip
    assert "Fixed 1 finding" in res.err and "15:21: TC102 deprecated-term 'номер ошибки'" in res.out
    after = (folder / RU.name).read_bytes()
    assert after == RU.read_bytes().replace("ошибкa".encode("koi8-r"), "ошибка".encode("koi8-r"))
    _msgfmt(folder / RU.name)


@MSGFMT
def test_positions_are_characters_in_a_multibyte_charset(run: Run, folder: Path) -> None:
    """The Russian catalogue in Shift_JIS (two bytes a Cyrillic letter): columns still count characters."""
    text = RU.read_bytes().decode("koi8-r").replace("charset=koi8-r", "charset=SHIFT_JIS")
    path = folder / "ru.po"
    path.write_bytes(text.encode("shift_jis"))
    _msgfmt(path)
    res = run("lint", "ru.po", "-g", "g", "--no-cache", "--format", "json", cwd=folder)
    columns = {(f["line"], f["column"], f["text"]) for f in res.json["findings"]}
    assert columns == {(15, 21, "номер ошибки"), (44, 9, "ошибкa")}
    assert run("lint", "ru.po", "-g", "g", "--no-cache", "--fix", cwd=folder).code == 2  # № again
    assert path.read_bytes() == text.replace("ошибкa", "ошибка").encode("shift_jis")
    _msgfmt(path)


def test_diff_and_standard_input_read_the_charset(run: Run, folder: Path) -> None:
    res = run("lint", PT.name, "-g", "g", "--no-cache", "--fix", "--diff", cwd=folder)
    assert '-msgstr "valor númerico inválido"' in res.out and '+msgstr "valor numérico inválido"' in res.out
    assert (folder / PT.name).read_bytes() == PT.read_bytes()
    named = subprocess.run([sys.executable, "-m", "termcheck", "lint", "-", "--stdin-filename", "pt.po", "-g", "g",
                            "--no-cache", "--format", "json"], cwd=folder, input=PT.read_bytes(), capture_output=True,
                           timeout=300)  # fmt: skip
    (finding,) = json.loads(named.stdout)["findings"]
    assert (finding["path"], finding["line"], finding["column"], finding["text"]) == ("pt.po", 49, 15, "númerico")


def test_utf8_catalogues_read_as_before(run: Run) -> None:
    """The examples' catalogue is UTF-8 and says so: its findings are those of tests/test_example_reports.py."""
    raw = (ROOT / "examples" / "news.de.po").read_bytes()
    assert decode(raw, "news.de.po").codec == "utf-8"


def test_unencodable_changes_are_put_back_and_located() -> None:
    """Line and column in the file's characters, whatever its line ends; the other changes stay."""
    from termcheck.sources.text import Decoded

    for newline in ("\n", "\r\n", "\r"):
        old = newline.join(['msgid "a"', 'msgstr "номер ошибки, ошибкa"', ""])
        new = old.replace("номер", "№").replace("ошибкa", "ошибка")
        kept, refused = Decoded(old, "koi8-r").encodable(new)
        assert kept == old.replace("ошибкa", "ошибка") and refused == [(2, 9, "№")], newline
    assert Decoded("a", "utf-8").encodable("№") == ("№", [])


@MSGFMT
def test_standard_input_fixed_is_written_in_the_catalogue_s_charset(folder: Path) -> None:
    """`lint - --stdin-filename ru.po --fix` (a pipe, as an editor runs it): the fixed catalogue on standard
    output in KOI8-R, its bytes those the fix of the file writes, and accepted by `msgfmt -c`."""
    done = subprocess.run([sys.executable, "-m", "termcheck", "lint", "-", "--stdin-filename", "ru.po", "--fix",
                           "--select", "mixed-script"], cwd=folder, input=RU.read_bytes(), capture_output=True,
                          check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout == RU.read_bytes().replace("ошибкa".encode("koi8-r"), "ошибка".encode("koi8-r"))
    (folder / "fixed.po").write_bytes(done.stdout)
    _msgfmt(folder / "fixed.po")
