"""One source text translated in different ways in one file, or one translation used for different
source texts (bilingual files: PO, XLIFF, TMX).

## What it does
Groups the translated units of a file by their source text (in the same context: a PO `msgctxt`)
and reports a unit whose translation differs from the one most of the others use, naming where the
others stand: what Xbench calls source inconsistency. It also reports one translation given to
different source texts (target inconsistency), which often means one of them was translated from
the wrong segment. Case, white space and placeholders do not count as differences; the plural forms
of one PO entry are not compared with each other. A one-word translation ("Öffnen" for "Open" and
"Launch") and sources that share half their word stems ("Any date", "All dates"; "{}th", "{}nd")
are not target inconsistencies: they are too often right.

## Why is this bad?
The same interface string or sentence translated two ways confuses readers and breaks the glossary a
translation memory is supposed to keep.

## Example
A translation memory with "Member states met." translated "Die Mitgliedstaaten tagten." twice and
"Die Mitgliedsstaaten tagten." once: the third is reported, with the line of the first. In a PO
file, "Show the version and exit." and "Collapse the sidebar" both translated "Version anzeigen und
beenden.": the second is reported.

Measured: no finding on 88 real catalogues (Django, Sphinx, an XLIFF file), 96 of 100 translations
copied onto an unrelated Sphinx entry found (`bench/corpora/catalogues`).

## Fix safety
No fix: which translation is right is for the translator to decide.

## Options
Only translated units are compared (fuzzy ones with `--include-fuzzy`); units marked
`translate="no"` never are. With `consistency-scope` (`--consistency-scope`) `directory` or `run`,
a unit is also compared with the same source (same context, same target language) in the other
files: it is reported when more files agree on another translation than on its own (the catalogues
of one project's apps, the XLIFF files of one release).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from ..engine import Context, RuleInfo
from ..findings import Finding, Severity
from ..sources.base import MASK

CODE = "TC302"
NAME = "inconsistent-translation"
SEVERITY = Severity.WARNING
ENABLED = True
FIX = "none"
SUMMARY = "one source text translated differently, or one translation for different sources (bilingual)"

_SPACE_RE = re.compile(r"\s+")
_WORD_RE = re.compile(r"[^\W\d_]+")
_PUNCT_RE = re.compile(r"[\W_]+")  # sources that differ only in punctuation or placeholders are one text
_CAMEL_RE = re.compile(r"(?<=[a-z])(?=[A-Z])")
MIN_WORD = 3  # "{}th" and "{}nd" are suffixes, not words
STEM = 4  # "date"/"dates", "vers"ion
MIN_TARGET_WORDS = 2  # one-word targets ("Open", "File") are too often right for several sources


def _norm(text: str, fold: bool = True) -> str:
    text = _SPACE_RE.sub(" ", text.replace(MASK, " ")).strip()
    return text.casefold() if fold else text


def _stems(text: str) -> set[str]:
    text = _CAMEL_RE.sub(" ", text)  # "LogEntry" is "log entry"
    return {w[:STEM] for w in _WORD_RE.findall(text.casefold()) if len(w) >= MIN_WORD}


def _related(a: str, b: str) -> bool:
    """Whether two source texts share half the word stems of the shorter one. A rewording ("Reset
    password", "Password reset"), a synonym in context ("Any date", "All dates") or a suffix-only
    difference ("{}st", "{}nd") may well share one translation; unrelated sources rarely do."""
    sa, sb = _stems(a), _stems(b)
    return not sa or not sb or len(sa & sb) * 2 >= min(len(sa), len(sb))


Unit = tuple[str, str, str, str, str, int, int]  # context, source, target, source as written, unit, span


def _units(ctx: Context) -> list[Unit]:
    doc = ctx.document
    units: list[Unit] = []
    seen_units: set[tuple[str, str]] = set()
    for number, (seg, (start, end)) in enumerate(zip(doc.segments, doc.bounds, strict=False)):
        if seg.source is None:
            continue
        unit = seg.unit if seg.unit is not None else f"#{number}"  # a TMX unit has no id to share
        msgctxt = unit.split("\x04", 1)[0] if "\x04" in unit else ""
        lang = (seg.lang or doc.language).casefold()
        context = f"{lang}\x00{msgctxt}"  # a TMX unit has one target per language
        raw_source = seg.source_text or seg.source.text
        source = _norm(raw_source, fold=False)  # "May" the month is not "may" the verb
        if (unit, source) in seen_units:
            continue  # another plural form of the same entry
        seen_units.add((unit, source))
        units.append((context, source, _norm(doc.text[start:end]), source, unit, start, end))
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
        Translation(context, source, target, ctx.finding(rule, start, end, "", None, None, (), None))
        for context, source, target, _raw, _unit, start, end in _units(ctx)
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


def _by_key(ctx: Context, rule: RuleInfo, units: list[Unit], source_side: bool) -> list[Finding]:
    groups: dict[tuple[str, str], list[tuple[str, str, str, int, int]]] = defaultdict(list)
    for context, source, target, source_text, unit, start, end in units:
        key = (context, source) if source_side else (context.split("\x00", 1)[0], target)
        other = target if source_side else _PUNCT_RE.sub("", source.casefold())
        groups[key].append((other, source_text, target, start, end))
        del unit
    out = []
    for members in groups.values():
        variants = Counter(m[0] for m in members)
        if len(variants) < 2:
            continue
        if not source_side and len(members[0][2].split()) < MIN_TARGET_WORDS:
            continue
        major = variants.most_common(1)[0][0]
        first_major = next(m for m in members if m[0] == major)
        where = ctx.document.position(first_major[3])[0]
        for other, source_text, _target, start, end in members:
            if other == major:
                continue
            if not source_side and _related(source_text, first_major[1]):
                continue
            if source_side:
                message = (f"'{source_text}' is translated {len(variants)} ways in this file; line {where} "
                           "translates it otherwise")  # fmt: skip
            else:
                message = (f"this translation also stands for another source text (line {where}: "
                           f"'{first_major[1]}'); here the source is '{source_text}'")  # fmt: skip
            out.append(ctx.finding(rule, start, end, message, None, None, (), None,
                                   side="source" if source_side else "target", other_line=where))  # fmt: skip
    return out
