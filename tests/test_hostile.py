"""Hostile and broken inputs, one test per case found when termcheck was tried on folders nobody
inspected: nothing hangs, nothing crashes, nothing is lost, nothing is trusted blindly. Every case ends
in a located one-line error (exit 2) or a note, and the rest of the run goes on."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

import pytest

from conftest import Run, run_process

PT = "A CSTO defende a cooperação.\n"
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file system cases")


def write(path: Path, text: str = PT) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- the file system -----------------------------------------------------------------------------------


def test_fifo_named_directly_or_inside_a_directory_is_never_opened(tmp_path: Path) -> None:
    write(tmp_path / "docs" / "good.txt")
    os.mkfifo(tmp_path / "docs" / "pipe.txt")
    os.mkfifo(tmp_path / "named.txt")
    res = run_process("lint", "docs", "named.txt", "--lang", "pt", cwd=tmp_path)  # a hang would time out
    assert res.returncode == 1  # the good file's finding; the FIFOs are notes
    assert "note: docs/pipe.txt: skipped: a FIFO, not read" in res.stderr
    assert "note: named.txt: skipped: a FIFO, not read" in res.stderr
    assert "docs/good.txt:1:3: TC101" in res.stdout


def test_symlink_loop_inside_a_directory_is_a_located_error_and_the_run_goes_on(run: Run, tmp_path: Path) -> None:
    write(tmp_path / "docs" / "good.txt")
    os.symlink("loop.txt", tmp_path / "docs" / "loop.txt")
    os.symlink("gone.txt", tmp_path / "docs" / "broken.txt")
    os.symlink(".", tmp_path / "docs" / "self")  # a directory link that loops: not followed
    res = run("lint", "docs", "--lang", "pt", "--format", "json", cwd=tmp_path)
    assert res.code == 2
    assert [f["path"] for f in res.json["files"]] == ["docs/good.txt"] and len(res.json["findings"]) == 1
    errors = sorted((e["path"], e["message"]) for e in res.json["errors"])
    assert errors == [
        ("docs/broken.txt", "broken symbolic link (to 'gone.txt')"),
        ("docs/loop.txt", "symbolic link loop"),
    ]


def test_symlink_to_dev_zero_is_not_read(run: Run, tmp_path: Path) -> None:
    os.symlink("/dev/zero", tmp_path / "zero.txt")
    write(tmp_path / "good.txt")
    res = run("lint", "zero.txt", "good.txt", "--lang", "pt", cwd=tmp_path)
    assert res.code == 1 and "note: zero.txt: skipped: a character device, not read" in res.err


def test_a_file_over_max_file_size_is_a_located_error(run: Run, tmp_path: Path) -> None:
    write(tmp_path / ".termcheck.toml", 'max-file-size = "1 KB"\nlanguage = {"**" = "pt"}\n')
    write(tmp_path / "big.txt", PT * 100)
    write(tmp_path / "small.txt")
    res = run("lint", "big.txt", "small.txt", cwd=tmp_path)
    assert res.code == 2
    assert (
        "error: big.txt: not checked: 3 KB is more than max-file-size (1 KB); raise max-file-size to check it"
        in res.err
    )
    assert "small.txt:1:3: TC101" in res.out
    write(tmp_path / ".termcheck.toml", 'max-file-size = "lots"\n')
    bad = run("lint", "small.txt", cwd=tmp_path)
    assert bad.code == 2 and "key 'max-file-size': expected a size such as" in bad.err


def test_deep_directories_are_walked(run: Run, tmp_path: Path) -> None:
    """Once cubic in depth (600 levels: 93 s); bench/bench_walk.py measures it, this checks the result."""
    deep = tmp_path / "d"
    for _ in range(150):
        deep = deep / "x"
    write(deep / "a.txt")
    (tmp_path / ".gitignore").write_text("ignored/\n", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    write(deep / "ignored" / "b.txt")
    res = run("lint", "d", "--lang", "pt", "--format", "json", cwd=tmp_path)
    assert [f["path"].count("/x") for f in res.json["files"]] == [150]


def test_a_path_beyond_path_max_is_an_error_not_silence(tmp_path: Path, warm_cache_dir: Path) -> None:
    write(tmp_path / "top" / "good.txt")
    here = os.getcwd()
    try:
        os.chdir(tmp_path / "top")
        for _ in range(30):  # 30 × 250 characters: past PATH_MAX (4096)
            name = "d" * 250
            os.mkdir(name)
            os.chdir(name)
        Path("deep.txt").write_text(PT, encoding="utf-8")
    finally:
        os.chdir(here)
    res = run_process("lint", "top", "--lang", "pt", "--config", os.devnull, cwd=tmp_path,
                      env={"TERMCHECK_CACHE_DIR": str(warm_cache_dir)})  # fmt: skip
    assert res.returncode == 2, res.stderr
    assert "cannot read directory: path too long for the file system (ENAMETOOLONG)" in res.stderr
    assert "top/good.txt:1:3: TC101" in res.stdout


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le"])
def test_utf16_and_utf32_without_a_bom_are_read(run: Run, tmp_path: Path, codec: str) -> None:
    (tmp_path / "u.txt").write_bytes(PT.encode(codec))
    res = run("lint", "u.txt", "--lang", "pt", "--format", "json", cwd=tmp_path)
    assert res.code == 1 and [(f["line"], f["column"], f["text"]) for f in res.json["findings"]] == [(1, 3, "CSTO")]
    run("lint", "u.txt", "--lang", "pt", "--fix", cwd=tmp_path)
    assert (tmp_path / "u.txt").read_bytes() == PT.replace("CSTO", "OTSC").encode(codec)  # no BOM added


def test_binary_data_that_is_not_utf16_is_still_skipped_with_a_note(run: Run, tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02binary" + bytes(range(256)))
    res = run("lint", "b.txt", cwd=tmp_path)
    assert res.code == 0 and "note: b.txt: skipped: binary file" in res.err


# --- the cache ------------------------------------------------------------------------------------------
# Their subject is the cache, not the term base's size: a test that compiles the term base again and again
# in this process uses the shipped term base's core (conftest.core_builtin); one that runs termcheck in
# another process starts from its own copy of a compiled cache (conftest.warm_cache_dir).


class _Planted:
    """A pickle that, when loaded, leaves a file behind: proof that code from the cache ran."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (Path(self.marker).write_text, ("code from the cache ran",))


def _plant(folder: Path, marker: Path) -> Path:
    import hashlib
    import pickle

    from termcheck.cachefiles import MAGIC
    from termcheck.glossary.cache import key

    content = pickle.dumps(_Planted(str(marker)))
    file = folder / f"index-{key(['builtin'])}.bin"
    file.write_bytes(MAGIC + hashlib.sha256(content).digest() + content)
    return file


@pytest.mark.usefixtures("core_builtin")
@pytest.mark.parametrize("where", ["own private file", "shared directory", "writable file", "someone else's file"])
def test_a_pickle_planted_in_the_cache_is_never_loaded(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    monkeypatch.setenv("TERMCHECK_CACHE_DIR", str(cache))
    marker = tmp_path / "pwned"
    planted = _plant(cache, marker)
    if where == "shared directory":
        if os.getuid() != 0:
            pytest.skip("only root can give a folder to another user")
        cache.chmod(0o777)
        os.chown(cache, 65534, 65534)
    elif where == "writable file":
        planted.chmod(0o666)
    elif where == "someone else's file":
        if os.getuid() != 0:
            pytest.skip("only root can give a file to another user")
        os.chown(planted, 65534, 65534)
    write(tmp_path / "a.txt")
    res = run("lint", "a.txt", "--lang", "pt", cwd=tmp_path)
    assert res.code == 1 and not marker.exists()
    if where == "own private file":  # the compiled term base is data: a pickle is never loaded, not even ours
        assert planted.read_bytes().startswith(b"TCINDEX1")


@pytest.mark.usefixtures("core_builtin")
def test_bit_flips_in_the_cache_are_detected_and_the_cache_rebuilt(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import random

    monkeypatch.setenv("TERMCHECK_CACHE_DIR", str(tmp_path / "cache"))
    write(tmp_path / "a.txt")
    first = run("lint", "a.txt", "--lang", "pt", "--format", "json", cwd=tmp_path)
    (file,) = (tmp_path / "cache").glob("index-*.bin")
    good = file.read_bytes()
    rng = random.Random(7)
    for position in [0, 9, 20, 40, 41, *rng.sample(range(41, len(good)), 7)]:
        damaged = bytearray(good)
        damaged[position] ^= 1 << rng.randrange(8)
        file.write_bytes(bytes(damaged))
        again = run("lint", "a.txt", "--lang", "pt", "--format", "json", cwd=tmp_path)
        assert (again.code, again.json["findings"]) == (first.code, first.json["findings"]), position
        assert file.read_bytes() == good  # rebuilt and replaced


@pytest.mark.usefixtures("core_builtin")
def test_temporary_files_of_a_killed_run_are_removed_by_the_next(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import subprocess

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()  # a pid that no process has now
    cache = tmp_path / "cache"
    monkeypatch.setenv("TERMCHECK_CACHE_DIR", str(cache))
    cache.mkdir(mode=0o700)
    stale = [
        cache / f".index-x.bin.pid{dead.pid}.abc.termcheck-tmp",
        tmp_path / f".a.txt.pid{dead.pid}.q.termcheck-tmp",
    ]
    for path in stale:
        path.write_bytes(b"half a file")
    mine = tmp_path / f".a.txt.pid{os.getpid()}.q.termcheck-tmp"  # a live run's: left alone
    mine.write_bytes(b"in progress")
    write(tmp_path / "a.txt")
    run("lint", "a.txt", "--lang", "pt", "--fix", "--no-cache", cwd=tmp_path)
    run("lint", "a.txt", "--lang", "pt", cwd=tmp_path)
    assert [p.exists() for p in stale] == [False, False] and mine.exists()


# --- fixes ------------------------------------------------------------------------------------------------


def test_fix_writes_through_a_symlink_to_its_target(run: Run, tmp_path: Path) -> None:
    target = write(tmp_path / "real" / "a.txt")
    os.symlink("real/a.txt", tmp_path / "link.txt")
    run("lint", "link.txt", "--lang", "pt", "--fix", cwd=tmp_path)
    assert os.path.islink(tmp_path / "link.txt") and target.read_text(encoding="utf-8") == PT.replace("CSTO", "OTSC")


def test_fix_keeps_hard_links_owner_group_and_mode(run: Run, tmp_path: Path) -> None:
    first = write(tmp_path / "a.txt")
    os.link(first, tmp_path / "b.txt")
    first.chmod(0o640)
    if os.getuid() == 0:
        os.chown(first, 1234, 2345)
    before = os.stat(first)
    run("lint", "a.txt", "--lang", "pt", "--fix", cwd=tmp_path)
    after = os.stat(first)
    assert (tmp_path / "b.txt").read_text(encoding="utf-8") == PT.replace("CSTO", "OTSC")  # still one file
    assert (after.st_ino, after.st_nlink, after.st_mode, after.st_uid, after.st_gid) == (
        before.st_ino, 2, before.st_mode, before.st_uid, before.st_gid,
    )  # fmt: skip
    single = write(tmp_path / "c.txt")
    single.chmod(0o604)
    if os.getuid() == 0:
        os.chown(single, 1234, 2345)
    run("lint", "c.txt", "--lang", "pt", "--fix", cwd=tmp_path)
    info = os.stat(single)
    assert (oct(info.st_mode & 0o777), info.st_uid == (1234 if os.getuid() == 0 else os.getuid())) == ("0o604", True)


def test_a_fix_that_changes_nothing_is_not_offered() -> None:
    from termcheck.sources.document import Document

    doc = Document("<t>", "A CSTO.", "pt")
    assert doc.fix(2, 6, "CSTO", True) is None and doc.fix(2, 6, "OTSC", True) is not None


# --- importers and loaders ---------------------------------------------------------------------------------


def _rezip(source: Path, target: Path, sheet: str, edit: Callable[[bytes], bytes]) -> None:
    import zipfile

    with zipfile.ZipFile(source) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as out:
        for name, data in parts.items():
            out.writestr(name, edit(data) if name == sheet else data)


@pytest.mark.usefixtures("core_builtin")
@pytest.mark.parametrize("damage", ["bad CRC in a sheet", "undefined entity in a sheet"])
def test_a_broken_sheet_is_a_located_error_not_a_crash(run: Run, tmp_path: Path, damage: str) -> None:
    run("glossary", "export", "--format", "xlsx", "-o", "g.xlsx", cwd=tmp_path)
    import zipfile

    with zipfile.ZipFile(tmp_path / "g.xlsx") as z:
        sheet = sorted(n for n in z.namelist() if n.startswith("xl/worksheets/sheet"))[1]  # Terms, after Glossary
    if damage == "bad CRC in a sheet":
        _rezip(tmp_path / "g.xlsx", tmp_path / "b.xlsx", sheet, lambda d: d)
        raw = bytearray((tmp_path / "b.xlsx").read_bytes())
        at = raw.find(b"<sheetData>", raw.find(sheet.encode()))
        raw[at + 300] ^= 1
        (tmp_path / "b.xlsx").write_bytes(bytes(raw))
    else:
        _rezip(tmp_path / "g.xlsx", tmp_path / "b.xlsx", sheet,
               lambda d: d.replace(b"</sheetData>", b'<row r="9999"><c r="A9999" t="inlineStr"><is><t>&undefined;</t></is></c></row></sheetData>'))  # fmt: skip
    res = run("glossary", "import", "b.xlsx", "-o", "out", cwd=tmp_path)
    assert res.code == 2 and res.err.count("\n") == 1 and res.err.startswith("error: b.xlsx: cannot read the workbook")
    assert not (tmp_path / "out").exists()


def test_a_yaml_sequence_used_as_a_key_is_a_located_problem(run: Run, tmp_path: Path) -> None:
    write(
        tmp_path / "g" / "t.yaml",
        "version: 1\nconcepts:\n- id: x\n  terms:\n    en:\n    - {term: X}\n    ? [a, b]\n    : 1\n",
    )
    check = run("glossary", "check", "g", cwd=tmp_path)
    assert check.code == 1 and "g/t.yaml:7:7: a key must be a plain value, not a list or a mapping" in check.out
    lint = run("lint", "--glossary", "g", "a.txt", cwd=tmp_path)
    assert lint.code == 2 and "internal error" not in lint.err


def test_the_importer_quotes_terms_yaml_would_read_as_something_else(run: Run, tmp_path: Path) -> None:
    import csv

    from conftest import CORE_IDS, shipped_subset

    shipped_subset(tmp_path / "glossary", (*CORE_IDS, "nato"))  # the concept imported into, in its real file
    odd = ["no", "on", "off", "NO", "?question", "yes", "~", "null", "1e3", "0o17", "- dash", "key: value", "#hash",
           "[x]", "{x}", "a, b", "True"]  # fmt: skip
    with open(tmp_path / "new.csv", "w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["concept", "language", "term", "status"])
        out.writerow(["nato", "it", "Alleanza atlantica", "preferred"])
        out.writerows(["nato", "it", term, "admitted"] for term in odd)
    res = run("glossary", "import", "new.csv", "-o", "glossary", cwd=tmp_path)
    assert res.code == 0, res.err
    from termcheck.glossary.load import load

    glossary, problems = load([str(tmp_path / "glossary")])
    assert [p for p in problems if not p.warning] == []
    nato = next(c for c in glossary.concepts if c.id == "nato")
    assert [t.text for t in nato.terms["it"]][1:] == odd


def test_an_xml_bomb_is_refused_in_one_line(run: Run, tmp_path: Path) -> None:
    write(tmp_path / "bomb.tbx", '<?xml version="1.0"?>\n<!DOCTYPE t [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>\n'
                                 "<tbx><text><body><termEntry><langSet xml:lang=\"en\"><tig><term>&b;</term></tig></langSet>"
                                 "</termEntry></body></text></tbx>\n")  # fmt: skip
    res = run("glossary", "import", "bomb.tbx", "-o", "out", cwd=tmp_path)
    assert (
        res.code == 2
        and res.err == "error: bomb.tbx: refused: the file declares XML entities ('a'); TBX files need none\n"
    )


# --- terms with punctuation and symbols ---------------------------------------------------------------------

SYMBOLS = """version: 1
concepts:
- id: cpp
  terms:
    de:
    - {term: C++, case: exact}
- id: x
  terms:
    de:
    - {term: (x), case: exact}
    - {term: "(y)", status: deprecated, case: exact}
- id: breaking
  terms:
    de:
    - {term: Eilmeldung}
    - {term: "+++", status: deprecated}
- id: rocket
  terms:
    de:
    - {term: Rakete}
    - {term: "🚀", status: deprecated}
- id: dotnet
  terms:
    de:
    - {term: .NET, case: exact}
    - {term: dotnet, status: deprecated, case: exact}
"""


def test_terms_with_punctuation_and_symbols_match_as_written(run: Run, tmp_path: Path) -> None:
    write(tmp_path / "g.yaml", SYMBOLS)
    text = "Vitamin C ist gut, C++ auch. Ein x, ein (x), ein y und (y). +++ Neu +++ 🚀 .NET, NET und dotnet.\n"
    write(tmp_path / "a.txt", text)
    res = run("lint", "a.txt", "--lang", "de", "-g", "g.yaml", "--format", "json", cwd=tmp_path)
    found = [(f["text"], f["concept"]) for f in res.json["findings"]]
    assert found == [("(y)", "x"), ("+++", "breaking"), ("+++", "breaking"), ("🚀", "rocket"), ("dotnet", "dotnet")]
    for f in res.json["findings"]:
        assert text[f["column"] - 1 :].startswith(f["text"])
    run("lint", "a.txt", "--lang", "de", "-g", "g.yaml", "--fix", cwd=tmp_path)
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == (
        "Vitamin C ist gut, C++ auch. Ein x, ein (x), ein y und (x). Eilmeldung Neu Eilmeldung Rakete .NET, NET und .NET.\n"
    )


def test_glossary_check_warns_about_a_term_that_can_never_match(run: Run, tmp_path: Path) -> None:
    write(tmp_path / "g.yaml", 'version: 1\nconcepts:\n- id: a\n  terms:\n    en:\n    - {term: "two\\nlines"}\n'
                               '    - {term: "+++", status: admitted}\n')  # fmt: skip
    res = run("glossary", "check", "g.yaml", cwd=tmp_path)
    assert res.code == 1 and res.out == "g.yaml:6:14: 'two\\nlines' (a, en) can never match: it contains a line break\n"


# --- PO files: what msgfmt accepts and rejects ---------------------------------------------------------------

PO_HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: pt\\n"\n\n'
PO_CASES = {
    "u2028 inside a msgstr": ('msgid "a"\nmsgstr "A CSTO\u2028e a CSTO"\n', 2),
    "a msgstr split over two strings on one line": ('msgid "a"\nmsgstr "A CSTO" " e a CSTO"\n', 2),
    "an indented msgstr": ('  msgid "a"\n  msgstr "A CSTO"\n', 1),
    "a continued msgid": ('msgid "a"\n"b"\nmsgstr "A CSTO"\n', 1),
    "an unterminated string": ('msgid "a"\nmsgstr "A CSTO\n', "end-of-line within string"),
    "an unknown escape": ('msgid "a"\nmsgstr "A \\\\q CSTO"\n', "invalid control sequence"),
    "junk after a string": ('msgid "a"\nmsgstr "A CSTO" junk\n', "syntax error"),
    "a msgstr without its msgid": ('msgstr "A CSTO"\n', "'msgstr' without its 'msgid'"),
    "a msgid without its msgstr": ('msgid "a"\n\nmsgid "b"\nmsgstr "B"\n', "missing 'msgstr' section"),
}


@pytest.mark.parametrize("case", list(PO_CASES))
def test_po_files_are_accepted_and_rejected_as_msgfmt_does(run: Run, tmp_path: Path, case: str) -> None:
    import shutil
    import subprocess

    body, expected = PO_CASES[case]
    (tmp_path / "c.po").write_bytes((PO_HEADER + body.replace("\\\\", "\\")).encode("utf-8"))
    res = run("lint", "c.po", "--format", "json", cwd=tmp_path)
    if isinstance(expected, int):
        assert (res.code, len(res.json["findings"]), res.json["errors"]) == (1, expected, [])
    else:
        assert res.code == 2 and res.json["errors"][0]["message"].startswith(f"invalid PO file: {expected}")
        assert res.json["errors"][0]["line"] >= 6
    if shutil.which("msgfmt"):
        accepted = (
            subprocess.run(["msgfmt", "-c", "-o", os.devnull, "c.po"], cwd=tmp_path, capture_output=True).returncode
            == 0
        )
        assert accepted == isinstance(expected, int), "termcheck and msgfmt disagree"


# --- determinism ----------------------------------------------------------------------------------------------


def test_output_is_the_same_whatever_the_hash_seed(tmp_path: Path) -> None:
    """'Eurasia' or 'Eurasien' for "Eurasian" once depended on PYTHONHASHSEED; so could any tie ("Eurasian"
    is now a word of the term base's terms; "Eurasin" is one edit from both)."""
    import subprocess

    from conftest import ROOT

    write(tmp_path / "eu.txt", "A cooperação Eurasin e a segurança coletiva da CSTO e da OCX.\n")
    args = ("lint", str(tmp_path / "eu.txt"), str(ROOT / "seeds"), str(ROOT / "examples"), "--format", "json",
            "--no-cache", "--extend-select", "ALL")  # fmt: skip
    # The three runs at once (each compiles the whole term base: the ties are among its terms).
    runs = [subprocess.Popen([sys.executable, "-m", "termcheck", *args], cwd=ROOT, text=True, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONHASHSEED": seed})
            for seed in ("1", "2", "3")]  # fmt: skip
    outputs = {proc.communicate(timeout=300)[0] for proc in runs}
    assert len(outputs) == 1 and '"near": "Eurasi' in next(iter(outputs))


def test_damaged_model_and_word_list_files_in_the_cache_are_made_again(tmp_path: Path, warm_cache_dir: Path) -> None:
    """The memory-mapped data files of the cache carry no checksum: a damaged one must be noticed by
    its layout, ignored, and replaced, and the run's results must not change. Each damage in a copy of
    the cache, the three runs at once (each makes both files again: seconds)."""
    import shutil
    import subprocess

    write(tmp_path / "a.txt")
    args = [sys.executable, "-m", "termcheck", "lint", "a.txt", "--select", "term-typo", "--format", "json"]
    first = subprocess.run(args, cwd=tmp_path, env={**os.environ, "TERMCHECK_CACHE_DIR": str(warm_cache_dir)},
                           capture_output=True, text=True, check=False)  # fmt: skip
    (model,) = warm_cache_dir.glob("langid-*.bin")
    words = sorted(warm_cache_dir.glob("words-*.txt"))
    assert words, "term-typo reads the word list of the text's language"
    good_model, good_words = model.read_bytes(), words[0].read_bytes()
    runs = []
    damages: tuple[Callable[[bytes], bytes], ...] = (
        lambda b: b[: len(b) // 2],
        lambda b: b"\xff" * 64 + b[64:],
        lambda b: b[:-1],
    )
    for n, damage in enumerate(damages):
        cache = shutil.copytree(warm_cache_dir, tmp_path / f"damaged-{n}")
        (cache / model.name).write_bytes(damage(good_model))
        (cache / words[0].name).write_bytes(damage(good_words))
        env = {**os.environ, "TERMCHECK_CACHE_DIR": str(cache)}
        runs.append((cache, subprocess.Popen(args, cwd=tmp_path, env=env, stdout=subprocess.PIPE,
                                             stderr=subprocess.PIPE, text=True)))  # fmt: skip
    for cache, proc in runs:
        out, err = proc.communicate(timeout=300)
        assert (proc.returncode, out) == (first.returncode, first.stdout), err
        assert (cache / model.name).read_bytes() == good_model and (cache / words[0].name).read_bytes() == good_words


def test_a_state_table_pointing_past_its_end_is_made_again(tmp_path: Path, warm_cache_dir: Path) -> None:
    """The model's state table is not scanned at start (38 ms a run): an index in it that points past
    the end is met by the walk, and the table is then made again; the results do not change."""
    import json
    import subprocess

    cache = warm_cache_dir
    env = {**os.environ, "TERMCHECK_CACHE_DIR": str(cache)}
    write(tmp_path / "a.txt")
    args = [sys.executable, "-m", "termcheck", "lint", "a.txt", "--format", "json"]
    first = subprocess.run(args, cwd=tmp_path, env=env, capture_output=True, text=True, check=False)
    (model,) = cache.glob("langid-*.bin")
    good = model.read_bytes()
    size = int.from_bytes(good[8:16], "little")
    header = {name: (at, shape) for name, _dtype, shape, at in json.loads(good[16 : 16 + size])}
    at, (length,) = header["nextmove"]
    start = -(-(16 + size) // 64) * 64 + at
    model.write_bytes(good[:start] + b"\xff" * 4 * length + good[start + 4 * length :])  # every state: past the end
    again = subprocess.run(args, cwd=tmp_path, env=env, capture_output=True, text=True, check=False)
    assert (again.returncode, again.stdout) == (first.returncode, first.stdout), again.stderr
    assert json.loads(first.stdout)["files"][0]["language_source"] == "detected"
    assert model.read_bytes() == good


def test_the_cache_keeps_the_most_recently_used_term_bases(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from termcheck.glossary.cache import KEEP, load_index

    monkeypatch.setenv("TERMCHECK_CACHE_DIR", str(tmp_path / "cache"))
    for n in range(KEEP + 3):
        path = tmp_path / f"g{n}.yaml"
        path.write_text(f"version: 1\nconcepts:\n- id: c{n}\n  terms: {{en: [Term{n}]}}\n", encoding="utf-8")
        assert not isinstance(load_index([str(path)]), list)
    assert len(list((tmp_path / "cache").glob("index-*.bin"))) == KEEP


def test_a_file_written_by_a_function_appears_whole_or_not_at_all(tmp_path: Path) -> None:
    """The compiled term base is written into its cache file as it is made (`atomic_write` given a
    function): a failure half-way leaves neither the file nor a temporary one, and an old file stays."""
    from termcheck.fileio import atomic_write

    def half(handle: BinaryIO) -> None:
        handle.write(b"half a file")
        raise OSError("disk full")

    target = tmp_path / "index.bin"
    with pytest.raises(OSError):
        atomic_write(target, half)
    assert list(tmp_path.iterdir()) == []

    def whole(handle: BinaryIO) -> None:
        handle.write(b"whole")

    atomic_write(target, whole)
    with pytest.raises(OSError):
        atomic_write(target, half)
    assert target.read_bytes() == b"whole" and [p.name for p in tmp_path.iterdir()] == ["index.bin"]


# --- round two (issue 21): concurrent edits, paths that are not files, the cache, full disks -------------


@pytest.mark.parametrize("edit", ["a longer text", "same size and time"])
def test_a_file_changed_during_the_run_is_not_fixed(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edit: str
) -> None:
    """An editor saves the file while `--fix` checks it: the save wins, the run says so (exit 2). Even
    when the new content has the old size and the old modification time, the hash tells them apart."""
    import termcheck.runner as runner

    target = write(tmp_path / "a.txt", "A CSTO defende a cooperação.\n")
    theirs = "A OTSC defende a integração.\n" if edit == "same size and time" else "Texto novo, escrito agora.\n"
    fix_text = vars(runner)["fix_and_analyse"]

    def saved_meanwhile(*args: Any, **kwargs: Any) -> Any:
        info = target.stat()
        target.write_text(theirs, encoding="utf-8")
        if edit == "same size and time":
            assert target.stat().st_size == info.st_size
            os.utime(target, ns=(info.st_atime_ns, info.st_mtime_ns))
        return fix_text(*args, **kwargs)

    monkeypatch.setattr(runner, "fix_and_analyse", saved_meanwhile)
    res = run("lint", "a.txt", "--lang", "pt", "--fix", cwd=tmp_path)
    assert res.code == 2
    assert "error: a.txt: changed during the run; not fixed" in res.err
    assert "Fixed 0 findings" in res.err or "Fixed" not in res.err
    assert target.read_text(encoding="utf-8") == theirs
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]  # no temporary file left


def test_glossary_import_leaves_a_term_base_file_edited_meanwhile_as_it_is(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import termcheck.exchange.yamlwrite as yamlwrite

    folder = tmp_path / "tb"
    write(folder / "orgs.yaml", "version: 1\nconcepts:\n  - id: csto\n    terms:\n      en:\n        - term: CSTO\n")
    write(tmp_path / "new.csv", "concept,language,term,status\ncsto,pt,OTSC,preferred\nsco,en,SCO,preferred\n")
    apply = yamlwrite.apply
    theirs = (folder / "orgs.yaml").read_text(
        encoding="utf-8"
    ) + "  - id: cis\n    terms:\n      en:\n        - term: CIS\n"

    def edited_meanwhile(*args: Any, **kwargs: Any) -> Any:
        changes = apply(*args, **kwargs)
        (folder / "orgs.yaml").write_text(theirs, encoding="utf-8")
        return changes

    monkeypatch.setattr(yamlwrite, "apply", edited_meanwhile)
    res = run("glossary", "import", "new.csv", "-o", "tb", cwd=tmp_path)
    assert res.code == 2, res.err
    assert "orgs.yaml: changed during the run; nothing was written (import again)" in res.err
    assert (folder / "orgs.yaml").read_text(encoding="utf-8") == theirs
    assert sorted(p.name for p in folder.iterdir()) == ["orgs.yaml"]  # no other file written either


def test_a_read_only_file_is_reported_not_replaced(run: Run, tmp_path: Path) -> None:
    """Its mode says it is not to be written (root included): a fix leaves it and says so."""
    target = write(tmp_path / "a.txt")
    target.chmod(0o444)
    res = run("lint", "a.txt", "--lang", "pt", "--fix", cwd=tmp_path)
    assert res.code == 2
    assert "error: a.txt: not writable (read-only, or not yours to write); not fixed" in res.err
    assert "a.txt:1:3: TC101" in res.out  # the finding is still there: reported on the file as it is
    assert target.read_text(encoding="utf-8") == PT and stat_mode(target) == 0o444


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can make another user's file")
def test_another_users_file_in_a_world_writable_folder_keeps_its_owner(run: Run, tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    target = write(shared / "a.txt")
    os.chown(target, 65534, 65534)
    res = run("lint", "shared/a.txt", "--lang", "pt", "--fix", cwd=tmp_path)
    assert res.code == 0 and "OTSC" in target.read_text(encoding="utf-8")
    assert (target.stat().st_uid, target.stat().st_gid) == (65534, 65534)


def stat_mode(path: Path) -> int:
    import stat

    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("option", ["-g", "--config", "--baseline"])
@pytest.mark.parametrize("kind", ["FIFO", "/dev/zero"])
def test_a_path_that_is_not_a_regular_file_is_a_located_error(tmp_path: Path, option: str, kind: str) -> None:
    write(tmp_path / "a.txt")
    if kind == "FIFO":
        os.mkfifo(tmp_path / "pipe")
        path = "pipe"
        what = "a FIFO"
    else:
        path, what = kind, "a character device"
    res = run_process("lint", "a.txt", "--lang", "pt", option, path, cwd=tmp_path)  # a hang would time out
    assert res.returncode == 2, res.stderr
    assert f"{path}: " in res.stderr and f"not a regular file ({what}); not read" in res.stderr
    assert "internal error" not in res.stderr


def test_a_fifo_named_dot_termcheck_toml_is_a_located_error(tmp_path: Path) -> None:
    write(tmp_path / "a.txt")
    os.mkfifo(tmp_path / ".termcheck.toml")
    res = run_process("lint", "a.txt", "--lang", "pt", cwd=tmp_path)
    assert res.returncode == 2 and "not a regular file (a FIFO); not read" in res.stderr


def test_config_dev_null_means_no_configuration(run: Run, tmp_path: Path) -> None:
    write(tmp_path / "a.txt")
    write(tmp_path / ".termcheck.toml", 'ignore = ["TC101"]\n')
    assert run("lint", "a.txt", "--lang", "pt", cwd=tmp_path).code == 0
    res = run("lint", "a.txt", "--lang", "pt", "--config", os.devnull, cwd=tmp_path)
    assert res.code == 1 and "TC101" in res.out


def test_a_report_written_to_a_fifo_or_device_is_written_to_it_not_replaced(tmp_path: Path) -> None:
    import threading

    write(tmp_path / "a.txt")
    os.mkfifo(tmp_path / "report.json")
    nobody = run_process("lint", "a.txt", "--lang", "pt", "-o", "report.json", cwd=tmp_path)
    assert nobody.returncode == 2 and "report.json: cannot write the report: a FIFO that nobody reads" in nobody.stderr
    got: list[bytes] = []

    def reader() -> None:
        with open(tmp_path / "report.json", "rb") as pipe:
            got.append(pipe.read())

    thread = threading.Thread(target=reader)
    thread.start()
    import time

    time.sleep(0.2)  # the reader waits on the FIFO
    res = run_process("lint", "a.txt", "--lang", "pt", "-o", "report.json", "--format", "json", cwd=tmp_path)
    thread.join(30)
    assert res.returncode == 1 and b'"rule": "foreign-rendering"' in got[0]
    assert (tmp_path / "report.json").is_fifo()
    null = run_process("lint", "a.txt", "--lang", "pt", "-o", os.devnull, cwd=tmp_path)
    assert null.returncode == 1 and os.path.exists(os.devnull) and not Path(os.devnull).is_file()


def test_a_fifo_planted_in_the_cache_is_replaced_not_waited_on(tmp_path: Path, warm_cache_dir: Path) -> None:
    """Where the compiled term base, the word list and the language model go: a FIFO by that name would
    block an open for reading forever. It is never waited on, and the real file takes its place."""
    cache = warm_cache_dir
    env = {"TERMCHECK_CACHE_DIR": str(cache)}
    write(tmp_path / "a.txt", "A CSTO defende a cooperação entre os países membros da organização.\n")
    first = run_process("lint", "a.txt", cwd=tmp_path, env=env)  # no --lang: the language model is used
    names = sorted(p.name for p in cache.iterdir())
    assert {n.split("-")[0] for n in names} >= {"index", "words", "langid"}, names
    for name in names:
        (cache / name).unlink()
        os.mkfifo(cache / name)
    again = run_process("lint", "a.txt", cwd=tmp_path, env=env)
    assert (again.returncode, again.stdout) == (first.returncode, first.stdout)
    assert all((cache / name).is_file() for name in names)


@pytest.mark.usefixtures("core_builtin")
@pytest.mark.parametrize("damage", ["records that do not decode", "records that decode to something else"])
def test_damaged_records_behind_a_matching_checksum_never_end_in_an_internal_error(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    """Damage the bit-flip test cannot make: records rewritten and the checksum made to match. A record
    that does not decode is met where it is read: the term base is compiled again in memory, the run
    goes on with the same findings and the file is replaced. One that decodes to a value of the wrong
    kind (an entry that is a number) fails further on: one located line (exit 2), the file removed, and
    the next run compiles it again."""
    import json
    import marshal
    import zlib
    from array import array

    from termcheck.glossary.store import MAGIC

    cache = tmp_path / "cache"
    monkeypatch.setenv("TERMCHECK_CACHE_DIR", str(cache))
    write(tmp_path / "a.txt")
    first = run("lint", "a.txt", "--lang", "pt", cwd=tmp_path)
    (file,) = cache.glob("index-*.bin")
    good = file.read_bytes()
    data = bytearray(good)
    head_size = int.from_bytes(data[-8:], "little")
    header = json.loads(bytes(data[len(data) - 8 - head_size : -8]))
    start = len(MAGIC) + 8
    at, length, _ = header["arrays"]["entries.rec"]
    if damage == "records that do not decode":
        data[start + at : start + at + length] = b"\xff" * length
    else:  # each entry's record starts with a whole marshalled number (marshal reads no further)
        off_at, off_length, _ = header["arrays"]["entries.off"]
        offsets = array("Q", bytes(data[start + off_at : start + off_at + off_length]))
        number = marshal.dumps(0)
        for record in offsets[:-1]:
            data[start + at + record : start + at + record + len(number)] = number
    data[len(MAGIC) : start] = zlib.crc32(bytes(data[start:])).to_bytes(8, "little")
    file.write_bytes(bytes(data))
    res = run("lint", "a.txt", "--lang", "pt", cwd=tmp_path)
    assert "internal error" not in res.err
    if damage == "records that do not decode":
        assert (res.code, res.out) == (first.code, first.out) and file.read_bytes() == good
        return
    assert res.code == 2 and f"error: {file}: the compiled term base in the cache is damaged" in res.err
    assert not file.exists()
    again = run("lint", "a.txt", "--lang", "pt", cwd=tmp_path)
    assert (again.code, again.out) == (first.code, first.out) and file.read_bytes() == good


def test_a_utf16_bom_in_front_of_utf8_text_is_a_located_error(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"\xff\xfe" + PT.encode("utf-8"))
    (tmp_path / "b.txt").write_bytes("\ufeff中文。A CSTO 。\n".encode("utf-16-le"))  # real UTF-16: read
    res = run("lint", "a.txt", "b.txt", "--lang", "pt", cwd=tmp_path)
    assert res.code == 2
    assert "error: a.txt: a UTF-16 byte order mark (FF FE) in front of UTF-8 text: not read" in res.err
    assert "b.txt:1:6: TC101" in res.out


# A full disk, made with RLIMIT_FSIZE (no file may grow past a few KB: a write fails as on a full file
# system, with EFBIG instead of ENOSPC) so that it needs no mount; tried by hand on a full tmpfs too.
def _limited(limit: int) -> Callable[[], None]:
    import resource

    return lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def _run_limited(*args: str, cwd: Path, limit: int = 4096) -> subprocess.CompletedProcess[str]:
    import subprocess

    # -B: no bytecode is written (a .pyc cut short by the limit would be put in place: CPython writes it
    # with one raw write whose short count it does not check).
    return subprocess.run([sys.executable, "-B", "-m", "termcheck", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300, preexec_fn=_limited(limit))  # fmt: skip


@pytest.mark.parametrize(
    "case",
    [
        "--fix",
        "-o report",
        "-o workbook",
        "--write-baseline",
        "glossary export xlsx",
        "glossary export tbx",
        "glossary import",
    ],
)
def test_a_full_disk_is_a_located_error_and_the_old_file_stays(tmp_path: Path, core_glossary: Path, case: str) -> None:
    old = "the old file\n" * 2
    write(tmp_path / "big.txt", PT * 400)  # 12 KB: its fix cannot be written
    write(tmp_path / "old", old)
    core = ["-g", str(core_glossary)]  # the term base's core: its workbook and TBX file are still far past 4 KB
    args, target = {
        "--fix": (["lint", "big.txt", "--lang", "pt", "--fix"], "big.txt"),
        "-o report": (["lint", "big.txt", "--lang", "pt", "--format", "json", "-o", "old"], "old"),
        "-o workbook": (["lint", "big.txt", "--lang", "pt", "--format", "xlsx", "-o", "old"], "old"),
        "--write-baseline": (["lint", "big.txt", "--lang", "pt", "--write-baseline", "old"], "old"),
        "glossary export xlsx": (["glossary", "export", *core, "--format", "xlsx", "-o", "old"], "old"),
        "glossary export tbx": (["glossary", "export", *core, "--format", "tbx", "-o", "old"], "old"),
        "glossary import": (["glossary", "import", "new.csv", "-o", "tb"], "tb/orgs.yaml"),
    }[case]
    if case == "glossary import":
        write(
            tmp_path / "tb" / "orgs.yaml",
            "version: 1\nconcepts:\n  - id: csto\n    terms:\n      en:\n        - term: CSTO\n",
        )
        rows = "".join(f"c{n},en,Concept number {n},preferred\n" for n in range(300))
        write(tmp_path / "new.csv", "concept,language,term,status\n" + rows)
    before = (tmp_path / target).read_bytes()
    res = _run_limited(*args, cwd=tmp_path)
    assert res.returncode == 2, res.stderr
    assert "internal error" not in res.stderr and "cannot write" in res.stderr, res.stderr
    assert (tmp_path / target).read_bytes() == before
    assert [p.name for p in tmp_path.rglob("*termcheck-tmp")] == []  # no temporary file left
    assert not (tmp_path / "tb" / "imported.yaml").exists()


def test_a_control_character_in_the_term_base_is_escaped_in_tbx(run: Run, tmp_path: Path) -> None:
    """XML 1.0 cannot hold ESC or VT: the TBX export writes them as visible escapes and always parses."""
    import xml.etree.ElementTree as ET

    write(tmp_path / "g.yaml", 'version: 1\nconcepts:\n  - id: csto\n    note: "red \\e[31m and \\x0b"\n'
          "    terms:\n      en:\n        - term: CSTO\n")  # fmt: skip
    assert run("glossary", "export", "-g", "g.yaml", "--format", "tbx", "-o", "g.tbx", cwd=tmp_path).code == 0
    notes = [e.text for e in ET.parse(tmp_path / "g.tbx").iter() if e.text and e.text.startswith("red")]
    assert notes == ["red \\x1b[31m and \\x0b"]


@pytest.mark.parametrize("command", [("baseline", "import", "pipe.xlsx", "--baseline", "b.json"),
                                     ("glossary", "import", "pipe.xlsx", "-o", "tb")])  # fmt: skip
def test_a_fifo_given_as_a_workbook_to_import_is_a_located_error(tmp_path: Path, command: tuple[str, ...]) -> None:
    os.mkfifo(tmp_path / "pipe.xlsx")
    res = run_process(*command, cwd=tmp_path)  # a hang would time out
    assert res.returncode == 2 and "error: pipe.xlsx: not a regular file (a FIFO); not read" in res.stderr
