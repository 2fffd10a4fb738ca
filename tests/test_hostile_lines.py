"""Very long lines, odd line endings, huge CDATA sections and attributes, many elements and deep Markdown
(issue 21): every source reads CR, LF, CRLF and their mixtures with the same lines and columns, reads a
line of megabytes in time linear in it (the figures are in bench/bench_lines.py; here a modest size
under a generous timeout guards against a hang), and a file it cannot read faithfully is a located
error, never a quiet partial check."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import Result, Run, run_process

# One file per format, LF line ends, "CSTO" (foreign in Portuguese: TC101) on several lines, in prose,
# a heading, a list, a quote, a table, an attribute, a translation, a continuation line.
DOCS = {
    "t.txt": "Início CSTO\n\ntexto\nmais CSTO aqui\n",
    "t.md": "---\ntitle: A CSTO\n---\n# Título CSTO\n\nTexto com CSTO\ne mais CSTO.\n\n- item CSTO\n- outro\n\n"
    "> citação CSTO\n\n| a | b |\n|---|---|\n| CSTO | x |\n\n```\nCSTO\n```\n\nFim [CSTO](x) e <b>CSTO</b>\n",
    "t.html": '<html>\n<body>\n<p>Texto CSTO\nmais CSTO</p>\n<p title="a\nCSTO">x</p>\n</body>\n</html>\n',
    "t.po": 'msgid ""\nmsgstr ""\n"Language: pt\\n"\n\nmsgid "a"\nmsgstr ""\n"texto CSTO "\n"mais CSTO"\n\n'
    'msgid "b"\nmsgstr "CSTO"\n',
    "t.xlf": '<?xml version="1.0"?>\n<xliff version="1.2">\n<file source-language="en" target-language="pt">\n'
    '<body>\n<trans-unit id="1">\n<source>x</source>\n<target>texto CSTO\nmais CSTO <![CDATA[a\nCSTO]]>'
    "</target>\n</trans-unit>\n</body>\n</file>\n</xliff>\n",
    "t.tmx": '<?xml version="1.0"?>\n<tmx version="1.4">\n<header srclang="en"/>\n<body>\n<tu>\n'
    '<tuv xml:lang="en"><seg>x</seg></tuv>\n<tuv xml:lang="pt"><seg>texto CSTO\nmais CSTO</seg></tuv>\n'
    "</tu>\n</body>\n</tmx>\n",
}
ENDINGS = {"cr": "\r", "crlf": "\r\n", "mixed": None}


def _with_endings(text: str, how: str) -> str:
    """The text with its LFs made CR, CRLF or, for "mixed", CRLF, LF and CR in turn (never a CR just
    before an LF, which would make one line end of two)."""
    if ENDINGS[how] is not None:
        return text.replace("\n", str(ENDINGS[how]))
    turn = iter(["\r\n", "\n", "\r"] * len(text))
    return re.sub("\n", lambda _m: next(turn), text)


def _places(res: Result) -> list[tuple[int, int, int, int, str]]:
    assert res.code in (0, 1), res.err
    found = [(f["line"], f["column"], f["end_line"], f["end_column"], f["code"]) for f in res.json["findings"]]
    return sorted(found)


@pytest.mark.parametrize("how", sorted(ENDINGS))
@pytest.mark.parametrize("name", sorted(DOCS))
def test_line_endings_cr_crlf_and_mixed_give_the_lines_and_columns_of_lf(
    run: Run, tmp_path: Path, name: str, how: str
) -> None:
    (tmp_path / name).write_bytes(DOCS[name].encode())
    lf = _places(run("lint", name, "--lang", "pt", "--format", "json", cwd=tmp_path))
    assert len(lf) >= 2
    (tmp_path / name).write_bytes(_with_endings(DOCS[name], how).encode())
    assert _places(run("lint", name, "--lang", "pt", "--format", "json", cwd=tmp_path)) == lf


@pytest.mark.parametrize("name", ["t.txt", "t.md", "t.html", "t.po", "t.xlf"])
def test_line_endings_a_fix_keeps_every_line_end_byte_for_byte(run: Run, tmp_path: Path, name: str) -> None:
    text = _with_endings(DOCS[name], "mixed")
    (tmp_path / name).write_bytes(text.encode())
    res = run("lint", name, "--lang", "pt", "--fix", cwd=tmp_path)
    assert res.code in (0, 1), res.err
    fixed = (tmp_path / name).read_bytes().decode()
    assert fixed != text
    assert re.findall(r"\r\n|\r|\n", fixed) == re.findall(r"\r\n|\r|\n", text)


def test_line_endings_markdown_cr_only_front_matter_is_front_matter(run: Run, tmp_path: Path) -> None:
    (tmp_path / "f.md").write_bytes(b"---\rlang: pt\rtitle: A CSTO\r---\rTexto\r")
    res = run("lint", "f.md", "--format", "json", cwd=tmp_path)
    assert [(f["line"], f["column"]) for f in res.json["findings"]] == [(3, 10)]
    assert res.json["files"][0]["language_source"] == "front-matter"


def test_line_endings_errors_name_the_line_a_cr_ends(run: Run, tmp_path: Path) -> None:
    (tmp_path / "e.po").write_bytes(b'msgid "a"\rmsgstr "b"\r\rmsgid "c"\rmsgstr "d\r')
    (tmp_path / "e.xlf").write_bytes(b'<xliff version="1.2">\r<file>\r<body>\r<x>\r</body></file></xliff>\r')
    res = run("lint", "e.po", "e.xlf", "--lang", "pt", cwd=tmp_path)
    assert res.code == 2
    assert "error: e.po:5: invalid PO file: end-of-line within string" in res.err
    assert "error: e.xlf:5: invalid XML" in res.err


def _long_line(fmt: str, line: str) -> str:
    return {
        "txt": f"Início CSTO\n{line}\nFim CSTO\n",
        "md": f"# CSTO\n\n{line}\n\nFim CSTO\n",
        "html": f"<html><body><p>CSTO</p><p>{line}</p><p>Fim CSTO</p></body></html>\n",
        "po": f'msgid "x"\nmsgstr "{line}"\n\nmsgid "y"\nmsgstr "Fim CSTO"\n',
        "xlf": '<xliff version="1.2"><file source-language="en" target-language="pt"><body><trans-unit id="1">'
        f'<source>x</source><target>{line}</target></trans-unit><trans-unit id="2"><source>y</source>'
        "<target>Fim CSTO</target></trans-unit></body></file></xliff>\n",
        "tmx": '<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>x</seg></tuv>'
        f'<tuv xml:lang="pt"><seg>{line}</seg></tuv></tu><tu><tuv xml:lang="en"><seg>y</seg></tuv>'
        '<tuv xml:lang="pt"><seg>Fim CSTO</seg></tuv></tu></body></tmx>\n',
    }[fmt]


def test_long_lines_with_and_without_spaces_in_every_format(tmp_path: Path) -> None:
    """A line of 256 KB (one of words, one a single word) in every format: read in one run without an
    error, the findings on it and around it found. A reader quadratic in a line's length takes minutes
    here (the word of 100 KB took 80 s before issue 21); bench/bench_lines.py measures 1, 5 and 10 MB."""
    size = 256 * 1024
    block = "uma casa grande fica perto do rio e tem janelas azuis. " * 50 + "CSTO "
    spaced = (block * (size // len(block) + 1))[:size]
    names = []
    for fmt in ("txt", "md", "html", "po", "xlf", "tmx"):
        for kind, line in (("spaced", spaced), ("word", "a" * size)):
            names.append(f"{kind}.{fmt}")
            (tmp_path / names[-1]).write_text(_long_line(fmt, line), encoding="utf-8")
    res = run_process("lint", *names, "--lang", "pt", "--select", "TC101", "--format", "json", cwd=tmp_path)
    assert res.returncode == 1 and '"errors": []' in res.stdout, res.stderr
    for name in names:
        found = len(re.findall(rf'"path": "{re.escape(name)}",\s*"line"', res.stdout))
        around = _long_line(name.rsplit(".", 1)[1], "").count("CSTO")
        assert found == around + (spaced.count("CSTO") if name.startswith("spaced") else 0), (name, found)


def test_huge_cdata_attributes_and_many_elements_are_read_in_time(run: Run, tmp_path: Path) -> None:
    big = "a" * (256 * 1024)
    files = {
        "cdata.xlf": _long_line("xlf", f"CSTO <![CDATA[{big} CSTO]]>"),
        "cdata.tmx": _long_line("tmx", f"CSTO <![CDATA[{big} CSTO]]>"),
        "cdata.html": f"<html><body><p>CSTO <![CDATA[{big}]]></p><p>Fim CSTO</p></body></html>",
        "open-cdata.html": f"<html><body><p>CSTO</p><p>Fim CSTO</p><![CDATA[{big}",
        "attribute.html": f'<html><body><p title="{big} CSTO">CSTO</p><p>Fim CSTO</p></body></html>',
        "attribute.xlf": _long_line("xlf", "CSTO").replace('id="1"', f'id="1" resname="{big}"'),
        "elements.html": "<html><body><p>CSTO</p>" + "<b>x" * 30_000 + "</p><p>Fim CSTO</p></body></html>",
        "elements.xlf": _long_line("xlf", "CSTO " + "<x/>a" * 30_000),
        "nested.tmx": _long_line("tmx", "CSTO " + "<hi>" * 30_000 + "a" + "</hi>" * 30_000),
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    res = run_process("lint", *files, "--lang", "pt", "--select", "TC101", "--format", "json", cwd=tmp_path)
    assert res.returncode == 1 and '"errors": []' in res.stdout, res.stderr
    for name in files:
        count = len(re.findall(rf'"path": "{re.escape(name)}"', res.stdout))
        assert count >= 2, (name, count)


@pytest.mark.parametrize(
    ("text", "line", "depth"),
    [
        ("# CSTO\n\n" + ">" * 100_000 + " CSTO\n", 3, "100000"),
        ("# CSTO\n\n" + "- " * 100_000 + "CSTO\n\nFim CSTO\n", 3, "100000"),
        ("# CSTO\n\n" + "".join("  " * i + "- x\n" for i in range(12)) + "  " * 12 + "- CSTO\n", 12, "more than 10"),
    ],
    ids=["block-quotes", "lists-on-one-line", "indented-lists"],
)
def test_deep_markdown_is_a_located_error_not_a_quiet_partial_check(
    run: Run, tmp_path: Path, text: str, line: int, depth: str
) -> None:
    (tmp_path / "deep.md").write_text(text, encoding="utf-8")
    (tmp_path / "fine.md").write_text("> " * 19 + "CSTO\n", encoding="utf-8")
    res = run("lint", "deep.md", "fine.md", "--lang", "pt", cwd=tmp_path)
    assert res.code == 2
    assert f"error: deep.md:{line}: not checked: nested {depth} levels deep;" in res.err
    assert "fine.md:1:" in res.out  # the rest of the run goes on; 19 quotes deep is read


def test_deep_markdown_without_text_down_there_is_no_error(run: Run, tmp_path: Path) -> None:
    (tmp_path / "d.md").write_text("CSTO\n\n" + ">" * 50 + "\n", encoding="utf-8")
    res = run("lint", "d.md", "--lang", "pt", cwd=tmp_path)
    assert res.code == 1 and "d.md:1:1" in res.out
