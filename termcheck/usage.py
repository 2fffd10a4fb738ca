"""Term usage: every rendering of every concept a run found, allowed or not, counted per file and
language. Counted in the worker with the findings (small tuples, never the text); the reports that
show them (`--format usage`, the HTML and Excel usage matrix) are in `reports/usage.py`."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .rules.contract import Context

# (concept, language the text is read in, the term as the term base writes it, the term's language,
# its status, the verdict in that language: preferred / admitted / deprecated / foreign / gloss, count)
Usage = tuple[str, str, str, str, str, str, int]
NOT_ALLOWED = frozenset({"deprecated", "foreign", "unknown"})


def usage_of(ctx: Context) -> list[Usage]:
    """One document's renderings, counted. A foreign rendering given as a gloss ("OVKS (englisch:
    CSTO)") is counted as a gloss, not as a slip."""
    counts: Counter[tuple[str, str, str, str, str, str]] = Counter(
        (m.concept.id, m.lang, m.term.text, m.term.lang, m.term.status.value, "gloss" if m.gloss else m.verdict)
        for m in ctx.matches
    )
    return [(*key, n) for key, n in sorted(counts.items())]
