"""A determiner before a term that disagrees with the term's grammatical gender or, in French and
Italian, with the sound the term begins with.

## What it does
In Portuguese, Spanish, French and Italian (and German where the article is unambiguous) checks the
article, contraction or demonstrative right before a term against the grammatical gender the term
base gives the concept (or the term) in the text's language: Portuguese "o CSTO" and "do CSTO" when
the organisation is feminine (a OTSC, da OTSC). In French and Italian it also checks the article's
form against the term's first sound: elided before a vowel (l'OTSC, de l'OTSC, dell'ONU, un'ONU,
cet ECOSOC), full before a consonant.

A determiner that belongs to something else is left alone: the head of a compound the term begins
("des UN-Sicherheitsrats", "der OVKS-Generalsekretär", "des OVKS- und GUS-Gipfels", "im OVKS Rahmen"),
the noun after a German place adjective ("zur Genfer Konvention"), and a foreign full name, whose
article goes with the gender its own head word has in the text's language ("das Commonwealth of
Independent States": the foreign-rendering finding on it carries the article its replacement needs), and a
longer name the term begins ("pelo Astana Times", "O Astana International Forum": the article is the
newspaper's, the forum's).
Another language's form of a name takes the gender of the text's own term spelt like it but for accents
("du Belarus" is le Bélarus, not la Biélorussie), and none where the text's own terms differ in gender.
Before a place that is no state (a city, a region) only the article's form is checked, not its gender: a city
takes an article when it names a club or a company ("O Astana qualificou-se", FC Astana), and Spanish writes el
before a region's stressed a ("en el Asia Central").

## Why is this bad?
A wrong article is a visible error and often the trace of a name carried over from another language
with the gender of a different word; "la OTSC" or "della ONU" is a slip any reader sees.

## Example
In a Portuguese text, with the concept feminine in Portuguese: `o alto potencial do CSTO` is flagged
at `do`; write `da`. German: `des OVKS` is flagged (die OVKS, der OVKS); `der OVKS` never is, since
`der` is also feminine genitive and dative. French: `la OTSC` and `le OTSC` are flagged, write
`l'OTSC`; `du OTSC` becomes `de l'OTSC`. Italian: `della ONU` becomes `dell'ONU`.

## Fix safety
Unsafe where the gender changes: the suggestion swaps the determiner for its counterpart of the other
gender; check the sentence, since a preposition may look like an article (Portuguese "a"). Safe where
only the form changes with the article's gender kept (la OTSC → l'OTSC); French "de" → "d'" is unsafe,
since "de" is also a particle of foreign names. Where a term's replacement (foreign-rendering,
deprecated-term) needs another article ("de la CSTO" → "de l'OTSC"), that fix rewrites the article too.

## Options
Genders come from the term base: `gender` on the concept, per language, or on a term. Neither h nor
y counts as a vowel (le Haut-Karabakh); Italian allows both forms before a semivowel (la Ue, l'Ue) and
before acronyms spelt from f, l, m, n, r, s, x, h (il FMI, l'FMI).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..findings import Finding, Severity
from ..glossary.model import language_name
from ..text.elision import APOSTROPHES, CONSONANT, IMPURE, VOWEL, either_form, initial_sound
from ..text.tokenize import HYPHENS, strip_accents
from ..text.wordlist import is_form
from .contract import Context, FixApplicability, RuleInfo, TermMatch

CODE = "TC105"
NAME = "gender-agreement"
SEVERITY = Severity.WARNING
ENABLED = True
FIX = FixApplicability.SOMETIMES
SUMMARY = "a determiner before a term that disagrees with the term's grammatical gender or first sound"

M, F, N = "masculine", "feminine", "neuter"

Forms = dict[tuple[str, str], str]  # (gender, first sound of the next word) → the determiner


def _table(spec: str, skip: tuple[str, ...] = ()) -> dict[str, tuple[Forms, frozenset[tuple[str, str]]]]:
    """'le|la|l'|l', du|de la|de l'|de l'' → each determiner (one or two words), its family's forms and
    the (gender, sound) pairs it is right for. A family is masculine|feminine, then the forms before a
    vowel (the same when left out); Italian masculine has a second form before an impure consonant
    (il/lo). Sounds are VOWEL or CONSONANT here: il and lo are both right before any consonant."""
    out: dict[str, tuple[Forms, frozenset[tuple[str, str]]]] = {}
    for family in spec.split(","):
        slots = [s.strip() for s in family.split("|")]
        masc, _, impure = slots[0].partition("/")
        forms = {(M, CONSONANT): masc, (M, IMPURE): impure or masc, (F, CONSONANT): slots[1],
                 (F, IMPURE): slots[1], (M, VOWEL): slots[2] if len(slots) > 2 else masc,
                 (F, VOWEL): slots[3] if len(slots) > 3 else slots[1]}  # fmt: skip
        for word in dict.fromkeys(forms.values()):
            if word not in skip:
                serves = frozenset((g, VOWEL if s == VOWEL else CONSONANT) for (g, s), w in forms.items() if w == word)
                out.setdefault(word, (forms, serves))
    return out


DETERMINERS = {
    # Portuguese "a" is left out: it is also the preposition ("a uma organização").
    "pt": _table(
        "o|a, os|as, do|da, dos|das, no|na, nos|nas, ao|à, aos|às, pelo|pela, pelos|pelas, um|uma, "
        "uns|umas, dum|duma, num|numa, este|esta, estes|estas, deste|desta, neste|nesta, esse|essa, "
        "desse|dessa, nesse|nessa, aquele|aquela, daquele|daquela, naquele|naquela",
        skip=("a",),
    ),
    "es": _table(
        "el|la, los|las, del|de la, al|a la, un|una, unos|unas, este|esta, estos|estas, ese|esa, "
        "esos|esas, aquel|aquella, aquellos|aquellas"
    ),
    "fr": _table("le|la|l'|l', du|de la|de l'|de l', au|à la|à l'|à l', ce|cette|cet|cette, un|une, de|de|d'|d'"),
    "it": _table(
        "il/lo|la|l'|l', del/dello|della|dell'|dell', al/allo|alla|all'|all', nel/nello|nella|nell'|nell', "
        "dal/dallo|dalla|dall'|dall', sul/sullo|sulla|sull'|sull', un/uno|una|un|un', "
        "quel/quello|quella|quell'|quell', questo|questa"
    ),
}
_PARTICLES = ("de", "d'")  # French "de" is also a particle of foreign names (Universidad de Almaty): unsafe

# German: only articles that cannot be right for the gender (der/den are left out: der is also
# feminine genitive and dative, den is plural dative). Word → genders it can never go with.
GERMAN_WRONG = {
    "das": ({M, F}, {M: "der", F: "die"}),
    "dem": ({F}, {F: "der"}),
    "des": ({F}, {F: "der"}),
    "ein": ({F}, {F: "eine"}),
    "eines": ({F}, {F: "einer"}),
    "einem": ({F}, {F: "einer"}),
    "im": ({F}, {F: "in der"}),
    "vom": ({F}, {F: "von der"}),
    "zum": ({F}, {F: "zur"}),
    "am": ({F}, {F: "an der"}),
    "zur": ({M, N}, {M: "zum", N: "zum"}),
    "eine": ({M, N}, {M: "ein", N: "ein"}),
}


@dataclass(frozen=True, slots=True)
class Article:
    """A determiner right before a term: where it begins, how it is written (with the apostrophe that
    glues an elided one to the term: "l'", "dell'") and what to write instead (None: it is right)."""

    start: int
    written: str
    want: str | None
    gender_changes: bool

    @property
    def elides(self) -> bool:
        """Whether the article is or becomes elided, so that a fix rewrites it with the term."""
        return self.written[-1:] in APOSTROPHES or (self.want or "").endswith("'")

    def form(self, apostrophe: str) -> str:
        """The determiner as wanted, in the case and with the apostrophe of the text."""
        want = (self.want or self.written).replace("'", apostrophe)
        return want[:1].upper() + want[1:] if self.written[:1].isupper() else want

    def rewrite(self, term: str, apostrophe: str) -> str:
        """The determiner as wanted joined to `term`: "l'OTSC", "de la OTSC", "die Gemeinschaft"."""
        want = self.form(apostrophe)
        return want + term if want.endswith(apostrophe) else f"{want} {term}"


_LONGEST = 40  # no determiner is longer


def _word_before(text: str, end: int) -> int | None:
    """Where the word ending at `end` begins (None: no word there, or one too long to be a determiner)."""
    begin = end
    while begin > 0 and text[begin - 1].isalnum():
        begin -= 1
        if end - begin > _LONGEST:
            return None
    return begin if begin < end else None


def _candidates(text: str, start: int) -> list[tuple[int, str]]:
    """The determiners the word at `start` may have right before it, longest first, as (begin, written):
    the word before and one space ("la OTSC") or an apostrophe ("l'OTSC", "dell'ONU"), with the word
    before that too ("de la OTSC", "de l'OTSC")."""
    if start < 2 or not text[start - 2].isalnum() or text[start - 1] not in APOSTROPHES + " \u00a0":
        return []
    begin = _word_before(text, start - 1)
    if begin is None:
        return []
    out = [(begin, text[begin:start].rstrip(" \u00a0"))]
    if begin >= 2 and text[begin - 1] == " " and text[begin - 2].isalpha():
        first = _word_before(text, begin - 1)
        if first is not None and begin - 1 - first <= 2:  # de, à, a
            out.insert(0, (first, text[first:start].rstrip(" \u00a0")))
    return out


def _key(written: str) -> str:
    return written.lower().replace("\u00a0", " ").replace("\u2019", "'").replace("\u02bc", "'")


def _want(lang: str, key: str, gender: str | None, sound: str | None, either: bool) -> tuple[str | None, bool] | None:
    """(the form to write instead of the determiner `key` before a word of `gender` that begins with
    `sound` (None: `key` is right; `either`: both the elided and the full form are), whether the gender
    changes), or None when `key` is no determiner this language's tables know."""
    if lang == "de":
        if key not in GERMAN_WRONG:
            return None
        wrong, fixes = GERMAN_WRONG[key]
        return (fixes[gender], True) if gender in wrong else (None, False)
    if key not in DETERMINERS[lang]:
        return None
    forms, serves = DETERMINERS[lang][key]
    gender = None if gender == N else gender
    coarse = None if sound is None or either else (VOWEL if sound == VOWEL else CONSONANT)
    if any((gender is None or g == gender) and (coarse is None or s == coarse) for g, s in serves):
        return None, False
    own = {g for g, _s in serves}
    if sound is None:  # the gender is wrong: keep the form's own sound
        sounds = {s for _g, s in serves}
        sound = next(iter(sounds)) if len(sounds) == 1 else CONSONANT
    wants = {forms[(g, sound)] for g in ((gender,) if gender else own)}
    if len(wants) > 1:
        return None, False  # "l'" before a consonant, and the term's gender unknown: cannot tell
    return wants.pop(), gender is not None and gender not in own


def _lang(m: TermMatch) -> str | None:
    lang = m.lang.split("-", 1)[0].lower()
    return lang if lang in DETERMINERS or lang == "de" else None


_COMPOUND_MARKS = "+"  # written between a term and the hyphen of its compound ("SOZ+-Format", "CIS+-Gipfel")


def _heads_elsewhere(ctx: Context, m: TermMatch, lang: str) -> bool:
    """Whether the determiner before the term goes with another word: the head of a compound the term
    begins ("OVKS-Generalsekretär", "OVKS–Gipfel", "OVKS- und GUS-Gipfel", "SOZ+-Format", German "OVKS
    Rahmen") or the noun after a German place adjective ("Genfer Konvention")."""
    text, end = ctx.document.text, m.end
    while end < len(text) and text[end] in _COMPOUND_MARKS:
        end += 1  # a mark glued to the term before the hyphen: "des SOZ+-Formats"
    after, next_ = text[end : end + 1], text[end + 1 : end + 2]
    if after and after in HYPHENS and next_ in (" ", ","):
        return True  # a compound's first part, its head to come: "des OVKS- und GUS-Gipfels"
    if after and after in HYPHENS + "\u2013" and next_.isalnum():
        return True
    if lang == "de" and after == " " and next_.isupper():
        return True  # an open compound: "im OVKS Rahmen", "des UN Sicherheitsrats"
    return lang == "de" and _german_adjective(ctx, m)


def _article(ctx: Context, m: TermMatch, term: str, gender: str | None) -> Article | None:
    """The determiner before the term (None: none this rule judges) and what `term`, of `gender`,
    needs it to be."""
    lang = _lang(m)
    if lang is None or (gender is None and lang == "de") or _heads_elsewhere(ctx, m, lang):
        return None
    sound, either = initial_sound(lang, term), either_form(lang, term)
    for begin, written in _candidates(ctx.document.text, m.word_start):
        judged = _want(lang, _key(written), gender, sound, either)
        if judged is not None:
            return Article(begin, written, *judged)
    return None


def _gender(m: TermMatch) -> str | None:
    """The gender of the term as written: its own, or for another language's form the gender of the text's
    language's term spelt that way but for accents ("du Belarus" is le Bélarus, not la Biélorussie); else
    the concept's, unless the text's language's terms have genders of their own that differ."""
    if m.term.lang == m.concept.lang_key(m.lang) and m.term.gender:
        return m.term.gender
    own = m.concept.terms_for(m.lang)
    plain = strip_accents(m.term.text.casefold())
    for t in own:
        if t.gender and strip_accents(t.text.casefold()) == plain:
            return t.gender
    if m.term.lang != m.concept.lang_key(m.lang) and len({t.gender for t in own if t.gender}) > 1:
        return None  # a foreign form of a name whose renderings differ in gender: which one it stands for is unknown
    return m.concept.gender_for(m.lang)


def _foreign_name(m: TermMatch) -> bool:
    """A foreign full name (not an acronym): its article goes with the gender its own head word has in
    the text's language (das Commonwealth of Independent States), which the term base does not give."""
    return m.term.lang != m.concept.lang_key(m.lang) and m.term.type != "acronym" and " " in m.term.text


_NEXT_WORD_RE = re.compile(r" ([^\W\d_][^\W\d_]+)\b")


def _heads_a_foreign_name(ctx: Context, m: TermMatch) -> bool:
    """A term followed by a capitalised word that is no word of any term, or an English word that is no word
    of the text's language, begins a longer name, whose article goes with that name's head ("pelo Astana
    Times" is the newspaper's, "O Astana International Forum" the forum's; "della Armenia Nikol Pashinyan" is
    still Armenia's: Nikol is a term's word)."""
    after = _NEXT_WORD_RE.match(ctx.document.text, m.end)
    if after is None or not after.group(1)[0].isupper() or after.group(1).isupper():
        return False
    word, lang = after.group(1).lower(), ctx.lang.split("-", 1)[0]
    if ctx.index is not None and not ctx.index.typos.is_term_word(word):
        return True
    words, english = ctx.resources.words(lang), ctx.resources.words("en")
    return words is not None and english is not None and word in english and not is_form(word, lang, words)


def _judged(ctx: Context, m: TermMatch) -> Article | None:
    """The determiner before a term as written, where it is wrong for it."""
    if m.gloss or _foreign_name(m):
        return None
    # The sound is still the term's (l'Astana Times); the gender is not judged where the article may belong to a
    # longer name, nor before a place that is no state: a city takes an article when it names a club, a team or
    # a company ("O Astana qualificou-se", FC Astana), and the gender of a city's name is the press's guess.
    place = m.concept.domain == "places" and m.concept.territory is None
    gender = None if place or _heads_a_foreign_name(ctx, m) else _gender(m)
    article = _article(ctx, m, ctx.document.slice(m.word_start, m.end), gender)
    return article if article is not None and article.want is not None else None


def apostrophe_of(text: str) -> str:
    """The apostrophe a text elides with: the typographic one where it uses that more often."""
    return "\u2019" if text.count("\u2019") > text.count("'") else "'"


def check(ctx: Context, rule: RuleInfo) -> list[Finding]:
    out = []
    apostrophe: str | None = None
    for m in ctx.matches:
        article = _judged(ctx, m)
        if article is None:
            continue
        apostrophe = apostrophe or apostrophe_of(ctx.document.text)
        term_text = ctx.document.slice(m.word_start, m.end)
        end = m.end if article.elides else article.start + len(article.written)  # l'OTSC: one piece
        fix = article.rewrite(term_text, apostrophe) if article.elides else article.form(apostrophe)
        shown, gender = ctx.document.slice(article.start, end), _gender(m)
        if article.gender_changes:
            message = (f"'{article.written}' does not agree with '{term_text}': concept '{m.concept.id}' is "
                       f"{gender} in {language_name(m.lang)}; write '{fix}'")  # fmt: skip
        else:
            before = "a vowel" if initial_sound(m.lang, term_text) == VOWEL else "a consonant"
            message = f"'{shown}': before {before} {language_name(m.lang)} writes '{fix}'"
        safe = not article.gender_changes and _key(article.written) not in _PARTICLES
        out.append(ctx.finding(rule, article.start, end, message, m.concept.id, m.lang, (fix,), (fix, safe)))
    return out


def determiner_disagrees(ctx: Context, m: TermMatch) -> bool:
    """Whether the determiner before a term is wrong for the term as written (this rule reports it):
    replacing the term alone would leave it wrong ("o CSTO" → "o OTSC")."""
    return _judged(ctx, m) is not None


def determiner_for(ctx: Context, m: TermMatch, replacement: str) -> tuple[int, str, bool] | None:
    """Where replacing a term by `replacement` needs another determiner before it, which is right for
    the term as written ("de la CSTO" → "de l'OTSC", "das Commonwealth of Independent States" → "die
    Gemeinschaft Unabhängiger Staaten"): (where the fix starts, its text from the determiner on, whether
    only the determiner's form changes, not its gender). None when the determiner needs no change."""
    if m.gloss or _judged(ctx, m) is not None:
        return None
    own = (t.gender for t in m.concept.terms_for(m.lang) if t.text.casefold() == replacement.casefold())
    gender = next((g for g in own if g), None)
    article = _article(ctx, m, replacement, gender or m.concept.gender_for(m.lang))
    if article is None or article.want is None:
        return None
    fix = article.rewrite(replacement, apostrophe_of(ctx.document.text))
    return article.start, fix, not article.gender_changes and _key(article.written) not in _PARTICLES


def article_unknown(ctx: Context, m: TermMatch, replacement: str) -> bool:
    """Whether a determiner stands before the term and the term base gives no gender for `replacement` in
    the text's language, so that nobody can tell whether the determiner still fits it: Brazilian usage
    writes Belarus without one, so "da Bielo-Rússia" is not safely "da Belarus"."""
    lang = _lang(m)
    if lang is None or lang == "de" or m.gloss:
        return False
    own = (t.gender for t in m.concept.terms_for(m.lang) if t.text.casefold() == replacement.casefold())
    if next((g for g in own if g), None) or m.concept.gender_for(m.lang):
        return False
    return any(_key(written) in DETERMINERS[lang] for _begin, written in _candidates(ctx.document.text, m.word_start))


def _german_adjective(ctx: Context, m: TermMatch) -> bool:
    """A German place name with -er is its adjective, whose article goes with the noun after it:
    "zur Genfer Konvention", "eine Wiener Firma" (Genf, Wien are neuter)."""
    if m.term.case == "ignore":
        return False
    last = ctx.document.slice(m.start, m.end).split()[-1].casefold()
    own = m.term.text.split()[-1].casefold()
    return last != own and last.endswith(("er", "ern"))
