"""Documents as segments: every format read into located segments, checked without crossing them, and
fixed without touching anything outside them. Each test writes a real file (with the format's own
library where one exists), runs the real CLI, and reads the result back with the format's own parser."""

from __future__ import annotations

import codecs
import io
import shutil
import subprocess
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import polib
import pytest

from conftest import Run, run_process

PT_PAGE = """---
title: Cimeira da CSTO
lang: pt
slug: csto-cimeira
---

# A CSTO em Minsk

O secretário-geral da **CSTO** falou no [sítio da CSTO](https://example.org/CSTO/) e em <https://CSTO.example.org>.
Ver ![logotipo da CSTO](img/CSTO.png), `CSTO` em código, [ref][CSTO], \\*CSTO\\* &amp; CSTO.

| coluna | coluna |
|--------|--------|
| como   | como   |
| a OTSC | a CSTO |

> Citação: <span lang="ru">ОДКБ — это организация, а не CSTO</span>, disse.
<!-- CSTO in a comment -->

```python
CSTO = "code"
```

[CSTO]: https://example.org/CSTO
"""


def lint_json(run: Run, *args: str, cwd: Path) -> dict[str, Any]:
    res = run("lint", *args, "--format", "json", cwd=cwd)
    assert res.code in (0, 1), res.err
    return res.json


def where(data: dict[str, Any], rule: str | None = None) -> list[tuple[int, int, str, str]]:
    return [(f["line"], f["column"], f["text"], f["language"]) for f in data["findings"] if rule in (None, f["rule"])]


def at(text: str, expected: list[tuple[int, str, str]], word: str = "CSTO") -> list[tuple[int, int, str, str]]:
    """(line, column, word, language) of `word` at the end of `context` on that line: the expectation
    written as the words before each finding, so that it is checked against the file's own text."""
    lines = text.splitlines()
    return [
        (n, lines[n - 1].index(context) + len(context) - len(word) + 1, word, lang) for n, context, lang in expected
    ]


# --- Markdown ------------------------------------------------------------------------------------------


def test_markdown_checks_prose_and_skips_code_links_and_markup(run: Run, tmp_path: Path) -> None:
    (tmp_path / "page.md").write_text(PT_PAGE, encoding="utf-8")
    data = lint_json(run, "page.md", cwd=tmp_path)
    assert data["files"][0]["language"] == "pt" and data["files"][0]["language_source"] == "front-matter"
    assert where(data, "foreign-rendering") == at(PT_PAGE, [
        (2, "title: Cimeira da CSTO", "pt"),  # front matter: the title, not the slug
        (7, "# A CSTO", "pt"),  # heading
        (9, "**CSTO", "pt"),  # strong
        (9, "[sítio da CSTO", "pt"),  # link text, not its target nor the autolink
        (10, "![logotipo da CSTO", "pt"),  # image alt, not its path; not the code span nor the label
        (10, "\\*CSTO", "pt"),  # after backslash escapes
        (10, "&amp; CSTO", "pt"),  # after a character reference
        (15, "| a CSTO", "pt"),  # table cell
        (17, "а не CSTO", "ru"),  # inside the Russian span: Russian writes ОДКБ
    ])  # fmt: skip
    assert where(data, "doubled-word") == []  # "como | como" are two cells


def _md_tokens(text: str) -> list[tuple[str, str, str, str]]:
    """The Markdown token stream with all text left out: what a fix must never change."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    out = []
    for tok in md.parse(text):
        for t in [tok, *(tok.children or [])]:
            keep = t.type in ("code_inline", "fence", "code_block", "html_inline", "html_block")
            out.append((t.type, t.markup, str(t.attrs), t.content if keep else ""))
    return out


def test_markdown_fix_changes_only_text(run: Run, tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(PT_PAGE, encoding="utf-8")
    res = run("lint", "page.md", "--fix", "--unsafe-fixes", cwd=tmp_path)
    fixed = page.read_text(encoding="utf-8")
    assert _md_tokens(fixed) == _md_tokens(PT_PAGE)
    for kept in ("img/CSTO.png", "`CSTO`", "https://example.org/CSTO/", "<https://CSTO.example.org>", "[ref][CSTO]",
                 'CSTO = "code"', "<!-- CSTO in a comment -->", "slug: csto-cimeira", "[CSTO]: https://"):  # fmt: skip
        assert kept in fixed, kept
    assert "title: Cimeira da OTSC" in fixed and "# A OTSC em Minsk" in fixed and "**OTSC**" in fixed
    assert "[sítio da OTSC](https://example.org/CSTO/)" in fixed and "![logotipo da OTSC](img/CSTO.png)" in fixed
    assert "ОДКБ — это организация, а не ОДКБ" in fixed
    assert "Fixed" in res.err
    again = run("lint", "page.md", "--fix", "--unsafe-fixes", cwd=tmp_path)
    assert page.read_text(encoding="utf-8") == fixed and again.code == 0


def test_markdown_crlf_and_bom_keep_their_positions(run: Run, tmp_path: Path) -> None:
    text = "# Título\r\n\r\nA *CSTO* e a [CSTO](x/CSTO.md).\r\n"
    (tmp_path / "a.md").write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    data = lint_json(run, "a.md", "--lang", "pt", cwd=tmp_path)
    assert where(data, "foreign-rendering") == [(3, 4, "CSTO", "pt"), (3, 15, "CSTO", "pt")]
    run("lint", "a.md", "--lang", "pt", "--fix", cwd=tmp_path)
    assert (tmp_path / "a.md").read_bytes() == codecs.BOM_UTF8 + text.replace("*CSTO*", "*OTSC*").replace(
        "[CSTO]", "[OTSC]"
    ).encode("utf-8")


# --- reStructuredText ---------------------------------------------------------------------------------

RST = """Cimeira da CSTO
===============

O secretário-geral da *CSTO* falou no `sítio da CSTO <https://example.org/CSTO>`_ e ``CSTO``.

- item sobre a CSTO
  e a OTSC

.. note:: A nota fala da CSTO.

.. code-block:: python

   CSTO = 1

::

   CSTO literal

.. |csto| replace:: CSTO substituída

.. _CSTO: https://example.org/CSTO
"""


def _doctree_shape(text: str) -> list[tuple[str, str]]:
    """The doctree without its text: node types, literal contents and reference targets."""
    from docutils import nodes
    from docutils.core import publish_doctree

    tree = publish_doctree(text, settings_overrides={"report_level": 5, "warning_stream": io.StringIO()})
    out = []
    for node in tree.findall():
        if isinstance(node, nodes.literal_block | nodes.literal):
            out.append((node.tagname, node.astext()))
        elif isinstance(node, nodes.Element):
            out.append((node.tagname, str(node.get("refuri", ""))))
    return out


def test_rst_checks_prose_skips_literals_and_targets(run: Run, tmp_path: Path) -> None:
    doc = tmp_path / "doc.rst"
    doc.write_text(RST, encoding="utf-8")
    data = lint_json(run, "doc.rst", "--lang", "pt", cwd=tmp_path)
    assert where(data, "foreign-rendering") == at(RST, [
        (1, "Cimeira da CSTO", "pt"),
        (4, "*CSTO", "pt"),
        (4, "`sítio da CSTO", "pt"),
        (6, "sobre a CSTO", "pt"),
        (9, "fala da CSTO", "pt"),
    ])  # fmt: skip
    run("lint", "doc.rst", "--lang", "pt", "--fix", cwd=tmp_path)
    fixed = doc.read_text(encoding="utf-8")
    assert _doctree_shape(fixed) == _doctree_shape(RST)
    assert "`sítio da OTSC <https://example.org/CSTO>`_" in fixed and "``CSTO``" in fixed
    assert "   CSTO = 1" in fixed and "   CSTO literal" in fixed and ".. _CSTO: https://example.org/CSTO" in fixed


# --- HTML -------------------------------------------------------------------------------------------------

HTML = """<!DOCTYPE html>
<html lang="pt">
<head><title>A CSTO &amp; a OCX</title><style>.CSTO { color: red }</style></head>
<body>
<h1 class="CSTO">Cimeira da CSTO</h1>
<p>O secretário da CSTO falou. <img src="img/CSTO.png" alt="Logotipo da CSTO" title="CSTO"></p>
<p>Citação: <span lang="ru">ОДКБ и CSTO</span>; <code>CSTO</code>; <span translate="no">CSTO</span>.</p>
<table><tr><td>como</td><td>como</td></tr></table>
<p>Organiza&ccedil;&atilde;o do Tratado e CSTO<script>var CSTO = 1;</script></p>
</body>
</html>
"""


class _Shape(HTMLParser):
    """Tags and attributes, with alt/title values and text left out."""

    def __init__(self) -> None:
        super().__init__()
        self.shape: list[Any] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.shape.append((tag, [(k, v) for k, v in attrs if k not in ("alt", "title")]))

    def handle_endtag(self, tag: str) -> None:
        self.shape.append(("/", tag))


def _html_shape(text: str) -> list[Any]:
    parser = _Shape()
    parser.feed(text)
    return parser.shape


def test_html_text_nodes_lang_and_translate(run: Run, tmp_path: Path) -> None:
    (tmp_path / "p.html").write_text(HTML, encoding="utf-8")
    data = lint_json(run, "p.html", cwd=tmp_path)
    assert data["files"][0]["language_source"] == "html-lang"
    assert where(data, "foreign-rendering") == at(HTML, [
        (3, "<title>A CSTO", "pt"),
        (5, "Cimeira da CSTO", "pt"),  # not the class attribute
        (6, "secretário da CSTO", "pt"),
        (6, 'alt="Logotipo da CSTO', "pt"),  # not the src
        (6, 'title="CSTO', "pt"),
        (7, "ОДКБ и CSTO", "ru"),  # not in code, not under translate="no"
        (9, "Tratado e CSTO", "pt"),  # not in the script
    ])  # fmt: skip
    assert where(data, "doubled-word") == []
    run("lint", "p.html", "--fix", cwd=tmp_path)
    fixed = (tmp_path / "p.html").read_text(encoding="utf-8")
    assert _html_shape(fixed) == _html_shape(HTML)
    assert "<code>CSTO</code>" in fixed and '<span translate="no">CSTO</span>' in fixed
    assert "var CSTO = 1;" in fixed and ".CSTO { color: red }" in fixed and 'class="CSTO"' in fixed
    assert "Organiza&ccedil;&atilde;o do Tratado e OTSC" in fixed and 'alt="Logotipo da OTSC"' in fixed


# --- PO -----------------------------------------------------------------------------------------------------


def _catalogue(path: Path, crlf: bool = False, bom: bool = False) -> None:
    po = polib.POFile()
    po.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Language": "ru",
        "Plural-Forms": "nplurals=4; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<12 || "
        "n%100>14) ? 1 : n%10==0 || (n%10>=5 && n%10<=9) || (n%100>=11 && n%100<=14)? 2 : 3);",
    }
    po.append(polib.POEntry(msgid="%(count)s CSTO member", msgid_plural="%(count)s CSTO members",
                            msgstr_plural={0: "%(count)s член ОДКБ", 1: "%(count)s члена ОДКБ",
                                           2: "%(count)s членов ОДКБ", 3: "%(count)s членов ОДКБ"},
                            flags=["python-format"]))  # fmt: skip
    po.append(polib.POEntry(msgid="The {name} of the CSTO", msgstr='"{name}" CSTO', msgctxt="title",
                            flags=["python-brace-format"]))  # fmt: skip
    po.append(polib.POEntry(msgid="Delta %(delta)s", msgstr="Разница %(delta)s", flags=["python-format"]))
    po.append(polib.POEntry(msgid="fuzzy CSTO", msgstr="нечёткий CSTO", flags=["fuzzy"]))
    po.append(polib.POEntry(msgid="obsolete CSTO", msgstr="устаревший CSTO", obsolete=True))
    po.append(polib.POEntry(msgid="untranslated CSTO", msgstr=""))
    po.append(polib.POEntry(msgid="A long\nline", msgstr="Длинная строка о CSTO и и\nОДКБ <b>ОДКБ</b>"))
    text = str(po) + "\n"
    if crlf:
        text = text.replace("\n", "\r\n")
    path.write_bytes((codecs.BOM_UTF8 if bom else b"") + text.encode("utf-8"))


@pytest.mark.parametrize(("crlf", "bom"), [(False, False), (True, True)])
def test_po_segments_placeholders_plurals(run: Run, tmp_path: Path, crlf: bool, bom: bool) -> None:
    path = tmp_path / "ru.po"
    _catalogue(path, crlf, bom)
    data = lint_json(run, "ru.po", cwd=tmp_path)
    lines = path.read_bytes().decode("utf-8-sig").splitlines()
    found = [
        (f["rule"], f["text"], lines[f["line"] - 1][f["column"] - 1 :][: len(f["text"])]) for f in data["findings"]
    ]
    # Each finding's line and column point at its own text in the file.
    assert all(text == at for _rule, text, at in found), found
    rules = sorted((rule, text) for rule, text, _at in found)
    # Not the identical plural forms as a doubled word, not the placeholders as Latin words, not the fuzzy,
    # obsolete or untranslated entries; the doubled word inside one string is found.
    assert rules == [("doubled-word", "и и"), ("foreign-rendering", "CSTO"), ("foreign-rendering", "CSTO")]
    assert data["files"][0]["counts"] == {"translated": 4, "untranslated": 1, "fuzzy": 1, "obsolete": 1}
    fuzzy = lint_json(run, "ru.po", "--include-fuzzy", cwd=tmp_path)
    assert len(where(fuzzy, "foreign-rendering")) == 3
    source = lint_json(run, "ru.po", "--check-source", cwd=tmp_path)
    assert {f["language"] for f in source["findings"]} == {"ru"}  # English CSTO is right in the English msgid


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="msgfmt (Debian's gettext) is not installed")
def test_po_fix_keeps_plurals_placeholders_and_passes_msgfmt(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "ru.po"
    _catalogue(path)
    before = polib.pofile(str(path))
    run("lint", "ru.po", "--fix", "--unsafe-fixes", cwd=tmp_path)
    check = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    after = polib.pofile(str(path))
    assert [e.msgstr_plural for e in after if e.msgid_plural] == [e.msgstr_plural for e in before if e.msgid_plural]
    titled = after.find("The {name} of the CSTO", msgctxt="title")
    assert titled is not None and titled.msgstr == '"{name}" ОДКБ'
    assert after.find("Delta %(delta)s").msgstr == "Разница %(delta)s"
    assert after.find("A long\nline").msgstr == "Длинная строка о ОДКБ и\nОДКБ <b>ОДКБ</b>"
    assert after.find("fuzzy CSTO").msgstr == "нечёткий CSTO"  # not checked, not fixed


# --- XLIFF and TMX -----------------------------------------------------------------------------------------

XLIFF12 = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF20 = "urn:oasis:names:tc:xliff:document:2.0"


def _xliff12(path: Path) -> None:
    ET.register_namespace("", XLIFF12)
    root = ET.Element(f"{{{XLIFF12}}}xliff", version="1.2")
    file = ET.SubElement(root, f"{{{XLIFF12}}}file", {"source-language": "en", "target-language": "pt-PT",
                                                      "original": "news.txt", "datatype": "plaintext"})  # fmt: skip
    body = ET.SubElement(file, f"{{{XLIFF12}}}body")
    units = [
        ("1", "The CSTO & the SCO.", "A cimeira da CSTO & a SCO.", None),
        ("2", "The CSTO met.", "A CSTO <x/> reuniu-se.", None),
        ("3", "CSTO", "CSTO", "no"),
    ]
    for uid, source, target, translate in units:
        unit = ET.SubElement(
            body, f"{{{XLIFF12}}}trans-unit", {"id": uid, **({"translate": translate} if translate else {})}
        )
        ET.SubElement(unit, f"{{{XLIFF12}}}source").text = source
        tgt = ET.SubElement(unit, f"{{{XLIFF12}}}target", state="translated")
        head, _, tail = target.partition(" <x/> ")
        tgt.text = head + (" " if tail else "")
        if tail:
            ET.SubElement(tgt, f"{{{XLIFF12}}}x", id="1").tail = " " + tail
    alt = ET.SubElement(unit, f"{{{XLIFF12}}}alt-trans")
    ET.SubElement(alt, f"{{{XLIFF12}}}target").text = "CSTO CSTO"
    ET.ElementTree(root).write(path, encoding="UTF-8", xml_declaration=True)


def test_xliff12_targets_in_target_language_sources_apart(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "news.xlf"
    _xliff12(path)
    data = lint_json(run, "news.xlf", cwd=tmp_path)
    assert data["files"][0]["language"] == "pt-PT" and data["files"][0]["format"] == "xliff"
    texts = [(f["text"], f["language"]) for f in data["findings"]]
    assert texts == [("CSTO", "pt-PT"), ("SCO", "pt-PT"), ("CSTO", "pt-PT")]  # not the English sources
    raw = path.read_text(encoding="utf-8")
    lines = raw.splitlines()
    for f in data["findings"]:
        line = lines[f["line"] - 1]
        assert line[f["column"] - 1 :].startswith(f["text"]) and "<target" in line[: f["column"]]
    run("lint", "news.xlf", "--fix", cwd=tmp_path)
    tree = ET.parse(path)
    ns = {"x": XLIFF12}
    targets = ["".join(t.itertext()) for t in tree.getroot().iterfind(".//x:trans-unit/x:target", ns)]
    assert targets == ["A cimeira da OTSC & a OCX.", "A OTSC  reuniu-se.", "CSTO"]
    assert len(tree.getroot().findall(".//x:target/x:x", ns)) == 1  # the inline code kept
    alt_target = tree.getroot().find(".//x:alt-trans/x:target", ns)
    assert alt_target is not None and alt_target.text == "CSTO CSTO"
    sources = ["".join(s.itertext()) for s in tree.getroot().iterfind(".//x:source", ns)]
    assert sources == ["The CSTO & the SCO.", "The CSTO met.", "CSTO"]


def test_xliff20_and_tmx(run: Run, tmp_path: Path) -> None:
    (tmp_path / "de.xlf").write_text(
        f'<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="{XLIFF20}" version="2.0" srcLang="en" trgLang="de">\n'
        ' <file id="f1">\n  <unit id="u1">\n   <segment state="translated">\n'
        '    <source>The CSTO member states <ph id="1"/> met.</source>\n'
        '    <target>Die CSTO-Mitgliedsstaaten <ph id="1"/> und die <pc id="2">CSTO</pc> trafen sich.</target>\n'
        "   </segment>\n  </unit>\n </file>\n</xliff>\n",
        encoding="utf-8",
    )
    (tmp_path / "m.tmx").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n <header creationtool="t" creationtoolversion="1" '
        'segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/>\n <body>\n  <tu tuid="1">\n'
        '   <tuv xml:lang="en"><seg>The CSTO met in Moscow.</seg></tuv>\n'
        '   <tuv xml:lang="pt-BR"><seg>A CSTO reuniu-se <ph>&lt;b&gt;CSTO&lt;/b&gt;</ph> em Moscou.</seg></tuv>\n'
        '   <tuv xml:lang="de"><seg>Die OVKS traf sich in Moskau.</seg></tuv>\n  </tu>\n </body>\n</tmx>\n',
        encoding="utf-8",
    )
    data = lint_json(run, "de.xlf", "m.tmx", cwd=tmp_path)
    xlf, tmx = ((tmp_path / name).read_text(encoding="utf-8") for name in ("de.xlf", "m.tmx"))
    assert [(f["path"], f["line"], f["column"], f["text"], f["language"]) for f in data["findings"]] == [
        ("de.xlf", *at(xlf, [(7, "Die CSTO", "de")])[0]),
        ("de.xlf", *at(xlf, [(7, '<pc id="2">CSTO', "de")])[0]),
        ("m.tmx", *at(tmx, [(7, "<seg>A CSTO", "pt-BR")])[0]),
    ]
    run("lint", "de.xlf", "m.tmx", "--fix", cwd=tmp_path)
    ns = {"x": XLIFF20}
    target = ET.parse(tmp_path / "de.xlf").getroot().find(".//x:target", ns)
    assert target is not None and "".join(target.itertext()) == "Die OVKS-Mitgliedsstaaten  und die OVKS trafen sich."
    assert [e.tag.split("}")[1] for e in target] == ["ph", "pc"]
    seg = ET.parse(tmp_path / "m.tmx").getroot().findall(".//seg")[1]
    assert "".join(seg.itertext()) == "A OTSC reuniu-se <b>CSTO</b> em Moscou."  # the inline code untouched


def test_xml_entities_are_refused(run: Run, tmp_path: Path) -> None:
    (tmp_path / "bomb.xlf").write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY a "CSTO CSTO CSTO">]>\n'
        '<xliff version="1.2"><file source-language="en" target-language="de"><body>'
        '<trans-unit id="1"><source>&a;</source><target>&a;</target></trans-unit></body></file></xliff>\n',
        encoding="utf-8",
    )
    res = run("lint", "bomb.xlf", cwd=tmp_path)
    assert res.code == 2 and res.err.startswith("error: bomb.xlf:2: refused: entity declarations")


# --- broken files, stdin ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.po", 'msgid "a"\nmsgstr "b"\n\nmsgid "c"\nfoo bar\n', "bad.po:5: invalid PO file"),
        ("bad.xlf", '<xliff version="1.2">\n<file>\n<body></file>\n', "bad.xlf:3: invalid XML: mismatched tag"),
        ("bad.tmx", '<tmx version="1.4"><body><tu>\n', "bad.tmx:2: invalid XML: no element found"),
        ("bad.html", "<p>A <b>CSTO</p>\n<![bogus", None),
    ],
)
def test_broken_files_are_located_errors_and_the_run_goes_on(
    run: Run, tmp_path: Path, name: str, content: str, message: str | None
) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")
    (tmp_path / "good.md").write_text("# A CSTO\n", encoding="utf-8")
    res = run("lint", name, "good.md", "--lang", "pt", "--format", "json", cwd=tmp_path)
    if message is None:  # HTML is read as browsers read it: broken markup is no error
        assert res.code == 1 and len(res.json["findings"]) == 2
        return
    assert res.code == 2
    data = res.json
    assert [f["path"] for f in data["files"]] == ["good.md"] and len(data["findings"]) == 1
    error = data["errors"][0]
    assert f"{error['path']}:{error['line']}: {error['message']}".startswith(message)
    text = run("lint", name, "good.md", "--lang", "pt", cwd=tmp_path)
    errors = [line for line in text.err.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and errors[0].startswith(f"error: {message}")


def test_stdin_dash_with_and_without_a_name(tmp_path: Path) -> None:
    plain = run_process("lint", "-", "--lang", "pt", cwd=tmp_path, input_text="A CSTO\n")
    assert plain.returncode == 1 and plain.stdout.startswith("-:1:3: TC101 foreign-rendering 'CSTO'")
    named = run_process("lint", "-", "--stdin-filename", "doc.md", "--lang", "pt", "--format", "json", cwd=tmp_path,
                        input_text="`CSTO` e a CSTO\n")  # fmt: skip
    assert named.returncode == 1
    import json

    findings = json.loads(named.stdout)["findings"]
    assert [(f["path"], f["column"]) for f in findings] == [("doc.md", 12)]
    fixed = run_process("lint", "-", "--stdin-filename", "doc.md", "--lang", "pt", "--fix", cwd=tmp_path,
                        input_text="`CSTO` e a CSTO\n")  # fmt: skip
    assert fixed.stdout == "`CSTO` e a OTSC\n" and "Fixed 1 finding" in fixed.stderr


def test_names_are_checked_but_never_fixed(run: Run, tmp_path: Path) -> None:
    """Text that is also a name (a Markdown reference label, an rST reference by name, a referenced
    title) is reported, but a fix there would break the link; an rST title takes no longer text."""
    md = "A [CSTO summit] and [CSTO][] and [CSTO][label] and [CSTO](x.md).\n\n[CSTO summit]: a.md\n[CSTO]: b.md\n[label]: c.md\n"
    rst = "CSTO\n====\n\nSee `CSTO`_ and `the CSTO <https://example.org>`_.\n\nOVKS\n====\n\nEnd.\n"
    (tmp_path / "a.md").write_text(md, encoding="utf-8")
    (tmp_path / "b.rst").write_text(rst, encoding="utf-8")
    data = lint_json(run, "a.md", "b.rst", "--lang", "de", cwd=tmp_path)
    assert [(f["path"], f["line"], f["text"]) for f in data["findings"]] == [("a.md", 1, "CSTO")] * 4 + [
        ("b.rst", 1, "CSTO"), ("b.rst", 4, "CSTO"), ("b.rst", 4, "CSTO"),
    ]  # fmt: skip
    run("lint", "a.md", "b.rst", "--lang", "de", "--fix", cwd=tmp_path)
    assert (tmp_path / "a.md").read_text(encoding="utf-8").splitlines()[0] == (
        "A [CSTO summit] and [CSTO][] and [OVKS][label] and [OVKS](x.md)."
    )
    assert (tmp_path / "b.rst").read_text(encoding="utf-8").splitlines()[:4] == [
        "CSTO", "====", "", "See `CSTO`_ and `the OVKS <https://example.org>`_.",
    ]  # fmt: skip


def test_xliff_cdata_markup_and_placeholders(run: Run, tmp_path: Path) -> None:
    """As Symfony projects write them: CDATA with HTML inside, %name% placeholders, notes, draft states."""
    (tmp_path / "messages.pt.xlf").write_text(
        f'<?xml version="1.0" encoding="utf-8"?>\n<xliff xmlns="{XLIFF20}" version="2.0" srcLang="en" trgLang="pt">\n'
        '  <file id="messages.pt">\n    <unit id="a1" name="hint">\n      <notes><note>CSTO</note></notes>\n'
        "      <segment>\n        <source>hint</source>\n"
        '        <target><![CDATA[A CSTO de %timestamp% <i class="CSTO">é a CSTO</i>.]]></target>\n'
        '      </segment>\n    </unit>\n    <unit id="a2">\n      <segment state="initial">\n'
        "        <source>CSTO</source>\n        <target>CSTO</target>\n      </segment>\n    </unit>\n"
        "  </file>\n</xliff>\n",
        encoding="utf-8",
    )
    data = lint_json(run, "messages.pt.xlf", cwd=tmp_path)
    xlf = (tmp_path / "messages.pt.xlf").read_text(encoding="utf-8")
    assert where(data) == at(xlf, [(8, "[A CSTO", "pt"), (8, "é a CSTO", "pt")])
    assert data["files"][0]["counts"] == {"translated": 1, "needs-translation": 1}
    run("lint", "messages.pt.xlf", "--fix", cwd=tmp_path)
    target = ET.parse(tmp_path / "messages.pt.xlf").getroot().find(".//x:target", {"x": XLIFF20})
    assert target is not None and target.text == 'A OTSC de %timestamp% <i class="CSTO">é a OTSC</i>.'


def test_xliff_crlf_bom_and_unit_in_findings(run: Run, tmp_path: Path) -> None:
    text = (
        '<?xml version="1.0" encoding="UTF-8"?>\r\n<xliff version="1.2"><file source-language="en" target-language="de">'
        '<body>\r\n<trans-unit id="t&amp;1"><source>The CSTO &amp; the SCO</source>\r\n'
        '<target state="translated">Die &#x43;STO &amp; die CSTO</target></trans-unit>\r\n</body></file></xliff>\r\n'
    )
    (tmp_path / "a.xlf").write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    data = lint_json(run, "a.xlf", cwd=tmp_path)
    found = [(f["line"], f["column"], f["text"], f.get("unit"), f.get("state")) for f in data["findings"]
             if f["rule"] == "foreign-rendering"]  # fmt: skip
    assert [f["concept"] for f in data["findings"] if f["rule"] == "missing-term"] == ["sco"]  # "die CSTO" for the SCO
    # The first CSTO starts with a character reference: found and located, but given no fix.
    assert found == [(4, 32, "&#x43;STO", "t&1", "translated"), (4, 52, "CSTO", "t&1", "translated")]
    run("lint", "a.xlf", "--fix", cwd=tmp_path)
    after = (tmp_path / "a.xlf").read_bytes()
    assert after == codecs.BOM_UTF8 + text.replace("die CSTO", "die OVKS").encode("utf-8")


def test_no_rule_runs_across_segments(run: Run, tmp_path: Path) -> None:
    """A heading and its paragraph, two table cells, two list items: never one term, never one doubled word."""
    text = "# Como\n\ncomo sempre.\n\n| o member | state |\n|---|---|\n| como | como |\n\n- como\n- como\n"
    (tmp_path / "t.md").write_text(text, encoding="utf-8")
    data = lint_json(run, "t.md", "--lang", "pt", cwd=tmp_path)
    assert data["findings"] == []
    # The same words in one run of plain text: a doubled word and the English "member state".
    (tmp_path / "t.txt").write_text("Como como sempre, o member state.\n", encoding="utf-8")
    data = lint_json(run, "t.txt", "--lang", "pt", cwd=tmp_path)
    assert [f["rule"] for f in data["findings"]] == ["doubled-word", "foreign-rendering"]
