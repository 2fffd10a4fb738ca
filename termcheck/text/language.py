"""Which language a text is in: identified offline with py3langid.

The model (and numpy) load only when a text's language is not given, so `termcheck lint --lang de`
and configured paths start fast. Among the term base's languages the most likely one wins (which is
what the seeds and short lines need); a text clearly in a language the term base lacks (Italian,
when there are no Italian terms) is reported as that language, so its words are not read as
foreign renderings of the languages the term base has.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

# A document is identified from three slices of it (its start, middle and end) of SAMPLE characters
# in all: enough for a sure verdict on any of the six languages, and the cost no longer grows with
# the file (a 50 KB file took 25 ms whole).
SAMPLE = 12_000
MIN_LETTERS = 12
OTHER_LANGUAGE_CONFIDENCE = 0.9
_LETTERS_RE = re.compile(r"[^\W\d_]")
_CACHED_TEXT = 4_000  # passages up to this length are identified once per run, however often they recur


def _model_arrays() -> tuple[Any, ...] | None:
    """py3langid's model, decompressed once into the user's cache (68 MB of plain arrays, read with
    `allow_pickle=False`: data, never code) instead of from its LZMA file on every run (0.35 s)."""
    import io
    import lzma

    import numpy as np
    from py3langid.langid import MODEL_DIR, MODEL_FILE
    from py3langid.modelio import _to_array

    from .. import cachefiles

    source = MODEL_DIR / MODEL_FILE
    info = source.stat()
    name = f"langid-{info.st_size}-{int(info.st_mtime)}.npz"
    raw = cachefiles.read(name)
    if raw is None:
        with lzma.open(source) as handle:
            raw = handle.read()
        cachefiles.write(name, raw)
    with np.load(io.BytesIO(raw), allow_pickle=False) as data:
        return (data["ptc"], data["pc"], data["classes"].tolist(), _to_array(data["nextmove"]),
                _to_array(data["nextmove_row"]), data["out_feat"].tolist())  # fmt: skip


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    try:
        arrays = _model_arrays()
    except Exception:  # another py3langid layout: its own loader, slower, still right
        arrays = None
    if arrays is None:
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ptc, pc, classes, nextmove, row, output = arrays
    return LanguageIdentifier(ptc, pc, classes, nextmove, output, norm_probs=True, tk_row=row)


def _sample(text: str) -> str:
    if len(text) <= SAMPLE:
        return text
    third = SAMPLE // 3
    middle = len(text) // 2 - third // 2
    return "\n".join((text[:third], text[middle : middle + third], text[-third:]))


def _enough_letters(text: str) -> bool:
    return any(n >= MIN_LETTERS for n, _ in enumerate(_LETTERS_RE.finditer(text), 1))


def identify(text: str, langs: tuple[str, ...]) -> tuple[str, float] | None:
    """The language of `text` with its probability, or None when there is too little text to tell."""
    text = _sample(text)
    if len(text) <= _CACHED_TEXT:
        return _identify_cached(text, langs)
    return _identify(text, langs)


@lru_cache(maxsize=20_000)
def _identify_cached(text: str, langs: tuple[str, ...]) -> tuple[str, float] | None:
    return _identify(text, langs)


def _identify(text: str, langs: tuple[str, ...]) -> tuple[str, float] | None:
    if not _enough_letters(text[:2000]):
        return None
    ranking = _identifier().rank(text)
    top, top_prob = ranking[0]
    if top not in langs and top_prob >= OTHER_LANGUAGE_CONFIDENCE:
        return str(top), round(float(top_prob), 4)
    ours = [(lang, prob) for lang, prob in ranking if lang in langs]
    if not ours:
        return str(top), round(float(top_prob), 4)
    total = sum(prob for _lang, prob in ours) or 1.0
    lang, prob = ours[0]
    return str(lang), round(float(prob) / total, 4)
