"""Read a file's bytes and decode them: only regular files, never more than the size limit; BOMs,
UTF-16/32 with or without a BOM, invalid UTF-8 and binary files handled up front; a PO catalogue in
the charset its header declares (ISO-8859-1, KOI8-R, …), as gettext reads it."""

from __future__ import annotations

import codecs
import os
import re
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
        """`text` as the file's bytes: its BOM, its codec (raises UnicodeEncodeError where the codec
        cannot hold a character: see `encodable`)."""
        return self.bom + text.encode(self.codec)

    def encodable(self, text: str) -> tuple[str, list[tuple[int, int, str]]]:
        """`text` (this file's text, changed by fixes) with each change the file's codec cannot encode
        put back as it was (a Cyrillic term in an ISO-8859-1 catalogue), and where each was: its line
        and column (1-based, in characters of the file's text) and the text it would have written.
        UTF codecs hold every character: the text as it is. Fixes change words, not lines: the lines
        are compared pairwise, and only a changed line that does not fit is compared by character."""
        if self.codec.startswith("utf") or _fits(text, self.codec):
            return text, []
        old_lines, new_lines = _lines(self.text), _lines(text)
        if len(old_lines) != len(new_lines):  # a change across lines: the whole text, one line
            old_lines, new_lines = [self.text], [text]
        out: list[str] = []
        refused: list[tuple[int, int, str]] = []
        for number, (old, new) in enumerate(zip(old_lines, new_lines, strict=True), start=1):
            if old == new or _fits(new, self.codec):
                out.append(new)
                continue
            import difflib

            for op, a0, a1, b0, b1 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
                if op == "equal" or _fits(new[b0:b1], self.codec):
                    out.append(new[b0:b1])
                    continue
                out.append(old[a0:a1])  # the change is not applied: the file keeps what it had
                before = _LINE_END_RE.split(old[:a0])  # LF, CRLF or a CR alone, as the readers count
                refused.append((number + len(before) - 1, len(before[-1]) + 1, new[b0:b1]))
        return "".join(out), refused


def _lines(text: str) -> list[str]:
    """The text's lines with their ends (LF, CRLF or a CR alone)."""
    parts = _LINE_END_RE_KEEP.split(text)
    return [parts[i] + (parts[i + 1] if i + 1 < len(parts) else "") for i in range(0, len(parts), 2)]


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


def _fits(text: str, codec: str) -> bool:
    try:
        text.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


_LINE_END_RE = re.compile(r"\r\n|\r|\n")
_LINE_END_RE_KEEP = re.compile(r"(\r\n|\r|\n)")
PO_SUFFIXES = (".po", ".pot")
# The charsets gettext's msgfmt knows by name (its po-charset.c), as Python's codecs name them; a
# header's charset Python cannot read (EUC-TW, VISCII, GEORGIAN-PS) or names wrongly (the template's
# CHARSET) leaves the file to be read as UTF-8, as before.
PO_CHARSETS = frozenset(
    ["ascii", "utf-8", "koi8-r", "koi8-u", "koi8-t", "cp850", "cp866", "cp874", "cp932", "cp949", "cp950",
     "gb2312", "euc_jp", "euc_kr", "big5", "big5hkscs", "gbk", "gb18030", "shift_jis", "johab", "tis-620"]
    + [f"iso8859-{n}" for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 13, 14, 15)]
    + [f"cp{n}" for n in range(1250, 1259)]
)  # fmt: skip
# Compiled on first use (re's cache): only a PO catalogue is read with them.
_PO_HEADER = rb'(?:^|(?<=\r))msgid[ \t]+""[ \t]*(?:\r\n|\r|\n)[ \t]*msgstr[ \t]+""'
_PO_CHARSET = rb'"Content-Type:[^"\r\n]*?charset=([A-Za-z0-9_.:+-]+)'
_PO_ENTRY_END = rb"(?:\r\n|\r(?!\n)|\n)[ \t]*(?:\r\n|\r(?!\n)|\n)|(?:^|(?<=\r))[ \t]*(?:#|msgid|msgctxt)"


def po_charset(raw: bytes) -> str | None:
    """The codec of the charset a PO catalogue's header declares (`Content-Type: text/plain;
    charset=ISO-8859-1` → iso8859-1), if it is one gettext knows; else None. The header is the entry
    whose msgid is empty, read from the first 64 KB (it comes first)."""
    head = raw[:65536]
    found = re.search(_PO_HEADER, head, re.MULTILINE)
    if found is None:
        return None
    end = re.compile(_PO_ENTRY_END, re.MULTILINE).search(head, found.end())
    named = re.compile(_PO_CHARSET, re.IGNORECASE).search(head, found.end(), end.start() if end else len(head))
    if named is None:
        return None
    try:
        codec = codecs.lookup(named[1].decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    return codec if codec in PO_CHARSETS else None


def decode(raw: bytes, path: str) -> Decoded:
    """Decode bytes as UTF-8 (with or without BOM) or UTF-16/32 with BOM; columns count after the BOM.
    A PO catalogue (.po, .pot) without a BOM is read in the charset its header declares."""
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
    declared = po_charset(raw) if path.lower().endswith(PO_SUFFIXES) else None
    if declared is not None and declared != "utf-8":
        try:
            return Decoded(raw.decode(declared), declared)
        except UnicodeDecodeError as exc:
            if declared != "ascii":  # an ASCII header over UTF-8 text is read as UTF-8, as before
                raise SourceError(f"not valid {declared.upper()} (the charset its header declares) at byte "
                                  f"{exc.start}", path) from None  # fmt: skip
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
