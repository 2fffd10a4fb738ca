"""The rule contract: what a rule is given and what it makes.

- `RuleInfo`: a rule's code, name, severity, summary, docs and functions, made from its module's
  constants by `rule_info`, which checks them (a rule module that breaks the contract fails on import);
- `Context`: what a rule sees of one document (its text, the term matches resolved in its language,
  the compiled term base, the resources) and `Context.finding`, the one way a rule makes a finding;
- `TermMatch` and the verdicts (`PREFERRED` … `UNKNOWN`): a term occurrence read in its language;
- `FixApplicability`: how safe a rule's fixes are;
- `Cap`: max-findings-per-file while the rules run.

Below the rules and the engine; imports nothing of theirs.
"""

from __future__ import annotations

import bisect
import re
import sys
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from types import ModuleType
from typing import Any

from ..findings import Finding, SegmentView, Severity, Span
from ..glossary.entries import Match
from ..glossary.index import GlossaryIndex
from ..glossary.model import Concept, Status, Term
from ..resources import Resources
from ..sources.base import Segment
from ..sources.document import Document

# Verdicts of a term occurrence in the language it is read in.
PREFERRED, ADMITTED, DEPRECATED, FOREIGN, UNKNOWN = "preferred", "admitted", "deprecated", "foreign", "unknown"
_RANK = {PREFERRED: 0, ADMITTED: 1, DEPRECATED: 2, FOREIGN: 3, UNKNOWN: 4}


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
    _views: dict[int, Any] = field(default_factory=dict)  # per segment (by start): its SegmentView, made once

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
        view, where = None, (0, 0)
        if segment is not None and segment.unit is not None:  # bilingual files: the unit and its state
            extra = {"unit": segment.unit, **({"state": segment.state} if segment.state else {}), **extra}
        if segment is not None and (segment.unit is not None or segment.source_text is not None):
            view, where = self._view(segment, span)  # and the segment as a reviewer reads it
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
            segment=view,
            segment_span=where,
        )

    def _view(self, segment: Segment, span: Span) -> tuple[SegmentView, tuple[int, int]]:
        """The segment as a reviewer reads it (made once per segment) and where the span is in it."""
        from .segments import locate, segment_view

        key = segment.start_of(0) if segment.text else segment.base
        made = self._views.get(key)
        if made is None:
            made = self._views[key] = segment_view(segment, self.document, self.index)
        view, starts, ends = made
        return view, locate(span, segment, starts, ends)


class FixApplicability(StrEnum):
    """How a rule's fixes apply (ruff's word): always safe, safe where no inflection is involved
    (`sometimes`), only with `--unsafe-fixes`, or no fix at all."""

    SAFE = "safe"
    SOMETIMES = "sometimes"
    UNSAFE = "unsafe"
    NONE = "none"


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
    fix: FixApplicability = FixApplicability.NONE


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


DOC_SECTIONS = ("What it does", "Why is this bad?", "Example", "Fix safety", "Options")
_CODE_RE = re.compile(r"TC\d{3}")
_NAME_RE = re.compile(r"[a-z]+(?:-[a-z]+)*")


def rule_info(module: ModuleType) -> RuleInfo:
    """A rule module's `RuleInfo`, its constants checked: a module that breaks the contract fails on
    import, naming what is wrong (a developer's mistake, never a user's)."""
    constants = {"CODE": str, "NAME": str, "SEVERITY": Severity, "ENABLED": bool, "SUMMARY": str,
                 "FIX": FixApplicability}  # fmt: skip
    for name, kind in constants.items():
        if not isinstance(getattr(module, name, None), kind):
            raise TypeError(f"rule module {module.__name__}: {name} must be a {kind.__name__}")
    doc = (module.__doc__ or "").strip()
    problems = [
        *(["CODE is not TCnnn"] if not _CODE_RE.fullmatch(module.CODE) else []),
        *(["NAME is not lower-case words joined by hyphens"] if not _NAME_RE.fullmatch(module.NAME) else []),
        *(["no check(ctx, rule) function"] if not callable(getattr(module, "check", None)) else []),
        *([f"its docstring lacks '## {s}'" for s in DOC_SECTIONS if f"## {s}" not in doc]),
        *(["collect and check_run go together"] if hasattr(module, "collect") != hasattr(module, "check_run") else []),
    ]  # fmt: skip
    if problems:
        raise TypeError(f"rule module {module.__name__}: {problems[0]}")
    return RuleInfo(code=module.CODE, name=module.NAME, severity=module.SEVERITY, enabled=module.ENABLED,
                    summary=module.SUMMARY, doc=doc, check=module.check, collect=getattr(module, "collect", None),
                    check_run=getattr(module, "check_run", None), aliases=tuple(getattr(module, "ALIASES", ())),
                    fix=module.FIX)  # fmt: skip
