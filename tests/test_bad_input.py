"""Bad input: a clear one-line error naming the file, exit 2, and the rest of the run goes on."""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

from conftest import Result, Run

PT = "A CSTO defende a cooperação.\n"  # one foreign-rendering at 1:3


def findings(result: Result) -> list[tuple[str, int, int, str]]:
    return [(f["path"], f["line"], f["column"], f["text"]) for f in result.json["findings"]]


def test_missing_path_is_reported_and_the_rest_is_checked(run: Run, tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(PT, encoding="utf-8")
    result = run("lint", "nope.txt", "ok.txt", "--lang", "pt", "--format", "json", cwd=tmp_path)
    assert result.code == 2
    assert result.json["errors"] == [{"path": "nope.txt", "message": "no such file or directory"}]
    assert findings(result) == [("ok.txt", 1, 3, "CSTO")]
    assert result.err.splitlines()[0] == "error: nope.txt: no such file or directory"


def test_binary_files_in_a_directory_are_skipped_with_a_note(run: Run, tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text(PT, encoding="utf-8")
    (tmp_path / "docs" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "docs" / "z.txt").write_bytes(b"\x00\x01binary data with a text suffix" + bytes(range(256)))
    result = run("lint", "docs", "--lang", "pt", cwd=tmp_path)
    assert result.code == 1
    assert "note: docs/z.txt: skipped: binary file" in result.err
    assert "logo.png" not in result.err  # not a text file: not looked at
    assert result.out.startswith("docs/a.txt:1:3: TC101 foreign-rendering 'CSTO'")
    as_json = run("lint", "docs", "--lang", "pt", "--format", "json", cwd=tmp_path).json
    assert as_json["skipped"] == [{"path": "docs/z.txt", "reason": "binary file"}]
    named = run("lint", "docs/logo.png", "--lang", "pt", cwd=tmp_path)
    assert named.code == 0 and "note: docs/logo.png: skipped: binary file" in named.err


def test_invalid_utf8_names_file_and_byte_offset(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(PT, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes("Olá, OTSC ".encode() + b"\xff\xfe broken")
    result = run("lint", "a.txt", "b.txt", "--lang", "pt", "--format", "json", cwd=tmp_path)
    assert result.code == 2
    assert result.json["errors"] == [{"path": "b.txt", "message": "not valid UTF-8 at byte 11"}]
    assert findings(result) == [("a.txt", 1, 3, "CSTO")]
    assert "error: b.txt: not valid UTF-8 at byte 11" in result.err


def test_utf8_bom_columns_count_after_the_bom(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(codecs.BOM_UTF8 + PT.encode())
    result = run("lint", "a.txt", "--lang", "pt", "--format", "json", cwd=tmp_path)
    assert findings(result) == [("a.txt", 1, 3, "CSTO")]


def test_utf16_with_bom(run: Run, tmp_path: Path) -> None:
    (tmp_path / "le.txt").write_bytes(("Linha um.\n" + PT).encode("utf-16"))
    (tmp_path / "be.txt").write_bytes(codecs.BOM_UTF16_BE + PT.encode("utf-16-be"))
    result = run("lint", "le.txt", "be.txt", "--lang", "pt", "--format", "json", cwd=tmp_path)
    assert result.code == 1
    assert findings(result) == [("be.txt", 1, 3, "CSTO"), ("le.txt", 2, 3, "CSTO")]


def test_crlf_line_endings_keep_columns_right(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"Primeira linha.\r\n\r\nEntre a ONU e o CSTO.\r\n")
    result = run("lint", "a.txt", "--lang", "pt", "--format", "json", cwd=tmp_path)
    got = [(f["line"], f["column"], f["end_column"], f["rule"], f["text"]) for f in result.json["findings"]]
    assert got == [(3, 15, 16, "gender-agreement", "o"), (3, 17, 21, "foreign-rendering", "CSTO")]
    text = run("lint", "a.txt", "--lang", "pt", cwd=tmp_path).out
    assert "\r" not in text


def test_empty_file(run: Run, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run("lint", "empty.txt", "--format", "json", cwd=tmp_path)
    assert result.code == 0
    assert result.json["files"] == [
        {
            "path": "empty.txt",
            "language": "und",
            "language_source": "unknown",
            "language_confidence": None,
            "findings": 0,
            "format": "text",
            "languages": [],
            "segments": 0,
        }
    ]


def test_decomposed_text_is_matched_and_columns_count_file_characters(run: Run, tmp_path: Path) -> None:
    text = unicodedata.normalize("NFD", "Décadas de cooperação: a OTSC e o Afeganistão e o CSTO.\n")
    (tmp_path / "nfd.txt").write_text(text, encoding="utf-8")
    result = run("lint", "nfd.txt", "--lang", "pt", "--format", "json", cwd=tmp_path)
    start = text.index("CSTO") + 1
    assert findings(result) == [("nfd.txt", 1, start - 2, "o"), ("nfd.txt", 1, start, "CSTO")]


def test_twenty_megabytes_without_a_newline(run: Run, tmp_path: Path) -> None:
    """One line of 20 MB: every finding reported, at its column (work for each finding that grew with the
    length of its line made this quadratic once). One finding each 5.7 KB: 3,500 of them."""
    chunk = "A OTSC e a ONU cooperam na manutenção da paz, disse o CSTO. " + "Nada a declarar sobre isto. " * 200
    repeat = 20_000_000 // len(chunk.encode())
    (tmp_path / "big.txt").write_text(chunk * repeat, encoding="utf-8")
    (tmp_path / ".termcheck.toml").write_text("max-findings-per-file = 0\n", encoding="utf-8")  # all of them
    result = run("lint", "big.txt", "--lang", "pt", "--select", "foreign-rendering", "--format", "json", cwd=tmp_path)
    assert result.code == 1
    assert result.json["summary"]["findings"] == len(result.json["findings"]) == repeat
    last = result.json["findings"][-1]
    assert (last["line"], last["column"]) == (1, len(chunk) * (repeat - 1) + chunk.index("CSTO") + 1)


def test_a_text_in_a_language_the_term_base_lacks(run: Run, tmp_path: Path) -> None:
    (tmp_path / "it.txt").write_text(
        "L'Organizzazione del Trattato di Sicurezza Collettiva ha annunciato oggi "
        "una nuova missione di pace in Kazakhstan e in Afghanistan.\n",
        encoding="utf-8",
    )
    res = run("lint", "it.txt", "--format", "json", cwd=tmp_path)
    assert res.code == 0
    assert res.json["files"][0]["language"] == "it" and res.json["files"][0]["language_source"] == "detected"
