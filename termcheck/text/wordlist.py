"""Ordinary words per language, to tell a misspelt term from a word of the language.

The word lists are pyspellchecker's frequency dictionaries (en, de, es, fr, pt, ru, it, nl, ...), read
directly; each is kept sorted, one word a line, in the user cache directory (memory-mapped, checked by
CRC-32, named after the installed list) and searched by bisection. Loaded only when a rule needs them.
`is_word` also reads German and Dutch compounds as their listed parts; `is_form` also reads a plural
as its listed singular and a verb form as its listed infinitive, for the lists that hold few inflected forms.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Container
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

_MAGIC = b"TCWORDS1"
_HEAD = len(_MAGIC) + 4 + 8  # the magic, the CRC-32 of the words, their length in bytes


def _source_key(path: Path) -> str:
    """Names the installed list after its size and its last 4 KB, which end with the CRC-32 and the
    length of the unpacked words (the gzip trailer): the same list in two environments is one cache
    file, and a run does not read and digest the whole 1 MB file to find it."""
    with path.open("rb") as handle:
        size = handle.seek(0, 2)
        handle.seek(max(0, size - 4096))
        tail = handle.read()
    return hashlib.sha256(size.to_bytes(8, "little") + tail).hexdigest()[:24]


def _packed(words: bytes) -> bytes:
    return _MAGIC + zlib.crc32(words).to_bytes(4, "little") + len(words).to_bytes(8, "little") + words


def _checked(buf: Any) -> bool:
    """Whether a mapped list is whole: its magic, its length and the CRC-32 of its words (1 ms for the
    4.5 MB German list, where reading it and its SHA-256 took 8 ms)."""
    if len(buf) <= _HEAD or buf[: len(_MAGIC)] != _MAGIC or buf[-1:] != b"\n":
        return False
    crc = int.from_bytes(buf[len(_MAGIC) : len(_MAGIC) + 4], "little")
    length = int.from_bytes(buf[len(_MAGIC) + 4 : _HEAD], "little")
    return length == len(buf) - _HEAD and zlib.crc32(memoryview(buf)[_HEAD:]) == crc


SET_AFTER = 10_000  # searches after which the list is made a set (about as long as making it)


class WordList:
    """A sorted, newline-separated list of words (from byte `start` of `data`: bytes or a mapped file)
    searched by bisection: no set to build, so a run that looks up a handful of words pays a few
    pages of the file, not the loading of 300,000 words."""

    def __init__(self, data: Any, start: int = 0) -> None:
        self.data = data
        self.start = start
        self._seen: dict[str, bool] = {}  # a text asks about the same words again and again
        self._searches = 0
        self._set: frozenset[str] | None = None

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or not word or "\n" in word:
            return False
        if self._set is not None:
            return word in self._set
        known = self._seen.get(word)
        if known is None:
            if len(self._seen) > 200_000:
                self._seen.clear()
            known = self._seen[word] = self._search(word)
            self._searches += 1
            if self._searches == SET_AFTER:
                # A run that asks this often (a corpus: the one-edit neighbours of each unknown word)
                # pays once for a set (40 ms, 25 MB) instead of a bisection in Python each time.
                self._set = frozenset(self.data[self.start :].decode("utf-8").split("\n"))
        return known

    def _search(self, word: str) -> bool:
        key, data = word.encode("utf-8"), self.data
        lo, hi = self.start, len(data)
        while lo < hi:
            mid = (lo + hi) // 2
            start = max(lo, data.rfind(b"\n", lo, mid) + 1)
            end = data.find(b"\n", start)
            end = len(data) if end < 0 else end
            found = data[start:end]
            if found == key:
                return True
            if found < key:
                lo = end + 1
            else:
                hi = start
        return False


@lru_cache(maxsize=16)
def known_words(lang: str) -> WordList | None:
    """The lower-case words of a language, or None when there is no list for it."""
    from .. import cachefiles

    primary = lang.split("-", 1)[0].lower()
    spec = find_spec("spellchecker")  # where the package is, without importing it (and its imports)
    if spec is None or not spec.submodule_search_locations:
        return None
    resource = Path(next(iter(spec.submodule_search_locations))) / "resources" / f"{primary}.json.gz"
    if not resource.is_file():
        return None
    name = f"words-{primary}-{_source_key(resource)}.txt"
    mapped = cachefiles.map_data(name)
    if mapped is not None and _checked(mapped):  # a damaged list would answer wrongly, not fail
        return WordList(mapped, _HEAD)
    import gzip
    import json

    # Sorted as text, which is the order of their UTF-8 bytes, and quickly: the list comes in order (a
    # set of the encoded words, sorted again, took 0.5 s of a first run for German or Portuguese).
    words = sorted(w for w in json.loads(gzip.decompress(resource.read_bytes())) if "\n" not in w)
    data = _packed(("\n".join(words) + "\n").encode("utf-8"))
    cachefiles.write_data(name, data)
    cachefiles.prune(f"words-{primary}-", keep=2)
    return WordList(data, _HEAD)


COMPOUNDING = frozenset({"de", "nl"})
_LINKS = ("", "s", "es", "n", "en")  # Fugen: Verteidigung-s-minister, Arbeit-s-zeit


def is_word(word: str, lang: str, words: Container[str]) -> bool:
    """Whether `word` (lower case) is in the list or, in a compounding language, is made of listed
    words (Außenministerrates = außen + minister + rates; Informationssicherheit = information-s-sicherheit)."""
    if word in words:
        return True
    return lang.split("-", 1)[0] in COMPOUNDING and _compound(word, words, 0)


# Plural endings and the singular endings they replace, for the languages whose lists hold few inflected
# forms (Spanish destinados, pares; Portuguese armênios; French kazakhes; Italian righe): tried in order.
_PLURALS: dict[str, tuple[tuple[str, str], ...]] = {
    "es": (("es", ""), ("s", "")),
    "pt": (
        ("ões", "ão"),
        ("ães", "ão"),
        ("ns", "m"),
        ("ais", "al"),
        ("éis", "el"),
        ("óis", "ol"),
        ("es", ""),
        ("s", ""),
    ),
    "fr": (("aux", "al"), ("x", ""), ("s", "")),
    "it": (("i", "o"), ("i", "e"), ("e", "a"), ("he", "a"), ("hi", "o")),
}


# Feminine endings of adjectives and nouns of persons, from the masculine's ending: Portuguese armênio →
# armênia; French arménien → arménienne, kazakh → kazakhe; Italian russo → russa. Tried in order.
_FEMININES: dict[str, tuple[tuple[str, str], ...]] = {
    "es": (("o", "a"), ("ón", "ona"), ("", "a")),
    "pt": (("o", "a"), ("ão", "ã"), ("ês", "esa")),
    "fr": (("en", "enne"), ("el", "elle"), ("", "e")),
    "it": (("o", "a"),),
}


def romance_form(word: str, base: str, lang: str) -> bool:
    """Whether `word` is another gender or number of the term word `base` in Spanish, Portuguese, French or
    Italian (both lower case): armênias, gerais (pt), generales (es), généraux, arméniennes (fr), generali,
    russe (it); `base` may itself be a feminine or a plural (azere beside the listed azeri, azera)."""
    primary = lang.split("-", 1)[0]
    plurals, feminines = _PLURALS.get(primary, ()), _FEMININES.get(primary, ())
    if word == base or not (plurals or feminines):
        return False
    masculines = {base}
    if base[-2:-1] not in "áéíóú":  # kirguís, francés: a singular stressed on its last syllable, no plural
        masculines |= {base[: len(base) - len(p)] + s for p, s in plurals if p and base.endswith(p)}
    masculines |= {base[: len(base) - len(f)] + m for m, f in feminines if f and base.endswith(f)}
    for masculine in masculines:
        forms = {masculine} | {masculine[: len(masculine) - len(m)] + f for m, f in feminines if masculine.endswith(m)}
        if word in forms or any(word.endswith(p) and word[: len(word) - len(p)] + s in forms for p, s in plurals):
            return True
    return False


# Verb endings (present, imperative, subjunctive, imperfect, preterite, gerund, participle) and the
# infinitive endings they may come from, for the lists that hold a verb's infinitive only (Spanish usar,
# not usa, viene, corre). Longest first, so that "-amos" is tried before "-os" would be.
_VERB_ENDINGS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "es": tuple(
        sorted(
            [(e, ("ar",)) for e in ("a", "as", "an", "amos", "aba", "aban", "ado", "ada", "ados", "adas", "ando")]
            + [(e, ("ar",)) for e in ("é", "ó", "aron")]
            + [(e, ("er", "ir")) for e in ("e", "es", "en", "ía", "ían", "ido", "ida", "idos", "idas", "iendo")]
            + [(e, ("er", "ir")) for e in ("ió", "ieron")]
            + [(e, ("ar", "er", "ir")) for e in ("o",)]
            + [("emos", ("er",)), ("imos", ("ir",))],
            key=lambda pair: -len(pair[0]),
        )
    ),
}
# Stem vowels that change under the stress (venir: viene; poder: puede), undone before the infinitive.
_STEM_CHANGES = {"es": (("ie", "e"), ("ue", "o"))}


def _verb_form(word: str, lang: str, words: Container[str]) -> bool:
    """Whether `word` is a form of a listed infinitive (`_VERB_ENDINGS`; the stem at least two letters)."""
    for ending, infinitives in _VERB_ENDINGS.get(lang, ()):
        stem = word[: len(word) - len(ending)]
        if not word.endswith(ending) or len(stem) < 2:
            continue
        stems = [stem] + [
            stem[:at] + plain + stem[at + len(changed) :]
            for changed, plain in _STEM_CHANGES.get(lang, ())
            if (at := stem.rfind(changed)) >= 0
        ]
        if any(s + infinitive in words for s in stems for infinitive in infinitives):
            return True
    return False


def is_form(word: str, lang: str, words: Container[str]) -> bool:
    """Whether `word` (lower case) is a listed word (`is_word`), the plural of one, or a verb form of a
    listed infinitive: the lists of some languages hold a word's singular only (Spanish destinado, not
    destinados) and a verb's infinitive only (Spanish usar, not usa)."""
    if is_word(word, lang, words):
        return True
    primary = lang.split("-", 1)[0]
    for plural, singular in _PLURALS.get(primary, ()):
        if word.endswith(plural) and len(word) - len(plural) >= 3 and word[: -len(plural)] + singular in words:
            return True
    return _verb_form(word, primary, words)


# Longer than any listed word (Dutch 46 letters, German 38): a compound's parts are looked for only this
# far, and a word longer than the parts `_compound` reaches (five) is none; linear in the word's length.
LONGEST_PART = 64


def _compound(word: str, words: Container[str], depth: int) -> bool:
    if depth > 3 or len(word) < 6 or len(word) > (5 - depth) * (LONGEST_PART + 2):
        return False
    for cut in range(3, min(len(word) - 2, LONGEST_PART + 3)):
        left, right = word[:cut], word[cut:]
        for link in _LINKS:
            if link and not left.endswith(link):
                continue
            head = left[: len(left) - len(link)] if link else left
            if len(head) >= 3 and head in words and (right in words or _compound(right, words, depth + 1)):
                return True
    return False
