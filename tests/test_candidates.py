"""`termcheck glossary candidates` and the import of its reviewed workbook, on the seeds and examples
with a term base that lacks the SCO (copied into tmp_path; the shipped one is never touched)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, shipped_subset
from termcheck.cli import main
from termcheck.curation.candidates import Link, Mention, Observed, is_acronym_word, node_key, propose, slug

OCX_TEXT = (
    "A Organização para Cooperação de Xangai (OCX) reuniu-se em Minsk. Em setembro, a OCX e a OTSC assinaram "
    "um memorando; a OCX quer mais membros.\n"
)
# A bilingual catalogue: the unit aligns the English SCO with the Portuguese OCX.
OCX_PO = """msgid ""
msgstr ""
"Language: pt\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "The SCO met in Minsk."
msgstr "A OCX reuniu-se em Minsk."
"""


# A small term base taken from the shipped one (which grows): the concepts the seeds name, not the SCO.
KEPT = ("csto", "cis", "un", "minsk", "moscow", "yerevan", "belarus", "russia", "armenia", "kazakhstan",
        "kyrgyzstan", "tajikistan", "member-state", "mine-clearance", "operation-mercenary", "zas")  # fmt: skip


def _small_termbase(folder: Path) -> None:
    shipped_subset(folder, KEPT)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("candidates")
    glossary = base / "glossary"
    glossary.mkdir()
    _small_termbase(glossary)
    texts = base / "texts"
    texts.mkdir()
    (texts / "ocx.txt").write_text(OCX_TEXT, encoding="utf-8")
    (texts / "ocx.pt.po").write_text(OCX_PO, encoding="utf-8")
    return {"base": base, "glossary": glossary, "texts": texts}


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _paths(world: dict[str, Path]) -> list[str]:
    return [str(ROOT / "seeds"), str(ROOT / "examples"), str(world["texts"])]


@pytest.fixture(scope="module")
def report(world: dict[str, Path]) -> dict[str, Any]:
    out = world["base"] / "candidates.json"
    assert main(["glossary", "candidates", *_paths(world), "-g", str(world["glossary"]), "--format", "json",
                 "-o", str(out)]) == 0  # fmt: skip
    data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return data


def _sco(report: dict[str, Any]) -> dict[str, Any]:
    found: list[dict[str, Any]] = [c for c in report["candidates"] if any(t["term"] == "SOZ" for t in c["terms"])]
    assert len(found) == 1, [c["id"] for c in report["candidates"]]
    return found[0]


def test_a_concept_the_term_base_lacks_is_proposed_grouped_across_languages(report: dict[str, Any]) -> None:
    sco = _sco(report)
    terms = {(t["language"], t["term"]) for t in sco["terms"]}
    assert sco["kind"] == "concept" and sco["concept"] is None
    assert {("de", "SOZ"), ("en", "SCO"), ("pt", "OCX"), ("pt", "Organização para Cooperação de Xangai")} <= terms
    assert {"definition", "aligned"} <= set(sco["evidence"])
    assert {"de", "en", "pt"} <= set(sco["languages"]) and len(sco["files"]) >= 3
    assert sco["score"] == sco["mentions"] * len(sco["files"]) * len(sco["languages"])
    full = next(t for t in sco["terms"] if t["term"].startswith("Organização"))
    assert full["type"] == "fullForm" and full["status"] == "preferred"


def test_the_report_is_ranked_and_leaves_out_terms_words_months_and_sentence_starts(report: dict[str, Any]) -> None:
    scores = [c["score"] for c in report["candidates"]]
    assert scores == sorted(scores, reverse=True)
    assert report["summary"]["candidates"] == len(report["candidates"])
    proposed = {t["term"] for c in report["candidates"] if c["kind"] == "concept" for t in c["terms"]}
    # Terms of the term base (OTSC, OVKS, Minsk), months, an ordinary word starting a sentence.
    assert not proposed & {"OTSC", "OVKS", "CSTO", "Minsk", "Em", "Setembro", "setembro", "Die", "A"}


def test_variants_of_known_concepts_carry_concept_language_count_and_context(report: dict[str, Any]) -> None:
    variants = [c for c in report["candidates"] if c["kind"] == "variant"]
    csto = next(v for v in variants if v["concept"] == "csto" and v["terms"][0]["language"] == "pt")
    assert csto["terms"][0]["term"] == "CSTO" and csto["mentions"] >= 30
    assert "foreign-rendering" in csto["evidence"]
    assert csto["contexts"] and "CSTO" in csto["contexts"][0]["text"]


def test_text_report_lists_by_kind(world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(["glossary", "candidates", *_paths(world), "-g", str(world["glossary"])], capsys)
    assert code == 0
    assert out.index("Variants of known concepts") < out.index("New concepts")
    assert "de: SOZ (preferred, acronym)" in out
    assert "candidate(s)" in err


def _review(world: dict[str, Path], decide: dict[str, tuple[str, str | None]], name: str) -> Path:
    """Write the workbook, then set decisions: by the row's first term → (decision, concept)."""
    from openpyxl import load_workbook

    path = world["base"] / f"{name}.xlsx"
    assert main(["glossary", "candidates", *_paths(world), "-g", str(world["glossary"]), "--format", "xlsx",
                 "-o", str(path)]) == 0  # fmt: skip
    wb = load_workbook(path)
    ws = wb["Candidates"]
    header = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        values = dict(zip(header, (c.value for c in row), strict=False))
        for key, (decision, concept) in decide.items():
            kind, _, first = key.partition(":")
            lang_cells = [str(values.get(h) or "") for h in header if h in ("en", "de", "ru", "pt", "fr", "es")]
            if values["kind"] == kind and any(cell.startswith(first) for cell in lang_cells):
                row[0].value = decision
                if concept is not None:
                    row[1].value = concept
    wb.save(path)
    return path


def test_the_review_workbook_is_readable(world: dict[str, Path]) -> None:
    from openpyxl import load_workbook

    path = _review(world, {}, "plain")
    wb = load_workbook(path)
    assert wb.sheetnames[0] == "Candidates"
    ws = wb["Candidates"]
    header = [c.value for c in ws[1]]
    assert header[:5] == ["decision", "concept", "kind", "id", "file"]
    assert {"en", "de", "pt", "mentions", "files", "contexts"} <= set(header)
    assert ws.freeze_panes == "E2" and ws.auto_filter.ref
    rules = ws.data_validations.dataValidation
    assert any("accept" in (dv.formula1 or "") and "merge" in (dv.formula1 or "") for dv in rules)
    assert ws.column_dimensions["A"].width >= 8 and ws.cell(row=2, column=1).alignment.wrap_text


def test_accepted_rows_are_imported_and_lint_then_knows_the_concept(
    world: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "glossary"
    shutil.copytree(world["glossary"], target)
    before = {p.name: p.read_text(encoding="utf-8") for p in target.glob("*.yaml")}
    path = _review(world, {"concept:SCO": ("accept", None), "variant:CSTO": ("accept", None),
                           "concept:Bbabo": ("reject", None)}, "accepted")  # fmt: skip
    code, out, err = _run(["glossary", "import", str(path), "-o", str(target)], capsys)
    assert code == 0, err
    added = (target / "candidates.yaml").read_text(encoding="utf-8")
    assert "SOZ" in added and "OCX" in added and "Bbabo" not in added
    # The accepted variants appended as admitted; every other line of the files kept.
    changed = {p.name for p in target.glob("*.yaml") if before.get(p.name) != p.read_text(encoding="utf-8")}
    assert changed <= {"candidates.yaml", "organisations.yaml"}
    new_lines = (target / "organisations.yaml").read_text(encoding="utf-8").splitlines()
    old_lines = before["organisations.yaml"].splitlines()
    assert [line for line in old_lines if line not in new_lines] == []
    assert any("{term: CSTO, status: admitted}" in line for line in new_lines if line not in old_lines)
    from termcheck.glossary.load import errors, load

    _glossary, problems = load([str(target)])
    assert not errors(problems)
    text = tmp_path / "note.txt"
    text.write_text("A SOZ reuniu-se em Minsk com a OTSC.\n", encoding="utf-8")
    code, out, _err = _run(["lint", str(text), "--lang", "pt", "-g", str(target), "--format", "json"], capsys)
    concepts = {f["concept"] for f in json.loads(out)["findings"]}
    assert _sco_id(added) in concepts


def _sco_id(yaml_text: str) -> str:
    return next(line.split("id:")[1].strip() for line in yaml_text.splitlines() if "- id:" in line)


def test_merge_into_a_concept_and_bad_rows(
    world: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "glossary"
    shutil.copytree(world["glossary"], target)
    before = {p.name: p.read_text(encoding="utf-8") for p in target.glob("*.yaml")}
    bad = _review(world, {"concept:SCO": ("merge", "no-such-concept"), "variant:CSTO": ("accept", "")}, "bad")
    code, _out, err = _run(["glossary", "import", str(bad), "-o", str(target)], capsys)
    assert code == 2
    lines = [line for line in err.splitlines() if line.startswith("error:")]
    assert any("bad.xlsx: Sheet 'Candidates', row" in line and "unknown concept 'no-such-concept'" in line
               for line in lines)  # fmt: skip
    assert any("without a concept" in line for line in lines) and "nothing was written" in err
    assert {p.name: p.read_text(encoding="utf-8") for p in target.glob("*.yaml")} == before
    merged = _review(world, {"concept:SCO": ("merge", "csto")}, "merged")
    code, out, err = _run(["glossary", "import", str(merged), "-o", str(target), "--diff"], capsys)
    assert code == 0, err
    assert "csto: de: added 'SOZ' (admitted)" in out  # OVKS is the preferred acronym already


def test_accept_without_a_term_is_an_error(world: dict[str, Path], tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    from openpyxl import load_workbook

    path = _review(world, {"concept:SCO": ("accept", None)}, "empty")
    wb = load_workbook(path)
    ws = wb["Candidates"]
    header = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == "accept":
            for col, name in enumerate(header):
                if name in ("en", "de", "ru", "pt", "fr", "es"):
                    row[col].value = None
            number = row[0].row
    wb.save(path)
    code, _out, err = _run(["glossary", "import", str(path), "-o", str(world["glossary"]), "--diff"], capsys)
    assert code == 2
    assert f"empty.xlsx: Sheet 'Candidates', row {number}: accept without a term" in err


# --- the pure parts -----------------------------------------------------------------------------------------


def test_propose_groups_thresholds_and_never_joins_two_concepts() -> None:
    def m(lang: str, text: str, path: str, strong: bool = True, kind: str = "name") -> Mention:
        return Mention(node_key(lang, text), lang, text, path, f"… {text} …", strong, kind)

    once = Observed("a.txt", [m("en", "Rybakov", "a.txt"), m("de", "Rybakow", "a.txt"), m("en", "Zoltan", "a.txt")])
    twice = Observed("b.txt", [m("en", "Rybakov", "b.txt"), m("de", "Regierung", "b.txt", strong=False)])
    linked = Observed("c.txt", [m("pt", "OTSC", "c.txt", kind="acronym")],
                      [Link(node_key("pt", "OTSC"), "\0csto", "definition"),
                       Link(node_key("pt", "OTSC"), "\0sco", "definition")])  # fmt: skip
    found = propose([once, twice, linked], ["csto", "sco"], min_count=3)
    new = [p for p in found if p.kind == "concept"]
    assert [(p.id, sorted(t.text for t in p.terms)) for p in new] == [("rybakov", ["Rybakov", "Rybakow"])]
    assert [(p.concept, p.terms[0].text, p.terms[0].status) for p in found if p.kind == "variant"] == [
        ("csto", "OTSC", "admitted")
    ]


def test_acronyms_and_ids() -> None:
    assert is_acronym_word("OTSC") and is_acronym_word("ОДКБ") and not is_acronym_word("XIV")
    assert not is_acronym_word("Otsc") and not is_acronym_word("A")
    assert slug("Organização para Cooperação de Xangai") == "organizacao-para-cooperacao-de-xangai"
    assert slug("Владимир Путин") == "владимир-путин"


def test_an_ordinary_word_capitalised_in_two_languages_is_no_name_in_three_it_is() -> None:
    def weak(lang: str, text: str, path: str) -> Mention:
        return Mention(node_key(lang, text), lang, text, path, f"… {text} …", False, "name")

    # Spanish and Portuguese both write "Estado" (news2: two files): not a name; "Europa" in three languages is.
    two = [Observed(f"{lang}.txt", [weak(lang, "Estado", f"{lang}.txt")]) for lang in ("es", "pt")]
    three = [Observed(f"{lang}2.txt", [weak(lang, "Europa", f"{lang}2.txt")]) for lang in ("es", "pt", "de")]
    found = propose([*two, *three], [], min_count=2)
    assert [p.id for p in found] == ["europa"]


def test_a_name_the_term_base_matches_only_in_quotation_marks_is_not_proposed(tmp_path: Path,
                                                                                capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    """TASS writes the CSTO's exercises unquoted ("Echelon-2025"); the term base has them, quoted."""
    shipped_subset(tmp_path / "g", ("csto", "exercise-echelon", "exercise-search"))
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text(
            "The CSTO exercises Echelon-2025 and Search-2025 began, said Pavel Muraveiko. Echelon tests "
            "logistics; Search tests reconnaissance. The Echelon drill ends on Friday.\n", encoding="utf-8")  # fmt: skip
    code, out, _err = _run(["glossary", "candidates", str(tmp_path), "-g", str(tmp_path / "g"), "--lang", "en",
                            "--format", "json", "--min-count", "1"], capsys)  # fmt: skip
    assert code == 0
    texts = {t["term"] for p in json.loads(out)["candidates"] for t in p["terms"]}
    assert "Pavel Muraveiko" in texts and not {"Echelon", "Search"} & texts, texts


def test_a_name_written_as_one_word_is_a_variant_and_a_first_name_alone_is_nobody(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """EFE and Xinhua in Spanish write Nursultán (Nur-Sultan, Astana's name 2019-2022); "Emomali" alone is
    the first name of Emomali Rahmon (news2: both once proposed as new concepts)."""
    shipped_subset(tmp_path / "g", ("astana", "rahmon", "nazarbayev"))
    for n in range(2):
        (tmp_path / f"{n}.txt").write_text(
            "El presidente Emomali Rahmon llegó a Nursultán. En Nursultán, Emomali habló con los ministros. "
            "Nursultán acoge la cumbre.\n", encoding="utf-8")  # fmt: skip
    code, out, _err = _run(["glossary", "candidates", str(tmp_path), "-g", str(tmp_path / "g"), "--lang", "es",
                            "--format", "json", "--min-count", "1"], capsys)  # fmt: skip
    assert code == 0
    found = json.loads(out)["candidates"]
    assert not any(t["term"] == "Emomali" for p in found for t in p["terms"])
    variants = [(p["concept"], [t["term"] for t in p["terms"]]) for p in found if p["kind"] == "variant"]
    assert ("astana", ["Nursultán"]) in variants
