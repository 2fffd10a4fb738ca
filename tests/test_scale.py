"""termcheck.scale on a real Dask cluster (`termcheck[dask]`): the seeds checked with dask.bag and a table
of segments with dask.dataframe, on a LocalCluster of worker processes; the findings are those of
`termcheck lint --format json`, finding for finding. Skipped with its reason where Dask is not installed."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, Run

dask = pytest.importorskip("dask", reason="the dask extra is not installed: pip install 'termcheck[dask]'")
pytest.importorskip("distributed", reason="the dask extra is not installed: pip install 'termcheck[dask]'")
pd = pytest.importorskip("pandas", reason="the dask extra is not installed: pip install 'termcheck[dask]'")

from termcheck.scale import Checker  # noqa: E402

KEY = ("path", "line", "column", "code", "message")


def _key(f: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(Path(f[k]).name if k == "path" else f[k] for k in KEY)


def test_bag_and_dataframe_on_a_local_cluster(run: Run) -> None:
    import dask.bag as db
    import dask.dataframe as dd
    from dask.distributed import Client, LocalCluster

    seeds = sorted(str(p) for p in (ROOT / "seeds").glob("*.txt"))
    expected = run("lint", *seeds, "--format", "json", "--jobs", "1").json["findings"]
    checker = Checker(glossary=["builtin"])
    # The compiled shipped term base, not the world: 2.4 MB for its 409 concepts and 5,010 terms (2026-12).
    assert len(pickle.dumps(checker)) < 4_000_000
    rows = pd.DataFrame({"id": [1, 2, 3], "lang": ["pt", "de", "en"],
                         "text": ["A CSTO reuniu-se.", "Die OVKS und die CSTO.", "The CSTO met."]})  # fmt: skip
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        shipped = client.scatter(checker, broadcast=True)
        bag = db.from_sequence(seeds, npartitions=len(seeds))
        found = bag.map(lambda path, c: c.check_path(path), shipped).flatten().compute()

        def check_partition(frame: Any, c: Checker) -> Any:  # pandas DataFrames (pandas ships no types)
            out = c.check_rows(zip(frame["id"], frame["lang"], frame["text"], strict=True))
            return pd.DataFrame(out, columns=["id", "code", "text"])

        meta = pd.DataFrame({"id": pd.Series(dtype="int64"), "code": "str", "text": "str"})
        frame = dd.from_pandas(rows, npartitions=2).map_partitions(check_partition, shipped, meta=meta).compute()
        workers = len(client.scheduler_info()["workers"])
        # The run as a whole: files in a few tasks, compact per-file results, the run-level stage here.
        linted = checker.lint(seeds, client)
        results = checker.analyse_paths(seeds, client)
    assert workers == 2
    assert linted == checker.finish(results) == expected  # the CLI's JSON findings, exactly
    assert all(f.line_text == "" for a in results if a is not None for f in a.findings)
    assert sorted(map(_key, found)) == sorted(map(_key, expected))
    assert len(found) == len(expected) > 30  # the seeds' acceptance list is 44 findings
    assert sorted(zip(frame["id"], frame["code"], frame["text"], strict=True)) == [
        (1, "TC101", "CSTO"),
        (2, "TC101", "CSTO"),
    ]  # fmt: skip  (row 3 is English, where CSTO is right)


def test_checker_is_a_pure_function_of_its_input(tmp_path: Path) -> None:
    checker = Checker(glossary=["builtin"], lang="pt")
    again = pickle.loads(pickle.dumps(checker))
    text = "A CSTO e a OTSC reuniram-se em Minsk."
    assert checker.check_text("a.txt", text) == again.check_text("a.txt", text)
    assert [(f["code"], f["text"]) for f in checker.check_text("a.txt", text)] == [("TC101", "CSTO")]
    path = tmp_path / "x.md"
    path.write_text("# Título\n\nA CSTO reuniu-se.\n", encoding="utf-8")
    assert [(f["line"], f["text"]) for f in again.check_path(path)] == [(3, "CSTO")]


def test_compact_results_keep_what_the_json_findings_show(run: Run, tmp_path: Path) -> None:
    """A per-file result drops each finding's line text, except where a bidi control on it makes a note."""
    checker = Checker(glossary=["builtin"], lang="pt")
    (tmp_path / "a.txt").write_text("A CSTO reuniu-se.\n\nA CSTO\u202e reuniu-se.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("A OTSC e a CSTO.\n" * 3, encoding="utf-8")
    expected = run("lint", "a.txt", "b.txt", "--lang", "pt", "--format", "json", cwd=tmp_path).json["findings"]
    assert [f.get("notes") is not None for f in expected if f["path"] == "a.txt"] == [False, True]
    results = checker.analyse_paths(["a.txt", "b.txt"])
    assert [bool(f.line_text) for f in results[0].findings] == [False, True]  # type: ignore[union-attr]
    assert checker.finish(results) == checker.lint(["a.txt", "b.txt"]) == expected
    assert checker.check_path("a.txt") == [f for f in expected if f["path"] == "a.txt"]


def test_batches_run_largest_first_and_shrink_to_single_files(tmp_path: Path) -> None:
    from termcheck.scale import _batches

    files = []
    for i in range(40):
        (tmp_path / f"{i}.txt").write_text("x" * (1000 + 10 * i))
        files.append((str(tmp_path / f"{i}.txt"), f"{i}.txt"))
    batches = _batches([*files, files[0]], 4)
    assert sorted(f for b in batches for f in b) == sorted(files)  # each file once
    assert batches[0][0] == files[-1] and len(batches[0]) > 1 and len(batches[-1]) == 1
    assert len(batches) < len(files) // 2
    assert [len(b) for b in batches] == sorted((len(b) for b in batches), reverse=True)


def _documented(heading: str) -> str:
    """The first Python example under `heading` in docs/scale.md, as written there."""
    doc = (ROOT / "docs" / "scale.md").read_text(encoding="utf-8")
    section = doc.split(f"\n{heading}\n", 1)[1]
    return section.split("```python\n", 1)[1].split("\n```", 1)[0] + "\n"


# Segments of the seed articles, whole lines as they are; a language left empty is identified.
SEGMENTS = [
    (1, "pt", "seeds/000_bbfeb18460988360.txt", 5),
    (2, "", "seeds/001_dab0a07f79a0557f.txt", 7),
    (3, "en", "seeds/002_cbbd704be0d123c1.txt", 7),
    (4, "", "seeds/003_9c8547ecd273c77d.txt", 11),
    (5, "de", "seeds/004_79c9e2800bb37f61.txt", 11),
]


@pytest.mark.parametrize("missing", ["pd.NA", "NaN"])
def test_the_documented_dataframe_example_with_missing_languages(
    run: Run, tmp_path: Path, warm_cache_dir: Path, missing: str
) -> None:
    """docs/scale.md's dask.dataframe example, run as written on a LocalCluster over a CSV whose language
    column has empty cells: read by Dask as pd.NA (its pyarrow strings, the default) or as NaN (without
    them). Those segments' language is identified, as the docs say; the findings are `termcheck lint`'s."""
    import csv
    import os
    import re
    import subprocess
    import sys

    rows = []
    for ident, lang, seed, line in SEGMENTS:
        text = (ROOT / seed).read_text(encoding="utf-8").splitlines()[line - 1]
        rows.append((ident, lang, text))
    with (tmp_path / "memory-1.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([("id", "lang", "text"), *rows])
    expected: dict[str, int] = {}
    for ident, lang, text in rows:
        (tmp_path / f"{ident}.txt").write_text(text + "\n", encoding="utf-8")
        found = run("lint", f"{ident}.txt", *(["--lang", lang] if lang else []), "--format", "json", cwd=tmp_path)
        for f in found.json["findings"]:
            expected[f["code"]] = expected.get(f["code"], 0) + 1
    assert expected.get("TC101") == 4  # the CSTO of the two Portuguese segments (1 and 3), one identified
    (tmp_path / "example.py").write_text(_documented("## A translation memory or an export, with `dask.dataframe`"))
    env = {**os.environ, "TERMCHECK_CACHE_DIR": str(warm_cache_dir), "PYTHONPATH": str(ROOT)}
    if missing == "NaN":
        env["DASK_DATAFRAME__CONVERT_STRING"] = "False"
    done = subprocess.run([sys.executable, "example.py"], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=300, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    printed = dict(re.findall(r"^(TC\d{3})\s+(\d+)$", done.stdout, re.MULTILINE))
    assert {code: int(n) for code, n in printed.items()} == expected, done.stdout


@pytest.mark.parametrize("lang", [None, "", float("nan"), "NA", "NaN-numpy"])
def test_check_rows_takes_missing_languages_and_texts(lang: Any) -> None:
    import numpy as np

    value = {"NA": pd.NA, "NaN-numpy": np.float64("nan")}.get(lang, lang)
    checker = Checker(glossary=["builtin"])
    text = (ROOT / "seeds" / "001_dab0a07f79a0557f.txt").read_text(encoding="utf-8").splitlines()[6]
    found = checker.check_rows([(7, value, text), (8, "pt", pd.NA), (9, value, float("nan"))])
    assert found == checker.check_rows([(7, "pt", text)])  # identified as Portuguese
    assert [(f["id"], f["code"], f["text"]) for f in found] == [(7, "TC101", "CSTO")] * 3
