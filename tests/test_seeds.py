"""Acceptance: `termcheck lint seeds/` with the shipped term base finds exactly the real problems.

The expected list is exact (line, column, rule, text), file by file: a lost finding or a new one fails.
"""

from __future__ import annotations

from typing import Any

import pytest

from conftest import SEEDS

# Reviewed by hand against the articles: every CSTO and the SCO in the Portuguese articles (Portuguese
# uses OTSC and OCX), "Mercenary" (Mercenário), the six "o/do CSTO" (the organisation is feminine), the
# two "como como", and Mitgliedsstaaten beside Mitgliedstaaten. Nothing in 002 (English) or 003 (German).
EXPECTED = {
    "000_bbfeb18460988360.txt": [
        (5, 72, "foreign-rendering", "CSTO"),
        (7, 96, "foreign-rendering", "CSTO"),
        (7, 357, "foreign-rendering", "CSTO"),
        (9, 31, "gender-agreement", "o"),
        (9, 33, "foreign-rendering", "CSTO"),
        (11, 202, "foreign-rendering", "CSTO"),
        (11, 264, "foreign-rendering", "CSTO"),
        (13, 153, "foreign-rendering", "CSTO"),
        (15, 81, "foreign-rendering", "CSTO"),
        (17, 144, "foreign-rendering", "CSTO"),
        (17, 298, "doubled-word", "como como"),
        (19, 19, "gender-agreement", "do"),
        (19, 22, "foreign-rendering", "CSTO"),
        (19, 292, "doubled-word", "como como"),
        (19, 378, "gender-agreement", "do"),
        (19, 381, "foreign-rendering", "CSTO"),
        (23, 203, "foreign-rendering", "CSTO"),
        (25, 72, "foreign-rendering", "CSTO"),
    ],
    "001_dab0a07f79a0557f.txt": [
        (5, 1, "foreign-rendering", "CSTO"),
        (7, 28, "foreign-rendering", "CSTO"),
        (7, 170, "foreign-rendering", "CSTO"),
        (7, 293, "foreign-rendering", "CSTO"),
        (11, 23, "foreign-rendering", "CSTO"),
        (13, 26, "foreign-rendering", "CSTO"),
        (13, 367, "foreign-rendering", "CSTO"),
        (13, 373, "foreign-rendering", "Mercenary"),
        (13, 490, "foreign-rendering", "CSTO"),
        (13, 664, "foreign-rendering", "CSTO"),
        (15, 239, "gender-agreement", "do"),
        (15, 242, "foreign-rendering", "CSTO"),
        (17, 470, "foreign-rendering", "CSTO"),
        (17, 749, "foreign-rendering", "CSTO"),
        (19, 179, "foreign-rendering", "CSTO"),
        (19, 381, "foreign-rendering", "CSTO"),
        (19, 458, "foreign-rendering", "SCO"),
        (19, 847, "foreign-rendering", "CSTO"),
        (21, 173, "foreign-rendering", "CSTO"),
        (23, 312, "foreign-rendering", "CSTO"),
        (25, 84, "gender-agreement", "o"),
        (25, 86, "foreign-rendering", "CSTO"),
        (25, 158, "gender-agreement", "do"),
        (25, 161, "foreign-rendering", "CSTO"),
        (27, 1, "foreign-rendering", "CSTO"),
    ],
    "004_79c9e2800bb37f61.txt": [
        (11, 263, "inconsistent-rendering", "Mitgliedsstaaten"),
    ],
}
EXPECTED.setdefault("002_cbbd704be0d123c1.txt", [])
EXPECTED.setdefault("003_9c8547ecd273c77d.txt", [])


@pytest.fixture(scope="module")
def report(request: pytest.FixtureRequest) -> dict[str, Any]:
    import json

    from conftest import run_process

    proc = run_process("lint", "seeds/", "--format", "json")
    assert proc.returncode == 1, proc.stderr
    data: dict[str, Any] = json.loads(proc.stdout)
    return data


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_findings_per_file(report: dict[str, Any], name: str) -> None:
    got = [(f["line"], f["column"], f["rule"], f["text"]) for f in report["findings"] if f["path"] == f"seeds/{name}"]
    assert got == EXPECTED[name]


def test_languages_are_identified(report: dict[str, Any]) -> None:
    langs = {f["path"].split("/")[-1][:3]: (f["language"], f["language_source"]) for f in report["files"]}
    assert langs == {
        "000": ("pt", "detected"),
        "001": ("pt", "detected"),
        "002": ("en", "detected"),
        "003": ("de", "detected"),
        "004": ("de", "detected"),
    }
    assert all(f["language_confidence"] >= 0.95 for f in report["files"])


def test_messages_and_suggestions(report: dict[str, Any]) -> None:
    by_text = {(f["rule"], f["text"]): f for f in report["findings"]}
    csto = by_text[("foreign-rendering", "CSTO")]
    assert csto["message"] == "'CSTO' is the English rendering of concept 'csto'; in Portuguese use 'OTSC'"
    assert csto["suggestions"] == ["OTSC"] and csto["concept"] == "csto" and csto["language"] == "pt"
    assert by_text[("foreign-rendering", "SCO")]["suggestions"] == ["OCX"]
    assert by_text[("foreign-rendering", "Mercenary")]["suggestions"] == ["Mercenário"]
    assert by_text[("gender-agreement", "do")]["suggestions"] == ["da"]
    assert by_text[("gender-agreement", "o")]["suggestions"] == ["a"]
    mixed = by_text[("inconsistent-rendering", "Mitgliedsstaaten")]
    assert "'Mitgliedstaat' 1×, 'Mitgliedsstaat' 1×" in mixed["message"]
    assert mixed["suggestions"] == ["Mitgliedstaat"]
    assert by_text[("doubled-word", "como como")]["concept"] is None


def test_text_matches_file_characters(report: dict[str, Any]) -> None:
    for f in report["findings"]:
        lines = (SEEDS / f["path"].split("/")[-1]).read_text(encoding="utf-8").splitlines()
        assert f["end_line"] == f["line"]
        assert lines[f["line"] - 1][f["column"] - 1 : f["end_column"] - 1] == f["text"]


def test_summary(report: dict[str, Any]) -> None:
    assert report["summary"] == {
        "files": 5,
        "findings": 44,
        "errors": 0,
        "by_rule": {"doubled-word": 2, "foreign-rendering": 35, "gender-agreement": 6, "inconsistent-rendering": 1},
    }
    assert report["glossary"]["concepts"] >= 45
