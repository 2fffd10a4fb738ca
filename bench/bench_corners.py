"""Hostile corners of issue 21, against size: each row should grow linearly. Prints seconds and peak
memory (the checking process's own, from wait4) per size; asserts nothing.

python bench/bench_corners.py                      # every case at the issue's sizes (about 15 minutes)
python bench/bench_corners.py --quick              # a tenth of the sizes
python bench/bench_corners.py --case dense --uncapped   # and with max-findings-per-file = 0 (memory grows)
python bench/bench_corners.py --termcheck DIR      # another checkout's package (its parent folder on sys.path)

Cases:
  word     one word of N letters (German: term-typo's near misses, the word lists' compound splitting)
  mention  a PO file whose one unit names the CSTO N times in its source (missing-term)
  units    a PO file of N units, each naming the CSTO once (missing-term)
  dense    a Portuguese text of one line, N KB of "a CSTO " (a foreign rendering every 7 characters)
  paragraphs  a Portuguese HTML page of N paragraphs, each "a CSTO"
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

_PO_HEAD = 'msgid ""\nmsgstr ""\n"Language: de\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def long_word(letters: int) -> tuple[str, str]:
    word = ("Kasachstan" * (letters // 10 + 1))[:letters]
    return "x.txt", f"Die OVKS tagte in Minsk.\n{word} und {word.lower()}.\n"


def mentions(count: int) -> tuple[str, str]:
    source, target = "The CSTO met in Minsk. " * count, "Die Organisation tagte in Minsk. " * count
    return "de.po", f'{_PO_HEAD}msgid "{source}"\nmsgstr "{target}"\n'


def units(count: int) -> tuple[str, str]:
    unit = 'msgid "The CSTO met in Minsk {0}."\nmsgstr "Die Organisation tagte in Minsk {0}."\n\n'
    return "de.po", _PO_HEAD + "".join(unit.format(i) for i in range(count))


def dense(kilobytes: int) -> tuple[str, str]:
    size = kilobytes * 1_000
    return "x.txt", ("a CSTO " * (size // 7 + 1))[:size] + "\n"


def paragraphs(count: int) -> tuple[str, str]:
    return "x.html", '<html lang="pt"><body>\n' + "<p>a CSTO</p>\n" * count + "</body></html>\n"


CASES: dict[str, tuple[Callable[[int], tuple[str, str]], tuple[int, ...], str, tuple[str, ...]]] = {
    "word": (long_word, (10_000, 100_000, 300_000), "letters", ("--lang", "de")),
    "mention": (mentions, (1_000, 10_000, 40_000), "mentions", ("--select", "missing-term")),
    "units": (units, (1_000, 10_000, 40_000), "units", ("--select", "missing-term")),
    "dense": (dense, (1_000, 5_000, 10_000), "KB", ("--lang", "pt")),
    "paragraphs": (paragraphs, (30_000, 100_000, 300_000), "paragraphs", ()),
}


def measure(folder: Path, args: list[str], env: dict[str, str], timeout: float) -> tuple[float, float, str]:
    """Seconds, peak resident MB of the process, and its exit code and first line on stderr (the note of
    findings not shown, or the summary); a run past `timeout` seconds is stopped."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([sys.executable, "-m", "termcheck", "lint", *args], cwd=folder, env=env,
                                stdout=subprocess.DEVNULL, stderr=err)  # fmt: skip
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        while pid == 0 and time.perf_counter() - start < timeout:
            time.sleep(0.05)
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid == 0:
            proc.kill()
            _pid, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = 0
            return time.perf_counter() - start, usage.ru_maxrss / 1024, f"stopped after {timeout:.0f} s"
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        err.seek(0)
        lines = err.read().decode("utf-8", "replace").strip().splitlines()
    return seconds, usage.ru_maxrss / 1024, f"exit {proc.returncode}: {lines[0] if lines else ''}"[:100]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--case", choices=sorted(CASES), action="append")
    parser.add_argument("--quick", action="store_true", help="a tenth of the sizes")
    parser.add_argument("--uncapped", action="store_true", help="dense, paragraphs: also with no cap")
    parser.add_argument("--termcheck", type=Path, help="the folder holding the termcheck package to measure")
    parser.add_argument("--timeout", type=float, default=900, help="stop a run after this many seconds")
    opts = parser.parse_args()
    env = dict(os.environ)
    if opts.termcheck:
        env["PYTHONPATH"] = str(opts.termcheck.resolve())
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores; the JSON report written to a file")
    for name in opts.case or list(CASES):
        make, sizes, unit, extra = CASES[name]
        for cap in (10_000, 0) if name in ("dense", "paragraphs") and opts.uncapped else (None,):
            label = name + ("" if cap is None else f", max-findings-per-file = {cap}")
            print(f"\n{label}\n{unit:>10} {'seconds':>9} {'peak MB':>9}  exit code, first line on stderr")
            for size in sizes:
                size = max(1, size // 10) if opts.quick else size
                with tempfile.TemporaryDirectory() as tmp:
                    folder = Path(tmp)
                    if cap is not None:
                        (folder / ".termcheck.toml").write_text(f"max-findings-per-file = {cap}\n", encoding="utf-8")
                    path, text = make(size)
                    (folder / path).write_text(text, encoding="utf-8")
                    args = [path, *extra, "--format", "json", "-o", "report.json"]
                    seconds, peak, last = measure(folder, args, env, opts.timeout)
                print(f"{size:>10,} {seconds:>9.2f} {peak:>9.0f}  {last}", flush=True)


if __name__ == "__main__":
    main()
