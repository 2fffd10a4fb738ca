"""Hostile corners (issue 21): inputs whose cost grew with the square of a word's length or of a
source's mentions of a term, and findings that made memory grow without bound. Timings are measured in
bench/bench_corners.py; here the sizes are modest and a subprocess timeout guards against a hang."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import Run
from termcheck.config import Config
from termcheck.engine import lint
from termcheck.glossary.cache import load_index
from termcheck.pipeline import Settings, read_source, views
from termcheck.resources import Resources
from termcheck.rules import lookup
from termcheck.rules.contract import Cap
from termcheck.text.wordlist import is_word, known_words

HANG_GUARD = 20  # seconds: the cases below take about one; before issue 21, from 25 s to minutes


def _lint_process(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`termcheck lint` as a separate process, killed if it runs past HANG_GUARD."""
    return subprocess.run([sys.executable, "-m", "termcheck", "lint", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=HANG_GUARD)  # fmt: skip


def _capped(folder: Path, limit: int | str, extra: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ".termcheck.toml").write_text(f"max-findings-per-file = {limit}\n{extra}", encoding="utf-8")
    return folder


# --- a word far longer than any term ------------------------------------------------------------------------


def test_a_word_far_longer_than_any_term_is_no_typo_and_takes_linear_time(tmp_path: Path) -> None:
    """300,000 letters took term-typo 30-45 s (the word less each of its letters, then the word lists'
    compound splitting): a word far longer than every term word is now no slip, asked about once."""
    long_word = "Kasachstan" * 30_000
    (tmp_path / "x.txt").write_text(f"Die Kasachtan-Mission tagte.\n{long_word} und {long_word.lower()}\n", "utf-8")
    res = _lint_process(tmp_path, "x.txt", "--lang", "de", "--format", "json")
    assert res.returncode == 1, res.stderr
    found = [(f["rule"], f["line"], f["text"]) for f in json.loads(res.stdout)["findings"]]
    assert found == [("term-typo", 1, "Kasachtan")]  # the slip beside it is still one


def test_the_near_miss_lookups_refuse_a_word_beyond_any_terms_reach() -> None:
    """Every look-up of term-typo's index answers nothing for a word longer than a slip of a term can be
    (a transliteration included: doubled letters collapse in a skeleton, thousands of them do not count)."""
    loaded = load_index(["builtin"])
    assert isinstance(loaded, tuple), loaded
    _glossary, index = loaded
    typos = index.typos
    assert [c.entry.term.text for c in typos.transliteration("Sotschi", "de")]  # Сочи, Sochi, …
    for word in ("Sotsch" + "i" * 5_000, "kasachstan" * 1_000):
        assert not typos.within_reach(word)
        assert typos.fuzzy(word, "de") == typos.transliteration(word, "de") == typos.case_slip(word, "de") == []
    assert typos.within_reach("Friedenssicherungskräfte")


def test_the_word_lists_split_compounds_in_time_linear_in_the_word() -> None:
    """A compound is looked for among its first letters only as far as a listed word reaches: a word of
    300,000 letters is no compound at once; real compounds still are."""
    words = known_words("de")
    if words is None:
        pytest.skip("pyspellchecker's German list is not installed")
    assert is_word("außenministerrates", "de", words) and is_word("informationssicherheit", "de", words)
    assert not is_word("kasachstan" * 30_000, "de", words)
    assert not is_word("minister" * 40_000, "de", words)  # listed words all the way: still more than five parts


# --- a source that names a term thousands of times -------------------------------------------------------


def _po(units: list[tuple[str, str]]) -> str:
    head = 'msgid ""\nmsgstr ""\n"Language: de\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    return head + "".join(f'msgid "{source}"\nmsgstr "{target}"\n\n' for source, target in units)


def test_missing_term_is_linear_in_the_mentions_of_a_bilingual_source(tmp_path: Path) -> None:
    """missing-term looked back from every mention to the start of the source (the word before it, to
    tell a verb), and over every match of the file for every unit: one unit naming the CSTO 1,500 times
    took 25 s, and 10,000 units naming it once a minute. Each mention now costs the same."""
    units = [("The CSTO met in Minsk. " * 1_500, "Die Organisation tagte in Minsk. " * 1_500)]
    units += [(f"The CSTO met in Minsk {i}.", f"Die Organisation tagte in Minsk {i}.") for i in range(500)]
    (tmp_path / "de.po").write_text(_po(units), encoding="utf-8")
    res = _lint_process(tmp_path, "de.po", "--select", "missing-term", "--format", "json")
    assert res.returncode == 1, res.stderr
    report = json.loads(res.stdout)
    assert report["summary"]["findings"] == 501
    assert "'CSTO' (concept csto) 1500×, the target 0×" in report["findings"][0]["message"]


def test_missing_term_tells_a_verb_by_the_word_just_before_it(run: Run, tmp_path: Path) -> None:
    """The word before a term is read off the few characters before it: "to file a report" is a verb;
    a long word that merely ends in "to" is not "to", nor is "to" far away."""
    (tmp_path / "g.yaml").write_text(
        "concepts:\n- id: file\n  terms: {en: [{term: file, case: ignore}], de: [Datei]}\n", encoding="utf-8"
    )
    # The second: the look-back begins inside "pronto", at its "to"; the third: "to", then 40 spaces.
    sources = ["You may need to file a bug report.", "pronto" + " " * 30 + "file a report.",
               "to" + " " * 40 + "file a report."]  # fmt: skip
    (tmp_path / "de.po").write_text(_po([(s, "Bitte erstellen Sie einen Bericht.") for s in sources]), "utf-8")
    res = run("lint", "de.po", "-g", "g.yaml", "--select", "missing-term", "--format", "json", cwd=tmp_path)
    assert res.code == 1, res.err
    assert [f["line"] for f in res.json["findings"]] == [10, 13]  # the second and third units, not the first


# --- memory that grew with the findings --------------------------------------------------------------------


def test_findings_past_the_cap_are_counted_not_kept(run: Run, tmp_path: Path) -> None:
    """max-findings-per-file: the file's first findings are reported, the others counted, with a located
    note; the counts (per file, per rule, in the summary) and the exit code are those of every finding."""
    _capped(tmp_path, 50)
    (tmp_path / "x.txt").write_text("a CSTO\n" * 120, encoding="utf-8")
    res = run("lint", "x.txt", "--lang", "pt", "--format", "json", cwd=tmp_path)
    assert res.code == 1
    report = res.json
    assert [f["line"] for f in report["findings"]] == list(range(1, 51))
    assert report["files"][0]["findings"] == 120 and report["files"][0]["not_shown"] == 70
    assert report["summary"] | {"by_rule": None} == {"files": 1, "findings": 120, "errors": 0, "by_rule": None,
                                                      "not_shown": 70}  # fmt: skip
    assert report["summary"]["by_rule"] == {"foreign-rendering": 120}
    assert "note: x.txt: 70 more findings not shown (max-findings-per-file = 50)\n" in res.err
    text = run("lint", "x.txt", "--lang", "pt", "--statistics", cwd=tmp_path)
    assert "   120  TC101  foreign-rendering" in text.out and "Found 120 findings in 1 of 1 file." in text.err
    assert text.out.count("x.txt:") == 0 and text.code == 1  # --statistics prints the table, not the findings


def test_the_cap_keeps_the_first_findings_of_the_file_whatever_their_rule(run: Run, tmp_path: Path) -> None:
    _capped(tmp_path, 50)
    (tmp_path / "x.txt").write_text("um um CSTO\n" * 20 + "o CSTO\n" * 60, encoding="utf-8")
    report = run("lint", "x.txt", "--lang", "pt", "--format", "json", cwd=tmp_path).json
    shown = [(f["line"], f["column"], f["rule"]) for f in report["findings"]]
    assert len(shown) == 50 and shown[-1][0] == 17  # three a line: um um (doubled), um (gender), CSTO
    assert {rule for _line, _col, rule in shown} == {"doubled-word", "foreign-rendering", "gender-agreement"}
    assert report["summary"]["by_rule"] == {"doubled-word": 20, "foreign-rendering": 80, "gender-agreement": 80}
    assert report["summary"]["not_shown"] == 180 - 50


def test_a_suppression_comment_past_the_cap_still_suppresses(run: Run, tmp_path: Path) -> None:
    """A finding past the cap that a comment suppresses is not counted, and the comment is used."""
    _capped(tmp_path, 50)
    lines = ["a CSTO"] * 100 + ["a CSTO  # termcheck: ignore[foreign-rendering]"] * 10 + ["a CSTO"] * 10
    (tmp_path / "x.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = run("lint", "x.txt", "--lang", "pt", "--format", "json", cwd=tmp_path).json
    assert report["summary"]["findings"] == 110 and report["summary"]["not_shown"] == 60
    assert {f["rule"] for f in report["findings"]} == {"foreign-rendering"}  # no unused suppression


def test_the_exit_code_and_severities_count_the_findings_not_shown(run: Run, tmp_path: Path) -> None:
    """Only an info finding is shown; the warnings past the cap still fail the run, in a report written
    file by file and in one collected (--statistics) alike; configured severities apply to them."""
    folder = _capped(tmp_path / "warn", 1, '[severity]\ndoubled-word = "info"\n')
    (folder / "x.txt").write_text("um um\n" + "a CSTO\n" * 5, encoding="utf-8")
    for extra in ((), ("--statistics",)):
        res = run("lint", "x.txt", "--lang", "pt", *extra, cwd=folder)
        assert res.code == 1 and "5 more findings not shown" in res.err
    folder = _capped(tmp_path / "info", 1, '[severity]\ndoubled-word = "info"\nforeign-rendering = "info"\n')
    (folder / "x.txt").write_text("um um\n" + "a CSTO\n" * 5, encoding="utf-8")
    for extra in ((), ("--statistics",)):
        assert run("lint", "x.txt", "--lang", "pt", *extra, cwd=folder).code == 0


def test_the_json_report_with_capped_files_is_the_same_written_file_by_file_or_collected(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from termcheck.app import lint as app

    _capped(tmp_path, 5)
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.txt").write_text("a CSTO\n" * 12, encoding="utf-8")
    streamed = run("lint", "a", "b", "--lang", "pt", "--format", "json", cwd=tmp_path)
    with monkeypatch.context() as m:
        m.setattr(app, "_can_stream", lambda *a: False)
        collected = run("lint", "a", "b", "--lang", "pt", "--format", "json", cwd=tmp_path)
    assert (streamed.code, streamed.out, streamed.err) == (collected.code, collected.out, collected.err)
    assert streamed.code == 1
    assert len(streamed.json["findings"]) == 10 and streamed.json["summary"]["findings"] == 24
    assert streamed.err.count("7 more findings not shown") == 2


def test_max_findings_per_file_zero_is_no_cap_and_a_bad_value_is_a_located_error(run: Run, tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("a CSTO\n" * 30, encoding="utf-8")
    _capped(tmp_path, 0)
    res = run("lint", "x.txt", "--lang", "pt", "--format", "json", cwd=tmp_path)
    assert len(res.json["findings"]) == 30 and "not_shown" not in res.json["summary"] and "note:" not in res.err
    for bad in ("-1", '"many"', "true", "1.5"):
        _capped(tmp_path, bad)
        res = run("lint", "x.txt", "--lang", "pt", cwd=tmp_path)
        assert res.code == 2 and res.out == ""
        assert res.err.startswith("error: ") and "key 'max-findings-per-file': expected a whole number" in res.err
        assert res.err.count("\n") == 1


def test_a_rule_past_the_cap_holds_one_shared_stand_in_not_a_finding_each() -> None:
    """Memory stays flat: past the cap a rule gets back the same stand-in object for every finding,
    and the stand-ins are counted, by rule and severity, not kept."""
    loaded = load_index(["builtin"])
    assert isinstance(loaded, tuple), loaded
    _glossary, index = loaded
    settings = Settings(Config(), tuple(lookup("foreign-rendering")), "pt")
    doc = views(read_source("x.txt", "a CSTO " * 3_000, settings), ("pt", "option", None), settings)[0]
    cap = Cap(10)
    ctx, findings = lint(doc, index, list(settings.rules), Resources.for_index(index), cap)
    assert len(findings) == 10 and [f.span.column for f in findings] == [3 + 7 * i for i in range(10)]
    assert [(f.rule, n) for f, n in cap.not_shown.items()] == [("foreign-rendering", 2_990)]
    ctx.cap = Cap(10)
    made = lookup("foreign-rendering")[0].check(ctx, lookup("foreign-rendering")[0])
    assert len(made) == 3_000 and len({id(f) for f in made}) == 11


def test_thousands_of_suppression_comments_cost_linear_time_and_take_no_room_under_the_cap(tmp_path: Path) -> None:
    """Each finding is measured against the comments on its own line (once findings × comments: 8,000
    pairs took 106 s); a suppressed finding does not use up the room of max-findings-per-file."""
    pairs = 3000
    (tmp_path / "a.md").write_text(
        "A CSTO defende. <!-- termcheck: ignore[TC101] -->\nO CSTO.\n" * pairs, encoding="utf-8"
    )
    (tmp_path / ".termcheck.toml").write_text("max-findings-per-file = 1000\n", encoding="utf-8")
    done = _lint_process(tmp_path, "a.md", "--lang", "pt", "--format", "json", "-o", "r.json")
    assert done.returncode == 1, done.stderr
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert len(report["findings"]) == 1000 and report["summary"]["findings"] == 2 * pairs
    assert all(f["line"] % 2 == 0 for f in report["findings"])  # the commented lines' CSTO stays silent
