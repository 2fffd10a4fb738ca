"""The habits of ruff, Vale and typos that users bring: a test per habit."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, Run

PT = "A OTSC e o CSTO. Bem como da da outra vez.\n"


def test_lists_are_comma_separated_or_repeated(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(PT, encoding="utf-8")
    both = run("lint", "a.txt", "--lang", "pt", "--select", "TC105,TC106", "--format", "json", cwd=tmp_path)
    assert sorted(f["code"] for f in both.json["findings"]) == ["TC105", "TC106"]
    mixed = run("lint", "a.txt", "--lang", "pt", "--select", "TC105, TC106", "--select", "TC101", "--ignore",
                "TC106,TC105", "--format", "json", cwd=tmp_path)  # fmt: skip
    assert [f["code"] for f in mixed.json["findings"]] == ["TC101"]
    export = run("glossary", "export", "--format", "csv", "-o", "-", "--lang", "en,de", cwd=tmp_path)
    assert {line.split(",")[1] for line in export.out.splitlines()[1:]} == {"en", "de"}


def test_a_usage_error_is_printed_once(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(PT, encoding="utf-8")
    res = run("lint", "a.txt", "--select", "TC105,NOPE", cwd=tmp_path)
    assert res.code == 2 and res.err.count("unknown rule 'NOPE'") == 1 and res.out == ""


def test_dash_is_standard_input_and_output(tmp_path: Path) -> None:
    cmd = [sys.executable, "-m", "termcheck"]
    lint = subprocess.run([*cmd, "lint", "-", "--lang", "pt", "-o", "-"], input=PT, cwd=tmp_path,
                          capture_output=True, text=True, check=False)  # fmt: skip
    assert lint.returncode == 1 and "TC101 foreign-rendering 'CSTO'" in lint.stdout
    export = subprocess.run([*cmd, "glossary", "export", "--format", "tbx", "-o", "-", "--lang", "pt"], cwd=tmp_path,
                            capture_output=True, check=False)  # fmt: skip
    assert export.stdout.startswith(b"<?xml") and b"OTSC" in export.stdout and b"to standard output" in export.stderr
    assert list(tmp_path.iterdir()) == []  # no file named "-"


def test_lint_writes_its_report_to_a_file(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(PT, encoding="utf-8")
    res = run("lint", "a.txt", "--lang", "pt", "--output-file", "report.txt", cwd=tmp_path)
    assert res.code == 1 and res.out == ""
    assert "a.txt:1:12: TC101" in (tmp_path / "report.txt").read_text(encoding="utf-8")
    assert "\x1b[" not in (tmp_path / "report.txt").read_text(encoding="utf-8")
    failed = run("lint", "a.txt", "--select", "NOPE", "-o", "gone.json", cwd=tmp_path)
    assert failed.code == 2 and not (tmp_path / "gone.json").exists()  # whole or not at all


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_written_files_honour_the_umask(tmp_path: Path, core_glossary: Path, umask: int, mode: int) -> None:
    """Four commands, one after the other in one process under the umask (the exports: of the term base's core)."""
    import json

    (tmp_path / "a.txt").write_text(PT, encoding="utf-8")
    script = (f"import json, os, sys; os.umask({umask}); from termcheck.cli import main; "
              "[main(args) for args in json.loads(sys.argv[1])]")  # fmt: skip
    commands = [["glossary", "export", "-g", str(core_glossary), "--format", "csv", "-o", "g.csv"],
                ["glossary", "export", "-g", str(core_glossary), "--format", "xlsx", "-o", "g.xlsx"],
                ["lint", "a.txt", "--lang", "pt", "--write-baseline", "b.json"],
                ["lint", "a.txt", "--lang", "pt", "--format", "html", "-o", "r.html"]]  # fmt: skip
    subprocess.run([sys.executable, "-c", script, json.dumps(commands)], cwd=tmp_path, capture_output=True, check=False)
    for name in ("g.csv", "g.xlsx", "b.json", "r.html"):
        assert (tmp_path / name).stat().st_mode & 0o777 == mode, name


def test_statistics_alone_prints_the_table(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(PT, encoding="utf-8")
    res = run("lint", "a.txt", "--lang", "pt", "--statistics", cwd=tmp_path)
    assert res.code == 1
    assert [line.split()[1] for line in res.out.splitlines()] == ["TC101", "TC105", "TC106"]
    assert "a.txt:1" not in res.out and "By rule" not in res.err and "Found 3 findings" in res.err


def test_diff_says_what_it_would_fix_and_writes_nothing(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(PT, encoding="utf-8")
    res = run("lint", "a.txt", "--lang", "pt", "--diff", cwd=tmp_path)
    assert "+A OTSC e o CSTO. Bem como da outra vez." in res.out and "Would fix 1 finding." in res.err
    assert "Fixed" not in res.err
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == PT


def test_unsafe_fixes_alone_shows_them_as_available_and_changes_nothing(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(PT, encoding="utf-8")
    plain = run("lint", "a.txt", "--lang", "pt", cwd=tmp_path)
    assert "[*] 1 fixable with --fix (2 more with --fix --unsafe-fixes)." in plain.err
    res = run("lint", "a.txt", "--lang", "pt", "--unsafe-fixes", cwd=tmp_path)
    assert res.code == 1
    assert "[*] 3 fixable with --fix --unsafe-fixes (2 of them unsafe); nothing was changed" in res.err
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == PT
    fixed = run("lint", "a.txt", "--lang", "pt", "--fix", "--unsafe-fixes", cwd=tmp_path)
    assert "Fixed 3 findings." in fixed.err and (tmp_path / "a.txt").read_text(encoding="utf-8") != PT


def test_version_and_shell_completion() -> None:
    for flag in ("-V", "--version"):
        done = subprocess.run([sys.executable, "-m", "termcheck", flag], capture_output=True, text=True, check=False)
        assert done.returncode == 0 and done.stdout.startswith("termcheck, version ")
    env = {**os.environ, "_TERMCHECK_COMPLETE": "bash_source"}
    script = subprocess.run([str(Path(sys.executable).parent / "termcheck")], env=env, capture_output=True,
                            text=True, check=False)  # fmt: skip
    assert "complete" in script.stdout and "_termcheck_completion" in script.stdout
    env = {**os.environ, "_TERMCHECK_COMPLETE": "bash_complete", "COMP_WORDS": "termcheck lint --fo", "COMP_CWORD": "2"}
    words = subprocess.run([str(Path(sys.executable).parent / "termcheck")], env=env, capture_output=True, text=True,
                           check=False, cwd=ROOT).stdout  # fmt: skip
    assert "--format" in words


@pytest.mark.parametrize("group", [[], ["glossary"], ["baseline"]])
def test_help_shows_each_command_whole_summary(group: list[str]) -> None:
    """`termcheck --help` (and a group's) on an 80-column terminal: each command's one-line summary, whole."""
    import click

    from termcheck.cli import cli

    command: click.Command = cli
    for name in group:
        assert isinstance(command, click.Group)
        command = command.commands[name]
    assert isinstance(command, click.Group)
    env = {**os.environ, "COLUMNS": "80"}
    done = subprocess.run([sys.executable, "-m", "termcheck", *group, "--help"], env=env, capture_output=True,
                          text=True, check=True)  # fmt: skip
    listing = " ".join(done.stdout.split("Commands:", 1)[1].split())
    assert "..." not in listing
    for name, sub in command.commands.items():
        summary = " ".join((sub.help or "").split("\n\n")[0].split())
        assert summary.endswith(".") and f"{name} {summary}" in listing, name


@pytest.mark.parametrize(
    ("option", "value", "hint"),
    [("--select", "foriegn-rendering", "foreign-rendering"), ("--ignore", "TC1O5", "TC105"),
     ("--extend-select", "admited-term", "admitted-term")],
)  # fmt: skip
def test_a_misspelt_rule_suggests_the_nearest(run: Run, tmp_path: Path, option: str, value: str, hint: str) -> None:
    (tmp_path / "a.txt").write_text(PT, encoding="utf-8")
    res = run("lint", "a.txt", "--lang", "pt", option, value, cwd=tmp_path)
    assert res.code == 2 and res.out == ""
    assert res.err.strip() == f"error: unknown rule '{value}' (did you mean '{hint}'?)"


@pytest.mark.parametrize(
    "table",
    ['select = ["foriegn-rendering"]\n', 'extend-select = ["foriegn-rendering"]\n',
     'per-file-ignores = {"*.txt" = ["foriegn-rendering"]}\n', '[severity]\nforiegn-rendering = "info"\n'],
)  # fmt: skip
def test_a_misspelt_rule_in_the_configuration_suggests_the_nearest(run: Run, tmp_path: Path, table: str) -> None:
    (tmp_path / ".termcheck.toml").write_text(table, encoding="utf-8")
    (tmp_path / "a.txt").write_text(PT, encoding="utf-8")
    res = run("lint", "a.txt", "--lang", "pt", cwd=tmp_path)
    assert res.code == 2 and res.err.startswith("error: ") and ".termcheck.toml" in res.err
    assert "unknown rule 'foriegn-rendering' (did you mean 'foreign-rendering'?)" in res.err


def test_rules_with_a_misspelt_name_suggests_the_nearest(run: Run) -> None:
    res = run("rules", "foriegn-rendering")
    assert res.code == 2
    assert res.err.strip() == "error: unknown rule 'foriegn-rendering' (did you mean 'foreign-rendering'?)"
