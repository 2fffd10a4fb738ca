"""The documentation as a newcomer reads it: every console example in README.md and docs/ is run as shown
and gives the output shown (a line `…` stands for any lines, a `…` inside a line for any text); the
pre-commit snippet in README.md works as written, through the real pre-commit; docs/cli.md is what
`python docs/make_cli.py` makes from the commands' help; docs/README.md indexes every page."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_BLOCK_RE = re.compile(r"^```console\n(.*?)^```$", re.M | re.S)
_COMMENT_RE = re.compile(r"\s{2,}#.*$")


def _examples(page: Path) -> list[list[tuple[str, list[str]]]]:
    """Each console block of a page: its commands, each with the output lines shown under it."""
    blocks = []
    for block in _BLOCK_RE.findall(page.read_text(encoding="utf-8")):
        steps: list[tuple[str, list[str]]] = []
        for line in block.splitlines():
            if line.startswith("$ "):
                steps.append((_COMMENT_RE.sub("", line[2:]).strip(), []))
            elif steps:
                steps[-1][1].append(line.rstrip())
        blocks.append(steps)
    return blocks


def _pattern(shown: list[str]) -> re.Pattern[str]:
    parts = []
    for line in shown:
        if line == "…":
            parts.append(r"(?:[^\n]*\n)*?")
        else:
            parts.append(".*?".join(map(re.escape, line.split("…"))) + r"[ \t]*\n")
    return re.compile("".join(parts))


def _reviewer(workbook: Path) -> None:
    """The person's step (`libreoffice review.xlsx`): accept the proposed new concepts, reject the variants."""
    import openpyxl

    wb = openpyxl.load_workbook(workbook)
    sheet = wb["Candidates"]
    head = [c.value for c in sheet[1]]
    decision, kind = head.index("decision") + 1, head.index("kind") + 1
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row, kind).value in ("concept", "variant"):
            sheet.cell(row, decision).value = "accept" if sheet.cell(row, kind).value == "concept" else "reject"
    wb.save(workbook)


def _run(command: str, cwd: Path) -> str:
    args = shlex.split(command)
    if args[0] == "libreoffice":
        _reviewer(cwd / args[1])
        return ""
    assert args[0] == "termcheck", f"a console example runs termcheck, not {args[0]!r}: {command}"
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    env.pop("FORCE_COLOR", None)
    done = subprocess.run([sys.executable, "-m", "termcheck", *args[1:]], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=600, check=False)  # fmt: skip
    return done.stdout + done.stderr


_BLOCKS = [(page, i) for page in DOCS for i, _steps in enumerate(_examples(page))]


@pytest.mark.parametrize(("page", "block"), _BLOCKS, ids=[f"{p.name}-{i + 1}" for p, i in _BLOCKS])
def test_console_examples_give_the_output_shown(page: Path, block: int, tmp_path: Path) -> None:
    for folder in ("seeds", "examples", "glossary"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    for command, shown in _examples(page)[block]:
        output = _run(command, tmp_path)
        if shown:
            assert _pattern(shown).fullmatch(output if output.endswith("\n") else output + "\n"), (
                f"{page.name}: `{command}` printed:\n{output[:3000]}"
            )


def test_docs_cli_md_is_made_from_the_commands_help() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "docs" / "make_cli.py"), "--check"], capture_output=True,
                          text=True, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr


def test_the_docs_index_names_every_page() -> None:
    index = (ROOT / "docs" / "README.md").read_text(encoding="utf-8")
    pages = sorted(p.name for p in (ROOT / "docs").glob("*.md") if p.name != "README.md")
    assert [p for p in pages if f"({p})" not in index] == []
    assert "(docs/README.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


def _snippet() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"in `\.pre-commit-config\.yaml`:\n\n```yaml\n(.*?)```", text, re.S)
    assert found, "README.md shows a .pre-commit-config.yaml"
    return found.group(1)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_the_readme_pre_commit_snippet_works_as_written(tmp_path: Path) -> None:
    """The snippet, copied as it stands into a new repository, rejects a commit with a foreign rendering and
    a broken term base, and accepts the fixed ones (pre-commit itself runs the hooks)."""
    bindir = Path(sys.executable).parent
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "home"), "PATH": f"{bindir}{os.pathsep}{os.environ['PATH']}",
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.invalid"}  # fmt: skip
    repo = tmp_path / "repo"
    repo.mkdir()

    def sh(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, cwd=repo, env=env, capture_output=True, text=True, timeout=600, check=False)

    sh("git", "init", "-q")
    (repo / ".pre-commit-config.yaml").write_text(_snippet(), encoding="utf-8")
    (repo / ".termcheck.toml").write_text('language = {"pt/**" = "pt"}\n', encoding="utf-8")
    (repo / "pt").mkdir()
    (repo / "pt" / "news.md").write_text("# Notícias\n\nA CSTO defende a cooperação.\n", encoding="utf-8")
    assert sh(sys.executable, "-m", "pre_commit", "install").returncode == 0
    sh("git", "add", "-A")
    rejected = sh("git", "commit", "-m", "news")
    said = rejected.stdout + rejected.stderr
    assert rejected.returncode != 0 and "pt/news.md:3:3: TC101 foreign-rendering 'CSTO'" in said, said
    (repo / "pt" / "news.md").write_text("# Notícias\n\nA OTSC defende a cooperação.\n", encoding="utf-8")
    sh("git", "add", "-A")
    accepted = sh("git", "commit", "-m", "news")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr


_MADE_BY_RE = re.compile(r"<!-- made by: (termcheck [^(\n]*?)\s*(?:\([^)\n]*\))? -->\n```json\n(.*?)^```$", re.M | re.S)


def _shown(doc: object, real: object, where: str = "") -> list[str]:
    """Where a documented JSON value differs from the real one: `"…"` stands for any value, a `…` inside a
    string for any text, a list item `"…"` for any number of items; objects may have more keys."""
    if doc == "…":
        return []
    if isinstance(doc, str) and "…" in doc:
        pattern = ".*?".join(map(re.escape, doc.split("…")))
        return [] if isinstance(real, str) and re.fullmatch(pattern, real, re.S) else [f"{where}: {real!r}"]
    if isinstance(doc, dict):
        if not isinstance(real, dict):
            return [f"{where}: not an object"]
        return [p for k, v in doc.items() if k != "…" for p in
                (_shown(v, real[k], f"{where}.{k}") if k in real else [f"{where}.{k}: missing"])]  # fmt: skip
    if isinstance(doc, list):
        if not isinstance(real, list) or not _items(doc, real, where):
            return [f"{where}: the list differs: {real!r:.300}"]
        return []
    return [] if doc == real else [f"{where}: {real!r}, not {doc!r}"]


def _items(doc: list[object], real: list[object], where: str) -> bool:
    """Whether a documented list matches a real one; an item `"…"` stands for any number of items."""
    if not doc:
        return not real
    if doc[0] == "…":
        return any(_items(doc[1:], real[k:], where) for k in range(len(real) + 1))
    return bool(real) and not _shown(doc[0], real[0], where) and _items(doc[1:], real[1:], where)


def test_the_json_examples_are_what_their_commands_print(tmp_path: Path) -> None:
    import json

    for folder in ("seeds", "examples", "glossary"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    shutil.copytree(ROOT / "tests" / "data" / "diff", tmp_path, dirs_exist_ok=True)  # old/ and new/ term bases
    page = (ROOT / "docs" / "json.md").read_text(encoding="utf-8")
    examples = _MADE_BY_RE.findall(page)
    assert len(examples) >= 4
    for command, shown in examples:
        output = _run(command, tmp_path)
        real = json.JSONDecoder().raw_decode(output)[0]
        assert _shown(json.loads(shown), real) == [], f"docs/json.md: `{command}`"
