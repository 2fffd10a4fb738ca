"""Hostile and large inputs to `glossary import` (issue 21): each a located error (exit 2) or a
normal import, never an internal error or a hang. Timings live in bench/bench_import.py."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import Run, run_process

TBX_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" '
            'style="dca" xml:lang="en"><text><body>\n')  # fmt: skip
TBX_TAIL = "</body></text></tbx>\n"
ENTRY = ('<conceptEntry id="c{i}"><langSec xml:lang="en"><termSec><term>word{i}</term></termSec></langSec>'
         '<langSec xml:lang="de"><termSec><term>Wort{i}</term></termSec></langSec></conceptEntry>\n')  # fmt: skip
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def tbx(*entries: str, head: str = TBX_HEAD) -> str:
    return head + "".join(entries) + TBX_TAIL


# --- deep nesting ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["under a concept", "under a term", "outside the body"])
def test_deeply_nested_tbx_is_a_located_error(run: Run, tmp_path: Path, where: str) -> None:
    deep = "<note>" * 100_000 + "x" + "</note>" * 100_000
    entry = ENTRY.format(i=1)
    if where == "under a concept":
        entry = entry.replace("</conceptEntry>", deep + "</conceptEntry>")
    elif where == "under a term":
        entry = entry.replace("</termSec>", deep + "</termSec>", 1)
    else:
        entry = deep + entry
    write(tmp_path / "deep.tbx", tbx(entry))
    res = run("glossary", "import", "deep.tbx", "-o", "tb", cwd=tmp_path)
    assert res.code == 2, res.err
    assert "error: deep.tbx:3: refused: elements nested more than 64 deep" in res.err
    assert not (tmp_path / "tb").exists()


def test_tbx_nested_as_deep_as_allowed_is_read(run: Run, tmp_path: Path) -> None:
    nested = "<hi>" * 50 + "deep" + "</hi>" * 50
    write(tmp_path / "a.tbx", tbx(ENTRY.format(i=1).replace("<term>word1</term>", f"<term>word1 {nested}</term>")))
    res = run("glossary", "import", "a.tbx", "-o", "tb", cwd=tmp_path)
    assert res.code == 0, res.err
    assert "word1 deep" in (tmp_path / "tb" / "imported.yaml").read_text(encoding="utf-8")


# --- a long CSV field -----------------------------------------------------------------------------------


def test_csv_field_longer_than_the_csv_module_limit_is_read(run: Run, tmp_path: Path) -> None:
    """The csv module stops at 128 KB a field; the import reads fields as long as the file may be."""
    note = "n" * 300_000
    write(tmp_path / "a.csv", f'concept,language,term,status,note\nc1,en,word,preferred,"{note}"\n')
    res = run("glossary", "import", "a.csv", "-o", "tb", cwd=tmp_path)
    assert res.code == 0, res.err
    assert note in (tmp_path / "tb" / "imported.yaml").read_text(encoding="utf-8")


# --- FIFOs and devices: the file imported, the schema, what the schema includes ----------------------


@needs_fifo
@pytest.mark.parametrize("name", ["pipe.tbx", "pipe.csv"])
def test_fifo_given_as_the_file_to_import_is_a_located_error(tmp_path: Path, name: str) -> None:
    os.mkfifo(tmp_path / name)
    res = run_process("glossary", "import", name, "-o", "tb", cwd=tmp_path)
    assert res.returncode == 2, res.stderr
    assert f"error: {name}: not a regular file (a FIFO); not read" in res.stderr


@needs_fifo
@pytest.mark.parametrize("how", ["--schema", "xml-model", "include", "externalRef", "device"])
def test_schema_that_is_or_includes_a_fifo_or_a_device_is_a_located_error(tmp_path: Path, how: str) -> None:
    os.mkfifo(tmp_path / "pipe.rng")
    rng = '<grammar xmlns="http://relaxng.org/ns/structure/1.0">{}<start><element name="tbx"><text/></element></start></grammar>'
    write(tmp_path / "include.rng", rng.format('<include href="pipe.rng"/>'))
    write(tmp_path / "externalRef.rng", rng.format("").replace("<text/>", '<externalRef href="pipe.rng"/>'))
    head = TBX_HEAD.replace("?>", '?><?xml-model href="pipe.rng" type="application/xml"?>', 1)
    write(tmp_path / "a.tbx", tbx(ENTRY.format(i=1), head=head if how == "xml-model" else TBX_HEAD))
    schema = {"--schema": ["--schema", "pipe.rng"], "include": ["--schema", "include.rng"],
              "externalRef": ["--schema", "externalRef.rng"], "device": ["--schema", "/dev/zero"]}.get(how, [])  # fmt: skip
    res = run_process("glossary", "import", "a.tbx", *schema, "-o", "tb", cwd=tmp_path)
    assert res.returncode == 2, res.stderr
    assert "not a regular file (a " in res.stderr and "internal error" not in res.stderr
    assert not (tmp_path / "tb").exists()


def test_schema_with_an_include_still_validates(run: Run, tmp_path: Path) -> None:
    pytest.importorskip("lxml")
    ns = 'xmlns="http://relaxng.org/ns/structure/1.0"'
    write(
        tmp_path / "main.rng", f'<grammar {ns}><include href="sub/part.rng"/><start><ref name="x"/></start></grammar>'
    )
    write(tmp_path / "sub" / "part.rng", f'<grammar {ns}><define name="x"><element name="other"><text/></element>'
                                          "</define></grammar>")  # fmt: skip
    write(tmp_path / "a.tbx", tbx(ENTRY.format(i=1)))
    res = run("glossary", "import", "a.tbx", "--schema", "main.rng", "-o", "tb", cwd=tmp_path)
    assert res.code == 0, res.err
    assert "warning: a.tbx:2: not valid against main.rng: Expecting element other, got tbx" in res.err


# --- large imports: linear structure, the same result ----------------------------------------------------


def test_large_import_into_an_existing_term_base_rewrites_only_the_changed_concepts(run: Run, tmp_path: Path) -> None:
    """A term base file is cut at its concepts: what changed is written again, the rest (comments,
    spacing, indentation) stays byte for byte; new concepts go after the last."""
    concepts = "".join(f"  - id: c{i}  # kept\n    terms:\n      en: [word{i}]\n\n" for i in range(600))
    folder = tmp_path / "tb"
    before = write(folder / "big.yaml", "# the header\nversion: 1\nconcepts:\n" + concepts + "# the end\n")
    text = before.read_text(encoding="utf-8")
    rows = "".join(f"c{i},en,word{i},preferred\n" for i in range(600)).replace("c7,en,word7", "c7,en,word seven")
    write(tmp_path / "a.csv", "concept,language,term,status\n" + rows + "new,en,novel,preferred\n")
    res = run("glossary", "import", "a.csv", "-o", "tb", cwd=tmp_path)
    assert res.code == 0, res.err
    after = (folder / "big.yaml").read_text(encoding="utf-8")
    assert "c7: en: added 'word seven' (preferred)" in res.out and "new: new concept (in imported.yaml)" in res.out
    assert after == text.replace("en: [word7]\n", "en: [word seven]\n")  # c7's comment and flow list kept
    assert "novel" in (folder / "imported.yaml").read_text(encoding="utf-8")
    assert run("glossary", "check", "tb", cwd=tmp_path).code in (0, 1)


def test_many_rows_of_one_term_get_numbered_ids(run: Run, tmp_path: Path) -> None:
    """A bilingual CSV of one source term in many contexts: ids file, file-2, ... (no quadratic search)."""
    rows = "".join(f"file,Datei{i}\n" for i in range(2000))
    write(tmp_path / "de.csv", "source,target\n" + rows)
    res = run("glossary", "import", "de.csv", "-o", "tb", cwd=tmp_path)
    assert res.code in (0, 2)
    assert "internal error" not in res.err
