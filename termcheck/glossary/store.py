"""The compiled term base as data read in place: tables of records, looked up by key and decoded per hit.

A term base of 100,000 concepts compiles to about 1.2 million terms and 13 million near-miss keys. As
Python objects they took 16 s and 3.9 GB to unpickle on every run, whatever the text. Here they are
one file of plain arrays, memory-mapped from the user's cache: opening it reads its header, and a run
decodes only the records its texts lead to (the pages of the file that it touches), shared by every
process that maps the same file. Nothing in it is code: records are `marshal`led tuples of strings and
numbers (never code objects: their types are checked), so reading the file cannot run anything.

Layout: the magic word, the CRC-32 of the rest (checked when the file is opened: a damaged file is
compiled again, never half-read), the arrays, each at an offset aligned to 8 bytes, then a JSON header
(format, byte order, the arrays' offsets, lengths and item types, and small values) and its length:
the arrays are written as they are made, so no table waits in memory for the others. A
keyed table is three arrays: the sorted 64-bit hashes of its keys, the records' offsets, and the
records (each the pair key, value, so that a hash collision is told apart by the key). A row table
has no hashes; a hash table (`multi`) maps hashes to numbers and has no records at all.
"""

from __future__ import annotations

import io
import json
import marshal
import sys
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping
from typing import Any, BinaryIO

MAGIC = b"TCINDEX1"
FORMAT = 1
_ALIGN = 8
_PLAIN = frozenset({str, int, bool, float, type(None)})


class StoreError(ValueError):
    """A file that is not a compiled term base of this format (damaged, truncated or foreign)."""


def key_hash(key: str) -> int:
    """A 64-bit hash of a string that is the same in every process (Python's `hash` is not)."""
    data = key.encode("utf-8", "surrogatepass")
    return (zlib.crc32(data) << 32) | zlib.adler32(data)


def short_hash(key: str) -> int:
    """A 32-bit hash of a string, the same in every process: for tables whose hits are checked anyway
    (the near-miss variants, each measured against its word), where a rare collision costs a look."""
    return zlib.crc32(key.encode("utf-8", "surrogatepass"))


def _plain(value: Any) -> bool:
    """Whether a decoded record holds only plain values (tuples, strings, numbers, None). A loop, not
    `all` over a generator: every record decoded is checked (a fifth of term-typo's time at 10,000 concepts)."""
    if type(value) is not tuple:
        return type(value) in _PLAIN
    for v in value:
        kind = type(v)
        if kind is tuple:
            if not _plain(v):
                return False
        elif kind not in _PLAIN:
            return False
    return True


class Writer:
    """Writes tables and arrays to a binary file as they are made (none is held until the end: at
    100,000 concepts they are 600 MB), then the header; `finish` ends the file."""

    def __init__(self, sink: BinaryIO) -> None:
        self._sink = sink
        self._layout: dict[str, list[Any]] = {}
        self._size = 0  # bytes written after the magic word and the CRC
        self._crc = 0
        self.meta: dict[str, Any] = {}
        sink.write(MAGIC + bytes(8))

    def _put(self, data: bytes | bytearray | memoryview) -> None:
        self._sink.write(data)
        self._crc = zlib.crc32(data, self._crc)
        self._size += len(data)

    def array(self, name: str, typecode: str, data: bytes | bytearray | array[Any]) -> None:
        view = memoryview(data).cast("B")
        self._layout[name] = [self._size, len(view), typecode]
        self._put(view)
        if len(view) % _ALIGN:
            self._put(bytes(_ALIGN - len(view) % _ALIGN))

    def rows(self, name: str, values: Iterable[Any]) -> int:
        """Records numbered from 0, in order; returns how many. A string or tuple that stands twice in a
        record as one object is written once (marshal's references)."""
        offsets = array("Q", [0])
        blob = bytearray()
        dumps = marshal.dumps
        for value in values:
            blob += dumps(value)
            offsets.append(len(blob))
        self.array(f"{name}.off", "Q", offsets)
        self.array(f"{name}.rec", "B", blob)
        return len(offsets) - 1

    def keyed(self, name: str, table: Mapping[str, Any]) -> list[str]:
        """Records found by their string key; returns the keys in the order of their rows."""
        order = sorted((key_hash(key), key) for key in table)
        self.array(f"{name}.hash", "Q", array("Q", [h for h, _ in order]))
        self.rows(name, ((key, table[key]) for _, key in order))
        return [key for _, key in order]

    def multi(self, name: str, hashes: Any, values: Any) -> None:
        """Numbers found by a 32-bit hash (`short_hash`), several per hash (numpy arrays of uint32)."""
        import numpy as np

        order = np.argsort(hashes, kind="stable")
        self.array(f"{name}.hash", "I", np.ascontiguousarray(hashes[order], dtype="<u4").tobytes())
        self.array(f"{name}.val", "I", np.ascontiguousarray(values[order], dtype="<u4").tobytes())

    def finish(self) -> None:
        """The header and its length after the arrays, then the CRC of all that in its place."""
        head = json.dumps(
            {"format": FORMAT, "byteorder": sys.byteorder, "size": self._size, "arrays": self._layout,
             "meta": self.meta},
            ensure_ascii=False,
        ).encode()  # fmt: skip
        self._put(head)
        self._put(len(head).to_bytes(8, "little"))
        self._sink.seek(len(MAGIC))
        self._sink.write(self._crc.to_bytes(8, "little"))
        self._sink.seek(0, 2)


def written(fill: Callable[[Writer], None]) -> memoryview:
    """A compiled file made in memory (where there is no cache to write it to)."""
    sink = io.BytesIO()
    writer = Writer(sink)
    fill(writer)
    writer.finish()
    return sink.getbuffer()


class Store:
    """A compiled term base opened over a buffer (a memory-mapped file or bytes): StoreError if the
    buffer is not one, checked before anything is read from it."""

    def __init__(self, buf: Any, repair: Callable[[], Any] | None = None) -> None:
        # `repair`: where a record does not decode (damage behind a checksum made to match), the same
        # compiled term base made again (a buffer), which the store reads from then on.
        self.repair = repair
        self.buf = buf
        view = memoryview(buf)
        data = len(MAGIC) + 8  # where the arrays start
        if len(view) < data + 8 or bytes(view[: len(MAGIC)]) != MAGIC:
            raise StoreError("not a compiled term base")
        if zlib.crc32(view[data:]) != int.from_bytes(view[len(MAGIC) : data], "little"):
            raise StoreError("damaged: the checksum does not match")
        size = int.from_bytes(view[-8:], "little")
        head = len(view) - 8 - size
        if head < data:
            raise StoreError("a damaged header")
        try:
            header = json.loads(bytes(view[head : len(view) - 8]))
        except ValueError as exc:
            raise StoreError(f"a damaged header: {exc}") from None
        if not isinstance(header, dict) or header.get("format") != FORMAT or header.get("byteorder") != sys.byteorder:
            raise StoreError("another format or byte order")
        if header.get("size") != head - data:
            raise StoreError("the file is not as long as its header says")
        self.meta: dict[str, Any] = header.get("meta", {})
        self._arrays: dict[str, memoryview] = {}
        self._hashes: dict[str, memoryview] = {}  # each keyed table's hashes, by the table's name
        for name, (at, length, typecode) in header["arrays"].items():
            if at < 0 or length < 0 or at + length > header["size"] or typecode not in ("Q", "I", "B"):
                raise StoreError(f"array {name!r} out of bounds")
            part = view[data + at : data + at + length]
            self._arrays[name] = part.cast(typecode) if typecode != "B" else part
        for name, arr in self._arrays.items():
            records = self._arrays.get(name[:-4] + ".rec")
            if name.endswith(".off") and (len(arr) == 0 or arr[0] != 0 or records is None or arr[-1] != len(records)):
                raise StoreError(f"table {name[:-4]!r} does not match its records")

    def array(self, name: str) -> memoryview:
        return self._arrays[name]

    def row(self, table: str, i: int) -> Any:
        off = self._arrays[f"{table}.off"]
        try:
            value = marshal.loads(self._arrays[f"{table}.rec"][off[i] : off[i + 1]])
            if not _plain(value):
                raise StoreError(f"table {table!r} holds a record of another kind")
        except (ValueError, EOFError, TypeError) as exc:
            if self.repair is None:
                raise StoreError(f"table {table!r}: a damaged record ({exc})") from None
            repair = self.repair
            self.__init__(repair())  # type: ignore[misc]  # the same store, its data made again
            return self.row(table, i)
        return value

    def get(self, table: str, key: str) -> Any:
        """The value stored under `key`, or None."""
        hashes = self._hashes.get(table)
        if hashes is None:
            hashes = self._hashes[table] = self._arrays[f"{table}.hash"]
        h = key_hash(key)
        i = bisect_left(hashes, h)
        while i < len(hashes) and hashes[i] == h:
            found, value = self.row(table, i)
            if found == key:
                return value
            i += 1
        return None
