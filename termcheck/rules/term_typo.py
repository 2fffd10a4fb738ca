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
Zas in English (terms), Minsk and Mins, SOS, GUT and UNDO (ordinary words), names not in the term base,
and the near misses no writer makes: a name misspelt *and* in lower case (`allow` is not Aslow), another
first letter with the rest as written (Tatar is not Qatar), a word of an unknown name (Pham Minh Chinh
is not China), a capital a sentence or list item gives (`Russo` alone in a menu; "Indica que…", a form
of indicar, is not India), a homograph's lower-case word (china, катара) and a surname beside a first
name (Carlo Russo).

## Fix safety
Unsafe: a word near a term may be another name; the fix writes the suggested rendering.

## Options
Ordinary words come from the word lists of pyspellchecker per language; the term base's own words
count as known words.
"""

from __future__ import annotations

from collections.abc import Callable, Container
from functools import lru_cache
from itertools import islice

from ..engine import Context, RuleInfo
from ..findings import Finding, Severity
from ..glossary.index import Entry, GlossaryIndex
from ..glossary.model import language_name
from ..glossary.typos import Candidate, TypoIndex
from ..text.scripts import scripts
from ..text.tokenize import WORD_RE, Token, norm_sep, sentence_start, sep_allowed
from ..text.wordlist import is_word
from ._common import derived_word, follow_case
from .foreign_rendering import foreign_spelling

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
    if len(word) < 3 or not typos.within_reach(word) or not word.isalpha() or len(scripts(word)) > 1:
        return ()  # a word far longer than any term is no slip, and the word lists are not asked about it
    if not word.isupper():
        # Most words of a text are ordinary words, which can only be a name of their own language in the
        # wrong case (moskau): asked first, the near misses of the whole term base are never looked up.
        listed = words_of(lang)
        if listed is not None and is_word(word.lower(), lang, listed):
            return _own_case_slips(typos, word, lang)
    cands = tuple(c for c in _candidates(typos, word, lang) if not _unlikely_slip(word, c))
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
    if is_word(lower, lang, words):
        # An ordinary word of the text's language is no slip ("uno" is not the German UNO), except a
        # name of its own language in the wrong case (moskau): the lists, all in lower case, know it.
        return tuple(c for c in own if c.kind == "case")
    spelling = [c for c in cands if c not in own and c.kind in ("typo", "context", "case")]
    if spelling and not word.isupper() and _near_a_word(lower, lang, words):
        # A word one edit from an ordinary word ("armênios", "kazakhe") is a form of that word, not a
        # misspelling of another language's term (its transliteration variants still count).
        return tuple(c for c in cands if c not in spelling)
    return cands


# Words that come before a place's name used as a noun in Romance languages ("a Armênia", "em Armênia");
# the same word in lower case after anything else is the adjective ("a capital armênia").
def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


NOUN_MARKERS: dict[str, frozenset[str]] = {
    "pt": _word_set("a o as os da do das dos na no nas nos à ao pela pelo em de para com sem sobre entre e"),
    "es": _word_set("la el las los del al en de para con sin sobre entre y a"),
    "fr": _word_set("la le les l du des au aux en de à pour avec sans sur entre et"),
    "it": _word_set("la il lo le gli i della del dello delle degli dei nella nel in di a da per con su tra e"),
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
    return words is not None and _near_a_word(tok.text.lower(), ctx.lang, words)


def _unlikely_slip(word: str, c: Candidate) -> bool:
    """Near misses no writer makes: a homograph's lower-case word in any form (катара: catarrh); a name
    misspelt *and* written in lower case (allow is not the German Aslow); another first letter, the rest
    as written (Tatar is not Qatar, финский not Минск: one sees a word's first letter)."""
    if not word.islower():
        term_word = c.entry.words[c.position].casefold()
        return c.kind == "typo" and word[0].casefold() != term_word[0] and _same_after_first(word, term_word)
    if c.kind == "case":
        return c.entry.term.homograph
    written = c.entry.words[c.position]
    if c.kind in ("typo", "context") and written[:1].isupper():
        return True
    term_word = written.casefold()
    return c.kind == "typo" and word[0] != term_word[0] and _same_after_first(word, term_word)


def _same_after_first(word: str, term_word: str) -> bool:
    rest, own = word[1:].casefold(), term_word[1:]
    return rest.startswith(own) and len(rest) - len(own) <= 3


def _own_case_slips(typos: TypoIndex, word: str, lang: str) -> tuple[Candidate, ...]:
    """An ordinary word's only near misses: its own language's names that it is in another case."""
    primary = lang.split("-", 1)[0]
    own = []
    for c in typos.case_slip(word, lang):
        if c.entry.term.lang.split("-", 1)[0] != primary or _unlikely_slip(word, c):
            continue  # china is porcelain, turkey a bird: a name the term base knows to be an ordinary word
        if not derived_word(word, c, primary, typos.names_in(c.entry.term.concept_id, lang)):
            own.append(c)
    return tuple(own)


_ALPHABETS = {
    "latin": "abcdefghijklmnopqrstuvwxyzáàâãäåçéèêëíìîïñóòôõöúùûüýÿßœæ",
    "cyrillic": "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґў",
}


def _near_a_word(word: str, lang: str, words: Container[str]) -> bool:
    """Whether one edit (a letter dropped, swapped, changed or added) makes `word` an ordinary word."""
    letters = _ALPHABETS["cyrillic" if any("\u0400" <= ch <= "\u04ff" for ch in word) else "latin"]
    n = len(word)
    for i in range(n + 1):
        head, tail = word[:i], word[i:]
        if i < n and len(word) > 3 and is_word(head + tail[1:], lang, words):
            return True
        if i < n - 1 and is_word(head + tail[1] + tail[0] + tail[2:], lang, words):
            return True
        for ch in letters:
            if (i < n and ch != tail[0] and is_word(head + ch + tail[1:], lang, words)) or is_word(
                head + ch + tail, lang, words
            ):
                return True
    return False


def check(ctx: Context, rule: RuleInfo) -> list[Finding]:
    if ctx.index is None or ctx.lang == "und":
        return []
    typos = ctx.index.typos
    doc = ctx.document
    out, taken = _one_word_off(ctx, rule)
    near = {word for word in doc.words if _near_miss(typos, word, ctx.lang, ctx.resources.words)}
    if not near:
        return out
    claimed = -1  # where the previous finding ends: a window is reported once
    for tok in doc.tokens_of(near):
        if tok.start < claimed or ctx.covered(tok.start) or tok.start in taken:
            continue
        cands = _near_miss(typos, tok.text, ctx.lang, ctx.resources.words)
        if not cands or any(a <= tok.start < b for a, b in doc.skip_spans):
            continue
        toks, i = _around(doc.text, tok, max(len(c.entry.words) for c in cands))
        if _adjective_use(toks, i, cands, ctx.lang) or _inside_a_name(ctx, toks, i, cands):
            continue
        if _capital_of_a_sentence(doc.text, tok.start, cands) or _word_at_a_sentence_start(ctx, tok, cands):
            continue
        if foreign_spelling(ctx, tok.text) is not None:
            continue  # another spelling of a foreign rendering: foreign-rendering reports it
        found = _finding(ctx, rule, toks, i, cands)
        if found is not None:
            out.append(found[0])
            claimed = found[1]
    return out


def _inside_a_name(ctx: Context, toks: list[Token], i: int, cands: tuple[Candidate, ...]) -> bool:
    """A capitalised word beside another capitalised word that is no term's is part of a name the term
    base does not know ("Pham Minh Chinh" is not a slip of China): where only one-word terms fit, and
    not in German, whose nouns all have capitals."""
    assert ctx.index is not None
    text, typos = ctx.document.text, ctx.index.typos
    if ctx.lang.split("-", 1)[0] == "de" or not toks[i].text[:1].isupper():
        return False
    fitting = [c for c in cands if len(c.entry.words) == 1 or _window(ctx, toks, i, c) is not None]
    # A lower-case term (an adjective: russo) written with a capital beside a name is a surname (Carlo Russo).
    lower_term = [c for c in fitting if c.kind == "case" and c.entry.term.text.islower()]
    if any(len(c.entry.words) > 1 or (c.kind not in ("typo", "context") and c not in lower_term) for c in fitting):
        return False
    for j in (i - 1, i + 1):
        if not 0 <= j < len(toks):
            continue
        a, b = (toks[j], toks[i]) if j < i else (toks[i], toks[j])
        other = toks[j].text
        beside = text[a.end : b.start] == " " and other[:1].isupper() and not other.isupper()
        if beside and not typos.is_term_word(other.casefold()):
            return True
    return False


_REACH = 400  # characters looked at before a word for the words of a name it may end


def _around(text: str, tok: Token, words: int) -> tuple[list[Token], int]:
    """The words around `tok` (up to `words` - 1 on each side) as tokens, and tok's place among them:
    read off the text there, so no list of all the text's words is needed."""
    lo = max(0, tok.start - _REACH)
    while 0 < lo < tok.start and text[lo - 1].isalnum():
        lo += 1  # never start inside a word
    before = [Token(m.group(), m.start(), m.end()) for m in WORD_RE.finditer(text, lo, tok.start)]
    before = before[-words:] if words > 1 else before[-1:]  # one word before, for the adjective test
    after = [Token(m.group(), m.start(), m.end()) for m in islice(WORD_RE.finditer(text, tok.start), words)]
    return before + after, len(before)


MIN_WORDS_FOR_ONE_OFF = 3
BARE_PREPOSITIONS = {
    "de": frozenset({"da", "do", "das", "dos", "del", "du", "des"}),
    "di": frozenset({"del", "della", "dello", "dei", "delle", "degli"}),
}


def _one_word_off(ctx: Context, rule: RuleInfo) -> tuple[list[Finding], set[int]]:
    """Names of three words or more with all words right but one, which is a small word swapped
    ("Organização do Tratado da Segurança Coletiva") or a word one or two edits off ("Charta der
    Vereinigten Nationen"): the other words leave no doubt which name is meant."""
    assert ctx.index is not None
    doc, index = ctx.document, ctx.index
    out: list[Finding] = []
    taken: set[int] = set()  # where the words a finding took start
    starts = {w for w in doc.words if any(len(e.words) >= MIN_WORDS_FOR_ONE_OFF for e in index.first_entries(w))}
    if not starts:
        return out, taken
    free_from = 0
    for first in doc.tokens_of(starts):
        if first.start < free_from or ctx.covered(first.start):  # a name found as it is needs no second look
            continue
        entries = index.first_entries(first.text)
        want = max(len(e.words) for e in entries)
        toks = [Token(m.group(), m.start(), m.end()) for m in islice(WORD_RE.finditer(doc.text, first.start), want)]
        hit = next((h for e in entries if (h := _off_by_one(ctx, e, toks)) is not None), None)
        if hit is None:
            continue
        entry, j = hit
        n = len(entry.words)
        concept = index.concepts[entry.term.concept_id]
        use = tuple(t.text for t in concept.preferred(ctx.lang, entry.term.type)) or (entry.term.text,)
        start, end = toks[0].start, toks[n - 1].end
        text = doc.slice(start, end)
        message = (
            f"'{text}' looks like '{entry.term.text}' with one word wrong ('{toks[j].text}' for "
            f"'{entry.words[j]}'; concept '{concept.id}'); in {language_name(ctx.lang)} write '{use[0]}'"
        )
        out.append(ctx.finding(rule, start, end, message, concept.id, None, use, (use[0], False),
                               near=entry.term.text, near_language=entry.term.lang, kind="word"))  # fmt: skip
        taken.update(t.start for t in toks[:n])
        free_from = end
    return out, taken


def _off_by_one(ctx: Context, entry: Entry, toks: list[Token]) -> tuple[Entry, int] | None:
    """The entry and the position of its one wrong word, where the words `toks` (from the word that
    may start the name on) are the entry's but for one (not the first), the separators its own."""
    text = ctx.document.text
    i = 0
    n = len(entry.words)
    if n < MIN_WORDS_FOR_ONE_OFF or i + n > len(toks) or entry.lead or entry.trail:
        return None
    wrong = []
    for j in range(1, n):
        sep = text[toks[i + j - 1].end : toks[i + j].start]
        if norm_sep(sep) != entry.seps[j - 1] or not sep_allowed(sep):
            return None
        word = toks[i + j].text
        if not GlossaryIndex.word_matches(entry, j, word, word.casefold()):
            wrong.append(j)
            if len(wrong) > 1:
                return None
    if len(wrong) != 1:
        return None
    j = wrong[0]
    word, target = toks[i + j].text.casefold(), entry.folded[j]
    if word == target:
        return None  # only its capitals differ: the case rules' business, not a wrong word
    if target in BARE_PREPOSITIONS:
        # A preposition with an article where the name has none: "Tratado da Segurança" for "Tratado de
        # Segurança". The other way round ("Comunidade de Estados" for "dos Estados") is usage, not a slip.
        return (entry, j) if word in BARE_PREPOSITIONS[target] else None
    if len(word) < 4 or len(target) < 4 or word[0] != target[0]:
        return None
    from rapidfuzz.distance import DamerauLevenshtein

    distance = DamerauLevenshtein.distance(word, target, score_cutoff=3)
    if distance == 1:
        words = ctx.resources.words(ctx.lang)
        if words is not None and is_word(word, ctx.lang, words):
            return None  # an ordinary word one letter off is a spelling variant (Colectiva, Vertrages)
    return (entry, j) if distance <= 2 else None


def _finding(
    ctx: Context, rule: RuleInfo, toks: list[Token], i: int, cands: tuple[Candidate, ...]
) -> tuple[Finding, int] | None:
    """The finding for the candidate that explains the most text (a full name before a surname), and
    where it ends."""
    fitting = [(window, cand) for cand in cands if (window := _window(ctx, toks, i, cand)) is not None]
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
        return found, end
    return None
