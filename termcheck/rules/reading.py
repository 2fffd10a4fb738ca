"""How a term occurrence reads in its text: each match resolved in the document's language (or in a
passage's own language), then marked as a gloss where the text gives it as foreign or former on
purpose: a language label ("OVKS (englisch: CSTO)"), a photo credit, a quoted or foreign title, a
name older than a renaming the text dates. `match_document` makes the rules' `Context`. Pure."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Container
from dataclasses import replace

from .. import dates
from ..glossary.entries import Match
from ..glossary.index import GlossaryIndex
from ..glossary.model import Status
from ..languages import same_language
from ..resources import Resources
from ..sources.document import Document
from ..text.tokenize import QUOTES_CLOSE, QUOTES_OPEN
from ..text.wordlist import is_form
from .contract import ADMITTED, DEPRECATED, FOREIGN, PREFERRED, Context, TermMatch, resolve

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
