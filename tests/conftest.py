"""Shared helpers: run the real CLI in-process (termcheck.cli.main) and capture what it prints."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from termcheck.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def json(self) -> dict:  # type: ignore[type-arg]
        return json.loads(self.out)


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """run("lint", "seeds/") → Result: the CLI's exit code, stdout and stderr."""

    def _run(*args: str, cwd: Path | None = None) -> Result:
        monkeypatch.chdir(cwd or ROOT)
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return _run


def run_process(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None, input_text: str | None = None
) -> subprocess.CompletedProcess[str]:
    """The CLI as a separate process (`python -m termcheck`), as a user or a hook runs it."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "termcheck", *args],
        cwd=cwd or ROOT,
        capture_output=True,
        text=True,
        env=full_env,
        timeout=300,
        input=input_text,
    )
