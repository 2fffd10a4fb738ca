"""Language identification: termcheck scores py3langid's model itself (in Python for a run's first
texts, so that a one-file run never imports numpy; with numpy after that). Both ways must agree with
each other and with py3langid on real text."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from conftest import ROOT, SEEDS, Run
from termcheck.text import language


def _texts() -> list[str]:
    """The seeds whole and their lines, and the examples' lines: long and short texts in four languages."""
    texts: list[str] = []
    for path in sorted(SEEDS.iterdir()) + sorted(p for p in (ROOT / "examples").rglob("*") if p.is_file()):
        text = path.read_text(encoding="utf-8")
        texts.append(text)
        texts += [line for line in text.splitlines() if len(line) >= 20]
    return texts


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> language.Model:
    os.environ["TERMCHECK_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    try:
        language._model.cache_clear()
        found = language._model()
    finally:
        del os.environ["TERMCHECK_CACHE_DIR"]
        language._model.cache_clear()
    assert isinstance(found, language.Model), "the model file of the installed py3langid is read in place"
    return found


def test_the_scores_are_py3langid_s(model: language.Model) -> None:
    reference = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    texts = _texts()
    assert len(texts) > 60
    for text in texts:
        ours, theirs = model.rank(text), reference.rank(text)
        assert ours[0][0] == theirs[0][0], text
        assert {lang for lang, _ in ours} == {lang for lang, _ in theirs}
        # py3langid sums in single precision, termcheck in double: a few millionths apart at most.
        assert max(abs(p - dict(theirs)[lang]) for lang, p in ours) < 1e-5, text


def test_python_and_numpy_give_the_same_figures(model: language.Model, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _texts()
    monkeypatch.setattr(language, "PYTHON_ROWS", 10**12)
    in_python = [model.rank(text) for text in texts]
    monkeypatch.setattr(language, "PYTHON_ROWS", 0)
    with_numpy = [model.rank(text) for text in texts]
    for a, b in zip(in_python, with_numpy, strict=True):
        assert [lang for lang, _ in a[:3]] == [lang for lang, _ in b[:3]]
        assert max(abs(p - dict(b)[lang]) for lang, p in a) < 1e-12


def test_the_walk_with_numpy_counts_what_the_walk_byte_by_byte_counts(
    model: language.Model, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once numpy scores, a text is walked at every place at once (each place's state is the one its last
    `depth` bytes lead to): the same features, counted the same, in the same order (the scores are summed
    in it), on the seeds, the examples and their lines, Cyrillic, a lone byte and an empty text."""
    assert model.depth == 6, "py3langid's state table: byte n-grams of up to six bytes"
    monkeypatch.setattr(model, "_matrix", None)  # numpy has not scored: `visits` walks byte by byte
    texts = [*_texts(), "Организация Договора о коллективной безопасности " * 40, "a", "", "ABC" * 900]
    for text in texts:
        walked, length = model.visits(text)
        data = unicodedata.normalize("NFC", text.lower() if text.isupper() else text).encode("utf-8")
        assert list(model._visits_numpy(data).items()) == list(walked.items()), text[:60]
        assert length == len(data)


ONE_FILE = sorted(SEEDS.iterdir())[0].relative_to(ROOT).as_posix()
_MODULES_AFTER_RUN = """
import sys
from termcheck.cli import main
code = main(sys.argv[1:])
print(sorted(m for m in ("numpy", "yaml", "py3langid") if m in sys.modules))
"""


@pytest.fixture(scope="module")
def warm_cache(tmp_path_factory: pytest.TempPathFactory, compiled_cache: Path) -> dict[str, str]:
    """A cache that holds the model, the compiled term base (making them imports numpy and PyYAML) and the
    word lists a run over ONE_FILE reads: conftest's compiled cache, copied, and that run made in it."""
    cache = shutil.copytree(compiled_cache, tmp_path_factory.mktemp("warm") / "cache")
    env = {**os.environ, "TERMCHECK_CACHE_DIR": str(cache)}
    subprocess.run([sys.executable, "-m", "termcheck", "lint", ONE_FILE], cwd=ROOT, env=env,
                   capture_output=True, check=False)  # fmt: skip
    return env


def _modules_after(env: dict[str, str], *args: str) -> tuple[str, str]:
    """The run's output and the modules among numpy, PyYAML and py3langid that it imported."""
    done = subprocess.run([sys.executable, "-c", _MODULES_AFTER_RUN, "lint", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=False)  # fmt: skip
    assert done.stdout, done.stderr
    *report, modules = done.stdout.splitlines()
    return "\n".join(report), modules


@pytest.mark.parametrize("args", [[ONE_FILE], [ONE_FILE, "--lang", "pt"]])
def test_a_small_run_imports_neither_numpy_nor_py3langid(warm_cache: dict[str, str], args: list[str]) -> None:
    """One file, its language identified or given: scored in Python, numpy's import (~60 ms) spared."""
    report, modules = _modules_after(warm_cache, *args)
    assert modules == "[]"
    assert "TC101 foreign-rendering 'CSTO'" in report


def test_a_long_run_scores_with_numpy(warm_cache: dict[str, str]) -> None:
    """Past PYTHON_ROWS feature rows a run imports numpy and scores the rest with it (the seeds and
    examples have about 30,000 rows)."""
    report, modules = _modules_after(warm_cache, "seeds/", "examples/", "--jobs", "1")
    assert "'numpy'" in modules and "py3langid" not in modules
    assert "TC101 foreign-rendering 'CSTO'" in report


def test_the_findings_do_not_depend_on_how_texts_are_scored(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    outputs = []
    for rows in (10**12, 0):  # every text in Python, every text with numpy
        monkeypatch.setattr(language, "PYTHON_ROWS", rows)
        language._identify_cached.cache_clear()
        outputs.append(run("lint", "seeds/", "examples/", "--jobs", "1", "--format", "json").json)
    assert outputs[0] == outputs[1]
    assert len(outputs[0]["findings"]) > 40
    assert {f["language_source"] for f in outputs[0]["files"]} >= {"detected"}
