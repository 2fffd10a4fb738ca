"""Precision on real text: the default rules on two real sets nobody here wrote. Prints figures; asserts nothing.

python bench/precision.py                          # the catalogues (in the repo) and, if rebuilt, the news
python bench/precision.py --news DIR               # the news texts rebuilt from bench/corpora/news/sources.tsv
python bench/precision.py --news2 DIR              # the second set, from bench/corpora/news2/sources.tsv
python bench/precision.py --catalogues DIR ...     # other PO catalogues (Django's, as an independent check)

News: every finding is looked up in bench/corpora/news/annotations.tsv (judged by hand: true or false);
precision per rule, false alarms per 10,000 words, and any finding not judged yet. Catalogues: text with
nothing to do with the term base, so every finding is counted as a false alarm, per 1,000 translated
strings and per 10,000 words.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "bench" / "corpora"
WORD_RE = re.compile(r"[^\W\d_]+")


def lint(paths: list[str], *args: str) -> dict:  # type: ignore[type-arg]
    out = subprocess.run([sys.executable, "-m", "termcheck", "lint", *paths, "--format", "json", "-q", "--exit-zero",
                          "--no-cache", *args], capture_output=True, text=True, check=False, cwd=ROOT)  # fmt: skip
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def words(text: str) -> int:
    return len(WORD_RE.findall(text))


def news(folder: Path) -> None:
    """The development set (<lang>/ folders) and, if rebuilt, the held-out set (heldout/<lang>/)."""
    news_set(folder, folder, "news")
    if (folder / "heldout").is_dir():
        news_set(folder, folder / "heldout", "held-out news")


def news2(folder: Path) -> None:
    """The second set (dev/<lang>/, heldout/<lang>/), judged in bench/corpora/news2/annotations.tsv."""
    table = CORPORA / "news2" / "annotations.tsv"
    news_set(folder, folder / "dev", "news2", table, "dev/")
    if (folder / "heldout").is_dir():
        news_set(folder, folder / "heldout", "held-out news2", table, "heldout/")


def news_set(root: Path, folder: Path, title: str, table: Path | None = None, prefix: str | None = None) -> None:
    annotations = {}
    with open(table or CORPORA / "news" / "annotations.tsv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            annotations[(row["file"], int(row["line"]), int(row["column"]), row["rule"])] = row["verdict"]
    total_words = 0
    verdicts: dict[str, Counter[str]] = {}
    for lang_dir in sorted(p for p in folder.iterdir() if p.is_dir() and p.name != "heldout"):
        files = sorted(lang_dir.glob("*.txt"))
        if not files:
            continue  # an empty language folder (a text not rebuilt)
        total_words += sum(words(p.read_text(encoding="utf-8")) for p in files)
        for f in lint([str(p) for p in files], "--lang", lang_dir.name)["findings"]:
            key = (Path(f["path"]).relative_to(root).as_posix(), f["line"], f["column"], f["rule"])
            verdict = annotations.get(key, "unjudged")
            verdicts.setdefault(f["rule"], Counter())[verdict] += 1
            if verdict == "unjudged":
                print(f"  not judged yet: {key} {f['text']!r}: {f['message']}")
    texts = len([p for p in folder.glob("*/*.txt") if "heldout" not in p.parts[len(folder.parts) :]])
    print(f"{title}: {texts} texts, {total_words} words")
    print(f"  {'rule':<24} {'findings':>8} {'true':>5} {'false':>6} {'precision':>9} {'false / 10k words':>18}")
    for rule, counts in sorted(verdicts.items()):
        judged = counts["true"] + counts["false"]
        precision = f"{counts['true'] / judged:.2f}" if judged else "-"
        rate = counts["false"] * 10_000 / max(total_words, 1)
        found = sum(counts.values())
        print(f"  {rule:<24} {found:>8} {counts['true']:>5} {counts['false']:>6} {precision:>9} {rate:>18.2f}")
    if prefix is not None:
        mine = [k for k in annotations if k[0].startswith(prefix)]
    else:
        mine = [
            k
            for k in annotations
            if (root / k[0]).is_relative_to(folder) and (title == "held-out news") == k[0].startswith("heldout/")
        ]
    missing = [k for k in mine if k[3] not in verdicts or not (root / k[0]).exists()]
    if missing:
        print(f"  {len(missing)} judged finding(s) no longer reported or not rebuilt (a recall change to look at)")


def catalogues(paths: list[Path]) -> None:
    files = [p for path in paths for p in ([path] if path.is_file() else sorted(path.rglob("*.po")))]
    strings = total_words = 0
    for path in files:
        from termcheck.sources.po import parse

        for entry in parse(path.read_text(encoding="utf-8")):
            text = entry.get("msgstr") or entry.get("msgstr[0]") or ""
            if entry.get("msgid") and text and not entry.obsolete and "fuzzy" not in entry.flags:
                strings += 1
                total_words += words(text)
    found = lint([str(p) for p in files])["findings"]
    print(f"catalogues: {len(files)} files, {strings} translated strings, {total_words} words")
    by_rule = Counter(f["rule"] for f in found)
    for rule, count in sorted(by_rule.items()):
        print(f"  {rule:<24} {count:>4} findings: {count * 1000 / max(strings, 1):.2f} per 1,000 strings, "
              f"{count * 10_000 / max(total_words, 1):.2f} per 10,000 words")  # fmt: skip
    for f in found:
        print(f"    {f['path']}:{f['line']}: {f['rule']} {f['text']!r}")
    if not found:
        print("  no findings")


def main() -> None:
    sys.path.insert(0, str(ROOT))
    parser = argparse.ArgumentParser()
    parser.add_argument("--news", type=Path, default=CORPORA / "news" / "texts")
    parser.add_argument("--news2", type=Path, help="the second news set, rebuilt (bench/corpora/news2/README.md)")
    parser.add_argument("--catalogues", type=Path, nargs="*", default=[CORPORA / "catalogues"])
    args = parser.parse_args()
    catalogues(args.catalogues)
    if args.news.is_dir():
        news(args.news)
    else:
        print(f"news: {args.news} not found; rebuild it from bench/corpora/news/sources.tsv (see its README)")
    if args.news2 is not None:
        news2(args.news2)


if __name__ == "__main__":
    main()
