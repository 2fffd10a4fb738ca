"""Read a file's bytes and decode them: only regular files, never more than the size limit; BOMs,
UTF-16/32 with or without a BOM, invalid UTF-8 and binary files handled up front."""

from __future__ import annotations

import codecs
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ..errors import SourceError
from ..fileio import Stamp, digest

BINARY_SNIFF = 8192
DEFAULT_MAX_FILE_SIZE = 50 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Decoded:
    """A file's text and how to write it back byte for byte: its BOM and its codec."""

    text: str
    codec: str = "utf-8"
    bom: bytes = b""
    stamp: Stamp | None = None

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.codec)


class BinaryFile(Exception):
    """The file holds binary data and is skipped."""


class NotRegular(Exception):
    """Not a regular file (a FIFO, a socket, a device): skipped without being opened for reading."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(raw: bytes, path: str) -> Decoded:
    """Decode bytes as UTF-8 (with or without BOM) or UTF-16/32 with BOM; columns count after the BOM."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            if codec.startswith("utf-16") and _utf8_behind_utf16_bom(raw[len(bom) :]):
                raise SourceError(
                    f"a UTF-16 byte order mark ({bom.hex(' ').upper()}) in front of UTF-8 text: not read; "
                    "remove the first two bytes",
                    path,
                )
            try:
                return Decoded(raw[len(bom) :].decode(codec), codec, bom)
            except UnicodeDecodeError as exc:
                name = codec.upper().rsplit("-", 1)[0] if codec != "utf-8" else "UTF-8"
                raise SourceError(f"not valid {name} at byte {exc.start + len(bom)}", path) from None
    if b"\x00" in raw[:BINARY_SNIFF]:
        bomless = _bomless_utf16_32(raw)
        if bomless is None:
            raise BinaryFile(path)
        try:
            return Decoded(raw.decode(bomless), bomless)
        except UnicodeDecodeError:
            raise BinaryFile(path) from None
    try:
        return Decoded(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise SourceError(f"not valid UTF-8 at byte {exc.start}", path) from None


def _utf8_behind_utf16_bom(body: bytes) -> bool:
    """Whether what follows a UTF-16 BOM is really UTF-8 (a BOM written by one tool in front of
    another's text): read as UTF-16 it would be a page of CJK garbage, checked without a word. Real
    UTF-16 text has zero bytes (its spaces, digits, line ends, Latin letters) or code units that are
    not valid UTF-8; text with neither, that decodes as UTF-8, is UTF-8."""
    sample = body[:BINARY_SNIFF]
    if len(sample) < 8 or b"\x00" in sample:
        return False
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(sample) - 3  # a character cut by the end of the sample
    return True


def _bomless_utf16_32(raw: bytes) -> str | None:
    """UTF-16 or UTF-32 without a BOM, where the zero bytes leave no doubt: in text of mostly Latin
    letters every other byte (UTF-16) or three bytes in four (UTF-32) are zero, always at the same
    places, and never elsewhere."""
    sample = raw[:BINARY_SNIFF]
    for width, codec, zero_at in (
        (4, "utf-32-le", (1, 2, 3)), (4, "utf-32-be", (0, 1, 2)), (2, "utf-16-le", (1,)), (2, "utf-16-be", (0,)),
    ):  # fmt: skip
        if len(raw) % width or len(sample) < 2 * width:
            continue
        units = [sample[i : i + width] for i in range(0, len(sample) - width + 1, width)]
        zero = sum(all(u[k] == 0 for k in zero_at) for u in units)
        stray = sum(any(u[k] == 0 for k in range(width) if k not in zero_at) for u in units)
        if zero >= 0.6 * len(units) and stray == 0:
            return codec
    return None


def file_kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISDIR, "a directory")):  # fmt: skip
        if test(mode):
            return name
    return "not a regular file"


def human_size(size: int) -> str:
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= factor:
            return f"{size / factor:.1f} {unit}".replace(".0 ", " ")
    return f"{size} bytes"


def read_text(path: Path, label: str, limit: int = DEFAULT_MAX_FILE_SIZE) -> Decoded:
    """The decoded text of a regular file. A FIFO, socket or device is never read (NotRegular); a file
    larger than `limit` bytes is an error, and no more than that is ever read. The result carries the
    file's stamp (what it was when read), which a fix checks before replacing the file."""
    raw, stamp = read_bytes(path, label, limit)
    decoded = decode(raw, label)
    return Decoded(decoded.text, decoded.codec, decoded.bom, stamp)


def read_bytes(path: Path | str, label: str, limit: int = DEFAULT_MAX_FILE_SIZE) -> tuple[bytes, Stamp]:
    """The bytes of a regular file and its stamp. Never blocks on a FIFO or a device (opened without
    blocking, refused before any read: NotRegular), never reads more than `limit` bytes."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except IsADirectoryError:
        raise SourceError("is a directory", label) from None
    except OSError as exc:
        raise SourceError(link_problem(path, exc), label) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise SourceError("is a directory", label)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegular(file_kind(info.st_mode))
        if info.st_size > limit:
            raise SourceError(_too_large(info.st_size, limit), label)
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise SourceError(_too_large(size, limit, grew=True), label)
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror or exc}", label) from None
    finally:
        os.close(fd)
    raw = b"".join(chunks)
    return raw, Stamp(info.st_dev, info.st_ino, len(raw), info.st_mtime_ns, digest(raw))


def read_regular(path: Path | str, label: str | None = None, limit: int = DEFAULT_MAX_FILE_SIZE) -> bytes:
    """The bytes of a file named by the user for a purpose (a configuration, a term base, a baseline,
    a schema): a FIFO, a device or a directory is a located error, never a hang. /dev/null is empty
    (`--config /dev/null`: no configuration)."""
    label = str(path) if label is None else label
    if os.path.realpath(path) == os.devnull:
        return b""
    try:
        return read_bytes(path, label, limit)[0]
    except NotRegular as exc:
        raise SourceError(f"not a regular file ({exc.kind}); not read", label) from None


def _too_large(size: int, limit: int, grew: bool = False) -> str:
    what = "it grew past" if grew else f"{human_size(size)} is more than"
    return f"not checked: {what} max-file-size ({human_size(limit)}); raise max-file-size to check it"


def link_problem(path: Path | str, exc: OSError) -> str:
    """What is wrong with a path that cannot be opened, in words (a symlink loop, a broken link)."""
    import errno

    if os.path.islink(path):
        if exc.errno == errno.ELOOP:
            return "symbolic link loop"
        if exc.errno == errno.ENOENT:
            return f"broken symbolic link (to {os.readlink(path)!r})"
    if exc.errno == errno.ENAMETOOLONG:
        return "path too long for the file system (ENAMETOOLONG)"
    if exc.errno == errno.ENOENT:
        return "no such file or directory"
    return f"cannot read: {exc.strerror or exc}"
