"""Imports that lose nothing and refuse nothing needlessly (issue 24 §2): a language the term base does not
have is an error of `glossary export`; Weblate's CSV as Weblate writes it (translate-toolkit's columns in
its order, a `translation_flags` column) is read, and every column and flag not imported is named; a term
listed twice in one concept is merged with a located warning; a real Weblate TBX export imports."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, Run
from termcheck.glossary.load import load

WEBLATE = ROOT / "tests" / "data" / "weblate"


@pytest.fixture(autouse=True)
def _core(core_builtin: Path) -> None:
    """The shipped term base's core stands in for it: these tests are about the formats."""


def _terms(folder: Path) -> dict[tuple[str, str, str], tuple[str, str | None]]:
    glossary, problems = load([str(folder)])
    assert not [p for p in problems if not p.warning], problems
    return {(c.id, lang, t.text): (t.status.value, t.note) for c in glossary.concepts for lang, ts in c.terms.items()
            for t in ts}  # fmt: skip


def _notes(folder: Path) -> dict[str, str | None]:
    glossary, _ = load([str(folder)])
    return {c.id: c.note for c in glossary.concepts}


# --- glossary export --lang ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "tbx", "xlsx"])
def test_export_of_a_language_the_term_base_does_not_have_is_an_error(run: Run, tmp_path: Path, fmt: str) -> None:
    res = run("glossary", "export", "--format", fmt, "--lang", "xx", "-o", str(tmp_path / f"g.{fmt}"))
    assert res.code == 2, res.err
    assert "error: --lang: the term base has no language 'xx' (it has de, en, " in res.err
    assert "Wrote" not in res.err and not (tmp_path / f"g.{fmt}").exists()


def test_export_error_names_the_nearest_language(run: Run, tmp_path: Path) -> None:
    res = run("glossary", "export", "--format", "csv", "--lang", "de-AT", "-o", str(tmp_path / "g.csv"))
    assert res.code == 2 and res.err.rstrip().endswith("did you mean 'de'?"), res.err
    res = run("glossary", "export", "--format", "csv", "--lang", "en", "--lang", "dee", "-o", str(tmp_path / "g.csv"))
    assert res.code == 2 and "no language 'dee'" in res.err and "did you mean 'de'?" in res.err
    res = run("glossary", "export", "--format", "csv", "--lang", "pt-BR", "-o", str(tmp_path / "g.csv"))
    assert res.code == 2 and "did you mean 'pt'?" in res.err, res.err  # what a pt-BR text is checked against
    res = run("glossary", "export", "--format", "csv", "--lang", "Deutsch", "-o", str(tmp_path / "g.csv"))
    assert res.code == 2 and "'Deutsch' is not a BCP 47 language tag" in res.err and "'de'" in res.err
    res = run("glossary", "export", "--format", "po", "--source", "xx", "--target", "de", "-o", str(tmp_path / "g.po"))
    assert res.code == 2 and "error: --source: the term base has no language 'xx'" in res.err


def test_export_of_languages_the_term_base_has(run: Run, tmp_path: Path) -> None:
    """A language, a region of it (pt-PT) and a language whose regions the term base has (pt: pt, pt-PT)."""
    for lang in ("PT", "pt-PT", "ru-Latn", "de"):
        res = run("glossary", "export", "--format", "csv", "--lang", lang, "-o", str(tmp_path / "g.csv"))
        assert res.code == 0 and "Wrote" in res.err and " 0 terms" not in res.err, (lang, res.err)


# --- Weblate's CSV ------------------------------------------------------------------------------------------

# The glossary of tests/data/weblate/openshelf-en.tbx (Spanish source, English target) as Weblate's CSV
# download lays it out: translate-toolkit's columns in their order, then the glossary's flags.
WEBLATE_CSV = (
    '"location","source","target","id","fuzzy","context","translator_comments","developer_comments",'
    '"translation_flags"\r\n'
    '"","Estantería","Shelf","","False","","","Unidad de almacenamiento de Openshelf",""\r\n'
    '"","Categorías","Categories","","False","","ask the UI team","","terminology"\r\n'
    '"","Openshelf","","","False","","","the app\'s name","read-only,terminology"\r\n'
    '"","Sello editrorial","Imprint","","True","","","","max-length:20"\r\n'
    '"","Sello editrorial","Publisher","","False","","","","forbidden, max-length:20"\r\n'
)


def test_weblate_csv_as_weblate_writes_it(run: Run, tmp_path: Path) -> None:
    (tmp_path / "glossary-en.csv").write_text(WEBLATE_CSV, encoding="utf-8")
    res = run("glossary", "import", "glossary-en.csv", "--source-lang", "es", "-o", "g", cwd=tmp_path)
    assert res.code == 0, res.err
    terms = _terms(tmp_path / "g")
    assert terms[("estantería", "en", "Shelf")][0] == "preferred"
    assert terms[("categorías", "es", "Categorías")][0] == "preferred"
    assert terms[("openshelf", "en", "Openshelf")][0] == "preferred"  # read-only: the name as it is
    assert terms[("sello-editrorial", "en", "Imprint")][0] == "preferred"
    assert terms[("sello-editrorial", "en", "Publisher")][0] == "deprecated"  # forbidden
    notes = _notes(tmp_path / "g")
    assert notes["estantería"] == "Unidad de almacenamiento de Openshelf"
    assert notes["categorías"] == "ask the UI team" and notes["openshelf"] == "the app's name"
    # Nothing dropped silently: the columns not imported, and the flag termcheck has no field for.
    assert ("warning: glossary-en.csv:1: columns 'location' (empty), 'id' (empty), 'fuzzy' (a value first in "
            "row 2) not imported: termcheck has no field for them") in res.err  # fmt: skip
    assert "warning: glossary-en.csv:5: flag 'max-length:20' (and 1 more rows) not imported" in res.err
    assert "terminology" not in res.err and "read-only" not in res.err  # read, not lost


def test_flags_column_and_columns_of_termcheck_s_own_csv(run: Run, tmp_path: Path) -> None:
    """`flags` reads as `translation_flags`; termcheck's own CSV and a sheet with a column per language
    name their unknown columns too."""
    (tmp_path / "de.csv").write_text("source,target,flags,reviewer\nfile,Datei,,Anna\nfile,Akte,forbidden,\n",
                                     encoding="utf-8")  # fmt: skip
    res = run("glossary", "import", "de.csv", "-o", "g", cwd=tmp_path)
    assert res.code == 0, res.err
    assert _terms(tmp_path / "g")[("file", "de", "Akte")][0] == "deprecated"
    assert "warning: de.csv:1: column 'reviewer' (a value first in row 2) not imported" in res.err
    own = "concept,language,term,status,reviewer\ncsto,en,CSTO,preferred,Anna\n"
    (tmp_path / "own.csv").write_text(own, encoding="utf-8")
    res = run("glossary", "import", "own.csv", "-o", "g2", "--diff", cwd=tmp_path)
    assert "warning: own.csv:1: column 'reviewer' not imported: termcheck has no field for it" in res.err
    (tmp_path / "sheet.csv").write_text("en,de,owner\nCSTO,OVKS,Anna\n", encoding="utf-8")
    res = run("glossary", "import", "sheet.csv", "-o", "g3", cwd=tmp_path)
    assert res.code == 0 and "warning: sheet.csv:1: column 'owner' not imported" in res.err


def test_a_workbook_with_a_column_per_language_names_its_other_columns(run: Run, tmp_path: Path) -> None:
    """A translator's own workbook (a column per language) imports its terms and names each column it
    cannot keep, as a CSV does."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Glossar"
    ws.append(["English", "Deutsch", "Owner", "Comment"])
    ws.append(["CSTO", "OVKS", "Anna", "the alliance"])
    wb.save(tmp_path / "mine.xlsx")
    res = run("glossary", "import", "mine.xlsx", "-o", "g", cwd=tmp_path)
    assert res.code == 0, res.err
    assert _terms(tmp_path / "g")[("csto", "de", "OVKS")][0] == "preferred"
    assert "warning: mine.xlsx, sheet 'Glossar', row 1: column 'Owner' not imported" in res.err, res.err
    assert "'Comment'" not in res.err  # the note column is read


def test_headerless_csv_names_its_extra_columns(run: Run, tmp_path: Path) -> None:
    (tmp_path / "cs.csv").write_text("file,soubor,,,,x\n", encoding="utf-8")
    res = run("glossary", "import", "cs.csv", "-o", "g", cwd=tmp_path)
    assert res.code == 0 and "warning: cs.csv: column column 6 not imported" in res.err, res.err


# --- a term listed twice in one concept ---------------------------------------------------------------------


def test_real_weblate_tbx_export_imports(run: Run, tmp_path: Path) -> None:
    res = run("glossary", "import", str(WEBLATE / "openshelf-en.tbx"), "-o", str(tmp_path / "g"))
    assert res.code == 0, res.err
    terms = _terms(tmp_path / "g")
    assert terms[("unidad-de-almacenamiento-de-openshelf", "en", "Shelf")][0] == "preferred"
    assert terms[("placeholder-para-integers", "es", "{count}")][0] == "preferred"  # its empty target: no term


def test_term_listed_twice_in_one_concept_is_merged_with_a_located_warning(run: Run, tmp_path: Path) -> None:
    """Weblate's TBX of its source language's glossary gives each concept the language twice, with the
    same term: the real export above, its English sections in Spanish."""
    text = (WEBLATE / "openshelf-en.tbx").read_text(encoding="utf-8")
    doubled = text.replace('<langSet xml:lang="en"><tig><term>Shelf</term>',
                           '<langSet xml:lang="es"><tig><term>Estantería</term>')  # fmt: skip
    (tmp_path / "es.tbx").write_text(doubled, encoding="utf-8")
    res = run("glossary", "import", "es.tbx", "-o", "g", cwd=tmp_path)
    assert res.code == 0, res.err
    assert (
        "warning: es.tbx:15, unidad-de-almacenamiento-de-openshelf, es, term 1: 'Estantería' is listed twice "
        "in concept 'unidad-de-almacenamiento-de-openshelf' (es); merged with the first (es.tbx:14, "
    ) in res.err
    terms = _terms(tmp_path / "g")
    assert [k for k in terms if k[0] == "unidad-de-almacenamiento-de-openshelf"] == [
        ("unidad-de-almacenamiento-de-openshelf", "es", "Estantería")
    ]


def test_repeated_csv_row_merges_status_and_notes(run: Run, tmp_path: Path) -> None:
    """The stronger status wins (preferred over admitted), both notes stay; allowed and deprecated at
    once is a contradiction, which the import still refuses."""
    rows = ("concept,language,term,status,note\nx,en,widget,admitted,from the UI\nx,en,widget,preferred,"
            "from the docs\n")  # fmt: skip
    (tmp_path / "g.csv").write_text(rows, encoding="utf-8")
    res = run("glossary", "import", "g.csv", "-o", "g", cwd=tmp_path)
    assert res.code == 0, res.err
    assert ("warning: g.csv, row 3, column 'term': 'widget' is listed twice in concept 'x' (en); merged with the "
            "first (g.csv, row 2, column 'term')") in res.err  # fmt: skip
    assert _terms(tmp_path / "g")[("x", "en", "widget")] == ("preferred", "from the UI\nfrom the docs")
    (tmp_path / "bad.csv").write_text("concept,language,term,status\nx,en,widget,preferred\nx,en,widget,deprecated\n",
                                      encoding="utf-8")  # fmt: skip
    res = run("glossary", "import", "bad.csv", "-o", "g2", cwd=tmp_path)
    assert res.code == 2 and "'widget' is both allowed and deprecated in 'x' (en)" in res.err


def test_empty_weblate_glossary_imports_nothing(run: Run, tmp_path: Path) -> None:
    """Weblate writes an empty glossary file for each language added: nothing to import, not an error."""
    empty = ('<?xml version="1.0"?>\n<martif type="TBX"><martifHeader><fileDesc><sourceDesc><p>Weblate Glossary</p>'
             "</sourceDesc></fileDesc></martifHeader><text><body></body></text></martif>\n")  # fmt: skip
    (tmp_path / "de.tbx").write_text(empty, encoding="utf-8")
    res = run("glossary", "import", "de.tbx", "-o", "g", cwd=tmp_path)
    assert res.code == 0 and "warning: de.tbx: the file holds no concept" in res.err, res.err
