"""A near miss of a term: misspelt, transposed, with the wrong capitals, or transliterated differently.

## What it does
Looks at the words that are neither terms nor ordinary words of the text's language and reports those
that are a near miss of a term of the term base in any language: one or two edits (substitution,
insertion, deletion, transposition; Damerau-Levenshtein) from a term word, the allowed distance growing
with the term's length (none below 5 letters, one up to 9, two from 10); an acronym of 3-5 capitals with
two neighbouring letters swapped or one keyboard-adjacent slip (CTSO, GSU, ОДБК); a term in capitals it
does not allow (Ovks); an unlisted transliteration of a listed name (Rybakou beside Rybakov, Rybakow,
Рыбаков). Inflected forms (Kasachtans) and words inside compounds (OKVS-Generalsekretär) are looked at
too. A name of three words or more written another way is reported as a whole: one word wrong or a small
word swapped (`Organização do Tratado da Segurança Coletiva`, `Organisation des Vertrags für kollektive
Sicherheit`, `Comunidade de Estados Independentes` for `dos Estados`), an article put in (`Organización
del Tratado de la Seguridad Colectiva`), or only other capitals (`Organisation du Traité de Sécurité
Collective`: at `info` level, a house style as often as a slip). A person's surname as the text's
language writes it, after a first name one or two letters off the person's renderings ("Aleksandro
Lukashenko" in Spanish), is the person's name with its first name misspelt; a two-word name no term
spells, whose surname sounds like the person's in any rendering and whose first name is one of theirs or
one or two letters off ("Serge Sargsian" in French or Portuguese, "Imomali Rakhmon"), is that person's
name transliterated otherwise, unless the surname sounds like several people's and the first name does
not tell which, or it is the text's own name with accents or е for ё ("Imangalí Tasmagambétov", "Шавкат
Мирзиеев"); in a translation, only a person its source names. The suggestion is the term's rendering for
the text's language, and the finding says which term it is near and how far.

Evidence is asked for where other words look the same: in a translation (PO, XLIFF, TMX), only the
concepts its source names are looked for (a catalogue's "Usa" renders "Use", not USA); a word of the
word list of English or of the term's language is no slip of that term in a text of another language
(ALLOW, Jason); a plural of a listed word is a listed word (destinados); a capital inside a word is a
brand's (SaaS); and these need the concept named elsewhere in the text: another transliteration of a
name of four letters or fewer (Zass after Stanislav Zass), an acronym with one letter changed (RECT is
not DECT; a swap, CTSO, needs nothing), a one-word term of another language one edit off, and one
letter for one far from it on the keyboard in a common word or a name under eight letters (казанский
is not казахский, Osipov not Oripov; Tasmagambetof stays a slip).

## Why is this bad?
A misspelt controlled term escapes every other check: it is not the term, so nothing says it is wrong.

## Example
In a German text: `die Kasachtan-Mission` is reported, near 'Kasachstan' (1 edit); `GSU` near 'GUS'
(letters swapped); in English `Stanislav Zaas` near 'Stanislav Zas'. Not reported: Sas in German and Zas
in English (terms), Minsk and Mins, SOS, GUT and UNDO (ordinary words), names not in the term base, and
the near misses no writer makes: a name misspelt *and* in lower case (`allow` is not Aslow), another
first letter with the rest as written (Tatar is not Qatar), a word of an unknown name (Pham Minh Chinh is
not China), a capital a sentence or list item gives (`Russo` alone in a menu; "Indica que…", a form of
indicar, is not India), a homograph's lower-case word (china, катара), a surname beside a first name
(Carlo Russo), a Russian adjective of a city in any case (минскому), an ordinary word that is a name's
stem without its ending (кита, a whale's, is not Китай), the first part of a hyphenated compound
adjective in French, Spanish, Portuguese and Italian (its combining form in -o: "arméno-russe",
"kazakho-russe"), Russian е printed for ё in any case form (Мирзиеева), Swiss ss for ß (Grossbritannien;
the reverse, ß from before 1996, is reported: Rußland), a tréma French puts on a foreign name (Shanghaï),
a Romance feminine or plural of the term's words (armênias, secretários-gerais, secrétaires généraux,
forze russe), a Spanish or Portuguese plural abbreviation of doubled letters (EEUU is the United States,
not the EEU), a first name beside an unknown surname (Georgiy Zhukov, also in German when the surname is
no German word; and that surname alone wherever the text names the person in full: Davlat Bobonov, then
"em Bobonov"), and an acronym in the one-capital style of the press: Italian all of them (gli Usa),
French, Portuguese, Spanish and English those read as words, a doubled letter counting once (l'Onu, a
agência Belta, la agencia Belta, Nato, a agência Tass; l'Otsc and German die Gus are still reported).

## Fix safety
Unsafe: a word near a term may be another name; the fix writes the suggested rendering.

## Options
Ordinary words come from the word lists of pyspellchecker per language; the term base's own words
count as known words. A term base that wants an acronym's capitals in such a language's text all the
same lists the one-capital spelling as a deprecated term of the concept with `case: exact`
(`{term: Onu, status: deprecated, case: exact}`): deprecated-term then reports it.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Container
from dataclasses import replace
from functools import partial
from itertools import accumulate, islice, pairwise

from ..findings import Finding, Severity
from ..glossary.entries import Entry
from ..glossary.index import GlossaryIndex
from ..glossary.model import Concept, language_name
from ..glossary.typos import ADJACENT, Candidate, TypoIndex
from ..languages import same_language
from ..sources.base import Segment
from ..text.morphology import endings
from ..text.scripts import scripts
from ..text.skeleton import skeleton
from ..text.tokenize import WORD_RE, Token, norm_sep, sentence_start, sep_allowed, strip_accents, url_spans
from ..text.wordlist import COMPOUNDING, is_form, is_word, romance_form
from ._common import (
    TITLE_CASE_ACRONYMS,
    combining_form,
    derived_word,
    follow_case,
    house_style_acronym,
    ordinary_word,
    quote_list,
    word_set,
)
from .contract import ADMITTED, DEPRECATED, FOREIGN, PREFERRED, Context, FixApplicability, RuleInfo
from .foreign_rendering import foreign_in_wrong_case, foreign_spelling

CODE = "TC201"
NAME = "term-typo"
SEVERITY = Severity.WARNING
ENABLED = True
FIX = FixApplicability.UNSAFE
SUMMARY = "a near miss of a term: misspelt, transposed, wrong case or transliterated differently"

_WHY = {
    "typo": "{d} edit{s} from",
    "context": "{d} edit{s} from",
    "acronym": "a swapped or mistyped letter from",
    "case": "the wrong capitals for",
    "eszett": "the spelling with ß before 1996 of",
    "transliteration": "another transliteration of",
}


def _candidates(typos: TypoIndex, word: str, lang: str) -> tuple[Candidate, ...]:
    if len(word) >= 3 and word.isupper() and len(word) <= 6:
        # An acronym of three letters or fewer is too easily another acronym (GIS, GUS): only its case.
        found = typos.case_slip(word, lang) or (typos.acronym(word) if len(word) >= 4 else [])
        if found:
            return tuple(found)
    found = typos.case_slip(word, lang) if not word.isupper() else []
    found = found or typos.fuzzy(word, lang)
    if all(c.kind == "context" for c in found) and word[:1].isupper() and len(word) >= 4:
        found = found + typos.transliteration(word, lang)  # context-only candidates need their full name
    return tuple(found)


def _window(ctx: Context, toks: list[Token], i: int, cand: Candidate) -> tuple[int, int] | None:
    """The tokens a candidate spans around token i: the other words of a multi-word term must be there."""
    entry: Entry = cand.entry
    first = i - cand.position
    last = first + len(entry.words) - 1
    if first < 0 or last >= len(toks):
        return None
    if len(entry.words) == 1:
        return (i, i) if cand.kind != "context" else None
    sounds = cand.kind == "transliteration"  # a name transliterated anew: every word by its sound
    for j in range(first, last + 1):
        sep = ctx.document.text[toks[j - 1].end : toks[j].start] if j > first else ""
        if j > first and not sep_allowed(sep):
            return None  # a segment boundary between the words
        other_sep = j > first and norm_sep(sep) != entry.seps[j - first - 1]
        if other_sep and not (sounds and {norm_sep(sep), entry.seps[j - first - 1]} <= {" ", "-"}):
            return None  # another separator (a transliteration may join given names or not: Kasym Zhomart)
        if j == i:
            continue
        word, k = toks[j].text, j - first
        folded = word.casefold()
        other_word = folded != entry.folded[k] and not GlossaryIndex.word_matches(entry, k, word, folded)
        if other_word and not (sounds and _sounds_alike(word, ctx.lang, entry, k)):
            return None
    return first, last


def _sounds_alike(word: str, lang: str, entry: Entry, k: int) -> bool:
    """Whether `word` is word k of a name in another transliteration (Kasym for Kassym)."""
    return len(word) > 2 and skeleton(word, lang) == skeleton(entry.words[k], entry.term.lang)


def _near_miss(
    index: GlossaryIndex, word: str, lang: str, words_of: Callable[[str], Container[str] | None]
) -> tuple[Candidate, ...]:
    """The candidates of a word worth reporting, decided once per distinct word and language (a memo of
    the term base's index: it goes when the index goes)."""
    return index.memo(("near-miss", word, lang, words_of), partial(_judge, index.typos, word, lang, words_of))


def _judge(
    typos: TypoIndex, word: str, lang: str, words_of: Callable[[str], Container[str] | None]
) -> tuple[Candidate, ...]:
    """`_near_miss`, computed."""
    if len(word) < 3 or not typos.within_reach(word) or not word.isalpha():
        return ()  # a word far longer than any term is no slip, and the word lists are not asked about it
    if not word.isascii() and len(scripts(word)) > 1:  # (an ASCII word has one script: Latin)
        return ()
    if not word[1:].islower() and any(a.islower() and b.isupper() for a, b in pairwise(word)):
        return ()  # a capital inside a word (SaaS, iOS, PayPal) spells a product or a brand, not a name
    if not word.isupper():
        # Most words of a text are ordinary words, which can only be a name of their own language in the
        # wrong case (moskau): asked first, the near misses of the whole term base are never looked up.
        listed = words_of(lang)
        if listed is not None and is_form(word.lower(), lang, listed) and not _read_as_compound(word, lang, listed):
            return _own_case_slips(typos, word, lang)
    cands = tuple(c for c in _candidates(typos, word, lang) if not _unlikely_slip(word, c, lang))
    if not cands:
        return ()
    case_slip = cands[0].kind == "case"
    if typos.is_term_word(word.casefold()) and not case_slip:
        return ()
    primary = lang.split("-", 1)[0]
    cands = tuple(c for c in cands if not derived_word(word, c, primary, typos.names_in(c.entry.term.concept_id, lang)))
    if not cands:
        return ()
    own = tuple(c for c in cands if c.entry.term.lang.split("-", 1)[0] == primary)
    words = words_of(lang)  # the list loads only now, for the few words that are near a term
    if words is None:
        return cands
    lower = word.lower()
    if is_form(lower, lang, words) and not _read_as_compound(word, lang, words):
        # An ordinary word of the text's language is no slip ("uno" is not the German UNO), except a
        # name of its own language in the wrong case (moskau): the lists, all in lower case, know it.
        return tuple(c for c in own if c.kind == "case")
    # By identity: comparing candidates compares their compiled terms field by field (a third of this
    # function's time on real prose), and `own` and `spelling` hold the very objects of `cands`.
    own_ids = {id(c) for c in own}
    spelling = {id(c) for c in cands if id(c) not in own_ids and c.kind in ("typo", "context", "case")}
    if spelling and not word.isupper() and _near_a_word(lower, lang, words):
        # A word one edit from an ordinary word ("armênios", "kazakhe") is a form of that word, not a
        # misspelling of another language's term (its transliteration variants still count).
        cands = tuple(c for c in cands if id(c) not in spelling)
    return tuple(c for c in cands if not _word_elsewhere(lower, c, lang, words_of))


def _word_elsewhere(lower: str, c: Candidate, lang: str, words_of: Callable[[str], Container[str] | None]) -> bool:
    """Whether a word near a term is an ordinary word of English (the language of the code, commands
    and product names any text quotes: ALLOW, RAISE, Jason) or of the term's own language, in a text
    of another language: a writer of that term would have written the term, not that word."""
    if c.kind not in ("typo", "context", "acronym"):
        return False
    primary = lang.split("-", 1)[0]
    for other in dict.fromkeys(("en", c.entry.term.lang.split("-", 1)[0])):
        listed = words_of(other) if other != primary else None
        if listed is not None and is_form(lower, other, listed):
            return True
    return False


# Words that come before a place's name used as a noun in Romance languages ("a Armênia", "em Armênia",
# elided: "dell'Uzbekistan");
# the same word in lower case after anything else is the adjective ("a capital armênia").
NOUN_MARKERS: dict[str, frozenset[str]] = {
    "pt": word_set("a o as os da do das dos na no nas nos à ao pela pelo em de para com sem sobre entre e"),
    "es": word_set("la el las los del al en de para con sin sobre entre y a"),
    "fr": word_set("la le les l d du des au aux en de à pour avec sans sur entre et"),
    "it": word_set(
        "la il lo le gli i l della del dello delle degli dei dell nella nel nell in di a all al da dal dall per "
        "con su sul sull tra e verso"
    ),
}


def _adjective_use(toks: list[Token], i: int, cands: tuple[Candidate, ...], lang: str) -> bool:
    """A lower-case word spelt like a place's name, after a noun rather than an article or preposition,
    is the adjective in Romance languages ("a capital armênia", "la frontera armenia"), not a slip."""
    word = toks[i].text
    markers = NOUN_MARKERS.get(lang.split("-", 1)[0])
    if markers is None or not word.islower() or not all(c.kind == "case" for c in cands):
        return False
    previous = toks[i - 1].text.lower() if i else ""
    return previous not in markers


def _combining_form(text: str, tok: Token, cands: tuple[Candidate, ...], lang: str) -> bool:
    """The first part of a compound adjective (`combining_form`: "arméno-russe", "kazakho-russe") is no slip
    of the adjective; in any form it is no slip of another language's adjective (the Italian armeno)."""
    if not combining_form(text, tok.start, tok.end, lang, ending=""):
        return False
    return tok.text.endswith("o") or not any(same_language(c.entry.term.lang, lang) for c in cands)


def _capital_of_a_sentence(text: str, start: int, cands: tuple[Candidate, ...]) -> bool:
    """A lower-case term (an adjective: russo) with a capital where a sentence, a line or a list item
    begins ("Russo" alone, a language in a menu): the capital is the position's, not a slip."""
    if not all(c.kind == "case" and c.entry.words[c.position].islower() for c in cands):
        return False
    return sentence_start(text, start)


def _word_at_a_sentence_start(ctx: Context, tok: Token, cands: tuple[Candidate, ...]) -> bool:
    """A capitalised word where a sentence begins, one edit from an ordinary word of the text's language,
    is that word's form ("Indica que…": indicar), not a misspelt name (India)."""
    if not all(c.kind == "typo" for c in cands) or not sentence_start(ctx.document.text, tok.start):
        return False
    words = ctx.resources.words(ctx.lang)
    terms = {c.entry.folded[c.position] for c in cands}  # the term itself is no ordinary word it is a form of
    return words is not None and _near_a_word(tok.text.lower(), ctx.lang, words, terms)


def _unlikely_slip(word: str, c: Candidate, lang: str) -> bool:
    """Near misses no writer makes: a homograph's lower-case word in any form (катара: catarrh); a name
    misspelt *and* written in lower case (allow is not the German Aslow), or another language's common
    word misspelt *and* capitalised (Kazakov is a name, not the Italian kazako); another first letter,
    the rest as written (Tatar is not Qatar, финский not Минск: one sees a word's first letter); an
    acronym in the capitals of the house style of the text's language (`house_style_acronym`: l'Onu); a French
    capital without its accent (`unaccented_capital`: Etats); е printed for ё (Мирзиеев); Swiss ss for ß; a
    Spanish or Portuguese plural abbreviation of doubled letters (EEUU, the United States, is not the EEU)."""
    written = c.entry.words[c.position]
    if c.kind == "case" and house_style_acronym(word, written, lang):
        return True
    if _doubled_letter_plural(word, lang):
        return True
    if _spelling_of_the_language(word, written, lang):
        return True
    if c.kind in ("typo", "context") and c.distance == 1 and unaccented_capital(word, written, lang):
        return True
    if not word.islower():
        term_word = written.casefold()
        if c.kind in ("typo", "context") and written.islower() and not word.isupper():
            return c.entry.term.lang.split("-", 1)[0] != lang.split("-", 1)[0]
        return c.kind == "typo" and word[0].casefold() != term_word[0] and _same_after_first(word, term_word)
    if c.kind == "case":
        return c.entry.term.homograph
    if c.kind in ("typo", "context") and written[:1].isupper():
        return True
    term_word = written.casefold()
    return c.kind == "typo" and word[0] != term_word[0] and _same_after_first(word, term_word)


_DOUBLED_PLURALS = frozenset({"es", "pt", "ca", "gl"})


def _doubled_letter_plural(word: str, lang: str) -> bool:
    """Whether `word` is an abbreviation whose letters are doubled for the plural, as Spanish and Portuguese
    write them (EEUU Estados Unidos, FFAA, JJOO, RRHH)."""
    if lang.split("-", 1)[0] not in _DOUBLED_PLURALS or not word.isupper() or len(word) < 4 or len(word) % 2:
        return False
    return all(word[k] == word[k + 1] for k in range(0, len(word), 2))


def _spelling_of_the_language(word: str, written: str, lang: str) -> bool:
    """Whether `word` is the term word `written` as the text's language spells or inflects it, no slip:
    Swiss ss for ß (Grossbritannien), Russian е printed for ё in any case form (Мирзиеева), the tréma French
    puts on a foreign name (Shanghaï), a Romance feminine or plural (armênias, gerais, généraux)."""
    if word.count("ß") < written.count("ß") and word.casefold() == written.casefold():
        return True  # Swiss ss for ß; not the reverse, the spelling before 1996 (Weißrußland)
    if "ё" in written.casefold() and _yo_printed(word, written, lang):
        return True
    return _french_trema(word, written, lang) or _romance_form(word, written, lang)


def _without_yo(word: str) -> str:
    return word.casefold().replace("ё", "е")


def _yo_printed(word: str, written: str, lang: str) -> bool:
    """Whether `word` is `written` with е for ё, as Russian print has it, in any case form (Мирзиеева)."""
    plain, term = _without_yo(word), _without_yo(written)
    return plain == term or (plain.startswith(term) and plain[len(term) :] in endings(lang))


def _romance_form(word: str, written: str, lang: str) -> bool:
    """Whether `word` is a Romance language's feminine or plural of the lower-case term word `written`,
    which the matcher's endings (+s, +es) do not make: armênias, gerais (pt), generales (es), généraux,
    arméniennes (fr), generali, russe (it)."""
    if written[:1].isupper():
        return False
    return romance_form(word.casefold(), written.casefold(), lang)


_TREMA = str.maketrans("ïë", "ie")


def _french_trema(word: str, written: str, lang: str) -> bool:
    """Whether `word` is `written` with a tréma French puts on a foreign name (Shanghaï for Shanghai)."""
    folded = word.casefold()
    return (
        lang.split("-", 1)[0] == "fr"
        and folded != written.casefold()
        and folded.translate(_TREMA) == written.casefold()
    )


LONG_NAME = 8  # letters from which a name keeps a slip of one letter for any other (Tasmagambetof)


def _far_substitution(word: str, c: Candidate, lang: str) -> bool:
    """One letter put for another that is not beside it on a keyboard, the one edit between a word and
    a one-word term: two words, not a slip, where the term is a common word (казанский is not
    казахский, destinados not desminado) or a name shorter than LONG_NAME (Kabir is not Kabar, Osipov
    not Oripov). Accents do not count (Armenia for Arménia stays a slip); an ending may follow."""
    if c.kind != "typo" or c.distance != 1 or len(c.entry.words) != 1:
        return False
    written = c.entry.words[c.position]
    if written[:1].isupper() and len(written) >= LONG_NAME:
        return False
    plain, term_word = strip_accents(word.casefold()), strip_accents(written.casefold())
    head, tail = plain[: len(term_word)], plain[len(term_word) :]
    if len(head) != len(term_word) or tail not in endings(lang) | endings(c.entry.term.lang):
        return False
    diff = [i for i, (a, b) in enumerate(zip(head, term_word, strict=True)) if a != b]
    return len(diff) == 1 and head[diff[0]] not in ADJACENT.get(term_word[diff[0]], ())


def unaccented_capital(word: str, written: str, lang: str) -> bool:
    """Whether `word` is `written` with the accent of its first capital left out, as French press writes
    capitals (Etats membres, Egypte, Ecole: AFP's style): a house style, not a slip."""
    if lang.split("-", 1)[0] != "fr" or not word[:1].isupper() or word[:1] == written[:1]:
        return False
    return strip_accents(written[:1]) == word[:1]


def _same_after_first(word: str, term_word: str) -> bool:
    rest, own = word[1:].casefold(), term_word[1:]
    return rest.startswith(own) and len(rest) - len(own) <= 3


COMPOUND_SLIP = 10  # letters from which a word that is "ordinary" only as a compound may still be a slip


def _read_as_compound(word: str, lang: str, listed: Container[str]) -> bool:
    """Whether a long word of a compounding language is an ordinary word only because it splits into
    listed words (not listed itself, nor with an ending of the language taken off): a slip in a compound
    term splits too (Mitgliedstatten = Mitglied + statten), so it is still compared with the terms."""
    if len(word) < COMPOUND_SLIP or lang.split("-", 1)[0] not in COMPOUNDING:
        return False
    lower = word.lower()
    return not any(lower.endswith(e) and lower[: len(lower) - len(e)] in listed for e in endings(lang))


def _own_case_slips(typos: TypoIndex, word: str, lang: str) -> tuple[Candidate, ...]:
    """An ordinary word's only near misses: its own language's names that it is in another case. The
    name cut short, its stem without an ending ("кита", a whale's, is the stem of Китай), is no form
    of it but the ordinary word."""
    primary = lang.split("-", 1)[0]
    folded = word.casefold()
    own = []
    for c in typos.case_slip(word, lang):
        if c.entry.term.lang.split("-", 1)[0] != primary or _unlikely_slip(word, c, lang):
            continue  # china is porcelain, turkey a bird: a name the term base knows to be an ordinary word
        if len(folded) < len(c.entry.folded[0]) and c.entry.folded[0].startswith(folded):
            continue
        if not derived_word(word, c, primary, typos.names_in(c.entry.term.concept_id, lang)):
            own.append(c)
    return tuple(own)


_ALPHABETS = {
    "latin": "abcdefghijklmnopqrstuvwxyzáàâãäåçéèêëíìîïñóòôõöúùûüýÿßœæ",
    "cyrillic": "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґў",
}


def _near_a_word(word: str, lang: str, words: Container[str], terms: Container[str] = ()) -> bool:
    """Whether one edit (a letter dropped, swapped, changed or added) makes `word` an ordinary word, other
    than one of `terms` (a word list may hold a name: French lists "ouzbékistan")."""
    letters = _ALPHABETS["cyrillic" if any("\u0400" <= ch <= "\u04ff" for ch in word) else "latin"]
    n = len(word)
    variants: set[str] = set()  # each edit once (a hundred letters a position make many twice)
    for i in range(n + 1):
        head, tail = word[:i], word[i:]
        if i < n and n > 3:
            variants.add(head + tail[1:])
        if i < n - 1:
            variants.add(head + tail[1] + tail[0] + tail[2:])
        if i < n:
            variants.update(head + ch + tail[1:] for ch in letters if ch != tail[0])
        variants.update(head + ch + tail for ch in letters)
    # Listed as it is first (a look-up each), then as a compound of listed words (`is_word`), which is dearer.
    if any(v in words and v not in terms for v in variants):
        return True
    return lang.split("-", 1)[0] in COMPOUNDING and any(is_word(v, lang, words) and v not in terms for v in variants)


def check(ctx: Context, rule: RuleInfo) -> list[Finding]:
    if ctx.index is None or ctx.lang == "und":
        return []
    out, taken = _one_word_off(ctx, rule)
    out += _near_misses(ctx, rule, taken, out)
    spans = sorted((f.span.start, f.span.end) for f in out)
    starts, reach = [a for a, _ in spans], list(accumulate((b for _, b in spans), max, initial=-1))
    for f in _first_name_off(ctx, rule) + _person_spelt_otherwise(ctx, rule):
        before = bisect.bisect_left(starts, f.span.end)  # the findings that start before this one ends
        if reach[before] <= f.span.start:  # and none of them ends after it starts
            out.append(f)
    return out


def _near_misses(ctx: Context, rule: RuleInfo, taken: set[int], found: list[Finding]) -> list[Finding]:
    """The words one or two edits from a term word (`_near_miss`), each reported with the window of the
    term it misspells, where nothing explains them otherwise."""
    assert ctx.index is not None
    doc = ctx.document
    out: list[Finding] = []
    near = {word for word in doc.words if _near_miss(ctx.index, word, ctx.lang, ctx.resources.words)}
    if not near:
        return out
    claimed = -1  # where the previous finding ends: a window is reported once
    inside: _Inside = {}  # `_named_elsewhere`
    named = {m.concept.id for m in ctx.matches} | {f.concept for f in found if f.concept}
    for tok in doc.tokens_of(near):
        if tok.start < claimed or ctx.covered(tok.start) or tok.start in taken:
            continue
        cands = _with_evidence(ctx, tok, _near_miss(ctx.index, tok.text, ctx.lang, ctx.resources.words), named)
        if not cands or any(a <= tok.start < b for a, b in doc.skip_spans):
            continue
        toks, i = _around(doc.text, tok, max(len(c.entry.words) for c in cands))
        if _adjective_use(toks, i, cands, ctx.lang) or _inside_a_name(ctx, toks, i, cands):
            continue
        if _named_elsewhere(ctx, tok, cands, inside):
            continue
        if _combining_form(doc.text, tok, cands, ctx.lang):
            continue
        if _capital_of_a_sentence(doc.text, tok.start, cands) or _word_at_a_sentence_start(ctx, tok, cands):
            continue
        if foreign_spelling(ctx, tok.text) is not None or foreign_in_wrong_case(ctx, tok.text) is not None:
            continue  # another spelling of a foreign rendering, or it in other capitals: foreign-rendering reports it
        hit = _finding(ctx, rule, toks, i, cands)
        if hit is not None:
            out.append(hit[0])
            claimed = hit[1]
            named.add(hit[0].concept or "")
    return out


# Per word and candidates (their identities), the places where the word stands inside an unknown name; the
# candidates are kept with them, so that their identities stay theirs (`_named_elsewhere`).
_Inside = dict[tuple[str, tuple[int, ...]], tuple[object, list[int]]]

SHORT_NAME = 4  # letters up to which a name's other transliteration needs the name nearby (Zass, not SaaS)


def _with_evidence(ctx: Context, tok: Token, cands: tuple[Candidate, ...], named: set[str]) -> tuple[Candidate, ...]:
    """The candidates the text gives reason to believe: in a translation, only concepts its source names
    (a catalogue's "Usa", "riga" or ALLOW render the source's "Use", "row" and ALLOW, not USA, Riga and
    Aslow); the weaker near misses of `_needs_context` only where the text names the concept elsewhere
    (`named`: its terms, or a near miss of its full name: Rybakou after Valentin Rybakou)."""
    if not cands:
        return cands
    segment = ctx.document.segment(tok.start)
    if segment is not None and segment.source is not None:
        in_source = _source_names(ctx, segment.source)
        cands = tuple(c for c in cands if c.entry.term.concept_id in in_source)
    word = tok.text
    return tuple(c for c in cands if c.entry.term.concept_id in named or not _needs_context(word, c, ctx.lang))


def _needs_context(word: str, c: Candidate, lang: str) -> bool:
    """The near misses that other words of a text make as often as writers' slips: another transliteration
    of a short name (SaaS, Saas for Zas); an acronym with one letter changed (RECT, IDNA: other acronyms,
    where a swap, CTSO, stays a slip); an acronym written in lower case ("(gus)", an author's code); a one-word
    term of another language with one edit (Kahan for the English Kazan in a Spanish text); one letter for one
    far from it on the keyboard (`_far_substitution`)."""
    if len(c.entry.words) > 1:
        return False
    written = c.entry.words[0]
    if c.kind == "case" and word.islower() and written.isupper():
        return True  # an acronym in lower case: "(gus)" is an author's initials unless the text names the CIS
    if c.kind == "transliteration":
        return len(written) <= SHORT_NAME
    if c.kind == "acronym":
        return len(word) == len(written) and sum(a != b for a, b in zip(word, written, strict=True)) == 1
    foreign = c.entry.term.lang.split("-", 1)[0] != lang.split("-", 1)[0]
    return (c.kind == "typo" and foreign) or _far_substitution(word, c, lang)


def _source_names(ctx: Context, source: Segment) -> frozenset[str]:
    """The concepts a source text names, in any of their renderings (computed once per source text)."""
    index = ctx.index
    assert index is not None
    return index.memo(
        ("term-typo: source names", source.text),
        lambda: frozenset(
            e.term.concept_id for m in index.find(source.text, None, url_spans(source.text)) for e in m.entries
        ),
    )


def _inside_a_name(ctx: Context, toks: list[Token], i: int, cands: tuple[Candidate, ...]) -> bool:
    """A capitalised word beside another capitalised word that is no term's is part of a name the term
    base does not know ("Pham Minh Chinh" is not a slip of China; "Georgiy Zhukov", a footballer, is not
    Georgia): where only one-word terms fit. In German, whose nouns all have capitals, the other word must
    be no German word either."""
    assert ctx.index is not None
    text, typos = ctx.document.text, ctx.index.typos
    if not toks[i].text[:1].isupper():
        return False
    german = ctx.resources.words(ctx.lang) if ctx.lang.split("-", 1)[0] == "de" else None
    fitting = [c for c in cands if len(c.entry.words) == 1 or _window(ctx, toks, i, c) is not None]
    # A lower-case term (an adjective: russo) written with a capital beside a name is a surname (Carlo Russo).
    lower_term = [c for c in fitting if c.kind == "case" and c.entry.term.text.islower()]
    if any(len(c.entry.words) > 1 or (c.kind not in ("typo", "context") and c not in lower_term) for c in fitting):
        return False
    after = WORD_RE.search(text, toks[i].end, toks[i].end + 60)  # the next word (right after one space: below)
    neighbours = [toks[i - 1]] if i else []
    neighbours += [Token(after.group(), after.start(), after.end())] if after else []
    for near in neighbours:
        a, b = (near, toks[i]) if near.start < toks[i].start else (toks[i], near)
        other = near.text
        beside = text[a.end : b.start] == " " and other[:1].isupper() and not other.isupper()
        known = typos.is_term_word(other.casefold())
        a_german_noun = ctx.lang.split("-", 1)[0] == "de" and (german is None or is_form(other.lower(), "de", german))
        if beside and not known and not a_german_noun:
            return True
    return False


def _named_elsewhere(ctx: Context, tok: Token, cands: tuple[Candidate, ...], inside: _Inside) -> bool:
    """A word the text gives elsewhere inside a name the term base does not know (`_inside_a_name`: "Davlat
    Bobonov", a judoka) is that name's wherever it stands alone ("grandes esperanças em Bobonov"), not a slip
    of a term (Boronov). Not for a term in other capitals: "il presidente Russo" is still the adjective where
    the text also names Carlo Russo. The places where the word stands inside such a name are found once per
    word and candidates (`inside`), not again for each of its places: a word a text repeats 500 times cost
    500 × 500 looks."""
    if not tok.text[:1].isupper() or any(c.kind == "case" for c in cands):
        return False
    key = (tok.text, tuple(map(id, cands)))  # by identity: the candidates are kept with the answer
    found = inside.get(key)
    if found is None:
        found = inside[key] = (cands, _inside_names(ctx, tok.text, cands))
    return any(start != tok.start for start in found[1])


def _inside_names(ctx: Context, word: str, cands: tuple[Candidate, ...]) -> list[int]:
    """Where `word` stands inside a name the term base does not know (`_named_elsewhere`)."""
    from rapidfuzz.distance import Levenshtein

    assert ctx.index is not None
    firsts = set().union(*(_first_names(ctx.index.concepts[c.entry.term.concept_id]) for c in cands))
    words = max(len(c.entry.words) for c in cands)
    out = []
    for other in ctx.document.tokens_of({word}):
        toks, i = _around(ctx.document.text, other, words)
        before = toks[i - 1].text.casefold() if i else ""
        if any(Levenshtein.distance(before, f, score_cutoff=2) <= 2 for f in firsts):
            continue  # "Aleksander Lukachenko": the person's own first name, written otherwise
        if not before or ordinary_word(ctx, before):
            continue  # "Selon Sargissian": a word of the language where a sentence begins is no first name
        if _inside_a_name(ctx, toks, i, cands):
            out.append(other.start)
    return out


_REACH = 400  # characters looked at before a word for the words of a name it may end
_NEAR_REACH = 80  # looked at first


def _around(text: str, tok: Token, words: int) -> tuple[list[Token], int]:
    """The words around `tok` (up to `words` - 1 on each side) as tokens, and tok's place among them:
    read off the text there, so no list of all the text's words is needed."""
    keep = max(words, 1)  # one word before, for the adjective test
    found: list[re.Match[str]] = []
    for reach in (_NEAR_REACH, _REACH):  # a short look first: where it finds more words than it keeps, the
        lo = max(0, tok.start - reach)  # first of them (perhaps cut by the look's start) is not kept
        while 0 < lo < tok.start and text[lo - 1].isalnum():
            lo += 1  # never start inside a word
        found = list(WORD_RE.finditer(text, lo, tok.start))
        if len(found) > keep or lo == 0:
            break
    before = [Token(m.group(), m.start(), m.end()) for m in found[-keep:]]  # a token only for the words kept
    after = [Token(m.group(), m.start(), m.end()) for m in islice(WORD_RE.finditer(text, tok.start), words)]
    return before + after, len(before)


MIN_WORDS_FOR_ONE_OFF = 3


# Articles a writer inserts into a name ("Tratado de la Seguridad" for "Tratado de Seguridad"), and the
# small words (articles, prepositions, their contractions) one of which may stand for another ("da" for
# "de", "für" for "über"), per language of the term.
ARTICLES = {
    "es": word_set("el la los las"),
    "pt": word_set("o a os as"),
    "fr": word_set("le la les l"),
    "it": word_set("il lo la i gli le l"),
    "de": word_set("der die das des dem den"),
    "en": word_set("the"),
}
SMALL_WORDS = {
    "es": word_set("de del a al en para por con sobre entre y"),
    "pt": word_set("de do da dos das em no na nos nas para por pelo pela com sobre entre e"),
    "fr": word_set("de du des à au aux en pour par sur avec entre et"),
    "it": word_set("di del della dello dei degli delle a al alla da dal dalla in nel nella per con su tra fra e"),
    "de": word_set("für über von zur zum mit und in im an am auf bei zu gegen"),
    "en": word_set("of for on in and to at by with against"),
}


FIRST_NAME_EDITS = 2  # letters a first name may be off before a person's own surname and still be theirs


def _first_name_off(ctx: Context, rule: RuleInfo) -> list[Finding]:
    """A person's surname as the text's language writes it, right after a first name one or two letters off
    a first name of that person's renderings, and none of them ("Aleksandro Lukashenko" in Spanish, which
    writes Alexander or Alexandr Lukashenko): the person's name with a slip or another
    transliteration of the first name. Not for an ordinary word or a first name of another rendering
    (foreign-rendering reports that one), and only with the same first letter."""
    from rapidfuzz.distance import Levenshtein

    text, out = ctx.document.text, []
    for m in ctx.matches:
        if m.verdict not in (PREFERRED, ADMITTED) or m.gloss or m.term.type != "surname":
            continue
        before = _WORD_BEFORE_RE.search(text, max(0, m.start - 40), m.start)
        if before is None or not before.group(1).istitle() or len(before.group(1)) < 4 or ctx.covered(before.start(1)):
            continue
        word = before.group(1).casefold()
        firsts = _first_names(m.concept)
        if any(word.startswith(f) and word[len(f) :] in endings(ctx.lang) for f in firsts):
            continue  # the first name declined ("с Александром Лукашенко")
        use = tuple(t.text for t in m.concept.preferred(ctx.lang, "fullForm") if " " in t.text)
        if not use or word in firsts or ordinary_word(ctx, word):
            continue
        cutoff = FIRST_NAME_EDITS
        if not any(f[:1] == word[:1] and Levenshtein.distance(word, f, score_cutoff=cutoff) <= cutoff for f in firsts):
            continue
        written = f"{before.group(1)} {text[m.start : m.end]}"
        message = (f"'{written}' looks like a name of concept '{m.concept.id}' with its first name written "
                   f"otherwise; in {language_name(ctx.lang)} write {quote_list(use)}")  # fmt: skip
        out.append(ctx.finding(rule, before.start(1), m.end, message, m.concept.id, None, use, (use[0], False)))
    return out


_WORD_BEFORE_RE = re.compile(r"([^\W\d_]+) $")
_NAME_PAIR_RE = re.compile(r"\b([^\W\d_]{4,}) (?=([^\W\d_]{4,})\b)")  # overlapping: "presidente Gurbanguly Berdy…"


def _own_name_as_written(concept: Concept, lang: str, words: tuple[str, str]) -> bool:
    """Whether two words are a two-word term of the text's language as the language prints it: with accents
    put on or left off ("Imangalí Tasmagambétov" in Spanish), е for ё (Шавкат Мирзиеев), or the other
    spellings `_spelling_of_the_language` allows."""
    for t in concept.terms_for(lang):
        own = t.text.split(" ")
        if len(own) == 2 and all(
            strip_accents(w).casefold() == strip_accents(o).casefold() or _spelling_of_the_language(w, o, lang)
            for w, o in zip(words, own, strict=True)
        ):
            return True
    return False


def _person_spelt_otherwise(ctx: Context, rule: RuleInfo) -> list[Finding]:
    """A person's two-word name that no term spells, whose surname sounds like that person's surname in one
    of their renderings (the same skeleton: Sargsian, Sargsyan, Sargsián; Rakhmon, Rachmon) and whose first
    name is one of that person's first names or one or two letters off it ("Serge Sargsian" in French, which
    writes Serge Sarkissian; "Imomali Rakhmon" for Emomali Rahmon): the name of one person, unless the
    surname sounds like several people's and the first name does not tell which. Decided once per distinct
    pair of words (`_person_of`)."""
    text, out = ctx.document.text, []
    for pair in _NAME_PAIR_RE.finditer(text):
        first, surname = pair.group(1), pair.group(2)
        if not (first.istitle() and surname.istitle()) or ctx.covered(pair.start(1)) or ctx.covered(pair.start(2)):
            continue
        found = _person_memo(ctx, first, surname)
        if found is None:
            continue
        concept_id, use = found
        segment = ctx.document.segment(pair.start())
        if segment is not None and segment.source is not None and concept_id not in _source_names(ctx, segment.source):
            continue  # in a translation, only a person its source names (as `_with_evidence` asks of near misses)
        end = pair.start(2) + len(surname)
        message = (f"'{text[pair.start() : end]}' looks like the name of concept '{concept_id}' transliterated "
                   f"otherwise; in {language_name(ctx.lang)} write {quote_list(use)}")  # fmt: skip
        out.append(ctx.finding(rule, pair.start(), end, message, concept_id, None, use, (use[0], False)))
    return out


def _person_memo(ctx: Context, first: str, surname: str) -> tuple[str, tuple[str, ...]] | None:
    """`_person_of`, decided once per distinct pair of words and language."""
    assert ctx.index is not None
    key = ("person-spelt", first, surname, ctx.lang, ctx.resources.words)
    return ctx.index.memo(key, partial(_person_of, ctx, first, surname))


def _person_of(ctx: Context, first: str, surname: str) -> tuple[str, tuple[str, ...]] | None:
    """The one person (concept id, and the text's language's full names) whose name `first surname` is
    written otherwise (`_person_spelt_otherwise`), or None."""
    from rapidfuzz.distance import Levenshtein

    assert ctx.index is not None
    index = ctx.index
    people = index.typos.people_by_sound(skeleton(surname, ctx.lang))
    if not people or ordinary_word(ctx, surname):
        return None
    word = first.casefold()
    exact = [c for c in people if word in _first_names(index.concepts[c])]  # "Serge", a French word too
    mine = exact or ([] if ordinary_word(ctx, first) else [
        c for c in people
        if any(Levenshtein.distance(word, f, score_cutoff=FIRST_NAME_EDITS) <= FIRST_NAME_EDITS
               for f in _first_names(index.concepts[c]))])  # fmt: skip
    if len(mine) != 1:
        return None
    concept = index.concepts[mine[0]]
    use = tuple(t.text for t in concept.preferred(ctx.lang, "fullForm") if " " in t.text)
    if not use or _own_name_as_written(concept, ctx.lang, (first, surname)):
        return None
    return concept.id, use


def _first_names(concept: Concept) -> set[str]:
    """The first words of a person's names in every language, folded (alexander, aleksandr, александр)."""
    return {t.text.split()[0].casefold() for terms in concept.terms.values() for t in terms if " " in t.text}


def _one_word_off(ctx: Context, rule: RuleInfo) -> tuple[list[Finding], set[int]]:
    """Names of three words or more written another way (`_variant`): one word wrong, a small word swapped
    ("Organização do Tratado da Segurança Coletiva") or one edit or two off ("Charta der Vereinigten
    Nationen"), an article inserted ("Organización del Tratado de la Seguridad Colectiva"), or other
    capitals ("Organisation du Traité de Sécurité Collective", at info level: a house style as often as
    not): the other words leave no doubt which name is meant."""
    assert ctx.index is not None
    doc = ctx.document
    out: list[Finding] = []
    taken: set[int] = set()  # where the words a finding took start
    free_from = 0
    for first in _name_starts(ctx, 0, len(doc.text)):
        hit = _variant_at(ctx, first) if first.start >= free_from else None
        if hit is None:
            continue
        entry, toks, kind, wrong = hit
        if ctx.covered(first.start) and any(m.start <= first.start and m.end >= toks[-1].end for m in ctx.matches):
            continue  # a name found as it is (the longer one: "collective security" is no cover) needs no more
        out.append(_variant_finding(ctx, rule, entry, toks, kind, wrong))
        taken.update(t.start for t in toks)
        free_from = toks[-1].end
    return out, taken


def _name_starts(ctx: Context, start: int, end: int) -> list[Token]:
    """The words of [start, end) that may begin a name of MIN_WORDS_FOR_ONE_OFF words or more."""
    assert ctx.index is not None
    index, doc = ctx.index, ctx.document

    def starts_name(word: str) -> bool:
        return any(len(e.words) >= MIN_WORDS_FOR_ONE_OFF for e in index.first_entries(word))

    if start == 0 and end >= len(doc.text):  # the whole text: each distinct word asked once
        starting = {word for word in doc.words if starts_name(word)}
        return doc.tokens_of(starting) if starting else []
    found = WORD_RE.finditer(doc.text, start, end)
    return [Token(m.group(), m.start(), m.end()) for m in found if starts_name(m.group())]


def _variant_at(ctx: Context, first: Token) -> tuple[Entry, list[Token], str, int] | None:
    """The first name `first` begins written another way (`_variant`), with the words it takes."""
    assert ctx.index is not None
    entries = ctx.index.first_entries(first.text)
    want = max(len(e.words) for e in entries) + 1  # one word more: an inserted article
    text = ctx.document.text
    toks = [Token(m.group(), m.start(), m.end()) for m in islice(WORD_RE.finditer(text, first.start), want)]
    for entry in entries:
        found = _variant(ctx, entry, toks)
        if found is not None:
            taken, kind, wrong = found
            return entry, toks[:taken], kind, wrong
    return None


def _variant_finding(ctx: Context, rule: RuleInfo, entry: Entry, toks: list[Token], kind: str, wrong: int) -> Finding:
    assert ctx.index is not None
    concept = ctx.index.concepts[entry.term.concept_id]
    use = tuple(t.text for t in concept.preferred(ctx.lang, entry.term.type)) or (entry.term.text,)
    start, end = toks[0].start, toks[-1].end
    text = ctx.document.slice(start, end)
    how = {
        "word": f"with one word wrong ('{toks[wrong].text}' for '{entry.words[wrong]}'; ",
        "article": f"with an article put in ('{toks[wrong].text}'; ",
        "case": "with other capitals (",
    }[kind]
    message = (f"'{text}' looks like '{entry.term.text}' {how}concept '{concept.id}'); in "
               f"{language_name(ctx.lang)} write '{use[0]}'")  # fmt: skip
    found = ctx.finding(rule, start, end, message, concept.id, None, use, (use[0], False), near=entry.term.text,
                        near_language=entry.term.lang, kind=kind)  # fmt: skip
    return replace(found, severity=Severity.INFO) if kind == "case" else found


def _variant(ctx: Context, entry: Entry, toks: list[Token]) -> tuple[int, str, int] | None:
    """Whether the words `toks` (from the word that may start the name on) are the entry's written
    another way: how many words they take, how ("word": one word wrong, not the first; "article": an
    article put in; "case": only other capitals) and where the wrong or added word is. The separators
    must be the entry's own; other capitals may come with the one change."""
    n = len(entry.words)
    if n < MIN_WORDS_FOR_ONE_OFF or entry.lead or entry.trail:
        return None
    text, lang = ctx.document.text, entry.term.lang.split("-", 1)[0]
    k, change, where, recased = 1, "", 0, False
    for j in range(1, n):
        if k >= len(toks):
            return None
        sep = text[toks[k - 1].end : toks[k].start]
        if not sep_allowed(sep) or norm_sep(sep) != entry.seps[j - 1]:
            return None
        word = toks[k].text
        if not change and word.casefold() in ARTICLES.get(lang, ()) and k + 1 < len(toks):
            after = toks[k + 1].text
            hop = text[toks[k].end : toks[k + 1].start]
            if _same_word(entry, j, after) is not None and _same_word(entry, j, word) is None and hop in _HOPS:
                change, where, k, word = "article", k, k + 1, after
        same = _same_word(entry, j, word)
        if same is None:
            if change or not _one_word_wrong(ctx, entry, j, word):
                return None
            change, where = "word", k
        recased = recased or (same is False and not house_style_acronym(word, entry.words[j], ctx.lang))
        k += 1
    if not change and not (recased and _english_capitals(ctx, entry, toks[:k])):
        return None
    return k, change or "case", where


def _english_capitals(ctx: Context, entry: Entry, toks: list[Token]) -> bool:
    """Whether a name of the text's own language, written with only its capitals changed, has them in
    the English style: every word but the small ones capitalised ("Organisation du Traité de Sécurité
    Collective"). Other capitals ("Organisation du Traité de sécurité collective") are a newsroom's
    style, and so is title case in Italian (`TITLE_CASE_ACRONYMS` "all"): neither is reported."""
    lang = entry.term.lang.split("-", 1)[0]
    if lang != ctx.lang.split("-", 1)[0] or TITLE_CASE_ACRONYMS.get(lang) == "all":
        return False
    small = SMALL_WORDS.get(lang, frozenset()) | ARTICLES.get(lang, frozenset())
    return all(t.text[:1].isupper() for t in toks if t.text.casefold() not in small)


_HOPS = frozenset({" ", "'", "’"})  # between an inserted article and the next word: a space, or an elision


def _same_word(entry: Entry, j: int, word: str) -> bool | None:
    """True where `word` is word j of the entry as the term writes it (inflected), False where only its
    capitals differ, None where it is another word."""
    folded = word.casefold()
    if GlossaryIndex.word_matches(entry, j, word, folded):
        return True
    cased = entry.case_stems[j]
    if len(cased) > len(word) or not folded.startswith(cased.casefold()):
        return None
    return False if GlossaryIndex.word_matches(entry, j, cased + word[len(cased) :], folded) else None


def _one_word_wrong(ctx: Context, entry: Entry, j: int, word: str) -> bool:
    """Whether `word`, in place of word j of the entry, is a slip: a small word for another (a bare
    preposition for the name's contraction too: "Comunidade de Estados Independentes" for "dos Estados"),
    or a word of four letters or more, with the same first letter, one or two edits off (one edit that
    makes an ordinary word is a spelling variant: Colectiva, Vertrages)."""
    folded, target = word.casefold(), entry.folded[j]
    if _spelling_of_the_language(word, entry.words[j], ctx.lang):
        return False  # "Organisation de coopération de Shanghaï", "os secretários-gerais da ONU"
    small = SMALL_WORDS.get(entry.term.lang.split("-", 1)[0], frozenset())
    if target in small or folded in small:
        return target in small and folded in small
    if len(folded) < 4 or len(target) < 4 or folded[0] != target[0]:
        return False
    from rapidfuzz.distance import DamerauLevenshtein

    distance = DamerauLevenshtein.distance(folded, target, score_cutoff=3)
    if distance == 1:
        words = ctx.resources.words(ctx.lang)
        if words is not None and is_word(folded, ctx.lang, words):
            return False
    return distance <= 2


def slipped(ctx: Context, start: int, end: int) -> Counter[str]:
    """How many words of [start, end) name each concept through a near miss that term-typo looks at (a
    misspelt word, a name written another way): missing-term counts these as the concept, which this
    rule reports. Lenient, as missing-term's other counts are: it costs a miss, never a false alarm."""
    assert ctx.index is not None
    text = ctx.document.text
    counts: Counter[str] = Counter()
    for m in WORD_RE.finditer(text, start, end):
        cands = _near_miss(ctx.index, m.group(), ctx.lang, ctx.resources.words)
        counts.update({c.entry.term.concept_id for c in cands})
    for first in _name_starts(ctx, start, end):
        hit = _variant_at(ctx, first)
        if hit is not None and hit[1][-1].end <= end:
            counts[hit[0].term.concept_id] += 1
    for pair in _NAME_PAIR_RE.finditer(text, start, end):
        first_name, surname = pair.group(1), pair.group(2)
        if first_name.istitle() and surname.istitle() and pair.start(2) + len(surname) <= end:
            found = _person_memo(ctx, first_name, surname)
            if found is not None:
                counts[found[0]] += 1  # one name, as a name written another way counts above
    return counts


def _reported_inside(ctx: Context, concept_id: str, start: int, end: int) -> bool:
    """Whether a foreign or deprecated rendering of the concept inside [start, end) is reported by its own
    rule ("Kasym-Zhomart Tokáyev": the Spanish surname), so that the name is not reported twice."""
    return any(
        m.concept.id == concept_id and m.verdict in (FOREIGN, DEPRECATED) and not m.gloss
        and m.start < end and m.end > start
        for m in ctx.matches
    )  # fmt: skip


def _finding(
    ctx: Context, rule: RuleInfo, toks: list[Token], i: int, cands: tuple[Candidate, ...]
) -> tuple[Finding, int] | None:
    """The finding for the candidate that explains the most text (a full name before a surname), the
    nearest, and of those the term of the text's own language, then the English one (the message names
    the term it is near: "Lukachenko" in Portuguese is near the Portuguese Lukashenko, not the German
    Lukaschenko), and where it ends."""

    def rank(lang: str) -> int:
        return 0 if same_language(lang, ctx.lang) else 1 if same_language(lang, "en") else 2

    fitting = [(window, cand) for cand in cands if (window := _window(ctx, toks, i, cand)) is not None]
    fitting.sort(key=lambda wc: (wc[0][0] - wc[0][1], wc[1].distance, rank(wc[1].entry.term.lang)))
    for window, cand in fitting:
        start, end = toks[window[0]].start, toks[window[1]].end
        term = cand.entry.term
        concept = ctx.index.concepts[term.concept_id] if ctx.index else None
        if concept is None:
            continue
        use = tuple(t.text for t in concept.preferred(ctx.lang, term.type))
        if not use or _reported_inside(ctx, concept.id, start, end):
            continue
        text = ctx.document.slice(start, end)
        kind = cand.kind
        if kind == "case" and "ß" in text:
            kind = "eszett"  # "Rußland": the old spelling, not other capitals (casefold makes ß ss)
        why = _WHY[kind].format(d=cand.distance, s="s" * (cand.distance != 1))
        message = (f"'{text}' looks like a misspelling of '{term.text}' ({why} the {language_name(term.lang)} term, "
                   f"concept '{concept.id}'); in {language_name(ctx.lang)} write '{use[0]}'")  # fmt: skip
        if kind in ("case", "eszett", "transliteration"):
            message = (f"'{text}' is {why} '{term.text}' (the {language_name(term.lang)} term, concept "
                       f"'{concept.id}'); in {language_name(ctx.lang)} write '{use[0]}'")  # fmt: skip
        fix = (follow_case(text, term.text, use[0]), False)
        found = ctx.finding(rule, start, end, message, concept.id, None, use, fix, distance=cand.distance,
                            near=term.text, near_language=term.lang, kind=cand.kind)  # fmt: skip
        return found, end
    return None
