"""Matching: every rendering in every language, inflected, inside compounds, in any capitalisation the
term allows, and the correct renderings of the seeds recognised as such (not merely unmatched)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, SEEDS
from termcheck.glossary.entries import Match
from termcheck.glossary.index import GlossaryIndex
from termcheck.glossary.load import load
from termcheck.rules.reading import match_document
from termcheck.sources.document import Document

INDEX = GlossaryIndex(load()[0])


def matches(text: str, lang: str) -> list[tuple[str, str, str]]:
    ctx = match_document(Document("<t>", text, lang), INDEX)
    return [(text[m.start : m.end], m.concept.id, m.verdict) for m in ctx.matches]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Lukaschenkos Rede", "de", ("Lukaschenkos", "lukashenko", "preferred")),
        ("по словам Зася", "ru", ("Зася", "zas", "preferred")),
        ("с Засем", "ru", ("Засем", "zas", "preferred")),
        (
            "генсек Организации Договора о коллективной безопасности",
            "ru",
            ("Организации Договора о коллективной безопасности", "csto", "preferred"),
        ),
        ("der Mitgliedstaaten", "de", ("Mitgliedstaaten", "member-state", "preferred")),
        ("os Estados-membros", "pt", ("Estados-membros", "member-state", "preferred")),
        ("den Vereinten Nationen", "de", ("Vereinten Nationen", "un", "preferred")),
        ("des UN-Sicherheitsrates", "de", ("UN-Sicherheitsrates", "un-security-council", "preferred")),
        ("der OVKS-Generalsekretär", "de", ("OVKS", "csto", "preferred")),
        ("Шанхайской организации сотрудничества", "ru", ("Шанхайской организации сотрудничества", "sco", "preferred")),
        ("los Estados miembros", "es", ("Estados miembros", "member-state", "preferred")),
        ("les États membres", "fr", ("États membres", "member-state", "preferred")),
        ("Member states met.", "en", ("Member states", "member-state", "preferred")),
        ("MEMBER STATES MET", "en", ("MEMBER STATES", "member-state", "preferred")),
        ("JEREWAN, 23. November", "de", ("JEREWAN", "yerevan", "preferred")),
        ("в Москве", "ru", ("Москве", "moscow", "preferred")),
    ],
)
def test_inflected_compound_and_capitalised_forms(text: str, lang: str, expected: tuple[str, str, str]) -> None:
    assert expected in matches(text, lang)


def test_longest_match_wins() -> None:
    found = matches("do Conselho de Segurança Coletiva da OTSC", "pt")
    assert found == [
        ("Conselho de Segurança Coletiva", "collective-security-council", "preferred"),
        ("OTSC", "csto", "preferred"),
    ]


def test_acronyms_match_only_as_written() -> None:
    assert matches("un pays et une organisation", "fr") == []
    assert matches("Csto and csto", "en") == []


def test_words_are_whole() -> None:
    assert matches("UNESCO, OVKSX und SOZIAL", "de") == []


def test_names_do_not_match_in_lower_case() -> None:
    assert matches("sas und moskau", "de") == []


@pytest.mark.parametrize(
    ("seed", "lang", "renderings"),
    [
        (
            "003_9c8547ecd273c77d.txt",
            "de",
            [
                "Sas",
                "Stanislaw Sas",
                "OVKS",
                "Generalsekretär",
                "GUS",
                "SOZ",
                "Vereinten Nationen",
                "Jerewan",
                "JEREWAN",
                "Kasachstan",
                "Mitgliedstaaten",
            ],
        ),
        (
            "004_79c9e2800bb37f61.txt",
            "de",
            [
                "Tasmagambetow",
                "Imangali Tasmagambetow",
                "OVKS",
                "UNO",
                "GUS",
                "SOZ",
                "Moskau",
                "MOSKAU",
                "Vereinten Nationen",
                "Kanal",
                "PROXY",
                "Illegale",
                "Söldner",
                "Eurasiens",
                "OVKS-Sekretariat",
            ],
        ),
        (
            "002_cbbd704be0d123c1.txt",
            "en",
            [
                "Valentin Rybakov",
                "Aleksandr Lukashenko",
                "UN",
                "CSTO",
                "UN SECURITY COUNCIL",
                "UN Charter",
                "Collective Security Treaty Organization",
            ],
        ),
        ("000_bbfeb18460988360.txt", "pt", ["ONU", "Bielorrússia", "Cazaquistão", "Afeganistão", "Valentin Rybakov"]),
        (
            "001_dab0a07f79a0557f.txt",
            "pt",
            [
                "ONU",
                "Centro Antiterrorista da CEI",
                "Moscou",
                "Stanislav Zas",
                "Canal",
                "OSCE",
                "Rússia",
                "António Guterres",
                "Sergei Vershinin",
            ],
        ),
    ],
)
def test_correct_renderings_of_the_seeds_are_recognised(seed: str, lang: str, renderings: list[str]) -> None:
    text = (SEEDS / seed).read_text(encoding="utf-8")
    valid = {t for t, _c, verdict in matches(text, lang) if verdict in ("preferred", "admitted")}
    assert set(renderings) <= valid, set(renderings) - valid


def test_a_large_term_base_finds_by_distinct_words_what_the_automaton_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past AUTOMATON_KEYS first-word stems, `find` looks up each distinct word instead of building the
    automaton: the same matches, at the same places, on the seeds and the examples."""
    from termcheck.glossary import index as index_mod

    texts = [p.read_text(encoding="utf-8") for p in sorted([*SEEDS.iterdir(), *(ROOT / "examples").iterdir()])]
    by_automaton = [INDEX.find(text) for text in texts]
    monkeypatch.setattr(index_mod, "AUTOMATON_KEYS", 0)
    by_words = GlossaryIndex(load()[0])
    assert INDEX.store.meta["scan_keys"] > 0 and by_words._automaton is None
    found = [by_words.find(text) for text in texts]
    assert by_words._automaton is None and sum(map(len, found)) > 300

    def places(ms: list[Match]) -> list[tuple[int, int, list[str]]]:
        return [(m.start, m.end, [f"{e.term.concept_id}/{e.term.lang}/{e.term.text}" for e in m.entries]) for m in ms]

    assert [places(ms) for ms in found] == [places(ms) for ms in by_automaton]


def test_a_word_list_answers_the_same_once_it_is_a_set(monkeypatch: pytest.MonkeyPatch) -> None:
    """After SET_AFTER searches a word list becomes a set: the same answers before and after."""
    from termcheck.text import wordlist

    data = b"\n".join(sorted(w.encode() for w in ["ab", "abc", "haus", "zürich", "ёж", "über"])) + b"\n"
    asked = ["ab", "abc", "abd", "haus", "Haus", "zürich", "ёж", "еж", "über", "uber", "", "a\nb", "zz"]
    by_bisection = [w in wordlist.WordList(data) for w in asked]
    monkeypatch.setattr(wordlist, "SET_AFTER", 1)
    words = wordlist.WordList(data)
    assert "ab" in words and words._set is not None
    assert (
        [w in words for w in asked]
        == by_bisection
        == [True, True, False, True, False, True, True, False, True, False, False, False, False]
    )


def test_a_word_list_in_the_cache_is_checked_whole_when_it_is_mapped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cached list is memory-mapped and searched from byte 20 on; one changed byte anywhere in it
    (a word that would answer wrongly) fails its CRC-32, and the list is made again."""
    from termcheck.text import wordlist

    monkeypatch.setenv("TERMCHECK_CACHE_DIR", str(tmp_path))
    wordlist.known_words.cache_clear()
    assert wordlist.known_words("de") is not None  # made from pyspellchecker's list and written
    wordlist.known_words.cache_clear()
    words = wordlist.known_words("de")  # mapped from the cache
    assert words is not None and "haus" in words and "hxus" not in words and not isinstance(words.data, bytes)
    (path,) = tmp_path.glob("words-de-*.txt")
    good = path.read_bytes()
    at = good.index(b"\nhaus\n") + 2
    path.write_bytes(good[:at] + b"x" + good[at + 1 :])  # haus -> hxus
    wordlist.known_words.cache_clear()
    again = wordlist.known_words("de")
    assert again is not None and "haus" in again and "hxus" not in again
    assert path.read_bytes() == good
    wordlist.known_words.cache_clear()
