"""Find and load `[tool.termcheck]` (pyproject.toml) or `.termcheck.toml`, walking up from a directory.

Every key is validated: an unknown key or a bad value is one error naming the file, the key and the
nearest valid key (exit 2). docs/configuration.md lists the keys.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import ConfigError, nearest
from .sources.formats import DEFAULT_INCLUDE

KEYS = (
    "glossary", "language", "include", "exclude", "respect-gitignore", "select", "extend-select", "ignore",
    "per-file-ignores", "severity", "fail-level", "baseline", "source-language", "max-file-size",
    "consistency-scope", "max-findings-per-file",
)  # fmt: skip
CONFIG_LIMIT = 16 * 1024 * 1024  # bytes: more is not a configuration
LEVELS = ("error", "warning", "info")
SCOPES = ("file", "directory", "run")  # what inconsistent-rendering compares a file with
MAX_FINDINGS_PER_FILE = 10_000  # past this, a file's findings are counted, not kept (docs/configuration.md)


@lru_cache(maxsize=512)
def _spec(patterns: tuple[str, ...]) -> Any:
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns)


def matches(patterns: tuple[str, ...], rel: str) -> bool:
    """Whether a path (relative, with /) matches gitignore-style patterns ("*.pt.md", "docs/de/**")."""
    return bool(patterns) and bool(_spec(patterns).match_file(rel))


@dataclass(frozen=True)
class Config:
    """A configuration's keys, validated (the defaults where there is no file); `path` is its file."""

    path: Path | None = None
    glossary: tuple[str, ...] = ()
    language: tuple[tuple[str, str], ...] = ()
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    fail_level: str = "warning"
    baseline: str | None = None
    source_language: str = "en"
    max_file_size: int = 50 * 1024 * 1024
    consistency_scope: str = "file"
    max_findings_per_file: int = MAX_FINDINGS_PER_FILE  # 0: no limit
    root: Path = field(default_factory=Path.cwd)

    def relative(self, path: str) -> str:
        try:
            return Path(path).resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return Path(path).as_posix()

    def language_for(self, path: str) -> str | None:
        """The language configured for a file path (the first matching pattern wins)."""
        rel = self.relative(path)
        return next((lang for pattern, lang in self.language if matches((pattern,), rel)), None)

    def ignored_rules(self, path: str) -> tuple[str, ...]:
        rel = self.relative(path)
        return tuple(r for pattern, rules in self.per_file_ignores if matches((pattern,), rel) for r in rules)

    def excluded(self, path: str) -> bool:
        return matches(self.exclude, self.relative(path))

    def included(self, path: str) -> bool:
        return matches(self.include, self.relative(path))

    def excluded_rel(self, rel: str) -> bool:
        """`excluded` for a path already relative to the configuration's folder."""
        return matches(self.exclude, rel)

    def included_rel(self, rel: str) -> bool:
        return matches(self.include, rel)


def find(start: Path) -> Path | None:
    """The nearest .termcheck.toml, or pyproject.toml with a [tool.termcheck] table."""
    for folder in [start, *start.parents]:
        candidate = folder / ".termcheck.toml"
        if candidate.exists() and not candidate.is_dir():  # a FIFO by that name is an error when read
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and b"[tool.termcheck" in _read(pyproject):
            return pyproject
    return None


def _read(path: Path) -> bytes:
    """A configuration file's bytes: a regular file only, never more than a configuration can be."""
    from .errors import SourceError
    from .sources.text import read_regular

    try:
        return read_regular(path, str(path), CONFIG_LIMIT)
    except SourceError as exc:
        raise ConfigError(f"cannot read configuration: {exc.message}", str(path)) from None


def load(explicit: str | None = None, start: Path | None = None) -> Config:
    path = Path(explicit) if explicit else find((start or Path.cwd()).resolve())
    if path is None:
        return Config()
    import tomllib  # only where there is a file to read

    label = str(path)
    try:
        data = tomllib.loads(_read(path).decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"not valid UTF-8 at byte {exc.start}", label) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", label) from None
    is_pyproject = path.name == "pyproject.toml"
    table = data.get("tool", {}).get("termcheck", {}) if is_pyproject else data
    return _Parser(label, "tool.termcheck." if is_pyproject else "").parse(table, path)


class _Parser:
    def __init__(self, label: str, prefix: str) -> None:
        self.label, self.prefix = label, prefix

    def error(self, key: str, message: str) -> ConfigError:
        return ConfigError(f"key '{self.prefix}{key}': {message}", self.label)

    def strings(self, table: dict[str, Any], key: str, default: tuple[str, ...] = ()) -> tuple[str, ...]:
        value = table.get(key, list(default))
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.error(key, f"expected a list of strings, got {value!r}")
        return tuple(value)

    def choice(self, key: str, value: Any, choices: tuple[str, ...]) -> str:
        if value not in choices:
            hint = nearest(str(value), choices)
            raise self.error(
                key, f"{value!r} is not one of {', '.join(choices)}" + (f" (did you mean {hint!r}?)" if hint else "")
            )
        return str(value)

    def size(self, key: str, value: Any) -> int:
        """A size in bytes: a number, or a string such as "20 MB", "512KB", "1GB"."""
        units = {"": 1, "B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3}
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return value
        match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMG]?B?)\s*", str(value), re.IGNORECASE)
        if isinstance(value, str) and match:
            return int(float(match.group(1)) * units[match.group(2).upper()])
        raise self.error(key, f'expected a size such as 50000000 or "50 MB", got {value!r}')

    def mapping(
        self, table: dict[str, Any], key: str, check: Callable[[str, str, Any], Any]
    ) -> tuple[tuple[str, Any], ...]:
        value = table.get(key, {})
        if not isinstance(value, dict):
            raise self.error(key, f"expected a table, got {value!r}")
        return tuple((k, check(f'{key}."{k}"', k, v)) for k, v in value.items())

    def parse(self, table: dict[str, Any], path: Path) -> Config:
        from .rules import unknown_rule, unknown_selectors

        for key in table:
            if key not in KEYS:
                hint = nearest(key, KEYS)
                extra = f" (did you mean '{self.prefix}{hint}'?)" if hint else f" (valid keys: {', '.join(KEYS)})"
                raise ConfigError(f"unknown key '{self.prefix}{key}'{extra}", self.label)

        root = path.parent

        def lang(key: str, _pattern: str, tag: Any) -> str:
            from .languages import checked

            if not isinstance(tag, str):
                raise self.error(key, f"{tag!r} is not a BCP 47 language tag (en, de, pt-BR, ...)")
            try:
                return checked(tag, where=f"key '{self.prefix}{key}'")
            except ConfigError as exc:
                raise ConfigError(exc.message, self.label) from None

        def rules(key: str, _pattern: str, value: Any) -> tuple[str, ...]:
            names = (value,) if isinstance(value, str) else value
            if not isinstance(names, list | tuple) or not all(isinstance(v, str) for v in names):
                raise self.error(key, f"expected a list of rule codes or names, got {value!r}")
            bad = unknown_selectors(list(names))
            if bad:
                raise self.error(key, unknown_rule(bad[0]))
            return tuple(names)

        def level(key: str, _name: str, value: Any) -> str:
            if value not in LEVELS:
                hint = nearest(str(value), LEVELS)
                raise self.error(
                    key, f"{value!r} is not one of {', '.join(LEVELS)}" + (f" (did you mean {hint!r}?)" if hint else "")
                )
            return str(value)

        def severity_rule(key: str, rule: str, value: Any) -> str:
            rules(key, rule, [rule])
            return level(key, rule, value)

        for key in ("select", "extend-select", "ignore"):
            if key in table:
                rules(key, key, list(self.strings(table, key)))
        respect = table.get("respect-gitignore", True)
        if not isinstance(respect, bool):
            raise self.error("respect-gitignore", f"expected true or false, got {respect!r}")
        baseline = table.get("baseline")
        if baseline is not None and not isinstance(baseline, str):
            raise self.error("baseline", f"expected a file path, got {baseline!r}")
        source_language = lang("source-language", "", table.get("source-language", "en"))
        max_findings = table.get("max-findings-per-file", MAX_FINDINGS_PER_FILE)
        if not isinstance(max_findings, int) or isinstance(max_findings, bool) or max_findings < 0:
            raise self.error("max-findings-per-file", f"expected a whole number (0: no limit), got {max_findings!r}")
        return Config(
            path=path,
            glossary=tuple(g if g == "builtin" else str(root / g) for g in self.strings(table, "glossary")),
            language=self.mapping(table, "language", lang),
            include=self.strings(table, "include", DEFAULT_INCLUDE),
            exclude=self.strings(table, "exclude"),
            respect_gitignore=respect,
            select=self.strings(table, "select") if "select" in table else None,
            extend_select=self.strings(table, "extend-select"),
            ignore=self.strings(table, "ignore"),
            per_file_ignores=self.mapping(table, "per-file-ignores", rules),
            severity=self.mapping(table, "severity", severity_rule),
            fail_level=level("fail-level", "fail-level", table.get("fail-level", "warning")),
            baseline=str(root / baseline) if baseline else None,
            source_language=source_language,
            max_file_size=self.size("max-file-size", table.get("max-file-size", 50 * 1024 * 1024)),
            consistency_scope=self.choice("consistency-scope", table.get("consistency-scope", "file"), SCOPES),
            max_findings_per_file=max_findings,
            root=root,
        )
