"""Read text files into Documents: BOMs, UTF-16, invalid UTF-8 and binary files handled up front."""

from __future__ import annotations

import codecs
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import SourceError

if TYPE_CHECKING:
    from ..config import Config

BINARY_SNIFF = 8192
SKIP_DIRS = {
    ".git",
    ".hg",
    ".svn",
    "__pycache__",
    ".venv",
    "venv",
    "node_modules",
    ".tox",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
}


@dataclass(frozen=True, slots=True)
class Decoded:
    """A file's text and how to write it back byte for byte: its BOM and its codec."""

    text: str
    codec: str = "utf-8"
    bom: bytes = b""

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.codec)


class BinaryFile(Exception):
    """The file holds binary data and is skipped."""


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(raw: bytes, path: str) -> Decoded:
    """Decode bytes as UTF-8 (with or without BOM) or UTF-16/32 with BOM; columns count after the BOM."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                return Decoded(raw[len(bom) :].decode(codec), codec, bom)
            except UnicodeDecodeError as exc:
                name = codec.upper().rsplit("-", 1)[0] if codec != "utf-8" else "UTF-8"
                raise SourceError(f"not valid {name} at byte {exc.start + len(bom)}", path) from None
    if b"\x00" in raw[:BINARY_SNIFF]:
        raise BinaryFile(path)
    try:
        return Decoded(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise SourceError(f"not valid UTF-8 at byte {exc.start}", path) from None


def read_text(path: Path, label: str) -> Decoded:
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        raise SourceError("is a directory", label) from None
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror or exc}", label) from None
    decoded = decode(raw, label)
    return decoded


class _GitIgnore:
    """.gitignore files from the repository root down, each applied relative to its own folder."""

    def __init__(self) -> None:
        self._specs: dict[Path, Any] = {}

    def _spec(self, folder: Path) -> Any:
        if folder not in self._specs:
            spec = None
            ignore_file = folder / ".gitignore"
            if ignore_file.is_file():
                import pathspec

                lines = ignore_file.read_text(encoding="utf-8", errors="replace").splitlines()
                spec = pathspec.GitIgnoreSpec.from_lines(lines)
            self._specs[folder] = spec
        return self._specs[folder]

    def ignored(self, path: Path, is_dir: bool = False) -> bool:
        path = path.resolve()
        top = _repo_root(path.parent)
        for folder in [p for p in reversed(path.parents) if p == top or top in p.parents]:
            spec = self._spec(folder)
            if spec is not None:
                rel = path.relative_to(folder).as_posix() + ("/" if is_dir else "")
                if spec.match_file(rel):
                    return True
        return False


def _repo_root(start: Path) -> Path:
    for folder in [start, *start.parents]:
        if (folder / ".git").exists():
            return folder
    return start


def walk(paths: list[str], cfg: Config | None = None) -> tuple[list[tuple[Path, str]], list[SourceError]]:
    """Files to check: inside directories, those the configuration includes (text, Markdown,
    reStructuredText, PO by default) and does not exclude, honouring .gitignore; hidden and tool
    directories are skipped. A file named explicitly is checked unless the configuration excludes it."""
    from ..config import Config

    cfg = cfg or Config()
    git = _GitIgnore() if cfg.respect_gitignore else None
    files: list[tuple[Path, str]] = []
    errors: list[SourceError] = []
    for spec in paths:
        path = Path(spec)
        if path.is_dir():
            found = []
            for root, dirs, names in os.walk(path):
                here = Path(root)
                dirs[:] = sorted(
                    d for d in dirs
                    if d not in SKIP_DIRS and not d.startswith(".") and not cfg.excluded(str(here / d) + "/")
                    and not (git and git.ignored(here / d, is_dir=True))
                )  # fmt: skip
                for name in names:
                    full = here / name
                    if name.startswith(".") or not cfg.included(str(full)) or cfg.excluded(str(full)):
                        continue
                    if git is None or not git.ignored(full):
                        found.append((full, full.as_posix()))
            files += sorted(found, key=lambda item: item[1])
        elif path.exists():
            if not cfg.excluded(spec):
                files.append((path, spec.replace(os.sep, "/")))
        else:
            errors.append(SourceError("no such file or directory", spec))
    return files, errors
