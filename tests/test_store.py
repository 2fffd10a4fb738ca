"""The compiled term base's file format (glossary/store.py): found by key, checked before use, never code."""

from __future__ import annotations

import marshal
import random

import numpy as np
import pytest

from termcheck.glossary import store
from termcheck.glossary.store import Store, StoreError, Writer, written


def _fill(writer: Writer) -> None:
    writer.keyed("words", {"ovks": (1, 0), "otsc": (2, 0), "одкб": (3, 1), "": ()})
    writer.rows("order", [("a", "b"), ("c",)])
    writer.multi("deletes", np.array([7, 3, 7, 9], dtype=np.uint32), np.array([0, 1, 2, 3], dtype=np.uint32))
    writer.meta["sources"] = ["glossary.yaml"]


def _sample() -> bytes:
    return bytes(written(_fill))


def test_tables_are_read_back_by_key_row_and_hash() -> None:
    s = Store(_sample())
    assert [s.get("words", k) for k in ("ovks", "otsc", "одкб", "")] == [(1, 0), (2, 0), (3, 1), ()]
    assert s.get("words", "csto") is None
    assert [s.row("order", i) for i in range(len(s.array("order.off")) - 1)] == [("a", "b"), ("c",)]
    hashes, values = s.array("deletes.hash"), s.array("deletes.val")
    assert list(hashes) == [3, 7, 7, 9] and list(values) == [1, 0, 2, 3]  # sorted by hash, stable
    assert s.meta == {"sources": ["glossary.yaml"]}


def test_keys_whose_hashes_collide_are_told_apart_by_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "key_hash", lambda key: 42)  # every key the same hash
    words = {f"w{i}": i for i in range(50)}

    def fill(writer: Writer) -> None:
        writer.keyed("words", words)

    s = Store(written(fill))
    assert all(s.get("words", k) == v for k, v in words.items()) and s.get("words", "w50") is None


def test_any_damage_is_found_when_the_file_is_opened() -> None:
    good = _sample()
    rng = random.Random(3)
    for position in [0, 8, 16, 20, *rng.sample(range(24, len(good)), 20)]:
        damaged = bytearray(good)
        damaged[position] ^= 1 << rng.randrange(8)
        with pytest.raises(StoreError):
            Store(bytes(damaged))
    with pytest.raises(StoreError):
        Store(good[:-8])  # truncated
    with pytest.raises(StoreError):
        Store(b"\x80\x05pickle")


def test_a_record_that_is_code_is_refused() -> None:
    rows = [marshal.dumps(("fine", 1)), marshal.dumps((compile("print('ran')", "x", "exec"),))]
    offsets = np.array([0, len(rows[0]), len(rows[0]) + len(rows[1])], dtype=np.uint64).tobytes()

    def fill(writer: Writer) -> None:
        writer.array("entries.off", "Q", offsets)
        writer.array("entries.rec", "B", b"".join(rows))

    s = Store(written(fill))
    assert s.row("entries", 0) == ("fine", 1)
    with pytest.raises(StoreError):
        s.row("entries", 1)
