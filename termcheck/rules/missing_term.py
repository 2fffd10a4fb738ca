"""A term of the source that its translation lacks (bilingual files: PO, XLIFF, TMX).

## What it does
For each translated segment of a bilingual file, finds the concepts of the term base in the source
text (any allowed rendering of the source language, inflected forms and compounds included) and
looks for each in the target: any allowed rendering of the concept in the target language, inflected
or in a compound, the acronym or the full form alike; where the exact matcher finds none, a looser
one accepts derived words, irregular plurals and closed compounds (German Daten and Datumsformat
for Datum, Portuguese permissões for permissão, Russian парольную for пароль), because accepting
too much here costs a miss and never a false alarm. A concept the source names more often than the
target does (not counting a surname that follows the full name, which a pronoun may translate) is
reported at the target, with the renderings to use and where the source term stands; at `info`
level when the target names the concept but fewer times (a pronoun or a dropped repetition, as
often as not: "created a user … more user options" → "un usuario … opciones del mismo"). After a full
name, its surname, acronym or short form are not counted: a translation may say "he" or "it". An
inline code between the words of a term (`Vertrags <ph id="1"/>über`) does not hide it. An
English one-word term used as a verb ("you may need to file a bug report") is not a term. A target
that renders the concept with a near miss term-typo looks at (Kasachtan, "Organisation des Vertrags
für kollektive Sicherheit") has it: term-typo reports the slip, and this rule says nothing more.

## Why is this bad?
A term dropped or paraphrased away in translation is the commonest terminology error a reviewer
finds, and one that no check of the target alone can see.

## Example
Source `The CSTO met in Minsk.`, German target `Die Organisation tagte in Minsk.`: the target lacks
`OVKS` or `Organisation des Vertrags über kollektive Sicherheit`. A target that writes `CSTO` gets a
`foreign-rendering` finding instead, not this one.

## Fix safety
No fix: where the term belongs in the translation is for the translator to decide.

## Options
Only translated targets are checked (fuzzy ones with `--include-fuzzy`). A translator comment
`# termcheck: ignore[missing-term]` in PO, or a `<note>termcheck: ignore[missing-term]</note>` (or
an XML comment) in an XLIFF or TMX unit, suppresses it for that unit.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import replace
from functools import partial

from ..findings import Finding, Severity
from ..glossary.model import language_name
from ..sources.base import MASK, Segment
from ..text.morphology import MIN_STEM, stem
from ..text.tokenize import WORD_RE, strip_accents, tokens, url_spans
from ._common import quote_list
from .contract import ADMITTED, PREFERRED, Context, FixApplicability, RuleInfo, resolve
from .term_typo import slipped

CODE = "TC301"
NAME = "missing-term"
SEVERITY = Severity.WARNING
ENABLED = True
FIX = FixApplicability.NONE
SUMMARY = "a term of the source that its translation lacks (bilingual files)"

ALLOWED = (PREFERRED, ADMITTED)
_MASK_RE = re.compile(r"\s*\ufffc+\s*")
# After the full name, these may be a pronoun in the translation ("Zas said" → "er sagte") or be dropped.
BACK_REFERENCES = frozenset({"surname", "acronym", "shortForm"})


def _source_concepts(ctx: Context, source: Segment) -> tuple[Counter[str], dict[str, tuple[str, int]]]:
    """The concepts the source names (allowed renderings of its language), how often, and the first
    occurrence of each (its text and file offset)."""
    assert ctx.index is not None
    lang = source.lang or "en"
    counts: Counter[str] = Counter()
    first: dict[str, tuple[str, int]] = {}
    last_full: set[str] = set()
    for m in ctx.index.find(source.text, tokens(source.text), url_spans(source.text)):
        concept, term, verdict = resolve(m, lang, ctx.index.concepts)
        if verdict not in ALLOWED:
            continue
        if term.type in BACK_REFERENCES and concept.id in last_full:
            continue  # "Stanislav Zas … Zas", "the Collective Security Treaty Organization (CSTO)"
        if lang.split("-", 1)[0] == "en" and " " not in term.text and _is_verb(source.text, m.start, m.end):
            continue  # "you may need to file a bug report"
        if term.type == "fullForm":
            last_full.add(concept.id)
        counts[concept.id] += 1
        first.setdefault(concept.id, (source.text[m.start : m.end], source.start_of(m.start)))
    return counts, first


def _unmasked(ctx: Context, text: str) -> Counter[str]:
    """The concepts a target names once its inline codes are taken out: a term the translator's tool
    split with a code ("Organisation des Vertrags <ph/>über kollektive Sicherheit") is still there."""
    assert ctx.index is not None
    plain = _MASK_RE.sub(" ", text)
    counts: Counter[str] = Counter()
    for m in ctx.index.find(plain, tokens(plain), url_spans(plain)):
        concept, _term, _verdict = resolve(m, ctx.lang, ctx.index.concepts)
        counts[concept.id] += 1
    return counts


# English words after which a noun term is a verb when an object follows ("you may need to file a bug").
_VERB_BEFORE = frozenset(["to", "can", "could", "may", "might", "must", "shall", "should", "will", "would", "please"])
_OBJECT_AFTER = frozenset(
    ["a", "an", "the", "this", "that", "these", "those", "your", "my", "our", "their", "his", "her", "its"]
)
_NEXT_WORD_RE = re.compile(r"\W*([^\W_]+)")
_PREV_WORD_RE = re.compile(r"([^\W_]+)\W*$")
# Characters looked at before a term for the word before it: room for any of _VERB_BEFORE and a few
# spaces, so that a source naming a term thousands of times costs each mention the same, not the text
# before it.
_LOOK_BACK = 32


def _is_verb(text: str, start: int, end: int) -> bool:
    """An English one-word noun term used as a verb: after `to` or a modal, before a determiner."""
    lo = max(0, start - _LOOK_BACK)
    before = _PREV_WORD_RE.search(text, lo, start)
    if before is not None and before.start() == lo and lo and text[lo - 1].isalnum():
        return False  # a word longer than the look-back ends there: none of _VERB_BEFORE
    after = _NEXT_WORD_RE.match(text, end)
    return bool(
        before and after and before.group(1).lower() in _VERB_BEFORE and after.group(1).lower() in _OBJECT_AFTER
    )


def _fold(word: str) -> str:
    return strip_accents(word.casefold())


def _loose_stem(word: str, lang: str) -> str:
    """A term word cut back to what its inflected, derived and compounded forms all begin with:
    German Datum → dat (Daten, Datumsformat), Passwort → passwort (Passwörter, folded), Portuguese
    permissão → permiss (permissões), Russian пароль → парол (парольную), миротворчество →
    миротворче (миротворческие)."""
    primary = lang.split("-", 1)[0]
    if primary == "de" and word.endswith("um") and len(word) - 2 >= MIN_STEM:
        return word[:-2]
    if primary in ("pt", "es", "fr", "it", "ca", "ro"):
        return word[: max(4, len(word) - 2)]
    base = stem(word, lang)
    if primary in ("ru", "uk", "be"):  # derivation: миротворчество → миротворческие, безопасность → безопасный
        return base[: max(6, len(base) - 3)] if len(base) > 6 else base
    return base


def _word_has(word: str, part: str, lang: str, *, first: bool, last: bool) -> bool:
    """Whether a text word is a form of a term word: the stem plus an ending, or (German, Dutch and
    the like, which write compounds closed) the stem at the start of a compound for a term's first word
    or at its end, ending included, for its last word."""
    if word.startswith(part) and len(word) - len(part) <= 5:
        return True
    if lang.split("-", 1)[0] not in _CLOSED_COMPOUNDS:
        return False
    if first and word.startswith(part):
        return True
    if last:
        return any(word[: len(word) - k].endswith(part) for k in range(4))
    return False


_CLOSED_COMPOUNDS = frozenset({"de", "nl", "sv", "da", "nb", "no", "is", "fi"})


def _loose_terms(ctx: Context, cid: str) -> list[list[str]]:
    """The loose stems of the words of each target-language term of a concept (computed once a run)."""
    assert ctx.index is not None
    stems = (
        [_loose_stem(_fold(w), ctx.lang) for w in WORD_RE.findall(t.text)]
        for t in ctx.index.concepts[cid].terms_for(ctx.lang)
    )
    return [parts for parts in stems if parts]


def _loose_counts(ctx: Context, text: str, short: list[str]) -> Counter[str]:
    """How often the target names each concept in `short`, in any form of any of its target-language
    renderings: the forms the exact matcher leaves out on purpose (irregular plurals, derived words,
    closed compounds) count here, because a lenient answer only costs a miss, never a false alarm."""
    assert ctx.index is not None
    words = [_fold(m.group()) for m in WORD_RE.finditer(text)]
    counts: Counter[str] = Counter()
    for cid in short:
        starts: set[int] = set()
        for parts in ctx.index.memo(("missing-term: loose stems", cid, ctx.lang), partial(_loose_terms, ctx, cid)):
            n = len(parts)
            for i in range(len(words) - n + 1):
                if all(_word_has(words[i + k], parts[k], ctx.lang, first=k == 0, last=k == n - 1) for k in range(n)):
                    starts.add(i)
        counts[cid] = len(starts)
    return counts


def check(ctx: Context, rule: RuleInfo) -> list[Finding]:
    doc = ctx.document
    if ctx.index is None or ctx.lang == "und" or not any(s.source is not None for s in doc.segments):
        return []
    out = []
    starts = [m.start for m in ctx.matches]  # in order: each segment's matches are found by bisection
    for seg, (start, end) in zip(doc.segments, doc.bounds, strict=False):
        if seg.source is None:
            continue
        wanted, first = _source_concepts(ctx, seg.source)
        if not wanted:
            continue
        present: Counter[str] = Counter()
        last_full: set[str] = set()
        for m in ctx.matches[bisect_left(starts, start) : bisect_left(starts, end)]:
            if m.term.type in BACK_REFERENCES and m.concept.id in last_full:
                continue
            if m.term.type == "fullForm":
                last_full.add(m.concept.id)
            present[m.concept.id] += 1  # foreign and deprecated ones too: their own rules report them
        if MASK in doc.text[start:end] and any(present[cid] < count for cid, count in wanted.items()):
            present |= _unmasked(ctx, doc.text[start:end])  # per concept, the larger count
        short = [cid for cid, count in wanted.items() if present[cid] < count]
        if short:
            present |= _loose_counts(ctx, _MASK_RE.sub(" ", doc.text[start:end]), short)
        if any(present[cid] < wanted[cid] for cid in short):
            present |= slipped(ctx, start, end)  # rendered with a slip: term-typo's finding says it all
        for cid, count in wanted.items():
            if present[cid] >= count:
                continue
            concept = ctx.index.concepts[cid]
            use = tuple(dict.fromkeys(t.text for t in concept.preferred(ctx.lang)))
            if not use:
                continue  # the term base has no rendering in the target language: nothing to ask for
            text, offset = first[cid]
            line, column = doc.file_position(offset)
            times = f" {count}×, the target {present[cid]}×" if count > 1 else ""
            message = (
                f"source has '{text}' (concept {cid}){times}; the {language_name(ctx.lang)} target lacks "
                f"{quote_list(use[:3])}"
            )
            found = ctx.finding(rule, start, end, message, cid, None, use[:3], None, source_term=text,
                                source_line=line, source_column=column)  # fmt: skip
            if present[cid]:  # named, only less often: a pronoun or a dropped repetition, as often as not
                found = replace(found, severity=Severity.INFO)
            out.append(found)
    return out
