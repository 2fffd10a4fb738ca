"""The term base: the sketch shape loads, the shipped one is clean, and every problem is located."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, Run
from termcheck.errors import GlossaryError
from termcheck.glossary.load import load, read_file

SKETCH = ROOT / "tests" / "data" / "glossary-sketch.yaml"


def write(tmp_path: Path, text: str, name: str = "g.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_sketch_loads() -> None:
    concepts, problems = read_file(SKETCH)
    assert problems == []
    assert [c.id for c in concepts] == ["csto", "zas", "member-state"]
    csto = concepts[0]
    assert csto.gender_for("pt") == "feminine"
    assert [t.text for t in csto.preferred("de", "acronym")] == ["OVKS"]
    assert {t.case for t in csto.terms["en"]} == {"exact", "name"}
    assert concepts[2].terms["de"][1].group == "ms"


def test_shipped_term_base_is_clean_and_covers_the_domain(run: Run) -> None:
    glossary, problems = load()
    # Warnings only: the homonyms told apart by their notes (Georgia the state and the US state).
    assert [p for p in problems if not p.warning] == []
    assert all("homonyms" in p.message for p in problems)
    ids = {c.id for c in glossary.concepts}
    assert len(ids) >= 300
    for needed in (
        "csto",
        "sco",
        "cis",
        "un",
        "un-security-council",
        "un-general-assembly",
        "un-charter",
        "unoct",
        "unodc",
        "cted",
        "osce",
        "csto-secretariat",
        "collective-security-council",
        "collective-peacekeeping-forces",
        "sco-rats",
        "cis-atc",
        "belta",
        "zas",
        "tasmagambetov",
        "rybakov",
        "lukashenko",
        "zainetdinov",
        "guterres",
        "vershinin",
        "belarus",
        "kazakhstan",
        "afghanistan",
        "minsk",
        "moscow",
        "yerevan",
        "russia",
        "eurasia",
        "operation-channel",
        "operation-mercenary",
        "operation-illegal",
        "operation-proxy",
        "secretary-general",
        "member-state",
        "peacekeeping",
        "mine-clearance",
        "collective-security",
    ):
        assert needed in ids
    for concept in glossary.concepts:
        assert {"en", "de", "ru", "pt", "fr", "es"} <= set(concept.terms), concept.id
        for terms in concept.terms.values():
            for term in terms:
                assert unicodedata.is_normalized("NFC", term.text)
    result = run("glossary", "check")
    assert result.code == 0, result.out + result.err
    assert "0 problem(s)" in result.err and "examples" in result.err


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "version: 1\nconcepts:\n- id: a\n  terms:\n    en: [{term: x, status: prefered}]\n",
            "g.yaml:5:28: concepts[0](a).terms.en[0].status: 'prefered' is not one of preferred, admitted, "
            "deprecated (did you mean 'preferred'?)",
        ),
        (
            "version: 1\nconcepts:\n- id: a\n  defintion: {en: x}\n  terms:\n    en: [x]\n",
            "g.yaml:4:3: concepts[0](a): unknown key 'defintion' (did you mean 'definition'?)",
        ),
        (
            "version: 1\nconcepts:\n- id: a\n  terms:\n    en: [{term: x, status: deprecated}]\n",
            "g.yaml:5:17: concept 'a' has en terms but no preferred term",
        ),
        (
            "version: 1\nconcepts:\n- id: a\n  terms: {en: [x]}\n- id: a\n  terms: {en: [y]}\n",
            "g.yaml:5:3: duplicate concept id 'a' (first at g.yaml:3)",
        ),
        (
            "version: 1\nconcepts:\n- id: a\n  terms: {en: [shared]}\n- id: b\n  terms: {en: [shared]}\n",
            "g.yaml:6:16: 'shared' (en) is a term of both 'a' (g.yaml:4) and 'b'",
        ),
        (
            'version: 1\nconcepts:\n- id: a\n  terms: {en: ["Cafe\u0301"]}\n',
            "g.yaml:4:16: concepts[0](a).terms.en[0].term: 'Cafe\u0301' is not in Unicode NFC form",
        ),
        ("version: 1\nconcepts:\n- id: a\n  terms: {en: [x]\n", "g.yaml:5:1: YAML syntax error:"),
        (
            "version: 1\nconcepts:\n- id: a\n  terms: {en: [{term: no}]}\n",
            "g.yaml:4:23: concepts[0](a).terms.en[0].term: expected text, got a boolean (quote it",
        ),
        (
            "version: 1\nconcepts:\n- id: a\n  terms: {english: [x]}\n",
            "g.yaml:4:11: concepts[0](a).terms: 'english' is not a BCP 47 language tag",
        ),
        (
            "version: 1\nconcepts:\n- id: a\n  terms: {en: [widget, {term: gizmo, status: deprecated}]}\n"
            "  examples: [{lang: en, bad: 'A widget.', rule: deprecated-term}]\n",
            "g.yaml:5:14: concepts(a).examples: bad example 'A widget.' (en) gives no deprecated-term (found: none)",
        ),
    ],
)
def test_check_locates_problems(run: Run, tmp_path: Path, text: str, expected: str) -> None:
    write(tmp_path, text)
    result = run("glossary", "check", "g.yaml", cwd=tmp_path)
    assert result.code == 1, result.out + result.err
    assert result.out.splitlines()[0].startswith(expected), result.out


def test_a_language_with_admitted_terms_only_is_a_warning(run: Run, tmp_path: Path) -> None:
    """Valid TBX (a DCA sample's concept with two admitted Spanish terms): the term base works, and
    the admitted terms are what is suggested."""
    write(tmp_path, "version: 1\nconcepts:\n- id: c41\n  terms:\n    en: [Widget]\n"
                    "    es: [{term: artilugio, status: admitted}, {term: cachivache, status: admitted},"
                    " {term: Widget, status: deprecated}]\n")  # fmt: skip
    check = run("glossary", "check", "g.yaml", cwd=tmp_path)
    assert check.code == 0
    assert "g.yaml:6:17: warning: concept 'c41' has es terms but no preferred" in check.out
    assert "0 problem(s), 1 warning(s)" in check.err
    (tmp_path / "a.txt").write_text("El Widget es útil.\n", encoding="utf-8")
    lint = run("lint", "a.txt", "--lang", "es", "-g", "g.yaml", "--format", "json", cwd=tmp_path)
    (finding,) = lint.json["findings"]
    assert finding["rule"] == "deprecated-term" and finding["suggestions"][0] == "artilugio"


def test_concept_ids_may_be_unicode_slugs(run: Run, tmp_path: Path) -> None:
    write(tmp_path, "version: 1\nconcepts:\n- id: генсек-одкб\n  terms: {ru: [Генеральный секретарь ОДКБ]}\n"
                    "- id: Bad\n  terms: {en: [x]}\n")  # fmt: skip
    res = run("glossary", "check", "g.yaml", cwd=tmp_path)
    assert "генсек" not in res.out and "'Bad' is not a valid id" in res.out


def test_check_exit_codes(run: Run, tmp_path: Path) -> None:
    write(
        tmp_path,
        "version: 1\nconcepts:\n- id: a\n  terms: {en: [widget]}\n  examples: [{lang: en, good: 'A widget.'}]\n",
    )
    assert run("glossary", "check", "g.yaml", cwd=tmp_path).code == 0
    missing = run("glossary", "check", "nope.yaml", cwd=tmp_path)
    assert missing.code == 2 and missing.err.strip() == "error: nope.yaml: term base not found"
    (tmp_path / "bad.yaml").write_bytes(b"version: 1\nconcepts: [\xff]\n")
    bad = run("glossary", "check", "bad.yaml", cwd=tmp_path)
    assert bad.code == 2 and "bad.yaml: term base is not valid UTF-8 at byte 22" in bad.err


def test_lint_with_a_broken_term_base_exits_2(run: Run, tmp_path: Path) -> None:
    write(tmp_path, "version: 1\nconcepts:\n- id: a\n  terms: {en: [x]\n")
    (tmp_path / "t.txt").write_text("some text", encoding="utf-8")
    result = run("lint", "t.txt", "--glossary", "g.yaml", "--lang", "en", cwd=tmp_path)
    assert result.code == 2
    assert result.err.startswith("error: g.yaml:5:1: YAML syntax error")
    assert "Traceback" not in result.err


def test_builtin_can_be_extended(run: Run, tmp_path: Path) -> None:
    write(
        tmp_path, "version: 1\nconcepts:\n- id: widget\n  terms:\n    en: [widget, {term: gizmo, status: deprecated}]\n"
    )
    (tmp_path / "t.txt").write_text("A gizmo of the CSTO.\n", encoding="utf-8")
    only = run("lint", "t.txt", "--glossary", "g.yaml", "--lang", "en", "--format", "json", cwd=tmp_path)
    assert [f["text"] for f in only.json["findings"]] == ["gizmo"]
    both = run(
        "lint",
        "t.txt",
        "--glossary",
        "builtin",
        "--glossary",
        "g.yaml",
        "--lang",
        "de",
        "--format",
        "json",
        cwd=tmp_path,
    )
    assert [(f["rule"], f["text"]) for f in both.json["findings"]] == [("foreign-rendering", "CSTO")]
    assert both.json["glossary"]["concepts"] == only.json["glossary"]["concepts"] + load()[0].concepts.__len__()


def _everything(result: tuple[list[Any], list[Any]]) -> tuple[list[Any], list[str]]:
    """Concepts with every position in them (equality leaves positions out), and problems as printed."""
    concepts, problems = result
    located = [
        (c, c.position, [t.position for ts in c.terms.values() for t in ts], [e.position for e in c.examples])
        for c in concepts
    ]
    return located, [str(p) for p in problems]


def test_a_large_file_read_in_parts_gives_what_reading_it_whole_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past PARTS_FROM a file is read a few concepts at a time (the YAML nodes of 100,000 concepts took
    6 GB): the same concepts, positions and problems, in the same order, as reading it whole; and a
    file that a split could misread (anchors, a syntax error in a part) is read whole."""
    from termcheck.glossary import load as load_mod

    concept = (
        "- id: c{n}\n"
        "  domain: test\n"
        "  terms:\n"
        "    en:\n"
        "    - {{term: Term{n}, status: preferred}}\n"
        "    - term: Other{n}\n"
        "      status: admitted\n"
        "    de: [Begriff{n}]\n"
        "  examples:\n"
        '    - {{lang: en, good: "Term{n} is here."}}\n'
    )
    parts = ["# a term base\nversion: 1\nversion: 1\nconcepts:\n"]  # a duplicate key before the list
    for n in range(12):
        text = concept.format(n=n)
        if n == 3:
            text = text.replace("  domain: test\n", "  domain: test\n  domain: twice\n")  # a duplicate key
        if n == 5:
            text = text.replace("id: c5", "id: C 5").replace("  domain", "  domian")  # a bad id, an unknown key
        if n == 7:
            text = text.replace("    de: [Begriff7]\n", "    de: Begriff7\n")  # not a list
        if n == 9:
            text = "\n# a comment between concepts\n\n" + text
        parts.append(text)
    parts.append("extra: key\nextra: again\n")  # after the list: an unknown key, twice
    path = tmp_path / "big.yaml"
    path.write_text("".join(parts), encoding="utf-8")
    monkeypatch.setattr(load_mod, "_PART", 5)
    monkeypatch.setattr(load_mod, "PARTS_FROM", 1 << 60)
    whole = _everything(load_mod.read_file(path))
    monkeypatch.setattr(load_mod, "PARTS_FROM", 0)
    text = path.read_text(encoding="utf-8")
    assert load_mod._read_in_parts(text, str(path)) is not None
    assert _everything(load_mod.read_file(path)) == whole
    assert len(whole[0]) == 12 and len(whole[1]) >= 5, whole[1]  # every kind of problem is there
    assert [c.id for c, *_ in whole[0]][:3] == ["c0", "c1", "c2"]

    # An anchor and its alias in two parts, and a syntax error in the last part: read whole.
    anchored = text.replace("  domain: test\n", "  domain: &d test\n", 1).replace(
        "  domain: test\n", "  domain: *d\n", 1
    )
    assert load_mod._read_in_parts(anchored, "x") is None
    broken = text.replace("- id: c11\n", "- id: c11\n  terms: [unclosed\n")
    assert load_mod._read_in_parts(broken, "x") is None
    outdented = "concepts:\n  - id: a\n    note: this is\n continued\n    terms: {en: [A]}\n"  # not YAML
    assert load_mod._read_in_parts(outdented, "x") is None
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(GlossaryError) as in_parts:
        load_mod.read_file(path)
    monkeypatch.setattr(load_mod, "PARTS_FROM", 1 << 60)
    with pytest.raises(GlossaryError) as read_whole:
        load_mod.read_file(path)
    assert str(in_parts.value) == str(read_whole.value)
