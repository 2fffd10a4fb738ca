"""Shared helpers: run the real CLI in-process (termcheck.cli.main) and capture what it prints."""

from __future__ import annotations

import json
import os
import shutil
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


# --- real clients: LibreOffice prints a workbook, poppler reads the PDF back -------------------------------

NEEDS_LIBREOFFICE = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (Debian's libreoffice-calc) or pdftotext (poppler-utils) is not installed",
)


def to_pdf(workbook: Path) -> Path:
    """The workbook printed to PDF by LibreOffice Calc, beside it (a fresh profile: no user settings, no lock)."""
    profile = (workbook.parent / "lo-profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir",
                    str(workbook.parent), str(workbook)], capture_output=True, timeout=240, check=True)  # fmt: skip
    return workbook.with_suffix(".pdf")


def pdf_words(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Each page's words with their boxes, as poppler's pdftotext reads them."""
    import html
    import re

    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    word = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
    return [[(float(a), float(b), float(c), float(d), html.unescape(w)) for a, b, c, d, w in word.findall(page)]
            for page in boxes.split("<page ")[1:]]  # fmt: skip


def overlapping(words: list[tuple[float, float, float, float, str]]) -> list[tuple[str, str]]:
    """Pairs of words whose boxes overlap: text drawn over text, or a wrapped line cut by the row under it."""
    found = []
    words = sorted(words, key=lambda w: w[1])
    for i, (x0, y0, x1, y1, w) in enumerate(words):
        for a0, b0, a1, b1, v in words[i + 1 :]:
            if b0 >= y1:
                break
            if min(x1, a1) - max(x0, a0) > 0.5 and min(y1, b1) - max(y0, b0) > 0.3 * min(y1 - y0, b1 - b0):
                found.append((w, v))
    return found
