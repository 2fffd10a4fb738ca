"""The sound a word begins with, as far as French and Italian choose an article's form by it: elided
before a vowel (l'OTSC, dell'ONU, de l'Arménie), full before a consonant (la CSTO), and in Italian the
masculine lo, uno, dello before an "impure" consonant (lo Stato, uno Zar)."""

from __future__ import annotations

VOWEL, CONSONANT, IMPURE = "vowel", "consonant", "impure"

APOSTROPHES = "'\u2019\u02bc"  # ' ’ ʼ: the ways an elided article is written

_VOWELS = frozenset("aeiouàâäéèêëìíîïòóôöùúûüœæ")


def initial_sound(lang: str, word: str) -> str | None:
    """VOWEL, CONSONANT or (Italian) IMPURE: the sound `word` begins with in `lang` (a BCP 47 tag), as
    the article before it is written; None where that cannot be told from the spelling (h muet or h
    aspiré, French y), in a language that does not elide, or when `word` does not begin with a letter."""
    primary = lang.split("-", 1)[0].lower()
    if primary not in ("fr", "it") or not word[:1].isalpha():
        return None
    first, second = word[0].lower(), word[1:2].lower()
    if first == "h" or (first == "y" and primary == "fr"):
        return None
    if first in _VOWELS:
        return CONSONANT if primary == "it" and first == "i" and second in _VOWELS else VOWEL  # la iena
    if primary == "it" and (first in "zxy" or word[:2].lower() in ("gn", "ps", "pn") or
                            (first == "s" and second not in _VOWELS)):  # fmt: skip
        return IMPURE
    return CONSONANT


def either_form(lang: str, word: str) -> bool:
    """Whether `lang` writes both the elided and the full article before `word`: Italian before u or i
    with another vowel after it (la Ue, l'Ue) and before an acronym spelt from a consonant whose name
    begins with a vowel (il FMI, l'FMI)."""
    if lang.split("-", 1)[0].lower() != "it":
        return False
    first, second = word[:1].lower(), word[1:2].lower()
    return (first in ("i", "u") and second in _VOWELS) or (len(word) > 1 and word.isupper() and first not in _VOWELS)
