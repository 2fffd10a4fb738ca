"""Find and load `[tool.termcheck]` (pyproject.toml) or `.termcheck.toml`, walking up from a directory."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import ConfigError, nearest
from .glossary.load import LANG_RE

KEYS = ("glossary", "language", "select", "extend-select", "ignore")


@dataclass(frozen=True)
class Config:
    path: Path | None = None
    glossary: tuple[str, ...] = ()
    language: tuple[tuple[str, str], ...] = ()
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    root: Path = field(default_factory=Path.cwd)

    def language_for(self, path: str) -> str | None:
        """The language configured for a file path (the first matching glob wins)."""
        try:
            rel = Path(path).resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            rel = Path(path).as_posix()
        for pattern, lang in self.language:
            if _glob_re(pattern).fullmatch(rel) or (
                "/" not in pattern and _glob_re(pattern).fullmatch(rel.rsplit("/", 1)[-1])
            ):
                return lang
        return None


@lru_cache(maxsize=256)
def _glob_re(pattern: str) -> re.Pattern[str]:
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out))


def find(start: Path) -> Path | None:
    """The nearest .termcheck.toml, or pyproject.toml with a [tool.termcheck] table."""
    for folder in [start, *start.parents]:
        candidate = folder / ".termcheck.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "[tool.termcheck" in pyproject.read_text(encoding="utf-8", errors="replace"):
            return pyproject
    return None


def load(explicit: str | None = None, start: Path | None = None) -> Config:
    path = Path(explicit) if explicit else find((start or Path.cwd()).resolve())
    if path is None:
        return Config()
    label = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read configuration: {exc.strerror or exc}", label) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", label) from None
    table = data.get("tool", {}).get("termcheck", {}) if path.name == "pyproject.toml" else data
    prefix = "tool.termcheck." if path.name == "pyproject.toml" else ""
    return _parse(table, path, label, prefix)


def _strings(value: Any, key: str, label: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"key '{key}': expected a list of strings, got {value!r}", label)
    return tuple(value)


def _parse(table: dict[str, Any], path: Path, label: str, prefix: str) -> Config:
    for key in table:
        if key not in KEYS:
            hint = nearest(key, KEYS)
            raise ConfigError(
                f"unknown key '{prefix}{key}'"
                + (f" (did you mean '{prefix}{hint}'?)" if hint else f" (valid keys: {', '.join(KEYS)})"),
                label,
            )
    root = path.parent
    langs = table.get("language", {})
    if not isinstance(langs, dict):
        raise ConfigError(f"key '{prefix}language': expected a table of glob = language tag", label)
    for pattern, tag in langs.items():
        if not isinstance(tag, str) or not LANG_RE.match(tag):
            raise ConfigError(f"key '{prefix}language.\"{pattern}\"': {tag!r} is not a BCP 47 language tag", label)
    glossary = tuple(
        g if g == "builtin" else str(root / g) for g in _strings(table.get("glossary", []), prefix + "glossary", label)
    )
    select = _strings(table["select"], prefix + "select", label) if "select" in table else None
    return Config(
        path=path,
        glossary=glossary,
        language=tuple(langs.items()),
        select=select,
        extend_select=_strings(table.get("extend-select", []), prefix + "extend-select", label),
        ignore=_strings(table.get("ignore", []), prefix + "ignore", label),
        root=root,
    )
