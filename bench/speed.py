"""termcheck as a user runs it (the CLI, a folder of ~50 KB files, --jobs 1, cache warm) against the floor: a
bare pyahocorasick scan of the same terms (case-folded, word boundaries checked in Python), in the same run.
Prints a table; asserts nothing.

python bench/speed.py                      # 10 MB, shipped and 10,000-concept term bases, one small file
python bench/speed.py --mb 2 --concepts 1000 100000 --jobs 1 2 --rss-mb 50
python bench/speed.py --keep DIR           # keep the generated corpus and term bases in DIR

The corpus: the seeds' paragraphs shuffled into ~50 KB files (one language per file), with term variants
(foreign renderings, deprecated spellings) and typos of terms put in, so findings are not rare. Term bases:
the shipped one, and the shipped one plus N made-up concepts in six languages (Latin and Cyrillic, one- to
four-word names and acronyms), written as YAML and loaded through the cache as a user's would be.
`pyahocorasick` is needed for the floor (`pip install pyahocorasick`); without it the floor is skipped.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EXACT = "foreign-rendering,deprecated-term,inconsistent-rendering,gender-agreement,doubled-word"
LANGS = {"000": "pt", "001": "pt", "002": "en", "003": "de", "004": "de"}
VARIANTS = {  # a right rendering → what writers put instead (foreign, deprecated, typo)
    "pt": [("OTSC", "CSTO"), ("OTSC", "OTCS"), ("Estados-membros", "Estados membros")],
    "de": [("OVKS", "CSTO"), ("Mitgliedstaaten", "Mitgliedsstaaten"), ("Sas", "Zas"), ("OVKS", "OKVS")],
    "en": [("CSTO", "OTSC"), ("member states", "member-states"), ("Zas", "Zass")],
}
CYRILLIC = "абвгдежзиклмнопрстуфхцчшэюя"
LATIN = "abcdefghiklmnoprstuvz"


def make_corpus(folder: Path, megabytes: float, seed: int = 1) -> int:
    """~50 KB files of the seeds' paragraphs, shuffled, with variants put in; returns the bytes written."""
    rng = random.Random(seed)
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    paras = {p.name[:3]: [x for x in p.read_text(encoding="utf-8").split("\n\n") if x.strip()] for p in seeds}
    total, n = 0, 0
    while total < megabytes * 1_000_000:
        key = rng.choice(sorted(paras))
        lang = LANGS[key]
        out: list[str] = []
        size = 0
        while size < 50_000:
            para = rng.choice(paras[key])
            if rng.random() < 0.3:
                right, wrong = rng.choice(VARIANTS[lang])
                para = para.replace(right, wrong, 1)
            out.append(para)
            size += len(para.encode()) + 2
        path = folder / lang / f"{n:05d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n\n".join(out) + "\n", encoding="utf-8")
        total += path.stat().st_size
        n += 1
    return total


def make_termbase(path: Path, n: int, seed: int = 1) -> None:
    """The shipped concepts' file is not copied: `-g builtin -g path` loads both. n made-up concepts, unique."""
    rng = random.Random(seed)
    seen: set[str] = set()

    def word(cyr: bool) -> str:
        while True:
            alphabet = CYRILLIC if cyr else LATIN
            w = "".join(rng.choice(alphabet) for _ in range(rng.randint(5, 11))).capitalize()
            if w not in seen:
                seen.add(w)
                return w

    concepts = []
    for i in range(n):
        terms = {}
        for lang in ("en", "de", "ru", "pt", "fr", "es"):
            words = [word(lang == "ru") for _ in range(rng.randint(1, 4))]
            acro = "".join(w[0] for w in words).upper() + rng.choice("XYZQ") + str(i)
            terms[lang] = [{"term": " ".join(words)}, {"term": acro, "type": "acronym", "case": "exact"}]
        concepts.append({"id": f"bench-{i}", "domain": "bench", "terms": terms})
    path.write_text(yaml.safe_dump({"version": 1, "concepts": concepts}, allow_unicode=True), encoding="utf-8")


def run(args: list[str], env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """Wall seconds and peak RSS (MB) of `termcheck ARGS` in a child of a fresh helper (so the peak is its own)."""
    helper = (
        "import resource,subprocess,sys,time,json;t=time.perf_counter();"
        "p=subprocess.run(sys.argv[1:],capture_output=True,text=True);"
        "print(json.dumps([time.perf_counter()-t,resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024,"
        "[l for l in p.stderr.splitlines() if l.startswith('Found')][:1]+[p.stdout[-2000:]+p.stderr[-2000:]]]))"
    )
    out = subprocess.run([sys.executable, "-c", helper, sys.executable, "-m", "termcheck", *args],
                         capture_output=True, text=True, check=True, env=env)  # fmt: skip
    wall, rss, lines = json.loads(out.stdout)
    return wall, rss, "\n".join(lines)


def median_run(args: list[str], runs: int) -> tuple[float, float, str]:
    results = [run(args) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results), results[-1][2]


def floor(folder: Path, glossaries: list[str]) -> float:
    """Seconds for a bare pyahocorasick scan of every file: every term case-folded, word boundaries checked."""
    import ahocorasick

    from termcheck.glossary.load import load

    glossary, _ = load(glossaries)
    automaton = ahocorasick.Automaton()
    for concept in glossary.concepts:
        for terms in concept.terms.values():
            for term in terms:
                automaton.add_word(term.text.casefold(), term.concept_id)
    automaton.make_automaton()
    word = re.compile(r"\w")
    start = time.perf_counter()
    hits = 0
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        text = path.read_text(encoding="utf-8", errors="replace").casefold()
        for end, _cid in automaton.iter(text):
            # end is the last character's index; the term's length is not kept here, so check the right edge
            if end + 1 >= len(text) or not word.match(text[end + 1]):
                hits += 1
    return time.perf_counter() - start


def pairs() -> list[tuple[str, str]]:
    """One-word wrong → right pairs for tools that take a dictionary: the variants the corpus has and
    the shipped term base's deprecated one-word terms, each with its language's preferred term."""
    from termcheck.glossary.load import load
    from termcheck.glossary.model import Status

    out = {(wrong, right) for pairs_ in VARIANTS.values() for right, wrong in pairs_ if " " not in wrong + right}
    for concept in load(["builtin"])[0].concepts:
        for terms in concept.terms.values():
            use = [t.text for t in terms if t.status == Status.PREFERRED and " " not in t.text]
            for t in terms:
                if t.status == Status.DEPRECATED and " " not in t.text and use:
                    out.add((t.text, use[0]))
    return sorted(out)


def other_tools(corpus: Path, work: Path, runs: int) -> list[tuple[str, float, int]]:
    """codespell and typos, where installed, with the same pairs: (tool, seconds, findings)."""
    found = []
    words = pairs()
    fixes: dict[str, list[str]] = {}
    for wrong, right in words:
        fixes.setdefault(wrong.lower(), []).append(right.lower())
    dictionary = work / "codespell.txt"
    dictionary.write_text("".join(f"{w}->{', '.join(r)}\n" for w, r in fixes.items()), encoding="utf-8")
    config = work / "typos.toml"  # one correction a word: typos takes no list
    config.write_text("[default.extend-words]\n" + "".join(f'"{w}" = "{r[0]}"\n' for w, r in fixes.items()),
                      encoding="utf-8")  # fmt: skip
    for tool, args in (("codespell", ["codespell", "-D", str(dictionary), str(corpus)]),
                       ("typos", ["typos", "--config", str(config), "--format", "brief", str(corpus)])):  # fmt: skip
        if shutil.which(args[0]) is None:
            continue
        times, count = [], 0
        for _ in range(runs):
            start = time.perf_counter()
            out = subprocess.run(args, capture_output=True, text=True, check=False)
            times.append(time.perf_counter() - start)
            if out.returncode not in (0, 1, 2, 65):
                sys.exit(f"{tool} failed: {out.stderr[-500:]}")
            count = len([line for line in out.stdout.splitlines() if line.strip()])
        found.append((tool, statistics.median(times), count))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=10.0)
    parser.add_argument("--concepts", type=int, nargs="*", default=[10_000])
    parser.add_argument("--jobs", type=int, nargs="*", default=[1])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rss-mb", type=float, default=0, help="also the peak memory on a corpus this large")
    parser.add_argument("--keep", type=Path)
    parser.add_argument("--real", type=Path, help="also a folder of real text where terms are rare (any formats)")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="termcheck-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / f"corpus-{args.mb:g}mb"
    if not corpus.exists():
        make_corpus(corpus, args.mb)
    size = sum(p.stat().st_size for p in corpus.rglob("*.txt")) / 1e6
    files = len(list(corpus.rglob("*.txt")))
    print(f"corpus: {size:.1f} MB in {files} files; python {sys.version.split()[0]}; {os.cpu_count()} cores")
    bases: list[tuple[str, list[str]]] = [("shipped", ["builtin"])]
    for n in args.concepts:
        path = work / f"bench-{n}.yaml"
        if not path.exists():
            make_termbase(path, n)
        bases.append((f"+{n:,} concepts", ["builtin", str(path)]))
    rows = []
    for name, glossaries in bases:
        g = [a for x in glossaries for a in ("-g", x)]
        try:
            floor_s: float | None = statistics.median(floor(corpus, glossaries) for _ in range(args.runs))
        except ImportError:
            floor_s = None
        start = time.perf_counter()
        run(["glossary", "check", *[x for x in glossaries if x != "builtin"]])  # compiles nothing; warms the disk
        compile_s, compile_rss, _ = run(["lint", "-", "--lang", "en", "--no-cache", *g, "--exit-zero"])
        warm_s, warm_rss, _ = run(["lint", "-", "--lang", "en", *g, "--exit-zero"])  # writes the cache
        warm_s, warm_rss, _ = run(["lint", "-", "--lang", "en", *g, "--exit-zero"])  # reads it
        del start
        for jobs in args.jobs:
            for label, rules in (
                ("exact rules", [a for r in EXACT.split(",") for a in ("--select", r)]),
                ("default rules", []),
            ):
                wall, rss, out = median_run(["lint", str(corpus), "--exit-zero", "--jobs", str(jobs), *g, *rules],
                                            args.runs)  # fmt: skip
                mbs = size / wall
                ratio = f"{mbs / (size / floor_s):.2f}" if floor_s else "-"
                if "Traceback" in out:
                    sys.exit(f"termcheck failed: {out}")
                findings = re.search(r"Found (\d+) finding", out)
                what = f"{label}, --jobs {jobs}" + (f" ({findings.group(1)} findings)" if findings else "")
                rows.append((name, what, f"{mbs:.2f} MB/s", f"{size / floor_s:.1f} MB/s"
                             if floor_s else "-", ratio, f"{rss:.0f} MB"))  # fmt: skip
        if name == "shipped":
            for tool, seconds, count in other_tools(corpus, work, args.runs):
                ratio = f"{(size / seconds) / (size / floor_s):.2f}" if floor_s else "-"
                rows.append((name, f"{tool}, same one-word pairs ({count} findings)", f"{size / seconds:.2f} MB/s",
                             f"{size / floor_s:.1f} MB/s" if floor_s else "-", ratio, ""))  # fmt: skip
        rows.append((name, "load: compile (no cache) / from cache, empty input", f"{compile_s:.2f} s / {warm_s:.2f} s",
                     "", "", f"{compile_rss:.0f} / {warm_rss:.0f} MB"))  # fmt: skip
    widths = [max(len(str(r[i])) for r in rows) for i in range(6)]
    head = ("term base", "what", "termcheck", "floor", "ratio", "peak RSS")
    widths = [max(w, len(h)) for w, h in zip(widths, head, strict=True)]
    print(" | ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)))
    print("-|-".join("-" * w for w in widths))
    for r in rows:
        print(" | ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)))
    small = work / "small"
    small.mkdir(exist_ok=True)
    text = (ROOT / "seeds" / "003_9c8547ecd273c77d.txt").read_text(encoding="utf-8")
    (small / "one.txt").write_text((text * 3)[:5000], encoding="utf-8")
    one = str(small / "one.txt")
    given = median_run(["lint", one, "--lang", "de", "--exit-zero"], 5)[0]
    identified = median_run(["lint", one, "--exit-zero"], 5)[0]
    cold = median_run(["lint", one, "--lang", "de", "--exit-zero", "--no-cache"], 5)[0]
    print(f"one 5 KB file, shipped term base: {given * 1000:.0f} ms language given, {identified * 1000:.0f} ms "
          f"identified (cache warm); {cold * 1000:.0f} ms without the cache")  # fmt: skip
    if args.real:
        size = sum(p.stat().st_size for p in args.real.rglob("*") if p.is_file()) / 1e6
        floor_s = floor(args.real, ["builtin"])
        wall, rss, out = median_run(["lint", str(args.real), "--exit-zero", "--jobs", "1"], args.runs)
        found = re.search(r"Found (\d+) finding", out)
        print(f"real text, terms rare ({args.real}, {size:.1f} MB): {size / wall:.2f} MB/s, floor "
              f"{size / floor_s:.1f} MB/s, ratio {floor_s / wall:.2f}, peak RSS {rss:.0f} MB, "
              f"{found.group(1) if found else '?'} findings")  # fmt: skip
    if args.rss_mb:
        big = work / f"corpus-{args.rss_mb:g}mb"
        if not big.exists():
            make_corpus(big, args.rss_mb, seed=2)
        for jobs in args.jobs:
            wall, rss, _ = median_run(["lint", str(big), "-q", "--exit-zero", "--jobs", str(jobs)], 1)
            what = f"{args.rss_mb:g} MB, shipped term base, default rules, --jobs {jobs}"
            print(f"{what}: {wall:.1f} s, peak RSS {rss:.0f} MB")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    print(f"max RSS of this script: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
