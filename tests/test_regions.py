"""Languages and regions: a term base's region tags (de-DE, pt-BR, MultiTerm's DE-DE) serve texts in the
plain language, and a plain-language term base serves regional texts, by BCP 47 lookup both ways; a
region's own status wins for a text of that region; tags are read in any case and written canonical.

The sentences are real: Expresso (pt-PT, 2023-07-18) and the team's German corpus (news2/dev/de)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import ROOT, Run
from termcheck.config import Config
from termcheck.exchange import tbx
from termcheck.glossary.index import GlossaryIndex
from termcheck.glossary.load import read_text
from termcheck.glossary.model import Glossary
from termcheck.languages import lookup, same_language
from termcheck.pipeline import Settings, lint_text
from termcheck.rules import select

MULTITERM = ROOT / "tests" / "data" / "tbx" / "multiterm-regions.tbx"
# Expresso, 2023-07-18 (European Portuguese): NATO is the Portuguese press's form, OTAN the Brazilian's.
EXPRESSO = (
    "A Rússia, cada vez mais rodeada por potências da NATO, começa a ser questionada por antigos Estados satélite."
)
EXPRESSO_TITLE = "Frustração entre aliados históricos de Putin na versão russa da NATO: Moscovo começa a perder amigos"
BELARUS_DE = (
    "Im Jahr 2022 hat Armenien den OVKS-Vorsitz inne, im nächsten Jahr wird Weißrussland den Vorsitz übernehmen."
)

# The builtin's nato concept, its Portuguese sections as glossary/organisations.yaml has them.
NATO = """
version: 1
concepts:
- id: nato
  terms:
    en: [{term: NATO, type: acronym}]
    pt:
    - {term: OTAN, type: acronym}
    - {term: NATO, status: admitted, type: acronym}
    pt-BR:
    - {term: OTAN, type: acronym}
    pt-PT:
    - {term: NATO, type: acronym}
    - {term: OTAN, status: admitted, type: acronym}
"""
# A MultiTerm-style term base: region sections only, tags in upper case.
REGIONS_ONLY = """
version: 1
concepts:
- id: belarus
  gender: {DE-DE: neuter}
  terms:
    EN-US: [Belarus]
    DE-DE: [Belarus, {term: Weißrussland, status: deprecated}]
- id: moscow
  gender: {PT-BR: masculine, PT-PT: feminine}
  terms:
    EN-US: [Moscow]
    PT-BR: [Moscou, {term: Moscovo, status: deprecated}]
    PT-PT: [Moscovo, {term: Moscou, status: admitted}]
"""


def _glossary(text: str) -> Glossary:
    concepts, problems = read_text(text, "<test>")
    assert problems == []
    return Glossary(tuple(concepts), ("<test>",))


def _findings(text: str, lang: str | None, glossary: Glossary, label: str = "<test>") -> list[tuple[str, str, str]]:
    """(rule, matched text, first suggestion) of every finding of the default rules."""
    found = lint_text(label, text, lang, Settings(Config(), tuple(select())), GlossaryIndex(glossary))
    return [(f.rule, f.text, f.suggestions[0] if f.suggestions else "") for f in found]


@pytest.mark.parametrize(
    ("tag", "available", "served"),
    [
        ("pt-BR", {"pt", "pt-BR"}, ("pt-BR",)),  # the region's own section
        ("pt-BR", {"pt", "pt-PT"}, ("pt",)),  # else the plain language (RFC 4647 lookup)
        ("pt", {"pt", "pt-BR"}, ("pt",)),
        ("pt", {"pt-BR", "pt-PT"}, ("pt-BR", "pt-PT")),  # a plain text, regions only: each serves it
        ("de", {"de-DE", "en"}, ("de-DE",)),  # MultiTerm's de-DE serves a German text
        ("de-AT", {"de-DE", "de-CH"}, ("de-CH", "de-DE")),
        ("sr-Latn-RS", {"sr", "sr-Latn"}, ("sr-Latn",)),
        ("sr-Latn-RS", {"sr-Cyrl", "sr-Latn-BA"}, ("sr-Latn-BA",)),  # the nearest narrower tags first
        ("PT_br", {"pt"}, ("pt",)),  # the text's tag in any case
        ("und", {"en", "de"}, ()),
        ("en", {"pt-BR"}, ()),
    ],
)
def test_lookup_both_ways(tag: str, available: set[str], served: tuple[str, ...]) -> None:
    assert lookup(tag, available) == served


def test_same_language_ignores_region_script_and_case() -> None:
    assert same_language("pt", "pt-BR") and same_language("DE-de", "de") and same_language("sr-Latn-RS", "sr-Cyrl")
    assert not same_language("pt", "es")


def test_term_base_tags_are_read_in_any_case_and_kept_canonical() -> None:
    concepts, problems = read_text(REGIONS_ONLY, "<test>")
    assert problems == []
    belarus, moscow = concepts
    assert list(belarus.terms) == ["en-US", "de-DE"] and belarus.gender == {"de-DE": "neuter"}
    assert {t.lang for ts in moscow.terms.values() for t in ts} == {"en-US", "pt-BR", "pt-PT"}


def test_one_language_spelt_twice_is_a_problem() -> None:
    text = "version: 1\nconcepts:\n- id: x\n  terms:\n    de-DE: [Belarus]\n    DE_de: [Belarus]\n    Deutsch: [B]\n"
    _, problems = read_text(text, "<test>")
    assert [(p.line, p.message.split(": ", 1)[1]) for p in problems] == [
        (6, "'DE_de' is the language 'de-DE' again (de-DE)"),
        (7, "'Deutsch' is not a BCP 47 language tag (en, de, pt-BR, ...)"),
    ]


def test_regions_that_serve_a_plain_text_are_merged_leniently() -> None:
    moscow = _glossary(REGIONS_ONLY).concepts[1]
    assert [(t.text, t.status.value) for t in moscow.terms_for("pt")] == [
        ("Moscou", "preferred"),
        ("Moscovo", "preferred"),
    ]
    assert [t.text for t in moscow.terms_for("pt-BR")] == ["Moscou", "Moscovo"]
    assert moscow.gender_for("pt-BR") == "masculine"
    assert moscow.gender_for("pt") is None  # the regions disagree: no gender, no agreement finding


def test_a_region_only_term_base_serves_the_plain_language() -> None:
    glossary = _glossary(REGIONS_ONLY)
    assert _findings(BELARUS_DE, "de", glossary) == [("deprecated-term", "Weißrussland", "Belarus")]
    assert _findings(BELARUS_DE, "de-AT", glossary) == [("deprecated-term", "Weißrussland", "Belarus")]


def test_a_region_status_wins_for_a_text_of_that_region_only() -> None:
    """Moscovo: preferred in pt-PT, deprecated in pt-BR; a text of unknown region may be either."""
    glossary = _glossary(REGIONS_ONLY)
    assert _findings(EXPRESSO_TITLE, "pt-BR", glossary) == [("deprecated-term", "Moscovo", "Moscou")]
    assert _findings(EXPRESSO_TITLE, "pt-PT", glossary) == []
    assert _findings(EXPRESSO_TITLE, "pt", glossary) == []


def test_a_regional_section_replaces_the_plain_one_even_in_a_long_sentence() -> None:
    """NATO is admitted in pt and preferred in pt-PT, not a term of pt-BR. The sentence is long enough to be
    identified as Portuguese on its own: that must not send it back to the plain language."""
    glossary = _glossary(NATO)
    assert _findings(EXPRESSO, "pt-BR", glossary) == [("foreign-rendering", "NATO", "OTAN")]
    assert _findings(EXPRESSO, "pt-PT", glossary) == []
    assert _findings(EXPRESSO, "pt", glossary) == []


def test_a_plain_language_term_base_serves_a_file_declared_regional() -> None:
    """A PO header's pt_BR and an XLIFF's PT-BR name the region; the file's language is not given."""
    plain = _glossary(
        REGIONS_ONLY.replace("PT-BR:", "pt:").replace("    PT-PT: [Moscovo, {term: Moscou, status: admitted}]\n", "")
    )
    po = 'msgid ""\nmsgstr ""\n"Language: {}\\n"\n\nmsgid "Moscow begins to lose friends"\nmsgstr "{}"\n'
    assert _findings(po.format("pt_BR", EXPRESSO_TITLE), None, plain, "x.po") == [
        ("deprecated-term", "Moscovo", "Moscou")
    ]
    regions = _glossary(REGIONS_ONLY)
    assert _findings(po.format("pt_PT", EXPRESSO_TITLE), None, regions, "x.po") == []
    xliff = (
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="EN-US" trgLang="PT-BR">'
        f'<file id="f"><unit id="u"><segment><source>Moscow</source><target>{EXPRESSO_TITLE}</target></segment>'
        "</unit></file></xliff>"
    )
    assert _findings(xliff, None, regions, "x.xlf") == [("deprecated-term", "Moscovo", "Moscou")]


def test_multiterm_tbx_upper_case_tags_import_canonical(run: Run, tmp_path: Path) -> None:
    table, problems = tbx.read(MULTITERM, "multiterm-regions.tbx")
    assert problems == []
    assert table.langs == ("en-US", "de-DE", "pt-BR", "pt-PT")
    assert table.concepts[0].definition == {"en-US": "The Republic of Belarus."}  # the file's xml:lang, EN-US
    folder = tmp_path / "glossary"
    assert run("glossary", "import", str(MULTITERM), "-o", str(folder)).code == 0
    text = tmp_path / "belarus.txt"
    text.write_text(BELARUS_DE + "\n", encoding="utf-8")
    res = run("lint", str(text), "-g", str(folder), "--lang", "DE", "--no-cache", "--format", "json", "-q")
    assert '"text": "Weißrussland"' in res.out and '"language": "de"' in res.out, res.out


def test_export_writes_canonical_tags(tmp_path: Path) -> None:
    out = tmp_path / "out.tbx"
    tbx.export(_glossary(REGIONS_ONLY), out, ["PT-br"])
    langs = {el.get("{http://www.w3.org/XML/1998/namespace}lang") for el in ET.parse(out).iter() if "langSec" in el.tag}
    assert langs == {"pt-BR"}
