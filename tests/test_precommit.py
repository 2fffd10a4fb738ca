"""The hooks through pre-commit itself: a commit with a foreign rendering is rejected, then accepted
after the fix; a broken term base is rejected. The hook repository is this checkout (its HEAD)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("pre-commit-home")
    bindir = Path(sys.executable).parent
    return {**os.environ, "PRE_COMMIT_HOME": str(home), "PATH": f"{bindir}{os.pathsep}{os.environ['PATH']}",
            "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.invalid"}  # fmt: skip


def commit(repo: Path, env: dict[str, str], message: str) -> subprocess.CompletedProcess[str]:
    git(repo, "add", "-A")
    return subprocess.run(["git", "commit", "-m", message], cwd=repo, capture_output=True, text=True, env=env,
                          timeout=600, check=False)  # fmt: skip


def test_commits_are_checked_by_the_hooks(tmp_path: Path, env: dict[str, str]) -> None:
    rev = git(ROOT, "rev-parse", "HEAD").stdout.strip()
    assert rev, "the checkout must be a git repository with a commit"
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {ROOT.as_posix()}\n  rev: {rev}\n  hooks:\n  - id: termcheck\n  - id: termcheck-glossary\n"
    )
    (repo / ".termcheck.toml").write_text('language = {"pt/**" = "pt"}\n')
    (repo / "pt").mkdir()
    (repo / "pt" / "news.md").write_text("# Notícias\n\nA CSTO defende a cooperação com a ONU.\n", encoding="utf-8")
    install = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo, env=env,
                             capture_output=True, text=True, check=False)  # fmt: skip
    assert install.returncode == 0, install.stderr

    rejected = commit(repo, env, "add news")
    assert rejected.returncode != 0, rejected.stdout + rejected.stderr
    assert "pt/news.md:3:3: TC101 foreign-rendering 'CSTO'" in rejected.stdout + rejected.stderr

    (repo / "pt" / "news.md").write_text("# Notícias\n\nA OTSC defende a cooperação com a ONU.\n", encoding="utf-8")
    accepted = commit(repo, env, "add news")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert git(repo, "log", "--oneline").stdout.count("\n") == 1

    (repo / "glossary").mkdir()
    (repo / "glossary" / "terms.yaml").write_text(
        "version: 1\nconcepts:\n- id: x\n  terms: {en: [{term: widget, status: prefered}]}\n"
    )
    broken = commit(repo, env, "add terms")
    assert broken.returncode != 0
    assert "glossary/terms.yaml:4:" in broken.stdout + broken.stderr
    assert "did you mean 'preferred'?" in broken.stdout + broken.stderr
    (repo / "glossary" / "terms.yaml").write_text("version: 1\nconcepts:\n- id: x\n  terms: {en: [widget]}\n")
    assert commit(repo, env, "add terms").returncode == 0
