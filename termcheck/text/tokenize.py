"""Words and what stands between them."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from typing import NamedTuple

# A word is a run of letters and digits (any script); everything else separates words,
# so compounds (OVKS-Generalsekretär) and elisions (l'OTSC) split into their parts.
WORD_RE = re.compile(r"[^\W_]+")
HYPHENS = "-\u2010\u2011"
_SEP_SPACE_RE = re.compile(r"\s+")
_URL_RE = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_MAIL_DOMAIN_RE = re.compile(r"@[\w-]+(?:\.[\w-]+)+")
_MAIL_LOCAL_RE = re.compile(r"[\w.+-]+$")


class Token(NamedTuple):
    text: str
    start: int
    end: int


def tokens(text: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in WORD_RE.finditer(text)]


def places_of(text: str, words: Collection[str]) -> list[Token]:
    """Where some words stand in `text` (whole words only), in order: one regex for all of them
    instead of a token for every word of the text."""
    if not words:
        return []
    pattern = re.compile(
        r"(?<![^\W_])(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + r")(?![^\W_])"
    )
    return [Token(m.group(), m.start(), m.end()) for m in pattern.finditer(text)]


def norm_sep(sep: str) -> str:
    """A separator in canonical form: white space as one space, hyphen variants as '-'."""
    for h in HYPHENS[1:]:
        sep = sep.replace(h, "-")
    return _SEP_SPACE_RE.sub(" ", sep)


def sep_allowed(sep: str) -> bool:
    """Whether a term may continue across this separator (not across a blank line)."""
    return sep.count("\n") < 2


def url_spans(text: str) -> list[tuple[int, int]]:
    """URLs and e-mail addresses: a term inside one is not a finding."""
    spans = [(m.start(), m.end()) for m in _URL_RE.finditer(text)] if "www." in text or "://" in text else []
    if "@" in text:  # searched from the '@' outwards: a regex tried at every word would be slow
        for m in _MAIL_DOMAIN_RE.finditer(text):
            local = _MAIL_LOCAL_RE.search(text, max(0, m.start() - 64), m.start())
            if local:
                spans.append((local.start(), m.end()))
    return sorted(spans)


QUOTES_OPEN = "\"'\u201c\u201e\u00ab\u2018\u201a\u2039"
QUOTES_CLOSE = "\"'\u201d\u201c\u00bb\u2019\u2018\u203a"


def strip_accents(text: str) -> str:
    """The text without its combining marks (Belarús and Belarus, cooperação and cooperacao)."""
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))


SENTENCE_END = ".!?:;…\n\r"
_BEFORE_A_WORD = " \t\u00a0\"'“”„«»‘’‚‹([{¿¡*•-–—"


def sentence_start(text: str, offset: int) -> bool:
    """Whether the word at `offset` begins a sentence, a line, a list item or an inline tag's text: nothing
    but spaces, quotes, brackets and dashes between it and a sentence's end, a tag (its ">", or the mark
    U+FFFC a reader puts for it) or the text's start ("<g1>Uno por uno</g1>", a label in a translation
    unit). Its capital is then the position's, which says nothing of the word."""
    i = offset - 1
    while i >= 0 and text[i] in _BEFORE_A_WORD:
        i -= 1
    return i < 0 or text[i] in SENTENCE_END or text[i] in ">\ufffc"
