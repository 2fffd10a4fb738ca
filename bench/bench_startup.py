"""Cold start of `termcheck lint` on one small file: import time and whole-process time. Prints figures.

A pre-commit hook pays this on every commit, so heavy modules (openpyxl, the language model, numpy)
must load only when needed, and the compiled term base comes from the cache.

    python bench/bench_startup.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ONE = "seeds/003_9c8547ecd273c77d.txt"


def timed(args: list[str], env: dict[str, str], runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, cwd=ROOT, env=env, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def import_breakdown(env: dict[str, str]) -> list[tuple[int, str]]:
    """The slowest modules imported by a lint run (cumulative microseconds), from -X importtime."""
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "termcheck", "lint", "--lang", "de", ONE],
                          cwd=ROOT, env=env, capture_output=True, text=True, check=False)  # fmt: skip
    rows = []
    for line in proc.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            _self, cumulative, name = (part.strip() for part in line[len("import time:") :].split("|"))
            if cumulative.isdigit() and not name.startswith(" "):
                rows.append((int(cumulative), name.strip()))
    return sorted(rows, reverse=True)[:8]


def main() -> None:
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "TERMCHECK_CACHE_DIR": cache}
        python = [sys.executable, "-m", "termcheck", "lint"]
        print(f"python -c pass (interpreter alone): {timed([sys.executable, '-c', 'pass'], env):.3f} s")
        print(f"import termcheck.cli: {timed([sys.executable, '-c', 'import termcheck.cli'], env):.3f} s")
        print(f"lint --lang de {ONE}, cache cold then warm: ", end="")
        cold = timed([*python, "--no-cache", "--lang", "de", ONE], env, runs=3)
        subprocess.run([*python, "--lang", "de", ONE], cwd=ROOT, env=env, capture_output=True, check=False)
        warm = timed([*python, "--lang", "de", ONE], env)
        print(f"{cold:.3f} s without the cache, {warm:.3f} s with it")
        print(f"lint {ONE} (language identified, loads py3langid + numpy): {timed([*python, ONE], env):.3f} s")
        print("slowest imports of `lint --lang de` (cumulative):")
        for micros, name in import_breakdown(env):
            print(f"  {micros / 1000:7.1f} ms  {name}")


if __name__ == "__main__":
    main()
