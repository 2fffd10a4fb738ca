"""`termcheck compare A B` on the two seed articles that carry the same speech: the English statement
(002) and the Portuguese news story (000), a rewrite that drops, merges and reorders paragraphs."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import Run

EN = "seeds/002_cbbd704be0d123c1.txt"
PT = "seeds/000_bbfeb18460988360.txt"


def test_compare_the_seed_speech_in_english_and_portuguese(run: Run) -> None:
    res = run("compare", EN, PT, "--format", "json")
    assert res.code == 1
    c = res.json["compare"]
    assert (c["a"]["language"], c["b"]["language"]) == ("en", "pt")
    pairs = [(p["a_lines"], p["b_lines"]) for p in c["alignment"]]
    # the paragraphs a reader pairs: peace and security, peacekeeping, the peacekeeping forces, the
    # mine clearance teams, "other areas of joint work"
    for pair in ([31], [11]), ([33], [13]), ([35], [15, 17]), ([37], [19]), ([39], [21]):
        assert pair in pairs
    missing = [(f["path"], f["line"], f["concept"]) for f in c["findings"] if f["rule"] == "missing-term"]
    assert (PT, 19, "mine-clearance") in missing  # 000 garbles it into "unidadesminagem"
    mine = next(f for f in c["findings"] if f["concept"] == "mine-clearance")
    assert (mine["source_path"], mine["source_line"], mine["source_term"]) == (EN, 37, "mine clearance")
    assert mine["suggestions"] == ["desminagem"]
    foreign = [f for f in c["findings"] if f["rule"] == "foreign-rendering"]
    assert len(foreign) == 13 and {f["path"] for f in foreign} == {PT}  # 000's CSTO; 002's CSTO is English
    concepts = {e["concept"]: e for e in c["concepts"]}
    assert {o["text"] for o in concepts["csto"]["b"]} == {"CSTO"}
    assert {o["verdict"] for o in concepts["csto"]["b"]} == {"foreign"}
    assert {o["text"] for o in concepts["belarus"]["a"]} == {"Belarus"}
    assert {o["text"] for o in concepts["belarus"]["b"]} == {"Bielorrússia"}
    assert concepts["mine-clearance"]["b"] == []


def test_compare_text_output_and_given_languages(run: Run) -> None:
    res = run("compare", EN, PT, "--lang-a", "en", "--lang-b", "pt")
    assert res.code == 1
    assert res.out.startswith(f"{EN} (English, 24 paragraphs) and {PT} (Portuguese, 13 paragraphs)")
    assert "mine-clearance" in res.out and "mine clearance 1×  |  —" in res.out
    assert f"{PT}:19:1: TC301 missing-term the English text has 'mine clearance'" in res.out
    assert "Found" in res.err and "missing-term" in res.err


def test_compare_bad_input_is_one_line(run: Run, tmp_path: Path) -> None:
    res = run("compare", EN, str(tmp_path / "absent.txt"))
    assert res.code == 2 and res.out == ""
    assert res.err.strip().count("\n") == 0 and "absent.txt" in res.err
    bad = tmp_path / "bad.po"
    bad.write_text('msgid "a"\nmsgstr "b\n', encoding="utf-8")
    res = run("compare", EN, str(bad))
    assert res.code == 2 and "bad.po" in res.err and "Traceback" not in res.err
    res = run("compare", EN, PT, "--lang-a", "xx-nonsense")
    assert res.code == 2 and "--lang-a" in res.err


def test_a_paragraph_with_no_anchor_is_paired_by_position(run: Run, tmp_path: Path) -> None:
    (tmp_path / "ru.txt").write_text(
        "Генеральный секретарь ОДКБ Станислав Зась прибыл в Ереван.\n\n"
        "Ожидается, что стороны обсудят актуальные вопросы и подпишут несколько документов.\n\n"
        "Саммит ОДКБ пройдет 23 ноября.\n",
        encoding="utf-8",
    )
    (tmp_path / "de.txt").write_text(
        "Der OVKS-Generalsekretär Stanislaw Sas ist in Jerewan eingetroffen.\n\n"
        "Die Seiten werden voraussichtlich aktuelle Fragen der OVKS erörtern und Dokumente unterzeichnen.\n\n"
        "Der OVKS-Gipfel findet am 23. November statt.\n",
        encoding="utf-8",
    )
    res = run("compare", "ru.txt", "de.txt", "--format", "json", cwd=tmp_path)
    c = res.json["compare"]
    assert [(p["a_lines"], p["b_lines"]) for p in c["alignment"]] == [([1], [1]), ([3], [3]), ([5], [5])]
    assert c["alignment"][1]["score"] == 0  # no shared concept, number or stem: by position
    missing = [(f["path"], f["line"], f["concept"]) for f in c["findings"] if f["rule"] == "missing-term"]
    assert missing == [("ru.txt", 3, "csto")]  # the German adds "der OVKS"


def test_compare_takes_lints_output_and_exit_options(run: Run, tmp_path: Path) -> None:
    """-q, -o FILE (written whole, or not at all), --exit-zero and --fail-level, as `lint` takes them."""
    from termcheck import __version__

    report = tmp_path / "compare.json"
    res = run("compare", EN, PT, "--format", "json", "-q", "-o", str(report))
    assert res.code == 1 and res.out == "" and res.err == ""
    data = json.loads(report.read_text(encoding="utf-8"))
    assert (data["schema_version"], data["version"]) == (1, __version__)
    assert any(f["concept"] == "mine-clearance" for f in data["compare"]["findings"])
    text = tmp_path / "compare.txt"
    res = run("compare", EN, PT, "--output-file", str(text))
    assert res.code == 1 and res.out == "" and "Found 26 findings (8 missing-term) in 2 files." in res.err
    assert f"{PT}:19:1: TC301 missing-term" in text.read_text(encoding="utf-8")
    assert "\x1b[" not in text.read_text(encoding="utf-8")
    gone = tmp_path / "gone.json"
    res = run("compare", EN, str(tmp_path / "absent.txt"), "--format", "json", "-o", str(gone))
    assert res.code == 2 and not gone.exists()
    # every finding of the pair is a warning: they fail at warning (the default) and info, not at error
    severities = {f["severity"] for f in data["compare"]["findings"]}
    assert severities == {"warning"}
    assert run("compare", EN, PT, "--fail-level", "error", "-q").code == 0
    assert run("compare", EN, PT, "--fail-level", "info", "-q").code == 1
    assert run("compare", EN, PT, "--exit-zero", "-q").code == 0
    assert run("compare", EN, PT, "-o", "-", "-q").out.startswith(f"{EN} (English, 24 paragraphs)")


def test_compare_warns_of_a_file_compared_with_itself_or_one_language(run: Run, tmp_path: Path) -> None:
    itself = run("compare", PT, f"seeds/../{PT}", "--format", "json")
    warning = f"warning: {PT} and seeds/../{PT} are the same file"
    assert itself.err.startswith(warning) and itself.err.count("warning:") == 1
    assert json.loads(itself.out)["compare"]["a"]["language"] == "pt"  # and the comparison is still made
    other_pt = "seeds/001_dab0a07f79a0557f.txt"
    both = run("compare", PT, other_pt, "-q")
    assert both.err.strip() == (f"warning: {PT} and {other_pt} are both in Portuguese (pt): compare is for a text "
                                "and its translation into another language (--lang-a and --lang-b give their "
                                "languages)")  # fmt: skip
    given = run("compare", EN, PT, "--lang-a", "de", "--lang-b", "de", "-q")
    assert "are both in German (de)" in given.err
    assert "warning" not in run("compare", EN, PT, "-q").err
