"""A cache of the compiled term base, keyed by the content of the glossary files.

Loading and validating YAML and compiling the index is the fixed cost of every run; a pre-commit hook
pays it on every commit. The compiled term base (glossary/store.py: plain arrays and records, never
code) is written to the user's cache directory (TERMCHECK_CACHE_DIR overrides it) under a key made of
termcheck's version, the code that compiles it and the path and bytes of every glossary file, so any
edit makes a new key. It is memory-mapped, not read: a run decodes the records its texts lead to. It is
used only from a cache directory and file that are the current user's own and that nobody else may
write (termcheck.cachefiles), and only when its layout checks out; anything else is compiled again.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__, cachefiles
from .files import expand
from .index import GlossaryIndex, pack
from .model import Glossary, TermBase
from .store import Store, StoreError, Writer, written

if TYPE_CHECKING:
    from .model import Problem

_FORMAT = 4
KEEP = 16  # compiled term bases kept in the cache: the most recently used
# The modules that compile the term base and read it: a change to any of them makes a new key (a development
# checkout changes them without a new version number).
_COMPILED_BY = (
    "index.py", "entries.py", "typos.py", "model.py", "store.py", "load.py", "compile.py", "../languages.py",
    "../text/morphology.py", "../text/skeleton.py",
)  # fmt: skip


def _code_digest() -> bytes:
    here = Path(__file__).parent
    digest = hashlib.sha256()
    for name in _COMPILED_BY:
        try:
            digest.update((here / name).read_bytes())
        except OSError:
            digest.update(name.encode())
    return digest.digest()


def key(paths: list[str]) -> str:
    digest = hashlib.sha256(f"termcheck {__version__} format {_FORMAT}".encode() + _code_digest())
    for path, label in expand(paths):
        digest.update(label.encode() + b"\0" + str(path.resolve()).encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:32]


def load_index(paths: list[str], use_cache: bool = True) -> tuple[TermBase, GlossaryIndex] | list[Problem]:
    """The term base and its index, or its problems. Unreadable files raise GlossaryError."""
    name = f"index-{key(paths)}.bin" if use_cache else None
    buf: Any = cachefiles.map_data(name) if name is not None else None
    if buf is not None:
        try:
            index = GlossaryIndex.read(Store(buf, repair=partial(_compiled_again, paths, name)))  # type: ignore[arg-type]
        except StoreError:  # damaged, truncated or of another format: compiled again below
            pass
        else:
            cachefiles.touch(name)  # type: ignore[arg-type]  # mapped only when there is a name
            _IN_USE.append((name, list(paths)))  # type: ignore[arg-type]
            return index.glossary, index
    from .load import errors, load  # PyYAML only when the cache cannot serve

    with _no_gc():
        glossary, problems = load(paths)
        if errors(problems):
            return errors(problems)
        if name is not None:  # written straight to the cache, then mapped from there
            cachefiles.write_data(name, lambda handle: _finished(glossary, Writer(handle)))
            cachefiles.prune("index-", keep=KEEP)
            buf = cachefiles.map_data(name)
        if buf is None:  # no cache to write to: a temporary file, mapped (`compile.compiled_file`)
            from .compile import compiled_file

            buf = compiled_file(glossary)
    return glossary, GlossaryIndex.read(Store(buf), glossary)


def _finished(glossary: Glossary, writer: Writer) -> None:
    pack(glossary, writer)
    writer.finish()


@contextmanager
def _no_gc() -> Iterator[None]:
    """The term base is millions of small objects that live as long as the run: the cyclic collector
    would walk them again and again while they are made (more than half of the load time at 10,000
    concepts), and at every later collection. So it is paused while they are made, and they are then
    moved out of its reach (`gc.freeze`), which also keeps them shared with forked workers."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def cache_dir() -> Path:
    return cachefiles.cache_dir()


def _compiled_again(paths: list[str], name: str) -> Any:
    """A record of the cache's compiled term base did not decode (damage that its checksum was made to
    match): the term base compiled again in memory (compiling is deterministic: the bytes the file
    should hold, so every number the run already read stays right), and the file replaced."""
    from .load import load

    glossary, _problems = load(paths)  # the same files as when it was compiled: the key covers their bytes
    data = written(partial(pack, glossary))
    cachefiles.write_data(name, bytes(data))
    return data


# The compiled term bases this run reads from the cache, and the files each was compiled from.
_IN_USE: list[tuple[str, list[str]]] = []


def discard_damaged() -> list[Path]:
    """After a run failed: the cache files it read that are not what their term base compiles to (a
    damaged record behind a checksum that was made to match, say), removed so that the next run
    compiles them again. A sound file is left alone: the failure was not the cache's."""
    from .load import errors, load

    found = []
    for name, paths in _IN_USE:
        folder = cachefiles.trusted_dir()
        buf = cachefiles.map_data(name)
        if folder is None or buf is None:
            continue
        glossary, problems = load(paths)
        if errors(problems) or bytes(buf) != bytes(written(partial(pack, glossary))):
            with contextlib.suppress(OSError):
                (folder / name).unlink()
                found.append(folder / name)
    return found
