"""A word mixing scripts, or a stray word in the other script.

## What it does
Reports a word that mixes Latin and Cyrillic letters, which is almost always a homoglyph slip
(ОДКБ typed with a Latin O, CSTO with a Cyrillic С), with the fix that restores one script: the
script of most of the word's letters, or the text's on a tie. A whole word in the other script is not
reported: a Latin brand, abbreviation or quoted title in a Russian text is normal, and a term of the
other script is a foreign rendering, a near miss of one a term typo.

## Why is this bad?
A homoglyph makes a term invisible to search, sorting, spell checking and every term check, while it
looks right on screen.

## Example
`ОДКБ` whose first letter is the Latin O is reported; the fix writes the Cyrillic О. A lone `Telegram`
or `JSON` in a Russian text is not, nor a Latin word with a Russian case ending ("Pythonу придётся…",
informal declension) where the Latin part is an English word, a term's word or a word the text has
alone elsewhere, and the whole word read in Latin letters is no English word (`Telegrам` is a slip).

## Fix safety
Safe for a mixed word whose every foreign letter has a look-alike in the target script.

## Options
None.
"""

from __future__ import annotations

import re

from ..findings import Finding, Severity
from ..text.scripts import CYRILLIC, LATIN, restore, scripts, text_script
from .contract import Context, FixApplicability, RuleInfo

CODE = "TC202"
NAME = "mixed-script"
SEVERITY = Severity.WARNING
ENABLED = True
FIX = FixApplicability.SOMETIMES
SUMMARY = "a word mixing Latin and Cyrillic letters (a homoglyph slip)"

_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
_LATIN_RE = re.compile(r"[A-Za-z\u00c0-\u024f]")


def check(ctx: Context, rule: RuleInfo) -> list[Finding]:
    doc = ctx.document
    home = text_script(ctx.lang)
    if not (_CYRILLIC_RE.search(doc.text) and _LATIN_RE.search(doc.text)):
        return []  # one script only: nothing can mix
    mixed = {word for word in doc.words if len(scripts(word)) == 2 and not _declined_foreign_word(ctx, word, home)}
    out = []
    for tok in doc.tokens_of(mixed):
        found = scripts(tok.text)
        if not any(a <= tok.start < b for a, b in doc.skip_spans):
            out.append(_mixed(ctx, rule, tok.start, tok.end, tok.text, found, home))
    return out


# Case endings Russian writers put on a foreign word left in Latin letters (Pythonу, iPhoneа, Dockerом).
_RUSSIAN_ENDINGS = frozenset(
    ("а", "у", "е", "ы", "и", "ю", "я", "ом", "ем", "ой", "ей", "ым", "ов", "ев", "ам", "ям", "ами", "ями", "ах", "ях")
)
_LATIN_THEN_CYRILLIC = re.compile(r"([A-Za-z\u00c0-\u024f]{2,})([\u0400-\u04ff]+)")


def _declined_foreign_word(ctx: Context, word: str, home: str) -> bool:
    """A Latin word with a Russian case ending in a Cyrillic text ("Pythonу придётся…"): informal
    declension of a foreign word, not a homoglyph slip. The Latin part is a word the text has alone
    elsewhere, a word of English (the language such words come from) or a term's word, and the whole
    word with the ending's letters read as Latin is no English word ("Telegrам" is Telegram, slipped)."""
    split = _LATIN_THEN_CYRILLIC.fullmatch(word)
    if home != CYRILLIC or split is None or split.group(2) not in _RUSSIAN_ENDINGS:
        return False
    latin = split.group(1)
    english = ctx.resources.words("en")
    known = latin in ctx.document.words or (english is not None and latin.lower() in english)
    if not known and (ctx.index is None or not ctx.index.typos.is_term_word(latin.casefold())):
        return False
    whole = restore(word, LATIN)
    return whole is None or english is None or whole.lower() not in english


def _mixed(ctx: Context, rule: RuleInfo, start: int, end: int, word: str, found: dict[str, int], home: str) -> Finding:
    target = max(found, key=lambda s: (found[s], s == home))
    other = LATIN if target == CYRILLIC else CYRILLIC
    fixed = restore(word, target)
    strays = "".join(dict.fromkeys(c for c in word if c.isalpha() and scripts(c).get(other)))
    message = f"'{word}' mixes {other} letters ({strays}) into a {target} word"
    concept = None
    if fixed is not None:
        message += f"; write '{fixed}'"
        if ctx.index is not None:
            entries = ctx.index.first_entries(fixed)
            if entries:
                concept = entries[0].term.concept_id
                message += f" (a term of concept '{concept}')"
    return ctx.finding(
        rule, start, end, message, concept, None, (fixed,) if fixed else (), (fixed, True) if fixed else None
    )
