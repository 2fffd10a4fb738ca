"""missing-term and inconsistent-translation on bilingual files written by the real libraries: polib
for PO, ElementTree for XLIFF 2.0; read back by termcheck as a user runs it (the CLI, JSON)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import polib

from conftest import Run

NS = "urn:oasis:names:tc:xliff:document:2.0"


def _findings(run: Run, path: Path, *rules: str) -> list[tuple[int, str]]:
    args = ["lint", str(path), "--format", "json"] + [a for r in rules for a in ("--select", r)]
    res = run(*args)
    assert res.code in (0, 1), res.err
    return [(f["line"], f["text"]) for f in res.json["findings"]]


def test_po_catalogue_written_with_polib(run: Run, tmp_path: Path) -> None:
    po = polib.POFile()
    po.metadata = {"Language": "de", "Content-Type": "text/plain; charset=UTF-8",
                   "Plural-Forms": "nplurals=2; plural=(n != 1);"}  # fmt: skip
    po.append(polib.POEntry(msgid="Secretary General of the CSTO", msgstr="OVKS-Generalsekretär"))  # compound
    po.append(polib.POEntry(msgid="The CSTO met.", msgstr="Die OVKS tagte."))  # acronym only
    po.append(
        polib.POEntry(msgid="The CSTO grew.", msgstr="Die Organisation des Vertrags über kollektive Sicherheit wuchs.")
    )  # full form only
    po.append(polib.POEntry(msgctxt="headline", msgid="The CSTO met.", msgstr="Gipfel in Minsk"))  # lacks it
    po.append(polib.POEntry(msgid="%(n)d CSTO member state", msgid_plural="%(n)d CSTO member states",
                            msgstr_plural={0: "%(n)d OVKS-Mitgliedstaat", 1: "%(n)d Mitgliedstaaten"}))  # fmt: skip
    po.save(str(tmp_path / "de.po"))
    got = _findings(run, tmp_path / "de.po", "missing-term")
    lines = (tmp_path / "de.po").read_text(encoding="utf-8").splitlines()
    assert [lines[n - 1].split('"')[1] for n, _ in got] == ["Gipfel in Minsk", "%(n)d Mitgliedstaaten"]
    assert [t for _, t in got] == ["Gipfel in Minsk", "Mitgliedstaaten"]  # the placeholder is no part of it

    ru = polib.POFile()
    ru.metadata = {"Language": "ru", "Content-Type": "text/plain; charset=UTF-8"}
    ru.append(polib.POEntry(msgid="Member states of the Collective Security Treaty Organization",
                            msgstr="Государства-члены Организации Договора о коллективной безопасности"))  # fmt: skip
    ru.append(polib.POEntry(msgid="Stanislav Zas met the press.", msgstr="Станислав Зась встретился с прессой."))
    ru.save(str(tmp_path / "ru.po"))
    assert _findings(run, tmp_path / "ru.po", "missing-term") == []


def test_a_person_spelt_otherwise_in_a_translation(run: Run, tmp_path: Path) -> None:
    """term-typo reports a person's name transliterated otherwise only where the source names that person, and
    missing-term then says nothing more (the real French "Serge Sargsian", Sputnik, for Serge Sarkissian)."""
    po = polib.POFile()
    po.metadata = {"Language": "fr", "Content-Type": "text/plain; charset=UTF-8"}
    po.append(
        polib.POEntry(msgid="President Serzh Sargsyan arrived.", msgstr="Le président Serge Sargsian est arrivé.")
    )
    po.append(polib.POEntry(msgid="The president arrived.", msgstr="Le président Serge Sargsian est arrivé."))
    po.save(str(tmp_path / "fr.po"))
    got = _findings(run, tmp_path / "fr.po", "term-typo", "missing-term")
    lines = (tmp_path / "fr.po").read_text(encoding="utf-8").splitlines()
    assert got == [(lines.index('msgstr "Le président Serge Sargsian est arrivé."') + 1, "Serge Sargsian")]


def test_xliff_written_with_elementtree(run: Run, tmp_path: Path) -> None:
    ET.register_namespace("", NS)
    root = ET.Element(f"{{{NS}}}xliff", {"version": "2.0", "srcLang": "en", "trgLang": "de"})
    file = ET.SubElement(root, f"{{{NS}}}file", {"id": "f"})

    def unit(uid: str, source: str) -> ET.Element:
        segment = ET.SubElement(ET.SubElement(file, f"{{{NS}}}unit", {"id": uid}), f"{{{NS}}}segment",
                                {"state": "translated"})  # fmt: skip
        ET.SubElement(segment, f"{{{NS}}}source").text = source
        return ET.SubElement(segment, f"{{{NS}}}target")

    target = unit("split", "The CSTO Secretary General spoke.")  # a term inside an inline code's text
    target.text = "Der "
    pc = ET.SubElement(target, f"{{{NS}}}pc", {"id": "1"})
    pc.text, pc.tail = "OVKS", "-Generalsekretär sprach."
    target = unit("between", "The Collective Security Treaty Organization met.")  # a code between its words
    target.text = "Die Organisation des Vertrags "
    ET.SubElement(target, f"{{{NS}}}ph", {"id": "1"}).tail = "über kollektive Sicherheit tagte."
    unit("lacks", "The CSTO met.").text = "Die Organisation tagte."
    unit("again-1", "Member states met.").text = "Die Mitgliedstaaten tagten."
    unit("again-2", "Member states met.").text = "Die Mitgliedsstaaten tagten."
    ET.ElementTree(root).write(tmp_path / "de.xlf", encoding="UTF-8", xml_declaration=True)
    got = _findings(run, tmp_path / "de.xlf", "missing-term", "inconsistent-translation")
    assert [t for _, t in got] == ["Die Organisation tagte.", "Die Mitgliedsstaaten tagten."]


def test_fewer_occurrences_is_info_and_absence_a_warning(run: Run, tmp_path: Path) -> None:
    po = polib.POFile()
    po.metadata = {"Language": "de", "Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgid="The CSTO met; the CSTO grew.", msgstr="Die OVKS tagte und wuchs."))
    po.append(polib.POEntry(msgid="The CSTO met in Minsk.", msgstr="Gipfel in Minsk."))
    po.save(str(tmp_path / "de.po"))
    res = run("lint", str(tmp_path / "de.po"), "--format", "json", "--select", "missing-term")
    got = [(f["text"], f["severity"]) for f in res.json["findings"]]
    assert got == [("Die OVKS tagte und wuchs.", "info"), ("Gipfel in Minsk.", "warning")]
    assert res.code == 1  # the warning fails the run; the info alone would not
    assert "2×, the target 1×" in res.json["findings"][0]["message"]
