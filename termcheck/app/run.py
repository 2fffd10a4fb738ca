"""A run: a session over a stream of files, per-file results first, then the run-level stage.

    items = gather(paths, session.config)              the files to check (a folder walk, stdin)
    run = Run(session)
    for outcome in run.check(items, jobs, output):      each file's result as it is done (in order)
        ...                                             (a streamed report takes it here: run.take)
    run.finish(outcomes)                                the run-level stage: consistency across files,
                                                        each file's findings final; the baseline
    run.result                                          the run's result, for a report

The run-level stage alone, on per-file results gathered elsewhere (the LSP server's workspace, the
Dask checker's workers), is `run_level(session, analysed)`: the same findings the CLI reports.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from .. import __version__
from ..errors import SourceError
from ..findings import Finding, Severity
from . import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK

if TYPE_CHECKING:
    from ..config import Config
    from ..pipeline import Analysed
    from ..reports.model import RunResult
    from ..runner import Item, Outcome
    from .session import Session

# Below this much text, worker processes cost more to start than they save (measured: two seed
# articles took 0.37 s in two processes and 0.30 s in one; 10 MB took 6.4 s and 3.9 s).
PARALLEL_FROM_BYTES = 1_000_000


def gather(
    paths: list[str], cfg: Config, stdin_filename: str | None = None
) -> tuple[list[Item], list[SourceError], list[tuple[str, str]]]:
    """The files to check, errors and skipped files of the walk; `-` is standard input, named by
    `stdin_filename`."""
    from pathlib import Path

    from ..runner import STDIN, Item
    from ..sources.walk import walk

    items: list[Item] = []
    errors: list[SourceError] = []
    skipped: list[tuple[str, str]] = []
    for group in [paths] if STDIN not in paths else [[spec] for spec in paths]:
        if group == [STDIN]:
            label = stdin_filename or STDIN
            try:
                data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode("utf-8")
            except OSError as exc:
                errors.append(SourceError(f"cannot read standard input: {exc.strerror or exc}", label))
                continue
            items.append(Item(None, label, data))
            continue
        found = walk(group, cfg)
        items += [Item(Path(p), label) for p, label in found.files]
        errors += found.errors
        skipped += found.skipped
    return items, errors, skipped


def auto_jobs(items: list[Item]) -> int:
    """The number of processes when --jobs is not given: one per core, once there is enough to share."""
    import contextlib
    import os

    total = 0
    for item in items:
        if item.data is not None:
            total += len(item.data)
        elif item.path is not None:
            with contextlib.suppress(OSError):
                total += item.path.stat().st_size
        if total >= PARALLEL_FROM_BYTES:
            return os.cpu_count() or 1
    return 1


def consistency_groups(done: list[Analysed], scope: str) -> list[list[Analysed]]:
    """The sets of files compared with each other: none (file), each folder's files, or the whole run."""
    if scope == "file":
        return []
    if scope == "run":
        return [done]
    groups: dict[str, list[Analysed]] = {}
    for a in done:
        groups.setdefault(a.path.rpartition("/")[0], []).append(a)
    return list(groups.values())


def run_level(session: Session, done: list[Analysed]) -> list[Finding]:
    """The run-level rules' findings (consistency across files) over the files' per-file results, as
    the session's consistency scope groups them; each file takes its share in `pipeline.finalize`."""
    found: list[Finding] = []
    for group in consistency_groups(done, session.consistency_scope):
        for rule in session.rules:
            if rule.check_run is not None:
                found += rule.check_run([(a.path, a.facts.get(rule.name, [])) for a in group], rule)
    return found


def final_findings(session: Session, done: list[Analysed]) -> dict[str, list[Finding]]:
    """Each file's final findings, with its share of the run-level ones: what `termcheck lint` reports
    for these files, by path."""
    from ..pipeline import finalize

    shared = run_level(session, done)
    return {a.path: finalize(a, [f for f in shared if f.path == a.path], session.settings) for a in done}


class Run:
    """One run of a session: its files checked (in order, serially or in processes), then the
    run-level stage; `result` is what a report shows."""

    def __init__(self, session: Session) -> None:
        from ..reports.model import RunResult

        self.session = session
        glossary = session.glossary
        self.result: RunResult = RunResult(__version__, glossary.sources, len(glossary.concepts), glossary.term_count)
        self.result.max_findings = session.config.max_findings_per_file
        self.changes = 0  # files a fix changed

    def check(self, items: list[Item], jobs: int = 1, output: str = "write") -> Iterator[Outcome]:
        """Each file's outcome as soon as it and those before it are done (`output`: where fixes go)."""
        from ..runner import iter_check_files

        s = self.session
        return iter_check_files(items, s.settings, s.index, jobs, output)

    def take(self, o: Outcome, shared: Iterable[Finding] = ()) -> list[Finding]:
        """Record one file's outcome (its error, skip, file entry and fixes); its final findings, with
        its share of the run-level ones."""
        from ..pipeline import finalize
        from ..reports.model import FileResult

        result = self.result
        if o.error is not None:
            result.errors.append(o.error)
        if o.skipped is not None:
            result.skipped.append((o.path, o.skipped))
        result.fixed += o.fixes.applied
        result.unsafe_held += o.fixes.unsafe_held
        self.changes += o.changed
        a = o.analysed
        if a is None:
            return []
        findings = finalize(a, [f for f in shared if f.path == a.path], self.session.settings)
        not_shown = sum(a.not_shown.values())
        result.add_not_shown(a.path, a.not_shown)
        result.files.append(FileResult(a.path, a.language, a.language_source, a.language_confidence,
                                       len(findings) + not_shown, a.format, a.segments, a.languages,
                                       dict(a.counts), tuple(a.usage), not_shown))  # fmt: skip
        return findings

    def finish(self, outcomes: list[Outcome]) -> RunResult:
        """The run-level stage over every file's outcome: the run's findings, each file's final, sorted."""
        shared = run_level(self.session, [o.analysed for o in outcomes if o.analysed is not None])
        for o in outcomes:
            self.result.findings += self.take(o, shared)
        self.result.findings.sort(key=Finding.sort_key)
        return self.result

    def filter_baseline(self, path: str) -> None:
        """Keep only the findings the baseline file does not record."""
        from ..baseline import filter_baseline, read_baseline

        before = len(self.result.findings)
        self.result.findings = filter_baseline(self.result.findings, read_baseline(path))
        self.result.baselined = before - len(self.result.findings)


def exit_code(result: RunResult, fail_level: str, exit_zero: bool = False, diff_changes: int = 0) -> int:
    """0 clean, 1 findings at or above `fail_level` (or, with --diff, a file a fix would change), 2 an
    error in the run."""
    from ..policy import fails

    if result.errors:
        return EXIT_ERROR
    if exit_zero:
        return EXIT_OK
    if diff_changes:
        return EXIT_FINDINGS
    threshold = Severity.parse(fail_level)
    if result.streamed:
        return EXIT_FINDINGS if any(s >= threshold for s in result.severities) else EXIT_OK
    not_shown = any(s >= threshold for _code, _rule, s in result.not_shown_by_rule)
    return EXIT_FINDINGS if not_shown or fails(result.findings, fail_level) else EXIT_OK
