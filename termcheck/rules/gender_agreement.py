"""A determiner before a term that disagrees with the term's grammatical gender.

## What it does
In Portuguese, Spanish, French and Italian (and German where the article is unambiguous) checks the
article, contraction or demonstrative right before a term against the grammatical gender the term
base gives the concept (or the term) in the text's language: Portuguese "o CSTO" and "do CSTO" when
the organisation is feminine (a OTSC, da OTSC).

## Why is this bad?
A wrong article is a visible error and often the trace of a name carried over from another language
with the gender of a different word.

## Example
In a Portuguese text, with the concept feminine in Portuguese: `o alto potencial do CSTO` is flagged
at `do`; write `da`. German: `des OVKS` is flagged (die OVKS, der OVKS); `der OVKS` never is, since
`der` is also feminine genitive and dative.

## Fix safety
Unsafe: the suggestion swaps the determiner for its counterpart of the other gender; check the
sentence, since a preposition may look like an article (Portuguese "a").

## Options
Genders come from the term base: `gender` on the concept, per language, or on a term.
"""

from __future__ import annotations

from ..engine import Context, RuleInfo, TermMatch
from ..findings import Finding, Severity
from ..glossary.model import language_name
from ..text.tokenize import HYPHENS

CODE = "TC105"
NAME = "gender-agreement"
SEVERITY = Severity.WARNING
ENABLED = True
FIX = "unsafe"
SUMMARY = "a determiner before a term that disagrees with the term's grammatical gender"

M, F, N = "masculine", "feminine", "neuter"


def _table(pairs: str, skip: tuple[str, ...] = ()) -> dict[str, tuple[str, str]]:
    """'o|a, do|da' → {o: (masculine, a), a: (feminine, o), ...}: each single word, its gender and
    its counterpart of the other gender (which may be two words: Spanish del → de la)."""
    out: dict[str, tuple[str, str]] = {}
    for pair in pairs.split(","):
        masc, fem = (s.strip() for s in pair.split("|"))
        for word, gender, other in ((masc, M, fem), (fem, F, masc)):
            if " " not in word and word not in skip:
                out.setdefault(word, (gender, other))
    return out


DETERMINERS: dict[str, dict[str, tuple[str, str]]] = {
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
    "fr": _table("le|la, un|une, ce|cette, du|de la, au|à la"),
    "it": _table(
        "il|la, lo|la, del|della, dello|della, al|alla, allo|alla, nel|nella, dal|dalla, sul|sulla, "
        "un|una, uno|una, questo|questa, quel|quella"
    ),
}

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


_LONGEST = 40  # no determiner is longer


def _determiner(ctx: Context, start: int) -> tuple[int, int, str] | None:
    """The word right before the word at `start`, if only a space separates them."""
    text = ctx.document.text
    if start < 2 or text[start - 1] not in (" ", "\u00a0") or not text[start - 2].isalnum():
        return None
    end = begin = start - 1
    while begin > 0 and text[begin - 1].isalnum():
        begin -= 1
        if end - begin > _LONGEST:
            return None  # no determiner is that long
    return begin, end, text[begin:end]


def _compound_modifier(text: str, end: int) -> bool:
    return end + 1 < len(text) and text[end] in HYPHENS and text[end + 1].isalnum()


def _gender(m: TermMatch) -> str | None:
    own = m.term.gender if m.term.lang == m.concept.lang_key(m.lang) else None
    return own or m.concept.gender_for(m.lang)


def check(ctx: Context, rule: RuleInfo) -> list[Finding]:
    out = []
    for m in ctx.matches:
        lang = m.lang.split("-", 1)[0]
        gender = _gender(m)
        if m.gloss or gender is None or (lang not in DETERMINERS and lang != "de"):
            continue
        if _compound_modifier(ctx.document.text, m.end) or _german_adjective(ctx, m):
            continue  # "ein OVKS-Koordinierungsstaat": the article goes with the compound's head
        found = _determiner(ctx, m.word_start)
        if found is None:
            continue
        start, end, word = found
        lower = word.lower()
        fix = _disagreement(lang, lower, gender)
        if fix is None:
            continue
        if word[0].isupper():
            fix = fix[0].upper() + fix[1:]
        term_text = ctx.document.slice(m.start, m.end)
        message = (
            f"'{word}' does not agree with '{term_text}': concept '{m.concept.id}' is {gender} in "
            f"{language_name(m.lang)}; write '{fix}'"
        )
        out.append(ctx.finding(rule, start, end, message, m.concept.id, m.lang, (fix,), (fix, False)))
    return out


def determiner_disagrees(ctx: Context, m: TermMatch) -> bool:
    """Whether the determiner before a term disagrees with the gender the term (or its replacement)
    has in the text's language: replacing the term alone would leave "o OTSC"."""
    lang = m.lang.split("-", 1)[0]
    gender = m.concept.gender_for(m.lang)
    preferred = m.concept.preferred(m.lang, m.term.type)
    if preferred and preferred[0].gender:
        gender = preferred[0].gender
    if gender is None or (lang not in DETERMINERS and lang != "de") or _compound_modifier(ctx.document.text, m.end):
        return False
    if _german_adjective(ctx, m):
        return False
    found = _determiner(ctx, m.word_start)
    return found is not None and _disagreement(lang, found[2].lower(), gender) is not None


def _german_adjective(ctx: Context, m: TermMatch) -> bool:
    """A German place name with -er is its adjective, whose article goes with the noun after it:
    "zur Genfer Konvention", "eine Wiener Firma" (Genf, Wien are neuter)."""
    if not m.lang.startswith("de") or m.term.case == "ignore":
        return False
    last = ctx.document.slice(m.start, m.end).split()[-1].casefold()
    own = m.term.text.split()[-1].casefold()
    return last != own and last.endswith(("er", "ern"))


def _disagreement(lang: str, word: str, gender: str) -> str | None:
    """The determiner to write instead of `word`, or None when `word` agrees (or cannot tell)."""
    if lang == "de":
        wrong, fixes = GERMAN_WRONG.get(word, (set(), {}))
        return fixes.get(gender) if gender in wrong else None
    entry = DETERMINERS[lang].get(word)
    if entry is None or gender == N:
        return None
    det_gender, counterpart = entry
    return counterpart if det_gender != gender else None
