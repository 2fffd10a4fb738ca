"""A near miss of a term: misspelt, transposed, with the wrong capitals, or transliterated differently.

## What it does
Looks at the words that are neither terms nor ordinary words of the text's language and reports
those that are a near miss of a term of the term base in any language: one or two edits
(substitution, insertion, deletion, transposition; Damerau-Levenshtein) from a term word, the
allowed distance growing with the term's length (none below 5 letters, one up to 9, two from 10);
an acronym of 3-5 capitals with two neighbouring letters swapped or one keyboard-adjacent slip
(CTSO, GSU, ОДБК); a term in capitals it does not allow (Ovks); an unlisted transliteration of a
listed name (Rybakou beside Rybakov, Rybakow, Рыбаков). Inflected forms (Kasachtans) and words inside
compounds (OKVS-Generalsekretär) are looked at too. The suggestion is the term's rendering for the
text's language, and the finding says which term it is near and how far.

## Why is this bad?
A misspelt controlled term escapes every other check: it is not the term, so nothing says it is wrong.

## Example
In a German text: `die Kasachtan-Mission` is reported, near 'Kasachstan' (1 edit); `GSU` near 'GUS'
(letters swapped); in English `Stanislav Zaas` near 'Stanislav Zas'. Not reported: Sas in German and
Zas in English (terms), Minsk and Mins, SOS, GUT and UNDO (ordinary words), names not in the term base.

## Fix safety
Unsafe: a word near a term may be another name; the fix writes the suggested rendering.

## Options
Ordinary words come from the word lists of pyspellchecker per language; the term base's own words
count as known words.
"""

from __future__ import annotations

from collections.abc import Callable, Container
from functools import lru_cache

from ..engine import Context, RuleInfo
from ..findings import Finding, Severity
from ..glossary.index import Entry, GlossaryIndex
from ..glossary.model import language_name
from ..glossary.typos import Candidate, TypoIndex
from ..text.scripts import scripts
from ..text.tokenize import norm_sep, sep_allowed
from ..text.wordlist import is_word
from ._common import follow_case

CODE = "TC201"
NAME = "term-typo"
SEVERITY = Severity.WARNING
ENABLED = True
FIX = "unsafe"
SUMMARY = "a near miss of a term: misspelt, transposed, wrong case or transliterated differently"

_WHY = {
    "typo": "{d} edit{s} from",
    "context": "{d} edit{s} from",
    "acronym": "a swapped or mistyped letter from",
    "case": "the wrong capitals for",
    "transliteration": "another transliteration of",
}


@lru_cache(maxsize=200_000)
def _candidates(typos: TypoIndex, word: str, lang: str) -> tuple[Candidate, ...]:
    if len(word) >= 3 and word.isupper() and len(word) <= 6:
        found = typos.case_slip(word, lang) or typos.acronym(word)
        if found:
            return tuple(found)
    found = typos.case_slip(word, lang) if not word.isupper() else []
    found = found or typos.fuzzy(word, lang)
    if all(c.kind == "context" for c in found) and word[:1].isupper() and len(word) >= 4:
        found = found + typos.transliteration(word, lang)  # context-only candidates need their full name
    return tuple(found)


def _window(ctx: Context, i: int, cand: Candidate) -> tuple[int, int] | None:
    """The tokens a candidate spans around token i: the other words of a multi-word term must be there."""
    entry: Entry = cand.entry
    first = i - cand.position
    last = first + len(entry.words) - 1
    toks = ctx.document.tokens
    if first < 0 or last >= len(toks):
        return None
    if len(entry.words) == 1:
        return (i, i) if cand.kind != "context" else None
    for j in range(first, last + 1):
        if j == i:
            continue
        word = toks[j].text
        folded = word.casefold()
        if folded != entry.folded[j - first] and not GlossaryIndex.word_matches(entry, j - first, word, folded):
            return None
        sep = ctx.document.text[toks[j - 1].end : toks[j].start] if j > first else ""
        if j > first and (norm_sep(sep) != entry.seps[j - first - 1] or not sep_allowed(sep)):
            return None  # another separator, or a segment boundary between the words
    return first, last


@lru_cache(maxsize=200_000)
def _near_miss(
    typos: TypoIndex, word: str, lang: str, words_of: Callable[[str], Container[str] | None]
) -> tuple[Candidate, ...]:
    """The candidates of a word worth reporting, decided once per distinct word and language."""
    cands = _candidates(typos, word, lang) if len(word) >= 3 else ()
    if not cands or not word.isalpha() or len(scripts(word)) > 1:
        return ()
    case_slip = cands[0].kind == "case"
    if typos.is_term_word(word.casefold()) and not case_slip:
        return ()
    # A name in the wrong case (moskau) is reported even though the word lists, all in lower case,
    # know it; any other near miss must not be an ordinary word. The list loads only now.
    words = None if case_slip else words_of(lang)
    if words is not None and is_word(word.lower(), lang, words):
        return ()
    return cands


def check(ctx: Context, rule: RuleInfo) -> list[Finding]:
    if ctx.index is None or ctx.lang == "und":
        return []
    typos = ctx.index.typos
    doc = ctx.document
    covered = {j for m in ctx.matches for j in range(m.first_token, m.last_token + 1)}
    out = []
    claimed = -1  # the last token of the previous finding: a window is reported once
    for i, tok in enumerate(doc.tokens):
        if i <= claimed or i in covered:
            continue
        cands = _near_miss(typos, tok.text, ctx.lang, ctx.resources.words)
        if not cands or any(a <= tok.start < b for a, b in doc.skip_spans):
            continue
        found = _finding(ctx, rule, i, cands)
        if found is not None:
            out.append(found[0])
            claimed = found[1]
    return out


def _finding(ctx: Context, rule: RuleInfo, i: int, cands: tuple[Candidate, ...]) -> tuple[Finding, int] | None:
    """The finding for the candidate that explains the most text (a full name before a surname)."""
    toks = ctx.document.tokens
    fitting = [(window, cand) for cand in cands if (window := _window(ctx, i, cand)) is not None]
    fitting.sort(key=lambda wc: (wc[0][0] - wc[0][1], wc[1].distance))
    for window, cand in fitting:
        start, end = toks[window[0]].start, toks[window[1]].end
        term = cand.entry.term
        concept = ctx.index.concepts[term.concept_id] if ctx.index else None
        if concept is None:
            continue
        use = tuple(t.text for t in concept.preferred(ctx.lang, term.type))
        if not use:
            continue
        text = ctx.document.slice(start, end)
        why = _WHY[cand.kind].format(d=cand.distance, s="s" * (cand.distance != 1))
        message = (f"'{text}' looks like a misspelling of '{term.text}' ({why} the {language_name(term.lang)} term, "
                   f"concept '{concept.id}'); in {language_name(ctx.lang)} write '{use[0]}'")  # fmt: skip
        if cand.kind in ("case", "transliteration"):
            message = (f"'{text}' is {why} '{term.text}' (the {language_name(term.lang)} term, concept "
                       f"'{concept.id}'); in {language_name(ctx.lang)} write '{use[0]}'")  # fmt: skip
        fix = (follow_case(text, term.text, use[0]), False)
        found = ctx.finding(rule, start, end, message, concept.id, None, use, fix, distance=cand.distance,
                            near=term.text, near_language=term.lang, kind=cand.kind)  # fmt: skip
        return found, window[1]
    return None
