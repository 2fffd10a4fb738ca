"""Which language a text is in: identified offline with py3langid.

The model (and numpy) load only when a text's language is not given, so `termcheck lint --lang de`
and configured paths start fast. Among the term base's languages the most likely one wins (which is
what the seeds and short lines need); a text clearly in a language the term base lacks (Italian,
when there are no Italian terms) is reported as that language, so its words are not read as
foreign renderings of the languages the term base has.
"""

from __future__ import annotations

import hashlib
import math
import re
import struct
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from importlib.util import find_spec
from operator import itemgetter
from pathlib import Path
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
_ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat", "depth")
# What each array of the file may hold, as struct/memoryview formats (py3langid stores its weights as
# half floats; a future model with single floats or 8-byte features is read as well).
_FORMATS = {"ptc": {"<f2": "e", "<f4": "f"}, "pc": {"<f4": "f", "<f8": "d"}, "nextmove": {"<u4": "I"},
            "nextmove_row": {"<u2": "H"}, "out_feat": {"<i4": "i", "<i8": "q"}, "depth": {"<u2": "H"}}  # fmt: skip
# Feature rows scored in Python before numpy is imported to score the rest of the run: numpy's import
# (~60 ms) costs about as much as scoring 10,000 rows in Python (5 µs a row more than numpy); a 5 KB
# text has about 1,000.
PYTHON_ROWS = 10_000
# Texts of this many bytes or more are walked with numpy once numpy scores (`Model.visits`).
NUMPY_WALK = 2_000


def _depth(nextmove: Any, row: Any) -> int:
    """The longest key of py3langid's state table (an Aho-Corasick automaton over byte n-grams): the most
    steps from the start to any state, found breadth first. After any `depth` bytes the state is the one
    those bytes lead to from the start, whatever came before (`Model.visits` walks every place at once on
    that); 0 where a state cannot be reached, which `visits` takes for "walk byte by byte"."""
    import numpy as np

    seen = np.zeros(len(row), dtype=bool)
    seen[0] = True
    frontier, depth, step = np.zeros(1, dtype=np.int64), 0, np.arange(256, dtype=np.int64)
    while True:
        found = [np.unique(nextmove[((row[part].astype(np.int64) << 8)[:, None] + step).ravel()])
                 for part in np.array_split(frontier, max(1, len(frontier) // 4096))]  # fmt: skip
        reached = np.unique(np.concatenate(found))
        reached = reached[~seen[reached]]
        if not len(reached):
            return depth if seen.all() else 0
        seen[reached] = True
        frontier, depth = reached, depth + 1


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


class Model:
    """py3langid's naive Bayes model read in place from the file `_pack` writes, without numpy: its
    state table walked through memoryviews, each feature's row of weights unpacked where a text has
    that feature. Scores are summed in double precision (py3langid sums in single): the same top
    language, probabilities within a few millionths. ValueError for a file of another layout."""

    def __init__(self, buf: Any) -> None:
        import json

        if sys.byteorder != "little" or bytes(buf[: len(_MODEL_MAGIC)]) != _MODEL_MAGIC:
            raise ValueError("not a model file")
        size = int.from_bytes(buf[len(_MODEL_MAGIC) : len(_MODEL_MAGIC) + 8], "little")
        header = json.loads(bytes(buf[len(_MODEL_MAGIC) + 8 : len(_MODEL_MAGIC) + 8 + size]))
        start = -(-(len(_MODEL_MAGIC) + 8 + size) // _ALIGN) * _ALIGN
        if [entry[0] for entry in header] != list(_ARRAYS):
            raise ValueError("unexpected arrays")
        view, end = memoryview(buf), start
        spans: dict[str, tuple[str, list[int], int, int]] = {}
        for name, dtype, shape, at in header:
            width = int(dtype[2:]) * (4 if dtype[1] == "U" else 1)
            count = math.prod(shape)
            fmt = _FORMATS.get(name, {}).get(dtype, "U" if name == "classes" and dtype[:2] == "<U" else "")
            if not fmt or not isinstance(at, int) or at < 0 or len(shape) != (2 if name == "ptc" else 1):
                raise ValueError(f"unexpected layout of {name}")
            spans[name] = (fmt, shape, start + at, width)
            end = max(end, start + at + -(-count * width // _ALIGN) * _ALIGN)
        if len(buf) != end:
            raise ValueError("the file is not as long as its header says")
        self.buf = buf
        fmt, (self.features, classes), self.ptc_at, width = spans["ptc"]
        self.row = struct.Struct(f"<{classes}{fmt}")
        self.stride = classes * width
        fmt, shape, at, width = spans["pc"]
        self.pc = struct.unpack_from(f"<{classes}{fmt}", buf, at) if shape == [classes] else ()
        fmt, shape, at, width = spans["classes"]
        names = bytes(view[at : at + shape[0] * width]).decode("utf-32-le")
        step = width // 4
        self.classes = [names[i : i + step].rstrip("\0") for i in range(0, len(names), step)]
        walk: dict[str, memoryview] = {}
        for name in ("nextmove", "nextmove_row", "out_feat"):
            fmt, shape, at, width = spans[name]
            walk[name] = view[at : at + shape[0] * width].cast(fmt)  # type: ignore[call-overload]
        self.nextmove, self.state_row, self.output = walk["nextmove"], walk["nextmove_row"], walk["out_feat"]
        fmt, shape, at, width = spans["depth"]
        self.depth = int.from_bytes(view[at : at + width], "little") if shape == [1] else 0
        if (len(self.classes) != classes or len(self.pc) != classes or len(self.state_row) != len(self.output)
                or len(self.nextmove) % 256):  # fmt: skip
            raise ValueError("unexpected model layout")
        first: dict[str, int] = {}
        self.aliases: list[tuple[int, int]] = []  # (first column, another column) of a label with two
        for i, label in enumerate(self.classes):
            if label in first:
                self.aliases.append((first[label], i))
            else:
                first[label] = i
        self.rows_in_python = 0
        self._matrix: Any = None
        self._walk: Any = None  # the state table as numpy arrays (`_visits_numpy`)

    def visits(self, text: str) -> tuple[dict[int, int], int]:
        """How often the text has each feature (py3langid's byte walk over its state table), and the
        text's length in bytes. IndexError where the table points past its end (a damaged file)."""
        if text.isupper():
            text = text.lower()
        data = unicodedata.normalize("NFC", text).encode("utf-8", errors="surrogatepass")
        if self._matrix is not None and self.depth and len(data) >= NUMPY_WALK:
            found = self._visits_numpy(data)  # numpy is there already: it scores
        else:  # byte by byte (py3langid's own walk)
            nextmove, row, output = self.nextmove, self.state_row, self.output
            found = {}
            state = 0
            for byte in data:
                state = nextmove[(row[state] << 8) + byte]
                feature = output[state]
                if feature >= 0:
                    found[feature] = found.get(feature, 0) + 1
        if found and max(found) >= self.features:
            raise IndexError("feature past the end of the weights")
        return found, len(data)

    def _states(self, data: bytes) -> Iterator[int]:
        """The state after each byte, walked one byte after another (`visits` inlines it)."""
        nextmove, row = self.nextmove, self.state_row
        state = 0
        for byte in data:
            state = nextmove[(row[state] << 8) + byte]
            yield state

    def _visits_numpy(self, data: bytes) -> dict[int, int]:
        """`visits`' counts, the same, in the same order (of each feature's first place: the scores are
        summed in that order), from every place's state at once: the state after a place is the one the
        `depth` bytes up to it lead to from the start (`_depth`), so each of `depth` steps moves every
        place's state at once. Twice as fast as the walk byte by byte, which is py3langid's own."""
        import numpy as np

        if self._walk is None:
            row = np.asarray(self.state_row).astype(np.int64) << 8
            self._walk = (np.asarray(self.nextmove), row, np.asarray(self.output))
        nextmove, row, output = self._walk
        head = min(len(data), self.depth - 1)  # the first places, fewer bytes from the start: one by one
        states = np.fromiter(self._states(data[:head]), dtype=np.int64, count=head)
        if len(data) > head:
            text, state = np.frombuffer(data, dtype=np.uint8), np.zeros(len(data) - head, dtype=np.int64)
            for back in range(self.depth - 1, -1, -1):
                state = nextmove[row[state] + text[head - back : len(data) - back]]
            states = np.concatenate((states, state))
        features = output[states]
        return dict(Counter(features[features >= 0].tolist()))

    def _scores(self, visits: dict[int, int]) -> list[float]:
        """Each class's log-probability of the features: the rows of weights times log(1 + count), in
        Python for a run's first rows, then with numpy (both in double precision)."""
        if self.rows_in_python + len(visits) > PYTHON_ROWS:
            return self._scores_numpy(visits)
        self.rows_in_python += len(visits)
        by_count: dict[int, list[tuple[float, ...]]] = {}
        unpack, buf, at, stride = self.row.unpack_from, self.buf, self.ptc_at, self.stride
        for feature, count in visits.items():
            by_count.setdefault(count, []).append(unpack(buf, at + feature * stride))
        scores = list(self.pc)
        for count, rows in by_count.items():
            weight = math.log1p(count)
            scores = [s + weight * column for s, column in zip(scores, map(sum, zip(*rows, strict=True)), strict=True)]
        return scores

    def _scores_numpy(self, visits: dict[int, int]) -> list[float]:
        import numpy as np

        if self._matrix is None:
            fmt = "<f2" if self.row.format.endswith("e") else "<f4"
            self._matrix = np.frombuffer(self.buf, dtype=fmt, count=self.features * len(self.classes),
                                         offset=self.ptc_at).reshape(self.features, len(self.classes))  # fmt: skip
        index = np.fromiter(visits.keys(), dtype=np.intp, count=len(visits))
        weights = np.log1p(np.fromiter(visits.values(), dtype=np.float64, count=len(visits)))
        scores: list[float] = (
            weights @ self._matrix[index].astype(np.float64) + np.asarray(self.pc, np.float64)
        ).tolist()
        return scores

    def rank(self, text: str) -> list[tuple[str, float]]:
        """Every language with its probability, best first (py3langid's `rank` with `norm_probs`)."""
        visits, length = self.visits(text)
        if visits:
            scale = 1.0 / math.sqrt(length or 1)  # py3langid's temperature: the text's length in bytes
            scores = [s * scale for s in self._scores(visits)]
            top = max(scores)
            probs = [math.exp(s - top) for s in scores]
            total = sum(probs)
            probs = [p / total for p in probs]
        else:
            probs = [1.0 / len(self.classes)] * len(self.classes)
        for i, j in self.aliases:  # a label with two columns (srl, sr): one score, in the first
            probs[i] += probs[j]
            probs[j] = 0.0
        merged: dict[str, float] = {}
        for lang, prob in zip(self.classes, probs, strict=True):
            merged.setdefault(lang, prob)
        return sorted(merged.items(), key=itemgetter(1), reverse=True)


def _model_file() -> Path | None:
    """py3langid's model file, found without importing py3langid (which imports numpy)."""
    spec = find_spec("py3langid")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "model.npz.xz"
    return path if path.is_file() else None


def _source_name(path: Path) -> str:
    """The cache file's name, from the model's size and its last 64 KB: an xz file ends with its index
    and each block's check of the unpacked data, so two models differ there (reading and hashing the
    whole 4.6 MB cost 4 ms a run). The same model in two environments is one file."""
    with path.open("rb") as handle:
        size = handle.seek(0, 2)
        handle.seek(max(0, size - 65_536))
        tail = handle.read()
    return f"langid-{hashlib.sha256(size.to_bytes(8, 'little') + tail).hexdigest()[:24]}.bin"


def _read_model(rebuild: bool) -> Model:
    """The model from the user's cache, where py3langid's LZMA file is unpacked once as plain arrays and
    memory-mapped (data, never code; shared by every process; a run reads the pages its texts lead
    to). ValueError or OSError where py3langid's model is not the file this reads."""
    from .. import cachefiles

    path = _model_file()
    if path is None:
        raise ValueError("py3langid's model file not found")
    name = _source_name(path)
    buf = cachefiles.map_data(name) if not rebuild else None
    if buf is not None:
        try:
            return Model(buf)
        except ValueError:  # damaged or of another layout: made again below
            pass
    import io
    import lzma

    import numpy as np

    with np.load(io.BytesIO(lzma.decompress(path.read_bytes())), allow_pickle=False) as data:
        arrays = {key: data[key] for key in _ARRAYS[:-1]}
    depth = _depth(arrays["nextmove"], arrays["nextmove_row"])
    packed = _pack({**arrays, "depth": np.array([depth], dtype="<u2")})
    cachefiles.write_data(name, packed)
    cachefiles.prune("langid-", keep=1)
    buf = cachefiles.map_data(name)
    try:
        return Model(buf if buf is not None else packed)
    except ValueError:  # the file changed under us: the copy in memory
        return Model(packed)


@lru_cache(maxsize=2)
def _model(rebuild: bool = False) -> Any:
    try:
        return _read_model(rebuild)
    except (OSError, ValueError, KeyError):  # another py3langid layout: its own loader, slower, still right
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


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
        ranking = _model().rank(text)
    except IndexError:  # a damaged state table in the cache points past its end: made again
        _model.cache_clear()
        ranking = _model(rebuild=True).rank(text)
    top, top_prob = ranking[0]
    if top not in langs and top_prob >= OTHER_LANGUAGE_CONFIDENCE:
        return str(top), round(float(top_prob), 4)
    ours = [(lang, prob) for lang, prob in ranking if lang in langs]
    if not ours:
        return str(top), round(float(top_prob), 4)
    total = sum(prob for _lang, prob in ours) or 1.0
    lang, prob = ours[0]
    return str(lang), round(float(prob) / total, 4)
