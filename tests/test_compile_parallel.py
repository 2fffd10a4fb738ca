"""A large term base read in worker processes (glossary/compile.py): the same concepts, problems and
compiled bytes as one process gives."""

from __future__ import annotations

import hashlib
from functools import partial
from pathlib import Path

import pytest

from termcheck.glossary import compile as compile_mod
from termcheck.glossary import load as load_mod
from termcheck.glossary.index import pack
from termcheck.glossary.store import written

ROOT = Path(__file__).resolve().parent.parent

# Every kind of value that a worker could send back otherwise than it holds it: a case and a type the
# file does not give (the loader's constants), a definition and a gender given as bare text, the same
# given in full, and problems (an unknown key, a bad id, a term that is no list).
CONCEPT = """\
- id: c{n}
  domain: test
  definition: A thing {n}.
  gender: feminine
  terms:
    en:
    - {{term: Term{n}, status: preferred}}
    - term: TRM{n}
    - term: other thing {n}
      status: admitted
    - {{term: Named{n}, case: name, type: acronym}}
    de: [Begriff{n}, BGR{n}]
    ru:
    - term: Организация {n}
      gender: feminine
  examples:
  - {{lang: en, good: "Term{n} is here."}}
"""
VARIED = """\
- id: v{n}
  definition: {{en: In full {n}., de: Ganz {n}.}}
  gender: {{EN: masculine, de: neuter}}
  terms:
    EN: [Full{n}]
    pt_br: [Cheio{n}]
"""


def _termbase(path: Path, count: int) -> Path:
    parts = ["# a term base\nversion: 1\nconcepts:\n"]
    for n in range(count):
        text = (VARIED if n % 3 == 1 else CONCEPT).format(n=n)
        if n == 3:
            text = text.replace("  domain: test\n", "  domian: test\n")  # an unknown key
        if n == 6:
            text = text.replace("id: c6", "id: C 6")  # a bad id
        if n == 9:
            text = text.replace("    de: [Begriff9, BGR9]\n", "    de: Begriff9\n")  # not a list
        parts.append(text)
    path.write_text("".join(parts), encoding="utf-8")
    return path


def _read(path: Path, monkeypatch: pytest.MonkeyPatch, parallel: bool) -> tuple[object, list[str], str]:
    monkeypatch.setattr(load_mod, "PARTS_FROM", 0)
    monkeypatch.setattr(load_mod, "_PART", 3)
    monkeypatch.setattr(compile_mod, "PARALLEL_PARTS", 2 if parallel else 1 << 30)
    monkeypatch.setattr(compile_mod, "cpus", lambda: 2)
    glossary, problems = load_mod.load([str(path)])
    located = [
        (c, c.position, [(t, t.position) for ts in c.terms.values() for t in ts], c.examples) for c in glossary.concepts
    ]
    data = written(partial(pack, glossary))
    return located, [str(p) for p in problems], hashlib.sha256(data).hexdigest()


def test_a_file_read_in_worker_processes_compiles_to_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _termbase(tmp_path / "big.yaml", 40)
    serial = _read(path, monkeypatch, parallel=False)
    calls: list[int] = []
    real = compile_mod.ordered_map

    def counted(fn: object, parts: object, workers: int) -> object:
        calls.append(workers)
        return real(fn, parts, workers)  # type: ignore[arg-type]

    monkeypatch.setattr(load_mod, "ordered_map", counted)
    parallel = _read(path, monkeypatch, parallel=True)
    assert calls == [2]  # read by two workers
    assert len(serial[1]) >= 3  # the problems are there
    assert parallel[0] == serial[0]
    assert parallel[1] == serial[1]
    assert parallel[2] == serial[2]  # the same compiled bytes: marshal marks interned strings too


@pytest.mark.parametrize("name", ["organisations.yaml", "people.yaml"])
def test_shipped_files_read_in_worker_processes_compile_to_the_same_bytes(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / name
    path.write_bytes((ROOT / "glossary" / name).read_bytes())
    serial = _read(path, monkeypatch, parallel=False)
    parallel = _read(path, monkeypatch, parallel=True)
    assert parallel == serial


def test_workers_that_cannot_run_leave_the_file_to_this_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from concurrent.futures.process import BrokenProcessPool

    path = _termbase(tmp_path / "big.yaml", 12)
    serial = _read(path, monkeypatch, parallel=False)

    def broken(*args: object) -> object:
        raise BrokenProcessPool("a worker died")
        yield  # a generator, as ordered_map is

    monkeypatch.setattr(load_mod, "ordered_map", broken)
    assert _read(path, monkeypatch, parallel=True) == serial


def test_few_parts_or_one_cpu_start_no_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compile_mod, "cpus", lambda: 4)
    assert compile_mod.workers_for(compile_mod.PARALLEL_PARTS - 1) == 0
    assert compile_mod.workers_for(compile_mod.PARALLEL_PARTS) == 4
    monkeypatch.setattr(compile_mod, "cpus", lambda: 1)
    assert compile_mod.workers_for(1000) == 0


def test_a_compiled_file_without_a_cache_is_the_bytes_made_in_memory() -> None:
    glossary, _ = load_mod.load(["builtin"])
    mapped = compile_mod.compiled_file(glossary)
    assert bytes(mapped) == bytes(written(partial(pack, glossary)))
