"""Which language a text is in: identified offline with py3langid.

The model (and numpy) load only when a text's language is not given, so `termcheck lint --lang de`
and configured paths start fast. Among the term base's languages the most likely one wins (which is
what the seeds and short lines need); a text clearly in a language the term base lacks (Italian,
when there are no Italian terms) is reported as that language, so its words are not read as
foreign renderings of the languages the term base has.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

# A document is identified from three slices of it (its start, middle and end) of SAMPLE characters
# in all: enough for a sure verdict on any of the six languages, and the cost no longer grows with
# the file (a 50 KB file took 25 ms whole).
SAMPLE = 12_000
MIN_LETTERS = 12
OTHER_LANGUAGE_CONFIDENCE = 0.9
_LETTERS_RE = re.compile(r"[^\W\d_]")
_CACHED_TEXT = 4_000  # passages up to this length are identified once per run, however often they recur


_MODEL_MAGIC = b"TCLANGID"
_ALIGN = 64


def _pack(arrays: dict[str, Any]) -> bytes:
    """Arrays as one file: magic, header length, a JSON header (name, dtype, shape, offset), then each
    array's bytes at an offset aligned to 64."""
    import json

    header: list[list[Any]] = []
    offset = 0
    for name, arr in arrays.items():
        header.append([name, arr.dtype.str, list(arr.shape), offset])
        offset += -(-arr.nbytes // _ALIGN) * _ALIGN
    head = json.dumps(header).encode()
    start = -(-(len(_MODEL_MAGIC) + 8 + len(head)) // _ALIGN) * _ALIGN
    out = bytearray(start + offset)
    out[: len(_MODEL_MAGIC)] = _MODEL_MAGIC
    out[len(_MODEL_MAGIC) : len(_MODEL_MAGIC) + 8] = len(head).to_bytes(8, "little")
    out[len(_MODEL_MAGIC) + 8 : len(_MODEL_MAGIC) + 8 + len(head)] = head
    for (_name, _dtype, _shape, at), arr in zip(header, arrays.values(), strict=True):
        data = arr.tobytes()
        out[start + at : start + at + len(data)] = data
    return bytes(out)


def _unpack(buf: Any) -> dict[str, Any]:
    import json

    import numpy as np

    if bytes(buf[: len(_MODEL_MAGIC)]) != _MODEL_MAGIC:
        raise ValueError("not a model file")
    size = int.from_bytes(buf[len(_MODEL_MAGIC) : len(_MODEL_MAGIC) + 8], "little")
    header = json.loads(bytes(buf[len(_MODEL_MAGIC) + 8 : len(_MODEL_MAGIC) + 8 + size]))
    start = -(-(len(_MODEL_MAGIC) + 8 + size) // _ALIGN) * _ALIGN
    out = {}
    size = 0
    for name, dtype, shape, at in header:
        count = int(np.prod(shape)) if shape else 1
        out[name] = np.frombuffer(buf, dtype=np.dtype(dtype), count=count, offset=start + at).reshape(shape)
        size = max(size, at + -(-out[name].nbytes // _ALIGN) * _ALIGN)
    if len(buf) != start + size:
        raise ValueError("the file is not as long as its header says")
    return out


_ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")


def _checked(arrays: dict[str, Any]) -> dict[str, Any]:
    """The model's arrays if they have the layout the walk and the scoring need, else ValueError. Their
    shapes and types only: a pass over the 39 MB state table for its largest value cost 38 ms a run.
    An index in it that points past the end is caught where the walk meets it (`_identify`)."""
    ptc, row, nextmove = arrays["ptc"], arrays["nextmove_row"], arrays["nextmove"]
    if (set(arrays) != set(_ARRAYS) or ptc.ndim != 2 or ptc.shape[1] != len(arrays["classes"])
            or len(arrays["pc"]) != ptc.shape[1] or nextmove.dtype.str != "<u4" or row.dtype.str != "<u2"
            or len(arrays["out_feat"]) != len(row) or len(nextmove) % 256):  # fmt: skip
        raise ValueError("unexpected model layout")
    return arrays


def _model_arrays(rebuild: bool = False) -> tuple[Any, ...] | None:
    """py3langid's model, decompressed once into the user's cache as plain arrays and memory-mapped
    from there (data, never code): its LZMA file took 0.35 s to read on every run, and a copy of its
    68 MB in every process. The state table stays on disk and in the page cache, shared by all
    processes; a run reads the pages its texts lead to."""
    import hashlib
    import io
    import lzma

    import numpy as np
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    from .. import cachefiles

    source = (MODEL_DIR / MODEL_FILE).read_bytes()  # 4.6 MB: its digest names the copy, shared by environments
    name = f"langid-{hashlib.sha256(source).hexdigest()[:24]}.bin"
    buf = cachefiles.map_data(name) if not rebuild else None
    arrays = None
    if buf is not None:
        try:
            arrays = _checked(_unpack(buf))
        except Exception:  # damaged or foreign, whatever the damage: made again below
            arrays = None
    if arrays is None:
        with np.load(io.BytesIO(lzma.decompress(source)), allow_pickle=False) as data:
            arrays = _checked({key: data[key] for key in _ARRAYS})
        cachefiles.write_data(name, _pack(arrays))
        cachefiles.prune("langid-", keep=1)
    nextmove = arrays["nextmove"]
    # The walk indexes the state table once per byte of text: a memoryview of it gives Python ints
    # at C speed, with no copy.
    table = (
        memoryview(nextmove.data).cast("B").cast("I") if buf is not None else memoryview(nextmove).cast("B").cast("I")
    )
    return (arrays["ptc"], arrays["pc"], arrays["classes"].tolist(), table, arrays["nextmove_row"].tolist(),
            arrays["out_feat"].tolist())  # fmt: skip


@lru_cache(maxsize=2)
def _identifier(rebuild: bool = False) -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    try:
        arrays = _model_arrays(rebuild)
    except Exception:  # another py3langid layout: its own loader, slower, still right
        arrays = None
    if arrays is None:
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ptc, pc, classes, nextmove, row, output = arrays
    return LanguageIdentifier(ptc, pc, classes, nextmove, output, norm_probs=True, tk_row=row)


def _sample(text: str) -> str:
    if len(text) <= SAMPLE:
        return text
    third = SAMPLE // 3
    middle = len(text) // 2 - third // 2
    return "\n".join((text[:third], text[middle : middle + third], text[-third:]))


def _enough_letters(text: str) -> bool:
    return any(n >= MIN_LETTERS for n, _ in enumerate(_LETTERS_RE.finditer(text), 1))


def identify(text: str, langs: tuple[str, ...]) -> tuple[str, float] | None:
    """The language of `text` with its probability, or None when there is too little text to tell."""
    text = _sample(text)
    if len(text) <= _CACHED_TEXT:
        return _identify_cached(text, langs)
    return _identify(text, langs)


@lru_cache(maxsize=20_000)
def _identify_cached(text: str, langs: tuple[str, ...]) -> tuple[str, float] | None:
    return _identify(text, langs)


def _identify(text: str, langs: tuple[str, ...]) -> tuple[str, float] | None:
    if not _enough_letters(text[:2000]):
        return None
    try:
        ranking = _identifier().rank(text)
    except IndexError:  # a damaged state table in the cache points past its end: made again
        _identifier.cache_clear()
        ranking = _identifier(rebuild=True).rank(text)
    top, top_prob = ranking[0]
    if top not in langs and top_prob >= OTHER_LANGUAGE_CONFIDENCE:
        return str(top), round(float(top_prob), 4)
    ours = [(lang, prob) for lang, prob in ranking if lang in langs]
    if not ours:
        return str(top), round(float(top_prob), 4)
    total = sum(prob for _lang, prob in ours) or 1.0
    lang, prob = ours[0]
    return str(lang), round(float(prob) / total, 4)
