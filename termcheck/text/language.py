"""Which language a text is in: identified offline with py3langid.

The model (and numpy) load only when a text's language is not given, so `termcheck lint --lang de`
and configured paths start fast. Among the term base's languages the most likely one wins (which is
what the seeds and short lines need); a text clearly in a language the term base lacks (Italian,
when there are no Italian terms) is reported as that language, so its words are not read as
foreign renderings of the languages the term base has.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

SAMPLE = 100_000
MIN_LETTERS = 12
OTHER_LANGUAGE_CONFIDENCE = 0.9


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify(text: str, langs: tuple[str, ...]) -> tuple[str, float] | None:
    """The language of `text` with its probability, or None when there is too little text to tell."""
    if len(text) > SAMPLE:
        text = text[: SAMPLE // 2] + "\n" + text[len(text) // 2 :][: SAMPLE // 2]
    if sum(ch.isalpha() for ch in text[:2000]) < MIN_LETTERS:
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
