"""termcheck on a local Dask cluster against `termcheck lint --jobs N` for the same N, in the same run. Prints
a markdown table; asserts nothing.

python bench/dask_scaling.py                          # 10 MB made with bench/speed.py, 1 and 2 workers, 3 runs
python bench/dask_scaling.py --corpus DIR --workers 1 2 4 --runs 5
python bench/dask_scaling.py --mode per-file batched  # also the one-task-per-file pattern

Each run is a fresh process, so both sides pay for Python's start, their imports and the term base:

- the CLI: `python -m termcheck lint CORPUS --jobs N --format json --no-cache` (a subprocess; its JSON's
  findings kept);
- Dask: a child of this script that builds a `Checker` (its term base compiled afresh, as --no-cache does),
  starts `LocalCluster(n_workers=N, threads_per_worker=1, processes=True, dashboard_address=None)`, and
  checks the files the CLI's walk finds: `batched` is `Checker.lint(paths, client)` (the checker scattered
  once, a few tasks per worker, largest files first, compact per-file results); `per-file` is docs/scale.md's
  first pattern (one `analyse_path` task per file, then `finish`).

Columns: `start` is the cluster's start (LocalCluster and Client), `check` everything else the Dask child
does before its findings are in hand (checker, scatter, tasks, `finish` on the client), `wall` the child's
whole life (Python's start, imports, start, check, the cluster's shutdown), each a median of `--runs`; the
ratios are to the CLI's median wall time of the same N. `B/file` is the pickle size of what a worker sends
back per file; `same` whether the findings equal the CLI's JSON findings exactly (the lists compared).
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def cli_run(corpus: Path, workers: int, out: Path) -> float:
    """Wall seconds of `termcheck lint CORPUS --jobs N --format json --no-cache`; its findings written to out."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "termcheck", "lint", str(corpus), "--jobs", str(workers),
                           "--format", "json", "--no-cache"], capture_output=True, text=True, check=False)  # fmt: skip
    wall = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"termcheck lint failed ({done.returncode}): {done.stderr[-2000:]}")
    out.write_text(json.dumps(json.loads(done.stdout)["findings"], ensure_ascii=False), encoding="utf-8")
    return wall


def dask_run(corpus: Path, workers: int, mode: str, out: Path) -> dict[str, float]:
    """A child process's Dask run: its timings, plus its wall time as seen from here."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, __file__, "--child", mode, str(workers), str(corpus), str(out)],
                          capture_output=True, text=True, check=False)  # fmt: skip
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"the Dask run failed ({done.returncode}): {done.stderr[-3000:]}")
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    figures["wall"] = wall
    return figures


def child(mode: str, workers: int, corpus: Path, out: Path) -> None:
    """One Dask run (in its own process): prints its timings as one line of JSON, writes its findings."""
    from dask.distributed import Client, LocalCluster

    from termcheck.app.run import gather
    from termcheck.scale import Checker

    t0 = time.perf_counter()
    checker = Checker(glossary=["builtin"], use_cache=False)
    items, _errors, _skipped = gather([str(corpus)], checker.session.config)
    paths = [str(item.path) for item in items]
    t1 = time.perf_counter()
    with (
        LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        client.wait_for_workers(workers)
        t2 = time.perf_counter()
        if mode == "batched":
            results: list[Any] = checker.analyse_paths(paths, client)
            findings = checker.finish(results)
        else:
            shipped = client.scatter(checker, broadcast=True)
            futures = client.map(lambda path, c: c.analyse_path(path), paths, c=shipped, pure=False)
            results = client.gather(futures)
            findings = checker.finish(results)
        t3 = time.perf_counter()
    sent = sum(len(pickle.dumps(r, protocol=pickle.HIGHEST_PROTOCOL)) for r in results)
    out.write_text(json.dumps(findings, ensure_ascii=False), encoding="utf-8")
    print(json.dumps({"start": t2 - t1, "check": (t1 - t0) + (t3 - t2), "bytes_per_file": sent / len(paths)}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, help="a folder to check (default: one made with bench/speed.py)")
    parser.add_argument("--mb", type=float, default=10.0, help="the size of the corpus made")
    parser.add_argument("--workers", type=int, nargs="*", default=[1, 2])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--mode", nargs="*", default=["batched"], choices=["batched", "per-file"])
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        mode, workers, corpus, out = args.child
        child(mode, int(workers), Path(corpus), Path(out))
        return
    with tempfile.TemporaryDirectory(prefix="termcheck-dask-") as tmp:
        corpus = args.corpus
        if corpus is None:
            from speed import make_corpus

            corpus = Path(tmp) / "corpus"
            size = make_corpus(corpus, args.mb)
            print(f"corpus: {size / 1e6:.1f} MB in {sum(1 for _ in corpus.rglob('*.txt'))} files (bench/speed.py)")
        report(corpus, args.workers, args.mode, args.runs, Path(tmp))


def report(corpus: Path, workers: list[int], modes: list[str], runs: int, tmp: Path) -> None:
    cores = os.cpu_count()
    load = os.getloadavg()[0]
    print(f"{cores} cores, load {load:.1f}; medians of {runs} runs, the CLI and Dask runs interleaved\n")
    rows = []
    for n in workers:
        cli: list[float] = []
        dask: dict[str, list[dict[str, float]]] = {m: [] for m in modes}
        same: dict[str, bool] = dict.fromkeys(modes, True)
        for _ in range(runs):
            cli.append(cli_run(corpus, n, tmp / "cli.json"))
            expected = json.loads((tmp / "cli.json").read_text(encoding="utf-8"))
            for mode in modes:
                dask[mode].append(dask_run(corpus, n, mode, tmp / "dask.json"))
                same[mode] &= json.loads((tmp / "dask.json").read_text(encoding="utf-8")) == expected
        base = statistics.median(cli)
        for mode in modes:
            fig = {k: statistics.median(r[k] for r in dask[mode]) for k in dask[mode][0]}
            start, check, wall, sent = fig["start"], fig["check"], fig["wall"], fig["bytes_per_file"]
            rows.append([str(n), mode, f"{base:.1f}", f"{start:.1f}", f"{check:.1f}", f"{wall:.1f}",
                         f"{check / base:.2f}×", f"{(start + check) / base:.2f}×", f"{wall / base:.2f}×",
                         f"{sent:,.0f}", "yes" if same[mode] else "NO", f"{len(expected):,}"])  # fmt: skip
    head = ["workers", "Dask", "CLI s", "start s", "check s", "wall s", "check/CLI", "start+check/CLI",
            "wall/CLI", "B/file", "same", "findings"]  # fmt: skip
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join("---:" if h not in ("Dask", "same") else "---" for h in head) + "|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
