"""A word mixing scripts, or a stray word in the other script.

## What it does
Reports a word that mixes Latin and Cyrillic letters, which is almost always a homoglyph slip
(ОДКБ typed with a Latin O, CSTO with a Cyrillic С), with the fix that restores one script: the
script of most of the word's letters, or the text's on a tie. Also reports a Cyrillic word inside a
Latin-script text, or a Latin word inside a Cyrillic one, that is not a term, not a name given as
foreign ("em russo: …") and not part of a longer passage in that script.

## Why is this bad?
A homoglyph makes a term invisible to search, sorting, spell checking and every term check, while it
looks right on screen.

## Example
`ОДКБ` whose first letter is the Latin O is reported; the fix writes the Cyrillic О. In a Portuguese
text, a lone `договор` is reported; a quoted Russian sentence is not.

## Fix safety
Safe for a mixed word whose every foreign letter has a look-alike in the target script; a stray word
has no fix.

## Options
None.
"""

from __future__ import annotations

import re

from ..engine import Context, RuleInfo, gloss_before
from ..findings import Finding, Severity
from ..text.scripts import CYRILLIC, LATIN, restore, scripts, text_script

CODE = "TC202"
NAME = "mixed-script"
SEVERITY = Severity.WARNING
ENABLED = True
FIX = "sometimes"
SUMMARY = "a word mixing Latin and Cyrillic letters, or a stray word in the other script"

_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
_LATIN_RE = re.compile(r"[A-Za-z\u00c0-\u024f]")
PASSAGE = 3  # this many words in a row in the other script make a passage, not a stray word


def check(ctx: Context, rule: RuleInfo) -> list[Finding]:
    doc = ctx.document
    home = text_script(ctx.lang)
    if not (_CYRILLIC_RE if home == LATIN else _LATIN_RE).search(doc.text):
        return []  # no letter of the other script anywhere: nothing to mix
    covered = {j for m in ctx.matches for j in range(m.first_token, m.last_token + 1)}
    toks = doc.tokens
    per_token = [scripts(t.text) for t in toks]
    out = []
    for i, tok in enumerate(toks):
        found = per_token[i]
        if len(found) == 2:
            out.append(_mixed(ctx, rule, tok.start, tok.end, tok.text, found, home))
        elif found and home not in found and i not in covered and not any(c.isdigit() for c in tok.text):
            if _in_passage(per_token, i, home) or gloss_before(doc.text, tok.start):
                continue
            other = CYRILLIC if home == LATIN else LATIN
            message = f"{other} word '{tok.text}' in a {home}-script text: not a term of the term base"
            out.append(ctx.finding(rule, tok.start, tok.end, message, None))
    return out


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


def _in_passage(per_token: list[dict[str, int]], i: int, home: str) -> bool:
    def other(j: int) -> bool:
        return 0 <= j < len(per_token) and bool(per_token[j]) and home not in per_token[j]

    run = 1
    j = i - 1
    while other(j):
        run, j = run + 1, j - 1
    j = i + 1
    while other(j):
        run, j = run + 1, j + 1
    return run >= PASSAGE
