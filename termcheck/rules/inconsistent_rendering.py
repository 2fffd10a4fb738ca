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
Not flagged: an acronym beside its full form, a full name beside the surname (different groups), and
a spelling inside a passage in another language (an English photo caption's "Vladimir Putin" in a
Spanish text that writes Vladímir Putin) or inside a quoted name (the newspaper 'Vecherniy Bishkek' in
a text that writes Biskek).

## Fix safety
Unsafe: the variants may inflect differently; the suggestion names the majority form.

## Options
Groups are set per term in the term base (`group:`). `consistency-scope` (`--consistency-scope`) says
what a file is compared with: `file` (the default: within each file only), `directory` (the other
files of its folder) or `run` (every file of the run). Choose `run` for one publication's texts checked
together, `file` for texts from different sources and for pre-commit, which passes only staged files.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from ..findings import Finding, Severity
from ..glossary.model import Status, Term, language_name
from ._common import term_fix
from .contract import ADMITTED, PREFERRED, Context, FixApplicability, RuleInfo, TermMatch
from .reading import in_quoted_name

CODE = "TC104"
NAME = "inconsistent-rendering"
SEVERITY = Severity.WARNING
ENABLED = True
FIX = FixApplicability.UNSAFE
SUMMARY = "two allowed renderings of one concept mixed in one text, or across the files of one run"

Key = tuple[str, str, str]  # concept id, group, language


def _groups(ctx: Context) -> dict[Key, list[TermMatch]]:
    groups: dict[Key, list[TermMatch]] = defaultdict(list)
    for m in ctx.matches:
        if (
            m.verdict in (PREFERRED, ADMITTED)
            and m.term.group
            and not m.gloss
            and not in_quoted_name(ctx.document.text, m.start, m.end, ctx.covered)
        ):
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


@dataclass(frozen=True)
class Usage:
    """What one document uses of one consistency group: counts per term, and a finding placed at
    each term's first occurrence (for the run-level finding, which is made where no text is kept)."""

    key: Key
    counts: tuple[tuple[str, int], ...]
    preferred: frozenset[str]
    first: tuple[tuple[str, Finding], ...]


def collect(ctx: Context, rule: RuleInfo) -> list[Usage]:
    out = []
    for key, matches in _groups(ctx).items():
        counts: Counter[str] = Counter(m.term.text for m in matches)
        first: dict[str, Finding] = {}
        for m in matches:
            if m.term.text not in first:
                first[m.term.text] = ctx.finding(rule, m.start, m.end, "", key[0], key[2])
        preferred = frozenset(m.term.text for m in matches if m.term.status is Status.PREFERRED)
        out.append(Usage(key, tuple(counts.items()), preferred, tuple(first.items())))
    return out


def _rank(counts: Counter[str], preferred: frozenset[str]) -> list[str]:
    return sorted(counts, key=lambda t: (-counts[t], t not in preferred))


def check_run(files: list[tuple[str, list[Usage]]], rule: RuleInfo) -> list[Finding]:
    """One summary finding per file whose variant is not the one most used across the run."""
    per_key: dict[Key, list[tuple[str, Usage]]] = defaultdict(list)
    for path, usages in files:
        for usage in usages:
            per_key[usage.key].append((path, usage))
    out = []
    for (cid, _group, lang), uses in per_key.items():
        total: Counter[str] = Counter()
        preferred: frozenset[str] = frozenset()
        for _path, usage in uses:
            total.update(dict(usage.counts))
            preferred |= usage.preferred
        if len({p for p, _u in uses}) < 2 or len(total) < 2:
            continue
        major = _rank(total, preferred)[0]
        for path, usage in uses:
            counts = Counter(dict(usage.counts))
            own = _rank(counts, preferred)[0]
            if own == major:
                continue
            others = len({p for p, u in uses if p != path and major in dict(u.counts)})
            elsewhere = total[major] - counts[major]
            message = (
                f"this file writes '{own}' ({counts[own]}×) for concept '{cid}' where the other "
                f"{language_name(lang)} files of this run write '{major}' "
                f"({elsewhere}× in {others} files); use one rendering across the run"
            )
            template = dict(usage.first)[own]
            out.append(replace(template, message=message, suggestions=(major,), extra=(("scope", "run"),)))
    return out
