"""Matching, issue 22: Russian names of institutions with only their first word capitalised, names with a
patronymic inside or glued to the word before by a lost space, and where none of that applies. These are
matches of the text's own terms, which no rule reports: the index is asked directly."""

from __future__ import annotations

import pytest
from test_matching import INDEX  # the shipped term base, compiled once for both files

from termcheck.rules.reading import match_document
from termcheck.sources.document import Document


def matches(text: str, lang: str) -> list[tuple[str, str, str]]:
    ctx = match_document(Document("<t>", text, lang), INDEX)
    return [(text[m.start : m.end], m.concept.id, m.verdict) for m in ctx.matches]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (  # a freight forwarder's page (public repository)
            "Организация авиадоставки грузов в государства - члены Организации договора о коллективной безопасности",
            "ru",
            ("Организации договора о коллективной безопасности", "csto", "preferred"),
        ),
        (  # RIA Novosti writes the Council so
            "на заседании Совета безопасности ООН",
            "ru",
            ("Совета безопасности ООН", "un-security-council", "preferred"),
        ),
        (  # the patronymic in the genitive
            "заявление генсека ОДКБ Имангали Нургалиевича Тасмагамбетова",
            "ru",
            ("Имангали Нургалиевича Тасмагамбетова", "tasmagambetov", "preferred"),
        ),
        ("Kassym-Jomart Kemeluly Tokayev", "en", ("Kassym-Jomart Kemeluly Tokayev", "tokayev", "preferred")),
        ("KazakhstanKassym-Jomart Tokayev", "en", ("Kassym-Jomart Tokayev", "tokayev", "preferred")),
    ],
)
def test_matched_whole(text: str, lang: str, expected: tuple[str, str, str]) -> None:
    assert expected in matches(text, lang)


@pytest.mark.parametrize(
    ("text", "lang", "unmatched"),
    [
        ("Сергей лавров", "ru", "Сергей лавров"),  # a person's name keeps its capitals
        ("Российская федерация", "ru", "Российская федерация"),  # and a country's
        ("Alexander Ivanov Lukashenko", "en", "Alexander Ivanov Lukashenko"),  # a word that is no patronymic
        ("PlayStation Network, YouTube", "en", "Station"),  # a single word glued so is no term
    ],
)
def test_not_matched_whole(text: str, lang: str, unmatched: str) -> None:
    assert all(unmatched not in found for found, _, _ in matches(text, lang))


def test_an_inflected_finding_says_what_to_write_there() -> None:
    """A deprecated word with an ending (round-five development news): the message names the term and the
    form the fix writes in its place, "belarussischen", not only the base form."""
    from termcheck.config import Config
    from termcheck.pipeline import Settings, lint_text
    from termcheck.rules import lookup

    found = lint_text("<t>", "Die weißrussischen Behörden meldeten den Vorfall.", "de",
                      Settings(Config(), tuple(lookup("deprecated-term"))), INDEX)  # fmt: skip
    assert [f.text for f in found] == ["weißrussischen"]
    assert "use 'belarussisch'" in found[0].message and found[0].message.endswith("; here 'belarussischen'")
