"""What the bilingual readers tell the rules about a unit: the source text as written and the context
that sets one source apart from the same text elsewhere (issue 22). The strings are real: Wagtail's
catalogues, ORCID's and Angular's XLIFF, OmegaT's German project memory."""

from __future__ import annotations

from termcheck.sources import po, xml
from termcheck.sources.base import MEMORY, SOURCE, TARGET, Segment


def _targets(parsed_segments: list[Segment]) -> list[Segment]:
    return [s for s in parsed_segments if s.kind != SOURCE]


def test_po_plural_forms_have_their_own_context_and_the_source_as_written() -> None:
    text = (
        '#, python-format\nmsgid "Add tags to 1 document"\nmsgid_plural "Add tags to %(counter)s documents"\n'
        'msgstr[0] "Schlagwörter zu 1 Dokument hinzufügen"\n'
        'msgstr[1] "Schlagwörter zu %(counter)s Dokumente hinzufügen"\n\n'
        'msgid "Add tags to documents"\nmsgstr "Schlagwörter zu Dokumenten hinzufügen"\n'
    )
    first, second, single = _targets(po.read("x.po", text).segments)
    assert (first.context, second.context, single.context) == ("msgstr[0]", "msgstr[1]", "")
    assert second.source_text == "Add tags to %(counter)s documents"  # not masked: a placeholder is text here


def test_po_msgctxt_is_the_context() -> None:
    text = 'msgctxt "verb"\nmsgid "Close the window"\nmsgstr "Das Fenster schließen"\n'
    (target,) = _targets(po.read("x.po", text).segments)
    assert target.context == "msgctxt verb"


def _xliff(units: str) -> list[Segment]:
    text = (
        '<?xml version="1.0" ?><xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">'
        '<file source-language="en" datatype="plaintext" original="ng2.template" target-language="de"><body>'
        f"{units}</body></file></xliff>"
    )
    return _targets(xml.read("x.xlf", text, "xliff").segments)


def test_xliff_resname_named_ids_and_notes_are_context_numbers_and_hashes_are_not() -> None:
    unit = "<trans-unit {}><source>Two-factor authentication</source><target>Zwei-Faktor-Authentifizierung</target>{}"
    segments = _xliff(
        unit.format('id="account.twoPassword" resname="account.twoPassword"', "</trans-unit>")
        + unit.format('id="account.twoPassword"', "</trans-unit>")
        + unit.format('id="12"', "</trans-unit>")
        + unit.format('id="37fa222e5a5b6d9018702696271db5b7ab5ae7a4"', "</trans-unit>")
        + unit.format('id="tu3"', '<note priority="1" from="meaning">aria label</note></trans-unit>')
        + unit.format('id="4"', "<note>termcheck: ignore[missing-term]</note></trans-unit>")
    )
    assert [s.kind for s in segments] == [TARGET] * 6
    assert [s.context for s in segments] == [
        "id account.twoPassword\nresname account.twoPassword",
        "id account.twoPassword",
        "",
        "",
        "note aria label",  # read after the target, as XLIFF 1.2 writes notes
        "",  # a suppression comment is not a context
    ]


def test_xliff_source_text_keeps_text_in_angle_brackets() -> None:
    (segment,) = _xliff('<trans-unit id="1"><source>Use &lt;l0/&gt; to go on</source><target>Mit &lt;l0/&gt; weiter'
                        "</target></trans-unit>")  # fmt: skip
    assert segment.source_text == "Use <l0/> to go on"


def test_tmx_targets_are_memory_targets_with_context_properties() -> None:
    text = (
        '<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header creationtool="OmegaT" o-tmf="OmegaT TMX" '
        'adminlang="EN-US" datatype="plaintext" creationtoolversion="6.0.1" segtype="sentence" srclang="en">'
        '<prop type="id">header</prop></header><body>'
        '<tu><tuv lang="en"><seg>Mine</seg></tuv><tuv lang="de"><seg>Meine</seg></tuv></tu>'
        '<tu><prop type="file">Bundle.properties</prop><prop type="id">CONFLICT_DIALOG_LABEL_MINE</prop>'
        '<tuv lang="en"><seg>Mine</seg></tuv><tuv lang="de"><seg>Meine Datei</seg></tuv></tu>'
        '<tu><prop type="x-Context">6f4d, 9a1c</prop><prop type="x-Origin">TM</prop>'
        '<tuv lang="en"><seg>Mine</seg></tuv><tuv lang="de"><seg>Meine</seg></tuv></tu>'
        "</body></tmx>"
    )
    segments = _targets(xml.read("x.tmx", text, "tmx").segments)
    assert [s.kind for s in segments] == [MEMORY] * 3
    assert [s.context for s in segments] == ["", "prop id CONFLICT_DIALOG_LABEL_MINE", "prop x-Context 6f4d, 9a1c"]
