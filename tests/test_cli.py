"""The command line as a user meets it: output formats, exit codes, selection, configuration."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, SEEDS, Run, run_process, sphinx_catalogues
from termcheck.app.rules import rules_markdown
from termcheck.rules import DOC_SECTIONS, RULES

PT = "A OTSC e o CSTO. Bem como como antes.\n"


def test_text_output_has_location_code_caret_and_summary(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(PT, encoding="utf-8")
    result = run("lint", "a.txt", "--lang", "pt", cwd=tmp_path)
    assert result.code == 1
    lines = result.out.splitlines()
    assert (
        lines[0] == "a.txt:1:10: TC105 gender-agreement 'o' does not agree with 'CSTO': concept 'csto' is "
        "feminine in Portuguese; write 'a'"
    )
    assert lines[1] == "    A OTSC e o CSTO. Bem como como antes."
    assert lines[2] == "             ^"
    assert lines[3].startswith("a.txt:1:12: TC101 foreign-rendering 'CSTO'")
    assert lines[5] == "               ^^^^"
    assert "\x1b[" not in result.out  # no colour when not on a terminal
    assert "Found 3 findings in 1 of 1 file." in result.err
    # The summary says what the findings above do not: counts by rule (three rules); not by file (one).
    assert "TC101 foreign-rendering" in result.err.split("By rule:")[1] and "By file:" not in result.err
    elsewhere = run("lint", "a.txt", "--lang", "pt", "-o", "r.json", "--format", "json", cwd=tmp_path)
    assert "a.txt" in elsewhere.err.split("By file:")[1]  # the findings went to a file: both counts


def _on_terminal(
    args: list[str],
    cwd: Path,
    env: dict[str, str],
    stream: str = "stderr",
    command: tuple[str, ...] = ("-m", "termcheck"),
) -> bytes:
    """What `termcheck ARGS` writes to `stream` (stdout or stderr) when that is a terminal (a pty); `command`
    is what runs termcheck in Python (`-c CODE`, say)."""
    import os
    import pty
    import select
    import subprocess
    import sys

    master, slave = pty.openpty()
    where = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, stream: slave}
    proc = subprocess.Popen(
        [sys.executable, *command, *args], cwd=cwd, env=env, stdout=where["stdout"], stderr=where["stderr"]
    )
    os.close(slave)
    out = b""
    while True:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                data = os.read(master, 65536)
            except OSError:
                break
            if not data:
                break
            out += data
        elif proc.poll() is not None:
            break
    proc.wait()
    os.close(master)
    return out


def test_no_color_and_force_color(tmp_path: Path) -> None:
    """NO_COLOR turns colour off even on a terminal; FORCE_COLOR turns it on even into a pipe;
    --color always/never wins over both."""
    import os
    import subprocess
    import sys

    (tmp_path / "a.txt").write_text(PT, encoding="utf-8")
    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    args = ["lint", "a.txt", "--lang", "pt"]

    def piped(env: dict[str, str], *extra: str) -> str:
        return subprocess.run([sys.executable, "-m", "termcheck", *args, *extra], cwd=tmp_path, env=env,
                              capture_output=True, text=True, check=False).stdout  # fmt: skip

    assert b"\x1b[" in _on_terminal(args, tmp_path, base, "stdout")
    assert b"\x1b[" not in _on_terminal(args, tmp_path, {**base, "NO_COLOR": "1"}, "stdout")
    assert b"\x1b[" in _on_terminal([*args, "--color", "always"], tmp_path, {**base, "NO_COLOR": "1"}, "stdout")
    assert "\x1b[" not in piped(base)
    assert "\x1b[" in piped({**base, "FORCE_COLOR": "1"})
    assert "\x1b[" not in piped({**base, "FORCE_COLOR": "1"}, "--color", "never")


# termcheck with the bar's delay (termcheck.progress.AFTER_SECONDS) at nought: the bar is drawn from the first
# file on, wherever it is wanted, so that a short run shows where it is not.
_NO_DELAY = ("-c", "import sys, termcheck.progress as p; p.AFTER_SECONDS = 0.0; from termcheck.cli import main; "
                   "sys.exit(main(sys.argv[1:]))")  # fmt: skip


def test_a_long_run_shows_progress_on_a_terminal_only(tmp_path: Path) -> None:
    """Past a second, on a terminal: files done of all, findings so far, the rate; never under CI, with
    --quiet, or when stderr is not a terminal. The line is cleared before the summary. The long run is a
    real one (250 files: some seconds). The runs that must show no bar are short ones with no delay before
    the bar (the first of them shows that it is then drawn on a terminal), so that only the condition each
    tests keeps it off, however fast the machine."""
    import os
    import shutil
    import subprocess
    import sys

    from conftest import SEEDS

    for corpus, copies in ((tmp_path / "many", 50), (tmp_path / "few", 1)):
        corpus.mkdir()
        for i in range(copies):
            for seed in SEEDS.iterdir():
                shutil.copy(seed, corpus / f"{i:03}-{seed.name}")
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    shown = _on_terminal(["lint", "many", "--format", "json", "-o", "r.json", "--jobs", "1"], tmp_path, env)
    assert b"Checking (" in shown and b"/250" in shown and b"files/s" in shown
    assert b"\r\x1b[K\x1b[?25hFound " in shown  # the bar cleared, the cursor back, then the summary
    args = ["lint", "few", "--format", "json", "-o", "r.json", "--jobs", "1"]
    short = _on_terminal(args, tmp_path, env, command=_NO_DELAY)
    assert b"Checking (" in short and b" 5/5" in short and b"\r\x1b[K\x1b[?25hFound " in short
    assert b"Checking" not in _on_terminal(args, tmp_path, {**env, "CI": "true"}, command=_NO_DELAY)
    assert b"Checking" not in _on_terminal([*args, "--quiet"], tmp_path, env, command=_NO_DELAY)
    piped = subprocess.run([sys.executable, *_NO_DELAY, *args], cwd=tmp_path, env=env, capture_output=True,
                           check=False)  # fmt: skip
    assert b"Checking" not in piped.stderr and piped.stderr.startswith(b"Found 44 findings")


def test_colour_can_be_forced(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(PT, encoding="utf-8")
    assert "\x1b[" in run("lint", "a.txt", "--lang", "pt", "--color", "always", cwd=tmp_path).out


def test_exit_codes_and_exit_zero(run: Run, tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_text(PT, encoding="utf-8")
    (tmp_path / "good.txt").write_text("A OTSC e a ONU.\n", encoding="utf-8")
    assert run("lint", "good.txt", "--lang", "pt", cwd=tmp_path).code == 0
    assert run("lint", "bad.txt", "--lang", "pt", cwd=tmp_path).code == 1
    assert run("lint", "bad.txt", "--lang", "pt", "--exit-zero", cwd=tmp_path).code == 0
    usage = run("lint", "bad.txt", "--format", "xml", cwd=tmp_path)
    assert usage.code == 2 and "Invalid value for '--format'" in usage.err


def test_selection_by_code_name_and_prefix(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(PT, encoding="utf-8")

    def rules(*args: str) -> list[str]:
        res = run("lint", "a.txt", "--lang", "pt", "--format", "json", *args, cwd=tmp_path)
        return [f["rule"] for f in res.json["findings"]]

    assert rules() == ["gender-agreement", "foreign-rendering", "doubled-word"]
    assert rules("--select", "TC101") == ["foreign-rendering"]
    assert rules("--select", "doubled-word") == ["doubled-word"]
    assert rules("--ignore", "TC10") == []
    assert rules("--ignore", "TC1", "--select", "TC106") == ["doubled-word"]  # the more specific wins
    assert rules("--ignore", "gender-agreement") == ["foreign-rendering", "doubled-word"]
    (tmp_path / "b.txt").write_text("A Bielorrússia.\n", encoding="utf-8")
    res = run("lint", "b.txt", "--lang", "pt", "--format", "json", "--extend-select", "admitted-term", cwd=tmp_path)
    assert [(f["rule"], f["severity"]) for f in res.json["findings"]] == [("admitted-term", "info")]
    bad = run("lint", "a.txt", "--select", "foreign-renderin", cwd=tmp_path)
    assert bad.code == 2 and "unknown rule 'foreign-renderin'" in bad.err


def test_language_from_configuration(run: Run, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.termcheck]\nlanguage = {"docs/de/**" = "de", "*.pt.txt" = "pt"}\n')
    (tmp_path / "docs" / "de").mkdir(parents=True)
    (tmp_path / "docs" / "de" / "x.txt").write_text("CSTO\n", encoding="utf-8")
    (tmp_path / "y.pt.txt").write_text("CSTO\n", encoding="utf-8")
    res = run("lint", ".", "--format", "json", cwd=tmp_path)
    assert [(f["path"], f["language"], f["language_source"]) for f in res.json["files"]] == [
        ("docs/de/x.txt", "de", "config"),
        ("y.pt.txt", "pt", "config"),
    ]
    assert [f["suggestions"] for f in res.json["findings"]] == [["OVKS"], ["OTSC"]]


def test_bad_configuration_names_the_key(run: Run, tmp_path: Path) -> None:
    (tmp_path / ".termcheck.toml").write_text('languages = {"*.txt" = "de"}\n')
    (tmp_path / "a.txt").write_text("x\n")
    res = run("lint", "a.txt", cwd=tmp_path)
    assert res.code == 2
    assert res.err.strip().endswith(".termcheck.toml: unknown key 'languages' (did you mean 'language'?)")


def test_module_entry_point_and_console_script() -> None:
    proc = run_process("lint", "seeds/003_9c8547ecd273c77d.txt")
    assert proc.returncode == 0, proc.stderr
    assert "Found 0 findings in 0 of 1 file." in proc.stderr
    version = run_process("--version")
    assert version.returncode == 0 and "termcheck, version 0.1.0" in version.stdout


def test_rules_command_and_generated_docs(run: Run) -> None:
    listing = run("rules")
    assert listing.code == 0 and len(listing.out.splitlines()) == len(RULES)
    one = run("rules", "foreign-rendering")
    assert one.out.startswith("TC101 foreign-rendering (warning, on by default, fix: sometimes)")
    lines = {line.split()[1]: line for line in listing.out.splitlines()}
    assert "fix: sometimes" in lines["doubled-word"] and "fix: none" in lines["unused-suppression"]
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == rules_markdown(), (
        "docs/rules.md is stale: run `termcheck rules --markdown > docs/rules.md`"
    )


def test_every_rule_documents_every_section() -> None:
    codes = [r.code for r in RULES]
    assert len(set(codes)) == len(codes) and all(c.startswith("TC") and len(c) == 5 for c in codes)
    for rule in RULES:
        for section in DOC_SECTIONS:
            assert f"## {section}" in rule.doc, f"{rule.name} lacks '## {section}'"


def test_inconsistency_across_the_files_of_a_run(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Die Mitgliedstaaten der OVKS.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Alle Mitgliedstaaten stimmten zu.\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Die OVKS-Mitgliedsstaaten und die Mitgliedsstaaten.\n", encoding="utf-8")
    alone = run("lint", ".", "--lang", "de", "--format", "json", cwd=tmp_path)  # default: each file on its own
    assert [f["text"] for f in alone.json["findings"]] == []
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.txt").write_text("Die Mitgliedsstaaten.\n", encoding="utf-8")
    folder = run("lint", ".", "--lang", "de", "--format", "json", "--consistency-scope", "directory", cwd=tmp_path)
    assert [(f["path"], f.get("scope")) for f in folder.json["findings"]] == [("c.txt", "run")]
    (tmp_path / "sub" / "d.txt").unlink()
    res = run("lint", ".", "--lang", "de", "--format", "json", "--consistency-scope", "run", cwd=tmp_path)
    got = [(f["path"], f["line"], f["column"], f["rule"], f["text"], f.get("scope")) for f in res.json["findings"]]
    assert got == [("c.txt", 1, 10, "inconsistent-rendering", "Mitgliedsstaaten", "run")]
    assert (
        "where the other German files of this run write 'Mitgliedstaat' (2× in 2 files)"
        in res.json["findings"][0]["message"]
    )
    assert res.json["findings"][0]["suggestions"] == ["Mitgliedstaat"]


def test_translation_inconsistent_across_the_catalogues_of_a_run(run: Run, tmp_path: Path) -> None:
    sphinx_catalogues(tmp_path)  # a real catalogue, 3 copies
    args = ("lint", ".", "--select", "inconsistent-translation", "--format", "json")
    assert run(*args, cwd=tmp_path).json["findings"] == []  # each file on its own: consistent
    res = run(*args, "--consistency-scope", "run", cwd=tmp_path)
    got = [(f["path"], f["text"], f["scope"], f["other_path"]) for f in res.json["findings"]]
    assert got == [("c.po", "Seitenleiste zuklappen", "run", "a.po")]
    assert (
        "'Collapse sidebar' is translated otherwise in 2 other files of this run (a.po, b.po)"
        in (res.json["findings"][0]["message"])
    )
    (tmp_path / "b.po").unlink()  # one file against one: no majority to follow, nothing reported
    assert run(*args, "--consistency-scope", "run", cwd=tmp_path).json["findings"] == []


def test_glossary_directory(run: Run, tmp_path: Path) -> None:
    (tmp_path / "terms").mkdir()
    (tmp_path / "terms" / "a.yaml").write_text(
        "concepts:\n- id: w\n  terms: {en: [widget, {term: gizmo, status: deprecated}]}\n"
    )
    (tmp_path / "terms" / "b.yml").write_text(
        "concepts:\n- id: t\n  terms: {en: [thing, {term: thingy, status: deprecated}]}\n"
    )
    (tmp_path / "t.txt").write_text("A gizmo and a thingy.\n")
    res = run("lint", "t.txt", "--glossary", "terms", "--lang", "en", "--format", "json", cwd=tmp_path)
    assert res.json["glossary"]["sources"] == ["terms/a.yaml", "terms/b.yml"]
    assert [f["suggestions"] for f in res.json["findings"]] == [["widget"], ["thing"]]
    empty = run("lint", "t.txt", "--glossary", "t.txt", "--lang", "en", cwd=tmp_path)
    assert empty.code == 2


def test_an_internal_error_exits_3_with_a_request_to_report(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import termcheck.app.lint

    def broken(*_args: object, **_kw: object) -> int:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(termcheck.app.lint, "lint_paths", broken)
    res = run("lint", "x.txt", cwd=tmp_path)
    assert res.code == 3
    assert "internal error: ZeroDivisionError" in res.err and "please report it" in res.err
    assert "Traceback" not in res.err


@pytest.mark.parametrize(("given", "meant"), [("PT-br", "pt-BR"), ("pt_BR", "pt-BR"), ("DE", "de"), ("pt_pt", "pt-PT")])
def test_language_tags_in_any_case_and_gettext_form(run: Run, tmp_path: Path, given: str, meant: str) -> None:
    (tmp_path / "a.txt").write_text("A CSTO e a OVKS.\n", encoding="utf-8")
    res = run("lint", "a.txt", "--lang", given, "--format", "json", cwd=tmp_path)
    assert res.json["files"][0]["language"] == meant


@pytest.mark.parametrize(("given", "hint"), [("german", "de"), ("ptt", "pt"), ("xx", None)])
def test_an_unknown_language_is_an_error_with_the_nearest_tag(
    run: Run, tmp_path: Path, given: str, hint: str | None
) -> None:
    (tmp_path / "a.txt").write_text("A CSTO.\n", encoding="utf-8")
    res = run("lint", "a.txt", "--lang", given, cwd=tmp_path)
    assert res.code == 2 and res.out == "" and res.err.startswith(f"error: --lang: {given!r} is not")
    assert (f"did you mean {hint!r}?" in res.err) if hint else ("did you mean" not in res.err)


def test_processes_by_default_only_once_there_is_enough_text(tmp_path: Path) -> None:
    """Two small files ran slower in two processes (0.37 s) than in one (0.30 s): the default --jobs
    starts workers only from PARALLEL_FROM_BYTES of text on."""
    import os

    from termcheck.app.run import PARALLEL_FROM_BYTES
    from termcheck.app.run import auto_jobs as _auto_jobs
    from termcheck.runner import Item

    small = tmp_path / "small.txt"
    small.write_text("A CSTO reuniu-se.\n" * 10, encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_bytes(b"A CSTO reuniu-se.\n" * (PARALLEL_FROM_BYTES // 18 + 1))
    assert _auto_jobs([Item(small, "small.txt"), Item(small, "again.txt")]) == 1
    assert _auto_jobs([Item(small, "small.txt"), Item(big, "big.txt")]) == (os.cpu_count() or 1)
    assert _auto_jobs([Item(None, "-", b"x" * PARALLEL_FROM_BYTES)]) == (os.cpu_count() or 1)
    assert _auto_jobs([Item(tmp_path / "gone.txt", "gone.txt")]) == 1  # an unreadable file counts nothing


def _two_folders(tmp_path: Path) -> None:
    """a/: the seeds; b/: a bilingual file with findings, a broken PO file and a binary file."""
    import shutil

    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, tmp_path / "a" / seed.name)
    shutil.copy(ROOT / "examples" / "news.de.po", tmp_path / "b" / "news.de.po")
    (tmp_path / "b" / "broken.po").write_text('msgid "x"\nmsgstr "y\n', encoding="utf-8")
    (tmp_path / "b" / "blob.txt").write_bytes(b"\x00\x01binary")


def test_the_text_report_written_file_by_file_is_the_collected_one(run: Run, tmp_path: Path) -> None:
    """In path order the text report is written as the files are checked (no run holds all its
    findings); in another order it is collected and sorted. Both must print the same bytes and exit
    the same way, with --jobs 1 and 2, with findings, errors and skipped files among them."""
    _two_folders(tmp_path)
    for jobs in ("1", "2"):
        streamed = run("lint", "a", "b", "--jobs", jobs, cwd=tmp_path)
        collected = run("lint", "b", "a", "--jobs", jobs, cwd=tmp_path)
        assert (streamed.code, streamed.out, streamed.err) == (collected.code, collected.out, collected.err)
        assert streamed.code == 2 and "broken.po" in streamed.err and streamed.out.count("TC101") > 30


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_json_report_written_file_by_file_is_the_collected_one(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    """The JSON report of a run in path order keeps its findings in a temporary file, not in memory;
    it is byte for byte the report of the same run collected, with findings, errors and skipped files,
    and with no findings at all."""
    import json

    from termcheck.app import lint as app

    _two_folders(tmp_path)
    (tmp_path / "clean").mkdir()
    (tmp_path / "clean" / "ok.txt").write_text("A OTSC reuniu-se em Minsk.\n", encoding="utf-8")
    for args in (["a", "b"], ["clean"]):
        streamed = run("lint", *args, "--format", "json", "--jobs", jobs, cwd=tmp_path)
        with monkeypatch.context() as m:
            m.setattr(app, "_can_stream", lambda *a: False)
            collected = run("lint", *args, "--format", "json", "--jobs", jobs, cwd=tmp_path)
        assert (streamed.code, streamed.out, streamed.err) == (collected.code, collected.out, collected.err)
        report = json.loads(streamed.out)
        assert report["summary"]["findings"] == len(report["findings"]) > (30 if args == ["a", "b"] else -1)
    assert json.loads(collected.out)["findings"] == [] and '"findings": [],' in collected.out


def test_a_process_with_other_threads_starts_its_workers_fresh(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """termcheck called in a process that runs other threads (after Dask, pyarrow, a thread pool) does not
    fork it, which may leave a worker dead (BrokenProcessPool, seen after the Dask tests): its workers
    start fresh, and the findings are those of one process."""
    import multiprocessing
    import threading

    _two_folders(tmp_path)
    alone = run("lint", "a", "b", "--jobs", "1", "--format", "json", cwd=tmp_path)
    chosen: list[str] = []
    real = multiprocessing.get_context

    def recorded(method: str | None = None) -> Any:
        chosen.append(str(method))
        return real(method)

    monkeypatch.setattr(multiprocessing, "get_context", recorded)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)
    other.start()
    try:
        parallel = run("lint", "a", "b", "--jobs", "2", "--format", "json", cwd=tmp_path)
    finally:
        stop.set()
        other.join()
    assert chosen and "fork" not in chosen
    assert (parallel.code, parallel.out) == (alone.code, alone.out) and alone.json["summary"]["findings"] > 30
