"""termcheck on real prose (issue 25): the CLI against the floor, per language and in all, with the shipped
term base and with N more made-up concepts; and where the time goes, per word, against term-base size.
Prints tables; asserts nothing.

python bench/prose.py --corpus /work/corpus/prose                       # shipped term base, runs 3
python bench/prose.py --corpus /work/corpus/prose --concepts 10000 100000 --stages

The corpus is any folder of real text, one sub-folder per language (bench/prose_corpus.py builds the one
bench/corpora/prose/README.md describes). The floor is bench/speed.py's: a bare pyahocorasick scan of the
same terms with word boundaries, in the same run. termcheck runs as a user runs it (`termcheck lint DIR
--jobs 1`, the term base's cache warm). `--stages` also checks the corpus in-process once per term base
with a timer around each step of the pipeline (reading the file, its language, the term matching, each
rule) and prints each step's microseconds per word: a step whose figure grows with the term base does
work per word that grows with the number of concepts.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from speed import EXACT, floor, make_termbase, median_run  # noqa: E402

from termcheck.text.tokenize import WORD_RE  # noqa: E402


def words_in(folder: Path) -> int:
    return sum(len(WORD_RE.findall(p.read_text(encoding="utf-8", errors="replace"))) for p in files(folder))


def files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in (".md", ".txt", ".rst", ".html"))


@contextmanager
def timed(table: dict[str, float], name: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        table[name] += time.perf_counter() - start


def stages(folder: Path, glossaries: list[str]) -> dict[str, float]:
    """Seconds per step of the pipeline for the corpus, checked in-process as `lint --jobs 1` checks it."""
    from termcheck import engine, pipeline, runner
    from termcheck.app.session import open_session
    from termcheck.runner import Item, check_file

    table: dict[str, float] = defaultdict(float)

    def wrap(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
        def inner(*args: Any, **kwargs: Any) -> Any:
            with timed(table, name):
                return func(*args, **kwargs)

        return inner

    session = open_session(glossary=glossaries)
    rules = tuple(replace(rule, check=wrap(f"rule {rule.name}", rule.check)) for rule in session.settings.rules)
    settings = replace(session.settings, rules=rules)
    patched = [(runner, "read_source", "read and parse"), (pipeline, "document_language", "language of the file"),
               (engine, "match_document", "term matching and reading")]  # fmt: skip
    saved = [getattr(module, attr) for module, attr, _ in patched]
    for module, attr, label in patched:
        setattr(module, attr, wrap(label, getattr(module, attr)))
    try:
        start = time.perf_counter()
        for path in files(folder):
            check_file(Item(path, str(path)), settings, session.index, session.resources, "none")
        table["all"] = time.perf_counter() - start
    finally:
        for (module, attr, _), func in zip(patched, saved, strict=True):
            setattr(module, attr, func)
    return dict(table)


def bounds(folder: Path) -> list[tuple[str, float]]:
    """Seconds of single passes over the corpus that a check written in Python cannot do without, each
    in C: reading the files, lower-casing, one regex for the words (`Document.words`), py3langid's byte
    walk over each file's sample (the only part of language identification that grows with the text),
    markdown-it-py's parse of the Markdown files; beside the floor's scan."""
    from termcheck.sources.markdown import _parser
    from termcheck.text.language import _model, _sample

    paths = files(folder)
    start = time.perf_counter()
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in paths]
    out = [("read and decode the files", time.perf_counter() - start)]
    for label, func in (
        ("lower-case", str.lower),
        ("the distinct words (one C regex, a set)", lambda t: frozenset(WORD_RE.findall(t))),
        ("language: the byte walk over a sample", lambda t: _model().visits(_sample(t))),
    ):
        start = time.perf_counter()
        for text in texts:
            func(text)
        out.append((label, time.perf_counter() - start))
    parser = _parser()
    start = time.perf_counter()
    for path, text in zip(paths, texts, strict=True):
        if path.suffix == ".md":
            parser.parse(text)
    out.append(("markdown-it-py's parse (the Markdown files)", time.perf_counter() - start))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, required=True, help="a folder of real text, a sub-folder a language")
    parser.add_argument("--concepts", type=int, nargs="*", default=[], help="also with this many more concepts")
    parser.add_argument("--runs", type=int, default=3)
    # Seed 1's 100,000 made-up concepts include a German "Nepal", which the shipped term base refuses.
    parser.add_argument("--seed", type=int, default=2, help="of the made-up concepts (bench/speed.py's)")
    parser.add_argument("--stages", action="store_true", help="also the time per word of each step")
    parser.add_argument("--per-language", action="store_true", help="also each language's folder alone")
    parser.add_argument("--bounds", action="store_true", help="also single passes over the text, against the floor")
    parser.add_argument("--no-cli", action="store_true", help="leave out the CLI runs (the other parts only)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/termcheck-prose-bench"))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    corpus = args.corpus
    size = sum(p.stat().st_size for p in files(corpus)) / 1e6
    words = words_in(corpus)
    print(f"corpus {corpus}: {size:.1f} MB, {len(files(corpus))} files, {words:,} words")
    bases: list[tuple[str, list[str]]] = [("shipped", ["builtin"])]
    for n in args.concepts:
        path = args.work / f"bench-{n}-seed{args.seed}.yaml"
        if not path.exists():
            make_termbase(path, n, args.seed)
        bases.append((f"+{n:,} concepts", ["builtin", str(path)]))
    folders = [("all", corpus)]
    if args.per_language:
        folders += [(p.name, p) for p in sorted(corpus.iterdir()) if p.is_dir()]
    print("\n| term base | text | rules | termcheck | floor | ratio | µs a word |")
    print("|---|---|---|---:|---:|---:|---:|")
    per_word: dict[str, dict[str, float]] = {}
    for name, glossaries in bases:
        g = [a for x in glossaries for a in ("-g", x)]
        median_run(["lint", "-", "--lang", "en", *g, "--exit-zero"], 1)  # compiles the term base into the cache
        for label, folder in folders if not args.no_cli else ():
            mb = sum(p.stat().st_size for p in files(folder)) / 1e6
            n_words = words if folder == corpus else words_in(folder)
            floor_s = statistics.median(floor(folder, glossaries) for _ in range(args.runs))
            for rules_label, rules in (
                ("default", []),
                ("exact", [a for r in EXACT.split(",") for a in ("--select", r)]),
            ):
                wall, _rss, out = median_run(["lint", str(folder), "--exit-zero", "--jobs", "1", *g, *rules], args.runs)
                if "Traceback" in out:
                    sys.exit(f"termcheck failed: {out}")
                speed, floor_speed = f"{mb / wall:.2f} MB/s", f"{mb / floor_s:.1f} MB/s"
                cells = (name, f"{label} ({mb:.1f} MB)", rules_label, speed, floor_speed, f"{floor_s / wall:.3f}",
                         f"{1e6 * wall / n_words:.2f}")  # fmt: skip
                print("| " + " | ".join(cells) + " |", flush=True)
        if args.stages:
            per_word[name] = {k: 1e6 * v / words for k, v in stages(corpus, glossaries).items()}
    if args.bounds:
        floor_s = statistics.median(floor(corpus, ["builtin"]) for _ in range(args.runs))
        print(f"\nSingle passes over the corpus ({size:.1f} MB), each against the floor ({floor_s:.2f} s):\n")
        print("| pass | s | MB/s | floor / pass |")
        print("|---|---:|---:|---:|")
        for label, seconds in bounds(corpus):
            print(f"| {label} | {seconds:.2f} | {size / seconds:.1f} | {floor_s / seconds:.2f} |")
    if per_word:
        names = list(per_word)
        steps = sorted({k for v in per_word.values() for k in v}, key=lambda k: -per_word[names[0]].get(k, 0))
        print("\nµs a word per step (in-process, one run, default rules):\n")
        print("| step | " + " | ".join(names) + " |")
        print("|---|" + "---:|" * len(names))
        for step in steps:
            print(f"| {step} | " + " | ".join(f"{per_word[n].get(step, 0):.2f}" for n in names) + " |")


if __name__ == "__main__":
    main()
