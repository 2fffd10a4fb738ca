"""Checking past one machine: termcheck's per-document check as a pure function, with a compiled term
base that travels to the workers once.

A `Checker` holds a session (`app.session`: the compiled term base, rules, configuration and settings
of a run). It pickles as exactly that, so a cluster ships it to each worker once (Dask:
`client.scatter(checker, broadcast=True)`); what each worker loads for itself (the language model, the
word lists) it loads once, from its own cache. Its methods are pure functions of their input:

- `check_path(path)`: one file, read and checked as `termcheck lint` checks it on its own;
- `analyse_path(path)` on the workers, then `finish(results)` on the client: a run's files with the
  run-level stage too (consistency across files, `consistency_scope="directory"` or `"run"`), the
  findings `termcheck lint` reports for the same files; a per-file result is compact (its findings
  without their lines' text), about 120 bytes a finding;
- `analyse_paths(paths, client)` and `lint(paths, client)`: the same on a Dask client's workers in one
  call, the checker scattered once and the files sent in a few tasks per worker, largest first; `lint`
  walks its paths as `termcheck lint` does and returns its findings;
- `check_text(label, text, lang=None)`: a text as if it were a file of that name;
- `check_rows(rows)`: segments of a translation memory or any export, as (id, language, text).

Each returns the findings as the JSON contract's finding objects (docs/json.md), the same objects
`termcheck lint --format json` prints. docs/scale.md shows a corpus checked with `dask.bag` and an
export checked with `dask.dataframe` on a local cluster.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ConfigError, GlossaryError
from .findings import BIDI_CONTROLS, Finding

if TYPE_CHECKING:
    from .glossary.index import GlossaryIndex
    from .glossary.model import TermBase
    from .pipeline import Analysed, Settings
    from .resources import Resources

_BIDI = re.compile(f"[{BIDI_CONTROLS}]")


class Checker:
    def __init__(
        self,
        glossary: Sequence[str] = ("builtin",),
        select: Sequence[str] | None = None,
        ignore: Sequence[str] = (),
        lang: str | None = None,
        config: str | None = None,
        consistency_scope: str | None = None,
        use_cache: bool = True,
    ) -> None:
        from .app.session import TermBaseProblems, open_session

        try:
            session = open_session(config_path=config, glossary=glossary, select=select, ignore=ignore, lang=lang,
                                   consistency_scope=consistency_scope, use_cache=use_cache)  # fmt: skip
        except TermBaseProblems as exc:
            raise GlossaryError(
                f"the term base has {len(exc.problems)} problem(s), the first: {exc.problems[0]}"
            ) from None
        self.session = session

    @property
    def settings(self) -> Settings:
        return self.session.settings

    @property
    def index(self) -> GlossaryIndex:
        return self.session.index

    @property
    def glossary(self) -> TermBase:
        return self.session.glossary

    @property
    def resources(self) -> Resources:
        return self.session.resources

    def analyse_path(self, path: str | Path) -> Analysed | None:
        """One file's per-file result (None: skipped, as a binary file); what a worker sends back for
        `finish` to complete, compact: its findings without what only other reports read (the line's text,
        kept where it holds a bidi control; a bilingual segment's view and source). A file that cannot be
        read or parsed raises SourceError."""
        return self._analyse(str(path), str(path))

    def analyse_paths(
        self, paths: Iterable[str | Path], client: Any = None, tasks_per_worker: int = 2
    ) -> list[Analysed | None]:
        """Each file's `analyse_path` result, in the order given: here, one file after another (no
        client), or on a Dask client's workers (`dask.distributed.Client`): the checker scattered to each
        worker once, the files in tasks of several files, the largest first, each task about 1/(worker
        threads × `tasks_per_worker`) of the bytes left (so the last tasks are single files, and no worker
        waits long for another at the end)."""
        return self._analyse_all([(str(p), str(p)) for p in paths], client, tasks_per_worker)

    def lint(self, paths: Sequence[str | Path], client: Any = None, tasks_per_worker: int = 2) -> list[dict[str, Any]]:
        """The findings of `termcheck lint PATHS` (`--format json`): the files and folders walked as
        `termcheck lint` walks them, each file analysed (on the client's workers, as `analyse_paths`),
        then `finish`. A file that cannot be read raises SourceError, as a path that does not exist."""
        from .app.run import gather

        items, errors, _skipped = gather([str(p) for p in paths], self.session.config)
        if errors:
            raise errors[0]
        files = [(str(item.path), item.label) for item in items]
        return self.finish(self._analyse_all(files, client, tasks_per_worker))

    def _analyse(self, path: str, label: str) -> Analysed | None:
        from .errors import SourceError
        from .runner import Item, check_file

        s = self.session
        outcome = check_file(Item(Path(path), label), s.settings, s.index, s.resources, "write")
        if outcome.error is not None:
            raise outcome.error
        if outcome.analysed is None and not outcome.skipped:
            raise SourceError("not checked", label)
        return None if outcome.analysed is None else _compact(outcome.analysed)

    def _analyse_all(self, files: list[tuple[str, str]], client: Any, tasks_per_worker: int) -> list[Analysed | None]:
        if client is None:
            return [self._analyse(path, label) for path, label in files]
        if not files:
            return []
        threads = max(1, sum(client.nthreads().values()))
        batches = _batches(files, threads * max(1, tasks_per_worker))
        shipped = client.scatter(self, broadcast=True, hash=False)
        futures = [client.submit(_analyse_batch, shipped, batch, pure=False) for batch in batches]
        done: dict[tuple[str, str], Analysed | None] = {}
        for batch, results in zip(batches, client.gather(futures), strict=True):
            done.update(zip(batch, results, strict=True))
        return [done[f] for f in files]

    def check_path(self, path: str | Path) -> list[dict[str, Any]]:
        """The findings of one file, without the run-level ones; a file that cannot be read or parsed
        raises SourceError."""
        from .pipeline import finalize

        analysed = self.analyse_path(path)
        return [] if analysed is None else self._dicts(finalize(analysed, [], self.settings))

    def finish(self, results: Iterable[Analysed | None]) -> list[dict[str, Any]]:
        """The run-level stage over the per-file results gathered from the workers (`analyse_path`):
        every file's final findings, cross-file consistency included, as `termcheck lint` reports them
        (sorted by path, then place)."""
        from .app.run import final_findings

        done = [a for a in results if a is not None]
        by_path = final_findings(self.session, done)
        return self._dicts(sorted((f for found in by_path.values() for f in found), key=Finding.sort_key))

    def check_text(self, label: str, text: str, lang: str | None = None) -> list[dict[str, Any]]:
        """The findings of a text, read as a file named `label` (its extension chooses the format)."""
        from .pipeline import lint_text

        s = self.session
        found = lint_text(label, text, lang or s.settings.lang, s.settings, s.index, s.resources)
        return self._dicts(found)

    def check_rows(self, rows: Iterable[tuple[Any, Any, Any]]) -> list[dict[str, Any]]:
        """The findings of segments given as (id, language, text), each as plain text, each finding
        with its segment's `id`. A missing language (empty, None, or a data frame's missing value:
        NaN, `pd.NA`) is identified from the text; a missing text is an empty one."""
        out = []
        for ident, lang, text in rows:
            tag = lang.strip() if isinstance(lang, str) else ""  # a tag is a string; NaN and pd.NA are not
            for found in self.check_text(str(ident), "" if _missing(text) else str(text), tag or None):
                out.append({"id": ident, **found})
        return out

    @staticmethod
    def _dicts(findings: list[Any]) -> list[dict[str, Any]]:
        from .reports.json import finding_dict

        return [finding_dict(f) for f in findings]


def _analyse_batch(checker: Checker, files: list[tuple[str, str]]) -> list[Analysed | None]:
    """One task of `analyse_paths`, on a worker: its files' per-file results."""
    return [checker._analyse(path, label) for path, label in files]


def _batches(files: list[tuple[str, str]], parts: int) -> list[list[tuple[str, str]]]:
    """The files in batches, the largest files first, each batch about 1/parts of the bytes left: the
    batches shrink to single files at the end, so that no worker waits long for another."""
    import os

    def size(path: str) -> int:
        try:
            return os.stat(path).st_size + 1
        except OSError:
            return 1

    sized = sorted(((size(path), (path, label)) for path, label in dict.fromkeys(files)), key=lambda x: -x[0])
    left = sum(n for n, _ in sized)
    out: list[list[tuple[str, str]]] = []
    batch: list[tuple[str, str]] = []
    taken = 0
    for n, f in sized:
        batch.append(f)
        taken += n
        if taken * parts >= left:
            out.append(batch)
            left -= taken
            batch, taken = [], 0
    if batch:
        out.append(batch)
    return out


def _compact(analysed: Analysed) -> Analysed:
    """A per-file result as small as `finish` can take: each finding without its line's text (kept where
    a bidi control makes a note of it), a bilingual segment's view and source, read only by other
    reports than the JSON findings."""
    import dataclasses

    slim = [
        f
        if not (f.line_text or f.segment or f.source_text)
        else dataclasses.replace(
            f, line_text=f.line_text if _BIDI.search(f.line_text) else "", segment=None, source_text=""
        )
        for f in analysed.findings
    ]
    return dataclasses.replace(analysed, findings=slim)


def _missing(value: Any) -> bool:
    """A data frame's missing value: None, NaN, pandas' NA or NaT (without importing pandas)."""
    if value is None or type(value).__name__ in ("NAType", "NaTType"):
        return True
    return isinstance(value, float) and value != value  # NaN, numpy's too


__all__ = ["Checker", "ConfigError", "GlossaryError"]
