"""Helpers shared by the term rules."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..findings import Finding
from ..glossary.model import language_name
from ..glossary.typos import Candidate
from ..text.tokenize import HYPHENS, strip_accents
from ..text.wordlist import is_form
from .contract import ADMITTED, FOREIGN, PREFERRED, Context, RuleInfo, TermMatch
from .gender_agreement import article_unknown, determiner_disagrees, determiner_for


def word_set(words: str) -> frozenset[str]:
    """A word list written as one string: "die der das" → {die, der, das}."""
    return frozenset(words.split())


def quote_list(items: tuple[str, ...] | list[str], joiner: str = "or") -> str:
    quoted = [f"'{s}'" for s in items]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + f" {joiner} " + quoted[-1]


def languages_of(m: TermMatch) -> str:
    """The languages whose rendering of the concept this is, in plain words ("English and German")."""
    langs = []
    for term in m.candidates:
        if term.concept_id == m.concept.id and term.text == m.term.text and term.lang not in langs:
            langs.append(term.lang)
    names = [language_name(lang) for lang in langs or [m.term.lang]]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def suggestions(m: TermMatch) -> tuple[str, ...]:
    return tuple(t.text for t in m.concept.preferred(m.lang, m.term.type))


def text_suggestions(ctx: Context) -> Callable[[TermMatch], tuple[str, ...]]:
    """`suggestions`, except where the text writes the concept with an admitted term of the same type and
    never with the preferred one: that term, so that a fix does not start a mix ("SCO Plus" becomes "OCS
    Plus" in a text that writes the admitted OCS throughout, not "OCX Plus")."""
    used: dict[tuple[str, str | None], list[str]] = {}
    preferred_used: set[str] = set()
    for m in ctx.matches:
        if m.verdict == PREFERRED:
            preferred_used.add(m.concept.id)
        elif m.verdict == ADMITTED and m.term.text not in used.setdefault((m.concept.id, m.term.type), []):
            used[(m.concept.id, m.term.type)].append(m.term.text)

    def choose(m: TermMatch) -> tuple[str, ...]:
        own = used.get((m.concept.id, m.term.type), [])
        if m.concept.id in preferred_used or len(own) != 1:
            return accented(m) or suggestions(m)
        return (own[0],)

    return choose


def ordinary_word(ctx: Context, word: str) -> bool:
    """Whether `word` is an ordinary word of the text's language in any form its word list knows (`is_form`)."""
    words = ctx.resources.words(ctx.lang)
    return words is not None and is_form(word.lower(), ctx.lang, words)


def accented(m: TermMatch) -> tuple[str, ...]:
    """The allowed term of the text's language that another language's form differs from only by accents
    ("du Belarus": the admitted French Bélarus, which keeps the article, rather than the preferred Biélorussie)."""
    if m.verdict != FOREIGN:
        return ()
    plain = strip_accents(m.term.text)
    return tuple(t.text for t in m.concept.terms_for(m.lang) if t.allowed and strip_accents(t.text) == plain)[:1]


# Romance languages: they do not decline names (a Russian case ending carried into them is a slip: "as
# palavras de Zasya") and make compound adjectives with a combining form ("russo-arménienne").
ROMANCE = frozenset({"fr", "es", "pt", "it", "ca", "ro", "gl"})
_COMBINED_RE = re.compile(f"[{re.escape(HYPHENS)}][^\\W\\d_]")


def combining_form(text: str, start: int, end: int, lang: str, ending: str = "o") -> bool:
    """Whether the lower-case word at [start, end) is the first part of a hyphenated compound adjective
    in a Romance language, in its combining form ending in `ending` ("la coopération russo-arménienne",
    "sino-russe", "kazakho-russe"): russo there is French, not the Italian or Portuguese adjective."""
    word = text[start:end]
    if lang.split("-", 1)[0] not in ROMANCE or not word.islower() or not word.endswith(ending):
        return False
    return _COMBINED_RE.match(text, end) is not None


# Languages whose press writes acronyms with one capital, as words: Italian all of them (gli Usa, l'Ue, la
# Nato); French, Portuguese, Spanish (the RAE's rule) and English (the Guardian's Nato) those read as words
# (l'Onu, a agência Belta, la agencia Belta; not l'OTSC, a TASS). Not German, whose agencies keep the capitals
# (die GUS, BelTA). A term base that wants the capitals there lists the one-capital spelling as a deprecated
# term with `case: exact`.
TITLE_CASE_ACRONYMS = {"it": "all", "fr": "read as words", "pt": "read as words", "es": "read as words",
                       "en": "read as words"}  # fmt: skip
_VOWEL_RUN = re.compile(r"[aeiouy]+")
_DOUBLED = re.compile(r"(.)\1")


def house_style_acronym(word: str, written: str, lang: str) -> bool:
    """Whether `word` is the acronym `written` (in capitals: CSTO, BelTA) in the one-capital style of the
    text's language's press (TITLE_CASE_ACRONYMS); outside Italian only an acronym read as a word:
    one with vowels, no three consonants in a row and at most one at its end, a doubled letter counting
    once (Onu, Otan, Unesco, Belta, Tass; not Otsc, Ocs)."""
    style = TITLE_CASE_ACRONYMS.get(lang.split("-", 1)[0])
    capitals = sum(ch.isupper() for ch in written)
    if style is None or capitals < 2 or " " in written or not (word[:1].isupper() and word[1:].islower()):
        return False
    if style == "all":
        return True
    consonants = _VOWEL_RUN.split(_DOUBLED.sub(r"\1", strip_accents(word.casefold())))
    return len(consonants) > 1 and all(len(run) <= 2 for run in consonants) and len(consonants[-1]) <= 1


def follow_case(found: str, term: str, replacement: str) -> str:
    """The replacement written the way the original was: ALL CAPS, or a sentence-initial capital."""
    if len(found) > 1 and found.isupper() and not term.isupper():
        return replacement.upper()
    if found[:1].isupper() and term[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def term_fix(found: str, term: str, replacements: tuple[str, ...], lang: str = "") -> tuple[str, bool] | None:
    """Replace a term occurrence: safe when it is the term exactly (no inflection) and there is one
    replacement; an inflected single word keeps its ending (Mitgliedsstaaten → Mitgliedstaaten) as an
    unsafe fix, a German genitive -s after a name ending in an s sound an apostrophe (Weißrusslands →
    Belarus'); a changed stem (Зася) gets no fix."""
    if not replacements:
        return None
    replacement = follow_case(found, term, replacements[0])
    if found.casefold() == term.casefold():
        return replacement, len(replacements) == 1
    if " " not in term and " " not in replacement and found.casefold().startswith(term.casefold()):
        ending = found[len(term) :]
        if lang.split("-", 1)[0] == "de" and ending in ("s", "es") and replacement[-1:] in ("s", "ß", "x", "z"):
            ending = "'"
        return replacement + ending, False
    return None


def term_findings(
    ctx: Context, rule: RuleInfo, verdict: str, message: Callable[[TermMatch, str, tuple[str, ...]], str],
    replacements: Callable[[TermMatch], tuple[str, ...]] | None = None,
    safe: bool | Callable[[TermMatch], bool] = True, skip: Callable[[TermMatch], bool] | None = None,
) -> list[Finding]:  # fmt: skip
    """One finding per occurrence with this verdict (glosses excepted), suggesting the replacements;
    the fix is the first replacement, never safe when `safe` is False (or says False of the match). Where
    the replacement needs another article than the term has ("de la CSTO" → "de l'OTSC"), the finding
    starts at the article and its fix rewrites both. The replacements are `text_suggestions` unless given."""
    out = []
    replacements = replacements or text_suggestions(ctx)
    for m in ctx.matches:
        if m.verdict != verdict or m.gloss or (skip is not None and skip(m)):
            continue
        others = homonyms(ctx, m)
        if others:
            told = _told_apart(ctx, m, others)
            if told is None:  # the text does not say which: one finding at info level, no fix
                out.append(_ambiguous(ctx, rule, m, others))
                continue
            m = told
        use = replacements(m)
        if not use:
            continue
        text = ctx.document.slice(m.start, m.end)
        start, fix = m.start, term_fix(text, m.term.text, use, m.lang)
        if fix is not None and article_unknown(ctx, m, fix[0]):
            fix = (fix[0], False)  # "da Bielo-Rússia" → "da Belarus"? The term base does not say Belarus takes one
        elif fix is not None and determiner_disagrees(ctx, m):
            fix = (fix[0], False)  # the article is wrong already ("o CSTO" → "a OTSC"): an editor's call
        elif fix is not None and m.start == m.word_start and (article := determiner_for(ctx, m, fix[0])):
            # The fix takes the article along ("de la CSTO" → "de l'OTSC"); not past punctuation the term begins with.
            start, replacement, same_gender = article
            fix = (replacement, fix[1] and same_gender)
        if fix is not None and not (safe(m) if callable(safe) else safe):
            fix = (fix[0], False)
        said = message(m, text, use)
        if fix is not None and text.casefold() != m.term.text.casefold() and start == m.start:
            quote = '"' if "'" in fix[0] else "'"  # the ending kept: "weißrussischen" → "belarussischen"
            said += f"; here {quote}{fix[0]}{quote}"
        out.append(ctx.finding(rule, start, m.end, said, m.concept.id, m.lang, use, fix))
    return out


def homonyms(ctx: Context, m: TermMatch) -> dict[str, tuple[str, ...]]:
    """The other concepts a match's text is equally a term of (homonyms, told apart by their notes in
    the term base), each with what it suggests in the text's language; empty for an ordinary match."""
    if ctx.index is None or len({t.concept_id for t in m.candidates}) < 2:
        return {}
    out: dict[str, tuple[str, ...]] = {}
    for t in m.candidates:
        if t.concept_id == m.concept.id or t.text != m.term.text or t.concept_id in out:
            continue
        concept = ctx.index.concepts[t.concept_id]
        out[t.concept_id] = tuple(x.text for x in concept.preferred(m.lang, t.type))
    if out:
        out[m.concept.id] = suggestions(m)
    return out


def _told_apart(ctx: Context, m: TermMatch, others: dict[str, tuple[str, ...]]) -> TermMatch | None:
    """The homonym the text itself names: the one concept of them that has an allowed term elsewhere in
    the text ("soubor" two lines down makes "file" the noun). None when the text does not say."""
    from dataclasses import replace

    attested = {o.concept.id for o in ctx.matches if o.verdict in ("preferred", "admitted") and o.concept.id in others}
    if len(attested) != 1 or ctx.index is None:
        return None
    (cid,) = attested
    concept = ctx.index.concepts[cid]
    term = next((t for t in m.candidates if t.concept_id == cid and t.text == m.term.text), m.term)
    return replace(m, concept=concept, term=term)


def _ambiguous(ctx: Context, rule: RuleInfo, m: TermMatch, others: dict[str, tuple[str, ...]]) -> Finding:
    from dataclasses import replace

    from ..findings import Severity

    text = ctx.document.slice(m.start, m.end)
    options = "; ".join(f"{cid}: {quote_list(use) if use else 'no term'}" for cid, use in sorted(others.items()))
    message = (f"'{text}' is the {language_name(m.term.lang)} rendering of {len(others)} concepts ({options}); "
               f"which one the text means, it does not say: check it in {language_name(m.lang)}")  # fmt: skip
    use = tuple(dict.fromkeys(u for _cid, found in sorted(others.items()) for u in found))
    finding = ctx.finding(rule, m.start, m.end, message, None, m.lang, use, None, homonyms=",".join(sorted(others)))
    return replace(finding, severity=Severity.INFO)


# Endings that make an adjective, a demonym or a language name of a place or people's name: Arménie →
# arménien, Armênia → armênio, Kazakhstan → kazakhe, Минск → минский, Russia → Russian.
DERIVED_ENDINGS: dict[str, tuple[str, ...]] = {
    "fr": ("ien", "ienne", "iens", "iennes", "en", "enne", "ens", "ennes", "ais", "aise", "aises", "ois", "oise",
           "oises", "ain", "aine", "ains", "aines", "e", "es", "s", "i"),
    "pt": ("o", "os", "a", "as", "ano", "anos", "ana", "anas", "ense", "enses", "ês", "esa", "eses", "esas", "eiro",
           "eira", "eiros", "eiras", "ista", "istas", "i"),
    "es": ("o", "os", "a", "as", "ano", "anos", "ana", "anas", "ense", "enses", "és", "esa", "eses", "esas", "eño",
           "eña", "eños", "eñas", "ista", "istas", "i", "ies"),  # accents off: nepalí, nepalíes
    "de": ("isch", "ische", "ischen", "ischer", "isches", "ischem", "erin", "erinnen", "i"),  # -e, -en, -er inflect
    "en": ("an", "ans", "ian", "ians", "ese", "i", "is", "ish", "ic", "n", "ns"),
    "ru": ("ский", "ская", "ское", "ские", "ского", "ской", "ских", "ским", "скими", "скому", "скую", "ском", "цы",
           "ец", "цев", "ца", "цу", "цем", "це", "цам", "цами", "цах", "ка", "ки", "ке", "ку", "кой", "ок", "кам",
           "ками", "ках", "ий", "ая", "ое", "ие", "ого", "ому", "ым", "им", "ую", "ых", "их", "ыми", "ими"),
    # the demonym declines (казахстанец, казахстанца, казахстанцем), the adjective too (минский, минскому)
    "it": ("o", "i", "a", "e", "ano", "ani", "ana", "ane", "ese", "esi", "ino", "ina", "ini", "ine"),
}  # fmt: skip


def derived_word(word: str, cand: Candidate, lang: str, names: tuple[str, ...]) -> bool:
    """Whether the word is a name's adjective or demonym rather than a slip of it: the candidate's name
    or the concept's name in the text's language (Arménie for the German Armenien), less up to its last
    four letters, with an ending the text's language makes such words with. A name in the wrong case
    (moskau) stays a slip; its lower-case adjective (минские) is none. German endings that also inflect
    nouns (-e, -en, -er) do not count."""
    if cand.kind not in ("typo", "context", "case") or not cand.entry.words[cand.position][:1].isupper():
        return False
    folded = _plain(word.casefold())
    endings = DERIVED_ENDINGS.get(lang, ())
    for name in (_plain(n) for n in (cand.entry.folded[cand.position], *names)):
        if folded == name:
            continue  # the name itself (in the wrong case, say) is no derived word
        for keep in range(len(name), max(3, len(name) - 5), -1):  # the name less its final vowels or suffix
            dropped, rest = name[keep:], folded[keep:]
            if not folded.startswith(name[:keep]) or rest not in endings:
                continue
            if dropped and _replaceable(dropped):
                return True
            # Nothing dropped: an ending of two letters or more (минск-ий), or a vowel after a final
            # consonant (Belarus → belaruso); never one consonant more, which a slip doubles (Kazakhstann).
            if not dropped and (len(rest) >= 2 or (rest in _VOWELS and name[-1:] not in _VOWELS)):
                return True
    return False


def _plain(word: str) -> str:
    """The word without its accents (Belarús and Belarus are one name for this)."""
    from ..text.tokenize import strip_accents

    return strip_accents(word)


_VOWELS = frozenset("aeiouáàâãäéèêëíìîïóòôõöúùûüаеёиоуыэюяйь")
_PLACE_SUFFIXES = ("stan", "stão", "stán", "land", "ija", "ия")


def _replaceable(tail: str) -> bool:
    """A name's end that its derived words drop: final vowels (Armêni-a → armêni-o), a place suffix
    (Kazakh-stan → kazakh-e); never a consonant a slip could have lost (Kazakhst-an → Kazakhst-n)."""
    return all(ch in _VOWELS for ch in tail) or tail in _PLACE_SUFFIXES
