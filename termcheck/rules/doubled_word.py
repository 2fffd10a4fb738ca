"""The same word twice in a row.

## What it does
Flags a word repeated with only white space between ("de de vistas"), in any case, and suggests the
single word. Judged in the language of the passage (a segment's own language where the file gives
one, else the text's):

- Left alone, as repetitions the language's grammar or usage makes: German "die die", "das das",
  "der der", "Sie sie"; English "had had", "that that"; French "nous nous", "vous vous", "faire faire"
  (faire causatif), "en en" before a gerund ("en en parlant"); Portuguese "se se" ("Se se esqueceu");
  intensifiers and interjections said twice on purpose ("très très", "molto molto", "piano piano",
  "ha ha", "bye bye").
- Left alone, as not one word said twice: a word joined to its neighbour by a hyphen, a slash, an
  underscore or a dot ("Log-in in", "cansado/a a", "Nome e E-mail", "E/S e E/S", "id_token token",
  "Plone plone.app"); a capitalised word before the same word in small letters inside a sentence, which
  is a name or a label ("Sí y No no es aceptado"); two equal capitalised words inside a sentence, no
  article, preposition or conjunction, which are the parts of a name ("Hyo Jung Jung"); a one-letter
  conjunction beside a letter, which names letters ("las coordenadas x y y"); a translation whose source
  repeats a word too ("ID token token", "ID jeton jeton": the repetition is the source's, and a fix belongs
  there).

## Why is this bad?
A doubled word is almost always an editing slip (a phrase cut and pasted, a line rejoined), and one
that spell checkers do not see.

## Example
In a Spanish text: `Añadir permiso de de vistas` is flagged; write `Añadir permiso de vistas`.

## Fix safety
Safe only for the words whose repetition the language's grammar never makes: articles, most
prepositions and conjunctions of two letters or more ("the the", "zum zum", "de de", "per per"), the
same way the second time (not "de De Gaulle"), and not a name's particle before a capital ("politique
de de Gaulle"). Unsafe for every other word: a noun, verb or adverb may be repeated on purpose
("родительского родительского" for a parent's parent, Italian "bello bello", Portuguese "Como como?"),
and a one-letter word may be a letter's name ("si y y z son enteros"). Numbers are never reported.

## Options
None.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Finding, Severity
from ..sources.base import Segment
from ..text.tokenize import HYPHENS, sentence_start
from ._common import word_set
from .contract import Context, FixApplicability, RuleInfo

CODE = "TC106"
NAME = "doubled-word"
SEVERITY = Severity.WARNING
ENABLED = True
FIX = FixApplicability.SOMETIMES
SUMMARY = "the same word twice in a row"


# Words whose repetition is grammatical or usual in a language: never reported.
MAY_REPEAT: dict[str, frozenset[str]] = {
    "de": word_set("die der das den dem des sie ihr was wer ja nein na so sehr"),
    "en": word_set("had that is do very no bye"),
    "fr": word_set("nous vous faire très si non oui"),
    "es": word_set("nos muy sí"),
    "pt": word_set("se muito sim"),
    "it": word_set("molto piano zitto bene quasi sì no ciao via lì così pari"),
    "ru": word_set("что да нет очень так ну"),
}
# Interjections, said twice on purpose in every language.
INTERJECTIONS = word_set("ha haha ah oh hey bla blah hm ха ах ох эй бла")
# Words that repeat grammatically only before what follows matches: French "en en parlant" (the
# gerund's "en" and the pronoun "en"), but "en en 2024" is a slip.
MAY_REPEAT_BEFORE: dict[str, dict[str, re.Pattern[str]]] = {
    "fr": {"en": re.compile(r"\s+[^\W\d_]+ant\b")},
}
# Words whose repetition the grammar never makes (articles, prepositions and conjunctions that are no
# verb particle or pronoun as well): only these get a safe fix. No one-letter word is among them: it
# may also be a letter's name ("si y y z son enteros": the variable y, then "and").
CANNOT_REPEAT: dict[str, frozenset[str]] = {
    "de": word_set("ein eine einer einem einen eines oder zum zur im beim vom ins dass für"),
    "en": word_set("the an and of or its our their your my"),
    "fr": word_set("le les des du un une et ou pour dans avec sur au aux de"),
    "es": word_set("el los las un una unos unas del al con para por en de se"),
    "pt": word_set("os as um uma uns umas ou do da dos das no na em com para por pelo pela pelos pelas de"),
    "it": word_set("il lo gli le un una uno di del della dei delle degli dello nel nella per con da in"),
    "ru": word_set("на по от из для но или"),
}
# One-letter conjunctions: between two letters they name letters ("x y y", "si y y z son enteros").
LETTER_CONJUNCTIONS: dict[str, frozenset[str]] = {
    "es": word_set("y e o u"),
    "it": word_set("e o"),
    "pt": word_set("e"),
    "ru": word_set("и а"),
}
# Particles of family names: "de de Gaulle" is "de" + "de Gaulle".
NAME_PARTICLES = word_set("de di da du del della von van dos das do")

# Characters that join two words into one token: "Log-in", "cansado/a", "id_token", "plone.app".
_JOINERS = re.escape(HYPHENS + "/_.")
# A word, white space, and the same word again (in any case): found by the regex engine in one pass,
# so only the doublings themselves reach Python. The lookahead lets "the the the" give both pairs. A
# word joined to the one before or after it is part of a longer token and no doubling.
# Possessive (`++`): a shorter word or fewer spaces can never be followed by the same word, so the engine
# is told not to try them (a fifth of this pass on prose).
_DOUBLED_RE = re.compile(
    rf"(?<![^\W_])(?<![^\W_][{_JOINERS}])([^\W_]++)(?=(\s++)(\1)(?![^\W_])(?![{_JOINERS}][^\W_]))", re.IGNORECASE
)
_NEXT_WORD_RE = re.compile(r"\s+([^\W\d_])")  # the first letter of the next word
# A one-letter word right before (in the few characters before a doubling) or right after one; a
# letter with a full stop is an abbreviation's ("и и т.д.").
_LETTER_BEFORE_RE = re.compile(r"(?<![^\W_.])[^\W\d_]\s+$")
_LETTER_AFTER_RE = re.compile(r"\s+[^\W\d_](?![^\W_]|\.)")


def _doublings(text: str) -> Iterator[re.Match[str]]:
    """The places where a word (not a number) follows itself, in any case, with at most one line break."""
    for m in _DOUBLED_RE.finditer(text):
        if m.group(1).casefold() == m.group(3).casefold() and m.group(3).isalpha() and m.group(2).count("\n") < 2:
            yield m


def check(ctx: Context, rule: RuleInfo) -> list[Finding]:
    doc, text = ctx.document, ctx.document.text
    mirrored: dict[int, bool] = {}
    out = []
    for m in _doublings(text):
        first, sep, second = m.group(1), m.group(2), m.group(3)
        if "\n" in sep and second[:1].isupper():
            continue  # a title's last word and the dateline's first ("… in Astana\nAstana, 29 November")
        if first[:1].isupper() and second[:1].islower() and not sentence_start(text, m.start(1)):
            continue  # a name or a label, then the word: "Sí y No no es aceptado"
        segment = doc.segment(m.start(1))
        lang = ((segment.lang if segment is not None else None) or ctx.lang).split("-", 1)[0].lower()
        if _name_of_equal_parts(first, second, lang) and not sentence_start(text, m.start(1)):
            continue  # a name whose parts are the same word: "digamos Hyo Jung Jung, OIM Especialista"
        if second.casefold() in LETTER_CONJUNCTIONS.get(lang, ()) and _beside_a_letter(text, m.start(1), m.end(3)):
            continue  # letters named in a row: "las coordenadas x y y"
        safe = _judge(lang, second, text, m.end(3))
        if safe is None or (segment is not None and _source_doubles(segment, mirrored)):
            continue
        message = f"'{second}' is doubled; write it once" + ("" if safe else " (unless the repetition is meant)")
        out.append(ctx.finding(rule, m.start(1), m.end(3), message, None, None, (first,), (first, safe)))
    return out


def _name_of_equal_parts(first: str, second: str, lang: str) -> bool:
    """Whether two equal words with a capital each and small letters after it, no article, preposition or
    conjunction of the language, are the parts of a name (Hyo Jung Jung, Bora Bora)."""
    return first.istitle() and second.istitle() and second.casefold() not in CANNOT_REPEAT.get(lang, ())


def _beside_a_letter(text: str, start: int, end: int) -> bool:
    """Whether a one-letter word stands right before `start` or right after `end`."""
    return bool(_LETTER_BEFORE_RE.search(text[max(0, start - 8) : start]) or _LETTER_AFTER_RE.match(text, end))


def _judge(lang: str, word: str, text: str, end: int) -> bool | None:
    """Whether the doubling of `word` (the second, as written, ending at `end`) in `lang` is reported
    with a safe fix (True), with an unsafe one (False), or not reported (None)."""
    key = word.casefold()
    if key in MAY_REPEAT.get(lang, ()) or key in INTERJECTIONS:
        return None
    before = MAY_REPEAT_BEFORE.get(lang, {}).get(key)
    if before is not None and before.match(text, end):
        return None
    if key not in CANNOT_REPEAT.get(lang, ()) or not word.islower():
        return False
    after = _NEXT_WORD_RE.match(text, end)
    return not (key in NAME_PARTICLES and after is not None and after.group(1).isupper())


def _source_doubles(segment: Segment, seen: dict[int, bool]) -> bool:
    """Whether the source text beside a bilingual segment has a doubled word of its own (memoised per
    segment in `seen`)."""
    if segment.source_text is None:
        return False
    key = id(segment)
    if key not in seen:
        seen[key] = next(_doublings(segment.source_text), None) is not None
    return seen[key]
