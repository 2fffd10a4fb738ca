"""Compiling a large term base in parallel processes (issue 25: 100,000 concepts).

Reading the YAML with the position of every value is the first half of compiling a large term base:
a file read in parts (`load._read_in_parts`, 500 concepts a part) has its parts parsed and checked in
worker processes, each part's concepts and problems sent back and put in the file's order, so the
result is the one a single process gives. Workers start fresh (forkserver, else spawn): a forked
worker would start as large as the process that forks it, and forking a process that runs other
threads is unsafe (runner.py says why). Where there is one CPU, or few parts, nothing is started.
"""

from __future__ import annotations

import gc
import mmap
import os
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from .model import Glossary

T = TypeVar("T")

PARALLEL_PARTS = 8  # parts of a file (4,000 concepts) from which they are read in worker processes
MAX_WORKERS = 8


def cpus() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def workers_for(parts: int) -> int:
    """How many worker processes read `parts` parts: none (read here) below PARALLEL_PARTS or with one CPU."""
    if parts < PARALLEL_PARTS:
        return 0
    n = min(cpus(), MAX_WORKERS, parts)
    return n if n > 1 else 0


def _init_worker(main: int) -> None:
    # A part is thousands of small objects that live until they are sent back: the cyclic collector
    # would walk them again and again for nothing (see cache._no_gc).
    gc.disable()
    if os.name == "posix":  # (on Windows, os.kill(pid, 0) would send a Ctrl-C)
        threading.Thread(target=_orphaned, args=(main,), daemon=True).start()


def _orphaned(main: int) -> None:
    """End this worker once the process it works for is gone (killed: it never shut the pool down).
    A forkserver's worker is not its child, and every worker holds the read end of the results' pipe
    too, so one that writes a large part there would otherwise wait for a reader forever."""
    while True:
        time.sleep(1.0)
        try:
            os.kill(main, 0)
        except ProcessLookupError:
            os._exit(1)
        except OSError:
            pass  # there, but not ours to signal (EPERM): still there


def ordered_map(fn: Callable[..., T], calls: Iterable[tuple[Any, ...]], workers: int) -> Iterator[T]:
    """fn(*args) for every args of `calls`, in worker processes, yielded in the order of `calls`. At most
    a few calls wait at a time, so their arguments (a part's text) are not all held at once. Leaving the
    loop early (a part that is no list of concepts) cancels what has not started."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(os.getpid(),))
    try:
        waiting: deque[Future[T]] = deque()
        for args in calls:
            waiting.append(pool.submit(fn, *args))
            if len(waiting) >= 2 * workers + 1:
                yield waiting.popleft().result()
        while waiting:
            yield waiting.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def compiled_file(glossary: Glossary) -> Any:
    """The compiled term base written to a temporary file and memory-mapped (where there is no cache
    to write it to): its pages are then the page cache's, not the process's memory, as the cache's
    file is (at 100,000 concepts it is 640 MB; held in a BytesIO it was counted twice while it grew).
    The file is removed at once; the map keeps it until the run ends. Bytes in memory if that fails."""
    from .index import pack
    from .store import Writer, written

    try:
        with tempfile.TemporaryFile() as handle:
            writer = Writer(handle)
            pack(glossary, writer)
            writer.finish()
            handle.flush()
            return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return written(lambda writer: pack(glossary, writer))
