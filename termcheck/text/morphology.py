"""Inflection per language: which endings a term's words may take in running text.

A term word is split into a stem and its own ending (Russian Зась → Зас + ь; German Vereinte →
Vereint + e); a text word matches when it is that stem plus an ending of the term's language
(Зася, Засем; Vereinten; Mitgliedstaaten; Estados-membros). Light and deliberate: no
dictionary, so it never needs data files, and ending lists are short enough to review.
"""

from __future__ import annotations

_RU_ENDINGS = [
    "а",
    "я",
    "у",
    "ю",
    "е",
    "о",
    "ы",
    "и",
    "ь",
    "й",
    "ой",
    "ей",
    "ом",
    "ем",
    "ам",
    "ям",
    "ах",
    "ях",
    "ами",
    "ями",
    "ов",
    "ев",
    "ую",
    "юю",
    "ая",
    "яя",
    "ое",
    "ее",
    "ые",
    "ие",
    "ый",
    "ий",
    "ого",
    "его",
    "ому",
    "ему",
    "ым",
    "им",
    "ыми",
    "ими",
    "ых",
    "их",
    "ью",
    "ию",
    "ия",
    "ии",
    "ией",
    "ием",  # Анатолий, Дмитрий: the instrumental of a name in -ий (Анатолием)
]

# Endings a text word may add to a term's stem, per primary language subtag.
ENDINGS: dict[str, frozenset[str]] = {
    "en": frozenset(["", "s", "es"]),
    "de": frozenset(["", "s", "es", "e", "en", "n", "er", "ern", "ns", "ens", "em"]),
    "ru": frozenset(["", *_RU_ENDINGS]),
    "uk": frozenset(["", *_RU_ENDINGS]),
    "be": frozenset(["", *_RU_ENDINGS]),
    "pt": frozenset(["", "s", "es"]),
    "es": frozenset(["", "s", "es"]),
    "fr": frozenset(["", "s", "x"]),
    "it": frozenset(["", "i", "e"]),
}
_DEFAULT = frozenset(["", "s"])

# A term word's own ending, removed to form the stem that the endings above attach to.
BASE_ENDINGS: dict[str, tuple[str, ...]] = {
    "ru": ("ая", "яя", "ое", "ее", "ый", "ий", "ой", "ые", "ие", "я", "а", "ь", "й", "о", "е", "ы", "и"),
    "uk": ("а", "я", "ь", "й", "о", "е", "и"),
    "be": ("а", "я", "ь", "й", "о", "е", "ы"),
    "de": ("e",),
    "it": ("o", "a", "e"),
}
MIN_STEM = 3
MAX_ENDING = max(len(e) for es in ENDINGS.values() for e in es)


# Names (terms with capitals) take no endings in these languages: "Zass" is not a form of Zas.
UNINFLECTED_NAMES = frozenset({"en", "pt", "es", "fr", "it"})


def term_endings(lang: str, inflect: bool, case: str) -> frozenset[str]:
    """The endings a term's words may take in running text (its language, whether it inflects, its case mode)."""
    primary = lang.split("-", 1)[0]
    if not inflect or (case != "ignore" and primary in UNINFLECTED_NAMES):
        return frozenset([""])
    return endings(lang)


def endings(lang: str) -> frozenset[str]:
    return ENDINGS.get(lang.split("-", 1)[0], _DEFAULT)


def stem(word: str, lang: str) -> str:
    """The stem of a (casefolded) term word: the word less its own ending, if long enough."""
    for ending in BASE_ENDINGS.get(lang.split("-", 1)[0], ()):
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)]
    return word
