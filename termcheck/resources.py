"""What the checks need from outside the text and the term base, loaded once per process and handed in:
the language identifier, the word lists and the spelling suggester. Rules never load these themselves;
each loads lazily on its first use, so a run that needs none of them pays nothing. Picklable: a
session travels to worker processes and cluster workers as it is."""

from __future__ import annotations

from collections.abc import Callable, Container
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .glossary.index import GlossaryIndex

Identify = Callable[[str], "tuple[str, float] | None"]


def _no_words(lang: str) -> Container[str] | None:
    return None


@lru_cache(maxsize=8)
def _speller(lang: str) -> Any:
    from spellchecker import SpellChecker

    return SpellChecker(language=lang, distance=1)


def _words(lang: str) -> Container[str] | None:
    from .text.wordlist import known_words

    return known_words(lang)


@dataclass(frozen=True)
class Resources:
    """`identify`: a text's language (None: never identify); `words`: the ordinary words of a language
    (None where there is no list); `speller`: pyspellchecker's checker for a language (suggestions)."""

    identify: Identify | None = None
    words: Callable[[str], Container[str] | None] = field(default=_no_words)
    speller: Callable[[str], Any] | None = None

    @classmethod
    def for_index(cls, index: GlossaryIndex, identify: bool = True) -> Resources:
        """The standard resources: the model restricted to the term base's languages, pyspellchecker's lists."""
        langs = index.glossary.languages
        if not identify:
            return cls(None, _words, _speller)
        return cls(partial(_identify_among, langs), _words, _speller)


def _identify_among(langs: tuple[str, ...], text: str) -> tuple[str, float] | None:
    """A text's language among the term base's (a module function: resources travel to worker processes)."""
    from .text.language import identify

    return identify(text, langs)
