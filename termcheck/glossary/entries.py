"""A term compiled for matching: its words casefolded and stemmed, the separators between them, the
endings it may take. The index (`index.py`) and term-typo's tables (`typos.py`) are built from these."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from ..text.morphology import stem, term_endings
from ..text.tokenize import norm_sep, tokens
from .model import Term

MIN_INFLECTING_WORD = 3
UMLAUTS = str.maketrans("äöüÄÖÜ", "aouAOU")
UMLAUT_PLURAL_ENDINGS = frozenset({"e", "er", "en", "ern"})


@dataclass(frozen=True, slots=True)
class Entry:
    """One term, compiled: its words casefolded and stemmed, and the separators between them."""

    term: Term
    words: tuple[str, ...]
    folded: tuple[str, ...]
    stems: tuple[str, ...]
    case_stems: tuple[str, ...]
    seps: tuple[str, ...]
    endings: frozenset[str]
    lead: str = ""  # punctuation the term starts with, which the text must have too (".NET", "(x)")
    trail: str = ""  # and ends with ("C++", "C#", "U.S.")
    literal: str = ""  # a term of no letters or digits at all ("+++", an emoji): found as written


@dataclass(frozen=True, slots=True)
class Match:
    """A span of text that is a rendering of one or more terms (the same string may serve several);
    `word_start` is where its first word starts (after punctuation the term begins with: ".NET")."""

    start: int
    end: int
    word_start: int
    entries: tuple[Entry, ...]


def compile_term(term: Term) -> Entry | None:
    toks = tokens(term.text)
    if not toks:
        text = term.text.strip()
        return Entry(term, (), (), (), (), (), frozenset(), literal=text) if text else None
    words = tuple(t.text for t in toks)
    folded = tuple(w.casefold() for w in words)
    # A word that takes no ending keeps its own: an Italian name is not stemmed (Crimea is not "Crime").
    own_endings = term_endings(term.lang, term.inflect, term.case)
    takes_endings = own_endings != frozenset([""])
    inflects = [term.inflect and takes_endings and len(f) >= MIN_INFLECTING_WORD for f in folded]
    stems = tuple(stem(f, term.lang) if inf else f for f, inf in zip(folded, inflects, strict=True))
    case_stems = tuple(w[: len(w) - (len(f) - len(s))] for w, f, s in zip(words, folded, stems, strict=True))
    seps = tuple(norm_sep(term.text[a.end : b.start]) for a, b in pairwise(toks))
    lead, trail = term.text[: toks[0].start], term.text[toks[-1].end :]
    if lead or trail:  # the word cannot inflect where punctuation must follow it
        stems = (*stems[:-1], folded[-1]) if trail else stems
        case_stems = (*case_stems[:-1], words[-1]) if trail else case_stems
    # Equal tuples made one object (they mostly are equal): the compiled file writes each once.
    folded = words if folded == words else folded
    stems = folded if stems == folded else stems
    case_stems = words if case_stems == words else case_stems
    return Entry(term, words, folded, stems, case_stems, seps, own_endings if not trail else frozenset(), lead, trail)
