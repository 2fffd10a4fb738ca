"""`glossary export --format html`: the term base as one page for editors who look terms up in a browser.

One self-contained file (inline CSS and JavaScript, nothing fetched, works from file://): search as you type
over every rendering in every language, accent- and case-insensitive, inflected forms found as `glossary
show` finds them; each concept a card (its id the anchor: `glossary.html#csto`) with every language's
preferred, admitted and not-to-use terms (struck through), gender, definition, note and sources; filters by
domain and by language; a print stylesheet (filters hidden, a card kept on one page where it fits).

The term base travels as JSON in a `<script type="application/json">` (every `<`, `>` and `&` escaped, so
no text of it can close the element), and the page's script builds the cards from it with text nodes, never
markup. For inflected forms the page carries what the matcher `lint` uses (glossary/entries.py
`compile_term`): per term its words folded, how many letters each word's stem drops, and the endings its
language allows (text/morphology.py); a query word matches a term word when it is the stem plus one of them
(Зася: Зась's stem зас + я; Mitgliedstaaten: Mitgliedstaat + en; Estados-membros: Estado-membro + s).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from ..glossary.entries import compile_term
from ..glossary.model import TERM_TYPES, Concept, Glossary, Status, Term, language_name
from ..languages import normalize

_WORD_RE = re.compile(r"[^\W_]+")  # the page's words: /[\p{L}\p{N}]+/gu
_STATUS = {Status.PREFERRED: "p", Status.ADMITTED: "a", Status.DEPRECATED: "d"}


def fold(text: str) -> str:
    """A text as the page compares it: lower case, ß as ss, accents (combining marks) dropped. The page's
    script folds a query the same way (`toLowerCase`, `normalize("NFD")`, no `\\p{Mn}`)."""
    lowered = text.lower().replace("ß", "ss")
    return "".join(ch for ch in unicodedata.normalize("NFD", lowered) if unicodedata.category(ch) != "Mn")


@dataclass(frozen=True, slots=True)
class Written:
    """What an export wrote: counts for the message, and the page's size in bytes."""

    concepts: int
    terms: int
    langs: tuple[str, ...]
    size: int


class _Endings:
    """The distinct sets of endings (folded), each written once and named by its number."""

    def __init__(self) -> None:
        self.sets: list[list[str]] = []
        self._numbers: dict[tuple[str, ...], int] = {}

    def number(self, endings: frozenset[str]) -> int:
        key = tuple(sorted({fold(e) for e in endings}))
        found = self._numbers.get(key)
        if found is None:
            found = self._numbers[key] = len(self.sets)
            self.sets.append(list(key))
        return found


def _search_data(term: Term, endings: _Endings) -> tuple[int, list[int] | None, list[str] | None]:
    """What the page needs to find a term's inflected forms: its endings' number, how many letters each
    word's stem drops (None: none does), and its folded words where the page's own split of the folded
    text would differ (None: it would not)."""
    entry = compile_term(term)
    if entry is None or not entry.words:
        return endings.number(frozenset([""])), None, None
    words = [fold(w) for w in entry.folded]
    cuts = []
    for word, stem in zip(words, (fold(s) for s in entry.stems), strict=True):
        cuts.append(len(word) - len(stem) if word.startswith(stem) else 0)
    own = None if _WORD_RE.findall(fold(term.text)) == words else words
    return endings.number(entry.endings), (cuts if any(cuts) else None), own


def _kept(langs: list[str] | None) -> Callable[[str], bool]:
    """Whether a language tag is exported: all are when none is given; `--lang pt` keeps pt-BR too."""
    wanted = {normalize(x) or x for x in langs or []}  # --lang PT-br is pt-BR

    def keep(lang: str) -> bool:
        return not wanted or lang in wanted or lang.split("-", 1)[0] in wanted

    return keep


def data(glossary: Glossary, langs: list[str] | None = None) -> dict[str, Any]:
    """The term base as the page's JSON: languages, endings, sources (each distinct one once), concepts."""
    keep = _kept(langs)
    endings = _Endings()
    sources: list[list[Any]] = []
    source_numbers: dict[tuple[Any, ...], int] = {}
    order: list[str] = []
    concepts = []
    for c in glossary.concepts:
        terms: list[list[Any]] = []
        genders: dict[str, str] = {}
        for lang, ts in c.terms.items():
            if not keep(lang):
                continue
            if lang not in order:
                order.append(lang)
            gender = c.gender_for(lang)
            if gender:
                genders[lang] = gender
            for t in ts:
                terms.append(_term(t, gender, endings))
        numbers = []
        for s in c.sources:
            key = (s.title, s.url, s.checked, s.langs, s.note)
            if key not in source_numbers:
                source_numbers[key] = len(sources)
                sources.append([s.title, s.url, s.checked, list(s.langs), s.note])
            numbers.append(source_numbers[key])
        concept: dict[str, Any] = {"id": c.id, "name": _name(c), "terms": terms}
        if c.domain:
            concept["domain"] = c.domain
        definition = {k: v for k, v in c.definition.items() if keep(k)}
        if definition:
            concept["def"] = definition
        if genders:
            concept["gender"] = genders
        if c.note:
            concept["note"] = c.note
        if numbers:
            concept["src"] = numbers
        concepts.append(concept)
    return {
        "langs": {lang: language_name(lang) for lang in order},
        "types": list(TERM_TYPES),
        "endings": endings.sets,
        "sources": sources,
        "concepts": concepts,
    }


def _name(c: Concept) -> str:
    """The card's title: the English preferred term (the full form where it has one), else another's."""
    pref = c.preferred("en", "fullForm") or c.preferred("en")
    if not pref:
        pref = next((c.preferred(lang) for lang in c.terms if c.preferred(lang)), ())
    return pref[0].text if pref else c.id


def _term(t: Term, gender: str | None, endings: _Endings) -> list[Any]:
    """[language, text, status, endings, extra]: extra only where the term has a type, its own gender, a
    note, a date, stems or words of its own."""
    number, cuts, words = _search_data(t, endings)
    extra: dict[str, Any] = {}
    if t.type in TERM_TYPES:
        extra["y"] = TERM_TYPES.index(t.type)
    if t.gender and t.gender != gender:
        extra["g"] = t.gender
    if t.note:
        extra["n"] = t.note
    if t.since:
        extra["s"] = t.since
    if cuts:
        extra["c"] = cuts
    if words:
        extra["w"] = words
    row: list[Any] = [t.lang, t.text, _STATUS[t.status], number]
    return [*row, extra] if extra else row


def _json(value: object) -> str:
    """JSON to stand inside a script element: no `<`, `>` or `&` (so no `</script>` nor `<!--`), and no line
    separators, each written as its \\u escape, which JSON.parse reads back."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for ch in "<>&\u2028\u2029":
        text = text.replace(ch, f"\\u{ord(ch):04x}")
    return text


_CSS = """
:root { --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --head: #1f4e78; --bad: #b42318; --warn: #9a6700;
        --hit: #fff3b0; --bg2: #f6f8fa; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans",
        "DejaVu Sans", sans-serif; color: var(--fg); }
body { margin: 0 auto; max-width: 1280px; padding: 0 1.5rem 4rem; line-height: 1.35; }
header.top h1 { font-size: 1.5rem; margin: .8rem 0 .1rem; } .muted { color: var(--muted); }
.toolbar { position: sticky; top: 0; z-index: 2; background: var(--bg2); border: 1px solid var(--line);
           border-radius: 0 0 6px 6px; padding: .6rem .8rem; display: flex; flex-wrap: wrap; gap: .5rem 1rem;
           align-items: center; }
.toolbar input[type=search] { flex: 1 1 22rem; font-size: 1.05rem; padding: .35rem .5rem; border: 1px solid #8c959f;
                              border-radius: 4px; }
.toolbar select { font-size: .95rem; padding: .2rem; }
.toolbar fieldset { border: 0; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .1rem .6rem;
                    align-items: center; font-size: .9rem; }
.toolbar legend { float: left; margin-right: .4rem; color: var(--muted); }
.toolbar label { white-space: nowrap; cursor: pointer; }
#status { font-size: .9rem; color: var(--muted); }
#none { margin: 2rem 0; font-size: 1.1rem; }
article.concept { border: 1px solid var(--line); border-radius: 6px; margin: 1rem 0; padding: .6rem .9rem .7rem;
                  scroll-margin-top: 7rem; background: #fff;
                  content-visibility: auto; contain-intrinsic-size: auto 24rem; }
article.concept:target, article.concept.target { border-color: var(--head); box-shadow: 0 0 0 3px #9ec5ec; }
article.concept h2 { font-size: 1.15rem; margin: 0; display: inline; }
article.concept h2 a { color: var(--head); text-decoration: none; }
article.concept h2 a:hover { text-decoration: underline; }
.cid, .domain { font-size: .8rem; margin-left: .2rem; padding: 0 .35rem; border-radius: 3px; }
.cid { font-family: ui-monospace, "DejaVu Sans Mono", monospace; background: var(--bg2);
       border: 1px solid var(--line); }
.domain { background: #ddf4ff; color: #0a3069; }
.found { font-size: .85rem; margin: .25rem 0 0; width: fit-content; background: var(--hit); padding: 0 .35rem;
         border-radius: 3px; }
.def { margin: .35rem 0 0; } .note { margin: .35rem 0 0; white-space: pre-line; font-size: .9rem; }
.tag { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .75rem; color: var(--muted);
       margin-right: .3rem; }
.langs { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: .5rem .9rem;
         margin-top: .5rem; }
section.lang { border-top: 2px solid var(--line); padding-top: .2rem; }
section.lang h3 { font-size: .85rem; font-weight: 600; margin: 0 0 .15rem; color: var(--muted); }
.gender { font-weight: normal; font-style: italic; }
ul.terms { list-style: none; margin: 0; padding: 0; }
ul.terms li { margin: .1rem 0; overflow-wrap: anywhere; }
li.preferred .tx { font-weight: 600; } li.admitted .tx { color: var(--warn); }
li.deprecated .tx { color: var(--bad); text-decoration: line-through; text-decoration-thickness: 2px; }
li.hit .tx { background: var(--hit); }
.meta { font-size: .78rem; color: var(--muted); }
.badge { font-size: .7rem; text-transform: uppercase; letter-spacing: .03em; border-radius: 3px; padding: 0 .25rem;
         white-space: nowrap; }
.badge.admitted { background: #fff8c5; color: var(--warn); }
.badge.deprecated { background: #ffebe9; color: var(--bad); }
.sources { margin: .45rem 0 0; padding-left: 1.1rem; font-size: .78rem; color: var(--muted); }
.sources a { color: inherit; overflow-wrap: anywhere; }
.legend { font-size: .85rem; }
[hidden] { display: none !important; }
@media print {
  @page { margin: 1.4cm 1.2cm; }
  :root { font-size: 10pt; }
  body { max-width: none; padding: 0; }
  .toolbar, #none, .noprint { display: none !important; }
  article.concept { break-inside: avoid; page-break-inside: avoid; box-shadow: none !important;
                    border-color: #999 !important; margin: 0 0 .5rem; content-visibility: visible; }
  section.lang, li { break-inside: avoid; }
  a { color: inherit !important; text-decoration: none !important; }
  li.hit .tx { background: none; }
}
"""

_JS = r"""
(() => {
  "use strict";
  const data = JSON.parse(document.getElementById("termbase").textContent);
  const fold = (s) => s.toLowerCase().replace(/ß/g, "ss").normalize("NFD").replace(/\p{Mn}/gu, "");
  const split = (s) => s.match(/[\p{L}\p{N}]+/gu) || [];
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  };
  const STATUS = {p: "preferred", a: "admitted", d: "deprecated"};
  const endings = data.endings.map((list) => new Set(list));
  const primary = (tag) => tag.split("-")[0];
  const list = document.getElementById("concepts");
  const cards = [];
  const terms = [];
  data.concepts.forEach((c, order) => {
    const card = el("article", "concept");
    card.id = c.id;
    card.lang = "en";
    const head = el("header");
    const h2 = el("h2");
    const link = el("a", null, c.name);
    link.href = "#" + c.id;
    h2.append(link);
    head.append(h2, " ", el("span", "cid", c.id));
    if (c.domain) head.append(" ", el("span", "domain", c.domain));
    const found = el("p", "found");
    found.hidden = true;
    head.append(found);
    card.append(head);
    for (const [lang, text] of Object.entries(c.def || {})) {
      const p = el("p", "def");
      p.lang = lang;
      p.append(el("span", "tag", lang), document.createTextNode(text));
      card.append(p);
    }
    const grid = el("div", "langs");
    const sections = new Map();
    const langs = new Set();
    for (const t of c.terms) {
      const [lang, text, status, ends, extra = {}] = t;
      let section = sections.get(lang);
      if (!section) {
        section = el("section", "lang");
        section.dataset.lang = lang;
        section.lang = lang;
        const h3 = el("h3");
        h3.append(el("span", "tag", lang), document.createTextNode(data.langs[lang] || lang));
        const gender = (c.gender || {})[lang];
        if (gender) h3.append(document.createTextNode(", "), el("span", "gender", gender));
        section.append(h3, el("ul", "terms"));
        sections.set(lang, section);
        grid.append(section);
        langs.add(primary(lang));
      }
      const li = el("li", STATUS[status]);
      li.append(el(status === "d" ? "del" : "span", "tx", text));
      if (status === "a") li.append(" ", el("span", "badge admitted", "admitted"));
      if (status === "d") li.append(" ", el("span", "badge deprecated", "do not use"));
      const meta = [];
      if (extra.y !== undefined) meta.push(data.types[extra.y]);
      if (extra.g) meta.push(extra.g);
      if (extra.s) meta.push("since " + extra.s);
      if (extra.n) meta.push(extra.n);
      if (meta.length) li.append(" ", el("span", "meta", meta.join(" · ")));
      section.lastChild.append(li);
      const words = extra.w || split(fold(text));
      const cuts = extra.c || [];
      terms.push({
        card: order, li, lang, text, status, words,
        stems: words.map((w, i) => w.slice(0, w.length - (cuts[i] || 0))),
        ends: endings[ends], key: words.length ? words.join(" ") : fold(text).trim(),
      });
    }
    card.append(grid);
    if (c.note) card.append(el("p", "note", c.note));
    if (c.src) {
      const ul = el("ul", "sources");
      for (const n of c.src) {
        const [title, url, checked, slangs, note] = data.sources[n];
        const li = el("li", null, title);
        if (url && /^https?:\/\//i.test(url)) {
          const a = el("a", null, url);
          a.href = url;
          a.rel = "noopener noreferrer";
          li.append(" ", a);
        }
        li.append((slangs.length ? " [" + slangs.join(", ") + "]" : "") + ", checked " + checked
                  + (note ? " (" + note + ")" : ""));
        ul.append(li);
      }
      card.append(ul);
    }
    list.append(card);
    cards.push({card, found, domain: c.domain || "", langs, sections: [...sections.values()], order});
  });

  // A query word matches a term word written so, or its stem and an ending the term's language allows
  // (as `lint` and `glossary show` match: Зася, Mitgliedstaaten, Estados-membros).
  const wordMatches = (t, i, w) => w === t.words[i]
    || (t.words[i].length >= 3 && w.startsWith(t.stems[i]) && t.ends.has(w.slice(t.stems[i].length)));
  const runAt = (t, q, at) => t.words.every((_, i) => wordMatches(t, i, q[at + i]));
  const RANK = ["exact:", "inflected form of", "in the query:", "a word begins with the query:", "contains the query:"];
  function how(t, qkey, q) {
    if (t.key === qkey) return 0;
    const n = t.words.length;
    if (n && n === q.length && runAt(t, q, 0)) return 1;
    if (n && n < q.length) {
      for (let at = 0; at + n <= q.length; at++) if (runAt(t, q, at)) return 2;
    }
    if (t.key.startsWith(qkey) || t.words.some((w) => w.startsWith(qkey))) return 3;
    if (qkey.length >= 2 && t.key.includes(qkey)) return 4;
    return -1;
  }

  const input = document.getElementById("q");
  const domain = document.getElementById("f-domain");
  const boxes = Array.from(document.querySelectorAll("input[name=lang]"));
  const status = document.getElementById("shown");
  const none = document.getElementById("none");
  let sorted = true;  // the cards in the term base's order
  // The concepts a query finds: by card, the best rank and the terms found so (a concept's id is exact too).
  function find(raw) {
    const q = split(fold(raw.trim()));
    const qkey = q.length ? q.join(" ") : fold(raw.trim());
    const best = new Map();
    if (!qkey) return {qkey, best};
    for (const t of terms) {
      const r = how(t, qkey, q);
      if (r < 0) continue;
      const had = best.get(t.card);
      if (!had || r < had.rank) best.set(t.card, {rank: r, terms: [t]});
      else if (r === had.rank) had.terms.push(t);
    }
    for (const c of cards) {
      if (split(fold(c.card.id)).join(" ") === qkey && (best.get(c.order) || {rank: 1}).rank > 0) {
        best.set(c.order, {rank: 0, terms: []});
      }
    }
    return {qkey, best};
  }
  // For tests and scripts: [concept id, rank] of what a query finds (0 exact, 1 inflected, 2 in the query,
  // 3 a word begins with it, 4 contains it).
  window.termbaseFind = (raw) => [...find(raw).best].map(([order, hit]) => [cards[order].card.id, hit.rank]);

  function apply() {
    const {qkey, best} = find(input.value);
    const wanted = new Set(boxes.filter((b) => b.checked).map((b) => b.value));
    for (const t of terms) t.li.classList.remove("hit");
    let shown = 0;
    const order = [];
    for (const c of cards) {
      const hit = best.get(c.order);
      const ok = (!qkey || hit) && (!domain.value || c.domain === domain.value)
        && [...c.langs].some((l) => wanted.has(l));
      c.card.hidden = !ok;
      for (const s of c.sections) s.hidden = !wanted.has(primary(s.dataset.lang));
      c.found.hidden = !(ok && hit);
      if (ok && hit) {
        for (const t of hit.terms) t.li.classList.add("hit");
        const t = hit.terms[0];
        c.found.textContent = t ? RANK[hit.rank] + " " + t.text + " (" + t.lang + ", " + STATUS[t.status] + ")"
          : "the concept's id";
        order.push([hit.rank, c.order, c.card]);
      }
      shown += ok ? 1 : 0;
    }
    if (qkey) {
      order.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      list.prepend(...order.map((x) => x[2]));
      sorted = false;
    } else if (!sorted) {
      list.append(...cards.map((c) => c.card));
      sorted = true;
    }
    status.textContent = String(shown);
    none.hidden = shown > 0;
  }
  input.addEventListener("input", apply);
  domain.addEventListener("change", apply);
  for (const b of boxes) b.addEventListener("change", apply);
  document.getElementById("clear").addEventListener("click", () => {
    input.value = "";
    domain.value = "";
    for (const b of boxes) b.checked = true;
    apply();
    input.focus();
  });
  document.addEventListener("keydown", (e) => {
    if (e.key === "/" && document.activeElement !== input) { e.preventDefault(); input.focus(); }
    else if (e.key === "Escape" && document.activeElement === input) { input.value = ""; apply(); }
  });
  // A link to a concept (glossary.html#csto): its card, shown even where a search or filter hid it.
  function target() {
    const id = decodeURIComponent(location.hash.slice(1));
    for (const c of cards) c.card.classList.toggle("target", c.card.id === id);
    const card = id && document.getElementById(id);
    if (!card || !card.classList.contains("concept")) return;
    if (card.hidden) {
      input.value = "";
      domain.value = "";
      for (const b of boxes) b.checked = true;
      apply();
    }
    card.scrollIntoView();
  }
  window.addEventListener("hashchange", target);
  apply();
  if (location.hash) target();
})();
"""


def render(glossary: Glossary, langs: list[str] | None = None, version: str | None = None) -> str:
    """The page: head, toolbar (search, domain, languages), the term base as JSON, and the script."""
    content = data(glossary, langs)
    concepts = content["concepts"]
    count = sum(len(c["terms"]) for c in concepts)
    domains: dict[str, int] = {}
    for c in concepts:
        if "domain" in c:
            domains[c["domain"]] = domains.get(c["domain"], 0) + 1
    options = "".join(f'<option value="{escape(d)}">{escape(d)} ({n})</option>' for d, n in sorted(domains.items()))
    primaries: dict[str, str] = {}
    for lang in content["langs"]:
        primaries.setdefault(lang.split("-", 1)[0], language_name(lang.split("-", 1)[0]))
    boxes = "".join(
        f'<label title="{escape(name)}"><input type="checkbox" name="lang" value="{escape(tag)}" checked> '
        f"{escape(tag)}</label>"
        for tag, name in primaries.items()
    )
    about = (f"{len(concepts)} concepts, {count} terms in {len(primaries)} languages"
             + (f"; term base version {version}" if version else ""))  # fmt: skip
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "script-src 'unsafe-inline'\">"
        f"<title>Term base</title><style>{_CSS}</style></head><body>"
        f'<header class="top"><h1>Term base</h1><p class="muted">{escape(about)}. '
        '<span class="legend noprint">Type to search every rendering in every language (case and accents '
        "aside, inflected forms too); <strong>bold</strong>: preferred; "
        '<span style="color:var(--warn)">admitted</span>; <del style="color:var(--bad)">struck through</del>: '
        "do not use. Link to a concept with its id: <code>#csto</code>.</span></p></header>"
        '<div class="toolbar" role="search">'
        '<input id="q" type="search" autocomplete="off" spellcheck="false" aria-label="Search"'
        ' placeholder="Search: CSTO, Mitgliedstaaten, Зася, Estados-membros …" autofocus>'
        f'<label>domain <select id="f-domain"><option value="">all ({len(concepts)})</option>{options}</select>'
        f"</label><fieldset><legend>languages</legend>{boxes}</fieldset>"
        '<button id="clear" type="button">clear</button>'
        f'<span id="status"><strong id="shown">{len(concepts)}</strong> of {len(concepts)} concepts</span></div>'
        "<noscript><p>This page needs JavaScript to show the term base.</p></noscript>"
        '<p id="none" class="muted" hidden>No concept matches.</p>'
        '<main id="concepts"></main>'
        f'<script type="application/json" id="termbase">{_json(content)}</script>'
        f"<script>{_JS}</script></body></html>\n"
    )


def export(glossary: Glossary, path: Path, langs: list[str] | None = None, version: str | None = None) -> Written:
    """Write the page to `path` (atomically) and say what it holds."""
    from ..fileio import atomic_write

    page = render(glossary, langs, version).encode("utf-8")
    atomic_write(path, page)
    keep = _kept(langs)
    kept = {lang: None for c in glossary.concepts for lang in c.terms if keep(lang)}
    terms = sum(len(ts) for c in glossary.concepts for lang, ts in c.terms.items() if keep(lang))
    return Written(len(glossary.concepts), terms, tuple(kept), len(page))
