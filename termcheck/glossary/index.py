"""The compiled term base: every rendering of every concept in every language, found in one pass.

The index is a hash of term-word stems, and an Aho-Corasick automaton over the first words' stems
that finds, in one C-level pass over a text, where a term may start. Only there is a word looked up
(once per run, cached) by its stems (the word less up to MAX_ENDING trailing letters), so the cost
does not depend on how many terms there are, nor is a list of every word of the text made. Multi-word
terms are then followed word by word from their first word; the longest term wins (leftmost-longest).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import cached_property
from itertools import islice, pairwise
from typing import TYPE_CHECKING, Any, TypeVar

from ..text.morphology import MAX_ENDING
from ..text.tokenize import QUOTES_CLOSE, QUOTES_OPEN, WORD_RE, Token, norm_sep, places_of, sep_allowed, tokens
from .entries import MIN_INFLECTING_WORD, UMLAUT_PLURAL_ENDINGS, UMLAUTS, Entry, Match, compile_term
from .model import (
    Concept,
    Glossary,
    TermBase,
    concept_from_record,
    concept_record,
    source_records,
    sources_from_records,
)

if TYPE_CHECKING:
    from .store import Store, Writer
    from .typos import TypoIndex

_CACHE_LIMIT = 500_000
AUTOMATON_KEYS = 300_000
_NOT_WORD_RE = re.compile(r"[\W_]")
# A capitalised word with a capital inside after three or more lower-case letters: where the capital stands,
# another word may begin (a lost space).
_GLUED_RE = re.compile(r"\b[A-ZÀ-ÖØ-ÞА-ЯЁ][a-zß-öø-ÿа-яё]{3,}(?=[A-ZÀ-ÖØ-ÞА-ЯЁ])")
T = TypeVar("T")


def pack(glossary: Glossary, writer: Writer) -> None:
    """The compiled term base, written as a file (glossary/store.py): the concepts, every term compiled
    (`Entry`), the first words' stems that find them, the keys of the scanning automaton and the
    near-miss tables of term-typo. Built from the loaded term base; read in place by `GlossaryIndex`."""
    from .typos import typo_tables

    writer.keyed("concepts", {c.id: concept_record(c) for c in glossary.concepts})
    # Apart from the concepts, which every run decodes: only `glossary show` reads them.
    writer.keyed("sources", {c.id: source_records(c) for c in glossary.concepts})
    writer.rows("order", [tuple(c.id for c in glossary.concepts)])
    entries: list[Entry] = []
    records: list[tuple[object, ...]] = []
    by_stem: dict[str, list[int]] = {}
    literals: list[int] = []
    for concept in glossary.concepts:
        for lang, terms in concept.terms.items():
            for k, term in enumerate(terms):
                entry = compile_term(term)
                if entry is None:
                    continue
                number = len(entries)
                entries.append(entry)
                e = entry
                records.append((concept.id, lang, k, e.words, e.folded, e.stems, e.case_stems, e.seps,
                                tuple(sorted(e.endings)), e.lead, e.trail, e.literal))  # fmt: skip
                if entry.literal:
                    literals.append(number)
                else:
                    by_stem.setdefault(entry.stems[0], []).append(number)
    writer.rows("entries", records)
    del records  # 1.2 million tuples at 100,000 concepts: gone before the near-miss tables are made
    writer.keyed("stems", {stem: tuple(numbers) for stem, numbers in by_stem.items()})
    keys: set[str] = set()
    for numbers in by_stem.values():
        for number in numbers:
            entry = entries[number]
            for key in (entry.stems[0], entry.case_stems[0].lower()):
                if key:
                    keys.add(" " + key.translate(UMLAUTS))  # anchored: found only where a word starts
    # The automaton's keys, where there are few enough for one (`_starts`): 15 MB unused otherwise.
    writer.rows("scan", [tuple(sorted(keys)) if len(keys) <= AUTOMATON_KEYS else ()])
    writer.meta["scan_keys"] = len(keys)
    typo_tables(writer, glossary, entries, [n for numbers in by_stem.values() for n in numbers])
    writer.meta.update(
        literals=literals,
        sources=list(glossary.sources),
        languages=list(glossary.languages),
        concepts=len(glossary.concepts),
        terms=glossary.term_count,
    )


# Languages whose names of institutions capitalise the first word alone: Russian often writes
# "Организация договора о коллективной безопасности" for "Организация Договора о коллективной безопасности".
FIRST_CAPITAL_LANGS = frozenset({"ru", "uk", "be"})


def _lower_case_allowed(entry: Entry, i: int, word: str) -> bool:
    """Whether word i (not the first) of a name may be written in lower case: in Russian, Ukrainian and
    Belarusian, in the name of an institution, which has a word in lower case or an acronym of its own
    ("... о коллективной безопасности", "Совет Безопасности ООН"). A person's or a country's name,
    all of whose words are capitalised (Сергей Лавров, Российская Федерация), keeps its capitals."""
    if i == 0 or not word[:1].islower() or entry.term.lang.split("-", 1)[0] not in FIRST_CAPITAL_LANGS:
        return False
    return any(w.islower() or (len(w) > 1 and w.isupper()) for w in entry.words)


# How a patronymic ends: Russian, Ukrainian and Belarusian (-ович, -евич, -ич; -овна, -евна, -ична, in any
# case), Kazakh (-ұлы, -қызы), and their Latin renderings (Nurgalievich, Grigoryevich, Oleksandrovych,
# -owitsch, -ovitch, Kemeluly).
_PATRONYMIC_ENDINGS = (
    *(stem + case for stem in ("ович", "евич", "ич") for case in ("", "а", "у", "ем", "е")),
    *(stem + case for stem in ("овн", "евн", "ичн", "івн", "ічн") for case in ("а", "ы", "е", "у", "ой")),
    *("ұлы", "улы", "қызы", "кызы", "ovich", "evich", "ovič", "evič", "ovych", "evych", "ovitch", "evitch"),
    *("owitsch", "ewitsch", "ovna", "evna", "ivna", "ichna", "ychna", "uly", "kyzy", "qyzy"),
)


def _patronymic_slot(entry: Entry, sep: str, word: str) -> bool:
    """Whether `word`, after `sep`, may be a patronymic inserted before the last word of a person's name:
    the name's words all capitalised and its last word after a space, the word a capitalised patronymic."""
    if sep != " " or len(word) < 6 or not word[:1].isupper() or not word.casefold().endswith(_PATRONYMIC_ENDINGS):
        return False
    if entry.seps[-1] != " " or entry.term.case == "ignore":
        return False
    return all(w[:1].isupper() and not w.isupper() for w in entry.words)


class StoredGlossary:
    """The term base as a run sees it when read from its compiled file: counts, languages and sources at
    once, each concept decoded when it is asked for."""

    def __init__(self, index: GlossaryIndex) -> None:
        self._index = index
        meta = index.store.meta
        self.sources: tuple[str, ...] = tuple(meta["sources"])
        self.languages: tuple[str, ...] = tuple(meta["languages"])
        self.term_count: int = meta["terms"]

    @cached_property
    def concepts(self) -> Sequence[Concept]:
        return _Concepts(self._index, tuple(self._index.store.row("order", 0)))

    def concept(self, concept_id: str) -> Concept | None:
        return self._index.concepts.get(concept_id)

    def with_sources(self, concept: Concept) -> Concept:
        """The concept with its sources, which the compiled concept records leave out."""
        from dataclasses import replace

        record = self._index.store.get("sources", concept.id)
        return replace(concept, sources=sources_from_records(record)) if record else concept


class _Concepts(Sequence[Concept]):
    def __init__(self, index: GlossaryIndex, ids: tuple[str, ...]) -> None:
        self._index, self._ids = index, ids

    def __len__(self) -> int:
        return len(self._ids)

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self._index.concepts[c] for c in self._ids[i]]
        return self._index.concepts[self._ids[i]]


class ConceptTable(Mapping[str, Concept]):
    """The concepts by id, decoded from the compiled file on first use and kept."""

    def __init__(self, index: GlossaryIndex) -> None:
        self._store = index.store
        self._decoded: dict[str, Concept] = {}

    def __getitem__(self, concept_id: str) -> Concept:
        found = self._decoded.get(concept_id)
        if found is None:
            record = self._store.get("concepts", concept_id)
            if record is None:
                raise KeyError(concept_id)
            found = self._decoded[concept_id] = concept_from_record(record)
        return found

    def __contains__(self, concept_id: object) -> bool:
        return isinstance(concept_id, str) and self._store.get("concepts", concept_id) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self._store.row("order", 0))

    def __len__(self) -> int:
        return int(self._store.meta["concepts"])


class GlossaryIndex:
    """The compiled term base, read in place (glossary/store.py): terms are decoded where a text leads
    to them. `GlossaryIndex(glossary)` compiles a loaded term base in memory; `GlossaryIndex.read`
    opens a compiled file (the cache's)."""

    def __init__(self, glossary: Glossary) -> None:
        from .store import Store, written

        self._open(Store(written(lambda writer: pack(glossary, writer))), glossary)

    @classmethod
    def read(cls, store: Store, glossary: Glossary | None = None) -> GlossaryIndex:
        index = cls.__new__(cls)
        index._open(store, glossary)
        return index

    def _open(self, store: Store, glossary: Glossary | None) -> None:
        self.store = store
        self.glossary: TermBase = glossary if glossary is not None else StoredGlossary(self)
        self.concepts: Mapping[str, Concept] = ConceptTable(self)
        self._entries: dict[int, Entry] = {}
        self._stems: dict[str, tuple[Entry, ...]] = {}
        self._literals = [self.entry(n) for n in store.meta["literals"]]
        self._first: dict[str, tuple[Entry, ...]] = {}
        self._memo: dict[tuple[object, ...], object] = {}
        self._automaton: Any = None
        self._wanted: dict[str, int] = {}
        self._longest_memo: dict[tuple[str, tuple[str, ...]], tuple[int, list[Entry]]] = {}  # `_match_at`
        self._free: dict[str, bool] = {}

    def __getstate__(self) -> dict[str, object]:
        """Pickled (to a worker on another machine) as the compiled file's bytes: small, and no objects."""
        return {
            "data": bytes(self.store.buf),
            "glossary": self.glossary if isinstance(self.glossary, Glossary) else None,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        from .store import Store

        self._open(Store(state["data"]), state["glossary"])

    def entry(self, number: int) -> Entry:
        """Compiled term `number`, decoded once."""
        found = self._entries.get(number)
        if found is None:
            r = self.store.row("entries", number)
            term = self.concepts[r[0]].terms[r[1]][r[2]]
            found = Entry(term, r[3], r[4], r[5], r[6], r[7], frozenset(r[8]), r[9], r[10], r[11])
            self._entries[number] = found
        return found

    def by_stem(self, stem: str) -> tuple[Entry, ...]:
        """The terms whose first word has this stem."""
        found = self._stems.get(stem)
        if found is None:
            numbers = self.store.get("stems", stem)
            found = tuple(self.entry(n) for n in numbers) if numbers else ()
            if len(self._stems) > _CACHE_LIMIT:
                self._stems.clear()
            self._stems[stem] = found
        return found

    def memo(self, key: tuple[object, ...], compute: Callable[[], T]) -> T:
        """A per-word verdict of a rule, computed once per distinct key in a run: a text repeats its words,
        and a corpus its texts' words, so rules that look at every word pay for each distinct one once."""
        try:
            return self._memo[key]  # type: ignore[return-value]
        except KeyError:
            if len(self._memo) > _CACHE_LIMIT:
                self._memo.clear()
            value = self._memo[key] = compute()
            return value

    @cached_property
    def typos(self) -> TypoIndex:
        """The index of near misses, built on first use (term-typo)."""
        from .typos import TypoIndex

        return TypoIndex(self)

    @staticmethod
    def word_matches(entry: Entry, i: int, word: str, folded: str) -> bool:
        """Whether a text word is word i of the entry, inflected as its language allows; German
        plurals with umlaut count (Rat → Räte, Sicherheitsrat → Sicherheitsräte)."""
        if GlossaryIndex._word_matches(entry, i, word, folded):
            return True
        if entry.term.lang.split("-", 1)[0] != "de" or not any(c in folded for c in "äöü"):
            return False
        plain = folded.translate(UMLAUTS)
        return plain[len(entry.stems[i]) :] in UMLAUT_PLURAL_ENDINGS and GlossaryIndex._word_matches(
            entry, i, word.translate(UMLAUTS), plain
        )

    @staticmethod
    def _word_matches(entry: Entry, i: int, word: str, folded: str) -> bool:
        stem_ = entry.stems[i]
        if not folded.startswith(stem_):
            return False
        if folded != entry.folded[i] and (
            len(entry.folded[i]) < MIN_INFLECTING_WORD or folded[len(stem_) :] not in entry.endings
        ):
            return False
        mode = entry.term.case
        if mode == "ignore" or word.startswith(entry.case_stems[i]):
            return True
        return mode == "name" and (word.isupper() or _lower_case_allowed(entry, i, word))

    def first_entries(self, word: str) -> tuple[Entry, ...]:
        """Entries whose first word matches `word` (cached: each distinct word is looked up once)."""
        found = self._first.get(word)
        if found is not None:
            return found
        folded = word.casefold()
        out: list[Entry] = []
        for form in dict.fromkeys((folded, folded.translate(UMLAUTS))):
            for cut in range(0, min(MAX_ENDING, len(form) - 1) + 1):
                for entry in self.by_stem(form[: len(form) - cut]):
                    if entry not in out and self.word_matches(entry, 0, word, folded):
                        out.append(entry)
        if len(self._first) > _CACHE_LIMIT:
            self._first.clear()
        result = self._first[word] = tuple(out)
        return result

    def _length(self, entry: Entry, text: str, toks: list[Token], i: int) -> int:
        """How many tokens `entry` spans from token i, or 0 when it does not match there. A person's
        name may have a patronymic before its last word ("Imangali Nurgalievich Tasmagambetov")."""
        n = len(entry.words)
        if i + n > len(toks):
            return 0
        if entry.lead and text[max(0, toks[i].start - len(entry.lead)) : toks[i].start] != entry.lead:
            return 0
        extra = 0  # 1 where a patronymic stands before the last word
        for j in range(1, n):
            prev, tok = toks[i + j - 1], toks[i + j]
            sep = text[prev.end : tok.start]
            ok = sep == entry.seps[j - 1] or (norm_sep(sep) == entry.seps[j - 1] and sep_allowed(sep))
            if ok and self.word_matches(entry, j, tok.text, tok.text.casefold()):
                continue
            if j < n - 1 or i + n >= len(toks) or not _patronymic_slot(entry, sep, tok.text):
                return 0
            after = toks[i + n]  # the last word, after the patronymic
            if text[tok.end : after.start] != " " or not self.word_matches(entry, j, after.text, after.text.casefold()):
                return 0
            extra = 1
        last = toks[i + n + extra - 1]
        if entry.trail and text[last.end : last.end + len(entry.trail)] != entry.trail:
            return 0
        if entry.term.quoted:
            start, end = toks[i].start, last.end
            if not (start > 0 and text[start - 1] in QUOTES_OPEN and end < len(text) and text[end] in QUOTES_CLOSE):
                return 0
        return n + extra

    def _scanner(self) -> Any:
        """An Aho-Corasick automaton (pyahocorasick, in C) over the lower-cased first-word stems of every
        term, umlauts folded as `first_entries` folds them: it finds, in one pass over a text, every
        place where a word may start a term. Built on first use in each process; never cached."""
        if self._automaton is None:
            import ahocorasick

            automaton = ahocorasick.Automaton()
            for key in self.store.row("scan", 0):
                automaton.add_word(key, len(key))
            if len(automaton):
                automaton.make_automaton()
            self._automaton = automaton
        return self._automaton

    def _starts(self, text: str) -> list[Token]:
        """The words of `text` that may start a term, in order: the automaton's hits at the start of a
        word, whose word `first_entries` confirms. Past AUTOMATON_KEYS first-word stems (a term base of
        some 20,000 concepts) building the automaton would cost more than it saves (1.2 s for 100,000
        concepts): each distinct word of the text is looked up instead (once per run)."""
        if self.store.meta["scan_keys"] > AUTOMATON_KEYS:
            return places_of(text, [w for w in set(WORD_RE.findall(text)) if self.first_entries(w)])
        scanner = self._scanner()
        lowered = text.lower()
        if len(lowered) != len(text):  # a letter whose lower case is two (İ): offsets would drift
            return [t for t in tokens(text) if self.first_entries(t.text)]
        if not len(scanner):
            return []
        # Every character that is not part of a word becomes a space (the length stays), and the text
        # gets one in front: a key (" " and a stem) then matches only at the start of a word, and the
        # longest one there is enough, so Python sees one hit per word that may start a term.
        folded = lowered.replace("ä", "a").replace("ö", "o").replace("ü", "u")  # UMLAUTS, 20 times faster
        scan = " " + _NOT_WORD_RE.sub(" ", folded)
        out = []
        for end, length in scanner.iter_long(scan):
            start = end - length + 1  # the offset in `text` (the key's space stands one before)
            word = WORD_RE.match(text, start)
            if word is not None and self.first_entries(word.group()):
                out.append(Token(word.group(), start, word.end()))
        return out

    def find(self, text: str, toks: list[Token] | None = None, skip: Sequence[tuple[int, int]] = ()) -> list[Match]:
        """All term occurrences in `text`, leftmost-longest, skipping spans such as URLs. No list of the
        text's words is made: the automaton finds where terms may start, and only there are the next
        few words read (`toks` is accepted for older callers and not used). A name of two words or more
        glued to the word before by a lost space ("KazakhstanKassym-Jomart Tokayev") is found too."""
        out: list[Match] = []
        taken_to = 0
        for first_word in self._starts(text):
            if first_word.start < taken_to:
                continue  # inside the previous match
            found = self._match_at(text, first_word, skip)
            if found is not None:
                out.append(found)
                taken_to = found.end
        out = self._glued(text, out, skip)
        return self._with_literals(text, out, skip) if self._literals else out

    def _match_at(self, text: str, first_word: Token, skip: Sequence[tuple[int, int]]) -> Match | None:
        """The longest term starting with `first_word`, or None (also where it starts in a `skip` span)."""
        entries = self.first_entries(first_word.text)
        if not entries:
            return None
        want = self._words_wanted(first_word.text, entries)
        local = [first_word]
        if want > 1:  # one word more: a patronymic may stand inside a name (`_length`)
            for m in islice(WORD_RE.finditer(text, first_word.end), want):
                local.append(Token(m.group(), m.start(), m.end()))
        if self._context_free(first_word.text, entries):
            # Which terms match here depends only on the words read and what separates them: decided once
            # per distinct run of words (a text names its terms again and again; half of `find` on dense text).
            key = tuple(text[a.end : b.start] + "\0" + b.text for a, b in pairwise(local))
            found = self._longest_memo.get((first_word.text, key))
            if found is None:
                if len(self._longest_memo) > _CACHE_LIMIT:
                    self._longest_memo.clear()
                found = self._longest_memo[first_word.text, key] = self.longest(entries, text, local, 0)
            n, chosen = found
        else:
            n, chosen = self.longest(entries, text, local, 0)
        if not chosen:
            return None
        first = chosen[0]
        start, end = local[0].start - len(first.lead), local[n - 1].end + len(first.trail)
        if any(a <= start < b for a, b in skip):
            return None
        return Match(start, end, local[0].start, tuple(chosen))

    def _glued(self, text: str, found: list[Match], skip: Sequence[tuple[int, int]]) -> list[Match]:
        """`found` and the names of two words or more that start inside a capitalised word, after three
        or more lower-case letters (a lost space: "KazakhstanKassym-Jomart Tokayev"); a single word glued
        so (PlayStation, YouTube) is never taken for a term."""
        for glued in _GLUED_RE.finditer(text):
            at = glued.end()
            word = WORD_RE.match(text, at)
            hit = self._match_at(text, Token(word.group(), at, word.end()), skip) if word else None
            if hit is None or len(WORD_RE.findall(text, hit.word_start, hit.end)) < 2:
                continue
            if any(m.start < hit.end and hit.start < m.end and not hit.start <= m.start < hit.end for m in found):
                continue  # it overlaps a term that starts before it
            # The full name replaces the surname found at its end.
            found = sorted([m for m in found if not hit.start <= m.start < hit.end] + [hit], key=lambda m: m.start)
        return found

    def longest(self, entries: tuple[Entry, ...], text: str, toks: list[Token], i: int) -> tuple[int, list[Entry]]:
        """How many words the longest of `entries` spans from token i, and every entry that long (the same
        string may render several terms); (0, []) when none matches there."""
        best: tuple[int, int] = (0, 0)  # tokens, then characters: "C++" before "C"
        chosen: list[Entry] = []
        for entry in entries:
            length = self._length(entry, text, toks, i)
            key = (length, len(entry.lead) + len(entry.trail))
            if length and key > best:
                best, chosen = key, [entry]
            elif length and key == best:
                chosen.append(entry)
        return best[0], chosen

    def _context_free(self, word: str, entries: tuple[Entry, ...]) -> bool:
        """Whether none of `entries` (those `word` may start) looks past its words (`_length`: punctuation
        before or after, quotes around): whether one matches then depends on its words and separators alone."""
        found = self._free.get(word)
        if found is None:
            if len(self._free) > _CACHE_LIMIT:
                self._free.clear()
            found = self._free[word] = not any(e.lead or e.trail or e.term.quoted for e in entries)
        return found

    def _words_wanted(self, word: str, entries: tuple[Entry, ...]) -> int:
        """The most words any term starting with `word` has (cached per word)."""
        found = self._wanted.get(word)
        if found is None:
            if len(self._wanted) > _CACHE_LIMIT:
                self._wanted.clear()
            found = self._wanted[word] = max(len(e.words) for e in entries)
        return found

    def _with_literals(self, text: str, found: list[Match], skip: Sequence[tuple[int, int]]) -> list[Match]:
        """Terms of symbols alone ("+++", an emoji), found as written where no other term stands."""
        taken = [(m.start, m.end) for m in found]
        extra: list[Match] = []
        for entry in self._literals:
            at = text.find(entry.literal)
            while at >= 0:
                end = at + len(entry.literal)
                free = not any(a < end and at < b for a, b in taken) and not any(a <= at < b for a, b in skip)
                if free:
                    extra.append(Match(at, end, at, (entry,)))
                    taken.append((at, end))
                at = text.find(entry.literal, end)
        return sorted(found + extra, key=lambda m: m.start)
