"""A cache of the compiled term base, keyed by the content of the glossary files.

Loading and validating YAML and compiling the index is the fixed cost of every run; a pre-commit hook
pays it on every commit. The compiled (Glossary, GlossaryIndex) pair is pickled in the user's cache
directory (TERMCHECK_CACHE_DIR overrides it) under a key made of termcheck's version and the path and
bytes of every glossary file, so any edit makes a new key. A cache file that cannot be read back is
rebuilt and replaced, never trusted; only files termcheck wrote in the user's own cache directory
are read.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from .files import expand
from .index import GlossaryIndex
from .model import Glossary

if TYPE_CHECKING:
    from .load import Problem

_FORMAT = 2


def cache_dir() -> Path:
    override = os.environ.get("TERMCHECK_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("termcheck", appauthor=False))


def key(paths: list[str]) -> str:
    digest = hashlib.sha256(f"termcheck {__version__} format {_FORMAT}".encode())
    for path, label in expand(paths):
        digest.update(label.encode() + b"\0" + str(path.resolve()).encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:32]


def load_index(paths: list[str], use_cache: bool = True) -> tuple[Glossary, GlossaryIndex] | list[Problem]:
    """The term base and its index, or its problems. Unreadable files raise GlossaryError."""
    file = cache_dir() / f"index-{key(paths)}.pickle" if use_cache else None
    if file is not None and file.is_file():
        try:
            with file.open("rb") as handle:
                cached = pickle.load(handle)
            if isinstance(cached, tuple) and len(cached) == 2 and isinstance(cached[1], GlossaryIndex):
                return cached[0], cached[1]
        except Exception:
            pass
    from .load import load  # PyYAML only when the cache cannot serve

    glossary, problems = load(paths)
    if problems:
        return problems
    index = GlossaryIndex(glossary)
    if file is not None:
        index.typos  # noqa: B018 - built now so that the cache holds it too
        _store(file, (glossary, index))
    return glossary, index


def _store(file: Path, value: object) -> None:
    from ..fileio import atomic_write

    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(file, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass  # a read-only or full cache directory only costs speed
