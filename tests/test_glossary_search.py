"""`glossary search`: case- and accent-insensitive, near misses included, as its help says (issue 24)."""

from __future__ import annotations

import pytest

from conftest import Run


@pytest.mark.parametrize(
    ("query", "term"),
    [
        ("ctso", "CSTO"),  # an acronym's transposition, typed in any case: what lint's term-typo catches
        ("CTSO", "CSTO"),
        ("Ctso", "CSTO"),
        ("otcs", "OTSC"),
        ("OTCS", "OTSC"),
        ("ótcs", "OTSC"),  # and with an accent typed by mistake
        ("ctsó", "CSTO"),
        ("одбк", "ОДКБ"),
        ("ovsk", "OVKS"),
        ("mitgliedsstaten", "Mitgliedsstaat"),
    ],
)
def test_search_finds_near_misses_whatever_the_case_and_accents(run: Run, query: str, term: str) -> None:
    res = run("glossary", "search", query)
    assert res.code == 0, res.err
    first = res.out.splitlines()[0]
    assert first.split()[0] in ("csto", "member-state") and " near miss " in first and f" {term} (" in first, first


def test_search_near_misses_are_the_same_in_any_case(run: Run) -> None:
    assert run("glossary", "search", "ctso").out == run("glossary", "search", "CTSO").out
    assert run("glossary", "search", "otcs").out == run("glossary", "search", "OTCS").out
