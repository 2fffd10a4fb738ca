"""The same word twice in a row.

## What it does
Flags a word repeated with only white space between ("como como"), in any case, and suggests the
single word. The legitimate doublings of each language are left alone: German "die die", "das das",
"der der"; English "had had", "that that"; French "nous nous", "vous vous"; Portuguese "que que"
is not one of them.

## Why is this bad?
A doubled word is almost always an editing slip (a phrase cut and pasted, a line rejoined), and one
that spell checkers do not see.

## Example
In a Portuguese text: `bem como como demonstrar` is flagged; write `bem como demonstrar`.

## Fix safety
Safe: deleting the second word changes nothing else. Numbers are never reported.

## Options
None.
"""

from __future__ import annotations

import re

from ..engine import Context, RuleInfo
from ..findings import Finding, Severity

CODE = "TC106"
NAME = "doubled-word"
SEVERITY = Severity.WARNING
ENABLED = True
FIX = "safe"
SUMMARY = "the same word twice in a row"

LEGITIMATE: dict[str, frozenset[str]] = {
    "de": frozenset(["die", "der", "das", "den", "dem", "des", "sie"]),
    "en": frozenset(["had", "that", "is", "do"]),
    "fr": frozenset(["nous", "vous"]),
    "es": frozenset(["nos"]),
    "pt": frozenset(),
    "ru": frozenset(["что"]),
}


# A word, white space, and the same word again (in any case): found by the regex engine in one pass,
# so only the doublings themselves reach Python. The lookahead lets "the the the" give both pairs.
_DOUBLED_RE = re.compile(r"(?<![^\W_])([^\W_]+)(?=(\s+)(\1)(?![^\W_]))", re.IGNORECASE)


def check(ctx: Context, rule: RuleInfo) -> list[Finding]:
    doc = ctx.document
    legit = LEGITIMATE.get(ctx.lang.split("-", 1)[0], frozenset())
    out = []
    for m in _DOUBLED_RE.finditer(doc.text):
        first, sep, second = m.group(1), m.group(2), m.group(3)
        word = second.casefold()
        if word != first.casefold() or not second.isalpha() or word in legit:
            continue
        if sep.count("\n") > 1:
            continue
        if "\n" in sep and second[:1].isupper():
            continue  # a title's last word and the dateline's first ("… in Astana\nAstana, 29 November")
        message = f"'{second}' is doubled; write it once"
        out.append(ctx.finding(rule, m.start(1), m.end(3), message, None, None, (first,), (first, True)))
    return out
