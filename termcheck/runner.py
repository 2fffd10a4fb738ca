"""Check files: read each, hand it to the pipeline, write its fixes; one file at a time or in parallel
processes (`--jobs`), the results always in the order of the files. This is the only place that
reads the files to check and writes fixed ones; the checking itself is `pipeline`."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import SourceError
from .fixer import FixStats
from .pipeline import Analysed, Settings, analyse, fix_and_analyse, read_source
from .resources import Resources
from .sources.formats import sniff
from .sources.text import BinaryFile, NotRegular, decode, read_text

if TYPE_CHECKING:
    from .glossary.index import GlossaryIndex

STDIN = "-"


@dataclass(frozen=True)
class Item:
    """A file to check: its path and label, or (stdin) its bytes and the name it goes by."""

    path: Path | None
    label: str
    data: bytes | None = None


@dataclass
class Outcome:
    """One file's check: its analysis, or the error or reason that kept it from being checked; its fixes."""

    path: str
    analysed: Analysed | None = None
    error: SourceError | None = None
    skipped: str | None = None
    fixes: FixStats = field(default_factory=FixStats)
    diff: str | None = None  # --diff: the fixes as a unified diff
    fixed: bytes | None = None  # stdin with --fix: the fixed file's bytes (its encoding kept), for stdout
    changed: bool = False


def check_file(item: Item, settings: Settings, index: GlossaryIndex, resources: Resources, output: str) -> Outcome:
    """One file: read, fix (when asked), check; `output` says where fixes go: write, diff or stdout."""
    out = Outcome(item.label)
    try:
        if item.data is not None:
            decoded = decode(item.data, item.label)
        else:
            decoded = read_text(item.path, item.label, settings.cfg.max_file_size)  # type: ignore[arg-type]
    except BinaryFile:
        out.skipped = "binary file"
        return out
    except NotRegular as exc:
        out.skipped = f"{exc.kind}, not read"
        return out
    except SourceError as exc:
        out.error = exc
        return out
    text = decoded.text
    fmt = sniff(item.label, text)
    try:
        final = None  # the check of the fixed text, made by the last fix round
        if settings.fix:
            text, out.fixes, final = fix_and_analyse(item.label, text, fmt, index, settings, resources)
        if text != decoded.text:  # a fix the file's charset cannot hold (a PO in KOI8-R) is not applied
            text, final = _encodable(out, item, decoded, text, final)
        out.changed = text != decoded.text
        if out.changed and not _deliver(out, item, decoded, text, output):
            text, out.fixes, out.changed, final = decoded.text, FixStats(), False, None  # the file as it still is
        out.analysed = final or analyse(read_source(item.label, text, settings, fmt), index, settings, resources)
    except SourceError as exc:
        out.error = exc
    return out


def _encodable(out: Outcome, item: Item, decoded: Any, text: str, final: Any) -> tuple[str, Any]:
    """The fixed text without the changes the file's charset cannot encode (each put back as it was),
    and the check of the fixed text while it still is that text. What was not applied is a located
    error: the file is never written broken, nor in another charset than its own."""
    kept, refused = decoded.encodable(text)
    if not refused:
        return text, final
    line, column, new = refused[0]
    more = f" (and {len(refused) - 1} more)" if len(refused) > 1 else ""
    out.error = SourceError(f"a fix would write {new!r}, which the file's charset ({decoded.codec.upper()}) cannot "
                            f"encode: not applied{more}", item.label, line, column)  # fmt: skip
    out.fixes.applied = max(0, out.fixes.applied - len(refused))
    return kept, None


def _deliver(out: Outcome, item: Item, decoded: Any, text: str, output: str) -> bool:
    """Hand the fixed text where it goes; False when the file could not be written (out.error says why)."""
    if output == "diff":
        import difflib

        lines = difflib.unified_diff(decoded.text.splitlines(keepends=True), text.splitlines(keepends=True),
                                     f"a/{item.label}", f"b/{item.label}")  # fmt: skip
        out.diff = "".join(line if line.endswith(("\n", "\r")) else line + "\n" for line in lines)
    elif output == "stdout" or item.path is None:
        out.fixed = decoded.encode(text)
    else:
        from .fileio import NotReplaced, atomic_write

        try:
            atomic_write(item.path, decoded.encode(text), expect=decoded.stamp)
        except NotReplaced as exc:
            out.error = SourceError(f"{exc.reason}; not fixed", item.label)
            return False
        except OSError as exc:
            out.error = SourceError(f"cannot write the fixed file: {exc.strerror or exc}; not fixed", item.label)
            return False
    return True


# --- parallel --------------------------------------------------------------------------------------

# A worker process's settings, index, output and resources: set once, by the pool's initializer, in
# the worker itself (sent to each worker once instead of with every file). The package's one piece
# of module-level mutable state, and only in worker processes.
_STATE: dict[str, Any] = {}


def _init_worker(settings: Settings, index: GlossaryIndex, output: str) -> None:
    _STATE.update(settings=settings, index=index, output=output, resources=Resources.for_index(index))


def _work(item: Item) -> Outcome:
    return check_file(item, _STATE["settings"], _STATE["index"], _STATE["resources"], _STATE["output"])


def iter_check_files(
    items: list[Item], settings: Settings, index: GlossaryIndex, jobs: int, output: str
) -> Iterator[Outcome]:
    """Each file's outcome as soon as it and those before it are done, in the order given."""
    if jobs <= 1 or len(items) < 2:
        resources = Resources.for_index(index)
        for item in items:
            yield check_file(item, settings, index, resources, output)
        return
    import multiprocessing
    import threading
    from concurrent.futures import ProcessPoolExecutor

    # fork is the cheapest start, but forking a process that runs other threads (an application that
    # calls termcheck after using Dask, pyarrow or a thread pool) may leave a child holding a lock
    # forever or aborting: such a process starts its workers fresh (forkserver, else spawn).
    methods = multiprocessing.get_all_start_methods()
    alone = threading.active_count() == 1
    method = "fork" if "fork" in methods and alone else "forkserver" if "forkserver" in methods else "spawn"
    context = multiprocessing.get_context(method)
    workers = min(jobs, len(items))
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_init_worker, initargs=(settings, index, output)
    ) as pool:
        yield from pool.map(_work, items, chunksize=max(1, min(16, len(items) // (workers * 4))))
