"""A cache of the compiled term base, keyed by the content of the glossary files.

Loading and validating YAML and compiling the index is the fixed cost of every run; a pre-commit hook
pays it on every commit. The compiled (Glossary, GlossaryIndex) pair is pickled in the user's cache
directory (TERMCHECK_CACHE_DIR overrides it) under a key made of termcheck's version and the path and
bytes of every glossary file, so any edit makes a new key. A pickle runs code when it is loaded, so it
is loaded only from a cache directory and file that are the current user's own and that nobody else
may write, and only when its checksum matches (termcheck.cachefiles); anything else is rebuilt.
"""

from __future__ import annotations

import gc
import hashlib
import pickle
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__, cachefiles
from .files import expand
from .index import GlossaryIndex
from .model import Glossary

if TYPE_CHECKING:
    from .load import Problem

_FORMAT = 3
KEEP = 16  # compiled term bases kept in the cache: the most recently used
# The modules whose classes are pickled: a change to any of them makes a new key (a development
# checkout changes them without a new version number).
_COMPILED_BY = ("index.py", "typos.py", "model.py", "../text/morphology.py", "../text/skeleton.py")


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


def load_index(paths: list[str], use_cache: bool = True) -> tuple[Glossary, GlossaryIndex] | list[Problem]:
    """The term base and its index, or its problems. Unreadable files raise GlossaryError."""
    name = f"index-{key(paths)}.pickle" if use_cache else None
    data = cachefiles.read(name) if name is not None else None
    if data is not None:
        try:
            with _no_gc():
                cached = pickle.loads(data)
            if isinstance(cached, tuple) and len(cached) == 2 and isinstance(cached[1], GlossaryIndex):
                cachefiles.touch(name)  # type: ignore[arg-type]  # data is read only when there is a name
                return cached[0], cached[1]
        except Exception:  # written by another version of the classes: rebuilt below
            pass
    from .load import load  # PyYAML only when the cache cannot serve

    with _no_gc():
        glossary, problems = load(paths)
        if problems:
            return problems
        index = GlossaryIndex(glossary)
    if name is not None:
        index.typos  # noqa: B018 - built now so that the cache holds it too
        cachefiles.write(name, pickle.dumps((glossary, index), protocol=pickle.HIGHEST_PROTOCOL))
        cachefiles.prune("index-", keep=KEEP)
    return glossary, index


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
