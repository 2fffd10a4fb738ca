"""Compiling a large term base (issue 25): what `termcheck` does on a cache miss (read and check the
YAML, then write the compiled term base with its near-miss tables), timed as a user runs it.

python bench/compile_scale.py                          # 10,000 and 100,000 made-up concepts
python bench/compile_scale.py --concepts 10000 --keep DIR

Each term base is the shipped one plus N made-up concepts (`speed.make_termbase`). The command is
`termcheck lint - --lang en --no-cache -g builtin -g FILE` with empty input, run in a child process
while its process tree is sampled from /proc every 50 ms. Printed: wall seconds, CPU seconds (the
command and every process it started), the peak RSS of the main process, the largest peak of a
child process, and the largest sum of the tree's RSS sampled at one moment. The machine may be
shared: compare CPU seconds, and figures from the same run. Asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _cpu(pid: int) -> float:
    """The CPU seconds a process has used itself (not its children's): utime + stime of /proc/PID/stat."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / _TICK
    except (OSError, IndexError, ValueError):
        return 0.0


def _status(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM of a process in KB (empty once it is gone)."""
    out: dict[str, int] = {}
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith(("VmRSS:", "VmHWM:")):
                    out[line[:5]] = int(line.split()[1])
    except OSError:
        pass
    return out


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found += [int(c) for c in handle.read().split()]
    except OSError:
        pass
    return found


def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo += _children(p)
    return out


def measure(args: list[str]) -> dict[str, float]:
    """Run `python -m termcheck ARGS` with empty input; its wall and CPU seconds and peaks (MB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "termcheck", *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    main_hwm = child_hwm = tree_sum = 0
    cpu_of: dict[int, float] = {}  # each process's own CPU seconds, as last seen
    while proc.poll() is None:
        total = 0
        for p in _tree(proc.pid):
            cpu_of[p] = max(cpu_of.get(p, 0.0), _cpu(p))
            status = _status(p)
            total += status.get("VmRSS", 0)
            if p == proc.pid:
                main_hwm = max(main_hwm, status.get("VmHWM", 0))
            else:
                child_hwm = max(child_hwm, status.get("VmHWM", 0))
        tree_sum = max(tree_sum, total)
        time.sleep(0.05)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.returncode:
        raise SystemExit(f"termcheck failed ({proc.returncode}):\n{err[-3000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # The command and what it reaped, as the kernel counted; worker processes started by a forkserver
    # are its children, not the command's, and it is not reaped: their CPU is taken from /proc, sampled.
    reaped = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    others = sum(cpu for p, cpu in cpu_of.items() if p != proc.pid)
    return {
        "wall": wall,
        "cpu": max(reaped, cpu_of.get(proc.pid, 0.0) + others),
        "cpu_main": cpu_of.get(proc.pid, 0.0),
        "main": main_hwm / 1024,
        "child": child_hwm / 1024,
        "sum": tree_sum / 1024,
        "peak_any": after.ru_maxrss / 1024,  # the largest process of the tree, as the kernel counted it
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--concepts", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--keep", type=Path, help="make (or reuse) the term bases in this folder")
    # seed 1 makes a German 'Nepal' at 100,000 concepts: a term of the shipped term base, an error
    parser.add_argument("--seed", type=int, default=2, help="of the made-up concepts (speed.make_termbase)")
    ns = parser.parse_args()
    from speed import make_termbase

    folder = ns.keep or Path(tempfile.mkdtemp(prefix="termcheck-compile-"))
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for n in ns.concepts:
        path = folder / f"termbase-{n}-{ns.seed}.yaml"
        if not path.exists():
            make_termbase(path, n, ns.seed)
        path.read_bytes()  # on the disk cache: the first run does not pay for the disk
        r = measure(["lint", "-", "--lang", "en", "--no-cache", "-g", "builtin", "-g", str(path), "--exit-zero"])
        rows.append((n, r))
        print(
            f"{n:>9,} concepts: wall {r['wall']:7.1f} s  CPU {r['cpu']:7.1f} s (main {r['cpu_main']:.1f})  "
            f"RSS main {r['main']:6.0f} MB  "
            f"largest child {r['child']:6.0f} MB  sum at once {r['sum']:6.0f} MB",
            flush=True,
        )
    print()
    print("| concepts | wall s | CPU s (all) | CPU s (main) | peak RSS main | largest child | sum at once |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for n, r in rows:
        print(
            f"| {n:,} | {r['wall']:.1f} | {r['cpu']:.1f} | {r['cpu_main']:.1f} | {r['main']:.0f} MB "
            f"| {r['child']:.0f} MB | {r['sum']:.0f} MB |"
        )


if __name__ == "__main__":
    main()
