"""Which source reads a file: by its extension, then by its content. Each format's module is imported
only when a file of that format comes along (Markdown, reStructuredText and XML parsers cost start-up)."""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from .base import Parsed, identity_segment

EXTENSIONS = {
    ".md": "markdown", ".markdown": "markdown", ".mdown": "markdown", ".mkd": "markdown", ".mdx": "markdown",
    ".rst": "rst", ".rest": "rst",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".po": "po", ".pot": "po",
    ".xlf": "xliff", ".xliff": "xliff", ".sdlxliff": "xliff", ".mxliff": "xliff", ".mqxliff": "xliff",
    ".tmx": "tmx",
}  # fmt: skip
TEXT_EXTENSIONS = (".txt", ".text", ".adoc", ".asciidoc")  # read as plain text, and walked into by default
FORMATS = ("text", "markdown", "rst", "html", "po", "xliff", "tmx")
# The files a folder walk checks unless the configuration says otherwise: every extension above, so
# that a file read when named is also read when its folder is walked.
DEFAULT_INCLUDE = tuple(f"*{ext}" for ext in (*TEXT_EXTENSIONS, *EXTENSIONS))
_MODULES = {"markdown": "markdown", "rst": "rst", "html": "html", "po": "po", "xliff": "xml", "tmx": "xml"}
_XML_ROOT_RE = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<([A-Za-z_:][\w:.-]*)", re.S)


@dataclass(frozen=True)
class ReadOptions:
    """What sources need to know beyond the file (picklable, for worker processes)."""

    source_lang: str = "en"
    include_fuzzy: bool = False


def sniff(label: str, text: str) -> str:
    """The format of a file: its extension, else what its first lines look like, else plain text."""
    fmt = EXTENSIONS.get(PurePosixPath(label).suffix.lower())
    if fmt:
        return fmt
    head = text[:4096]
    root = _XML_ROOT_RE.match(head)
    if root:
        name = root.group(1).rsplit(":", 1)[-1].lower()
        if name in ("xliff", "tmx", "html"):
            return name
    if re.search(r"^msgid\s+\"", head, re.M) and re.search(r"^msgstr(\[0\])?\s+\"", head, re.M):
        return "po"
    return "text"


def read(label: str, text: str, fmt: str, options: ReadOptions | None = None) -> Parsed:
    """The file read by the source of its format (raises SourceError for a broken file)."""
    options = options or ReadOptions()
    if fmt == "text":
        return Parsed(label, text, "text", [identity_segment(text)] if text.strip() else [])
    module = importlib.import_module(f"{__package__}.{_MODULES[fmt]}")
    if fmt == "po":
        parsed: Parsed = module.read(label, text, source_lang=options.source_lang,
                                     include_fuzzy=options.include_fuzzy)  # fmt: skip
    elif fmt in ("xliff", "tmx"):
        parsed = module.read(label, text, fmt, include_fuzzy=options.include_fuzzy)
    else:
        parsed = module.read(label, text)
    return parsed
