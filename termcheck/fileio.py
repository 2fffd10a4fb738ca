"""Writing files safely: never a half-written file, never a file that is no longer the one it was.

A file is written to a temporary file beside it, which is then renamed over it: a reader never sees
half of it. What the file was is kept: a symbolic link is written through (its target changes, the link
stays a link), the owner, group and mode are carried over, and a file with several hard links is
rewritten in place (after the new content was written and synced beside it) so that every link still
names it; so is another user's file that the user may write (a rename would make it theirs). A
temporary file left behind by a killed run is removed by the next write in that folder.

Nothing is replaced that the run did not mean to replace. A file that was read, checked and is now
written back (a fix, an imported term base file) is first compared with what was read (its stamp:
device, inode, size, modification time and a hash of its bytes); if an editor or another process
changed it meanwhile, it is left as it is and the write fails (`NotReplaced`). A file the user cannot
write is not replaced either, even where the folder would allow it (a world-writable folder): its
owner would change without a word. A write that fails half-way (a full disk) leaves the old file as
it was and no temporary file behind.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

SUFFIX = ".termcheck-tmp"


def digest(data: bytes) -> bytes:
    """The hash a stamp keeps of a file's bytes."""
    return hashlib.blake2b(data, digest_size=16).digest()


@dataclass(frozen=True, slots=True)
class Stamp:
    """What a file was when it was read: device and inode, size, modification time, a hash of its bytes."""

    device: int
    inode: int
    size: int
    mtime_ns: int
    digest: bytes


# What the file to replace must still be: its stamp, the bytes it had, the text it had (as read by
# Path.read_text: UTF-8, universal newlines), or "absent" (a new file: nobody may have made it
# meanwhile). None: no check.
Expect = Stamp | bytes | str | None


class NotReplaced(OSError):
    """The target was left as it is: changed during the run, or not writable by the user."""

    def __init__(self, reason: str, path: Path | str) -> None:
        super().__init__(errno.EAGAIN, reason, str(path))
        self.reason = reason


def _current(target: Path, limit: int) -> tuple[os.stat_result, bytes] | None:
    """The target's stat and (up to `limit` + 1) bytes, or None when it is gone; never blocks."""
    try:
        fd = os.open(target, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise NotReplaced(f"changed during the run ({exc.strerror or exc})", target) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotReplaced("changed during the run (no longer a regular file)", target)
        chunks, size = [], 0
        while size <= limit and (chunk := os.read(fd, min(1 << 20, limit + 1 - size))):
            chunks.append(chunk)
            size += len(chunk)
        return info, b"".join(chunks)
    finally:
        os.close(fd)


def check_unchanged(target: Path, expect: Expect) -> None:
    """Raise NotReplaced unless `target` is still what `expect` says it was (see Expect)."""
    if expect is None:
        return
    limit = expect.size if isinstance(expect, Stamp) else 4 * len(expect) if expect != "absent" else 0
    found = _current(target, limit)
    if expect == "absent":
        if found is not None:
            raise NotReplaced("changed during the run (the file was created meanwhile)", target)
        return
    if found is None:
        raise NotReplaced("changed during the run (the file was removed meanwhile)", target)
    info, data = found
    if isinstance(expect, Stamp):
        same = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns) == (
            expect.device, expect.inode, expect.size, expect.mtime_ns,
        ) and digest(data) == expect.digest  # fmt: skip
    elif isinstance(expect, str):
        text = data.decode("utf-8", errors="replace")
        same = text.replace("\r\n", "\n").replace("\r", "\n") == expect
    else:
        same = data == expect
    if not same:
        raise NotReplaced("changed during the run", target)


def _owned(info: os.stat_result) -> bool:
    """Whether a new file put in place of this one keeps its owner: the user's own file, or root (who
    gives it back). Anyone else's file that the user may write is rewritten in place instead."""
    if not hasattr(os, "geteuid"):
        return True
    return os.geteuid() in (0, info.st_uid)


def _writable(target: Path, info: os.stat_result | None) -> None:
    """A file the user may not write is not replaced: a rename would give it to them (a folder's
    permission is not the file's). A read-only file (no write permission for anyone) is not replaced
    by root either: its mode says so."""
    if info is None:
        return
    root = hasattr(os, "geteuid") and os.geteuid() == 0
    if not (info.st_mode & 0o222 if root else os.access(target, os.W_OK)):
        raise NotReplaced("not writable (read-only, or not yours to write)", target)


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


Data = bytes | bytearray | Callable[[BinaryIO], None]


def atomic_write(path: Path, data: Data, mode: int | None = None, expect: Expect = None) -> None:
    """Write `data` to `path` as described above (or let `data`, a function, write to the file it is
    given: the file then appears whole or not at all too). `mode` applies to a new file (default: the
    umask's); `expect` is what the file must still be (NotReplaced otherwise)."""
    write_all([(path, data, expect)], mode)


def write_all(files: list[tuple[Path, Data, Expect]], mode: int | None = None) -> None:
    """Write several files as one: each is written and synced beside its target first, and only when
    all of them were (and every target is still what was expected) are they put in place. A full disk
    or a changed target leaves every file as it was."""
    staged: list[tuple[Path, str, os.stat_result | None]] = []
    streams = [(path, data) for path, data, expect in files if expect is None and _is_stream(path)]
    files = [entry for entry in files if not (entry[2] is None and _is_stream(entry[0]))]
    try:
        for path, data, expect in files:
            target = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
            try:
                info: os.stat_result | None = os.stat(target)
            except FileNotFoundError:
                info = None
            _writable(target, info)
            check_unchanged(target, expect)
            staged.append((target, _stage(target, data), info))
        for (target, tmp, info), (_path, _data, expect) in zip(staged, files, strict=True):
            check_unchanged(target, expect)  # once more, as late as can be
            if info is not None and stat.S_ISREG(info.st_mode) and (info.st_nlink > 1 or not _owned(info)):
                _rewrite_in_place(target, tmp)
            else:
                _carry_over(tmp, info, mode)
                os.replace(tmp, target)
    finally:
        for _target, tmp, _info in staged:
            if os.path.exists(tmp):
                os.unlink(tmp)
    for path, data in streams:
        _write_stream(path, data)


def _is_stream(path: Path) -> bool:
    """A FIFO or a device (`-o /dev/stdout`, a process substitution): written to, never replaced."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _write_stream(path: Path, data: Data) -> None:
    """Write to a FIFO or a device as it is; a FIFO nobody reads is an error, not a hang."""
    try:
        fd = os.open(path, os.O_WRONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise NotReplaced("a FIFO that nobody reads", path) from None
        raise
    os.set_blocking(fd, True)
    with os.fdopen(fd, "wb") as handle:
        if callable(data):
            data(handle)
        else:
            handle.write(data)


def _stage(target: Path, data: Data) -> str:
    """`data` written and synced to a new temporary file beside `target`; its name."""
    folder = target.parent if str(target.parent) else Path(".")
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
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


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
    size = os.path.getsize(tmp)
    with open(tmp, "rb") as source, open(target, "r+b") as dest:
        if hasattr(os, "posix_fallocate") and size:
            try:  # the space first: a full disk must fail here, before the old content is overwritten
                os.posix_fallocate(dest.fileno(), 0, size)
            except OSError as exc:
                if exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
                    raise
        while chunk := source.read(1 << 20):
            dest.write(chunk)
        dest.truncate()
        dest.flush()
        os.fsync(dest.fileno())
    os.unlink(tmp)
