"""termcheck in a real repository: configuration, suppressions, baselines, fixes, CI formats, jobs, cache."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from conftest import ROOT, Run

PT = "A CSTO defende a cooperação.\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- configuration -----------------------------------------------------------------------------------


def test_include_exclude_and_gitignore(run: Run, tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.termcheck]\nlanguage = {"**" = "pt"}\nexclude = ["drafts/"]\n'
                                       'include = ["*.txt", "*.html"]\n')  # fmt: skip
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".gitignore", "build/\n*.tmp.txt\n")
    for name in ("a.txt", "b.html", "c.md", "drafts/d.txt", "build/e.txt", "f.tmp.txt", "sub/g.txt"):
        write(tmp_path / name, PT)
    res = run("lint", ".", "--format", "json", cwd=tmp_path)
    assert res.out, res.err
    assert [f["path"] for f in res.json["files"]] == ["a.txt", "b.html", "sub/g.txt"]
    named = run("lint", "drafts/d.txt", "c.md", "--format", "json", cwd=tmp_path)
    assert [f["path"] for f in named.json["files"]] == ["c.md"]  # a named file is checked unless excluded


def test_per_file_ignores_severity_and_fail_level(run: Run, tmp_path: Path) -> None:
    write(tmp_path / ".termcheck.toml", 'language = {"**" = "pt"}\n[per-file-ignores]\n"legacy/*" = ["TC101"]\n'
                                        '[severity]\nforeign-rendering = "info"\ndoubled-word = "error"\n')  # fmt: skip
    write(tmp_path / "legacy" / "old.txt", PT)
    write(tmp_path / "new.txt", PT)
    res = run("lint", ".", "--format", "json", cwd=tmp_path)
    assert [(f["path"], f["rule"], f["severity"]) for f in res.json["findings"]] == [
        ("new.txt", "foreign-rendering", "info")
    ]
    assert res.code == 0  # info is below the default fail level (warning)
    assert run("lint", ".", "--fail-level", "info", cwd=tmp_path).code == 1
    write(tmp_path / "new.txt", "como como\n")
    assert run("lint", ".", "--fail-level", "error", cwd=tmp_path).code == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('languages = {"*" = "de"}\n', "unknown key 'languages' (did you mean 'language'?)"),
        (
            'fail-level = "warn"\n',
            "key 'fail-level': 'warn' is not one of error, warning, info (did you mean 'warning'?)",
        ),
        ('[severity]\nforeign-rendring = "info"\n', "unknown rule 'foreign-rendring'"),
        ('[language]\n"*.txt" = "german"\n', "'german' is not a BCP 47 language tag"),
        ('select = "TC1\n', "invalid TOML"),
    ],
)
def test_bad_configuration(run: Run, tmp_path: Path, content: str, message: str) -> None:
    write(tmp_path / ".termcheck.toml", content)
    write(tmp_path / "a.txt", PT)
    res = run("lint", "a.txt", cwd=tmp_path)
    assert res.code == 2
    assert res.err.startswith("error: ") and ".termcheck.toml: " in res.err and message in res.err
    assert len(res.err.strip().splitlines()) == 1


# --- baseline -------------------------------------------------------------------------------------------


def test_baseline_reports_only_new_findings(run: Run, tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "Primeiro.\n" + PT)
    wrote = run("lint", "a.txt", "--lang", "pt", "--write-baseline", "baseline.json", cwd=tmp_path)
    assert wrote.code == 0 and "Wrote 1 finding(s)" in wrote.err
    entries = json.loads((tmp_path / "baseline.json").read_text())["findings"]
    assert [(e["rule"], e["text"]) for e in entries] == [("foreign-rendering", "CSTO")]
    # Unrelated edits move the old finding; a new one is added.
    write(tmp_path / "a.txt", "Título novo.\n\nPrimeiro.\n" + PT + "E o SCO também.\n")
    res = run("lint", "a.txt", "--lang", "pt", "--baseline", "baseline.json", "--format", "json", cwd=tmp_path)
    assert [(f["line"], f["text"]) for f in res.json["findings"]] == [(5, "o"), (5, "SCO")]
    assert "1 more recorded in the baseline" in res.err
    (tmp_path / "bad.json").write_text("{}")
    bad = run("lint", "a.txt", "--lang", "pt", "--baseline", "bad.json", cwd=tmp_path)
    assert bad.code == 2 and "bad.json: not a termcheck baseline" in bad.err


# --- fixes --------------------------------------------------------------------------------------------------


def test_fix_writes_safe_fixes_and_holds_back_unsafe(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(codecs.BOM_UTF8 + b"O potencial do CSTO.\r\nBem como da da outra vez.\r\n")
    res = run("lint", "a.txt", "--lang", "pt", "--fix", cwd=tmp_path)
    # "do CSTO" → "do OTSC" would leave a wrong article: that fix is unsafe, like the article's own.
    assert path.read_bytes() == codecs.BOM_UTF8 + b"O potencial do CSTO.\r\nBem como da outra vez.\r\n"
    assert "Fixed 1 finding." in res.err and "2 more fixes held back as unsafe" in res.err
    assert res.code == 1  # the gender and foreign-rendering findings remain
    again = run("lint", "a.txt", "--lang", "pt", "--fix", cwd=tmp_path)
    assert "Fixed 0 findings." in again.err
    assert path.read_bytes() == codecs.BOM_UTF8 + b"O potencial do CSTO.\r\nBem como da outra vez.\r\n"
    unsafe = run("lint", "a.txt", "--lang", "pt", "--fix", "--unsafe-fixes", cwd=tmp_path)
    assert unsafe.code == 0
    assert path.read_bytes() == codecs.BOM_UTF8 + b"O potencial da OTSC.\r\nBem como da outra vez.\r\n"


def test_fix_keeps_utf16_and_capitals(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "de.txt"
    path.write_bytes(codecs.BOM_UTF16_BE + "YEREVAN (BelTA) - Die CSTO tagte.\n".encode("utf-16-be"))
    run("lint", "de.txt", "--lang", "de", "--fix", cwd=tmp_path)
    assert path.read_bytes() == codecs.BOM_UTF16_BE + "JEREWAN (BelTA) - Die OVKS tagte.\n".encode("utf-16-be")
    assert not list(tmp_path.glob(".*termcheck-tmp"))


def test_diff_prints_and_does_not_write(run: Run, tmp_path: Path) -> None:
    write(tmp_path / "a.txt", PT)
    res = run("lint", "a.txt", "--lang", "pt", "--diff", cwd=tmp_path)
    assert res.code == 1
    assert res.out.splitlines() == ["--- a/a.txt", "+++ b/a.txt", "@@ -1 +1 @@", "-A CSTO defende a cooperação.",
                                    "+A OTSC defende a cooperação."]  # fmt: skip
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == PT


# --- CI output ------------------------------------------------------------------------------------------


def test_sarif_is_valid_sarif_2_1_0(run: Run, tmp_path: Path) -> None:
    import jsonschema

    write(tmp_path / "a.txt", "O potencial do CSTO.\n")
    res = run("lint", "a.txt", "missing.txt", "--lang", "pt", "--format", "sarif", cwd=tmp_path)
    sarif = json.loads(res.out)
    schema = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text())
    jsonschema.validate(sarif, schema)
    run0 = sarif["runs"][0]
    assert run0["columnKind"] == "unicodeCodePoints"
    rules = run0["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules][:2] == ["TC101", "TC102"] and rules[0]["name"] == "foreign-rendering"
    assert all(r["shortDescription"]["text"] and r["fullDescription"]["text"] and r["help"]["text"] for r in rules)
    results = [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startColumn"]) for r in run0["results"]]
    assert results == [("TC105", 13), ("TC101", 16)]
    assert run0["invocations"][0]["executionSuccessful"] is False


def test_github_annotations(run: Run, tmp_path: Path) -> None:
    write(tmp_path / "a.txt", PT)
    res = run("lint", "a.txt", "--lang", "pt", "--format", "github", cwd=tmp_path)
    assert res.out == (
        "::warning file=a.txt,line=1,col=3,endLine=1,endColumn=7,title=TC101 foreign-rendering::"
        "TC101 'CSTO' is the English rendering of concept 'csto'; in Portuguese use 'OTSC'\n"
    )


def test_quiet_and_statistics(run: Run, tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "O potencial do CSTO e do CSTO. Como como.\n")
    res = run("lint", "a.txt", "--lang", "pt", "--quiet", "--statistics", "--format", "json", cwd=tmp_path)
    assert res.err == ""
    tail = res.out[res.out.rindex("}") + 1 :].strip("\n").splitlines()
    # ruff's habit: `[*]` only for what --fix applies; these fixes are all unsafe (issue 24)
    assert tail == ["     2  TC101  foreign-rendering            2 fixable with --unsafe-fixes",
                    "     2  TC105  gender-agreement             2 fixable with --unsafe-fixes",
                    "     1  TC106  doubled-word                 1 fixable with --unsafe-fixes"]  # fmt: skip


# --- scale ------------------------------------------------------------------------------------------------


def test_jobs_give_the_same_output_as_one_process(run: Run) -> None:
    one = run("lint", "seeds", "--jobs", "1", "--format", "json")
    two = run("lint", "seeds", "--jobs", "2", "--format", "json")
    assert one.out == two.out and one.code == two.code == 1


def test_cache_is_used_and_a_corrupt_cache_is_rebuilt(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TERMCHECK_CACHE_DIR", str(tmp_path / "cache"))
    write(tmp_path / "a.txt", PT)
    first = run("lint", "a.txt", "--lang", "pt", "--format", "json", cwd=tmp_path)
    files = list((tmp_path / "cache").glob("index-*.bin"))
    assert len(files) == 1
    files[0].write_bytes(b"not a pickle")
    second = run("lint", "a.txt", "--lang", "pt", "--format", "json", cwd=tmp_path)
    assert second.out == first.out
    assert files[0].read_bytes() != b"not a pickle"
    write(tmp_path / "g.yaml", "concepts:\n- id: w\n  terms: {pt: [OTSC2]}\n")
    run("lint", "a.txt", "--glossary", "g.yaml", "--lang", "pt", cwd=tmp_path)
    assert len(list((tmp_path / "cache").glob("index-*.bin"))) == 2


# --- PO files -------------------------------------------------------------------------------------------------

PO = """# Portuguese translation
msgid ""
msgstr ""
"Language: pt_BR\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

#: src/a.c:10
msgid "The CSTO Secretary General"
msgstr "O Secretário-Geral da CSTO"

# termcheck: ignore
msgid "CSTO"
msgstr "CSTO"

msgid "Member states"
msgstr ""
"Os Estados-membros da "
"CSTO e do CSTO"
"""


def test_po_translations_are_checked_where_they_stand(run: Run, tmp_path: Path) -> None:
    write(tmp_path / "pt.po", PO)
    res = run("lint", "pt.po", "--format", "json", cwd=tmp_path)
    assert res.json["files"][0]["language"] == "pt-BR" and res.json["files"][0]["language_source"] == "po-header"
    got = [(f["line"], f["column"], f["rule"], f["text"]) for f in res.json["findings"]]
    assert got == [(9, 31, "foreign-rendering", "CSTO"), (18, 2, "foreign-rendering", "CSTO"),
                   (18, 9, "gender-agreement", "do"), (18, 12, "foreign-rendering", "CSTO")]  # fmt: skip
    run("lint", "pt.po", "--fix", cwd=tmp_path)
    import polib

    fixed = {e.msgid: e.msgstr for e in polib.pofile(str(tmp_path / "pt.po"))}
    assert fixed["The CSTO Secretary General"] == "O Secretário-Geral da OTSC"
    assert fixed["CSTO"] == "CSTO"
    assert fixed["Member states"] == "Os Estados-membros da OTSC e do CSTO"  # the article must change too: unsafe


def test_an_invalid_po_file_is_an_error(run: Run, tmp_path: Path) -> None:
    write(tmp_path / "bad.po", 'msgid "a"\nfoo bar\n')
    write(tmp_path / "ok.txt", PT)
    res = run("lint", "bad.po", "ok.txt", "--lang", "pt", "--format", "json", cwd=tmp_path)
    assert res.code == 2
    assert res.json["errors"] == [
        {"path": "bad.po", "message": "invalid PO file: syntax error at 'foo bar'", "line": 2}
    ]
    assert "error: bad.po:2: invalid PO file: syntax error at 'foo bar'" in res.err
    assert [f["path"] for f in res.json["findings"]] == ["ok.txt"]
