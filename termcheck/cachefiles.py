"""Files in the user's cache directory, never trusted blindly.

A cache file is read only when the directory and the file belong to the current user and nobody else
may write to them (the directory is kept at mode 0700); a directory or a file of another user is
ignored, never read. Every file carries a magic word and the SHA-256 of its content: a truncated, bit-flipped or
foreign file is rebuilt and replaced, never loaded. Nothing here raises: a cache that cannot be used
costs time, not a run.
"""

from __future__ import annotations

import contextlib
import hashlib
import mmap
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import BinaryIO

MAGIC = b"TERMCHK1"
# Never through a symbolic link, never waiting (a FIFO planted by that name would block an open):
# the file is checked to be a regular file before anything is read.
_READ = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)


def cache_dir() -> Path:
    override = os.environ.get("TERMCHECK_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("termcheck", appauthor=False))


def _private(info: os.stat_result, is_dir: bool) -> bool:
    """Owned by the current user; nobody else may write (nor, for the directory, list or enter)."""
    uid = os.getuid() if hasattr(os, "getuid") else info.st_uid
    forbidden = 0o077 if is_dir else 0o022
    kind_ok = stat.S_ISDIR(info.st_mode) if is_dir else stat.S_ISREG(info.st_mode)
    return kind_ok and info.st_uid == uid and not info.st_mode & forbidden


def trusted_dir(create: bool = False) -> Path | None:
    """The cache directory, if it is the current user's own (made so when `create`)."""
    folder = cache_dir()
    try:
        if create and not folder.exists():
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.lstat(folder)
        uid = os.getuid() if hasattr(os, "getuid") else info.st_uid
        if stat.S_ISDIR(info.st_mode) and info.st_uid == uid and info.st_mode & 0o077:
            os.chmod(folder, 0o700)  # our own folder, made by an older version or by hand: close it
            info = os.lstat(folder)
    except OSError:
        return None
    return folder if _private(info, True) else None


def read(name: str) -> bytes | None:
    """The content of a cache file, or None: missing, not private, not ours, or damaged."""
    folder = trusted_dir()
    if folder is None:
        return None
    path = folder / name
    try:
        fd = os.open(path, _READ)
    except OSError:
        return None
    try:
        if not _private(os.fstat(fd), False):
            return None
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read()
    except OSError:
        return None
    finally:
        os.close(fd)
    head = len(MAGIC) + 32
    if (
        len(data) < head
        or not data.startswith(MAGIC)
        or hashlib.sha256(data[head:]).digest() != data[len(MAGIC) : head]
    ):
        return None
    return data[head:]


def write(name: str, content: bytes) -> None:
    """Store a cache file (atomically, mode 0600), where the cache directory is private."""
    from .fileio import atomic_write, clean_stale

    folder = trusted_dir(create=True)
    if folder is None:
        return
    try:
        clean_stale(folder)
        _clear(folder / name)
        atomic_write(folder / name, MAGIC + hashlib.sha256(content).digest() + content, mode=0o600)
    except OSError:
        pass


def map_data(name: str) -> mmap.mmap | None:
    """A cache file of plain data (never code: arrays of numbers), memory-mapped read-only instead of
    read: pages come from disk as they are used and are shared by every process that maps the file.
    The same ownership checks as `read`; no checksum (it would read the whole file), so callers check
    the layout and treat any surprise as a missing file."""
    folder = trusted_dir()
    if folder is None:
        return None
    try:
        fd = os.open(folder / name, _READ)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not _private(info, False) or info.st_size == 0:
            return None
        return mmap.mmap(fd, 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None
    finally:
        os.close(fd)


def write_data(name: str, content: bytes | bytearray | Callable[[BinaryIO], None]) -> None:
    """Store a plain-data cache file for `map_data` (atomically, mode 0600); `content` may be a function
    that writes it to the file it is given (a large file is then never held whole in memory)."""
    from .fileio import atomic_write

    folder = trusted_dir(create=True)
    if folder is None:
        return
    with contextlib.suppress(OSError):
        _clear(folder / name)
        atomic_write(folder / name, content, mode=0o600)


def _clear(path: Path) -> None:
    """Remove a FIFO, a link or a device that stands where a cache file goes: a cache file is replaced,
    never written into something else (a folder stays: then nothing is cached under that name)."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    if not stat.S_ISREG(info.st_mode) and not stat.S_ISDIR(info.st_mode):
        os.unlink(path)


def prune(prefix: str, keep: int, folder: Path | None = None) -> int:
    """Remove all but the `keep` most recently used cache files whose names start with `prefix` (a
    file in use is touched when it is read): the cache must not grow with every edit of a term base
    or every new environment. Returns how many were removed."""
    folder = folder or trusted_dir()
    if folder is None:
        return 0
    try:
        found = [(entry.stat().st_mtime, entry.path) for entry in os.scandir(folder)
                 if entry.name.startswith(prefix) and entry.is_file(follow_symlinks=False)]  # fmt: skip
    except OSError:
        return 0
    removed = 0
    for _mtime, path in sorted(found, reverse=True)[keep:]:
        with contextlib.suppress(OSError):
            os.unlink(path)
            removed += 1
    return removed


def touch(name: str) -> None:
    """Mark a cache file as used now (for `prune`)."""
    folder = trusted_dir()
    if folder is not None:
        with contextlib.suppress(OSError):
            os.utime(folder / name)
