"""reStructuredText, parsed by docutils.

Checked: paragraphs, titles, list items, table cells, definition terms, line blocks, captions and
admonitions (each one segment), the text of emphasis, strong emphasis and hyperlink references.
Not checked: literal blocks and inline literals, code and math, comments, substitution definitions,
hyperlink targets and the targets of references, directive options, interpreted text with roles that
plain docutils does not know (Sphinx's `:ref:`, `:doc:`), footnote and citation references, tables
nested in a table cell.

docutils gives each block its source text and its line, not columns. A block is placed on the
file's lines the doctree names (its own line, or the lines just before it: docutils gives a title
its underline and a literal block or a comment the line after it), each of its lines ending the
file's line, never on the lines of a literal block, a comment, a target or a substitution
definition; a table cell's text is placed inside the cell's rectangle, read with docutils' own table
parser. Text that cannot be placed exactly (a substituted `|name|`, a tab inside a line) is left out
rather than reported at a guessed place. Lines end as `str.splitlines` (docutils) ends them: LF,
CRLF, CR and the rest.

A fix inside a grid or simple table keeps every column's width: the cell's line is padded or trimmed
before its right border, or the fix is not offered.
"""

from __future__ import annotations

import bisect
import io
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, NamedTuple

from ..errors import SourceError
from .base import HEADING, LIST_ITEM, PROSE, QUOTE, TABLE_CELL, Builder, Parsed, Segment, locate, moved_to_file

LINE_BREAK_RE = re.compile("\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")  # str.splitlines', as docutils splits
INLINE_RE = re.compile(r"[*`|]|_(?!\w)")  # where docutils' inline parser may start a construct
INLINE_COST_LIMIT = 4 * 10**9  # characters × inline starts in one paragraph: ~2 s of docutils' copying
SEARCH_AHEAD = 50  # lines tried after the previous block for a block docutils gives no line
GRID_BORDER_RE = re.compile(r"\+-[-+]*\+$")
SIMPLE_TOP_RE = re.compile(r"=+( +=+)+ *$")  # docutils' patterns for a simple table's top and its borders
SIMPLE_BORDER_RE = re.compile(r"=+[ =]*$")
TAB_WIDTH = 8
PAD = "\x00"  # what docutils' table parser puts after an East Asian wide character (it takes two columns)


class Edge(NamedTuple):
    """A table cell on one of its lines: where its text may start and where the cell ends (a grid
    cell: its border; a simple table's column: its last column), the spaces that must stay before a
    border, and, for the last column of a simple table (which has no border), the columns the line may
    still grow by (-1: none, and none to lose either: the line sets the column's width)."""

    lo: int
    end: int
    keep: int = 0
    room: int | None = None


@dataclass(frozen=True, slots=True)
class CellSegment(Segment):
    """A table cell's text: an edit keeps the width of every column (`edges`: one per line of the cell)."""

    edges: tuple[Edge, ...] = ()

    def fit(self, source: str, start: int, end: int, replacement: str) -> tuple[int, int, str] | None:
        """The edit that writes `replacement` over [start, end) and keeps the cell's width: spaces
        added or taken before the cell's right edge; None where there is no room or the fix leaves
        the line."""
        from docutils.utils import column_width

        i = bisect.bisect_right(self.edges, (start, len(source) + 1)) - 1
        if i < 0 or "\n" in replacement or end > self.edges[i].end:
            return None
        edge = self.edges[i]
        old = source[start : edge.end]
        new = replacement + source[end : edge.end]
        short = column_width(old) - column_width(new)
        if "\t" in old:
            return None
        if edge.room is not None:  # the open last column of a simple table
            fits = (short >= 0 or -short <= edge.room) if edge.room >= 0 else short == 0
            return (start, end, replacement) if fits else None
        if short >= 0:
            return start, edge.end, new + " " * short
        room = len(new) - len(new.rstrip(" ")) - edge.keep
        return (start, edge.end, new[:short]) if room >= -short else None


Classes = tuple[type[Any], ...]


def _classes() -> tuple[Classes, Classes, Classes, Classes]:
    from docutils import nodes

    blocks = (nodes.paragraph, nodes.title, nodes.subtitle, nodes.term, nodes.line, nodes.caption, nodes.rubric,
              nodes.attribution)  # fmt: skip
    hidden = (nodes.literal, nodes.problematic, nodes.footnote_reference, nodes.citation_reference,
              nodes.substitution_reference, nodes.target, nodes.raw, nodes.math, nodes.image,
              nodes.system_message)  # fmt: skip
    skipped = (nodes.literal_block, nodes.doctest_block, nodes.comment, nodes.raw, nodes.substitution_definition,
               nodes.system_message, nodes.math_block, nodes.docinfo, nodes.field_name, nodes.option_list)  # fmt: skip
    protected = (nodes.literal_block, nodes.doctest_block, nodes.comment, nodes.raw, nodes.substitution_definition,
                 nodes.math_block, nodes.target)  # fmt: skip
    return blocks, hidden, skipped, protected


def _check_cost(label: str, text: str) -> None:
    """docutils copies the rest of a paragraph at each inline construct it meets: a paragraph too long
    and too dense in markup would take hours. Such a paragraph is an error before docutils sees it."""
    first, size, starts = 0, 0, 0
    for number, piece in enumerate(LINE_BREAK_RE.split(text), 1):
        if not piece.strip():
            first, size, starts = 0, 0, 0
            continue
        first = first or number
        size += len(piece) + 1
        starts += sum(1 for _ in INLINE_RE.finditer(piece))
        if size * starts > INLINE_COST_LIMIT:
            raise SourceError(
                f"a paragraph of {size:,} characters with {starts:,} inline markup characters is too large to "
                "read in reasonable time (split it into paragraphs)", label, first)  # fmt: skip


def _doctree(label: str, text: str) -> Any:
    from docutils.core import publish_doctree

    settings = {
        "report_level": 5, "halt_level": 5, "warning_stream": io.StringIO(), "file_insertion_enabled": False,
        "raw_enabled": False, "_disable_config": True, "input_encoding": "unicode", "line_length_limit": 10**7,
    }  # fmt: skip
    try:
        return publish_doctree(text, source_path=label, settings_overrides=settings)
    except Exception as exc:  # docutils raises its own kinds for input it gives up on
        raise SourceError(f"invalid reStructuredText: {exc}", label) from None


def _kind(node: Any) -> str:
    from docutils import nodes

    if isinstance(node, nodes.title | nodes.subtitle | nodes.rubric):
        return HEADING
    for parent in _ancestors(node):
        if isinstance(parent, nodes.entry):
            return TABLE_CELL
        if isinstance(parent, nodes.list_item | nodes.definition_list_item):
            return LIST_ITEM
        if isinstance(parent, nodes.block_quote):
            return QUOTE
    return PROSE


def _ancestors(node: Any) -> list[Any]:
    out = []
    while node.parent is not None:
        node = node.parent
        out.append(node)
    return out


Bounds = dict[int, tuple[int, int]]  # file line (0-based) → [start, end) a block's text may take there


@dataclass
class _Cell:
    bounds: Bounds
    edges: tuple[Edge, ...]


class _Reader:
    """Places the doctree's blocks on the file's lines and reads their text into segments."""

    def __init__(self, label: str, text: str) -> None:
        self.text = text
        self.parsed = Parsed(label, text, "rst")
        self.starts = [0] + [m.end() for m in LINE_BREAK_RE.finditer(text)]
        self.ends = [m.start() for m in LINE_BREAK_RE.finditer(text)] + [len(text)]
        self.claimed: set[int] = set()  # lines of literal blocks, comments, targets, substitution definitions
        self.taken: dict[int, list[tuple[int, int]]] = {}  # what blocks already hold on each line
        self.last = 0  # the line after the block placed last
        self.blocks, self.hidden, self.skipped, self.protected = _classes()
        self.referenced: set[str] = set()  # names of sections that references name

    def line_bounds(self, line: int) -> tuple[int, int]:
        return self.starts[line], self.ends[line]

    def place(self, raw: str, node: Any, bounds: Bounds | None) -> tuple[int, list[int]] | None:
        """The first line of a block and the file offset of each character of `raw` (and of its end):
        on the lines the doctree names for it, each line of `raw` ending the line (or the cell's part
        of it). None where the block is not there."""
        count = raw.count("\n") + 1
        if node.line:
            h = node.line - 1
            candidates: list[int] | range = [h, h - count, h - 1, h - count - 1]
        else:
            candidates = range(self.last, self.last + SEARCH_AHEAD)
        for first in candidates:
            if first >= 0 and first + count <= len(self.starts):
                offsets = self._offsets(raw.split("\n"), first, bounds)
                if offsets is not None:
                    return first, offsets
        return None

    def _offsets(self, pieces: list[str], first: int, bounds: Bounds | None) -> list[int] | None:
        offsets: list[int] = []
        spans = []
        for k, piece in enumerate(pieces):
            line = first + k
            if line in self.claimed and bounds is None:
                return None
            lo, hi = self.line_bounds(line) if bounds is None else bounds.get(line, (-1, -1))
            if lo < 0:
                return None
            while hi > lo and self.text[hi - 1].isspace():
                hi -= 1
            at = hi - len(piece)
            if at < lo or not self.text.startswith(piece, at) or self._overlaps(line, at, hi):
                return None
            offsets.extend(range(at, hi))
            offsets.append(hi)
            spans.append((line, at, hi))
        for line, at, hi in spans:
            self.taken.setdefault(line, []).append((at, max(hi, at + 1)))
        return offsets

    def _overlaps(self, line: int, at: int, end: int) -> bool:
        return any(a < max(end, at + 1) and at < b for a, b in self.taken.get(line, ()))

    def claim(self, node: Any) -> None:
        """Keep a literal block's (comment's, target's, ...) lines from every block placed after."""
        raw = (node.rawsource or node.astext()).rstrip("\n")
        found = self.place(raw, node, None) if raw.strip() else None
        if found is not None:
            self.claimed.update(range(found[0], found[0] + raw.count("\n") + 1))

    def add(self, node: Any, bounds: Bounds | None, edges: tuple[Edge, ...] | None) -> None:
        """The node's text as segments: its own, and one for each reference by name (never fixed)."""
        found = self.place(node.rawsource, node, bounds)
        if found is None:
            return
        line, offsets = found
        self.last = line + node.rawsource.count("\n") + 1
        builder = Builder()
        names: list[Builder] = []
        _walk(node, node.rawsource, 0, builder, self, names)
        kind = _kind(node)
        seg = moved_to_file(builder, offsets).build(kind, fixes=self.title_fixes(node))
        if seg is not None and edges is not None:
            seg = CellSegment(seg.text, seg.base, seg.starts, seg.ends, seg.kind, fixes=seg.fixes, edges=edges)
        self.parsed.segments += [seg] if seg is not None else []
        for run in names:  # text that is also a name: checked, never fixed
            seg = moved_to_file(run, offsets).build(kind, fixes="none")
            self.parsed.segments += [seg] if seg is not None else []

    def title_fixes(self, node: Any) -> str:
        """A section title is underlined (a longer one breaks the underline) and is a target by its own
        name (one referenced that way takes no fix at all)."""
        from docutils import nodes

        if not isinstance(node, nodes.title):
            return "any"
        names = set(node.parent.get("names", [])) if node.parent is not None else set()
        return "none" if names & self.referenced else "not-longer"

    def is_name(self, reference: Any) -> bool:
        """A reference whose text is a name: one by name (`Title`_), or one giving its URI (`text <url>`_)
        under a name another reference uses (renaming it would leave that one without a target)."""
        from docutils import nodes

        return _by_name(reference) or nodes.fully_normalize_name(reference.get("name", "")) in self.referenced

    def wanted(self, node: Any) -> bool:
        return (
            isinstance(node, self.blocks)
            and bool(node.rawsource.strip())
            and not any(isinstance(a, self.skipped) for a in _ancestors(node))
        )

    def read(self, tree: Any) -> Parsed:
        from docutils import nodes

        self.referenced = {nodes.fully_normalize_name(r["name"]) for r in tree.findall(nodes.reference) if _by_name(r)}
        for node in tree.findall(nodes.Element):
            if isinstance(node, self.protected) and not isinstance(node.parent, nodes.TextElement):
                self.claim(node)
        in_cells: set[int] = set()
        for table in tree.findall(nodes.table):
            if any(isinstance(a, (nodes.entry, *self.skipped)) for a in _ancestors(table)):
                continue
            for entry, cell in _table_cells(self, table):
                for node in entry.findall(nodes.TextElement):
                    in_cells.add(id(node))
                    if self.wanted(node) and _table_of(node) is table:  # a table nested in a cell: left out
                        self.add(node, cell.bounds if cell else None, cell.edges if cell else None)
        for node in tree.findall(nodes.TextElement):
            if id(node) not in in_cells and self.wanted(node):
                self.add(node, None, None)
        self.parsed.segments.sort(key=lambda s: s.start_of(0))
        return self.parsed


def read(label: str, text: str) -> Parsed:
    _check_cost(label, text)
    return _Reader(label, text).read(_doctree(label, text))


# --- tables ------------------------------------------------------------------------------------------


def _columns(text: str, start: int, end: int) -> tuple[str, list[int]]:
    """A line as docutils' table parser sees it (tabs expanded, a pad after each wide character) and
    the file offset of each of its columns (combining characters take none), its end last."""
    chars: list[str] = []
    where: list[int] = []
    for i in range(start, end):
        ch = text[i]
        if ch == "\t":
            n = TAB_WIDTH - len(where) % TAB_WIDTH
            chars.append(" " * n)
            where += [i] * n
        elif unicodedata.combining(ch):
            chars.append(ch)
        else:
            chars.append(ch)
            where.append(i)
            if unicodedata.east_asian_width(ch) in "WF":
                chars.append(PAD)
                where.append(i + 1)
    where.append(end)
    return "".join(chars), where


def _table_of(node: Any) -> Any:
    """The table nearest above a node."""
    from docutils import nodes

    return next((a for a in _ancestors(node) if isinstance(a, nodes.table)), None)


def _table_block(reader: _Reader, first: int) -> tuple[str, list[int]] | None:
    """The kind of table starting on line `first` and its lines, as docutils isolates them."""
    line = reader.text[slice(*reader.line_bounds(first))].strip()
    lines = [first]
    if GRID_BORDER_RE.match(line):
        for n in range(first + 1, len(reader.starts)):
            if not reader.text[slice(*reader.line_bounds(n))].strip():
                break
            lines.append(n)
        return "grid", lines
    if not SIMPLE_TOP_RE.match(line):
        return None
    found = 0
    for n in range(first + 1, len(reader.starts)):
        lines.append(n)
        here = reader.text[slice(*reader.line_bounds(n))].strip()
        if SIMPLE_BORDER_RE.match(here):
            if len(here) != len(line):
                return None
            found += 1
            nxt = reader.text[slice(*reader.line_bounds(n + 1))].strip() if n + 1 < len(reader.starts) else ""
            if found == 2 or not nxt:
                return "simple", lines
    return None


def _table_cells(reader: _Reader, table: Any) -> list[tuple[Any, _Cell | None]]:
    """Each entry of a grid or simple table with its cell's place in the file; None for the cell of a
    table read some other way (csv-table, list-table: their text is placed as any other block), or
    whose lines the file does not hold as docutils read them (no fix offered there)."""
    from docutils import nodes

    entries = [e for row in table.findall(nodes.row) for e in row.children if isinstance(e, nodes.entry)]
    entries = [e for e in entries if _table_of(e) is table]
    block = _table_block(reader, table.line - 1) if table.line else None
    if block is None:
        return [(e, None) for e in entries]
    try:
        cells = _grid_cells(reader, block[1]) if block[0] == "grid" else _simple_cells(reader, block[1])
    except Exception:  # docutils' table parser: a table it read once reads the same; anything else is no cell
        cells = []
    if len(cells) != len(entries):
        return [(e, _Cell({}, ())) for e in entries]
    return list(zip(entries, cells, strict=True))


def _normalized(reader: _Reader, lines: list[int], strip: bool) -> tuple[list[str], list[list[int]]]:
    """The table's lines for docutils' parser and each line's column offsets, from its left edge on."""
    texts, maps = [], []
    indent = None
    for n in lines:
        line, where = _columns(reader.text, *reader.line_bounds(n))
        text = line.rstrip()
        left = len(text) - len(text.lstrip())
        indent = left if strip or indent is None else indent
        texts.append(text[indent:])
        columns = len(where) - 1 - (len(line) - len(text))  # trailing white space: a column a character
        maps.append(where[indent : columns + 1])
    return texts, maps


def _grid_cells(reader: _Reader, lines: list[int]) -> list[_Cell]:
    from docutils.parsers.rst.tableparser import GridTableParser
    from docutils.statemachine import StringList

    texts, maps = _normalized(reader, lines, strip=True)
    parser = GridTableParser()
    parser.parse(StringList(texts))
    out = []
    for top, left, bottom, right, _block in sorted(parser.cells, key=lambda c: (c[0], c[1])):
        out.append(_cell([(lines[r], maps[r], left + 1, right) for r in range(top + 1, bottom)], keep=1))
    return out


def _simple_cells(reader: _Reader, lines: list[int]) -> list[_Cell]:
    from docutils.parsers.rst.tableparser import SimpleTableParser
    from docutils.statemachine import StringList

    texts, maps = _normalized(reader, lines, strip=False)
    parser = SimpleTableParser()
    parser.parse(StringList(texts))
    last = len(parser.columns) - 1
    out = []
    for row in parser.table:
        col = 0
        for _more_rows, more_cols, offset, block in row:
            start, end = parser.columns[col][0], parser.columns[col + more_cols][1]
            rows = [(lines[r], maps[r], start, end) for r in range(offset, offset + len(block))]
            open_end = (parser.columns[-1][1], parser.border_end) if col + more_cols == last else None
            out.append(_cell(rows, keep=0, open_end=open_end))
            col += more_cols + 1
    return out


def _cell(rows: list[tuple[int, list[int], int, int]], keep: int, open_end: tuple[int, int] | None = None) -> _Cell:
    """A cell's bounds on each of its lines (columns `left` to `right`) and its edges for fixes; a simple
    table's last column runs to the line's end (`open_end`: the column's end, as wide as its widest line,
    and its border's end)."""
    bounds: Bounds = {}
    edges = []
    for line, where, left, right in rows:
        lo = where[min(left, len(where) - 1)]
        if open_end is None:
            hi = where[min(right, len(where) - 1)]
            edges.append(Edge(lo, hi, keep))
        else:
            hi, width = where[-1], len(where) - 1
            final, border = open_end
            edges.append(Edge(lo, hi, 0, final - width if width < final else -1 if final > border else 0))
        bounds[line] = (lo, hi)
    return _Cell(bounds, tuple(edges))


def _by_name(node: Any) -> bool:
    """A reference that names its target (`Title`_), rather than giving it (`text <url>`_)."""
    return "name" in node.attributes and "<" not in (node.rawsource or "")


def _walk(node: Any, raw: str, pos: int, builder: Builder, reader: _Reader, names: list[Builder]) -> int:
    """Read the node's text off its block's source from `pos`; inline code and the like masked; the
    text that is also a name (a reference by name, or one giving its URI under a name that another
    reference uses) goes to runs of its own in `names`."""
    from docutils import nodes

    for child in node.children:
        if isinstance(child, nodes.Text):
            end = locate(child.astext(), raw, pos, builder)
            pos = end if end is not None else pos
            continue
        source = getattr(child, "rawsource", "") or ""
        at = raw.find(source, pos) if source else -1
        if isinstance(child, reader.hidden):
            if at >= 0:
                builder.mask(at, at + len(source))
                pos = at + len(source)
        elif at >= 0 and isinstance(child, nodes.reference) and reader.is_name(child):
            run = Builder()
            _walk(child, raw, at, run, reader, names)
            builder.mask(at, at + len(source))
            names.append(run)
            pos = at + len(source)
        elif at >= 0:
            _walk(child, raw, at, builder, reader, names)
            pos = at + len(source)
        else:
            pos = _walk(child, raw, pos, builder, reader, names)
    return pos
