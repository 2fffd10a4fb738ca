"""Properties that hold for any input, tried on generated texts and catalogues (hypothesis, bounded so the
suite stays fast): no exception; every finding's span lies inside the file and its slice is the
finding's text; CR, CRLF and mixed line ends give the findings of LF, on the same lines and columns;
safe fixes converge and leave nothing safe to fix; the PO parser reads back exactly what polib wrote."""

from __future__ import annotations

import re
from typing import Literal
from xml.sax.saxutils import escape

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from termcheck.config import Config
from termcheck.errors import SourceError
from termcheck.glossary.index import GlossaryIndex
from termcheck.glossary.load import load
from termcheck.pipeline import Settings, fix_text, lint_document, read_source
from termcheck.resources import Resources
from termcheck.rules import select
from termcheck.sources.po import parse

INDEX = GlossaryIndex(load()[0])
RESOURCES = Resources.for_index(INDEX, identify=False)
RULES = tuple(select())
PIECES = [
    "CSTO", "OTSC", "ОДКБ", "OVKS", "Zas", "Sas", "Зася", "como", " como", "o", "da", "do", "a", "Mitgliedsstaaten",
    "Mitgliedstaaten", "Stanislav", " ", "  ", "\n", "\n\n", "\r\n", "\t", ".", ",", "-", "«", "»", "\"", "'", "(", ")",
    "*", "_", "`", "[", "]", "#", "|", "<b>", "</b>", "&amp;", "%(x)s", "{0}", "\\", "é", "e\u0301", "\u2028", "\ufeff", "\r",
    "https://x.org/CSTO", "a@CSTO.org", "ОДКБ-CSTO", "СSTO",
]  # fmt: skip
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=40).map("".join)
LIMITS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)


def _check(label: str, text: str, lang: str) -> None:
    settings_ = Settings(Config(), RULES, lang)
    try:
        parsed = read_source(label, text, settings_)
    except SourceError as exc:  # a broken file is a located error, never anything else
        assert exc.path == label and "\n" not in exc.message
        return
    for f in lint_document(parsed, INDEX, settings_, RESOURCES):
        assert 0 <= f.span.start <= f.span.end <= len(text), f
        assert text[f.span.start : f.span.end] == f.text, f
        line_start = sum(len(line) + 1 for line in text.split("\n")[: f.span.line - 1])
        if "\r" not in text and "\u2028" not in text:
            assert line_start + f.span.column - 1 == f.span.start, f
        if f.fix is not None:
            assert f.fix.start >= 0 and f.fix.end <= len(text)


@pytest.mark.parametrize(
    ("label", "lang"),
    [
        ("t.txt", "pt"),
        ("t.txt", "de"),
        ("t.md", "pt"),
        ("t.html", "ru"),
        ("t.rst", "en"),
        ("t.po", "pt"),
        ("t.xlf", "pt"),
    ],
)
@LIMITS
@given(text=texts)
def test_any_text_gives_findings_that_point_at_their_text(label: str, lang: str, text: str) -> None:
    _check(label, text, lang)


# Texts with LF line ends only (the property turns them into CR, CRLF and mixtures), long runs of
# letters among the pieces, and a wrapper per format that puts the text where that format holds text.
LF_PIECES = [p for p in PIECES if "\r" not in p] + ["\n", "\n\n", "CSTO\n", "\n- CSTO", "\n> CSTO", "\n# CSTO"]
long_runs = st.one_of(
    st.builds(lambda ch, n: ch * n, st.sampled_from(["a", "é", "ж", " "]), st.integers(200, 2000)),
    st.builds(lambda word, n: word * n, st.sampled_from(["casa ", "CSTO ", "aCSTO"]), st.integers(2, 40)),
)
lf_texts = st.lists(
    st.one_of(st.sampled_from(LF_PIECES), long_runs, st.text(st.characters(blacklist_characters="\r\n"), max_size=3)),
    max_size=30,
).map("".join)
WRAPPERS = {
    "t.txt": lambda t: f"CSTO\n\n{t}\n\nCSTO\n",
    "t.md": lambda t: f"# CSTO\n\n{t}\n\n- CSTO\n\n> CSTO\n",
    "t.rst": lambda t: f"CSTO\n====\n\n{t}\n\n- CSTO\n",
    "t.html": lambda t: f"<html>\n<body>\n<p>{t}</p>\n<p>CSTO</p>\n</body>\n</html>\n",
    "t.po": lambda t: (
        'msgid "a"\nmsgstr ""\n'
        + "".join('"' + line.replace("\\", "\\\\").replace('"', '\\"') + '"\n' for line in t.split("\n"))
        + '"CSTO"\n'
    ),
    "t.xlf": lambda t: (
        '<xliff version="1.2">\n<file source-language="en" target-language="pt">\n<body>\n'
        f'<trans-unit id="1">\n<source>x</source>\n<target>{escape(t)}\nCSTO</target>\n</trans-unit>\n</body>\n</file>\n</xliff>\n'
    ),
    "t.tmx": lambda t: (
        '<tmx version="1.4">\n<header srclang="en"/>\n<body>\n<tu>\n<tuv xml:lang="en"><seg>x</seg></tuv>\n'
        f'<tuv xml:lang="pt"><seg>{escape(t)}\nCSTO</seg></tuv>\n</tu>\n</body>\n</tmx>\n'
    ),
}


def _places(label: str, text: str) -> list[tuple[int, int, int, int, str]] | int | None:
    """The findings' lines and columns (or the line of the error that stopped the read)."""
    settings_ = Settings(Config(), RULES, "pt")
    try:
        parsed = read_source(label, text, settings_)
    except SourceError as exc:
        assert exc.path == label and "\n" not in exc.message
        return exc.line
    found = lint_document(parsed, INDEX, settings_, RESOURCES)
    for f in found:
        assert text[f.span.start : f.span.end] == f.text, f
    return sorted((f.span.line, f.span.column, f.span.end_line, f.span.end_column, f.rule) for f in found)


def _mixed(text: str) -> str:
    """CRLF, LF and CR in turn (a CR is never followed by an LF it would join)."""
    turn = iter(["\r\n", "\n", "\r"] * (text.count("\n") + 1))
    return re.sub("\n", lambda _m: next(turn), text)


@pytest.mark.parametrize("label", sorted(WRAPPERS))
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(text=lf_texts)
def test_line_endings_and_long_lines_cr_crlf_and_mixed_give_the_findings_of_lf(label: str, text: str) -> None:
    lf = WRAPPERS[label](text)
    expected = _places(label, lf)
    for other in (lf.replace("\n", "\r"), lf.replace("\n", "\r\n"), _mixed(lf)):
        assert _places(label, other) == expected


@LIMITS
@given(text=texts)
def test_safe_fixes_converge_and_leave_nothing_safe_to_fix(text: str) -> None:
    fixing = Settings(Config(), RULES, "pt", fix=True)
    fixed, _stats = fix_text("t.md", text, "markdown", INDEX, fixing, RESOURCES)
    again, stats = fix_text("t.md", fixed, "markdown", INDEX, fixing, RESOURCES)
    assert (again, stats.applied) == (fixed, 0)


SURROGATES: tuple[Literal["Cs"]] = ("Cs",)  # a Unicode category, as hypothesis names them
catalogue_text = st.text(
    alphabet=st.characters(blacklist_categories=SURROGATES, blacklist_characters="\x00"), max_size=12
)


@LIMITS
@given(entries=st.lists(st.tuples(catalogue_text, st.lists(st.sampled_from(PIECES) | catalogue_text, max_size=8)),
                        min_size=1, max_size=6, unique_by=lambda e: e[0]))  # fmt: skip
def test_the_po_parser_reads_back_what_polib_writes(entries: list[tuple[str, list[str]]]) -> None:
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "pt"}
    for msgid, pieces in entries:
        po.append(polib.POEntry(msgid="id " + msgid, msgstr="".join(pieces)))
    text = str(po)
    read = {e.get("msgid"): e.get("msgstr") for e in parse(text) if e.get("msgid")}
    assert read == {"id " + msgid: "".join(pieces) for msgid, pieces in entries}
    _check("c.po", text, "pt")


def _find_by_tokens(index: GlossaryIndex, text: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """The matcher as it was before the automaton: every word looked up, leftmost-longest."""
    from termcheck.text.tokenize import tokens

    toks, out, i = tokens(text), [], 0
    while i < len(toks):
        n, chosen = index.longest(index.first_entries(toks[i].text), text, toks, i)
        if not chosen:
            i += 1
            continue
        start, end = toks[i].start - len(chosen[0].lead), toks[i + n - 1].end + len(chosen[0].trail)
        out.append((start, end, tuple(e.term.text for e in chosen)))
        i += n
    return out


TERM_WORDS = [w for c in INDEX.glossary.concepts for ts in c.terms.values() for t in ts for w in t.text.split()]


@LIMITS
@given(st.lists(st.one_of(st.sampled_from(TERM_WORDS), st.sampled_from([*PIECES, "İ", "ß", "Räte", " Rat"]),
                          st.text(max_size=3)), max_size=30).map("".join))  # fmt: skip
def test_the_automaton_finds_what_looking_up_every_word_finds(text: str) -> None:
    found = [(m.start, m.end, tuple(e.term.text for e in m.entries)) for m in INDEX.find(text)]
    assert found == _find_by_tokens(INDEX, text)


def test_the_automaton_on_letters_that_change_length_and_umlaut_plurals() -> None:
    cases = {
        "İstanbul: die OVKS und die Sicherheitsräte.": ["OVKS", "Sicherheitsräte"],  # İ lower-cases to two
        "Der Außenministerrat der OVKS tagte.": ["Außenministerrat", "OVKS"],  # ß folds to ss
        "«OTSC»": ["OTSC"],
        "x_CSTO CSTO_x (CSTO)": ["CSTO", "CSTO", "CSTO"],  # the underscore separates words
    }
    for text, expected in cases.items():
        found = [(m.start, m.end, tuple(e.term.text for e in m.entries)) for m in INDEX.find(text)]
        assert found == _find_by_tokens(INDEX, text), text
        assert [text[a:b] for a, b, _ in found] == expected
