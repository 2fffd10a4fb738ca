"""missing-term (TC301) on real parallel texts, judged by hand. Prints figures; asserts nothing.

python bench/missing_term.py --django DIR   # the django/ folder of an unpacked Django wheel or sdist
python bench/missing_term.py --pairs DIR    # news pairs saved from bench/corpora/bilingual/news-pairs.tsv

Catalogues: Django's own (78 PO files in six languages, real translations), checked against a term
base of the words Django's translation teams use (bench/corpora/bilingual/django-terms.yaml).
Every finding is looked up in bench/corpora/bilingual/django-annotations.tsv, judged by hand twice:
`lacks` (does the target really lack the concept, in every form the term base allows?) and `change`
(would a reviewer holding the team to the term base change the translation?). Findings nobody has
judged yet are listed.

News pairs: one story published in two languages (the seeds 002/000, and BelTA's German report of a
trip against an English and a Russian one); `termcheck compare` on each, its missing-term findings
looked up in news-annotations.tsv. The texts are not in the repository (copyright): save each
address's text under its file name in DIR.

Recall: the rule's misses are the segments where the source names a concept and the exact matcher
finds none of its renderings in the target, but the looser matcher (derived words, irregular
plurals, closed compounds) accepts something. Those acceptances are listed for judging by hand
(`--acceptances`), with the count of each kind; a wrong acceptance is a missed finding.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from termcheck.config import Config  # noqa: E402
from termcheck.glossary.index import GlossaryIndex  # noqa: E402
from termcheck.glossary.load import load  # noqa: E402
from termcheck.pipeline import Settings, lint_text  # noqa: E402
from termcheck.rules import lookup, missing_term  # noqa: E402

HERE = ROOT / "bench" / "corpora" / "bilingual"


def run(paths: list[Path], index: GlossaryIndex, loose: bool) -> list[tuple[str, object]]:
    settings = Settings(Config(), tuple(lookup("missing-term")))
    original = missing_term._loose_counts
    if not loose:
        missing_term._loose_counts = lambda ctx, text, short: Counter()  # type: ignore[assignment]
    try:
        out = []
        for path in paths:
            rel = str(path).split("/django/", 1)[-1]
            for f in lint_text(str(path), path.read_text(encoding="utf-8"), None, settings, index):
                out.append((rel, f))
        return out
    finally:
        missing_term._loose_counts = original


def pairs(folder: Path) -> None:
    files: dict[str, list[tuple[Path, str]]] = {}
    with (HERE / "news-pairs.tsv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            base = ROOT if row["file"].startswith("seeds/") else folder
            files.setdefault(row["pair"], []).append((base / row["file"], row["language"]))
    judged = {}
    with (HERE / "news-annotations.tsv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            judged[(row["pair"], row["file"], int(row["line"]), row["concept"])] = row["lacks"] == "yes"
    total = true = 0
    for pair, ((a, lang_a), (b, lang_b)) in files.items():
        if not (a.exists() and b.exists()):
            print(f"{pair}: {a.name} or {b.name} not in {folder}: skipped")
            continue
        args = ["compare", str(a), str(b), "--lang-a", lang_a, "--lang-b", lang_b, "--format", "json"]
        out = subprocess.run([sys.executable, "-m", "termcheck", *args], capture_output=True, text=True, check=False)
        report = json.loads(out.stdout)["compare"]
        found = [f for f in report["findings"] if f["rule"] == "missing-term"]
        verdicts = [judged.get((pair, Path(f["path"]).name, f["line"], f["concept"])) for f in found]
        total += len(found)
        true += sum(v is True for v in verdicts)
        print(f"{pair}: {len(report['alignment'])} paragraph pairs, {len(found)} missing-term findings, "
              f"{sum(v is True for v in verdicts)} true, {sum(v is False for v in verdicts)} false")  # fmt: skip
        for f, v in zip(found, verdicts, strict=True):
            if v is None:
                print(f"  not judged yet: {Path(f['path']).name}:{f['line']} {f['concept']}: {f['message']}")
    if total:
        print(f"news pairs: {total} findings, {true} true ({true / total:.0%})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--django", type=Path, help="the django/ folder (with conf/locale and contrib/*/locale)")
    parser.add_argument("--pairs", type=Path, help="the folder holding the news pairs' texts")
    parser.add_argument("--glossary", default=str(HERE / "django-terms.yaml"))
    parser.add_argument("--annotations", type=Path, default=HERE / "django-annotations.tsv")
    parser.add_argument("--acceptances", action="store_true", help="list what the looser matcher accepted")
    args = parser.parse_args()
    if args.pairs:
        pairs(args.pairs)
    if args.django:
        catalogues(args)
    if not (args.pairs or args.django):
        parser.error("give --django DIR, --pairs DIR or both")


def catalogues(args: argparse.Namespace) -> None:
    langs = ("de", "fr", "es", "ru", "pt", "pt_BR")
    paths = sorted(p for p in args.django.rglob("*.po") if p.parent.parent.name in langs)
    glossary, problems = load([args.glossary])
    if problems:
        sys.exit(f"{args.glossary}: {problems[0]}")
    index = GlossaryIndex(glossary)
    judged = {}
    with args.annotations.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            judged[(row["catalogue"], row["concept"], row["source"])] = row
    found = run(paths, index, loose=True)
    exact_only = run(paths, index, loose=False)
    entries = sum(1 for p in paths for line in p.read_text(encoding="utf-8").splitlines() if line.startswith("msgid "))
    size = len(glossary.concepts)
    print(f"{len(paths)} catalogues ({', '.join(langs)}), {entries} entries; term base of {size} concepts")
    print(f"missing-term findings: {len(found)} "
          f"({', '.join(f'{k} {v}' for k, v in sorted(Counter(f.severity.name.lower() for _, f in found).items()))}); "
          f"by language: {dict(sorted(Counter(f.language for _, f in found).items()))}")  # fmt: skip
    lacks = change = 0
    unjudged = []
    for rel, f in found:
        row = judged.get((rel, f.concept or "", str(dict(f.extra).get("unit", ""))[:60]))
        if row is None:
            unjudged.append(f"  {rel}:{f.span.line} {f.concept}: {f.message}")
            continue
        lacks += row["lacks"] == "yes"
        change += row["change"] == "yes"
    n = len(found) - len(unjudged)
    if n:
        print(f"judged {n}: the target lacks the concept in {lacks} ({lacks / n:.0%}: the rule's precision); "
              f"a reviewer would change the translation in {change} ({change / n:.0%})")  # fmt: skip
    if unjudged:
        print(f"{len(unjudged)} findings not judged yet:", *unjudged, sep="\n")
    key = {(rel, f.span.line, f.concept) for rel, f in found}
    accepted = [(rel, f) for rel, f in exact_only if (rel, f.span.line, f.concept) not in key]
    print(f"without the looser matcher: {len(exact_only)} findings; it accepted {len(accepted)} targets "
          f"(each a possible miss: judge them with --acceptances)")  # fmt: skip
    if args.acceptances:
        for rel, f in accepted:
            print(f"  [{f.language}] {f.concept}: {rel}:{f.span.line}: {f.text[:100]!r}")


if __name__ == "__main__":
    main()
