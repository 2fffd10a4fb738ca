"""Ordinary words per language, to tell a misspelt term from a word of the language.

The word lists are pyspellchecker's frequency dictionaries (en, de, es, fr, pt, ru, it, nl, ...), read
directly as a set of words; the set is cached in the user cache directory so that later runs load
it in a fraction of the time. Loaded only when a rule needs them.
"""

from __future__ import annotations

import gzip
import json
import pickle
from functools import lru_cache
from importlib import resources
from importlib.metadata import PackageNotFoundError, version


def _source_version() -> str:
    try:
        return version("pyspellchecker")
    except PackageNotFoundError:
        return "unknown"


@lru_cache(maxsize=16)
def known_words(lang: str) -> frozenset[str] | None:
    """The lower-case words of a language, or None when there is no list for it."""
    from ..glossary.cache import cache_dir

    primary = lang.split("-", 1)[0].lower()
    cached = cache_dir() / f"words-{primary}-{_source_version()}.pickle"
    try:
        with cached.open("rb") as handle:
            words = pickle.load(handle)
        if isinstance(words, frozenset):
            return words
    except Exception:
        pass
    resource = resources.files("spellchecker") / "resources" / f"{primary}.json.gz"
    if not resource.is_file():
        return None
    words = frozenset(json.loads(gzip.decompress(resource.read_bytes())))
    try:
        from ..fileio import atomic_write

        cached.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(cached, pickle.dumps(words, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass
    return words


def is_known(word: str, lang: str) -> bool:
    words = known_words(lang)
    return words is not None and word.casefold() in words


COMPOUNDING = frozenset({"de", "nl"})
_LINKS = ("", "s", "es", "n", "en")  # Fugen: Verteidigung-s-minister, Arbeit-s-zeit


def is_word(word: str, lang: str, words: frozenset[str]) -> bool:
    """Whether `word` (lower case) is in the list or, in a compounding language, is made of listed
    words (Außenministerrates = außen + minister + rates; Informationssicherheit = information-s-sicherheit)."""
    if word in words:
        return True
    return lang.split("-", 1)[0] in COMPOUNDING and _compound(word, words, 0)


def _compound(word: str, words: frozenset[str], depth: int) -> bool:
    if depth > 3 or len(word) < 6:
        return False
    for cut in range(3, len(word) - 2):
        left, right = word[:cut], word[cut:]
        for link in _LINKS:
            if link and not left.endswith(link):
                continue
            head = left[: len(left) - len(link)] if link else left
            if len(head) >= 3 and head in words and (right in words or _compound(right, words, depth + 1)):
                return True
    return False
