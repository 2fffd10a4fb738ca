"""Which files to check: the paths given, and inside directories those the configuration includes and
does not exclude, honouring .gitignore files.

Only regular files are checked: a FIFO, a socket or a device is noted and never opened; a symbolic
link loop, a broken link and a directory that cannot be read are located errors, and the walk goes on.
The walk is linear in the number of entries, however deep: relative paths and the .gitignore files
that apply are carried down the tree, never recomputed from the root for each file.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ..errors import SourceError
from .text import file_kind, link_problem

SKIP_DIRS = frozenset({".git", ".hg", ".svn", "__pycache__", ".venv", "venv", "node_modules", ".tox",
                       ".mypy_cache", ".pytest_cache", ".ruff_cache"})  # fmt: skip


class Selection(Protocol):
    """Which files a walk takes (the configuration is one): paths relative to its folder, includes and
    excludes, and whether .gitignore files count."""

    @property
    def respect_gitignore(self) -> bool: ...

    def relative(self, path: str) -> str: ...

    def excluded(self, path: str) -> bool: ...

    def excluded_rel(self, rel: str) -> bool: ...

    def included_rel(self, rel: str) -> bool: ...


@dataclass
class Walk:
    """The files a walk found (path and label), its errors, and the files it skipped and why."""

    files: list[tuple[Path, str]] = field(default_factory=list)  # (path, label)
    errors: list[SourceError] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (label, reason)


def _ignore_spec(folder: str) -> Any:
    ignore_file = os.path.join(folder, ".gitignore")
    try:
        with open(ignore_file, encoding="utf-8", errors="replace") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return None
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(lines)


def _repo_chain(top: str) -> list[tuple[str, Any]]:
    """The .gitignore files that apply at `top`: from the repository root (the nearest folder above
    with a .git) down to `top`, each with the folder its patterns are relative to."""
    folders = [top]
    while True:
        parent = os.path.dirname(folders[-1])
        if os.path.exists(os.path.join(folders[-1], ".git")) or parent == folders[-1]:
            break
        folders.append(parent)
    if not os.path.exists(os.path.join(folders[-1], ".git")):
        folders = [top]
    chain = []
    for folder in reversed(folders):
        spec = _ignore_spec(folder)
        if spec is not None:
            chain.append((folder, spec))
    return chain


def _ignored(chain: list[tuple[str, Any]], full: str, is_dir: bool) -> bool:
    for folder, spec in chain:
        rel = full[len(folder) :].lstrip(os.sep).replace(os.sep, "/") + ("/" if is_dir else "")
        if spec.match_file(rel):
            return True
    return False


def walk(paths: list[str], cfg: Selection) -> Walk:
    """The files to check under `paths`, as `cfg` selects them; the errors and skipped files met."""
    out = Walk()
    for spec in paths:
        try:
            is_dir = stat.S_ISDIR(os.stat(spec).st_mode)
        except OSError:
            is_dir = False
        if is_dir:
            out.files += sorted(_walk_dir(spec, cfg, out), key=lambda item: item[1])
        elif not cfg.excluded(spec):
            _add_file(spec, spec.replace(os.sep, "/"), out, out.files)
    return out


def _add_file(path: str, label: str, out: Walk, found: list[tuple[Path, str]]) -> None:
    """A file to check if it is a regular one; a note for a FIFO or a device, an error for a bad link."""
    try:
        info = os.stat(path)
    except OSError as exc:
        out.errors.append(SourceError(link_problem(path, exc), label))
        return
    if stat.S_ISREG(info.st_mode):
        found.append((Path(path), label))
    elif not stat.S_ISDIR(info.st_mode):
        out.skipped.append((label, f"{file_kind(info.st_mode)}, not read"))


def _walk_dir(top: str, cfg: Selection, out: Walk) -> list[tuple[Path, str]]:
    base_rel = cfg.relative(top)  # resolved once; below, relative paths are built by joining names
    base_rel = "" if base_rel in (".", "") else base_rel.rstrip("/") + "/"
    chains: dict[str, list[tuple[str, Any]]] = {}
    if cfg.respect_gitignore:
        chains[top] = _repo_chain(os.path.abspath(top))
    found: list[tuple[Path, str]] = []

    def on_error(exc: OSError) -> None:
        where = (exc.filename or top).replace(os.sep, "/")
        out.errors.append(SourceError(f"cannot read directory: {link_problem(exc.filename or top, exc)}", where))

    for root, dirs, names in os.walk(top, onerror=on_error):
        chain = chains.pop(root, []) if cfg.respect_gitignore else []
        absroot = os.path.abspath(root)
        rel_root = base_rel + os.path.relpath(root, top).replace(os.sep, "/") + "/" if root != top else base_rel
        keep = []
        for d in sorted(dirs):
            full = os.path.join(absroot, d)
            if d in SKIP_DIRS or d.startswith(".") or cfg.excluded_rel(rel_root + d + "/"):
                continue
            if chain and _ignored(chain, full, True):
                continue
            keep.append(d)
            if cfg.respect_gitignore:
                spec = _ignore_spec(full)
                chains[os.path.join(root, d)] = chain + ([(full, spec)] if spec is not None else [])
        dirs[:] = keep
        for name in names:
            rel = rel_root + name
            if name.startswith(".") or not cfg.included_rel(rel) or cfg.excluded_rel(rel):
                continue
            full = os.path.join(absroot, name)
            if chain and _ignored(chain, full, False):
                continue
            path = os.path.join(root, name)
            _add_file(path, Path(path).as_posix(), out, found)
    return found
