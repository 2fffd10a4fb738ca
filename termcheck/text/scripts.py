"""Scripts of letters (Latin, Cyrillic) and the homoglyphs that pass between them."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

LATIN, CYRILLIC = "Latin", "Cyrillic"
CYRILLIC_LANGS = frozenset({"ru", "uk", "be", "bg", "sr", "mk", "kk", "ky", "tg", "mn"})

# Latin letter → the Cyrillic letter that looks the same, and back.
_PAIRS = "AА BВ CС EЕ HН KК MМ OО PР TТ XХ YУ aа cс eе oо pр xх yу iі IІ jј sѕ"
LATIN_TO_CYRILLIC = {pair[0]: pair[1] for pair in _PAIRS.split()}
CYRILLIC_TO_LATIN = {c: latin for latin, c in LATIN_TO_CYRILLIC.items()}


@lru_cache(maxsize=4096)
def script_of(ch: str) -> str | None:
    if not ch.isalpha():
        return None
    name = unicodedata.name(ch, "")
    if name.startswith("LATIN"):
        return LATIN
    if name.startswith("CYRILLIC"):
        return CYRILLIC
    return None


def scripts(word: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for ch in word:
        script = script_of(ch)
        if script:
            counts[script] = counts.get(script, 0) + 1
    return counts


def text_script(lang: str) -> str:
    return CYRILLIC if lang.split("-", 1)[0] in CYRILLIC_LANGS else LATIN


def restore(word: str, target: str) -> str | None:
    """The word with every letter of the other script replaced by its look-alike in `target`, or
    None when a letter has no look-alike."""
    table = LATIN_TO_CYRILLIC if target == CYRILLIC else CYRILLIC_TO_LATIN
    out = []
    for ch in word:
        script = script_of(ch)
        if script and script != target:
            if ch not in table:
                return None
            out.append(table[ch])
        else:
            out.append(ch)
    return "".join(out)
