"""Two allowed renderings of one consistency group of a concept mixed in one text, or across a run.

## What it does
Terms of a concept that share a `group` in the term base are variants of one form: spelling or
transliteration variants (Mitgliedstaaten / Mitgliedsstaaten; Lukaschenko / Lukaschenka; Moscou /
Moscovo). Each may be acceptable alone; mixed, they are an inconsistency. Within one text every
occurrence of a minority variant is flagged and the majority form named with the counts. Across
the files of one run, per language, a file whose variant differs from the one most used in the
other files gets one summary finding.

## Why is this bad?
Mixed variants make a text look unedited and make readers wonder whether two things are meant.

## Example
In one German text: `OVKS-Mitgliedsstaaten` and later `Mitgliedstaaten der OVKS`: the minority
form is flagged (on a tie, the preferred term is taken as the majority).
Not flagged: an acronym beside its full form, a full name beside the surname (different groups).

## Fix safety
Unsafe: the variants may inflect differently; the suggestion names the majority form.

## Options
Groups are set per term in the term base (`group:`).
"""

from __future__ import annotations

from collections import Counter, defaultdict

from ..engine import ADMITTED, PREFERRED, Context, RuleInfo, TermMatch
from ..findings import Finding, Severity
from ..glossary.model import Status, Term, language_name
from ._common import term_fix

CODE = "TC104"
NAME = "inconsistent-rendering"
SEVERITY = Severity.WARNING
ENABLED = True
FIX = "unsafe"
SUMMARY = "two allowed renderings of one concept mixed in one text, or across the files of one run"

Key = tuple[str, str, str]  # concept id, group, language


def _groups(ctx: Context) -> dict[Key, list[TermMatch]]:
    groups: dict[Key, list[TermMatch]] = defaultdict(list)
    for m in ctx.matches:
        if m.verdict in (PREFERRED, ADMITTED) and m.term.group and not m.gloss:
            groups[(m.concept.id, m.term.group, m.lang)].append(m)
    return groups


def _ranking(counts: Counter[Term], first: dict[Term, int]) -> list[Term]:
    """Majority first; ties go to the preferred term, then to the one used first."""
    return sorted(counts, key=lambda t: (-counts[t], t.status is not Status.PREFERRED, first.get(t, 0)))


def _tally(terms: list[Term], counts: Counter[Term]) -> str:
    return ", ".join(f"'{t.text}' {counts[t]}×" for t in terms)


def check(ctx: Context, rule: RuleInfo) -> list[Finding]:
    out = []
    for (cid, _group, lang), matches in _groups(ctx).items():
        counts = Counter(m.term for m in matches)
        if len(counts) < 2:
            continue
        first: dict[Term, int] = {}
        for m in matches:
            first.setdefault(m.term, m.start)
        ranked = _ranking(counts, first)
        major = ranked[0]
        for m in matches:
            if m.term == major:
                continue
            text = ctx.document.slice(m.start, m.end)
            message = (
                f"'{text}' mixes renderings of concept '{cid}' in one {language_name(lang)} text "
                f"({_tally(ranked, counts)}); use '{major.text}' throughout"
            )
            fix = term_fix(text, m.term.text, (major.text,))
            out.append(ctx.finding(rule, m.start, m.end, message, cid, lang, (major.text,), fix and (fix[0], False)))
    return out


def check_run(contexts: list[Context], rule: RuleInfo) -> list[Finding]:
    """One summary finding per file whose variant is not the one most used across the run."""
    per_file: dict[Key, list[tuple[Context, Counter[Term], TermMatch]]] = defaultdict(list)
    for ctx in contexts:
        for key, matches in _groups(ctx).items():
            per_file[key].append((ctx, Counter(m.term for m in matches), matches[0]))
    out = []
    for (cid, _group, lang), files in per_file.items():
        total: Counter[Term] = Counter()
        for _ctx, counts, _m in files:
            total.update(counts)
        if len(files) < 2 or len(total) < 2:
            continue
        major = _ranking(total, {})[0]
        for ctx, counts, _m in files:
            own = _ranking(counts, {})[0]
            if own == major:
                continue
            others = sum(1 for c, cs, _m in files if c is not ctx and major in cs)
            elsewhere = total[major] - counts[major]
            where = next(m for m in _groups(ctx)[(cid, _group, lang)] if m.term == own)
            message = (
                f"this file writes '{own.text}' ({counts[own]}×) for concept '{cid}' where the other "
                f"{language_name(lang)} files of this run write '{major.text}' "
                f"({elsewhere}× in {others} files); use one rendering across the run"
            )
            out.append(ctx.finding(rule, where.start, where.end, message, cid, lang, (major.text,), scope="run"))
    return out
