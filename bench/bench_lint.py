"""Throughput of the matcher and rules, and the cold start of the CLI. Prints figures; asserts nothing.

python bench/bench_lint.py            # 10 MB of seed text, shipped and 10,000-concept term bases
python bench/bench_lint.py --mb 2     # a quicker run
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from termcheck.config import Config  # noqa: E402
from termcheck.glossary.index import GlossaryIndex  # noqa: E402
from termcheck.glossary.load import load  # noqa: E402
from termcheck.glossary.model import Concept, Glossary, Status, Term  # noqa: E402
from termcheck.pipeline import Settings, lint_text  # noqa: E402
from termcheck.resources import Resources  # noqa: E402
from termcheck.rules import select  # noqa: E402
from termcheck.sources.document import Document  # noqa: E402

LANGS = {"000": "pt", "001": "pt", "002": "en", "003": "de", "004": "de"}


def corpus(megabytes: float) -> list[Document]:
    """The seeds, each repeated until the five together weigh `megabytes`."""
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    total = sum(len(p.read_bytes()) for p in seeds)
    times = max(1, int(megabytes * 1_000_000 / total))
    return [Document(p.name, (p.read_text(encoding="utf-8") + "\n\n") * times, LANGS[p.name[:3]]) for p in seeds]


def synthetic(n: int, seed: int = 1) -> list[Concept]:
    """n concepts with made-up one- to four-word terms in six languages, acronyms among them."""
    rng = random.Random(seed)
    letters = "abcdefghiklmnoprstuvz"

    def word() -> str:
        return "".join(rng.choice(letters) for _ in range(rng.randint(4, 11))).capitalize()

    out = []
    for i in range(n):
        terms = {}
        for lang in ("en", "de", "ru", "pt", "fr", "es"):
            text = " ".join(word() for _ in range(rng.randint(1, 4)))
            acro = "".join(w[0] for w in text.split()).upper() + rng.choice("XYZQ")
            terms[lang] = (
                Term(text, lang, Status.PREFERRED, f"c{i}", case="name"),
                Term(acro, lang, Status.PREFERRED, f"c{i}", type="acronym", case="exact", inflect=False),
            )
        out.append(Concept(f"c{i}", "bench", {}, None, {}, terms))
    return out


def throughput(index: GlossaryIndex, docs: list[Document]) -> tuple[float, int]:
    """MB/s of the whole per-file pipeline (read as plain text, match, rules, suppressions), the language given."""
    settings = Settings(Config(), tuple(select()))
    resources = Resources.for_index(index)
    size = sum(len(d.text.encode()) for d in docs)
    start = time.perf_counter()
    count = 0
    for doc in docs:
        count += len(lint_text(doc.path, doc.text, doc.language, settings, index, resources, "text"))
    return size / 1e6 / (time.perf_counter() - start), count


def process_time(args: list[str], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "termcheck", *args], cwd=ROOT, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def jobs_figures(copies: int = 100) -> None:
    """`termcheck lint` over many files in one process and in two (the index is shared by fork)."""
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for i in range(copies):
            for seed in (ROOT / "seeds").glob("*.txt"):
                shutil.copy(seed, Path(tmp) / f"{i:03d}-{seed.name}")
        for jobs in (1, 2):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "termcheck", "lint", tmp, "--jobs", str(jobs), "--quiet"],
                           cwd=ROOT, capture_output=True, check=False)  # fmt: skip
            print(
                f"whole process `termcheck lint` on {copies * 5} files, --jobs {jobs}: "
                f"{time.perf_counter() - start:.2f} s"
            )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=10.0)
    parser.add_argument("--concepts", type=int, default=10_000)
    args = parser.parse_args()
    docs = corpus(args.mb)
    size = sum(len(d.text.encode()) for d in docs) / 1e6
    builtin = load()[0]

    big = Glossary(builtin.concepts + tuple(synthetic(args.concepts)), ("bench",))
    for name, glossary in (("shipped", builtin), ("generated", big)):
        start = time.perf_counter()
        index = GlossaryIndex(glossary)
        built = time.perf_counter() - start
        print(f"{name} term base: {len(glossary.concepts)} concepts, {glossary.term_count} terms, "
              f"index built in {built:.3f} s")  # fmt: skip
        mbs, found = throughput(index, docs)
        print(f"  lint {size:.1f} MB of seed text: {mbs:.2f} MB/s ({found} findings)")

    jobs_figures()
    one = "seeds/003_9c8547ecd273c77d.txt"
    print(
        f"whole process `termcheck lint {one}` (median of 5): {process_time(['lint', one]):.3f} s "
        f"(language identified: loads py3langid and numpy)"
    )
    print(
        f"whole process `termcheck lint --lang de {one}` (median of 5): "
        f"{process_time(['lint', '--lang', 'de', one]):.3f} s"
    )
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import termcheck.cli"], check=True)
    print(f"python -c 'import termcheck.cli': {time.perf_counter() - start:.3f} s")


if __name__ == "__main__":
    main()
