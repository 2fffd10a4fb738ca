"""Fixes never damage a file, measured on real files: apply termcheck's fixes to copies of a corpus and
compare each file's structure before and after with the format's own parser (the Markdown token
stream, the docutils doctree, the HTML tag tree, the XML element tree, the PO catalogue's entries and
`msgfmt -c`), text aside. Prints figures; asserts nothing.

python bench/fix_safety.py [--unsafe] DIR [DIR ...]   # e.g. folders of *.md, *.rst, *.html, *.po, *.xlf files
python bench/fix_safety.py --unsafe bench/corpora/rst  # real rST with tables (bench/corpora/rst/README.md)

`--unsafe` applies unsafe fixes too (`--fix --unsafe-fixes`).

A term base of very common English, German, Russian and Portuguese words marked deprecated makes
fixes happen on nearly every line (`the` → `thee`, ...), so every kind of markup around text is tried.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

GLOSSARY = """version: 1
concepts:
""" + "".join(
    f"""- id: w{i}
  terms:
    {lang}:
    - {{term: {new}, status: preferred}}
    - {{term: {old}, status: deprecated}}
"""
    for i, (lang, old, new) in enumerate(
        [
            ("en", "the", "thee"),
            ("en", "and", "und"),
            ("en", "file", "fyle"),
            ("en", "data", "datta"),
            ("de", "und", "unt"),
            ("de", "die", "dieh"),
            ("ru", "и", "й"),
            ("ru", "не", "нэ"),
            ("pt", "de", "dê"),
            ("pt", "que", "quê"),
            ("es", "el", "él"),
            ("fr", "le", "lé"),
        ]
    )
)


class _Shape(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.shape: list[Any] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.shape.append((tag, [(k, v) for k, v in attrs if k not in ("alt", "title")]))

    def handle_endtag(self, tag: str) -> None:
        self.shape.append(("/", tag))


def _html(text: str) -> list[Any]:
    parser = _Shape()
    parser.feed(text)
    return parser.shape


def _rst(text: str) -> list[Any]:
    """The doctree without its prose: every element, each table's column widths, the text of literal
    blocks, comments, targets and substitution definitions, and reference targets. A table broken by
    a fix becomes a system message with the table as a literal block: a different shape."""
    from docutils import nodes
    from docutils.core import publish_doctree

    settings = {"report_level": 5, "halt_level": 5, "warning_stream": io.StringIO(), "_disable_config": True,
                "file_insertion_enabled": False, "raw_enabled": False}  # fmt: skip
    tree = publish_doctree(text, settings_overrides=settings)
    verbatim = (nodes.literal_block, nodes.literal, nodes.doctest_block, nodes.comment, nodes.target,
                nodes.substitution_definition, nodes.system_message)  # fmt: skip
    for info in list(tree.findall(lambda n: isinstance(n, nodes.system_message) and n["level"] < 2)):
        info.parent.remove(info)  # INFO messages name names (a duplicate title): not structure
    out: list[Any] = []
    for n in tree.findall(nodes.Element):
        if isinstance(n, nodes.colspec):
            out.append((n.tagname, n.get("colwidth")))
        elif isinstance(n, nodes.tgroup):
            out.append((n.tagname, n.get("cols")))
        elif isinstance(n, nodes.entry):
            out.append((n.tagname, n.get("morerows", 0), n.get("morecols", 0)))
        else:
            out.append((n.tagname, n.astext() if isinstance(n, verbatim) else n.get("refuri", "")))
    return out


def shape(path: Path) -> Any:
    text = path.read_text(encoding="utf-8", errors="replace")
    suffix = path.suffix.lower()
    if suffix == ".md":
        from markdown_it import MarkdownIt

        md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
        keep = ("code_inline", "fence", "code_block", "html_inline")
        out = []
        for tok in md.parse(text):
            for t in [tok, *(tok.children or [])]:
                content = t.content if t.type in keep else _html(t.content) if t.type == "html_block" else ""
                out.append((t.type, t.markup, str(t.attrs), content))
        return out
    if suffix == ".rst":
        return _rst(text)
    if suffix in (".html", ".htm"):
        return _html(text)
    if suffix in (".xlf", ".xliff", ".tmx"):
        return [(e.tag, sorted(e.attrib.items())) for e in ET.fromstring(text.encode("utf-8")).iter()]
    if suffix == ".po":
        import polib

        po = polib.pofile(text)
        msgfmt = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True).returncode
        return [(e.msgctxt, e.msgid, e.msgid_plural, sorted(e.msgstr_plural), e.obsolete) for e in po], msgfmt
    return None


def main(dirs: list[str], unsafe: bool = False) -> None:
    counts: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        glossary = Path(tmp) / "common.yaml"
        glossary.write_text(GLOSSARY, encoding="utf-8")
        for folder in dirs:
            work = Path(tmp) / Path(folder).name
            shutil.copytree(folder, work)
            files = sorted(p for p in work.rglob("*") if p.is_file())
            before = {p: shape(p) for p in files}
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "termcheck",
                    "lint",
                    str(work),
                    "--glossary",
                    str(glossary),
                    "--fix",
                    *(["--unsafe-fixes"] if unsafe else []),
                    "-q",
                    "--exit-zero",
                    "--select",
                    "deprecated-term",
                ],
                capture_output=True,
                check=False,
            )
            for p in files:
                original = Path(folder) / p.relative_to(work)
                changed = p.read_bytes() != original.read_bytes()
                counts["files"] += 1
                counts["files fixed"] += changed
                if changed and shape(p) != before[p]:
                    counts["structure changed"] += 1
                    print(f"structure changed: {original}")
    for key in ("files", "files fixed", "structure changed"):
        print(f"{key}: {counts[key]}")


if __name__ == "__main__":
    args = sys.argv[1:]
    main([a for a in args if a != "--unsafe"], unsafe="--unsafe" in args)
