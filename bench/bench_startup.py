"""Cold start of `termcheck lint` on one small file: import time and whole-process time. Prints figures.

A pre-commit hook pays this on every commit, so heavy modules (openpyxl, the language model, numpy)
must load only when needed, and the compiled term base comes from the cache.

    python bench/bench_startup.py [--runs 21]

The file is 5 KB of German (a seed repeated, as bench/speed.py makes it). Each figure is the median of
`--runs` processes: wall time, and CPU time (user + system), which a busy machine inflates less. The
cache is a fresh folder: "empty cache" is a first run, which compiles the term base and writes it.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "003_9c8547ecd273c77d.txt"


def timed(args: list[str], env: dict[str, str], runs: int, before: list[str] | None = None) -> tuple[float, float]:
    """Median wall and CPU seconds of a command (`before`: run first each time, untimed)."""
    walls, cpus = [], []
    for _ in range(runs):
        if before:
            subprocess.run(before, cwd=ROOT, env=env, capture_output=True, check=False)
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(args, cwd=ROOT, env=env, capture_output=True, check=False)
        walls.append(time.perf_counter() - start)
        now = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(now.ru_utime + now.ru_stime - used.ru_utime - used.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def import_breakdown(env: dict[str, str], one: str) -> list[tuple[int, int, str]]:
    """The modules of a lint run by their own import time, slowest first (microseconds, self and
    cumulative), from -X importtime."""
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "termcheck", "lint", "--lang", "de", one],
                          cwd=ROOT, env=env, capture_output=True, text=True, check=False)  # fmt: skip
    rows = []
    for line in proc.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            own, cumulative, name = (part.strip() for part in line[len("import time:") :].split("|"))
            if own.isdigit():
                rows.append((int(own), int(cumulative), name))
    return sorted(rows, reverse=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="processes per figure (default 21)")
    args = parser.parse_args()
    runs = args.runs
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "cache"
        one = Path(tmp) / "one.txt"
        one.write_text((SEED.read_text(encoding="utf-8") * 3)[:5000], encoding="utf-8")
        env = {**os.environ, "TERMCHECK_CACHE_DIR": str(cache)}
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # a user's installation has its bytecode written
        lint = [sys.executable, "-m", "termcheck", "lint", "--exit-zero", str(one)]

        def show(what: str, figures: tuple[float, float]) -> None:
            print(f"{what}: {figures[0] * 1000:.0f} ms wall, {figures[1] * 1000:.0f} ms CPU")

        print(f"median of {runs} processes; {one.stat().st_size} B of German text")
        show("python -c pass (the interpreter alone)", timed([sys.executable, "-c", "pass"], env, runs))
        show("python -c 'import click'", timed([sys.executable, "-c", "import click"], env, runs))
        show("import termcheck.cli", timed([sys.executable, "-c", "import termcheck.cli"], env, runs))
        subprocess.run([*lint, "--lang", "de"], cwd=ROOT, env=env, capture_output=True, check=False)  # the cache
        show("lint --lang de, cache warm", timed([*lint, "--lang", "de"], env, runs))
        show("lint, language identified, cache warm", timed(lint, env, runs))
        empty = ["rm", "-rf", str(cache)]
        show("lint --lang de, cache empty", timed([*lint, "--lang", "de"], env, max(3, runs // 4), before=empty))
        subprocess.run([*lint, "--lang", "de"], cwd=ROOT, env=env, capture_output=True, check=False)  # warm again
        rows = import_breakdown(env, str(one))
        print(f"imports of `lint --lang de`: {len(rows)} modules, {sum(r[0] for r in rows) / 1000:.1f} ms; "
              "the slowest by their own time (ms, own / cumulative):")  # fmt: skip
        for own, cumulative, name in rows[:15]:
            print(f"  {own / 1000:6.1f} {cumulative / 1000:6.1f}  {name}")


if __name__ == "__main__":
    main()
