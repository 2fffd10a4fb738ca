"""`termcheck compare A B`: two parallel documents in different languages, concept by concept.

Each document is read as `lint` reads it (any format; language identified or given). Paragraphs are
aligned in order, anchored by what survives translation: the concepts of the term base (weighted by
how rare they are in the two texts: the CSTO named in every paragraph anchors nothing) and numbers;
a paragraph may stay unaligned (a news rewrite drops and merges). Then, per aligned pair, a concept
named on one side and not on the other is a `missing-term` finding on the side that lacks it, placed
at its paragraph. The documents' own findings (a foreign rendering, a gender slip) are reported too.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .findings import Finding
from .glossary.index import GlossaryIndex
from .glossary.model import language_name
from .pipeline import Settings, analyse_in_context, finalize, read_source
from .resources import Resources
from .rules import lookup
from .rules._common import quote_list
from .rules.contract import ADMITTED, PREFERRED, Context, TermMatch
from .rules.missing_term import BACK_REFERENCES
from .sources.document import Document
from .text.tokenize import strip_accents

_PARAGRAPH_RE = re.compile(r"\n[ \t]*(?:\r?\n[ \t]*)+")
_NUMBER_RE = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*(?![\w])")
_WORD_RE = re.compile(r"[^\W\d_]+")
STEM = 5
COGNATE_WEIGHT = 0.3  # a shared word stem is a weaker anchor than a shared concept
# A news dateline ("MINSK, 23. November (BelTA) –"): the place and the agency are no content to match
_DATELINE_RE = re.compile(r"[^\W\d_][^\W\d_ .'-]*(?:[ -][^\W\d_]+)*,[^\n]{0,40}?\([^()\n]{1,30}\)\s*[-–—]\s")
# or a dated one ("16 de fevereiro, Minsk.", "23. November, Jerewan.")
_DATED_RE = re.compile(r"\d{1,2}\.?\s(?:de\s)?[^\W\d_]+(?:\s\d{4})?,\s[^\W\d_][^\W\d_-]*(?:\s[^\W\d_]+)?[.:]\s")
MIN_SCORE = 1.5  # an aligned pair shares at least one rare concept or number, or several common ones
MAX_LENGTH_RATIO = 3.0  # a paragraph three times as long as its counterpart is not its translation


@dataclass
class Paragraph:
    start: int  # offsets in the document's text
    end: int
    line: int
    body: int = 0  # where the text begins after a dateline
    concepts: Counter[str] = field(default_factory=Counter)
    numbers: Counter[str] = field(default_factory=Counter)
    first: dict[str, TermMatch] = field(default_factory=dict)
    stems: set[str] = field(default_factory=set)  # cognates and names: "cooper" in cooperation/cooperação

    @property
    def size(self) -> int:
        return self.end - self.start


@dataclass
class Side:
    path: str
    language: str
    language_source: str
    doc: Document
    ctx: Context
    paragraphs: list[Paragraph]
    findings: list[Finding]


@dataclass
class Comparison:
    a: Side
    b: Side
    pairs: list[tuple[list[int], list[int], float]]  # paragraph indexes of each side, score
    findings: list[Finding]

    def to_dict(self) -> dict[str, Any]:
        from .reports.json import finding_dict

        def side(s: Side) -> dict[str, Any]:
            return {"path": s.path, "language": s.language, "language_source": s.language_source,
                    "paragraphs": len(s.paragraphs)}  # fmt: skip

        return {
            "a": side(self.a),
            "b": side(self.b),
            "alignment": [
                {
                    "a_lines": [self.a.paragraphs[i].line for i in ia],
                    "b_lines": [self.b.paragraphs[j].line for j in ib],
                    "score": round(score, 2),
                }
                for ia, ib, score in self.pairs
            ],
            "concepts": self.concepts(),
            "findings": [finding_dict(f) for f in self.findings],
        }

    def concepts(self) -> list[dict[str, Any]]:
        """Per concept, its occurrences on each side: text, line, column, verdict."""
        out: dict[str, dict[str, Any]] = {}
        for key, s in (("a", self.a), ("b", self.b)):
            for m in s.ctx.matches:
                line, column = s.doc.position(m.start)
                entry = out.setdefault(m.concept.id, {"concept": m.concept.id, "a": [], "b": []})
                entry[key].append({"text": s.doc.text[m.start : m.end], "line": line, "column": column,
                                   "verdict": m.verdict})  # fmt: skip
        return sorted(out.values(), key=lambda e: (-(len(e["a"]) + len(e["b"])), e["concept"]))


def _paragraphs(ctx: Context) -> list[Paragraph]:
    doc = ctx.document
    text = doc.text
    out = []
    starts = [0] + [m.end() for m in _PARAGRAPH_RE.finditer(text)]
    ends = [m.start() for m in _PARAGRAPH_RE.finditer(text)] + [len(text)]
    for start, end in zip(starts, ends, strict=True):
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            par = Paragraph(start, end, doc.position(start)[0])
            dateline = _DATELINE_RE.match(text, start, end)
            if not (dateline and text[start : dateline.end()].split(",")[0].isupper()):
                dateline = _DATED_RE.match(text, start, end)
            par.body = dateline.end() if dateline else start
            par.numbers.update(_NUMBER_RE.findall(text[start:end]))
            par.stems = {_fold(w)[:STEM] for w in _WORD_RE.findall(text[start:end]) if len(w) >= STEM}
            out.append(par)
    bounds = [p.start for p in out]
    full: dict[int, set[str]] = {}
    for m in ctx.matches:
        i = bisect.bisect_right(bounds, m.start) - 1
        if i < 0 or m.start >= out[i].end or m.start < out[i].body:
            continue
        par = out[i]
        seen_full = full.setdefault(i, set())
        if m.term.type in BACK_REFERENCES and m.concept.id in seen_full:
            continue  # "Stanislav Zas … Zas": a pronoun may stand for it on the other side
        if m.term.type == "fullForm":
            seen_full.add(m.concept.id)
        par.concepts[m.concept.id] += 1
        par.first.setdefault(m.concept.id, m)
    return out


def _fold(word: str) -> str:
    return strip_accents(word.casefold())


def _weights(a: list[Paragraph], b: list[Paragraph]) -> tuple[dict[str, float], dict[str, float]]:
    """The weight of a concept and of a word stem as an anchor: high when few paragraphs name it."""
    df: Counter[str] = Counter()
    stems: Counter[str] = Counter()
    for par in a + b:
        df.update(set(par.concepts))
        stems.update(par.stems)
    n = len(a) + len(b)
    return ({cid: math.log((n + 1) / count) for cid, count in df.items()},
            {s: COGNATE_WEIGHT * math.log((n + 1) / count) for s, count in stems.items()})  # fmt: skip


def _score(pa: list[Paragraph], pb: list[Paragraph], weights: tuple[dict[str, float], dict[str, float]]) -> float:
    size_a, size_b = sum(p.size for p in pa), sum(p.size for p in pb)
    if max(size_a, size_b) > MAX_LENGTH_RATIO * max(min(size_a, size_b), 1):
        return 0.0
    ca: Counter[str] = sum((p.concepts for p in pa), Counter())
    cb: Counter[str] = sum((p.concepts for p in pb), Counter())
    na: Counter[str] = sum((p.numbers for p in pa), Counter())
    nb: Counter[str] = sum((p.numbers for p in pb), Counter())
    sa: set[str] = set().union(*(p.stems for p in pa))
    sb: set[str] = set().union(*(p.stems for p in pb))
    score = (sum(weights[0].get(c, 0.0) for c in set(ca) & set(cb)) + 2.0 * len(set(na) & set(nb))
             + sum(weights[1].get(s, 0.0) for s in sa & sb))  # fmt: skip
    return score * (0.5 + 0.5 * min(size_a, size_b) / max(size_a, size_b, 1))


def align(a: list[Paragraph], b: list[Paragraph]) -> list[tuple[list[int], list[int], float]]:
    """Monotonic alignment maximising the summed scores: 1-1, 2-1 and 1-2 pairs, or a paragraph left
    unaligned (score 0). Pairs below MIN_SCORE are not made."""
    weights = _weights(a, b)
    n, m = len(a), len(b)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        for j in range(m + 1):
            if i == 0 and j == 0:
                continue
            options: list[tuple[float, tuple[int, int]]] = []
            if i:
                options.append((best[i - 1][j], (1, 0)))
            if j:
                options.append((best[i][j - 1], (0, 1)))
            for di, dj in ((1, 1), (2, 1), (1, 2)):
                if i >= di and j >= dj:
                    s = _score(a[i - di : i], b[j - dj : j], weights)
                    if s >= MIN_SCORE * (1 if di == dj else 1.5):
                        options.append((best[i - di][j - dj] + s, (di, dj)))
            best[i][j], back[i][j] = max(options, key=lambda o: (o[0], -sum(o[1])))
    pairs = []
    i, j = n, m
    while i or j:
        step = back[i][j]
        assert step is not None
        di, dj = step
        if di and dj:
            pairs.append(
                (list(range(i - di, i)), list(range(j - dj, j)), _score(a[i - di : i], b[j - dj : j], weights))
            )
        i, j = i - di, j - dj
    return _fill_gaps(pairs[::-1], a, b)


GAP_LENGTH_RATIO = 1.6


def _fill_gaps(
    pairs: list[tuple[list[int], list[int], float]], a: list[Paragraph], b: list[Paragraph]
) -> list[tuple[list[int], list[int], float]]:
    """One or two unaligned paragraphs on each side between two aligned pairs (or before the first,
    after the last), of like length, are a pair by position (score 0): what a translation in another script
    shares with its source may be no anchor at all ("лидеры стран обсудят" / "Die Staatschefs werden")."""
    out: list[tuple[list[int], list[int], float]] = []
    prev_a = prev_b = -1
    for ia, ib, score in [*pairs, ([len(a)], [len(b)], -1.0)]:
        gap_a, gap_b = list(range(prev_a + 1, ia[0])), list(range(prev_b + 1, ib[0]))
        if 1 <= len(gap_a) <= 2 and 1 <= len(gap_b) <= 2:
            la, lb = sum(a[i].size for i in gap_a), sum(b[j].size for j in gap_b)
            if max(la, lb) <= GAP_LENGTH_RATIO * min(la, lb):
                out.append((gap_a, gap_b, 0.0))
        if score >= 0:
            out.append((ia, ib, score))
        prev_a, prev_b = ia[-1], ib[-1]
    return out


def _side(path: str, text: str, lang: str | None, index: GlossaryIndex, settings: Settings,
          resources: Resources) -> Side:  # fmt: skip
    own = replace(settings, lang=lang) if lang else settings
    analysed, contexts = analyse_in_context(read_source(path, text, own), index, own, resources)
    ctx = contexts[0]  # the text's own language comes first
    findings = finalize(analysed, [], own)
    return Side(path, analysed.language, analysed.language_source, ctx.document, ctx, _paragraphs(ctx), findings)


def _missing(lacking: Side, having: Side, ia: list[int], ib: list[int], index: GlossaryIndex) -> list[Finding]:
    """Concepts the `having` paragraphs name that the `lacking` ones do not: findings on `lacking`."""
    rule = lookup("missing-term")[0]
    have: Counter[str] = sum((having.paragraphs[i].concepts for i in ia), Counter())
    lack: Counter[str] = sum((lacking.paragraphs[j].concepts for j in ib), Counter())
    out = []
    for cid in sorted(have):
        if lack[cid]:
            continue
        concept = index.concepts[cid]
        use = tuple(dict.fromkeys(t.text for t in concept.preferred(lacking.language)))
        if not use or _derived(lacking, ib, [t for t in concept.terms_for(lacking.language) if t.allowed]):
            continue
        m = next(having.paragraphs[i].first[cid] for i in ia if cid in having.paragraphs[i].first)
        if m.verdict not in (PREFERRED, ADMITTED):
            continue  # a foreign or deprecated rendering on the other side is that side's finding
        line, column = having.doc.position(m.start)
        start, end = lacking.paragraphs[ib[0]].start, lacking.paragraphs[ib[-1]].end
        text = having.doc.text[m.start : m.end]
        message = (
            f"the {language_name(having.language)} text has '{text}' (concept {cid}) at {having.path}:{line}; "
            f"this paragraph, its counterpart, lacks {quote_list(use[:3])}"
        )
        out.append(lacking.ctx.finding(rule, start, end, message, cid, None, use[:3], None, source_term=text,
                                       source_path=having.path, source_line=line, source_column=column))  # fmt: skip
    return out


def _derived(side: Side, paragraphs: list[int], names: Any) -> bool:
    """Whether the paragraphs name the concept by a word derived from a one-word rendering: an
    adjective or demonym ("der belarussische Präsident" for Belarus, "armenische" for Armenien)."""
    stems = {_fold(t.text)[: max(4, len(t.text) - 2)] for t in names if t.text.isalpha() and len(t.text) >= 5}
    if not stems:
        return False
    for i in paragraphs:
        par = side.paragraphs[i]
        for word in _WORD_RE.findall(side.doc.text[par.start : par.end]):
            folded = _fold(word)
            if any(folded.startswith(stem) and folded != stem for stem in stems):
                return True
    return False


def compare(path_a: str, text_a: str, path_b: str, text_b: str, lang_a: str | None, lang_b: str | None,
            index: GlossaryIndex, settings: Settings, resources: Resources) -> Comparison:  # fmt: skip
    a = _side(path_a, text_a, lang_a, index, settings, resources)
    b = _side(path_b, text_b, lang_b, index, settings, resources)
    pairs = align(a.paragraphs, b.paragraphs)
    findings = list(a.findings) + list(b.findings)
    for ia, ib, _score in pairs:
        findings += _missing(b, a, ia, ib, index) + _missing(a, b, ib, ia, index)
    findings.sort(key=lambda f: (f.path != a.path, f.span.line, f.span.column, f.code))
    return Comparison(a, b, pairs, findings)


def render_text(c: Comparison) -> str:
    from .reports.text import render_finding

    out = [
        f"{c.a.path} ({language_name(c.a.language)}, {len(c.a.paragraphs)} paragraphs) and "
        f"{c.b.path} ({language_name(c.b.language)}, {len(c.b.paragraphs)} paragraphs): "
        f"{len(c.pairs)} aligned pairs",
        "",
        "Aligned paragraphs (lines):",
    ]
    for ia, ib, score in c.pairs:
        la = "+".join(str(c.a.paragraphs[i].line) for i in ia)
        lb = "+".join(str(c.b.paragraphs[j].line) for j in ib)
        out.append(f"  {la:>8} ↔ {lb:<8} score {score:.1f}")
    out += ["", "Concepts (renderings on each side):"]
    for entry in c.concepts():

        def show(occ: list[dict[str, Any]]) -> str:
            if not occ:
                return "—"
            counts = Counter((o["text"], o["verdict"]) for o in occ)
            return ", ".join(f"{t} {n}×" + ("" if v in (PREFERRED, ADMITTED) else f" [{v}]")
                             for (t, v), n in counts.most_common())  # fmt: skip

        out.append(f"  {entry['concept']:<28} {show(entry['a'])}  |  {show(entry['b'])}")
    out.append("")
    out += [render_finding(f) for f in c.findings]
    return "\n".join(out) + "\n"


def read(path: str, max_size: int) -> str:
    from .sources.text import read_text

    return read_text(Path(path), path, max_size).text
