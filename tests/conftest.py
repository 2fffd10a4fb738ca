"""Shared helpers: run the real CLI in-process (termcheck.cli.main) and capture what it prints."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import pytest

from termcheck.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
# The concepts the shipped term base had before it grew (issue 20): what the seeds and examples name. Tests
# of a format's mechanics use these, cut from the real files (`shipped_subset`); a few tests use it all.
CORE_IDS = (
    "secretary-general", "un-secretary-general", "member-state", "peacekeeping", "international-peace-and-security",
    "mine-clearance", "collective-security", "counter-terrorism", "operation-channel", "operation-mercenary",
    "operation-illegal", "operation-proxy", "csto", "sco", "cis", "un", "un-security-council", "un-general-assembly",
    "un-charter", "unoct", "unodc", "cted", "osce", "csto-secretariat", "collective-security-council",
    "collective-peacekeeping-forces", "sco-rats", "cis-atc", "belta", "collective-security-treaty", "zas",
    "tasmagambetov", "rybakov", "lukashenko", "zainetdinov", "vershinin", "guterres", "tokayev", "belarus",
    "kazakhstan", "afghanistan", "armenia", "kyrgyzstan", "tajikistan", "russia", "minsk", "moscow", "yerevan",
    "eurasia",
)  # fmt: skip


def sphinx_catalogues(folder: Path) -> None:
    """Three copies of a real catalogue (Sphinx's German one) in `folder`: a.po and b.po as shipped, c.po
    translating one message otherwise ("Seitenleiste zuklappen" for "Collapse sidebar")."""
    import polib

    real = ROOT / "bench" / "corpora" / "catalogues" / "sphinx-de.po"
    for name in ("a.po", "b.po", "c.po"):
        catalogue = polib.pofile(str(real))
        if name == "c.po":
            entry = catalogue.find("Collapse sidebar")
            assert entry is not None and entry.msgstr == "Seitenleiste einklappen"
            entry.msgstr = "Seitenleiste zuklappen"
        catalogue.save(str(folder / name))


def shipped_subset(folder: Path, ids: tuple[str, ...] = CORE_IDS) -> Path:
    """These concepts of the shipped term base, as text: each file's header and those concepts' lines
    as they are (comments and all), so that what an import or a fix changes is its own doing."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted((ROOT / "glossary").glob("*.yaml")):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        starts = [i for i, line in enumerate(lines) if line.startswith("- id:")]
        if not starts:
            continue
        kept = lines[: starts[0]]
        for k, i in enumerate(starts):
            if lines[i].split(":", 1)[1].strip() in ids:
                kept += lines[i : starts[k + 1] if k + 1 < len(starts) else len(lines)]
        if len(kept) > starts[0]:
            (folder / path.name).write_text("".join(kept), encoding="utf-8")
    return folder


@pytest.fixture
def core_builtin(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`builtin` is the core of the shipped term base for this test (a format's mechanics, not its size)."""
    folder = shipped_subset(tmp_path_factory.mktemp("core") / "glossary")
    import termcheck.glossary.files

    monkeypatch.setattr(termcheck.glossary.files, "builtin_dir", lambda: folder)
    return folder


@pytest.fixture(scope="session")
def core_glossary(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The core of the shipped term base as a folder of its own, for a run in another process (`-g DIR`)."""
    return shipped_subset(tmp_path_factory.mktemp("core-glossary") / "glossary")


@pytest.fixture(scope="session")
def compiled_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache directory as one run over a Portuguese text leaves it: the shipped term base compiled, the
    language model and the Portuguese word list (some seconds to make, made once). Tests never run in it:
    they copy it (`warm_cache_dir`), so that what one test does to its cache no other test sees."""
    cache = tmp_path_factory.mktemp("compiled") / "cache"
    text = tmp_path_factory.mktemp("text") / "a.txt"
    text.write_text("A CSTO defende a cooperação entre os países membros da organização.\n", encoding="utf-8")
    made = run_process("lint", text.name, cwd=text.parent, env={"TERMCHECK_CACHE_DIR": str(cache)})
    kinds = sorted(p.name.split("-")[0] for p in cache.iterdir())
    assert kinds == ["index", "langid", "words"] and any(cache.glob("words-pt-*")), made.stderr
    return cache


@pytest.fixture
def warm_cache_dir(compiled_cache: Path, tmp_path: Path) -> Path:
    """This test's own copy of `compiled_cache`, at tmp_path/cache: its first run finds everything made."""
    return Path(shutil.copytree(compiled_cache, tmp_path / "cache"))


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def json(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.out)
        return data


class Run(Protocol):
    """The `run` fixture's type: run("lint", "seeds/", cwd=...) → Result."""

    def __call__(self, *args: str, cwd: Path | None = None) -> Result: ...


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
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


def chromium_browser() -> tuple[Any, str]:
    """playwright's sync API and Debian's chromium (no browser download); the test skips, saying why,
    where either is missing."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (the test extra)")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("chromium (Debian's chromium) is not installed")
    return sync_api, chromium
