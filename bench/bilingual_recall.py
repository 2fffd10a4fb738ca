"""How many translations put on the wrong entry `inconsistent-translation` (TC302) finds, measured on
real catalogues: copy the translation of one entry onto another unrelated entry of the same
catalogue, lint the copy, and count whether the rule reports it. Prints figures; asserts nothing.

python bench/bilingual_recall.py [PO ...]   # default: the Sphinx catalogues in bench/corpora/catalogues

Only entries whose translation has three words or more are tried (one-word translations are out of
the rule's reach by design). The false findings of the rule on the untouched catalogues are counted
by `bench/precision.py`.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

HERE = Path(__file__).parent
TRIALS = 20  # per catalogue


def trial(path: Path, rng: random.Random, work: Path) -> tuple[int, int, list[str]]:
    catalogue = polib.pofile(str(path))
    entries = [
        e
        for e in catalogue
        if e.translated() and not e.msgid_plural and "fuzzy" not in e.flags and len(e.msgstr.split()) >= 3
    ]
    found = tried = 0
    misses = []
    for _ in range(min(TRIALS, len(entries) // 2)):
        donor, taker = rng.sample(entries, 2)
        copy = polib.pofile(str(path))
        for entry in copy:
            if entry.msgid == taker.msgid and entry.msgctxt == taker.msgctxt:
                entry.msgstr = donor.msgstr
        target = work / path.name
        copy.save(str(target))
        run = subprocess.run(
            [sys.executable, "-m", "termcheck", "lint", "--select", "inconsistent-translation", "--format", "json",
             str(target)],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        findings = json.loads(run.stdout)["findings"]
        tried += 1
        if findings:
            found += 1
        else:
            misses.append(f"{path.name}: {donor.msgid[:40]!r} onto {taker.msgid[:40]!r}")
    return found, tried, misses


def main(argv: list[str]) -> None:
    paths = [Path(a) for a in argv] or sorted((HERE / "corpora" / "catalogues").glob("*.po"))
    rng = random.Random(1)
    found = tried = 0
    with tempfile.TemporaryDirectory() as tmp:
        for path in paths:
            f, t, misses = trial(path, rng, Path(tmp))
            found, tried = found + f, tried + t
            print(f"{path.name:24} {f:3} of {t:3} found")
            for miss in misses:
                print(f"    missed {miss}")
    print(f"total {found} of {tried} translations on the wrong entry found ({found / max(tried, 1):.0%})")


if __name__ == "__main__":
    main(sys.argv[1:])
