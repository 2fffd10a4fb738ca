"""reStructuredText, parsed by docutils.

Checked: paragraphs, titles, list items, table cells, definition terms, line blocks, captions and
admonitions (each one segment), the text of emphasis, strong emphasis and hyperlink references.
Not checked: literal blocks and inline literals, code and math, comments, substitution definitions,
hyperlink targets and the targets of references, directive options, interpreted text with roles that
plain docutils does not know (Sphinx's `:ref:`, `:doc:`), footnote and citation references.

docutils gives each block its source text and (roughly) its line, not columns: each block is found
again on the file's lines near that line and its text read off through backslash escapes; text that
cannot be located exactly (a substituted `|name|`) is left out rather than reported at a guessed place.
"""

from __future__ import annotations

import io
import re
from typing import Any

from ..errors import SourceError
from .base import HEADING, LIST_ITEM, PROSE, QUOTE, TABLE_CELL, Builder, Parsed, content_offsets, locate, moved_to_file

SEARCH_BACK = 6  # docutils' line of a block may stand a few lines after its first line
SEARCH_AHEAD = 200


def _classes() -> tuple[tuple[type, ...], tuple[type, ...], tuple[type, ...]]:
    from docutils import nodes

    blocks = (nodes.paragraph, nodes.title, nodes.subtitle, nodes.term, nodes.line, nodes.caption, nodes.rubric,
              nodes.attribution)  # fmt: skip
    hidden = (nodes.literal, nodes.problematic, nodes.footnote_reference, nodes.citation_reference,
              nodes.substitution_reference, nodes.target, nodes.raw, nodes.math, nodes.image,
              nodes.system_message)  # fmt: skip
    skipped = (nodes.literal_block, nodes.doctest_block, nodes.comment, nodes.raw, nodes.substitution_definition,
               nodes.system_message, nodes.math_block, nodes.docinfo, nodes.field_name, nodes.option_list)  # fmt: skip
    return blocks, hidden, skipped


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


def read(label: str, text: str) -> Parsed:
    from docutils import nodes

    blocks, hidden, skipped = _classes()
    parsed = Parsed(label, text, "rst")
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    cursor: dict[int, int] = {}
    last_line = 0
    tree = _doctree(label, text)
    referenced = {nodes.fully_normalize_name(r["name"]) for r in tree.findall(nodes.reference) if _by_name(r)}
    for element in tree.findall(nodes.TextElement):
        node: Any = element
        if not isinstance(element, blocks) or not node.rawsource.strip():
            continue
        if any(isinstance(a, skipped) for a in _ancestors(node)):
            continue
        hint = (node.line or last_line + 1) - 1
        found = _find(node.rawsource, text, starts, hint, cursor)
        if found is None:
            continue
        line, offsets = found
        last_line = line + node.rawsource.count("\n") + 1
        builder = Builder()
        names: list[Builder] = []
        _walk(node, node.rawsource, 0, builder, hidden, names)
        kind = _kind(node)
        seg = moved_to_file(builder, offsets).build(kind, fixes=_title_fixes(node, referenced))
        parsed.segments += [seg] if seg is not None else []
        for run in names:  # text that is also a name: checked, never fixed
            seg = moved_to_file(run, offsets).build(kind, fixes="none")
            parsed.segments += [seg] if seg is not None else []
    parsed.segments.sort(key=lambda s: s.start_of(0))
    return parsed


def _find(raw: str, text: str, starts: list[int], hint: int, cursor: dict[int, int]) -> tuple[int, list[int]] | None:
    """Where a block's source text stands: the first line on or around `hint` from which its lines follow."""
    lines = raw.count("\n")
    first = max(0, hint - lines - SEARCH_BACK)
    for line in range(first, min(len(starts), hint + SEARCH_AHEAD)):
        offsets = content_offsets(raw, text, starts, line, cursor)
        if offsets is not None:
            return line, offsets
    return None


def _by_name(node: Any) -> bool:
    """A reference that names its target (`Title`_), rather than giving it (`text <url>`_)."""
    return "name" in node.attributes and "<" not in (node.rawsource or "")


def _title_fixes(node: Any, referenced: set[str]) -> str:
    """A section title is underlined (a longer one breaks the underline) and is a target by its own
    name (one referenced that way takes no fix at all)."""
    from docutils import nodes

    if not isinstance(node, nodes.title):
        return "any"
    names = set(node.parent.get("names", [])) if node.parent is not None else set()
    return "none" if names & referenced else "not-longer"


def _walk(node: Any, raw: str, pos: int, builder: Builder, hidden: tuple[type, ...], names: list[Builder]) -> int:
    """Read the node's text off its block's source from `pos`; inline code and the like masked; the
    text of references by name goes to runs of its own in `names`."""
    from docutils import nodes

    for child in node.children:
        if isinstance(child, nodes.Text):
            end = locate(child.astext(), raw, pos, builder)
            pos = end if end is not None else pos
            continue
        source = getattr(child, "rawsource", "") or ""
        at = raw.find(source, pos) if source else -1
        if isinstance(child, hidden):
            if at >= 0:
                builder.mask(at, at + len(source))
                pos = at + len(source)
        elif at >= 0 and isinstance(child, nodes.reference) and _by_name(child):
            run = Builder()
            _walk(child, raw, at, run, hidden, names)
            builder.mask(at, at + len(source))
            names.append(run)
            pos = at + len(source)
        elif at >= 0:
            _walk(child, raw, at, builder, hidden, names)
            pos = at + len(source)
        else:
            pos = _walk(child, raw, pos, builder, hidden, names)
    return pos
