"""Near misses of terms: misspellings, acronym slips, wrong capitals and transliteration variants.

Only words that are neither terms nor ordinary words of the text's language are looked at, and each
distinct word once. A deletion index (SymSpell's idea) over the term base's words finds the terms
within the allowed edit distance without scanning them; rapidfuzz then measures the true
Damerau-Levenshtein distance. The allowed distance grows with the term word's length: none below
5 letters (Minsk is not Mins), one up to 9, two from 10. Acronyms of 3-5 capitals follow their own
rules: a swap of neighbouring letters (CTSO, GSU, ОДБК) or one keyboard-adjacent slip.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol
from zlib import crc32

from ..text.morphology import endings
from ..text.skeleton import skeleton
from .entries import UMLAUT_PLURAL_ENDINGS, UMLAUTS, Entry
from .store import short_hash

if TYPE_CHECKING:
    from .model import Concept, Glossary
    from .store import Store, Writer

_KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm", "qwertzuiopü", "asdfghjklöä", "yxcvbnm",
                  "azertyuiop", "qsdfghjklm", "wxcvbn", "йцукенгшщзхъ", "фывапролджэ", "ячсмитьбю")  # fmt: skip


def _adjacent_keys() -> dict[str, set[str]]:
    near: dict[str, set[str]] = {}
    rows = _KEYBOARD_ROWS
    for r, row in enumerate(rows):
        for i, ch in enumerate(row):
            group = near.setdefault(ch, set())
            group.update(row[max(0, i - 1) : i + 2])
            block = (r // 3) * 3  # the row above and below within the same layout
            for other in rows[block : block + 3]:
                if other is not row:
                    group.update(other[max(0, i - 1) : i + 2])
            group.discard(ch)
    return near


ADJACENT = _adjacent_keys()


# How much longer than the longest term word a text word may be and still be a slip of a term: two
# edits and an ending (at most 3 letters) for a misspelling; for another transliteration, twice the
# length (the widest in the term base: Sotschi, Сочи, 1.75 times). A longer word is no term's slip, and
# is never looked up: its one-letter deletions alone would cost the square of its length.
REACH_FACTOR, REACH_EXTRA = 2, 8


# The near-miss variants' hashes are made a set (`TypoIndex._present`) when there are no more than this many
# (about 8,000 concepts; 60 bytes each in a set) and `fuzzy` has been called once for each HASH_SET_PAYS of them
# (a bisection costs about as much more as adding that many hashes to a set).
HASH_SET_LIMIT, HASH_SET_PAYS = 1_000_000, 700


def allowed_edits(length: int) -> int:
    if length < 5:
        return 0
    return 1 if length <= 9 else 2


@lru_cache(maxsize=64)
def _sorted_endings(lang: str) -> tuple[str, ...]:
    """A language's endings, the empty one left out, in a fixed order (`fuzzy` tries each)."""
    return tuple(e for e in sorted(endings(lang)) if e)


def _deletes(word: str) -> set[str]:
    """The word and the word less any one letter. Both the index and the look-up delete at most one
    letter: every slip of one edit (and a swap of two letters) meets its term this way; of two edits,
    those that leave a common word, such as an insertion and a deletion."""
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))} if len(word) > 2 else {word}


@dataclass(frozen=True, slots=True)
class Candidate:
    """A term word a text word may be a slip of."""

    entry: Entry
    position: int
    distance: int
    kind: str  # typo, acronym, case, transliteration


def _order(c: Candidate) -> tuple[int, int, str, str, str, int]:
    """Nearest first, then shorter terms, then a fixed order: never the order of a set."""
    term = c.entry.term
    return (c.distance, len(c.entry.words), term.lang, term.text, term.concept_id, c.position)


def typo_tables(writer: Writer, glossary: Glossary, entries: list[Entry], order: list[int]) -> None:
    """term-typo's tables, written with the compiled term base (`index.pack`); `order` numbers the
    entries that have words, in the order the look-ups list them."""
    import numpy as np

    names: dict[str, tuple[str, ...]] = {}
    for concept in glossary.concepts:
        for lang, terms in concept.terms.items():
            found = (w.casefold() for t in terms if t.allowed for w in t.text.split() if w[:1].isupper())
            names[f"{concept.id}\0{lang}"] = tuple(dict.fromkeys(found))
    words: dict[str, list[int]] = {}
    acronyms: dict[int, list[int]] = {}
    skeletons: dict[str, list[int]] = {}
    single_stems: dict[str, list[int]] = {}
    for number in order:
        entry = entries[number]
        term = entry.term
        if term.quoted:
            continue  # ordinary words used as names ("Canal"): only their quoted form is the term
        if entry.lead or entry.trail:
            continue  # ".NET", "C++": without their punctuation they are other words, not slips
        single = len(entry.words) == 1
        if single and (term.type == "acronym" or term.case == "exact") and entry.words[0].isupper():
            if 3 <= len(entry.words[0]) <= 5:
                acronyms.setdefault(len(entry.words[0]), []).append(number)
            continue  # all capitals: judged by the acronym rules only
        if single and term.type == "acronym" and 3 <= len(entry.words[0]) <= 5:
            acronyms.setdefault(len(entry.words[0]), []).append(number)  # BelTA: an acronym and a word
        if single and term.case != "ignore":
            single_stems.setdefault(entry.stems[0], []).append(number)
        for pos, word in enumerate(entry.folded):
            words.setdefault(word, []).extend((number, pos))
            if term.case != "ignore" and len(word) >= 4:
                skeletons.setdefault(skeleton(entry.words[pos], term.lang), []).extend((number, pos))
    by_fold: dict[str, list[int]] = {}
    for same_length in acronyms.values():
        for number in same_length:
            by_fold.setdefault(entries[number].words[0].casefold(), []).append(number)
    writer.keyed("names", names)
    writer.keyed("surname_sounds", _surname_sounds(glossary))
    writer.keyed("acronyms_by_fold", {k: tuple(v) for k, v in by_fold.items()})
    writer.keyed("single_stems", {k: tuple(v) for k, v in single_stems.items()})
    writer.keyed("skeletons", {k: tuple(v) for k, v in skeletons.items()})
    rows = writer.keyed("words", {k: tuple(v) for k, v in words.items()})
    writer.meta["acronyms"] = {str(length): numbers for length, numbers in acronyms.items()}
    writer.meta["reach"] = REACH_FACTOR * max(map(len, rows), default=0) + REACH_EXTRA
    # Every term word and its one-letter deletions (if it is long enough for a slip, or part of a longer
    # term), to the row of the word in "words": 13 million variants for 100,000 concepts, kept as two
    # arrays of numbers (the variant's hash, the word's row) rather than as strings.
    # A word's variants are hashed by one list comprehension (`short_hash`, inline) and its row repeated
    # once per variant by numpy: a call and two appends per variant were most of this loop's time.
    hashes = array("I")  # 4 bytes a variant, not a Python int's 28 and a list's 8: 13 million of them
    counts = array("I")  # the variants of each row
    for word in rows:
        places = words[word]
        fuzzy = allowed_edits(len(word)) > 0 or (
            len(word) >= 3 and any(len(entries[places[i]].words) > 1 for i in range(0, len(places), 2))
        )
        variants = _deletes(word) if fuzzy else (word,)
        hashes.extend([crc32(v.encode("utf-8", "surrogatepass")) for v in variants])
        counts.append(len(variants))
    targets = np.repeat(np.arange(len(rows), dtype=np.uint32), np.array(counts, dtype=np.int64))
    writer.multi("deletes", np.frombuffer(hashes, dtype=np.uint32), targets)


def _surname_sounds(glossary: Glossary) -> dict[str, tuple[str, ...]]:
    """The people of the term base by the skeleton of each surname their two-word names end in (every
    language's spelling): sargsian → serzh-sargsyan, tigran-sargsyan, vigen-sargsyan (`people_by_sound`).
    Made when the term base is compiled: a run that made it decoded every concept (40 ms of a 5 KB file's
    check with the shipped term base; seconds with 10,000 concepts)."""
    by_sound: dict[str, dict[str, None]] = {}
    for concept in glossary.concepts:
        if concept.domain != "people":
            continue
        for lang, terms in concept.terms.items():
            for t in terms:
                words = t.text.split(" ")
                if len(words) == 2 and all(w[:1].isupper() and not w.isupper() for w in words):
                    by_sound.setdefault(skeleton(words[1], lang), {})[concept.id] = None
    return {key: tuple(people) for key, people in by_sound.items()}


# The acronyms of one length by their text, and by their text with one letter out (`TypoIndex._acronym_keys`).
_AcronymKeys = tuple[dict[str, list[int]], dict[tuple[int, str, str], list[tuple[int, str]]]]


class CompiledTerms(Protocol):
    """What the near-miss tables read of the compiled term base (`GlossaryIndex` is one)."""

    @property
    def store(self) -> Store: ...

    @property
    def concepts(self) -> Mapping[str, Concept]: ...

    def entry(self, number: int) -> Entry: ...


class TypoIndex:
    """term-typo's tables, read in place from the compiled term base."""

    def __init__(self, index: CompiledTerms) -> None:
        self._index = index
        self._store = index.store
        self._acronyms = {int(k): v for k, v in self._store.meta["acronyms"].items()}
        self._keys: dict[int, _AcronymKeys] = {}  # `_acronym_keys`, by length
        self._delete_hashes = self._store.array("deletes.hash")
        self._delete_rows = self._store.array("deletes.val")
        self._words: dict[int, tuple[str, tuple[int, ...]]] = {}
        self._reach: int = self._store.meta["reach"]
        self._hash_set: frozenset[int] | None = None  # `_present`
        self._fuzzy_calls = 0

    def within_reach(self, word: str) -> bool:
        """Whether `word` is short enough to be a slip of some term word (REACH_FACTOR): every look-up
        below (acronyms aside: they have a length of their own) answers nothing for a longer word."""
        return len(word) <= self._reach

    def _entries(self, table: str, key: str) -> list[Entry]:
        numbers = self._store.get(table, key)
        return [self._index.entry(n) for n in numbers] if numbers else []

    def _places(self, numbers: tuple[int, ...] | None) -> list[tuple[Entry, int]]:
        if not numbers:
            return []
        return [(self._index.entry(numbers[i]), numbers[i + 1]) for i in range(0, len(numbers), 2)]

    def _acronym(self, length: int, i: int) -> Entry:
        """The i-th acronym of a length (in the order of the compiled term base), decoded."""
        return self._index.entry(self._acronyms[length][i])

    def _targets(self, variant: str) -> list[tuple[str, tuple[int, ...]]]:
        """The term words one deletion from `variant` (or equal to it), with their places."""
        hashes, h = self._delete_hashes, short_hash(variant)
        i = bisect_left(hashes, h)
        out = []
        while i < len(hashes) and hashes[i] == h:
            row = self._delete_rows[i]
            found = self._words.get(row)
            if found is None:
                found = self._words[row] = self._store.row("words", row)
            out.append(found)
            i += 1
        return out

    def _present(self) -> Callable[[int], bool]:
        """Whether a variant's hash is among the term words' (`_targets` finds them): by bisection of the
        mapped array, then, once a run has asked often enough to pay for it and the array is small
        enough, from a set of the hashes (0.1 µs instead of 1-2; 1.5 ms and 2 MB for the shipped term base)."""
        if self._hash_set is not None:
            return self._hash_set.__contains__
        hashes = self._delete_hashes
        self._fuzzy_calls += 1
        if len(hashes) <= HASH_SET_LIMIT and self._fuzzy_calls * HASH_SET_PAYS >= len(hashes):
            self._hash_set = frozenset(hashes)
            return self._hash_set.__contains__

        def found(h: int) -> bool:
            i = bisect_left(hashes, h)
            return i < len(hashes) and hashes[i] == h

        return found

    def people_by_sound(self, sound: str) -> tuple[str, ...]:
        """The people whose two-word names end in a surname of this skeleton, in any language."""
        found: tuple[str, ...] | None = self._store.get("surname_sounds", sound)
        return found or ()

    def names_in(self, concept_id: str, lang: str) -> tuple[str, ...]:
        """The capitalised words of a concept's allowed terms in a language (its own names there), from
        the term base's sections that serve the language (`Concept.lang_keys`: pt-BR → pt, de → de-DE)."""
        keys = self._index.concepts[concept_id].lang_keys(lang)
        found = (name for key in keys for name in self._store.get("names", f"{concept_id}\0{key}") or ())
        return tuple(dict.fromkeys(found))

    def is_term_word(self, folded: str) -> bool:
        return self._store.get("words", folded) is not None

    def fuzzy(self, word: str, lang: str) -> list[Candidate]:
        """Term words within the allowed distance of `word` or of `word` less an ending of `lang`."""
        from rapidfuzz.distance import DamerauLevenshtein

        if not self.within_reach(word):
            return []
        folded = word.casefold()
        # Ordered, never sets: the same input gives the same candidates whatever PYTHONHASHSEED is.
        forms = dict.fromkeys(
            [folded]
            + [folded[: -len(e)] for e in _sorted_endings(lang) if folded.endswith(e) and len(folded) - len(e) >= 4]
        )
        plain = folded.translate(UMLAUTS)
        if plain != folded and lang.split("-", 1)[0] == "de":  # a slip in a plural with umlaut (Sicherheitsräfe)
            forms |= dict.fromkeys(
                plain[: -len(e)] for e in sorted(UMLAUT_PLURAL_ENDINGS) if plain.endswith(e) and len(plain) > len(e) + 3
            )
        out: dict[tuple[int, int], Candidate] = {}
        present = self._present()
        for form in forms:
            seen: set[str] = set()
            # Nearly every variant of a text's word is no term word's: those are passed over before sorting.
            hits = [v for v in _deletes(form) if present(crc32(v.encode("utf-8", "surrogatepass")))]
            for variant in sorted(hits):
                for target, places in self._targets(variant):
                    if target == form or target in seen:
                        continue
                    seen.add(target)
                    distance = DamerauLevenshtein.distance(form, target, score_cutoff=2)
                    limit = allowed_edits(len(target))
                    if len(form) < len(target) and len(target) < 6:
                        limit = 0  # a letter lost from a short term is too often a word (Mins, Minsk)
                    for entry, pos in self._places(places):
                        context_only = limit == 0
                        if distance <= max(limit, 1 if context_only else 0) and distance > 0:
                            key = (id(entry), pos)
                            if key not in out or out[key].distance > distance:
                                out[key] = Candidate(entry, pos, distance, "context" if context_only else "typo")
        return sorted(out.values(), key=_order)

    def acronym(self, word: str) -> list[Candidate]:
        """Acronyms that `word` (all capitals) is a swap, a key slip or a doubled letter of: looked up
        by the variants of the word (a hash each), never by a scan of the term base's acronyms, so the
        cost of a word does not grow with the term base. In the order of the acronym lists."""
        n = len(word)
        doubled = self._acronym_keys(n - 1)[0] if n > 1 else {}
        shorter = {i for k in range(n - 1) if word[k] == word[k + 1] for i in doubled.get(word[:k] + word[k + 1 :], ())}
        exact, holes = self._acronym_keys(n)
        same: set[int] = set()
        for k in range(n - 1):
            if word[k] != word[k + 1]:
                same.update(exact.get(word[:k] + word[k + 1] + word[k] + word[k + 2 :], ()))
        near = ADJACENT.get
        for k in range(n):
            keys = near(word[k].lower(), ())
            same.update(i for i, char in holes.get((k, word[:k], word[k + 1 :]), ()) if char != word[k]
                        and char.lower() in keys)  # fmt: skip
        return [Candidate(self._acronym(n - 1, i), 0, 1, "acronym") for i in sorted(shorter)] + [
            Candidate(self._acronym(n, i), 0, 1, "acronym") for i in sorted(same)
        ]

    def _acronym_keys(self, length: int) -> _AcronymKeys:
        """The acronyms of a length by their text, and by their text with one letter out (its place, the
        letters before and after it): what `acronym` looks a word's variants up in. Made on first use, from
        the compiled records' words alone: only the acronyms a word is near are decoded as terms (decoding
        each acronym's concept cost a run 1.2 s at 10,000 concepts)."""
        known = self._keys.get(length)
        if known is None:
            exact: dict[str, list[int]] = {}
            holes: dict[tuple[int, str, str], list[tuple[int, str]]] = {}
            for i, number in enumerate(self._acronyms.get(length, ())):
                target: str = self._store.row("entries", number)[3][0]  # the entry's words (`index.pack`)
                exact.setdefault(target, []).append(i)
                for k, char in enumerate(target):
                    holes.setdefault((k, target[:k], target[k + 1 :]), []).append((i, char))
            known = self._keys[length] = (exact, holes)
        return known

    def case_slip(self, word: str, lang: str) -> list[Candidate]:
        """One-word terms written with capitals the term does not allow (Ovks, moskau, mitgliedstaaten):
        the word, or the word less an ending, is the term's word or stem in another case."""
        if not self.within_reach(word):
            return []
        folded = word.casefold()
        out = [
            Candidate(e, 0, 0, "case")
            for e in self._entries("acronyms_by_fold", folded)
            if len(e.words[0]) == len(word)
        ]
        for form in dict.fromkeys((folded, folded.translate(UMLAUTS))):
            for cut in range(0, min(4, len(form) - 3) + 1):
                for entry in self._entries("single_stems", form[: len(form) - cut]):
                    extra = UMLAUT_PLURAL_ENDINGS if form != folded else frozenset()
                    if form[len(entry.stems[0]) :] in entry.endings | extra:
                        out.append(Candidate(entry, 0, 0, "case"))
        return out

    def transliteration(self, word: str, lang: str) -> list[Candidate]:
        """Terms whose skeleton the word has, read by the rules of the text's language or of another
        system (a French-style Verchinine in an English text)."""
        if not self.within_reach(word):
            return []
        keys = dict.fromkeys(skeleton(word, system) for system in (lang, "en", "de", "fr"))
        return [
            Candidate(e, p, 0, "transliteration")
            for key in keys
            for e, p in self._places(self._store.get("skeletons", key))
        ]
