"""reStructuredText that a careless reader would damage or misread (issue 21): fixes inside grid and
simple tables keep every column's width, findings are placed by the doctree's node (never in a
literal block, a comment, a target or a substitution definition), every line ending reads the same,
and a huge line costs linear time or one located error."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from conftest import Run, run_process

LONGER = """version: 1
concepts:
- id: w1
  terms:
    en:
    - {term: thee, status: preferred}
    - {term: the, status: deprecated}
"""


def _shape(text: str) -> list[Any]:
    """The doctree without prose: tables and their column widths, verbatim texts, system messages."""
    from docutils import nodes
    from docutils.core import publish_doctree

    settings = {"report_level": 5, "halt_level": 5, "warning_stream": io.StringIO(), "_disable_config": True}
    tree = publish_doctree(text, settings_overrides=settings)
    verbatim = (nodes.literal_block, nodes.comment, nodes.target, nodes.substitution_definition, nodes.system_message)
    return [
        (n.tagname, n.get("colwidth"), n.astext() if isinstance(n, verbatim) else "")
        for n in tree.findall(nodes.Element)
    ]


def _fix(run: Run, tmp_path: Path, name: str, text: str, *args: str) -> str:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    run("lint", name, "--fix", "--exit-zero", *args, cwd=tmp_path)
    return path.read_bytes().decode("utf-8")


GRID = """+------------+------------+
| Coluna     | Outra      |
+============+============+
| a a casa   | texto bom  |
+------------+------------+
| o CSTO diz | nada       |
+------------+------------+
"""


def test_table_cell_fix_shorter_pads_the_cell(run: Run, tmp_path: Path) -> None:
    fixed = _fix(run, tmp_path, "t.rst", GRID, "--lang", "pt", "--unsafe-fixes")
    assert "| a casa     | texto bom  |" in fixed and "| a OTSC diz | nada       |" in fixed
    assert _shape(fixed) == _shape(GRID)


def test_table_cell_fix_longer_takes_padding_or_is_not_offered(run: Run, tmp_path: Path) -> None:
    """the → thee: a grid cell gives up its padding but keeps one space before the border, and with no
    padding left the fix is not offered; a simple table's column gives up its padding to its end."""
    (tmp_path / "g.yaml").write_text(LONGER, encoding="utf-8")
    text = "+----------+-------+\n| the end  | the x |\n+----------+-------+\n\n====  =====\nthe   a b\n====  =====\n"
    fixed = _fix(run, tmp_path, "t.rst", text, "--glossary", "g.yaml", "--lang", "en", "--select", "deprecated-term")
    assert fixed.splitlines()[1] == "| thee end | the x |"
    assert fixed.splitlines()[5] == "thee  a b"
    assert _shape(fixed) == _shape(text)


def test_simple_table_fix_keeps_columns_and_last_column_may_grow(run: Run, tmp_path: Path) -> None:
    text = (
        "=========== =====\nA           B\n=========== =====\no CSTO diz  o o x\nnada        fim\n=========== =====\n"
    )
    fixed = _fix(run, tmp_path, "s.rst", text, "--lang", "pt", "--unsafe-fixes")
    assert fixed.splitlines()[3] == "a OTSC diz  o x"
    assert _shape(fixed) == _shape(text)


def test_findings_are_placed_by_node_never_in_literal_comment_target_or_substitution(run: Run, tmp_path: Path) -> None:
    """The same text in a literal block, a comment, a target and a substitution definition just before
    a table: the table's finding is reported on the table's line, and only the table changes."""
    protected = "::\n\n    o CSTO diz\n\n.. o CSTO diz\n\n.. _o CSTO diz: http://x\n\n.. |s| replace:: o CSTO diz\n\n"
    text = "Texto.\n\n" + protected + GRID.replace("a a casa  ", "o CSTO diz")
    (tmp_path / "t.rst").write_text(text, encoding="utf-8")
    data = run("lint", "t.rst", "--lang", "pt", "--format", "json", cwd=tmp_path).json
    lines = {f["line"] for f in data["findings"]}
    assert lines == {16, 18}, data["findings"]
    fixed = _fix(run, tmp_path, "t.rst", text, "--lang", "pt", "--unsafe-fixes")
    assert fixed.startswith("Texto.\n\n" + protected) and "o CSTO" not in fixed[len("Texto.\n\n" + protected) :]
    assert _shape(fixed) == _shape(text)


def test_admonition_text_is_never_placed_on_the_directive_name(run: Run, tmp_path: Path) -> None:
    (tmp_path / "n.rst").write_text(".. note:: note note\n", encoding="utf-8")
    findings = run("lint", "n.rst", "--lang", "en", "--format", "json", cwd=tmp_path).json["findings"]
    assert [(f["line"], f["column"], f["code"]) for f in findings] == [(1, 11, "TC106")]


def test_wide_characters_and_tabs_in_a_grid_table(run: Run, tmp_path: Path) -> None:
    text = "+----------+-----------+\n| 日本 a a | ok        |\n+----------+-----------+\n| x\ty  | o CSTO    |\n+----------+-----------+\n"
    fixed = _fix(run, tmp_path, "w.rst", text, "--lang", "pt", "--unsafe-fixes")
    assert fixed.splitlines()[1] == "| 日本 a   | ok        |" and fixed.splitlines()[3] == "| x\ty  | a OTSC    |"
    assert _shape(fixed) == _shape(text)


def _mixed(text: str) -> str:
    """Each line break of `text` replaced in turn by CRLF, LF, CR."""
    breaks = iter(["\r\n", "\n", "\r"] * len(text))  # never CR before LF: that would be one CRLF
    return re.sub("\n", lambda _m: next(breaks), text)


def test_line_endings_cr_crlf_and_mixed_read_as_lf_and_fixes_keep_them(run: Run, tmp_path: Path) -> None:
    text = "Título\n======\n\n" + GRID + "\nTexto com o o erro.\n\n::\n\n   o o\n"
    found = {}
    expected = _fix(run, tmp_path, "ref.rst", text, "--lang", "pt", "--unsafe-fixes")
    for name, data in {"lf": text, "cr": text.replace("\n", "\r"), "crlf": text.replace("\n", "\r\n"),
                       "mixed": _mixed(text)}.items():  # fmt: skip
        (tmp_path / f"{name}.rst").write_bytes(data.encode("utf-8"))
        res = run("lint", f"{name}.rst", "--lang", "pt", "--format", "json", cwd=tmp_path)
        found[name] = [(f["line"], f["column"], f["code"]) for f in res.json["findings"]]
        fixed = _fix(run, tmp_path, f"{name}.rst", data, "--lang", "pt", "--unsafe-fixes")
        assert re.findall("\r\n|\r|\n", fixed) == re.findall("\r\n|\r|\n", data), name
        assert fixed.replace("\r\n", "\n").replace("\r", "\n") == expected
    assert len(found["lf"]) == 4 and found["cr"] == found["crlf"] == found["mixed"] == found["lf"]


def test_long_line_is_read_and_dense_markup_paragraph_is_a_located_error(tmp_path: Path) -> None:
    """A 100 KB line is read (the time is linear: bench/rst_long_lines.py); a paragraph on which
    docutils' inline parser would take hours is one located error, exit 2, and the next file is read."""
    (tmp_path / "long.rst").write_text("Título\n======\n\n" + "a casa bonita " * 7_000 + "da CSTO\n", encoding="utf-8")
    (tmp_path / "dense.rst").write_text("Um\n\n" + "*a* ``b`` `c`_ x " * 60_000 + "\n", encoding="utf-8")
    res = run_process("lint", "long.rst", "dense.rst", "--lang", "pt", "-q", cwd=tmp_path)
    errors = [line for line in res.stderr.splitlines() if line.startswith("error:")]
    assert res.returncode == 2 and len(errors) == 1 and errors[0].startswith("error: dense.rst:3: a paragraph of")
    assert f"long.rst:4:{14 * 7_000 + 4}: TC101" in res.stdout
