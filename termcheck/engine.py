"""lint(document, index, selection) → findings: match terms, resolve each against the text's language,
run the selected rules, sort. Pure: no I/O."""

from __future__ import annotations

import bisect
import itertools
import re
import sys
from collections import Counter
from collections.abc import Callable, Container, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from . import dates
from .findings import Finding, Severity, Span
from .glossary.index import GlossaryIndex, Match
from .glossary.model import Concept, Status, Term
from .languages import same_language
from .resources import Resources
from .sources.document import Document
from .text.tokenize import QUOTES_CLOSE, QUOTES_OPEN
from .text.wordlist import is_form

# Verdicts of a term occurrence in the language it is read in.
PREFERRED, ADMITTED, DEPRECATED, FOREIGN, UNKNOWN = "preferred", "admitted", "deprecated", "foreign", "unknown"
_RANK = {PREFERRED: 0, ADMITTED: 1, DEPRECATED: 2, FOREIGN: 3, UNKNOWN: 4}

# Words that introduce a foreign or former name: "OVKS (englisch: CSTO)", "em russo: ОДКБ".
GLOSS_LABELS = (
    r"englisch|engl\.|russisch|russ\.|deutsch|portugiesisch|französisch|spanisch|vormals|früher|ehemals|"
    r"ehemalig|zuvor|auf (?:englisch|russisch|deutsch|französisch|spanisch|portugiesisch)|"
    r"em (?:inglês|russo|alemão|francês|espanhol|português)|sigla em inglês|antiga(?:mente)?|antigo|anteriormente|"
    r"in (?:english|russian|german|french|spanish|portuguese)|english|russian|formerly|former|previously|"
    r"also known as|known as|a\.k\.a\.|aka|"
    r"en (?:inglés|ruso|alemán|francés|portugués|anglais|russe|allemand|espagnol|portugais)|"
    r"antes|antiguo|antigua|anciennement|autrefois|ex|"
    r"in (?:inglese|russo|tedesco|francese|spagnolo|portoghese)|già|precedentemente|in precedenza|"
    r"un tempo|"
    # a former name given by the renaming: "era stata rinominata Nur-Sultan", "was renamed Nur-Sultan"
    r"renamed(?: as| to)?|rinominat[ao](?: in)?|ribattezzat[ao](?: in)?|rebautizad[ao](?: como)?|"
    r"renombrad[ao](?: como)?|renomead[ao](?: como| para)?|rebatizad[ao](?: como| de| para)?|"
    r"renommée?(?: en)?|rebaptisée?(?: en)?|umbenannt in|переименован[аоы]? в|"
    r"по-английски|по-русски|англ\.|ранее|прежде|бывш\.|бывший|бывшая|"
    r"or|ou|oder|или|ou seja|d\.h\.|i\.e\."  # an alternative name given as such: "OVKS (oder CSTO)"
)
ABBREVIATION_WORDS = r"(?:\s+(?:Abk\.|Abkürzung|abbr\.|abbreviation|sigla|siglas|acrónimo|acronyme|аббр\.|сокр\.))?"
_GLOSS_RE = re.compile(
    r"(?:^|[\s(\[,;])(?:"
    + GLOSS_LABELS
    + r")"
    + ABBREVIATION_WORDS
    + r"\s*[:,]?\s*["
    + re.escape(QUOTES_OPEN)
    + r"]?\s*$",
    re.IGNORECASE,
)
# A label after the rendering it glosses: "(SCO, na sigla em inglês)", "(CSTO, por sus siglas en inglés)",
# "(CSTO, en anglais)".
_LANGUAGE_WORDS = r"(?:inglês|inglés|english|anglais|englisch|russo|ruso|russe|russisch|russian)"
_GLOSS_AFTER_RE = re.compile(
    r"\s*,?\s*(?:(?:na|pela|por|de|nach|in)\s+)?(?:(?:sus?|la|a|seu|sua|der|its|their)\s+)?"
    r"(?:sigla|siglas|acrónimo|acronyme|abreviatura|abkürzung|abbreviation|acronym)s?\s+(?:em|en|in|auf)\s+"
    + _LANGUAGE_WORDS
    + r"\b|\s*,\s*(?:em|en|in|auf)\s+"
    + _LANGUAGE_WORDS
    + r"\s*\)",
    re.IGNORECASE,
)
# A credit or caption line names agencies and photographers in their own language: "Foto: CSTO press service".
_CREDIT_RE = re.compile(
    r"\s*(?:foto|fotos|photo|photos|фото|imagem|crédito|créditos|credit|credits|quelle|source|fonte|fuente|bild|"
    r"bildquelle|©)\s*[:©]",
    re.IGNORECASE,
)
# A credit with no label ends a caption line after a dash, a bar or a sentence, or in brackets: "… de Vladimir
# Putin - Anadolu Agency / Getty Images", "… em Moscou. (Shamil Zhumatov/Reuters)". Only names (capitalised
# words), with a slash between two of them or "via", up to the line's end.
_CREDIT_TAIL_RE = re.compile(
    r"(?:\s[-|\u2013\u2014]\s+|[.!?]\s+|\s\()"
    r"((?:[^\W\d_][\w.&'’-]*\s*/\s*|[^\W\d_][\w.&'’-]*\s+|via\s+){1,9}[^\W\d_][\w.&'’-]*)\)?\.?[ \t]*$"
)
# A labelled credit inside a line, up to the line's end or its closing bracket: "em 2023 (Foto: Anadolu Agency)",
# "Réunion à Minsk. Photo : Anadolu Agency via Getty Images", "Riunione a Minsk © Anadolu Agency".
_CREDIT_LABEL_RE = re.compile(
    r"(?:(?<![^\W\d_])(?:fotos?|photos?|фото|imagem|imagen|immagine|cr[ée]dits?|cr[ée]ditos?|quelle|bildquelle|bild|"
    r"source|fonte|fuente)\s*:|©)[^.!?;:()\n]*$",
    re.IGNORECASE,
)
_CREDIT_MAX_CHARS = 60
_CREDIT_END_RE = re.compile(r"[^.!?;:()\n]*(?:\)|\.?[ \t]*$)")
_COMMA_RE = re.compile(r"^\s*[,:/\-\u2010\u2011\u2013\u2014]\s*$")  # "Collective Security Treaty Organization-CSTO"
_OPEN_PAREN_RE = re.compile(r"\s*\(\s*")
# A bracket right after a name, which may end a quotation: 'OVKS "Organisation des Vertrags …"(CSTO'.
_PAREN_RE = re.compile(r"^[" + re.escape(QUOTES_CLOSE) + r"]?\s*\(\s*[" + re.escape(QUOTES_OPEN) + r"]?$")
# Between two renderings of one gloss: the same clause of the same brackets ("russisch ОДКБ, Organisazija
# Dogowora … – ODKB"), a transliteration given beside the original.
_SAME_GLOSS_RE = re.compile(r"[^.;!?()\[\]\n]{0,80}")
PASSAGE_MIN_WORDS = 6
PASSAGE_MIN_CONFIDENCE = 0.95
PASSAGE_MAX_CHARS = 1200
# A label word opening a sentence and followed by a comma is an adverb of time, not a label: "Anteriormente,
# Yerevan congelou…", "Früher, …" ("previously, Yerevan froze").
_SENTENCE_ADVERB_RE = re.compile(r"(?:^|[.!?]\s+)[^\W\d_]+\s*,\s*$")
_BRACKETED_RE = re.compile(r"\(([^()\n]{20,})\)")
_QUOTED_RE = re.compile(r"[\"“„«‹]([^\"“”„«»‹›\n]{20,})[\"”“»›]")


@dataclass(frozen=True, slots=True)
class TermMatch:
    """A term occurrence resolved against the language it is read in."""

    start: int
    end: int
    word_start: int  # where its first word starts (after punctuation the term begins with)
    concept: Concept
    term: Term
    lang: str
    verdict: str
    gloss: bool = False
    candidates: tuple[Term, ...] = ()


def resolve(match: Match, lang: str, concepts: Mapping[str, Concept]) -> tuple[Concept, Term, str]:
    """The concept, the term and the verdict of a match in `lang` (the best over the concepts it may be)."""
    best: tuple[int, Concept, Term, str] | None = None
    for entry in match.entries:
        concept = concepts[entry.term.concept_id]
        keys = concept.lang_keys(lang)
        if entry.term.lang in keys:
            verdict = {Status.PREFERRED: PREFERRED, Status.ADMITTED: ADMITTED}.get(entry.term.status, DEPRECATED)
        else:
            verdict = FOREIGN if keys else UNKNOWN
        if best is None or _RANK[verdict] < best[0]:
            best = (_RANK[verdict], concept, entry.term, verdict)
    assert best is not None
    return best[1], best[2], best[3]


@dataclass
class Context:
    """What rules see of one document."""

    document: Document
    matches: list[TermMatch] = field(default_factory=list)
    index: GlossaryIndex | None = None  # for rules that look beyond exact matches (term-typo)
    resources: Resources = field(default_factory=Resources)  # word lists and the like, handed in
    cap: Cap | None = None  # while the rules run: max-findings-per-file

    @cached_property
    def lang(self) -> str:
        return self.document.language

    @cached_property
    def _spans(self) -> tuple[list[int], list[int]]:
        return [m.start for m in self.matches], [m.end for m in self.matches]

    def covered(self, offset: int) -> bool:
        """Whether a term match covers the text at `offset` (a word inside a found term needs no
        second look by the rules that judge words)."""
        starts, ends = self._spans
        i = bisect.bisect_right(starts, offset) - 1
        return i >= 0 and offset < ends[i]

    def finding(
        self,
        rule: RuleInfo,
        start: int,
        end: int,
        message: str,
        concept: str | None,
        lang: str | None = None,
        suggestions: tuple[str, ...] = (),
        fix: tuple[str, bool] | None = None,
        **extra: object,
    ) -> Finding:
        """A finding over [start, end) of the text; `fix` is (replacement, safe) for that span."""
        doc = self.document
        span = doc.span(start, end)
        if self.cap is not None and self.cap.full(rule):
            return self.cap.stand_in(Finding(doc.path, span, rule.code, rule.name, rule.severity, "", "", None, ""))
        text = doc.slice(start, end)
        segment = doc.segment(start)
        if segment is not None and segment.unit is not None:  # bilingual files: the unit and its state
            extra = {"unit": segment.unit, **({"state": segment.state} if segment.state else {}), **extra}
        return Finding(
            path=doc.path,
            span=span,
            code=rule.code,
            rule=rule.name,
            severity=rule.severity,
            message=sys.intern(message),  # the same message recurs with every occurrence of a rendering
            text=sys.intern(text),
            concept=concept,
            language=lang or self.lang,
            suggestions=suggestions,
            extra=tuple(sorted(extra.items())),
            fix=doc.fix(start, end, fix[0], fix[1]) if fix else None,
            line_text=doc.line_text(span.line),
            fingerprint=doc.fingerprint(rule.name, concept, span, text),
            source_text=segment.source_text or "" if segment is not None else "",
        )


@dataclass(frozen=True, slots=True)
class RuleInfo:
    code: str
    name: str
    severity: Severity
    enabled: bool
    summary: str
    doc: str
    check: Callable[[Context, RuleInfo], list[Finding]]
    # Run-level rules: `collect` takes small picklable facts from each document (in the worker), and
    # `check_run` turns the facts of all files, as (path, facts), into findings.
    collect: Callable[[Context, RuleInfo], list[Any]] | None = None
    check_run: Callable[[list[tuple[str, list[Any]]], RuleInfo], list[Finding]] | None = None
    aliases: tuple[str, ...] = ()
    fix: str = "none"  # safe, sometimes (safe where no inflection is involved), unsafe, none


def match_document(doc: Document, index: GlossaryIndex, resources: Resources | None = None) -> Context:
    resources = resources or Resources()
    ctx = Context(doc, index=index, resources=resources)
    raw = index.find(doc.text, None, doc.skip_spans)
    passages = _Passages(doc, raw, resources.identify if doc.language != "und" else None)
    resolved: list[TermMatch] = []
    for m in raw:
        concept, term, verdict = resolve(m, doc.language, index.concepts)
        lang = doc.language
        if verdict in (FOREIGN, DEPRECATED, ADMITTED):
            other = passages.language_at(m.start)
            if other and not same_language(other, lang):  # a pt passage of a pt-BR text keeps its region
                there = resolve(m, other, index.concepts)
                # An admitted term is moved only where it is allowed there too: "Vladimir Putin" in an English
                # caption of a Spanish text (which writes Vladímir) is English, and no mix of Spanish spellings.
                if verdict != ADMITTED or there[2] in (PREFERRED, ADMITTED):
                    lang, (concept, term, verdict) = other, there
        resolved.append(
            TermMatch(
                m.start,
                m.end,
                m.word_start,
                concept,
                term,
                lang,
                verdict,
                candidates=tuple(e.term for e in m.entries),
            )
        )
    ctx.matches = _mark_glosses(
        doc, resolved, resources, lambda w: any(len(e.words) > 1 for e in index.first_entries(w))
    )
    return ctx


def gloss_before(text: str, start: int) -> bool:
    """Whether a language label or a "formerly" word introduces the word at `start`."""
    line_start = text.rfind("\n", max(0, start - 60), start) + 1
    return bool(_GLOSS_RE.search(text[max(line_start, start - 60) : start]))


def _label_after_name(text: str, end: int) -> bool:
    """A language label in brackets right after a name: "Organização de Cooperação de Xangai (sigla em inglês)"."""
    bracket = _OPEN_PAREN_RE.match(text, end)
    return bracket is not None and gloss_after(text, bracket.end())


def gloss_after(text: str, end: int) -> bool:
    """Whether a language label follows the word ending at `end`: "(SCO, na sigla em inglês)"."""
    return _GLOSS_AFTER_RE.match(text, end) is not None


_LATIN_LETTER_RE = re.compile(r"[A-Za-z\u00c0-\u024f]")
_GLOSS_LABEL_END_RE = re.compile(
    r"(?:^|[\s(\[,;])(?:" + GLOSS_LABELS + r")" + ABBREVIATION_WORDS + r"\s*[:,]?", re.IGNORECASE
)


def _glossed_phrase(before: str, matched: str) -> bool:
    """A term inside a foreign-script phrase that a label introduces: "(em russo: Организация Договора о
    Коллективной Безопасности)": nothing in Latin letters stands between the label and the term."""
    if _LATIN_LETTER_RE.search(matched):
        return False
    labels = list(_GLOSS_LABEL_END_RE.finditer(before))
    return bool(labels) and not _LATIN_LETTER_RE.search(before[labels[-1].end() :])


_CYRILLIC_LANGS = frozenset({"ru", "uk", "be", "kk", "bg", "sr", "mk"})
_WORD_BEFORE_RE = re.compile(r"(\w+)[ \u00a0]+$")
_WORD_AFTER_RE = re.compile(r"[ \u00a0]+(\w+)")


def _in_latin_phrase(text: str, m: TermMatch) -> bool:
    """A Latin-script term beside another Latin-script word in a Cyrillic-script text is part of a name
    left in the original ("газета The Washington Post"), not the term in another language's form."""
    if m.lang.split("-", 1)[0] not in _CYRILLIC_LANGS or not _LATIN_LETTER_RE.search(text[m.start : m.end]):
        return False
    before = _WORD_BEFORE_RE.search(text, max(0, m.start - 40), m.start)
    after = _WORD_AFTER_RE.match(text, m.end)
    return any(w is not None and _LATIN_LETTER_RE.match(w.group(1)) for w in (before, after))


_NOUNS_CAPITALISED = frozenset({"de", "lb"})
_TITLE_WORD_RE = re.compile(r"[ \u00a0]+([A-Z][a-z]+)\b")
# A number right after a name makes a title of a channel, an event or a programme ("à emissora Rossiya 24",
# "Estratégia Kazakhstan 2050"); not a score or a time ("Kazakhstan 0-1", "Russia 2:1").
_TITLE_NUMBER_RE = re.compile(r"[ \u00a0]\d{1,4}(?![\d\-\u2013:.,/]\d)")


def titled_by_number(text: str, end: int) -> bool:
    """Whether a number follows the word ending at `end` as part of a title: "Rossiya 24", "Kazakhstan 2050"."""
    return _TITLE_NUMBER_RE.match(text, end) is not None


def _in_foreign_title(
    text: str,
    m: TermMatch,
    following: int | None,
    words: Callable[[str], Container[str] | None],
    name_start: Callable[[str], bool],
) -> bool:
    """A one-word name of another language followed by a capitalised word of no term is part of a foreign title
    ("come riporta il Moscow Times"; "o Kazakhstan Today"; not before the first word of a longer term: "de
    Turkmenia Gurbanguly Berdimuhamédov", a person's misspelt name), and so is one followed by a number ("Russia
    24", a channel), and a longer term in capitals it does not have ("la Collective Security Team Organization",
    misspelt); not for acronyms. In a language that capitalises nouns the word after must be no word of it ("der
    Kyiv Independent", but "in Kyiv Ende Mai" is the city): `words` gives a language's ordinary words."""
    written = text[m.start : m.end]
    if written.isupper() or same_language(m.term.lang, m.lang):
        return False
    if " " in m.term.text and (m.term.text.istitle() or not written.istitle()):
        return False  # a longer term counts only with capitals of a name's: "la Collective Security Team Organization"
    if " " not in m.term.text and titled_by_number(text, m.end):
        return True
    after = _TITLE_WORD_RE.match(text, m.end)
    if after is None or (following is not None and following <= after.start(1)) or name_start(after.group(1)):
        return False
    lang = m.lang.split("-", 1)[0]
    if lang not in _NOUNS_CAPITALISED:
        return True
    known = words(lang)
    return known is not None and not is_form(after.group(1).lower(), lang, known)


# A quote mark between two letters is an apostrophe ("aujourd'hui", "l'Organisation"), never a quote.
_NOT_AFTER_A_LETTER, _NOT_BEFORE_A_LETTER = r"(?<![^\W\d_])", r"(?![^\W\d_])"
_QUOTED_NAME_RE = re.compile(
    f"{_NOT_AFTER_A_LETTER}[{re.escape(QUOTES_OPEN)}]([^{re.escape(QUOTES_OPEN + QUOTES_CLOSE)}\n]{{1,60}})"
    f"[{re.escape(QUOTES_CLOSE)}]{_NOT_BEFORE_A_LETTER}"
)
_WORD_CHARS_RE = re.compile(r"[^\W\d_]{2,}")


def in_quoted_name(text: str, start: int, end: int, covered: Callable[[int], bool]) -> bool:
    """Whether [start, end) stands inside a short quoted name with a capitalised word that no term covers:
    the newspaper 'Vecherniy Bishkek' or «Kazakhstanskaya Pravda» keeps its own spelling of the place."""
    line_start = text.rfind("\n", 0, start) + 1
    for q in _QUOTED_NAME_RE.finditer(text, max(line_start, start - 62), end + 62):
        if not q.start(1) <= start < end <= q.end(1):
            continue
        return any(w.group()[0].isupper() and not start <= w.start() < end and not covered(w.start())
                   for w in _WORD_CHARS_RE.finditer(text, q.start(1), q.end(1)))  # fmt: skip
    return False


_YEAR_RE = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")


_SENTENCE_END_RE = re.compile(r"[.!?]\s|\n")
_SENTENCE_REACH = 160  # characters looked at on each side of a name for the years of its sentence


# A renaming anywhere in the sentence gives the former name it names as such, in any word order: "in
# „Nur-Sultan“ umbenannt worden" (German, the verb last), "renomment la capitale, désormais appelée Nur-Sultan".
_RENAMING_RE = re.compile(
    r"\b(?:renam|renomm|rebaptis|umbenann|umbenenn|rinomin|ribattezz|renombr|rebautiz|renome|rebatiz|переименова)\w*",
    re.IGNORECASE,
)


# A document or meeting named after a place keeps the place's name of its day ("sulla base della Dichiarazione di
# Alma-Ata", "the Alma-Ata Protocol"): the word for it right before the name (with "of") or, in English, after it.
_DOCUMENT_WORDS = (
    r"declarations?|déclarations?|declaraci[oó]n|declaraç[aã]o|dichiarazione|erklärung|deklaration|"
    r"protocols?|protocolos?|protocoles?|protocoll[oi]|protokoll|accords?|acuerdos?|acordos?|accordi?|abkommen|"
    r"agreements?|treaty|tratados?|traités?|trattato|vertrag|vertrags|conferences?|conférences?|conferencias?|"
    r"conferências?|conferenz[ae]|konferenz"
)
_DOCUMENT_BEFORE_RE = re.compile(
    r"\b(?:" + _DOCUMENT_WORDS + r")\s+(?:of|de|di|d'|d’|von|du|da|do|del|della|des|der|de la)?\s*[„“\"«»'‘]?\s*$",
    re.IGNORECASE,
)
_DOCUMENT_AFTER_RE = re.compile(r"[”\"»']?\s+(?:Declaration|Protocol|Agreement|Accords?|Treaty|Conference)\b")


def _dated_before_renaming(text: str, m: TermMatch, date: str | None) -> bool:
    """A name deprecated since a date, in a text written before that date (`--date`, the file's own date)
    or in a sentence that names a year before that date or its own year, is the name of its time:
    "NUR-SULTAN" in a dateline of May 2022, "la Declaración de Alma-Ata de 1991" and "bis 1993 Alma-Ata"
    (Almaty since 1993), "rinominata Nur-Sultan, in onore del presidente Nazarbaev, nel 2019"; so is a
    document's name ("sulla base della Dichiarazione di Alma-Ata") and a name in a sentence that tells a
    renaming ("la capitale, désormais appelée Nur-Sultan, en Astana")."""
    if m.verdict not in (DEPRECATED, FOREIGN) or m.term.status is not Status.DEPRECATED or not m.term.since:
        return False  # a foreign match counts where it is a former name in its language too (Rakhmonov, 2006)
    if date is not None and dates.before(date, m.term.since):
        return True
    if _DOCUMENT_BEFORE_RE.search(text, max(0, m.start - 40), m.start) or _DOCUMENT_AFTER_RE.match(text, m.end):
        return True  # "la Dichiarazione di Alma-Ata", "the Alma-Ata Protocol": a document keeps the name it was given
    since = int(m.term.since[:4])
    before = _SENTENCE_END_RE.split(text[max(0, m.start - _SENTENCE_REACH) : m.start])[-1]
    after = _SENTENCE_END_RE.split(text[m.end : m.end + _SENTENCE_REACH], maxsplit=1)[0]
    sentence = f"{before} {after}"
    if _RENAMING_RE.search(sentence):
        return True  # "renomment la capitale, désormais appelée Nur-Sultan, en Astana": a renaming names the old name
    return any(int(year) <= since for year in _YEAR_RE.findall(sentence))


def _in_credit_tail(text: str, m: TermMatch, line_start: int) -> bool:
    """Whether the match stands in a credit that ends its line or its brackets: after a label ("(Foto: Anadolu
    Agency)", "© Anadolu Agency"), or unlabelled, names only, all capitalised, with a slash between two of them
    or "via" ("- Anadolu Agency / Getty Images", "AFP via Getty Images"). Credits are short: only a few
    characters on each side are read, so a long line costs no more than a short one."""
    reach = _CREDIT_MAX_CHARS
    newline = text.find("\n", m.end, m.end + 2 * reach)
    line_end = newline if newline >= 0 else (len(text) if len(text) <= m.end + 2 * reach else -1)
    after = text[m.end : line_end if line_end >= 0 else m.end + reach]
    end = _CREDIT_END_RE.match(after)
    if end is not None and not end.group().endswith(")") and line_end < 0:
        end = None  # the line runs on past what a credit holds
    label = _CREDIT_LABEL_RE.search(text, max(line_start, m.start - reach), m.start)
    if label is not None and end is not None and m.end + end.end() - label.start() <= reach:
        return True  # short, as credits are: not "segundo a fonte: a CSTO reuniu-se em Minsk, disse ele, …"
    if line_end < 0:
        return False
    start = max(line_start, m.start - 2 * reach)
    tail = _CREDIT_TAIL_RE.search(text[start:line_end])
    if tail is None or start + tail.start(1) > m.start:
        return False
    credit = tail.group(1)
    words = re.findall(r"[^\W\d_][\w.&'’-]*", credit)
    names = all(w[0].isupper() or w == "via" for w in words)
    return names and ("/" in credit or "via" in words)


def _mark_glosses(
    doc: Document, matches: list[TermMatch], resources: Resources, name_start: Callable[[str], bool]
) -> list[TermMatch]:
    """Flag foreign or former names given explicitly as such, or standing in a quoted name, which no rule
    reports. `name_start` tells whether a word begins a term of several words (a person's first name)."""
    text = doc.text
    out: list[TermMatch] = []
    starts, ends = [m.start for m in matches], [m.end for m in matches]

    def covered(offset: int) -> bool:
        i = bisect.bisect_right(starts, offset) - 1
        return i >= 0 and offset < ends[i]

    for i, m in enumerate(matches):
        if m.verdict not in (FOREIGN, DEPRECATED):
            out.append(m)
            continue
        line_start = doc.text_line(m.start)[0]
        before = text[max(line_start, m.start - 60) : m.start]
        labelled = _GLOSS_RE.search(before) is not None and not _SENTENCE_ADVERB_RE.search(before)
        gloss = labelled or bool(_CREDIT_RE.match(text, line_start)) or _in_credit_tail(text, m, line_start)
        latin_text = doc.language.split("-", 1)[0] not in _CYRILLIC_LANGS  # a Cyrillic phrase glossed in a Latin text
        gloss = gloss or (latin_text and _glossed_phrase(before, text[m.start : m.end])) or _in_latin_phrase(text, m)
        gloss = gloss or _dated_before_renaming(text, m, doc.date) or gloss_after(text, m.end)
        next_start = matches[i + 1].start if i + 1 < len(matches) else None
        gloss = gloss or _in_foreign_title(text, m, next_start, resources.words, name_start)
        gloss = gloss or (" " not in m.term.text and not text[m.start : m.end].isupper()
                          and in_quoted_name(text, m.start, m.end, covered))  # fmt: skip
        between = text[matches[i - 1].end : m.start] if out else ""
        if not gloss and out and out[-1].gloss and out[-1].concept.id == m.concept.id:
            gloss = _SAME_GLOSS_RE.fullmatch(between) is not None
        if not gloss and out and (_PAREN_RE.match(between) or (out[-1].gloss and _COMMA_RE.match(between))):
            prev = out[-1]  # its acronym in parentheses after a name, or after a name given as foreign
            gloss = prev.concept.id == m.concept.id and (prev.verdict in (PREFERRED, ADMITTED) or prev.gloss)
        out.append(replace(m, gloss=True) if gloss else m)
    following: dict[str, TermMatch] = {}  # the next match of each concept, walking backwards
    for i in range(len(out) - 1, -1, -1):
        m = out[i]
        after = following.get(m.concept.id)
        if after is not None and not m.gloss and m.verdict in (FOREIGN, DEPRECATED):
            between = text[m.end : after.start]
            # A transliteration right before its original given as a gloss; a name followed by the
            # text's own name in brackets, both given: "le Belarus (Biélorussie)".
            glossed = after.gloss and same_language(m.term.lang, after.term.lang) and _SAME_GLOSS_RE.fullmatch(between)
            own = after.verdict in (PREFERRED, ADMITTED)
            same_kind = (after.term.type == "acronym") == (m.term.type == "acronym")  # not a name and its acronym
            own_after = (own and same_kind and _OPEN_PAREN_RE.fullmatch(between) is not None
                         and text[after.end : after.end + 1] == ")")  # fmt: skip
            # The acronym, the text's own full name, then a label that says whose the acronym is: "a Cimeira
            # da SCO – Organização de Cooperação de Xangai (sigla em inglês)".
            labelled = own and _COMMA_RE.match(between) is not None and _label_after_name(text, after.end)
            if glossed or own_after or labelled:
                m = out[i] = replace(m, gloss=True)
        following[m.concept.id] = m
    return out


class _Passages:
    """Passages wholly in another language (a quoted sentence, a line left in the original): identified
    lazily, only around matches that would otherwise be findings or count in a mix of admitted spellings."""

    def __init__(
        self, doc: Document, matches: list[Match], identify: Callable[[str], tuple[str, float] | None] | None
    ) -> None:
        self.doc, self.matches, self.identify = doc, matches, identify
        self.starts = [m.start for m in matches]
        self.cache: dict[tuple[int, int], str | None] = {}

    def language_at(self, offset: int) -> str | None:
        if self.identify is None:
            return None
        for start, end in self._candidates(offset):
            if (start, end) not in self.cache:
                self.cache[(start, end)] = self._identify(start, end)
            if self.cache[(start, end)]:
                return self.cache[(start, end)]
        return None

    def _candidates(self, offset: int) -> list[tuple[int, int]]:
        text = self.doc.text
        line_start, line_end = self.doc.text_line(offset)
        spans = []
        lo, hi = max(line_start, offset - PASSAGE_MAX_CHARS), min(line_end, offset + PASSAGE_MAX_CHARS)
        for q in itertools.chain(_QUOTED_RE.finditer(text, lo, hi), _BRACKETED_RE.finditer(text, lo, hi)):
            if q.start(1) <= offset < q.end(1):  # a quotation, or a title in brackets: "(From the frontline: …)"
                spans.append((q.start(1), q.end(1)))
        if line_end - line_start <= 2 * PASSAGE_MAX_CHARS:
            spans.append((line_start, line_end))
        return spans

    def _identify(self, start: int, end: int) -> str | None:
        # Terms are masked: a foreign term must not pull its passage towards its own language.
        pieces, pos = [], start
        first = max(0, bisect.bisect_left(self.starts, start) - 1)
        for m in self.matches[first : bisect.bisect_left(self.starts, end)]:
            if m.end <= start:
                continue
            pieces.append(self.doc.text[pos : max(pos, m.start)])
            pos = max(pos, m.end)
        pieces.append(self.doc.text[pos:end])
        sample = " ".join(pieces)
        if len(sample.split()) < PASSAGE_MIN_WORDS or self.identify is None:
            return None
        found = self.identify(sample)
        if found and found[1] >= PASSAGE_MIN_CONFIDENCE:
            return found[0]
        return None


# The spans of the stand-ins Cap hands a rule for a finding past the limit: counted, or covered by a
# suppression comment.
NOT_SHOWN = Span(-1, -1, 0, 0, 0, 0)
SUPPRESSED = Span(-2, -2, 0, 0, 0, 0)


def _always(_finding: Finding) -> bool:
    return True


@dataclass
class Cap:
    """max-findings-per-file, over the documents of one file: a rule's findings past `limit` are not
    made; the rule gets a stand-in instead, one object per rule and severity, so that memory does not
    grow with the findings. `trim` then keeps the file's first `limit` findings in order and counts the
    others in `not_shown` (by stand-in), those that `reported` lets through: a suppression comment that
    covers a finding counts it as its own, not as one not shown."""

    limit: int
    reported: Callable[[Finding], bool] = _always
    not_shown: Counter[Finding] = field(default_factory=Counter)
    shown: int = 0
    made: Counter[str] = field(default_factory=Counter)  # per rule
    _shared: dict[Finding, Finding] = field(default_factory=dict)

    def full(self, rule: RuleInfo) -> bool:
        """Whether a rule has made its `limit` findings (the file's first ones are among them: rules
        report in the order of the text)."""
        self.made[rule.name] += 1
        return self.made[rule.name] > self.limit

    def stand_in(self, found: Finding) -> Finding:
        """The shared stand-in for a finding (only its place, code, rule and severity) past the limit:
        counted once the rule returns it, since a rule may still change its severity."""
        marker = NOT_SHOWN if self.reported(found) else SUPPRESSED
        shared = Finding(found.path, marker, found.code, found.rule, found.severity, "", "", None, "")
        return self._shared.setdefault(shared, shared)

    def trim(self, findings: list[Finding]) -> list[Finding]:
        """A document's findings, sorted, with no more than the file has room for; the others counted."""
        kept = []
        for f in findings:
            if f.span is NOT_SHOWN:
                self.not_shown[f] += 1
            elif f.span is not SUPPRESSED:
                kept.append(f)
        kept.sort(key=Finding.sort_key)
        room = max(0, self.limit - self.shown)
        out: list[Finding] = []
        for f in kept:
            if not self.reported(f):  # a suppression covers it (and has counted it): it takes no room
                continue
            if len(out) < room:
                out.append(f)
            else:
                self.not_shown[self.stand_in(f)] += 1
        self.shown += len(out)
        return out


def lint(
    doc: Document,
    index: GlossaryIndex,
    rules: list[RuleInfo],
    resources: Resources | None = None,
    cap: Cap | None = None,
) -> tuple[Context, list[Finding]]:
    """The document's findings, sorted: with a `cap`, no more than it has room for."""
    ctx = match_document(doc, index, resources)
    findings: list[Finding] = []
    ctx.cap = cap
    for rule in rules:
        findings += rule.check(ctx, rule)
    ctx.cap = None  # what rules collect afterwards for the run-level stage takes findings as templates
    if cap is not None:
        return ctx, cap.trim(findings)
    findings.sort(key=Finding.sort_key)
    return ctx, findings
