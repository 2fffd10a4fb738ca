"""Split the round-2 news texts into dev (60 %) and held-out (40 %) sets by a fixed rule. Writes files; prints counts.

python bench/corpora/round2/build_news.py RAW_DIR OUT_DIR

RAW_DIR holds one file per language (``<lang>.txt``): blocks that start with a line
``=== <lang>|<publisher>|<address>|<date>`` followed by the article's text as published (kept outside the
repository: see README.md). Each article goes to OUT_DIR/dev/<lang>/NN-<publisher>.txt or
OUT_DIR/heldout/<lang>/NN-<publisher>.txt, NN being its order within its language. The split is fixed by the
address alone: an article is held out when the first byte of the SHA-256 of its address is 154 or more
(154/256 = 0.60). sources.tsv beside this script lists every article (file, language, address, set, publisher, date).
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
HELD_OUT_FROM = 154  # first SHA-256 byte of the address at or above which an article is held out


def split_set(address: str) -> str:
    return "heldout" if hashlib.sha256(address.encode("utf-8")).digest()[0] >= HELD_OUT_FROM else "dev"


def main() -> None:
    raw, out = Path(sys.argv[1]), Path(sys.argv[2])
    rows = ["file\tlanguage\taddress\tset\tpublisher\tdate"]
    counts: dict[tuple[str, str], int] = {}
    for source in sorted(raw.glob("*.txt")):
        number: dict[str, int] = {}
        for block in source.read_text(encoding="utf-8").split("=== ")[1:]:
            header, _, text = block.partition("\n")
            lang, publisher, address, date = header.split("|")
            number[lang] = number.get(lang, 0) + 1
            which = split_set(address)
            rel = f"{which}/{lang}/{number[lang]:02d}-{publisher}.txt"
            (out / rel).parent.mkdir(parents=True, exist_ok=True)
            (out / rel).write_text(text.strip() + "\n", encoding="utf-8")
            rows.append(f"{rel}\t{lang}\t{address}\t{'held-out' if which == 'heldout' else 'dev'}\t{publisher}\t{date}")
            counts[(lang, which)] = counts.get((lang, which), 0) + 1
    (HERE / "sources.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    for (lang, which), n in sorted(counts.items()):
        print(f"{lang} {which}: {n}")


if __name__ == "__main__":
    main()
