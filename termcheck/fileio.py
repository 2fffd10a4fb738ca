"""Writing files safely: never a half-written file, never a file that is no longer the one it was.

A file is written to a temporary file beside it, which is then renamed over it: a reader never sees
half of it. What the file was is kept: a symbolic link is written through (its target changes, the link
stays a link), the owner, group and mode are carried over, and a file with several hard links is
rewritten in place (after the new content was written and synced beside it) so that every link still
names it. A temporary file left behind by a killed run is removed by the next write in that folder.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import BinaryIO

SUFFIX = ".termcheck-tmp"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, but is someone else's
        return True
    return True


def clean_stale(folder: Path) -> int:
    """Remove the temporary files that runs no longer alive left in `folder`; how many."""
    removed = 0
    try:
        names = [n for n in os.listdir(folder) if n.endswith(SUFFIX) and n.startswith(".")]
    except OSError:
        return 0
    for name in names:
        parts = name.split(".")
        pid = next((int(p[3:]) for p in parts if p.startswith("pid") and p[3:].isdigit()), None)
        if pid is not None and pid != os.getpid() and not _alive(pid):
            with contextlib.suppress(OSError):
                os.unlink(folder / name)
                removed += 1
    return removed


def atomic_write(path: Path, data: bytes | bytearray | Callable[[BinaryIO], None], mode: int | None = None) -> None:
    """Write `data` to `path` as described above (or let `data`, a function, write to the file it is
    given: the file then appears whole or not at all too). `mode` applies to a new file (default: the
    umask's)."""
    target = Path(os.path.realpath(path)) if os.path.islink(path) else path
    folder = target.parent if str(target.parent) else Path(".")
    try:
        info: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        info = None
    clean_stale(folder)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.pid{os.getpid()}.", suffix=SUFFIX, dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            if callable(data):
                data(handle)
            else:
                handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if info is not None and info.st_nlink > 1 and stat.S_ISREG(info.st_mode):
            _rewrite_in_place(target, tmp)
            return
        _carry_over(tmp, info, mode)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _carry_over(tmp: str, info: os.stat_result | None, mode: int | None) -> None:
    """The old file's mode, owner and group on the new one (a new file: `mode`, or the umask's 0666)."""
    if info is None:
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        return
    os.chmod(tmp, stat.S_IMODE(info.st_mode))
    if hasattr(os, "chown"):
        with contextlib.suppress(OSError):  # only root may give a file away; a user keeps their own
            os.chown(tmp, info.st_uid, info.st_gid)


def _rewrite_in_place(target: Path, tmp: str) -> None:
    """A file with other hard links: its own inode gets the new content (which is safe beside it)."""
    with open(tmp, "rb") as source, open(target, "r+b") as dest:
        dest.truncate(0)
        while chunk := source.read(1 << 20):
            dest.write(chunk)
        dest.flush()
        os.fsync(dest.fileno())
    os.unlink(tmp)
