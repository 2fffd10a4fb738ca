"""A word unknown to the language's word list and to the term base (off by default).

## What it does
Reports words that are neither in the word list of the text's language (pyspellchecker's, for de, en,
es, fr, pt, ru, it, nl, ...) nor words of the term base, with up to three suggestions one edit
away, most frequent first. Words in capitals, words with digits and, outside German, capitalised
words inside a sentence (names) are left alone.

## Why is this bad?
Typos of ordinary words ("unidadesminagem", a lost capital "ie") slip through term checks.

## Example
In seed 000 (Portuguese) `unidadesminagem` is reported; in seed 004 (German) `ie` at the start of a
sentence.

## Fix safety
No fix: suggestions only.

## Options
Off by default: German compounds and rare words are missing from the word lists, so it raises false
alarms (measured on the seeds in docs/quality.md). Add it with `--extend-select spelling`.
"""

from __future__ import annotations

from ..findings import Finding, Severity
from ..text.tokenize import sentence_start
from ..text.wordlist import is_word
from .contract import Context, FixApplicability, RuleInfo

CODE = "TC203"
NAME = "spelling"
SEVERITY = Severity.INFO
ENABLED = False
FIX = FixApplicability.NONE
SUMMARY = "a word unknown to the language's word list and to the term base"


def _truncated(text: str, end: int) -> bool:
    """A compound cut before a hyphen: "Verteidigungs- und Sicherheitsfragen"."""
    return text[end : end + 2] in ("- ", "-\n")


def check(ctx: Context, rule: RuleInfo) -> list[Finding]:
    lang = ctx.lang.split("-", 1)[0]
    words = ctx.resources.words(lang)
    if words is None or ctx.index is None or ctx.resources.speller is None:
        return []
    typos = ctx.index.typos
    doc = ctx.document
    out = []
    for tok in doc.tokens:
        word = tok.text
        folded = word.lower()  # the word lists keep ß: lower(), not casefold()
        if ctx.covered(tok.start) or not word.isalpha() or word.isupper() or typos.is_term_word(word.casefold()):
            continue
        if is_word(folded, lang, words) or (_truncated(doc.text, tok.end) and is_word(folded.rstrip("s"), lang, words)):
            continue
        if word[0].isupper() and lang != "de" and not sentence_start(doc.text, tok.start):
            continue
        if any(a <= tok.start < b for a, b in doc.skip_spans):
            continue
        checker = ctx.resources.speller(lang)
        ranked = sorted(checker.candidates(folded) or (), key=lambda w: -checker.word_usage_frequency(w))
        suggestions = tuple(w for w in ranked if w != folded)[:3]
        message = f"'{word}' is not in the {lang} word list nor in the term base"
        if suggestions:
            message += "; did you mean " + " or ".join(f"'{s}'" for s in suggestions) + "?"
        out.append(ctx.finding(rule, tok.start, tok.end, message, None, None, suggestions))
    return out
