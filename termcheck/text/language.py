"""Which language a text is in: identified offline with py3langid, restricted to the term base's languages.

The model (and numpy) load only when a text's language is not given, so `termcheck lint --lang de`
and configured paths start fast.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

SAMPLE = 100_000
MIN_CHARS = 12


@lru_cache(maxsize=8)
def _identifier(langs: tuple[str, ...]) -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    known = set(ident.labels) if hasattr(ident, "labels") else set(langs)
    usable = [lang for lang in langs if lang in known]
    if usable:
        ident.set_languages(usable)
    return ident


def identify(text: str, langs: tuple[str, ...]) -> tuple[str, float] | None:
    """The most likely language of `text` among `langs` with its probability, or None if it cannot tell."""
    sample = text[:SAMPLE] if len(text) <= SAMPLE else text[: SAMPLE // 2] + "\n" + text[len(text) // 2:][: SAMPLE // 2]
    if sum(ch.isalpha() for ch in sample[:2000]) < MIN_CHARS:
        return None
    lang, prob = _identifier(tuple(sorted(langs))).classify(sample)
    return str(lang), round(float(prob), 4)
