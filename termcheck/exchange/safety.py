"""Refuse files too large to be honest, and zip bombs, before any parser sees them."""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..errors import SourceError

MAX_FILE = 50 * 1024 * 1024  # bytes on disk
MAX_UNPACKED = 300 * 1024 * 1024  # bytes a workbook may unpack to
MAX_RATIO = 200  # unpacked / packed, per member


def check_size(path: Path, label: str) -> None:
    """A regular file (a FIFO or a device would hang the parser or never end) of an honest size."""
    import stat

    try:
        info = path.stat()
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror or exc}", label) from None
    if not stat.S_ISREG(info.st_mode):
        from ..sources.text import file_kind

        raise SourceError(f"not a regular file ({file_kind(info.st_mode)}); not read", label)
    size = info.st_size
    if size > MAX_FILE:
        raise SourceError(
            f"file too large to import ({size // 1_000_000} MB; the limit is {MAX_FILE // 1_000_000} MB)", label
        )


def check_zip(path: Path, label: str) -> None:
    """An .xlsx is a zip: its members must unpack to a sane size."""
    check_size(path, label)
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError, ValueError) as exc:
        raise SourceError(f"not an Excel workbook (.xlsx): {exc}", label) from None
    total = sum(m.file_size for m in members)
    if total > MAX_UNPACKED:
        raise SourceError(f"refused: the workbook unpacks to {total // 1_000_000} MB (a zip bomb?)", label)
    for m in members:
        if m.compress_size and m.file_size / m.compress_size > MAX_RATIO and m.file_size > 1_000_000:
            raise SourceError(
                f"refused: {m.filename} is compressed {m.file_size // m.compress_size}:1 (a zip bomb?)", label
            )
