"""One source text translated in different ways in one file, or one translation used for different
source texts (bilingual files: PO, XLIFF, TMX).

## What it does
Groups the translated units of a file by their source text, as written, in the same context, and
reports a unit whose translation differs from the one most of the others use, naming where the
others stand: what Xbench calls source inconsistency. It also reports one translation given to
different source texts (target inconsistency), which often means one of them was translated from
the wrong segment.

What is one source: case and white space do not count, a placeholder or text in angle brackets does
("Delete %(counter)s documents" is not "Delete documents", "use <l0/>" is not "use <l0/><l1/>").
Units in different contexts are different sources: a PO `msgctxt`; the forms of a PO plural entry,
which are compared only with the same form of another plural entry, never with a singular string
("documents" alone is not the "%(count)s documents" of a plural entry, whose Russian forms are
"документа" and "документов"); an XLIFF `resname` (2.0 `name`), notes, and a unit id that names the
unit ("account.twoPassword"; ids that number or hash the units, "12", "tu3", a GUID, an Angular
hash, are not a context); TMX properties that give a context (OmegaT's `id`, `prev` and `next` of
an alternative translation, `x-Context`, `x-context-pre`/`-post`).

Not target inconsistencies: a one-word translation ("Öffnen" for "Open" and "Launch"), two labels
of three words or fewer with a translation as short ("Login" and "Sign In", "Remember Me" and "Stay
Signed In": "Angemeldet bleiben"), and sources that share half their word stems ("Any date", "All
dates"; "{}th", "{}nd"): they are too often right. A label given a sentence's translation is reported.

Translation memories (TMX) are a mode of their own. A memory keeps every translation a source was
given, in every document, context and revision, so several translations of one source are normal
(LibreOffice's pt-BR memories translate "Query Design" five ways, each right where it stood). In a
memory, two translations of one source are reported only where they render one concept of the term
base with different allowed terms ("Mitgliedstaat" and "Mitgliedsstaat"), and one translation of
two sources only where just one of the sources names a concept of the term base. Why this and not
an info level: a terminologist reads a memory for its term choices, and a finding at any level for
every revision of a memory is hundreds of lines nobody acts on; a deprecated or foreign term in a
memory is reported at the term by `deprecated-term` and `foreign-rendering`.

## Why is this bad?
The same interface string or sentence translated two ways confuses readers and breaks the glossary a
translation memory is supposed to keep.

## Example
A translation memory with "The member states signed the declaration." translated with
"Mitgliedstaaten" once and with "Mitgliedsstaaten" once: the second is reported, with the line of
the first, because both are terms of one concept. In a PO file, "Show the version and exit." and
"Collapse the sidebar" both translated "Version anzeigen und beenden.": the second is reported.

Measured (issue 22, TC302 findings before → after): 175 catalogues of six Django and Flask
projects (21,462 translations) 24 → 2, both true (a translation put on the wrong entry; "Delete"
and "Delete " translated two ways); ORCID's XLIFF in six languages (15,102 units) 66 → 0 (every
one a unit with its own key); 7 real memories (OmegaT's German project memory, LibreOffice's pt-BR
memories: 15,818 translations) 390 → 0; Django's and Sphinx's catalogues 0 → 0.

## Fix safety
No fix: which translation is right is for the translator to decide.

## Options
Only translated units are compared (fuzzy ones with `--include-fuzzy`); units marked
`translate="no"` never are. With `consistency-scope` (`--consistency-scope`) `directory` or `run`,
a unit of a catalogue or an XLIFF file is also compared with the same source (same context, same
target language) in the other files: it is reported when more files agree on another translation
than on its own (the catalogues of one project's apps, the XLIFF files of one release).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from ..findings import Finding, Severity
from ..sources.base import MASK, MEMORY, Segment
from ..text.tokenize import url_spans
from ._common import quote_list
from .contract import ADMITTED, PREFERRED, Context, FixApplicability, RuleInfo, resolve

CODE = "TC302"
NAME = "inconsistent-translation"
SEVERITY = Severity.WARNING
ENABLED = True
FIX = FixApplicability.NONE
SUMMARY = "one source text translated differently, or one translation for different sources (bilingual)"

_SPACE_RE = re.compile(r"\s+")
_WORD_RE = re.compile(r"[^\W\d_]+")
_PUNCT_RE = re.compile(r"[\W_]+")  # sources that differ only in punctuation or placeholders are one text
_CAMEL_RE = re.compile(r"(?<=[a-z])(?=[A-Z])")
MIN_WORD = 3  # "{}th" and "{}nd" are suffixes, not words
STEM = 4  # "date"/"dates", "vers"ion
MIN_TARGET_WORDS = 2  # one-word targets ("Open", "File") are too often right for several sources
LABEL_WORDS = 3  # two labels ("Login", "Sign In"; "Remember Me", "Stay Signed In") often name one action twice


def _norm(text: str, fold: bool = True) -> str:
    text = _SPACE_RE.sub(" ", text.replace(MASK, " ")).strip()
    return text.casefold() if fold else text


def _stems(text: str) -> set[str]:
    text = _CAMEL_RE.sub(" ", text)  # "LogEntry" is "log entry"
    return {w[:STEM] for w in _WORD_RE.findall(text.casefold()) if len(w) >= MIN_WORD}


def _may_share(a: str, b: str, target: str) -> bool:
    """Whether two source texts may well share one translation: two labels of three words or fewer
    with a translation as short, or two texts that share half the word stems of the shorter one. Two
    labels for one action ("Login", "Sign In" → "Iniciar sesión"), a rewording ("Reset password",
    "Password reset"), a synonym in context ("Any date", "All dates") or a suffix-only difference
    ("{}st", "{}nd") may well share one translation; unrelated sentences rarely do, and a label
    rarely takes a sentence's translation."""
    words = (len(_WORD_RE.findall(a)), len(_WORD_RE.findall(b)), len(_WORD_RE.findall(target)))
    if max(words) <= LABEL_WORDS:
        return True
    sa, sb = _stems(a), _stems(b)
    return not sa or not sb or len(sa & sb) * 2 >= min(len(sa), len(sb))


@dataclass(frozen=True, slots=True)
class _Unit:
    """One translated segment as the rule compares it."""

    context: str  # target language and the unit's own context (msgctxt, plural form, resname, notes, ...)
    source: str  # as written (placeholders and text in angle brackets are part of it), white space folded
    target: str  # case and white space folded, placeholders and inline codes left out
    start: int
    end: int
    segment: Segment


def _units(ctx: Context) -> list[_Unit]:
    doc = ctx.document
    units: list[_Unit] = []
    for seg, (start, end) in zip(doc.segments, doc.bounds, strict=False):
        if seg.source is None:
            continue
        context = f"{(seg.lang or doc.language).casefold()}\x00{seg.context}"  # a TMX unit: one target per language
        source = _norm(seg.source_text or seg.source.text, fold=False)  # "May" the month is not "may" the verb
        units.append(_Unit(context, source, _norm(doc.text[start:end]), start, end, seg))
    return units


def check(ctx: Context, rule: RuleInfo) -> list[Finding]:
    units = _units(ctx)
    return _by_key(ctx, rule, units, source_side=True) + _by_key(ctx, rule, units, source_side=False)


@dataclass(frozen=True)
class Translation:
    """One translated unit of a file, for the comparison across the files of a run."""

    context: str
    source: str
    target: str
    template: Finding


def collect(ctx: Context, rule: RuleInfo) -> list[Translation]:
    return [
        Translation(u.context, u.source, u.target, ctx.finding(rule, u.start, u.end, "", None, None, (), None))
        for u in _units(ctx)
        if u.segment.kind != MEMORY  # a memory's translations are not a release's catalogue
    ]


def check_run(files: list[tuple[str, list[Translation]]], rule: RuleInfo) -> list[Finding]:
    """A unit whose translation differs from the one the other files of the run give its source
    (same context, same target language), when more files agree on that one than on this one."""
    per_key: dict[tuple[str, str], dict[str, list[tuple[str, Translation]]]] = defaultdict(lambda: defaultdict(list))
    for path, translations in files:
        for t in translations:
            per_key[(t.context, t.source)][t.target].append((path, t))
    out = []
    for (_context, source), by_target in per_key.items():
        if len(by_target) < 2:
            continue
        files_per_target = {target: {p for p, _t in uses} for target, uses in by_target.items()}
        ranked = sorted(files_per_target, key=lambda t: (-len(files_per_target[t]), t))
        major = ranked[0]
        if len(files_per_target[major]) <= len(files_per_target[ranked[1]]):
            continue  # no majority to follow: within one file, `check` reports it
        where = sorted(files_per_target[major])
        for target in ranked[1:]:
            for path, t in by_target[target]:
                if path in files_per_target[major]:
                    continue  # within one file: reported by `check`
                listed = ", ".join(where[:3]) + (", …" if len(where) > 3 else "")
                message = f"'{source}' is translated otherwise in {len(where)} other files of this run ({listed})"
                out.append(replace(t.template, message=message, extra=(("side", "source"), ("scope", "run"),
                                                                        ("other_path", where[0]))))  # fmt: skip
    return out


def _by_key(ctx: Context, rule: RuleInfo, units: list[_Unit], source_side: bool) -> list[Finding]:
    groups: dict[tuple[str, str], list[tuple[str, _Unit]]] = defaultdict(list)
    for u in units:
        key = (u.context, u.source) if source_side else (u.context.split("\x00", 1)[0], u.target)
        groups[key].append((u.target if source_side else _PUNCT_RE.sub("", u.source.casefold()), u))
    out = []
    for members in groups.values():
        variants = Counter(other for other, _u in members)
        if len(variants) < 2:
            continue
        if not source_side and len(members[0][1].target.split()) < MIN_TARGET_WORDS:
            continue
        major = variants.most_common(1)[0][0]
        first = next(u for other, u in members if other == major)
        where = ctx.document.position(first.start)[0]
        for other, u in members:
            if other == major or (not source_side and _may_share(u.source, first.source, u.target)):
                continue
            if u.segment.kind == MEMORY:
                found = _memory_finding(ctx, rule, u, first, where, source_side)
                if found is not None:
                    out.append(found)
                continue
            if source_side:
                message = (f"'{u.source}' is translated {len(variants)} ways in this file; line {where} "
                           "translates it otherwise")  # fmt: skip
            else:
                message = (f"this translation also stands for another source text (line {where}: "
                           f"'{first.source}'); here the source is '{u.source}'")  # fmt: skip
            out.append(ctx.finding(rule, u.start, u.end, message, None, None, (), None,
                                   side="source" if source_side else "target", other_line=where))  # fmt: skip
    return out


def _memory_finding(
    ctx: Context, rule: RuleInfo, unit: _Unit, other: _Unit, where: int, source_side: bool
) -> Finding | None:
    """A translation memory keeps every translation a source was given, in every context and revision:
    two translations of one source are reported only where they render a concept of the term base
    with different terms; one translation of two sources only where the sources name different
    concepts."""
    doc = ctx.document
    if source_side:
        here = _renderings(ctx, doc.text[unit.start : unit.end], doc.language)
        there = _renderings(ctx, doc.text[other.start : other.end], doc.language)
        concept = next((c for c in sorted(here) if c in there and here[c] != there[c]), None)
        if concept is None:
            return None
        message = (f"'{unit.source}' is translated with {quote_list(sorted(here[concept]))} ({concept}) here, "
                   f"with {quote_list(sorted(there[concept]))} on line {where} of this memory")  # fmt: skip
    else:
        assert unit.segment.source is not None and other.segment.source is not None
        here = _renderings(ctx, unit.segment.source.text, unit.segment.source.lang or "en")
        there = _renderings(ctx, other.segment.source.text, other.segment.source.lang or "en")
        concept = min(here.keys() ^ there.keys(), default=None)
        if concept is None:
            return None
        message = (f"this translation also stands for another source text (line {where}: '{other.source}'); "
                   f"here the source is '{unit.source}', and only one of them names {concept}")  # fmt: skip
    return ctx.finding(rule, unit.start, unit.end, message, concept, None, (), None,
                       side="source" if source_side else "target", other_line=where)  # fmt: skip


def _renderings(ctx: Context, text: str, lang: str) -> dict[str, frozenset[str]]:
    """The concepts of the term base a text names with allowed terms, each with the terms it uses (base
    forms: an inflected "Mitgliedstaaten" is the term "Mitgliedstaat"). A deprecated or foreign term
    is left to the rules that report it at the term."""
    if ctx.index is None:
        return {}
    found: dict[str, set[str]] = defaultdict(set)
    for m in ctx.index.find(text, None, url_spans(text)):
        concept, term, verdict = resolve(m, lang, ctx.index.concepts)
        if verdict in (PREFERRED, ADMITTED):
            found[concept.id].add(term.text)
    return {cid: frozenset(terms) for cid, terms in found.items()}
