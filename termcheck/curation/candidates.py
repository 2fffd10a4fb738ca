"""Term-base candidates from texts: what a terminologist may want to add. Pure: values in, values out.

    observe(parsed, index, settings, resources) → Observed: one file's mentions and links
    propose(observed, glossary, min_count)      → [Proposal], best first

Two kinds of proposal come out:

- **variants** of known concepts the term base does not list: the near misses and other
  transliterations `term-typo` reports (Rybakou beside Rybakov), a name with another article or
  preposition ("Organização do Tratado da Segurança Coletiva"), a rendering of another language
  (`foreign-rendering`), and a new name the text defines or aligns with a known term;
- **new concepts**: recurring proper names and acronyms no concept has, grouped across languages by
  transliteration skeleton, by the text's own definitions ("Organização para Cooperação de Xangai
  (OCX)") and by alignment in bilingual files (the source and the target of one unit).

Each distinct word is judged once (word list, skeleton, month names): a corpus costs one pass over its
tokens and a hash look-up per token, never a scan of the term base.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..text.skeleton import skeleton
from ..text.tokenize import Token, sentence_start
from ..text.wordlist import is_word

if TYPE_CHECKING:
    from ..findings import Finding
    from ..glossary.index import GlossaryIndex
    from ..pipeline import Settings
    from ..resources import Resources
    from ..rules.contract import Context
    from ..sources.base import Parsed
    from ..sources.document import Document

DEFAULT_MIN_COUNT = 3


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Capitalised in some languages, never names of a concept of their own.
MONTHS_AND_DAYS = _words(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday "
    "januar jänner februar märz april mai juni juli august september oktober november dezember "
    "montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag "
    "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь "
    "января февраля марта апреля мая июня июля августа сентября октября ноября декабря "
    "понедельник вторник среда четверг пятница суббота воскресенье "
    "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro "
    "segunda-feira terça-feira quarta-feira quinta-feira sexta-feira segunda terça quarta quinta sexta sábado domingo "
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre "
    "lundi mardi mercredi jeudi vendredi samedi dimanche "
    "enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre "
    "lunes martes miércoles jueves viernes sábado domingo"
)
# Small words inside a multi-word name ("Organização do Tratado de Segurança Coletiva"). Not "and":
# "Russia and Belarus" are two names.
CONNECTORS = _words(
    "of the for on de do da dos das del della di du des la le el los las der die den dem für von zu zur zum "
    "über am im an auf para pela pelo por em en sur et à au aux y o об по"
)
# Titles before a name are not part of it ("President Vladimir Putin" is Vladimir Putin).
TITLES = _words(
    "president vice prime minister foreign deputy secretary chairman chairwoman head chief director "
    "ambassador spokesman spokeswoman general mr mrs ms dr sir king queen pope senator governor mayor "
    "präsident präsidentin minister ministerin außenminister außenministerin kanzler kanzlerin "
    "generalsekretär herr frau staatschef regierungschef "
    "presidente ministro ministra chanceler secretário-geral secretário senhor senhora "
    "président présidente ministre monsieur madame secrétaire "
    "señor señora secretario canciller "
    "президент министр генсек премьер глава"
)
_SENTENCE_END = ".!?:;…"
_ROMAN_RE = re.compile(r"^[IVXLCDM]+$")
_ACRONYM_IN_PARENS_RE = re.compile(r"\(\s*([^\W\d_][^\W_]{1,9})\s*\)")
_PHRASE_IN_PARENS_RE = re.compile(r"(?<![^\W_])([^\W\d_]{2,10})\s*\(([^()\n]{5,160})\)")
_SPACES_RE = re.compile(r"\s+")
CONTEXT_CHARS = 160
MAX_PHRASE_WORDS = 12
NEW_KINDS = ("name", "acronym")


# --- what one file says ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Mention:
    """A name, acronym or variant as one file writes it, once."""

    node: str  # `node_key(lang, text)`: the same spelling in one language is one node
    lang: str  # the primary language tag (pt for pt-BR: proposals are per language)
    text: str
    path: str
    context: str
    strong: bool = True  # False: an ordinary word written with a capital, counted only when linked to a name
    kind: str = "name"  # name, acronym; for variants the finding's kind (typo, transliteration, foreign, word, ...)


@dataclass(frozen=True, slots=True)
class Link:
    """Two nodes that name one concept (a node may be `concept_node(id)`), and why."""

    a: str
    b: str
    why: str  # finding, definition, aligned, skeleton


@dataclass
class Observed:
    """One file's mentions and links."""

    path: str
    mentions: list[Mention] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)


def node_key(lang: str, text: str) -> str:
    return f"{lang}\0{_SPACES_RE.sub(' ', text).casefold()}"


def concept_node(concept_id: str) -> str:
    return f"\0{concept_id}"


def primary(lang: str) -> str:
    return lang.split("-", 1)[0].lower()


def is_acronym_word(word: str) -> bool:
    """An acronym: two to eight letters, all capitals (OTSC, ОДКБ), not a Roman numeral (II, XIV)."""
    return 2 <= len(word) <= 8 and word.isupper() and word.isalpha() and not _ROMAN_RE.match(word)


def observe(parsed: Parsed, index: GlossaryIndex, settings: Settings, resources: Resources) -> Observed:
    """One file's mentions of names, acronyms and variants, and the links between them. Its language
    is decided as `lint` decides it; the sources of bilingual files are read too (for alignment)."""
    from ..engine import lint
    from ..pipeline import directives_of, document_language, views
    from ..policy import per_file_ignores, suppressions

    lang = document_language(parsed, settings, resources.identify)
    suppressed = suppressions(directives_of(parsed))
    out = Observed(parsed.path)
    units: dict[str, dict[str, set[tuple[str, str]]]] = {}  # unit → language → its new names (node, kind)
    for doc in views(parsed, lang, settings):
        if doc.language == "und":
            continue
        ctx, findings = lint(doc, index, list(settings.rules), resources)
        findings = suppressed.suppress(per_file_ignores(findings, settings.cfg, parsed.path))
        scan = _Scan(doc, ctx, resources.words(doc.language))
        scan.variants(findings)
        scan.names()
        scan.definitions()
        out.mentions += scan.mentions
        out.links += scan.links
        scan.units(units)
    out.links += _aligned(units)
    return out


class _Scan:
    """One document's mentions: its variants (from the findings), its names and its definitions."""

    def __init__(self, doc: Document, ctx: Context, words: Container[str] | None) -> None:
        self.doc, self.ctx, self.words = doc, ctx, words
        self.lang = primary(doc.language)
        self.mentions: list[Mention] = []
        self.links: list[Link] = []
        self.taken: set[tuple[int, int]] = set()  # spans already a mention
        self.claimed: list[tuple[int, int]] = []  # the findings' spans: variants, not new names
        self.at: dict[int, Mention] = {}  # each name mention by its start, for the units
        self._ordinary: dict[str, bool] = {}

    # -- variants: what term-typo and foreign-rendering report -------------------------------------------

    def variants(self, findings: Iterable[Finding]) -> None:
        for f in findings:
            if f.concept is None or f.rule not in ("term-typo", "foreign-rendering"):
                continue
            extra = dict(f.extra)
            kind = f"{f.rule}:{extra.get('kind') or 'foreign'}"
            start, end = self._text_span(f)
            if start is None:
                continue
            mention = self._mention(f.text, start, end, True, kind)
            self.links.append(Link(mention.node, concept_node(f.concept), kind))
            self.claimed.append((start, end))

    def _text_span(self, f: Finding) -> tuple[int | None, int]:
        """Where a finding stands in the document's text (findings carry file offsets)."""
        doc = self.doc
        if doc.starts is None:
            return f.span.start, f.span.end
        import bisect

        start = bisect.bisect_left(doc.starts, f.span.start)
        if start >= len(doc.starts) or doc.starts[start] != f.span.start:
            return None, 0
        return start, start + len(unicodedata.normalize("NFC", f.text))

    # -- names and acronyms ----------------------------------------------------------------------------

    def names(self) -> None:
        """Runs of capitalised words (with the small words names hold) that no term covers."""
        toks = self.doc.tokens
        run: list[Token] = []
        for i, tok in enumerate(toks):
            if run and not self._continues(toks[i - 1], tok):
                self._run(run)
                run = []
            if self._name_word(tok) or (run and tok.text in CONNECTORS):
                run.append(tok)
            elif run:
                self._run(run)
                run = []
        if run:
            self._run(run)

    def _continues(self, prev: Token, tok: Token) -> bool:
        sep = self.doc.text[prev.end : tok.start]
        if sep in ("-", "\u2011"):
            # A compound names its head, not a new name: SCO-Gipfel is SCO, Putin-Regierung is Putin.
            return not (self.ordinary(tok.text) and (is_acronym_word(prev.text) or self.lang == "de"))
        return sep in (" ", "\u00a0")

    def _name_word(self, tok: Token) -> bool:
        word = tok.text
        if not word[:1].isupper() or not word.isalpha() or word.casefold() in MONTHS_AND_DAYS:
            return False
        return not self.ctx.covered(tok.start) and not self._claimed(tok.start)

    def _claimed(self, offset: int) -> bool:
        return any(a <= offset < b for a, b in self.claimed)

    def _run(self, run: list[Token]) -> None:
        while run and run[-1].text in CONNECTORS:
            run = run[:-1]
        run = self._trim(run)
        if not run or any(a <= run[0].start < b for a, b in self.doc.skip_spans):
            return
        if len(run) >= 3 and all(is_acronym_word(t.text) for t in run):
            return  # a headline in capitals, not three acronyms
        text = self.doc.text[run[0].start : run[-1].end]
        if len(run) > 1:
            self._mention(text, run[0].start, run[-1].end, True, "name")
            return
        word = run[0].text
        if is_acronym_word(word) and len(word) >= 5 and word.capitalize() in self.doc.words:
            word = word.capitalize()  # a dateline (БИШКЕК, 5 мая): the name the text writes elsewhere
            self._mention(word, run[0].start, run[0].end, not self.ordinary(word), "name")
        elif is_acronym_word(word):
            self._mention(word, run[0].start, run[0].end, True, "acronym")
        # An ordinary word written with a capital (Putin and Moscow are in the English list; German
        # capitalises every noun) counts only beside a name, or in two languages.
        elif len(word) >= 3 and (not self.ordinary(word) or self.lang == "de" or word.lower() not in self.doc.words):
            known = self._spelt_as_term(word)  # another spelling of a term (Rakhmon; Nursultan for Nur-Sultan)
            if known is None and (self._quoted_term(word) or self._first_name(word)):
                return  # a name the term base has only quoted ("Echelon-2025"), or a known person's first name
            mention = self._mention(word, run[0].start, run[0].end, not self.ordinary(word), "name")
            if known is not None:
                self.links.append(Link(mention.node, concept_node(known), "skeleton"))

    def _quoted_term(self, word: str) -> bool:
        index = self.ctx.index
        if index is None:
            return False
        return word.casefold() in index.memo(("candidates: quoted terms",), lambda: _quoted_terms(index))["quoted"]

    def _first_name(self, word: str) -> bool:
        """A word that begins a person's name in the term base (Emomali, Sergei): anybody's first name."""
        index = self.ctx.index
        if index is None:
            return False
        return word.casefold() in index.memo(("candidates: quoted terms",), lambda: _quoted_terms(index))["first"]

    def _spelt_as_term(self, word: str) -> str | None:
        """The concept one of whose one-word terms this word is, or sounds as (its skeleton), if any."""
        index = self.ctx.index
        if index is None:
            return None
        found = {c.entry.term.concept_id for c in index.typos.transliteration(word, self.lang)
                 if len(c.entry.words) == 1}  # fmt: skip
        tables = index.memo(("candidates: quoted terms",), lambda: _quoted_terms(index))
        found |= tables["joined"].get(_joined(word), set())  # Nursultan for Nur-Sultan
        return found.pop() if len(found) == 1 else None

    def _trim(self, run: list[Token]) -> list[Token]:
        """The run without the word a sentence starts with (when it is an ordinary word), titles and
        ordinary words before a title, and connectors at either end."""
        if run and self._sentence_start(run[0].start) and self.ordinary(run[0].text):
            rest = run[1:]
            if not rest or self._is_name_start(rest):
                run = rest
        while len(run) > 1 and (
            run[0].text.casefold() in TITLES
            or (self.ordinary(run[0].text) and any(t.text.casefold() in TITLES for t in run[1:]))
        ):
            run = run[1:]
        while self.lang == "de" and len(run) > 2 and self.ordinary(run[0].text) and run[1].text in CONNECTORS:
            run = run[2:]  # "Sitzung des Kollektiven Sicherheitsrates": the name follows the noun
        while run and run[0].text in CONNECTORS:
            run = run[1:]
        if len(run) == 1 and run[0].text.casefold() in TITLES:
            return []
        return run

    def _is_name_start(self, rest: list[Token]) -> bool:
        return rest[0].text[:1].isupper()

    def _sentence_start(self, offset: int) -> bool:
        return sentence_start(self.doc.text, offset)

    def ordinary(self, word: str) -> bool:
        """Whether a word (in lower case) is an ordinary word of the text's language: judged once."""
        lower = word.lower()
        known = self._ordinary.get(lower)
        if known is None:
            known = self._ordinary[lower] = self.words is not None and is_word(lower, self.lang, self.words)
        return known

    def _mention(self, text: str, start: int, end: int, strong: bool, kind: str) -> Mention:
        text = _SPACES_RE.sub(" ", text)
        line = self._context(start, end)
        mention = Mention(node_key(self.lang, text), self.lang, text, self.doc.path, line, strong, kind)
        if (start, end) not in self.taken:
            self.taken.add((start, end))
            self.mentions.append(mention)
            self.at[start] = mention
        return mention

    def _context(self, start: int, end: int) -> str:
        lo, hi = self.doc.text_line(start)
        half = max(20, (CONTEXT_CHARS - (end - start)) // 2)
        a, b = max(lo, start - half), min(hi, end + half)
        line = _SPACES_RE.sub(" ", self.doc.text[a:b].replace("\ufffc", "…")).strip()
        return ("…" if a > lo else "") + line + ("…" if b < hi else "")

    # -- definitions: a name and its acronym in parentheses ---------------------------------------------

    def definitions(self) -> None:
        text = self.doc.text
        for m in _ACRONYM_IN_PARENS_RE.finditer(text):
            acronym = m.group(1)
            if is_acronym_word(acronym):
                phrase = self._phrase_before(acronym, m.start())
                if phrase is not None:
                    self._define(acronym, m.start(1), phrase)
        for m in _PHRASE_IN_PARENS_RE.finditer(text):
            acronym = m.group(1)
            if is_acronym_word(acronym):
                toks = [t for t in self.doc.tokens if m.start(2) <= t.start < m.end(2)]
                if len(toks) >= 2 and _initials_fit(acronym, [t.text for t in toks]) == 0:
                    self._define(acronym, m.start(1), (toks[0].start, toks[-1].end))

    def _phrase_before(self, acronym: str, paren: int) -> tuple[int, int] | None:
        """The words before "(" that the acronym abbreviates: back within the sentence, the longest
        stretch starting with a capital whose initials hold the acronym's letters in order."""
        text = self.doc.text
        toks: list[Token] = []
        pos = paren
        for tok in reversed(self._tokens_before(paren)):
            between = text[tok.end : pos]
            if any(ch in between for ch in _SENTENCE_END + ",()\n") or len(toks) >= MAX_PHRASE_WORDS:
                break
            toks.insert(0, tok)
            pos = tok.start
        first = _initials_fit(acronym, [t.text for t in toks])
        return None if first is None or len(toks) - first < 2 else (toks[first].start, toks[-1].end)

    def _tokens_before(self, offset: int) -> list[Token]:
        from ..text.tokenize import WORD_RE

        lo = max(0, offset - 300)
        return [Token(m.group(), m.start(), m.end()) for m in WORD_RE.finditer(self.doc.text, lo, offset)]

    def _define(self, acronym: str, at: int, phrase: tuple[int, int]) -> None:
        ends = (self._node_at(at, at + len(acronym), "acronym"), self._node_at(*phrase, "name"))
        if ends[0] is not None and ends[1] is not None and ends[0] != ends[1]:
            self.links.append(Link(ends[0], ends[1], "definition"))

    def _node_at(self, start: int, end: int, kind: str) -> str | None:
        """The node for [start, end): a concept whose term covers it, else a new name (a mention)."""
        for m in self.ctx.matches:
            if m.start <= start and end <= m.end and m.end - m.start <= (end - start) * 2:
                return concept_node(m.concept.id)
        if any(a < end and start < b for a, b in self.claimed):
            return None
        text = self.doc.text[start:end]
        return self._mention(text, start, end, True, kind).node

    # -- bilingual files: the new names of each unit ------------------------------------------------------

    def units(self, units: dict[str, dict[str, set[tuple[str, str]]]]) -> None:
        for start, mention in self.at.items():
            segment = self.doc.segment(start)
            if segment is None or segment.unit is None or not mention.strong or mention.kind not in NEW_KINDS:
                continue
            units.setdefault(segment.unit, {}).setdefault(self.lang, set()).add((mention.node, mention.kind))


def _joined(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalpha())


def _quoted_terms(index: GlossaryIndex) -> dict[str, Any]:
    """Looked up once a run, from the term base: its one-word terms matched only in quotation marks
    ("Kanal", "Echelon": the near-miss index leaves them out, so they would come back as new concepts),
    the first words of its people's names (a first name alone is anybody's), and its names of two words
    written as one (Nur-Sultan: Nursultan)."""
    quoted: dict[str, set[str]] = {}
    joined: dict[str, set[str]] = {}
    first: set[str] = set()
    for concept in index.glossary.concepts:
        for terms in concept.terms.values():
            for t in terms:
                words = t.text.replace("-", " ").split()
                if t.quoted and len(words) == 1:
                    quoted.setdefault(t.text.casefold(), set()).add(concept.id)
                if len(words) == 2:
                    joined.setdefault(_joined(t.text), set()).add(concept.id)
                if concept.domain == "people" and len(words) >= 2:
                    first.add(words[0].casefold())
    return {"quoted": quoted, "joined": joined, "first": first}


def _initials_fit(acronym: str, words: list[str]) -> int | None:
    """The index of the earliest word from which the words' initials hold the acronym's letters in
    order, starting with its first letter at a capitalised word; None when none does."""
    letters = acronym.casefold()
    best = None
    for first in reversed(range(len(words))):  # the shortest phrase that holds the letters
        word = words[first]
        if not word[:1].isupper() or word[:1].casefold() != letters[0]:
            continue
        initials = "".join(w[:1].casefold() for w in words[first:])
        if _subsequence(letters, initials) and len(words) - first <= 2 * len(letters) + 2:
            best = first
            break
    return best


def _subsequence(needle: str, hay: str) -> bool:
    it = iter(hay)
    return all(ch in it for ch in needle)


def _aligned(units: dict[str, dict[str, set[tuple[str, str]]]]) -> list[Link]:
    """Source and target of one unit: where each language of the unit has exactly one new acronym (or
    one new name), they are the same concept."""
    links = []
    for langs in units.values():
        if len(langs) < 2:
            continue
        for kind in NEW_KINDS:
            own = [[n for n, k in nodes if k == kind] for nodes in langs.values()]
            single = [nodes[0] for nodes in own if len(nodes) == 1]
            links += [Link(single[0], other, "aligned") for other in single[1:]]
    return links


# --- across files: grouping and ranking ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ProposedTerm:
    lang: str
    text: str
    status: str
    type: str | None
    mentions: int
    files: tuple[str, ...]


@dataclass(frozen=True)
class Proposal:
    """A new concept (`concept` None, `id` proposed) or a variant of the known concept `concept`."""

    kind: str  # "variant" or "concept"
    id: str
    concept: str | None
    terms: tuple[ProposedTerm, ...]
    mentions: int
    files: tuple[str, ...]
    languages: tuple[str, ...]
    evidence: tuple[str, ...]
    contexts: tuple[tuple[str, str], ...]  # (file, line), one per term

    @property
    def score(self) -> int:
        return self.mentions * len(self.files) * len(self.languages)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "id": self.id, "concept": self.concept, "score": self.score,
            "mentions": self.mentions, "files": list(self.files), "languages": list(self.languages),
            "evidence": list(self.evidence),
            "terms": [{"language": t.lang, "term": t.text, "status": t.status, "type": t.type,
                       "mentions": t.mentions, "files": list(t.files)} for t in self.terms],
            "contexts": [{"path": p, "text": line} for p, line in self.contexts],
        }  # fmt: skip


# The status a variant is proposed with: a slip is a rendering to warn about, another spelling one to admit.
VARIANT_STATUS = {f"term-typo:{kind}": "deprecated" for kind in ("typo", "context", "acronym", "case")}


class _Groups:
    """Union-find over nodes; never joins two known concepts."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.concept: dict[str, str] = {}  # root → the known concept in its group
        self.why: dict[str, set[str]] = {}

    def find(self, node: str) -> str:
        parent = self.parent.setdefault(node, node)
        if parent != node:
            parent = self.parent[node] = self.find(parent)
        return parent

    def join(self, a: str, b: str, why: str) -> None:
        ra, rb = self.find(a), self.find(b)
        for node, root in ((a, ra), (b, rb)):
            if node.startswith("\0"):
                self.concept.setdefault(root, node[1:])
        if ra == rb:
            return
        ca, cb = self.concept.get(ra), self.concept.get(rb)
        if ca is not None and cb is not None:
            return  # two known concepts: the link is wrong, or the term base's business
        self.parent[rb] = ra
        if cb is not None:
            self.concept[ra] = cb
        self.why[ra] = self.why.get(ra, set()) | self.why.pop(rb, set()) | {why}


def propose(observed: Iterable[Observed], known: Iterable[str], min_count: int = DEFAULT_MIN_COUNT) -> list[Proposal]:
    """The proposals of a run, best first (mentions × files × languages); `known`: the term base's
    concept ids. A new concept must be named in two files or `min_count` times."""
    by_node: dict[str, list[Mention]] = {}
    groups = _Groups()
    links: list[Link] = []
    for obs in observed:
        for m in obs.mentions:
            by_node.setdefault(m.node, []).append(m)
        links += obs.links
    for link in sorted(links, key=lambda k: _LINK_ORDER.get(k.why.split(":", 1)[0], 9)):
        groups.join(link.a, link.b, link.why.split(":", 1)[0])
    for a, b in _skeleton_links(by_node):
        groups.join(a, b, "skeleton")
    members: dict[str, list[str]] = {}
    for node in by_node:
        members.setdefault(groups.find(node), []).append(node)
    ids = set(known)
    proposals: list[Proposal] = []
    for root, nodes in members.items():
        concept = groups.concept.get(root)
        why = tuple(sorted(groups.why.get(root, ())))
        if concept is not None and concept in ids:
            proposals += [_variant(concept, by_node[n], why) for n in nodes]
        elif concept is None and _named(nodes, by_node):
            found = _concept([by_node[n] for n in nodes], why, ids)
            if found is not None and (len(found.files) >= 2 or found.mentions >= min_count):
                ids.add(found.id)
                proposals.append(found)
    return sorted(proposals, key=lambda p: (-p.score, p.kind != "variant", p.id, p.terms[0].text))


WEAK_LANGUAGES = 3


def _named(nodes: list[str], by_node: dict[str, list[Mention]]) -> bool:
    """Whether a group is a name: a word no word list knows, or capitalised alike in three languages
    (Europa); two are not enough: Spanish and Portuguese both write Estado, English and French both
    capitalise a Declaration in a title."""
    mentions = [m for n in nodes for m in by_node[n]]
    return any(m.strong for m in mentions) or len({m.lang for m in mentions}) >= WEAK_LANGUAGES


_LINK_ORDER = {"term-typo": 0, "foreign-rendering": 1, "definition": 2, "aligned": 3}


def _skeleton_links(by_node: dict[str, list[Mention]]) -> list[tuple[str, str]]:
    """Nodes written alike across languages: one transliteration skeleton (Rybakov, Rybakow,
    Рыбаков), an acronym spelt the same (SCO in English and Portuguese texts)."""
    first: dict[str, str] = {}
    surnames: list[tuple[str, str]] = []
    out = []
    for node, mentions in by_node.items():
        for key in _keys(mentions[0]):
            if key in first:
                out.append((first[key], node))
            else:
                first[key] = node
        words = mentions[0].text.split()
        if mentions[0].kind == "name" and len(words) in (2, 3) and not CONNECTORS.intersection(words):
            surnames.append((node, node_key(mentions[0].lang, words[-1])))
    # A person's full name and the surname alone (Sadyr Japarov, Japarov), where the surname is a name.
    out += [(a, b) for a, b in surnames if any(m.strong for m in by_node.get(b, ()))]
    return out


def _keys(m: Mention) -> list[str]:
    """The keys a name is found by in every language: its spelling without accents (Tianjin, Índia)
    and its transliteration skeleton."""
    if m.kind == "acronym":
        return ["A\0" + m.text] if len(m.text) >= 3 else []
    if m.kind != "name":
        return []
    words = [w for w in m.text.replace("-", " ").split() if w not in CONNECTORS]
    if any(len(w) < 4 for w in words):
        return []
    folded = "".join(
        c for c in unicodedata.normalize("NFD", " ".join(words).casefold()) if not unicodedata.combining(c)
    )
    return ["S\0" + folded, "N\0" + " ".join(skeleton(w, m.lang) for w in words)]


def _variant(concept: str, mentions: list[Mention], why: tuple[str, ...]) -> Proposal:
    kinds = Counter(m.kind for m in mentions)
    kind = kinds.most_common(1)[0][0]
    status = VARIANT_STATUS.get(kind, "admitted")
    term = _term(mentions, status, None)
    return Proposal("variant", concept, concept, (term,), term.mentions, term.files, (term.lang,),
                    tuple(sorted({*why, kind})), ((mentions[0].path, mentions[0].context),))  # fmt: skip


def _term(mentions: list[Mention], status: str, type_: str | None) -> ProposedTerm:
    spelling = Counter(m.text for m in mentions).most_common(1)[0][0]
    files = tuple(dict.fromkeys(m.path for m in mentions))
    return ProposedTerm(mentions[0].lang, spelling, status, type_, len(mentions), files)


def _concept(nodes: list[list[Mention]], why: tuple[str, ...], ids: set[str]) -> Proposal | None:
    """A new concept from its nodes' mentions (weak nodes count only beside a strong one)."""
    terms = _statuses([_term(ms, "admitted", None) for ms in nodes if any(m.strong for m in ms) or len(nodes) > 1])
    if not terms:
        return None
    files = tuple(dict.fromkeys(f for t in terms for f in t.files))
    langs = tuple(dict.fromkeys(t.lang for t in terms))
    contexts = tuple((ms[0].path, ms[0].context) for ms in sorted(nodes, key=len, reverse=True))[:4]
    mentions = sum(t.mentions for t in terms)
    return Proposal("concept", _new_id(terms, ids), None, terms, mentions, files, langs, why, contexts)


def _statuses(terms: list[ProposedTerm]) -> tuple[ProposedTerm, ...]:
    """Per language, the most mentioned acronym and the most mentioned other term preferred, the rest
    admitted; an acronym beside a full form makes the full form `fullForm`."""
    from dataclasses import replace

    terms = sorted(terms, key=lambda t: (t.lang, -t.mentions, t.text))
    out = []
    seen: set[tuple[str, bool]] = set()
    for t in terms:
        acronym = is_acronym_word(t.text.replace(" ", "")) and " " not in t.text
        has_acronym = any(o.lang == t.lang and is_acronym_word(o.text) for o in terms)
        type_ = "acronym" if acronym else ("fullForm" if has_acronym and " " in t.text else None)
        status = "admitted" if (t.lang, acronym) in seen else "preferred"
        seen.add((t.lang, acronym))
        out.append(replace(t, status=status, type=type_))
    return tuple(out)


def _new_id(terms: tuple[ProposedTerm, ...], ids: set[str]) -> str:
    """An id from the English acronym, else an English term, else the most mentioned term."""

    def rank(t: ProposedTerm) -> tuple[bool, bool, bool, int]:
        return (t.lang != "en", not t.text.isascii(), t.type != "acronym", -t.mentions)

    best = sorted(terms, key=rank)[0]
    base = slug(best.text) or "candidate"
    found, n = base, 2
    while found in ids:
        found, n = f"{base}-{n}", n + 1
    return found


def slug(text: str) -> str:
    """A concept id from a term: lower case, accents off, words joined by hyphens (any script)."""
    folded = "".join(c for c in unicodedata.normalize("NFD", text.casefold()) if not unicodedata.combining(c))
    return "-".join(re.findall(r"[^\W_]+", folded))[:60]


# --- text and JSON ---------------------------------------------------------------------------------------


def render_text(proposals: list[Proposal], colour: Callable[[str], str] = lambda s: s) -> str:
    """A readable list grouped by kind, best first."""
    parts = []
    for kind, title in (("variant", "Variants of known concepts"), ("concept", "New concepts")):
        chosen = [p for p in proposals if p.kind == kind]
        parts.append(f"{title} ({len(chosen)})\n")
        for p in chosen:
            parts.append(_text_entry(p, colour))
        parts.append("\n")
    return "".join(parts)


def _text_entry(p: Proposal, colour: Callable[[str], str]) -> str:
    head = f"  {colour(p.id)}  score {p.score}: {p.mentions}× in {len(p.files)} file(s), {', '.join(p.languages)}"
    lines = [head + (f"  [{', '.join(p.evidence)}]" if p.evidence else "")]
    for t in p.terms:
        what = ", ".join(x for x in (t.status, t.type) if x)
        lines.append(f"      {t.lang}: {t.text} ({what}) {t.mentions}×")
    for path, line in p.contexts[:2]:
        lines.append(f"      {path}: {line}")
    return "\n".join(lines) + "\n"


def to_json(proposals: list[Proposal], version: str, sources: list[str]) -> dict[str, Any]:
    variants = sum(p.kind == "variant" for p in proposals)
    return {
        "schema_version": 1,
        "tool": {"name": "termcheck", "version": version},
        "glossary": {"sources": sources},
        "candidates": [p.to_dict() for p in proposals],
        "summary": {"candidates": len(proposals), "variants": variants, "concepts": len(proposals) - variants},
    }
