"""How well term typos are caught: inject realistic slips into the term occurrences of the seeds,
run the linter, and print recall per kind of slip. Prints figures; asserts nothing.

    python bench/quality.py [--seed N]

Kinds (the patterns public typo corpora show): a keyboard-adjacent substitution, a transposition of
neighbouring letters, an omission, a doubled letter, a Latin/Cyrillic homoglyph, a case slip. Each
valid term occurrence of each seed (in the seed's language) gets one slip in its longest word; one
copy of the seed per kind. A slip counts as caught when a term-typo or mixed-script finding covers
it. A slip that turns the word into an ordinary word of the language cannot be told from it and is
counted apart. Last, the number of term-typo and mixed-script findings on the untouched seeds.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from termcheck.config import Config  # noqa: E402
from termcheck.glossary.index import GlossaryIndex  # noqa: E402
from termcheck.glossary.load import load  # noqa: E402
from termcheck.glossary.typos import ADJACENT  # noqa: E402
from termcheck.pipeline import Settings, lint_text  # noqa: E402
from termcheck.rules import lookup  # noqa: E402
from termcheck.rules.contract import ADMITTED, PREFERRED  # noqa: E402
from termcheck.rules.reading import match_document  # noqa: E402
from termcheck.sources.document import Document  # noqa: E402
from termcheck.text.scripts import CYRILLIC_TO_LATIN, LATIN_TO_CYRILLIC  # noqa: E402
from termcheck.text.wordlist import is_word, known_words  # noqa: E402

LANGS = {"000": "pt", "001": "pt", "002": "en", "003": "de", "004": "de"}
KINDS = ("adjacent-key", "transposition", "omission", "doubling", "homoglyph", "case")


def mutate(word: str, kind: str, rng: random.Random) -> str | None:
    """One slip of the given kind in `word`, or None when the word allows none."""
    positions = list(range(len(word)))
    rng.shuffle(positions)
    for i in positions:
        ch = word[i]
        if kind == "adjacent-key" and ch.lower() in ADJACENT:
            near = sorted(ADJACENT[ch.lower()] - {ch.lower()})
            if near:
                new = rng.choice(near)
                return word[:i] + (new.upper() if ch.isupper() else new) + word[i + 1 :]
        elif kind == "transposition" and i + 1 < len(word) and word[i] != word[i + 1]:
            return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        elif kind == "omission" and len(word) > 3:
            return word[:i] + word[i + 1 :]
        elif kind == "doubling":
            return word[:i] + ch + word[i:]
        elif kind == "homoglyph" and (ch in LATIN_TO_CYRILLIC or ch in CYRILLIC_TO_LATIN):
            return word[:i] + (LATIN_TO_CYRILLIC.get(ch) or CYRILLIC_TO_LATIN[ch]) + word[i + 1 :]
        elif kind == "case" and ch.isalpha():
            if word.isupper() and len(word) > 1:
                return word[:i] + ch.lower() + word[i + 1 :] if i else word[0] + word[1:].lower()
            if i == 0:
                return ch.swapcase() + word[1:]
    return None


def occurrences(index: GlossaryIndex, text: str, lang: str) -> list[tuple[int, int, bool]]:
    """(start, end, case matters) of the longest word of each valid term occurrence."""
    ctx = match_document(Document("<seed>", text, lang), index)
    toks = ctx.document.tokens
    out = []
    for m in ctx.matches:
        if m.verdict in (PREFERRED, ADMITTED) and not m.term.quoted:
            word = max((t for t in toks if m.start <= t.start < m.end), key=lambda t: len(t.text))
            out.append((word.start, word.end, m.term.case != "ignore"))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    index = GlossaryIndex(load()[0])
    # Slips of foreign renderings (another spelling, other capitals) are foreign-rendering findings with a "near".
    settings = Settings(Config(), tuple(lookup("term-typo") + lookup("mixed-script") + lookup("foreign-rendering")))
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    stats: dict[str, Counter[str]] = {kind: Counter() for kind in KINDS}
    missed: dict[str, list[str]] = {kind: [] for kind in KINDS}
    untouched = Counter[str]()
    for seed in seeds:
        lang = LANGS[seed.name[:3]]
        text = seed.read_text(encoding="utf-8")
        untouched.update(f.rule for f in lint_text(seed.name, text, lang, settings, index)
                         if f.rule != "foreign-rendering" or "near" in dict(f.extra))  # fmt: skip
        spans = occurrences(index, text, lang)
        words = known_words(lang) or frozenset[str]()
        for kind in KINDS:
            pieces, pos, injected = [], 0, []
            for start, end, case_matters in spans:
                if kind == "case" and not case_matters:
                    continue  # a term matched in any case has no case slips
                new = mutate(text[start:end], kind, rng)
                if new is None or new == text[start:end]:
                    continue
                pieces.append(text[pos:start])
                offset = sum(len(p) for p in pieces)
                pieces.append(new)
                injected.append((offset, offset + len(new), new, end - start))
                pos = end
            pieces.append(text[pos:])
            mutated = "".join(pieces)
            findings = lint_text(seed.name, mutated, lang, settings, index)
            covered = [(f.span.start, f.span.end) for f in findings
                       if f.rule != "foreign-rendering" or "near" in dict(f.extra)]  # fmt: skip
            still_valid = [(m.start, m.end) for m in match_document(Document("<m>", mutated, lang), index).matches
                           if m.verdict in (PREFERRED, ADMITTED)]  # fmt: skip
            for start, end, new, length in injected:
                group = "5+" if length >= 5 else "short"
                if kind != "homoglyph" and kind != "case" and is_word(new.lower(), lang, words):
                    stats[kind]["an ordinary word"] += 1
                    continue
                if any(a <= start and end <= b for a, b in still_valid):
                    stats[kind]["an ordinary word"] += 1  # another valid rendering (Kollektive, an admitted form)
                    continue
                stats[kind][f"injected {group}"] += 1
                if any(a <= start and end <= b for a, b in covered):
                    stats[kind][f"caught {group}"] += 1
                else:
                    missed[kind].append(new)
    print(f"{'kind':<14} {'5+ letters':>16} {'shorter':>16} {'became valid':>14}")
    for kind in KINDS:
        s = stats[kind]
        cells = []
        for group in ("5+", "short"):
            n, caught = s[f"injected {group}"], s[f"caught {group}"]
            cells.append(f"{caught}/{n} = {caught / n:.2f}" if n else "-")
        print(f"{kind:<14} {cells[0]:>16} {cells[1]:>16} {s['an ordinary word']:>14}")
        if missed[kind]:
            shown = sorted(set(missed[kind]))[: int(os.environ.get("MISSED", "12"))]
            print(f"{'':14} missed: {', '.join(shown)}")
    print(
        f"findings on the untouched seeds: term-typo {untouched['term-typo']}, mixed-script {untouched['mixed-script']}"
    )


if __name__ == "__main__":
    main()
