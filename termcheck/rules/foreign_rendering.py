"""A rendering that belongs to another language and is not valid in the text's language.

## What it does
Finds every rendering of every concept of the term base, in every language, and flags one that is
not a term of the text's language: CSTO or OVKS in a Portuguese text, where OTSC is the standard.
The message names the concept, the language the rendering belongs to and the rendering to use.
Also flagged: another transliteration of a foreign one-word term (Lukashenka, near the German
Lukaschenka, in a French text; a word as near the text's own term, Rajmon for Rahmon in Portuguese, is
left to term-typo, and so is a person's name such as "Andrés Serbin"; a capitalised word is no other spelling
of a demonym the text's language writes in lower case: "Provinz Kasakh" is a district), a
foreign acronym in other capitals (Csto), in Portuguese, Spanish, French and Italian a surname with
a Russian case ending carried over from a Russian source (Zasya, from Зася, for Zas), and a first name
that only another language's rendering of the person has, before the text's own surname ("Alexandre
Lukashenko" in Spanish: the French first name; its fix is unsafe).

## Why is this bad?
A rendering from another language is the commonest slip of translation and of copy taken from a
wire in another language; readers of the target language may not recognise it, and it breaks the
house style.

## Example
In a Portuguese text: `A CSTO defende ...` is flagged; write `A OTSC defende ...`.
Not flagged: the same rendering where it is also valid in the text's language (Belarus in English, German and
Portuguese), a foreign name given as such ("a OTSC (em inglês, CSTO)"; a label word that opens a sentence with
a comma is an adverb, "Anteriormente, Yerevan congelou", and glosses nothing), and a passage wholly in another
language (a quoted sentence left in the original), which is checked as that language, a Latin-script name left
in the original in a Cyrillic text ("газета The Washington Post"), an agency's own name in a photo credit,
labelled ("Foto: CSTO press service") or closing a caption without a label ("… - Anadolu Agency / Getty
Images", "(Shamil Zhumatov/Reuters)"), a one-word term of another language with an ending of that language
("Birman", French for Burmese, is not the German Birma), a first name alone (Alexey is anybody's), and one
word of a longer name that is no term by itself (the German "Committe" is not the Committee of "CIS Executive
Committee"; a transliterated "Sovet Bezopasnosti" is not the Security Council), an ordinary word of the text's
language in any form its word list knows, verbs included ("Usa el mismo tipo": usar, not the USA; "Viene":
venir, not Vienne), such a word in a run of capitals ("PARA UN PROPÓSITO": the article, not the UN) and a
one-word name right after a first name that is no term, no ordinary word and, for a person, not near that
person's own first names ("Volker Berlin", a contributor). A foreign acronym in brackets after the text's own
name is a gloss when given once or with a label after it ("(SCO, na sigla em inglês)"); where the text then
uses it as its own name ("Organização de Cooperação de Xangai (OCS)", then "a OCS"), the bracketed one is
flagged too. Also not flagged: a transliteration given beside its original in one gloss ("russisch ОДКБ,
Organisazija … – ODKB"), and a place's foreign name followed by a capitalised word of no term, which makes a
foreign title ("il Moscow Times"; in German, which capitalises nouns, only before a word that is no German
word: "der Kyiv Independent"; not before the first name of a person: "de Turkmenia Gurbanguly …"; not for
acronyms) or by a number (a channel: "à emissora Rossiya 24", also in another transliteration), the text's own
acronym in the one-capital style of its press where another language lists that form ("a agência Tass" in
Portuguese), a one-word foreign term that is an ordinary word with the capital a sentence or a tag's text
begins with ("Uno de los ejemplos…"), and the first part of a hyphenated compound adjective in a Romance
language, in its combining form ("la coopération russo-arménienne": French, not the Italian russo), and a
place's name inside a quoted name with a capitalised word of no term (the newspaper « Vecherniy Bishkek »), a
name followed by the text's own name in brackets, both given ("le Belarus (Biélorussie)"), and the second half
of a listed hyphenated name in other capitals ("la agencia Itar-Tass": ITAR-TASS, not the foreign Tass).
Another language's former name (deprecated there `since:` a date) is, in a text written before that date or a
sentence naming an earlier year, the name of its time ("Emomali Rakhmonov" in a report of 2006).

## Fix safety
The suggestion is the preferred rendering of the same type (acronym for acronym), or the admitted one
the text already writes and it writes no preferred one (a text that writes OCS throughout gets OCS, not
OCX, so a fix starts no mix), or the text's own term that the rendering differs from only by accents ("du
Belarus" → "du Bélarus", masculine like the article, not the preferred Biélorussie). Replacing it is safe
when there is exactly one and the words carry no inflection; where the replacement needs another article, the
fix rewrites the article too ("de la CSTO" → "de l'OTSC"). A former name of another language is replaced
safely only in a text whose date is known.

## Options
None. Select or ignore it with `--select TC101` / `--ignore foreign-rendering`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import partial
from itertools import pairwise

from ..findings import Finding, Severity
from ..glossary.model import Concept, Term, language_name
from ..glossary.typos import Candidate
from ..text.skeleton import skeleton
from ..text.tokenize import HYPHENS, WORD_RE, Token, sentence_start
from ..text.wordlist import is_form
from ._common import (
    ROMANCE,
    combining_form,
    derived_word,
    house_style_acronym,
    languages_of,
    ordinary_word,
    quote_list,
    term_findings,
)
from .contract import ADMITTED, FOREIGN, PREFERRED, Context, FixApplicability, RuleInfo, TermMatch
from .reading import gloss_after, gloss_before, titled_by_number

CODE = "TC101"
NAME = "foreign-rendering"
SEVERITY = Severity.WARNING
ENABLED = True
FIX = FixApplicability.SOMETIMES
SUMMARY = "a rendering of another language that is not valid in the text's language"


def check(ctx: Context, rule: RuleInfo) -> list[Finding]:
    def message(m: TermMatch, text: str, use: tuple[str, ...]) -> str:
        since = f" since {m.term.since}" if m.term.since else ""
        former = "" if m.term.allowed else f" (deprecated there{since})"
        return (f"'{text}' is the {languages_of(m)} rendering{former} of concept '{m.concept.id}'; "
                f"in {language_name(m.lang)} use {quote_list(use)}")  # fmt: skip

    def inflected(m: TermMatch) -> bool:
        """A one-word term of another language with an ending of that language is a word of this one
        ("Birman", the French for Burmese, is not the German Birma with -n): only the bare form counts."""
        text = ctx.document.text[m.start : m.end]  # as read, not as written (&#x43;STO is CSTO)
        return " " not in m.term.text and text.casefold() != m.term.text.casefold()

    def skip(m: TermMatch) -> bool:
        if " " not in m.term.text and combining_form(ctx.document.text, m.start, m.end, ctx.lang):
            return True  # "la coopération russo-arménienne": the French combining form, not the Italian russo
        if _half_of_a_listed_name(ctx.document.text, m):
            return True  # "la agencia Itar-Tass": ITAR-TASS in other capitals, not the foreign Tass
        if _own_acronym_in_house_style(ctx, m):
            return True  # "a agência russa Tass": the Portuguese TASS in one capital, as another language lists it
        return inflected(m) or _shouted_word(ctx, m) or _capital_of_a_sentence(ctx, m) or _after_a_first_name(ctx, m)

    own = _adopted(ctx)
    if own:
        ctx = replace(ctx, matches=[replace(m, gloss=False) if m.start in own else m for m in ctx.matches])

    def safe(m: TermMatch) -> bool:
        """A former name of another language (deprecated since a date) is replaced safely only in a text
        whose date is known, as deprecated-term's are."""
        return m.term.allowed or not m.term.since or ctx.document.date is not None

    return (term_findings(ctx, rule, FOREIGN, message, safe=safe, skip=skip) + _in_wrong_case(ctx, rule)
            + _other_spelling(ctx, rule) + _russian_case(ctx, rule) + _foreign_first_name(ctx, rule))  # fmt: skip


_NEAR = 40  # characters looked at on each side of a match for the words beside it


def _beside(text: str, start: int, end: int) -> tuple[Token | None, Token | None]:
    """The words right before and right after [start, end), if any within `_NEAR` characters."""
    before = [Token(w.group(), w.start(), w.end()) for w in WORD_RE.finditer(text, max(0, start - _NEAR), start)]
    after = WORD_RE.search(text, end, end + _NEAR)
    return (before[-1] if before else None), (Token(after.group(), after.start(), after.end()) if after else None)


def _own_acronym_in_house_style(ctx: Context, m: TermMatch) -> bool:
    """A foreign term that is the text's language's preferred acronym of the concept in the one-capital
    style of that language's press (`house_style_acronym`): Lusa's "Tass" is the Portuguese TASS, even where
    English lists "Tass" as its own; "Nato" is not the Portuguese OTAN."""
    written = ctx.document.text[m.start : m.end]
    return any(
        t.text.casefold() == written.casefold() and house_style_acronym(written, t.text, ctx.lang)
        for t in m.concept.preferred(ctx.lang, "acronym")
    )


def _capital_of_a_sentence(ctx: Context, m: TermMatch) -> bool:
    """A one-word foreign term with only the capital a sentence begins with, which is an ordinary word of the
    text's language, is that word ("Uno de los ejemplos…" is Spanish one, not the German Uno)."""
    text = ctx.document.text[m.start : m.end]
    if " " in m.term.text or not text[:1].isupper() or not text[1:].islower():
        return False
    return sentence_start(ctx.document.text, m.start) and ordinary_word(ctx, text)


def _shouted_word(ctx: Context, m: TermMatch) -> bool:
    """A one-word acronym that is also an ordinary word of the text's language, inside a run of words in
    capitals ("PARA UN PROPÓSITO PARTICULAR", a licence's Spanish disclaimer), is that word shouted: in
    text written all in capitals an ordinary word looks like an acronym."""
    text = ctx.document.text[m.start : m.end]
    if not text.isupper() or not text.isalpha() or not ordinary_word(ctx, text):
        return False
    beside = _beside(ctx.document.text, m.start, m.end)
    return any(w is not None and len(w.text) > 1 and w.text.isupper() for w in beside)


def _after_a_first_name(ctx: Context, m: TermMatch) -> bool:
    """A one-word name right after a first name is a surname ("Volker Berlin", a contributor, is not the
    city): the word before is capitalised, not where a sentence begins, no term's word, no ordinary word
    of the text's language (German nouns: "Bundeshauptstadt Berlin") and, for a person's surname, not
    near one of that person's first names (Aleksander Lukashenka is still the president)."""
    if " " in m.term.text:
        return False
    return _a_surname(ctx, m.start, m.end, m.concept)


_WORD_BEFORE_HYPHEN_RE = re.compile(f"([^\\W\\d_]+)[{re.escape(HYPHENS)}]$")


def _half_of_a_listed_name(text: str, m: TermMatch) -> bool:
    """Whether a one-word match is the second half of a hyphenated name that the concept lists, in other
    capitals ("Itar-Tass" for ITAR-TASS, the agency's name until 2014): the name, not the half's foreign term."""
    before = _WORD_BEFORE_HYPHEN_RE.search(text, max(0, m.start - 40), m.start)
    if before is None or " " in m.term.text:
        return False
    whole = _HYPHEN_RE.sub("-", before.group(1) + "-" + text[m.start : m.end]).casefold()
    return any(_HYPHEN_RE.sub("-", t.text).casefold() == whole for terms in m.concept.terms.values() for t in terms)


def _a_surname(ctx: Context, start: int, end: int, concept: Concept) -> bool:
    """Whether the capitalised word at [start, end) follows a first name (see `_after_a_first_name`)."""
    text = ctx.document.text
    if not text[start : start + 1].isupper() or ctx.index is None:
        return False
    before, _ = _beside(text, start, end)
    if before is None or text[before.end : start] != " " or not before.text.istitle() or len(before.text) < 2:
        return False
    if sentence_start(text, before.start) or ctx.index.typos.is_term_word(before.text.casefold()):
        return False
    if ordinary_word(ctx, before.text):
        return False
    return not _own_first_name(ctx, concept, before.text)


_HYPHEN_RE = re.compile(f"[{re.escape(HYPHENS)}]")


def _own_first_name(ctx: Context, concept: Concept, word: str) -> bool:
    """Whether `word` is (a part of) one of the person's own first names in any language, by spelling (two
    edits: Aleksander/Aliaksandr) or by sound (Kasym-Zhomart, Kassym-Jomart and Касым-Жомарт share one
    skeleton part by part)."""
    from rapidfuzz.distance import DamerauLevenshtein

    parts = [p for p in _HYPHEN_RE.split(word.casefold()) if p]
    if not parts:
        return False
    sounds = {skeleton(p, ctx.lang) for p in parts}
    for lang, terms in concept.terms.items():
        for t in terms:
            if " " not in t.text:
                continue
            first = t.text.split()[0].casefold()
            if DamerauLevenshtein.distance(word.casefold(), first, score_cutoff=2) <= 2:
                return True
            if sounds & {skeleton(p, lang) for p in _HYPHEN_RE.split(first) if len(p) > 2}:
                return True
    return False


def _foreign_first_name(ctx: Context, rule: RuleInfo) -> list[Finding]:
    """A person's surname as the text's language writes it, right after a first name that only another
    language's rendering of that person has ("Alexandre Lukashenko" in Spanish: the French first name
    before the Spanish surname), mixes two renderings. Not where the first name is also one of the
    language's own renderings or an ordinary word of its word list."""
    out: list[Finding] = []
    text = ctx.document.text
    for m in ctx.matches:
        if m.verdict not in (PREFERRED, ADMITTED) or m.gloss or m.term.type != "surname":
            continue
        before, _ = _beside(text, m.start, m.end)
        if (
            before is None
            or text[before.end : m.start] != " "
            or not before.text.istitle()
            or ctx.covered(before.start)
        ):
            continue
        word = before.text.casefold()
        own = m.concept.terms_for(ctx.lang)
        if any(" " in t.text and t.text.split()[0].casefold() == word for t in own):
            continue
        theirs = [t for terms in m.concept.terms.values() for t in terms
                  if t.allowed and " " in t.text and t.text.split()[0].casefold() == word]  # fmt: skip
        use = tuple(t.text for t in m.concept.preferred(ctx.lang, "fullForm") if " " in t.text)
        if not theirs or not use or ordinary_word(ctx, before.text):
            continue
        written = f"{before.text} {text[m.start : m.end]}"
        message = (f"'{written}' has the {language_name(theirs[0].lang)} first name of concept '{m.concept.id}' "
                   f"('{theirs[0].text}'); in {language_name(ctx.lang)} use {quote_list(use)}")  # fmt: skip
        out.append(ctx.finding(rule, before.start, m.end, message, m.concept.id, None, use, (use[0], False),
                               near=theirs[0].text, near_language=theirs[0].lang))  # fmt: skip
    return out


def _adopted(ctx: Context) -> set[int]:
    """Where foreign renderings stand in bare brackets after the text's own name of the concept and the
    text goes on to use them as its own name: in "a Organização do Tratado de Segurança Coletiva (CSTO)"
    followed by "a CSTO" throughout, the bracketed CSTO introduces the text's acronym and is no gloss. A
    rendering given in brackets once, with a label ("em inglês, CSTO") or after a foreign name given as
    such ("(OTSC) ou Collective Security Treaty Organization (CSTO)") stays a gloss."""
    text = ctx.document.text
    used = {(m.concept.id, m.term.text) for m in ctx.matches if m.verdict == FOREIGN and not m.gloss}
    return {
        m.start for before, m in pairwise(ctx.matches)
        if m.gloss and m.verdict == FOREIGN and (m.concept.id, m.term.text) in used and not before.gloss
        and text[before.end : m.start].strip() == "("
        and not gloss_before(text, m.start) and not gloss_after(text, m.end)
    }  # fmt: skip


def foreign_spelling(ctx: Context, word: str) -> Candidate | None:
    """The foreign term a word is another transliteration of ("Lukashenka" of the German "Lukaschenka"
    in a French text), where no term of the text's language is spelt that way; else None."""
    if ctx.index is None or len(word) < 5 or not word[:1].isupper() or not word.isalpha():
        return None
    return ctx.index.memo(
        ("foreign-spelling", word, ctx.lang, ctx.resources.words), lambda: _foreign_spelling(ctx, word)
    )


def _foreign_spelling(ctx: Context, word: str) -> Candidate | None:
    assert ctx.index is not None
    typos = ctx.index.typos
    if typos.is_term_word(word.casefold()):
        return None
    cands = typos.transliteration(word, ctx.lang)
    primary = ctx.lang.split("-", 1)[0]
    if not cands or any(c.entry.term.lang.split("-", 1)[0] == primary for c in cands):
        return None  # a spelling of the text's own term: a term-typo, if anything
    words = ctx.resources.words(ctx.lang)
    if words is not None and is_form(word.lower(), ctx.lang, words):
        return None
    for cand in sorted(cands, key=lambda c: len(c.entry.words)):  # the surname before the full name
        concept_id = cand.entry.term.concept_id
        if not _own_term(ctx, cand):
            continue  # one word of a longer name (Committee, Bezopasnosti) is not the name
        names = typos.names_in(concept_id, ctx.lang)
        typo_like = Candidate(cand.entry, cand.position, cand.distance, "typo")
        if derived_word(word, typo_like, primary, names):
            return None  # the name's adjective or demonym in the text's language (arménien)
        concept = ctx.index.concepts[concept_id]
        if _near_own_term(word, concept, ctx.lang):
            return None  # as near the text's own term (Serbin: Serbia, not only the German Serbien)
        own = concept.terms_for(ctx.lang)
        if own and all(t.text.islower() for t in own):
            return None  # a capitalised name, not the adjective the language writes in lower case ("Provinz Kasakh")
        if concept.preferred(ctx.lang, cand.entry.term.type):
            return cand
    return None


def _near_own_term(word: str, concept: Concept, lang: str) -> bool:
    """Whether a word is one edit from a one-word term of the concept in the text's language: then it is
    no more another spelling of a foreign rendering than a slip of the text's own, and a person's name
    as likely as either ("Andrés Serbin")."""
    from rapidfuzz.distance import DamerauLevenshtein

    folded = word.casefold()
    return any(" " not in t.text and DamerauLevenshtein.distance(folded, t.text.casefold(), score_cutoff=1) <= 1
               for t in concept.terms_for(lang))  # fmt: skip


def _own_term(ctx: Context, cand: Candidate) -> bool:
    """Whether the term word a candidate is near stands for its concept alone: a one-word term, or the
    word of a longer term that is also a one-word term of the concept (the surname of a full name).
    A first name alone (Alexey) is anybody's, and one word of a multi-word name ("Committe" near the
    Committee of "CIS Executive Committee", "Bezopasnosti" near the Безопасности of "Совет
    Безопасности") is not the name."""
    if len(cand.entry.words) == 1:
        return True
    assert ctx.index is not None
    word = cand.entry.folded[cand.position]
    concept = ctx.index.concepts[cand.entry.term.concept_id]
    return any(t.text.casefold() == word for terms in concept.terms.values() for t in terms)


def _other_spelling(ctx: Context, rule: RuleInfo) -> list[Finding]:
    if ctx.index is None or ctx.lang == "und":
        return []
    flagged = {word for word in ctx.document.words if foreign_spelling(ctx, word) is not None}
    if not flagged:
        return []
    out = []
    for tok in ctx.document.tokens_of(flagged):
        cand = None if ctx.covered(tok.start) else foreign_spelling(ctx, tok.text)
        if cand is None:
            continue
        term = cand.entry.term
        concept = ctx.index.concepts[term.concept_id]
        if _a_surname(ctx, tok.start, tok.end, concept) or titled_by_number(ctx.document.text, tok.end):
            continue  # "Andrés Serbin", a person, and "Rossiya 24", a channel, are no other spelling of a place
        use = tuple(t.text for t in concept.preferred(ctx.lang, term.type))
        near = cand.entry.words[cand.position]
        what = f"another spelling of the {language_name(term.lang)} rendering '{near}'"
        out.append(_other_form(ctx, rule, tok, term, concept, use, what))
    return out


def _other_form(ctx: Context, rule: RuleInfo, tok: Token, term: Term, concept: Concept, use: tuple[str, ...],
                what: str, how: str = "") -> Finding:  # fmt: skip
    """The finding for a word that is `what` of a concept's term (written `how`), with the text's
    language's rendering as its unsafe fix."""
    message = (
        f"'{tok.text}' is {what} of concept '{concept.id}'{how}; in {language_name(ctx.lang)} use {quote_list(use)}"
    )
    return ctx.finding(rule, tok.start, tok.end, message, concept.id, None, use, (use[0], False),
                       near=term.text, near_language=term.lang)  # fmt: skip


def _in_wrong_case(ctx: Context, rule: RuleInfo) -> list[Finding]:
    """A one-word rendering of another language in the wrong case ("Csto", "Ovks" in a Portuguese
    text) is still that rendering; an ordinary word of the text's language never is ("uno")."""
    if ctx.index is None or ctx.lang == "und":
        return []
    doc = ctx.document
    flagged = {word: found for word in doc.words if (found := foreign_in_wrong_case(ctx, word)) is not None}
    if not flagged:
        return []
    out = []
    for tok in doc.tokens_of(flagged):
        found = flagged[tok.text]
        if ctx.covered(tok.start):
            continue
        if any(a <= tok.start < b for a, b in doc.skip_spans):
            continue  # an acronym in lower case is a file name, a tag, an address: not prose
        term, concept, use = found
        what = f"the {language_name(term.lang)} rendering '{term.text}'"
        out.append(_other_form(ctx, rule, tok, term, concept, use, what, " in other capitals"))
    return out


def foreign_in_wrong_case(ctx: Context, word: str) -> tuple[Term, Concept, tuple[str, ...]] | None:
    """The foreign one-word rendering a capitalised word is in other capitals ("Csto", "Odkb" in a French
    text), with the renderings to use; else None. term-typo leaves these words to this rule."""
    if ctx.index is None or len(word) < 3 or not word[0].isupper() or not word.isalpha() or word.isupper():
        return None
    return ctx.index.memo(
        ("wrong-case", word, ctx.lang, ctx.resources.words),
        partial(_wrong_case, ctx, word, ctx.lang.split("-", 1)[0]),
    )


def _wrong_case(ctx: Context, word: str, primary: str) -> tuple[Term, Concept, tuple[str, ...]] | None:
    """The foreign one-word rendering a word is in other capitals, with the renderings to use; else None."""
    assert ctx.index is not None
    for cand in ctx.index.typos.case_slip(word, ctx.lang):
        term = cand.entry.term
        concept = ctx.index.concepts[term.concept_id]
        use = tuple(t.text for t in concept.preferred(ctx.lang, term.type))
        own = {t.text.casefold() for t in concept.terms_for(ctx.lang)}
        if term.lang.split("-", 1)[0] == primary or not use or word.casefold() in own:
            continue
        if house_style_acronym(word, term.text, ctx.lang):
            continue  # "a agência Belta": the acronym in the one-capital style of the language's press
        words = ctx.resources.words(ctx.lang)
        if words is not None and is_form(word.lower(), ctx.lang, words):
            return None
        return term, concept, use
    return None


# How a Russian name declines, by how its nominative ends ("" a hard consonant; adjectival names are left
# out), each case ending with the Latin letters it is transliterated with.
_RU_DECLENSION: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "ь": (("я", ("ya", "ia", "ja")), ("ю", ("yu", "iu", "ju")), ("ем", ("em", "yem", "jem")), ("е", ("e",))),
    "": (("а", ("a",)), ("у", ("u",)), ("ом", ("om",)), ("ым", ("ym",)), ("е", ("e",))),
    "а": (("ы", ("y",)), ("и", ("i",)), ("у", ("u",)), ("ой", ("oy", "oi", "oj"))),
    "я": (("и", ("i",)), ("ю", ("yu", "iu", "ju")), ("ей", ("ey", "ei", "ej"))),
}
_INDECLINABLE = ("й", "о", "и", "у", "е", "ы", "ю", "э")
# A name that ends so has a feminine form in -a (Lavrova, Putina, Tokayeva): a different person.
_FEMININE_BASES = ("ov", "ow", "ev", "ew", "in", "yn")
_POSSESSIVE_STEMS = ("ов", "ев", "ёв", "ин", "ын")  # their instrumental is -ым (Путиным), the others' -ом


def _russian_case(ctx: Context, rule: RuleInfo) -> list[Finding]:
    """A surname with a Russian case ending in a Romance text: "Zasya" (Зася) for Zas. The surname is a
    term of the text's language or another's, its Russian term declines as a noun and the word renders
    that stem with one of its endings; a genitive in -a after -ov, -ev, -in, -yn is left alone (Lavrova
    is also a woman's name)."""
    if ctx.index is None or ctx.lang.split("-", 1)[0] not in ROMANCE:
        return []
    flagged = {word: found for word in ctx.document.words if (found := _declined(ctx, word)) is not None}
    out = []
    for tok in ctx.document.tokens_of(flagged) if flagged else ():
        if ctx.covered(tok.start) or any(a <= tok.start < b for a, b in ctx.document.skip_spans):
            continue
        term, concept, use, form = flagged[tok.text]
        what = f"'{term.text}' with a Russian case ending ('{form}')"
        out.append(_other_form(ctx, rule, tok, term, concept, use, what))
    return out


def _declined(ctx: Context, word: str) -> tuple[Term, Concept, tuple[str, ...], str] | None:
    """The name a word is with a Russian case ending, its concept, the renderings to use and the Russian
    form the word renders; else None (memoised per word)."""
    if ctx.index is None or len(word) < 5 or not word[:1].isupper() or word.isupper() or not word.isalpha():
        return None
    return ctx.index.memo(("declined", word, ctx.lang, ctx.resources.words), partial(_decline, ctx, word))


def _decline(ctx: Context, word: str) -> tuple[Term, Concept, tuple[str, ...], str] | None:
    assert ctx.index is not None
    index = ctx.index
    folded = word.casefold()
    if index.first_entries(word) or index.typos.is_term_word(folded):
        return None  # a term as it is (Berlino)
    words = ctx.resources.words(ctx.lang)
    if words is not None and is_form(folded, ctx.lang, words):
        return None
    for cut in range(1, 4):
        base, latin = word[:-cut], folded[-cut:]
        for entry in index.first_entries(base) if len(base) >= 3 else ():
            term = entry.term
            if len(entry.words) != 1 or term.type != "surname" or entry.folded[0] != base.casefold():
                continue
            if latin == "a" and entry.folded[0].endswith(_FEMININE_BASES):
                continue
            concept = index.concepts[term.concept_id]
            use = tuple(t.text for t in concept.preferred(ctx.lang, term.type))
            form = _russian_form(concept, skeleton(base, term.lang), latin)
            if form and use:
                return term, concept, use, form
    return None


def _russian_form(concept: Concept, key: str, latin: str) -> str | None:
    """The form of the concept's Russian surname, whose stem `key` (a skeleton) renders, with the case
    ending that `latin` renders (Зась, "ya": Зася); None where its declension has none."""
    for russian in concept.terms.get("ru", ()):
        text = russian.text
        if russian.type != "surname" or " " in text or not russian.inflect or text.endswith(_INDECLINABLE):
            continue  # a surname that declines as a noun: not an adjective (Зеленский), not Шойгу
        own = text[-1:] if text[-1:] in _RU_DECLENSION else ""
        root = text[: len(text) - len(own)]
        if skeleton(root, "ru") != key:
            continue  # another stem: Latin Zas renders Зас(ь), not another name
        for ending, renderings in _RU_DECLENSION[own]:
            if ending in ("ом", "ым") and (ending == "ым") != root.endswith(_POSSESSIVE_STEMS):
                continue
            if latin in renderings:
                return root + ending
    return None
