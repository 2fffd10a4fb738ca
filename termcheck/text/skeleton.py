"""A transliteration-aware key for names: Rybakov, Rybakow, Rybakou and Рыбаков share one skeleton.

Each language writes the sounds of Russian, Belarusian or Kazakh names its own way (English zh, kh,
ch, -ov; German sch, tsch, ch, w, -ow; French ch, tch, ou, -ov; Belarusian-based -ou). The skeleton
first rewrites each spelling into a neutral phoneme notation, by the rules of the word's language,
then folds what the systems disagree on: voicing of s/z, i/y/j, doubled letters and the soft sign.
A Cyrillic word is mapped letter by letter. Two words with the same skeleton are taken as renderings
of the same name.
"""

from __future__ import annotations

import re
import unicodedata

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "Z", "з": "s", "и": "i",
    "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "H", "ц": "C", "ч": "C", "ш": "S", "щ": "S", "ъ": "", "ы": "i", "ь": "",
    "э": "e", "ю": "iu", "я": "ia", "і": "i", "ў": "u", "ї": "i", "є": "e", "ғ": "g", "қ": "k", "ң": "n",
    "ө": "o", "ұ": "u", "ү": "u", "һ": "H", "ә": "a",
}  # fmt: skip

# Digraphs first (longest first), per language; capital letters stand for phonemes: S ш, Z ж, C ч/ц, H х.
_RULES: dict[str, list[tuple[str, str]]] = {
    "de": [("schtsch", "S"), ("tsch", "C"), ("sch", "S"), ("ch", "H"), ("zh", "Z"), ("z", "C"), ("w", "v"),
           ("j", "i"), ("ie", "i"), ("ei", "ei")],
    "en": [("shch", "S"), ("sh", "S"), ("zh", "Z"), ("kh", "H"), ("ch", "C"), ("ts", "C"), ("z", "s"), ("y", "i"),
           ("j", "Z"), ("w", "v")],
    "fr": [("chtch", "S"), ("tch", "C"), ("ch", "S"), ("kh", "H"), ("ou", "u"), ("j", "Z"), ("ts", "C"), ("z", "s"),
           ("y", "i"), ("w", "v")],
}  # fmt: skip
_DEFAULT_RULES = [("sh", "S"), ("zh", "Z"), ("kh", "H"), ("ch", "C"), ("ts", "C"), ("z", "s"), ("y", "i"), ("j", "i"),
                  ("w", "v")]  # fmt: skip
_CYRILLIC_LANGS = {"ru", "uk", "be", "kk", "bg"}


# Each language's rules as one alternation, in the rules' order: at each position the regex engine tries
# them in that order, as a loop over the rules would, but in C.
_PATTERNS = {
    lang: (re.compile("|".join(re.escape(src) for src, _ in rules)), dict(rules))
    for lang, rules in [*_RULES.items(), ("", _DEFAULT_RULES)]
}


_FRENCH_E_RE = re.compile(r"(?<=[^aeiou])e$")
_OU_RE = re.compile(r"o[uw]$")
_DOUBLED_RE = re.compile(r"(.)\1+")
_GLIDE_RE = re.compile(r"(?<=[aeou])i(?=[aeou])")
_IS_RE = re.compile(r"i+")


def _latin(word: str, lang: str) -> str:
    folded = word.lower()
    if not folded.isascii():  # accents off: é → e
        folded = "".join(c for c in unicodedata.normalize("NFD", folded) if not unicodedata.combining(c))
    pattern, table = _PATTERNS.get(lang, _PATTERNS[""])
    text = pattern.sub(lambda m: table[m.group()], folded)
    if lang == "fr":
        text = _FRENCH_E_RE.sub("", text)  # Verchinine
    return _OU_RE.sub("ov", text)  # Belarusian-based -ou and German -ow are -ов


def skeleton(word: str, lang: str) -> str:
    """The skeleton of one word as written in `lang` (a Cyrillic word is read as Cyrillic)."""
    primary = lang.split("-", 1)[0]
    lower = word.lower()
    if primary in _CYRILLIC_LANGS or any("\u0400" <= c <= "\u04ff" for c in lower):
        text = "".join(_CYRILLIC.get(c, c) for c in lower)
    else:
        text = _latin(word, primary)
    text = text.replace("y", "i").replace("j", "i").replace("z", "s").replace("w", "v")
    text = _DOUBLED_RE.sub(r"\1", text)  # doubled letters
    text = _GLIDE_RE.sub("", text)  # Tokayev / Токаев: a glide between vowels
    return _IS_RE.sub("i", text)
