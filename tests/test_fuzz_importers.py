"""The importers and the term base loader fed mutated real files (the shipped term base exported as xlsx,
TBX, CSV and YAML, then damaged: bits flipped, bytes cut, inserted or repeated): whatever comes in, the
answer is a located error (exit 2) or a result (0 or 1), never an internal error (exit 3)."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, Run, shipped_subset

ROUNDS = 25


def mutate(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        kind = rng.choice(["flip", "cut", "insert", "repeat", "truncate"])
        at = rng.randrange(max(1, len(out)))
        if kind == "flip" and out:
            out[at] ^= 1 << rng.randrange(8)
        elif kind == "cut":
            del out[at : at + rng.randint(1, 64)]
        elif kind == "insert":
            out[at:at] = rng.choice([b"\x00", b"<", b"&x;", b'"', b"\n- ", b": [", b"\xff\xfe", b"]]>", b"{", b"?"])
        elif kind == "repeat":
            out[at:at] = out[at : at + rng.randint(1, 200)]
        else:
            del out[at:]
    return bytes(out)


@pytest.mark.parametrize("fmt", ["xlsx", "tbx", "csv"])
def test_damaged_exports_never_crash_the_importer(run: Run, tmp_path: Path, fmt: str) -> None:
    shipped_subset(tmp_path / "glossary")  # the core of the shipped term base: 25 imports each
    assert run("glossary", "export", "--format", fmt, "-o", f"g.{fmt}", "-g", "glossary", cwd=tmp_path).code == 0
    good = (tmp_path / f"g.{fmt}").read_bytes()
    rng = random.Random(fmt)
    for round_ in range(ROUNDS):
        (tmp_path / f"m.{fmt}").write_bytes(mutate(good, rng))
        res = run("glossary", "import", f"m.{fmt}", "-o", "glossary", "--diff", cwd=tmp_path)
        assert res.code in (0, 1, 2) and "internal error" not in res.err, (round_, res.err[-300:])
        if res.code == 2:
            assert all(line.startswith(("error: ", "warning: ")) for line in res.err.splitlines()), res.err


def test_damaged_term_base_files_never_crash_the_loader(run: Run, tmp_path: Path) -> None:
    sources = sorted((ROOT / "glossary").glob("*.yaml"))
    rng = random.Random("yaml")
    for round_ in range(ROUNDS * 2):
        source = rng.choice(sources)
        (tmp_path / "g").mkdir(exist_ok=True)
        (tmp_path / "g" / source.name).write_bytes(mutate(source.read_bytes(), rng))
        check = run("glossary", "check", "g", cwd=tmp_path)
        (tmp_path / "a.txt").write_text("The CSTO and the OVKS.\n", encoding="utf-8")
        lint = run("lint", "--glossary", "g", "--no-cache", "--lang", "en", "a.txt", cwd=tmp_path)
        for res in (check, lint):
            assert res.code in (0, 1, 2) and "internal error" not in res.err, (round_, source.name, res.err[-300:])
        shutil.rmtree(tmp_path / "g")


def test_damaged_weblate_csv_never_crashes_the_importer(run: Run, tmp_path: Path) -> None:
    """Weblate's CSV download (translate-toolkit's columns, then translation_flags), damaged."""
    good = (
        b'"location","source","target","id","fuzzy","context","translator_comments","developer_comments",'
        b'"translation_flags"\r\n"","Shelf","Regal","","False","","","a note","read-only"\r\n'
        b'"","file","Datei","","False","noun","","","terminology"\r\n"","file","Akte","","True","noun","","",'
        b'"forbidden,max-length:20"\r\n'
    )
    rng = random.Random("weblate-csv")
    for round_ in range(ROUNDS):
        (tmp_path / "de.csv").write_bytes(mutate(good, rng))
        res = run("glossary", "import", "de.csv", "-o", "g", "--diff", cwd=tmp_path)
        assert res.code in (0, 1, 2) and "internal error" not in res.err, (round_, res.err[-300:])


def test_damaged_catalogues_in_other_charsets_never_crash_lint_or_fix(run: Run, tmp_path: Path) -> None:
    """popt's KOI8-R and ISO-8859-1 catalogues (tests/data/po-charsets), damaged, checked and fixed."""
    sources = sorted((ROOT / "tests" / "data" / "po-charsets").glob("*.po"))
    (tmp_path / "g").mkdir()
    (tmp_path / "g" / "terms.yaml").write_text(
        "version: 1\nconcepts:\n- id: errno\n  terms:\n    en: [error number]\n"
        "    ru: [№ ошибки, {term: номер ошибки, status: deprecated}]\n",
        encoding="utf-8",
    )
    rng = random.Random("po-charsets")
    for round_ in range(ROUNDS):
        source = rng.choice(sources)
        (tmp_path / "m.po").write_bytes(mutate(source.read_bytes(), rng))
        for fix in ([], ["--fix", "--unsafe-fixes"]):
            res = run("lint", "m.po", "--lang", "ru", "-g", "g", "--no-cache", *fix, cwd=tmp_path)
            assert res.code in (0, 1, 2) and "internal error" not in res.err, (round_, source.name, res.err[-300:])
