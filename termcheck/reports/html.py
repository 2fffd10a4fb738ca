"""`--format html`: one self-contained page (inline CSS and JavaScript, no fetches, works from file://)
for the people who read QA reports rather than terminals: a summary, each file's findings with the
found text marked in its sentence (and the source beside it in bilingual files), filters by rule,
severity, language, concept and file, sortable columns, the term usage matrix, and the documentation
of each rule that fired. Every text from the files, the term base or a path is escaped."""

from __future__ import annotations

import itertools
from collections import Counter
from html import escape
from typing import TYPE_CHECKING

from ..findings import Finding
from .usage import mixed, renderings

if TYPE_CHECKING:
    from .model import RunResult
    from .usage import Rendering

MATRIX_FILE_COLUMNS = 30  # past this many files the matrix lists each rendering's files in one cell

_CSS = """
:root { --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --head: #1f4e78; --bad: #b42318; --warn: #9a6700;
        --info: #0b6bcb; --mark: #fff3b0; --ok: #1a7f37; font-family: system-ui, -apple-system, "Segoe UI",
        Roboto, "Noto Sans", "DejaVu Sans", sans-serif; color: var(--fg); }
body { margin: 0 auto; max-width: 1400px; padding: 1rem 1.5rem 4rem; line-height: 1.4; }
h1 { font-size: 1.6rem; margin: .2rem 0; } h2 { border-bottom: 2px solid var(--head); padding-bottom: .2rem; }
nav a { margin-right: 1rem; } .muted { color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .92rem; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .45rem; text-align: left; vertical-align: top; }
th { background: var(--head); color: #fff; position: sticky; top: 0; }
th[data-key] { cursor: pointer; user-select: none; } th[data-key]::after { content: " \\2195"; opacity: .5; }
th[aria-sort="ascending"]::after { content: " \\2191"; opacity: 1; }
th[aria-sort="descending"]::after { content: " \\2193"; opacity: 1; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.sev { font-weight: 600; } .sev-error { color: var(--bad); } .sev-warning { color: var(--warn); }
.sev-info { color: var(--info); }
mark { background: var(--mark); border-bottom: 2px solid var(--bad); padding: 0 .1em; }
.context { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .85rem; white-space: pre-wrap;
           word-break: break-word; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: .6rem; }
.side { font-size: .75rem; text-transform: uppercase; color: var(--muted); }
.source { color: var(--muted); border-left: 3px solid var(--line); padding-left: .4rem; }
.scroll { overflow: auto; max-width: 100%; max-height: 80vh; border: 1px solid var(--line); }
table.matrix { width: max-content; min-width: 100%; margin: 0; }
table.matrix th, table.matrix td { white-space: nowrap; }
table.matrix td:first-child, table.matrix th:first-child { position: sticky; left: 0; z-index: 1;
  background: #fff; box-shadow: 1px 0 0 var(--line); }
table.matrix th:first-child { background: var(--head); z-index: 3; }
.suggestion { color: var(--ok); font-weight: 600; }
tr.segment td { background: #f6f8fa; border-top: 2px solid var(--line); }
.seg-id { font-weight: 600; font-size: .85rem; } .seg-state { font-size: .8rem; color: var(--muted); }
mark.twice { background: #ffd866; } mark.source-term { background: #dbeafe; border-bottom-color: var(--info); }
.filters { display: flex; flex-wrap: wrap; gap: .6rem 1rem; align-items: end; background: #f6f8fa;
           border: 1px solid var(--line); padding: .6rem .8rem; position: sticky; top: 0; z-index: 2; }
.filters label { display: flex; flex-direction: column; font-size: .8rem; color: var(--muted); }
.filters select, .filters input { font-size: .9rem; padding: .15rem .3rem; min-width: 9rem; }
section.file h3 { margin: 1.2rem 0 .2rem; font-size: 1.05rem; word-break: break-all; }
.cards { display: flex; flex-wrap: wrap; gap: 1rem; } .cards > div { flex: 1 1 18rem; }
tr.not-allowed td.term { color: var(--bad); font-weight: 600; } tr.admitted td.term { color: var(--warn); }
tr.mixed td:first-child { border-left: 4px solid var(--bad); }
.doc { font-size: .9rem; background: #f6f8fa; padding: .1rem .8rem; border-radius: 4px; }
.doc h4 { margin: .7rem 0 .2rem; } .doc pre { background: #fff; border: 1px solid var(--line); padding: .4rem;
  overflow-x: auto; } .doc code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .85rem; }
[hidden] { display: none !important; }
@media print { .filters, nav { display: none; } th { position: static; } }
"""

_JS = """
(() => {
  const rows = Array.from(document.querySelectorAll("tr.finding"));
  const fields = ["rule", "severity", "language", "concept", "path"];
  const get = (id) => document.getElementById("f-" + id);
  function apply() {
    const want = Object.fromEntries(fields.map((k) => [k, get(k).value]));
    const q = get("q").value.trim().toLowerCase();
    let shown = 0;
    for (const row of rows) {
      const ok = fields.every((k) => !want[k] || row.dataset[k] === want[k])
        && (!q || row.textContent.toLowerCase().includes(q));
      row.hidden = !ok;
      shown += ok ? 1 : 0;
    }
    for (const body of document.querySelectorAll("tbody.findings")) {
      body.hidden = !body.querySelector("tr.finding:not([hidden])");
    }
    for (const section of document.querySelectorAll("section.file")) {
      section.hidden = !section.querySelector("tr.finding:not([hidden])");
    }
    document.getElementById("shown").textContent = String(shown);
  }
  for (const k of [...fields, "q"]) { get(k).addEventListener("input", apply); }
  document.getElementById("f-clear").addEventListener("click", () => {
    for (const k of [...fields, "q"]) { get(k).value = ""; }
    apply();
  });
  for (const link of document.querySelectorAll("a[data-filter]")) {
    link.addEventListener("click", () => {
      const [k, v] = link.dataset.filter.split("=");
      for (const f of [...fields, "q"]) { get(f).value = ""; }
      get(k).value = v;
      apply();
    });
  }
  const numeric = new Set(["line", "column", "rank"]);
  for (const th of document.querySelectorAll("th[data-key]")) {
    th.addEventListener("click", () => {
      const key = th.dataset.key;
      const dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
      for (const other of document.querySelectorAll("th[data-key]")) { other.removeAttribute("aria-sort"); }
      for (const same of document.querySelectorAll(`th[data-key="${key}"]`)) { same.setAttribute("aria-sort", dir); }
      const sign = dir === "ascending" ? 1 : -1;
      const order = (a, b) => {
        const x = a.dataset[key] || "", y = b.dataset[key] || "";
        const c = numeric.has(key) ? Number(x) - Number(y) : x.localeCompare(y);
        return sign * (c || Number(a.dataset.line) - Number(b.dataset.line));
      };
      // Each segment's findings sorted under it; the segments by their first finding.
      for (const table of document.querySelectorAll("table.findings")) {
        const bodies = Array.from(table.tBodies);
        for (const body of bodies) {
          body.append(...Array.from(body.querySelectorAll("tr.finding")).sort(order));
        }
        table.append(...bodies.sort((p, q) => order(p.querySelector("tr.finding"), q.querySelector("tr.finding"))));
      }
    });
  }
  apply();
})();
"""

_SEVERITY_RANK = {"error": 1, "warning": 2, "info": 3}


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _marks(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` escaped, each span marked (where two overlap, marked darker); empty spans are not marked."""
    spans = [(a, b) for a, b in spans if 0 <= a < b <= len(text)]
    cuts = sorted({0, len(text), *(x for span in spans for x in span)})
    out = []
    for a, b in itertools.pairwise(cuts):
        piece = _e(text[a:b])
        depth = sum(1 for x, y in spans if x <= a and b <= y)
        mark = "<mark>" if depth == 1 else '<mark class="twice">'
        out.append(f"{mark}{piece}</mark>" if depth else piece)
    return "".join(out)


def _line_spans(f: Finding, indent: int) -> list[tuple[int, int]]:
    line = f.line_text
    if f.span.line == f.span.end_line and indent < f.span.column <= f.span.end_column <= len(line) + 1:
        return [(f.span.column - 1 - indent, f.span.end_column - 1 - indent)]
    return []


def _group_key(f: Finding) -> tuple[str, int, int]:
    """Findings shown together: those of one segment of a bilingual file, else those of one line."""
    return (f.path, 0, f.segment.start) if f.segment is not None else (f.path, 1, f.span.line)


def _segment_row(found: list[Finding]) -> str:
    """The segment (or line) once, with every finding's mark, and in a bilingual file its id, state and
    source beside it, the source terms of the findings' concepts marked too."""
    first = found[0]
    view = first.segment
    if view is None:
        line = first.line_text
        indent = len(line) - len(line.lstrip())
        spans = [s for f in found for s in _line_spans(f, indent)]
        where = f'<span class="seg-id">line {first.span.line}</span>'
        target = f'<div class="context">{_marks(line[indent:], spans)}</div>'
        return f'<tr class="segment"><td colspan="8">{where}{target}</td></tr>'
    spans = [f.segment_span for f in found]
    whole = [s for s in spans if s[0] <= 0 and s[1] >= len(view.text)]
    if len(whole) < len(spans):  # a finding about the whole segment (a missing term) leaves the others clear
        spans = [s for s in spans if s not in whole]
    concepts = {f.concept for f in found if f.concept}
    sources = [(a, b) for a, b, ids in view.source_terms if concepts & set(ids)]
    state = f' <span class="seg-state">{_e(view.state)}</span>' if view.state else ""
    where = (f'<span class="seg-id">{_e(view.label)}</span>{state} <span class="muted">{_e(first.language)}, line '
             f"{first.span.line}</span>")  # fmt: skip
    target = f'<div class="context">{_marks(view.text, spans)}</div>'
    if not view.source:  # a source checked (--check-source): nothing beside it
        return f'<tr class="segment"><td colspan="8">{where}{target}</td></tr>'
    source = (f'<div><span class="side">source</span><div class="context source">{_marks(view.source, sources)}'
              '</div></div>')  # fmt: skip
    return (f'<tr class="segment"><td colspan="8">{where}<div class="pair">{source}<div><span class="side">'
            f"target</span>{target}</div></div></td></tr>")  # fmt: skip


def _options(name: str, label: str, values: list[str]) -> str:
    opts = "".join(f'<option value="{_e(v)}">{_e(v)}</option>' for v in values)
    return f'<label>{_e(label)}<select id="f-{name}"><option value="">all</option>{opts}</select></label>'


def _finding_row(f: Finding, rank: int) -> str:
    sev = f.severity.label
    concept = f.concept or ""
    suggestion = " / ".join(f.suggestions)
    return (
        f'<tr class="finding" data-path="{_e(f.path)}" data-line="{f.span.line}" data-column="{f.span.column}" '
        f'data-rule="{_e(f.rule)}" data-code="{_e(f.code)}" data-severity="{sev}" data-rank="{rank}" '
        f'data-language="{_e(f.language)}" data-concept="{_e(concept)}" data-text="{_e(f.text)}">'
        f'<td class="num">{f.span.line}:{f.span.column}</td>'
        f'<td class="sev sev-{sev}">{sev}</td>'
        f'<td><a href="#rule-{_e(f.rule)}">{_e(f.code)} {_e(f.rule)}</a></td>'
        f"<td>{_e(f.language)}</td><td>{_e(concept)}</td>"
        f'<td class="found">{_e(f.text)}</td>'
        f'<td class="suggestion">{_e(suggestion)}</td>'
        f'<td class="message">{_e(f.message)}</td></tr>'
    )


_FINDINGS_HEAD = (
    '<thead><tr><th data-key="line" class="num">line</th><th data-key="rank">severity</th>'
    '<th data-key="rule">rule</th><th data-key="language">language</th><th data-key="concept">concept</th>'
    '<th data-key="text">found</th><th>suggestion</th><th>message</th></tr></thead>'
)


def _count_table(title: str, counts: Counter[str], filter_key: str | None = None, unit: str = "findings") -> str:
    rows = []
    for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        name = _e(key)
        if filter_key:
            value = key.split(" ", 1)[-1] if filter_key == "rule" else key
            name = f'<a href="#findings" data-filter="{filter_key}={_e(value)}">{name}</a>'
        rows.append(f'<tr><td>{name}</td><td class="num">{n}</td></tr>')
    body = "".join(rows) or '<tr><td colspan="2" class="muted">none</td></tr>'
    head = f'<thead><tr><th>{_e(title.split()[-1])}</th><th class="num">{unit}</th></tr></thead>'
    return f"<div><h3>{_e(title)}</h3><table>{head}<tbody>{body}</tbody></table></div>"


def _summary(result: RunResult, findings: list[Finding]) -> str:
    by_rule = Counter(f"{f.code} {f.rule}" for f in findings)
    by_sev = Counter(f.severity.label for f in findings)
    by_lang = Counter(f.language for f in findings)
    files = []
    for fr in result.files:
        conf = f" {fr.language_confidence:.2f}" if fr.language_confidence is not None else ""
        filt = f'<a href="#findings" data-filter="path={_e(fr.path)}">{_e(fr.path)}</a>' if fr.findings else _e(fr.path)
        files.append(f'<tr><td>{filt}</td><td>{_e(fr.format)}</td><td>{_e(fr.language)}</td>'
                     f'<td class="muted">{_e(fr.language_source)}{conf}</td><td>{_e(", ".join(fr.languages))}</td>'
                     f'<td class="num">{fr.findings}</td></tr>')  # fmt: skip
    identified = Counter(f"{fr.language} ({fr.language_source})" for fr in result.files)
    problems = "".join(f"<li><strong>error</strong> {_e(e)}</li>" for e in result.errors)
    problems += "".join(f"<li>skipped {_e(p)}: {_e(r)}</li>" for p, r in result.skipped)
    return (
        '<section id="summary"><h2>Summary</h2><div class="cards">'
        + _count_table("Findings by rule", by_rule, "rule")
        + _count_table("Findings by severity", by_sev, "severity")
        + _count_table("Findings by language", by_lang, "language")
        + _count_table("Files by language", identified, unit="files")
        + "</div><h3>Files</h3><table><thead><tr><th>file</th><th>format</th><th>language</th><th>how</th>"
        '<th>checked in</th><th class="num">findings</th></tr></thead><tbody>'
        + "".join(files)
        + "</tbody></table>"
        + (f"<ul>{problems}</ul>" if problems else "")
        + "</section>"
    )


def _findings(findings: list[Finding]) -> str:
    def values(attr: str) -> list[str]:
        return sorted({str(getattr(f, attr) or "") for f in findings} - {""})

    filters = (
        '<div class="filters">'
        + _options("rule", "rule", values("rule"))
        + _options(
            "severity",
            "severity",
            [s for s in ("error", "warning", "info") if any(f.severity.label == s for f in findings)],
        )
        + _options("language", "language", values("language"))
        + _options("concept", "concept", values("concept"))
        + _options("path", "file", values("path"))
        + '<label>text<input id="f-q" type="search" placeholder="find in findings"></label>'
        + '<button id="f-clear" type="button">clear</button>'
        + f'<span><strong id="shown">{len(findings)}</strong> of {len(findings)} findings shown</span></div>'
    )
    by_file: dict[str, list[Finding]] = {}
    for f in findings:
        by_file.setdefault(f.path, []).append(f)
    sections = []
    for path, found in by_file.items():
        groups: dict[tuple[str, int, int], list[Finding]] = {}
        for f in found:
            groups.setdefault(_group_key(f), []).append(f)
        bodies = "".join(
            f'<tbody class="findings">{_segment_row(group)}'
            + "".join(_finding_row(f, _SEVERITY_RANK[f.severity.label]) for f in group)
            + "</tbody>"
            for group in groups.values()
        )
        sections.append(f'<section class="file" data-path="{_e(path)}"><h3>{_e(path)} '
                        f'<span class="muted">({len(found)})</span></h3><table class="findings">{_FINDINGS_HEAD}'
                        f"{bodies}</table></section>")  # fmt: skip
    empty = "" if findings else '<p class="muted">No findings.</p>'
    return f'<section id="findings"><h2>Findings</h2>{filters}{empty}{"".join(sections)}</section>'


def _usage(result: RunResult) -> str:
    rows: list[Rendering] = renderings(result)
    if not rows:
        return (
            '<section id="usage"><h2>Term usage</h2><p class="muted">No term of the term base was found.</p></section>'
        )
    flagged = mixed(rows)
    paths = [f.path for f in result.files if any(f.path in r.files for r in rows)]
    wide = len(paths) <= MATRIX_FILE_COLUMNS
    file_heads = (
        "".join(f'<th class="num" title="{_e(p)}">{_e(p.rsplit("/", 1)[-1])}</th>' for p in paths)
        if wide
        else "<th>files</th>"
    )
    body = []
    for r in rows:
        classes = ["not-allowed" if not r.allowed else r.verdict]
        if (r.concept, r.language) in flagged:
            classes.append("mixed")
        cells = ("".join(f'<td class="num">{r.files.get(p, "")}</td>' for p in paths) if wide
                 else "<td>" + ", ".join(f"{_e(p)} ({n})" for p, n in r.files.items()) + "</td>")  # fmt: skip
        body.append(f'<tr class="{" ".join(classes)}" data-concept="{_e(r.concept)}"><td>{_e(r.concept)}</td>'
                    f'<td>{_e(r.language)}</td><td class="term">{_e(r.term)}</td><td>{_e(r.verdict)}</td>'
                    f'<td class="muted">{_e(r.term_language)} {_e(r.status)}</td>'
                    f'<td class="num">{r.total}</td>{cells}</tr>')  # fmt: skip
    note = ("Each rendering of a concept the run found, by the language its text is in: red where it is not "
            "allowed in that language (another language's or deprecated), amber where admitted rather than "
            "preferred; a bar on the left marks a concept written in a way not allowed, or in two variants, "
            "in one language.")  # fmt: skip
    return (
        f'<section id="usage"><h2>Term usage</h2><p class="muted">{note}</p>'
        '<div class="scroll"><table class="matrix"><thead><tr>'
        "<th>concept</th><th>language</th><th>rendering</th><th>verdict</th><th>term base</th>"
        f'<th class="num">total</th>{file_heads}</tr></thead><tbody>{"".join(body)}</tbody></table></div></section>'
    )


def markdown(text: str) -> str:
    """A rule's documentation (Markdown) as HTML: CommonMark with raw HTML off (shown as text, so that
    no doc can bring markup or script into the page), unsafe link targets refused (markdown-it's
    `validateLink`), its `##` sections under the rule's own heading (h4)."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False})
    tokens = md.parse(text)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(6, int(token.tag[1:]) + 2)}"
    return str(md.renderer.render(tokens, md.options, {}))


def _rules(findings: list[Finding]) -> str:
    from ..rules import RULES

    fired = {f.rule for f in findings}
    parts = []
    for r in RULES:
        if r.name in fired:
            parts.append(f'<h3 id="rule-{_e(r.name)}">{_e(r.code)} {_e(r.name)} '
                         f'<span class="muted">({_e(r.severity.label)}, fix: {_e(r.fix)})</span></h3>'
                         f'<p>{_e(r.summary)}</p><div class="doc">{markdown(r.doc)}</div>')  # fmt: skip
    return f'<section id="rules"><h2>Rules</h2>{"".join(parts) or "<p class=muted>No rule fired.</p>"}</section>'


def render(result: RunResult) -> str:
    findings = sorted(result.findings, key=Finding.sort_key)
    with_findings = len({f.path for f in findings})
    head = (f"{len(findings)} finding{'s' * (len(findings) != 1)} in {with_findings} of {len(result.files)} "
            f"file{'s' * (len(result.files) != 1)}; term base: {result.concepts} concepts, {result.terms} terms "
            f"({', '.join(result.glossary_sources)}); termcheck {result.version}")  # fmt: skip
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "script-src 'unsafe-inline'; img-src data:\">"
        f"<title>termcheck report</title><style>{_CSS}</style></head><body>"
        f'<header><h1>termcheck report</h1><p class="muted" id="headline">{_e(head)}</p>'
        '<nav><a href="#summary">Summary</a><a href="#findings">Findings</a><a href="#usage">Term usage</a>'
        '<a href="#rules">Rules</a></nav></header>'
        + _summary(result, findings)
        + _findings(findings)
        + _usage(result)
        + _rules(findings)
        + f"<script>{_JS}</script></body></html>\n"
    )
