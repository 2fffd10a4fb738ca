"""Near misses of terms: misspellings, acronym slips, wrong capitals and transliteration variants.

Only words that are neither terms nor ordinary words of the text's language are looked at, and each
distinct word once. A deletion index (SymSpell's idea) over the term base's words finds the terms
within the allowed edit distance without scanning them; rapidfuzz then measures the true
Damerau-Levenshtein distance. The allowed distance grows with the term word's length: none below
5 letters (Minsk is not Mins), one up to 9, two from 10. Acronyms of 3-5 capitals follow their own
rules: a swap of neighbouring letters (CTSO, GSU, ОДБК) or one keyboard-adjacent slip.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..text.morphology import endings
from ..text.skeleton import skeleton
from .index import UMLAUT_PLURAL_ENDINGS, UMLAUTS, Entry, GlossaryIndex

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


def allowed_edits(length: int) -> int:
    if length < 5:
        return 0
    return 1 if length <= 9 else 2


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


class TypoIndex:
    def __init__(self, index: GlossaryIndex) -> None:
        self.words: dict[str, list[tuple[Entry, int]]] = {}
        self._deletes: dict[str, str | tuple[str, ...]] | None = None  # built on first use: term-typo only
        self.acronyms: dict[int, list[Entry]] = {}
        self.acronyms_by_fold: dict[str, list[Entry]] = {}  # the same entries, by their word in lower case
        self.skeletons: dict[str, list[tuple[Entry, int]]] = {}
        self.single_stems: dict[str, list[Entry]] = {}
        self.names: dict[tuple[str, str], tuple[str, ...]] = {}  # (concept, language) → its words there
        for concept in index.glossary.concepts:
            for lang, terms in concept.terms.items():
                words = (w.casefold() for t in terms if t.allowed for w in t.text.split() if w[:1].isupper())
                self.names[(concept.id, lang)] = tuple(dict.fromkeys(words))
        for entries in index._by_stem.values():
            for entry in entries:
                self._add(entry)
        for same_length in self.acronyms.values():
            for entry in same_length:
                self.acronyms_by_fold.setdefault(entry.words[0].casefold(), []).append(entry)

    def _add(self, entry: Entry) -> None:
        term = entry.term
        if term.quoted:
            return  # ordinary words used as names ("Canal"): only their quoted form is the term
        if entry.lead or entry.trail:
            return  # ".NET", "C++": without their punctuation they are other words, not slips
        single = len(entry.words) == 1
        if single and (term.type == "acronym" or term.case == "exact") and entry.words[0].isupper():
            if 3 <= len(entry.words[0]) <= 5:
                self.acronyms.setdefault(len(entry.words[0]), []).append(entry)
            return  # all capitals: judged by the acronym rules only
        if single and term.type == "acronym" and 3 <= len(entry.words[0]) <= 5:
            self.acronyms.setdefault(len(entry.words[0]), []).append(entry)  # BelTA: an acronym and a word
        if single and term.case != "ignore":
            self.single_stems.setdefault(entry.stems[0], []).append(entry)
        for pos, word in enumerate(entry.folded):
            self.words.setdefault(word, []).append((entry, pos))
            if term.case != "ignore" and len(word) >= 4:
                self.skeletons.setdefault(skeleton(entry.words[pos], term.lang), []).append((entry, pos))

    @property
    def deletes(self) -> dict[str, str | tuple[str, ...]]:
        """Every term word and its one-letter deletions (if it is long enough for a slip, or part of a
        longer term), to the words they come from. The largest part of the index (1.3 million keys
        for 10,000 concepts), so it is neither cached on disk nor built unless term-typo runs."""
        if self._deletes is None:
            # Most variants come from one word: kept as that string (a set costs 216 bytes, 280 MB over
            # the 1.3 million variants of 10,000 concepts), the others as a sorted tuple.
            found: dict[str, str | list[str]] = {}
            for word, places in self.words.items():
                fuzzy = allowed_edits(len(word)) > 0 or (len(word) >= 3 and any(len(e.words) > 1 for e, _ in places))
                for variant in _deletes(word) if fuzzy else (word,):
                    had = found.setdefault(variant, word)
                    if had is word:
                        continue
                    if isinstance(had, str):
                        found[variant] = [had, word]
                    elif word not in had:
                        had.append(word)
            self._deletes = {v: w if isinstance(w, str) else tuple(sorted(w)) for v, w in found.items()}
        return self._deletes

    def __getstate__(self) -> dict[str, object]:
        return {**self.__dict__, "_deletes": None}

    def names_in(self, concept_id: str, lang: str) -> tuple[str, ...]:
        """The capitalised words of a concept's allowed terms in a language (its own names there)."""
        return self.names.get((concept_id, lang), ()) or self.names.get((concept_id, lang.split("-", 1)[0]), ())

    def is_term_word(self, folded: str) -> bool:
        return folded in self.words

    def fuzzy(self, word: str, lang: str) -> list[Candidate]:
        """Term words within the allowed distance of `word` or of `word` less an ending of `lang`."""
        from rapidfuzz.distance import DamerauLevenshtein

        folded = word.casefold()
        # Ordered, never sets: the same input gives the same candidates whatever PYTHONHASHSEED is.
        forms = dict.fromkeys(
            [folded]
            + [
                folded[: -len(e)]
                for e in sorted(endings(lang))
                if e and folded.endswith(e) and len(folded) - len(e) >= 4
            ]
        )
        plain = folded.translate(UMLAUTS)
        if plain != folded and lang.split("-", 1)[0] == "de":  # a slip in a plural with umlaut (Sicherheitsräfe)
            forms |= dict.fromkeys(
                plain[: -len(e)] for e in sorted(UMLAUT_PLURAL_ENDINGS) if plain.endswith(e) and len(plain) > len(e) + 3
            )
        out: dict[tuple[int, int], Candidate] = {}
        for form in forms:
            for variant in sorted(_deletes(form)):
                targets = self.deletes.get(variant, ())
                for target in (targets,) if isinstance(targets, str) else targets:
                    if target == form:
                        continue
                    distance = DamerauLevenshtein.distance(form, target, score_cutoff=2)
                    limit = allowed_edits(len(target))
                    if len(form) < len(target) and len(target) < 6:
                        limit = 0  # a letter lost from a short term is too often a word (Mins, Minsk)
                    for entry, pos in self.words[target]:
                        context_only = limit == 0
                        if distance <= max(limit, 1 if context_only else 0) and distance > 0:
                            key = (id(entry), pos)
                            if key not in out or out[key].distance > distance:
                                out[key] = Candidate(entry, pos, distance, "context" if context_only else "typo")
        return sorted(out.values(), key=_order)

    def acronym(self, word: str) -> list[Candidate]:
        """Acronyms that `word` (all capitals) is a swap, a key slip or a doubled letter of."""
        out = []
        for entry in self.acronyms.get(len(word) - 1, ()):
            target = entry.words[0]
            if any(word[i] == word[i + 1] and word[:i] + word[i + 1 :] == target for i in range(len(word) - 1)):
                out.append(Candidate(entry, 0, 1, "acronym"))
        for entry in self.acronyms.get(len(word), ()):
            target = entry.words[0]
            diff = [i for i, (a, b) in enumerate(zip(word, target, strict=True)) if a != b]
            swapped = (
                len(diff) == 2
                and diff[1] == diff[0] + 1
                and word[diff[0]] == target[diff[1]]
                and word[diff[1]] == target[diff[0]]
            )
            slipped = len(diff) == 1 and target[diff[0]].lower() in ADJACENT.get(word[diff[0]].lower(), ())
            if swapped or slipped:
                out.append(Candidate(entry, 0, 1, "acronym"))
        return out

    def case_slip(self, word: str, lang: str) -> list[Candidate]:
        """One-word terms written with capitals the term does not allow (Ovks, moskau, mitgliedstaaten):
        the word, or the word less an ending, is the term's word or stem in another case."""
        folded = word.casefold()
        out = [
            Candidate(e, 0, 0, "case") for e in self.acronyms_by_fold.get(folded, ()) if len(e.words[0]) == len(word)
        ]
        for form in dict.fromkeys((folded, folded.translate(UMLAUTS))):
            for cut in range(0, min(4, len(form) - 3) + 1):
                for entry in self.single_stems.get(form[: len(form) - cut], ()):
                    extra = UMLAUT_PLURAL_ENDINGS if form != folded else frozenset()
                    if form[len(entry.stems[0]) :] in entry.endings | extra:
                        out.append(Candidate(entry, 0, 0, "case"))
        return out

    def transliteration(self, word: str, lang: str) -> list[Candidate]:
        """Terms whose skeleton the word has, read by the rules of the text's language or of another
        system (a French-style Verchinine in an English text)."""
        keys = dict.fromkeys(skeleton(word, system) for system in (lang, "en", "de", "fr"))
        return [Candidate(e, p, 0, "transliteration") for key in keys for e, p in self.skeletons.get(key, [])]
