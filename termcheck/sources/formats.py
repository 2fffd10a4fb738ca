"""Which source reads a file: by its extension, then by its content. Each format's module is imported
only when a file of that format comes along (Markdown, reStructuredText and XML parsers cost start-up)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath

from .base import Parsed, identity_segment


@dataclass(frozen=True)
class ReadOptions:
    """What sources need to know beyond the file (picklable, for worker processes)."""

    source_lang: str = "en"
    include_fuzzy: bool = False


Reader = Callable[[str, str, ReadOptions], Parsed]  # (label, text, options) → the file's segments


@dataclass(frozen=True)
class Source:
    """A source format: its name, the extensions that choose it, and its reader (whose module is
    imported only when a file of the format comes along: Markdown, reStructuredText and XML parsers
    cost start-up)."""

    name: str
    extensions: tuple[str, ...]
    read: Reader


def _text(label: str, text: str, options: ReadOptions) -> Parsed:
    return Parsed(label, text, "text", [identity_segment(text)] if text.strip() else [])


def _markdown(label: str, text: str, options: ReadOptions) -> Parsed:
    from . import markdown

    return markdown.read(label, text)


def _rst(label: str, text: str, options: ReadOptions) -> Parsed:
    from . import rst

    return rst.read(label, text)


def _html(label: str, text: str, options: ReadOptions) -> Parsed:
    from . import html

    return html.read(label, text)


def _po(label: str, text: str, options: ReadOptions) -> Parsed:
    from . import po

    return po.read(label, text, source_lang=options.source_lang, include_fuzzy=options.include_fuzzy)


def _xliff(label: str, text: str, options: ReadOptions) -> Parsed:
    from . import xml

    return xml.read(label, text, "xliff", include_fuzzy=options.include_fuzzy)


def _tmx(label: str, text: str, options: ReadOptions) -> Parsed:
    from . import xml

    return xml.read(label, text, "tmx", include_fuzzy=options.include_fuzzy)


# The registry: a new source is a reader and a line here. A folder walk takes every extension listed
# (DEFAULT_INCLUDE), so that a file read when named is also read when its folder is walked.
SOURCES: tuple[Source, ...] = (
    Source("text", (".txt", ".text", ".adoc", ".asciidoc"), _text),
    Source("markdown", (".md", ".markdown", ".mdown", ".mkd", ".mdx"), _markdown),
    Source("rst", (".rst", ".rest"), _rst),
    Source("html", (".html", ".htm", ".xhtml"), _html),
    Source("po", (".po", ".pot"), _po),
    Source("xliff", (".xlf", ".xliff", ".sdlxliff", ".mxliff", ".mqxliff"), _xliff),
    Source("tmx", (".tmx",), _tmx),
)
BY_NAME = {source.name: source for source in SOURCES}
FORMATS = tuple(BY_NAME)
TEXT_EXTENSIONS = BY_NAME["text"].extensions  # read as plain text, and walked into by default
EXTENSIONS = {ext: source.name for source in SOURCES[1:] for ext in source.extensions}  # chosen by extension
DEFAULT_INCLUDE = tuple(f"*{ext}" for source in SOURCES for ext in source.extensions)
# Compiled on first use (re's cache), by a file whose extension does not say its format.
_XML_ROOT = r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<([A-Za-z_:][\w:.-]*)"


def sniff(label: str, text: str) -> str:
    """The format of a file: its extension, else what its first lines look like, else plain text."""
    fmt = EXTENSIONS.get(PurePosixPath(label).suffix.lower())
    if fmt:
        return fmt
    head = text[:4096]
    root = re.match(_XML_ROOT, head, re.S)
    if root:
        name = root.group(1).rsplit(":", 1)[-1].lower()
        if name in ("xliff", "tmx", "html"):
            return name
    if re.search(r"^msgid\s+\"", head, re.M) and re.search(r"^msgstr(\[0\])?\s+\"", head, re.M):
        return "po"
    return "text"


def read(label: str, text: str, fmt: str, options: ReadOptions | None = None) -> Parsed:
    """The file read by the source of its format (raises SourceError for a broken file)."""
    return BY_NAME[fmt].read(label, text, options or ReadOptions())
