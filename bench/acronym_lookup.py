"""term-typo's acronym look-up against term-base size (issue 25: no per-word step may cost more as the
term base grows). Prints microseconds per distinct all-capitals word, for the shipped term base and for
the shipped one plus N made-up acronym concepts:

    python bench/acronym_lookup.py --extra 0 2000 10000 --words 20000
"""

from __future__ import annotations

import argparse
import random
import string
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from termcheck.glossary.cache import load_index
from termcheck.glossary.entries import Entry
from termcheck.glossary.files import builtin_dir
from termcheck.glossary.index import GlossaryIndex
from termcheck.glossary.load import load
from termcheck.glossary.typos import ADJACENT


def _acronyms(index: GlossaryIndex, length: int) -> list[Entry]:
    """The term base's acronyms of a length, decoded (as term-typo listed them before 2026-12-07)."""
    return [index.entry(n) for n in index.store.meta["acronyms"].get(str(length), ())]


def _scan(index: GlossaryIndex, word: str) -> int:
    """The look-up this replaced (to 2026-12-07): every acronym of the word's length, and of one less,
    compared with the word. Returns the number of candidates."""
    found = 0
    for entry in _acronyms(index, len(word) - 1):
        target = entry.words[0]
        found += any(word[i] == word[i + 1] and word[:i] + word[i + 1 :] == target for i in range(len(word) - 1))
    for entry in _acronyms(index, len(word)):
        target = entry.words[0]
        diff = [i for i, (a, b) in enumerate(zip(word, target, strict=True)) if a != b]
        swapped = (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and (word[diff[0]], word[diff[1]]) == (target[diff[1]], target[diff[0]])
        )
        slipped = len(diff) == 1 and target[diff[0]].lower() in ADJACENT.get(word[diff[0]].lower(), ())
        found += swapped or slipped
    return found


def _term_base(folder: Path, extra: int, rng: random.Random, taken: set[str]) -> list[str]:
    """The shipped term base and `extra` concepts, each an English acronym of 3-5 capitals none has."""
    made: list[str] = []
    seen = set(taken)
    while len(made) < extra:
        word = "".join(rng.choice(string.ascii_uppercase) for _ in range(rng.randint(3, 5)))
        if word not in seen:
            seen.add(word)
            made.append(word)
    lines = ["version: 1", "concepts:"]
    for n, word in enumerate(made):
        lines += [f"- id: made-{n}", "  terms:", f"    en: [{{term: {word}, type: acronym}}]"]
    (folder / "made.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return made


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--extra", type=int, nargs="+", default=[0, 2000, 10000])
    parser.add_argument("--words", type=int, default=20000)
    args = parser.parse_args()
    rng = random.Random(25)
    words = sorted({"".join(rng.choice("ABCDEFGHIKLMNOPRSTUVXZ") for _ in range(rng.randint(4, 6)))
                    for _ in range(args.words)})  # fmt: skip
    print(f"{len(words)} distinct all-capitals words of 4-6 letters")
    taken = {t.text.upper() for c in load(["builtin"])[0].concepts for ts in c.terms.values() for t in ts}
    print("| extra concepts | acronyms of 4-6 letters | µs per word (hashes, today) | µs per word (the scan before) |")
    print("|---:|---:|---:|---:|")
    for extra in args.extra:
        with tempfile.TemporaryDirectory() as tmp:
            _term_base(Path(tmp), extra, rng, taken)
            loaded = load_index([str(builtin_dir()), tmp], use_cache=False)
            assert not isinstance(loaded, list), loaded[:3]
            typos = loaded[1].typos
            count = sum(len(_acronyms(loaded[1], n)) for n in range(4, 7))
            for word in words[:50]:  # the look-up tables are made on first use, once per length
                typos.acronym(word)
            start = time.perf_counter()
            for word in words:
                typos.acronym(word)
            took = time.perf_counter() - start
            start = time.perf_counter()
            for word in words:
                _scan(loaded[1], word)
            scanned = time.perf_counter() - start
            print(f"| {extra:,} | {count:,} | {took / len(words) * 1e6:.1f} | {scanned / len(words) * 1e6:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
