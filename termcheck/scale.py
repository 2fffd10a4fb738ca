"""Checking past one machine: termcheck's per-document check as a pure function, with a compiled term
base that travels to the workers once.

A `Checker` holds the compiled term base and the settings of a run (rules, configuration, language).
It pickles as exactly that, so a cluster ships it to each worker once (Dask:
`client.scatter(checker, broadcast=True)`); what each worker loads for itself (the language model, the
word lists) it loads once, from its own cache. Its methods are pure functions of their input:

- `check_path(path)`: one file, read and checked as `termcheck lint` checks it;
- `check_text(label, text, lang=None)`: a text as if it were a file of that name;
- `check_rows(rows)`: segments of a translation memory or any export, as (id, language, text).

Each returns the findings as the JSON contract's finding objects (docs/json.md), the same objects
`termcheck lint --format json` prints. Run-level rules (consistency across files: `--consistency-scope
directory|run`) need every file's facts in one place and are not run here. docs/scale.md shows a
corpus checked with `dask.bag` and an export checked with `dask.dataframe` on a local cluster.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .errors import ConfigError, GlossaryError


class Checker:
    def __init__(
        self,
        glossary: Sequence[str] = ("builtin",),
        select: Sequence[str] | None = None,
        ignore: Sequence[str] = (),
        lang: str | None = None,
        config: str | None = None,
    ) -> None:
        from . import config as config_mod
        from .app import LintOptions, _rules
        from .glossary.cache import load_index
        from .pipeline import Settings

        cfg = config_mod.load(config)
        opts = LintOptions(paths=[], select=list(select) if select is not None else None, ignore=list(ignore))
        loaded = load_index(list(glossary) or list(cfg.glossary) or ["builtin"])
        if isinstance(loaded, list):
            raise GlossaryError(f"the term base has {len(loaded)} problem(s), the first: {loaded[0]}")
        self.glossary, self.index = loaded
        if lang is not None:
            from .languages import checked

            lang = checked(lang, self.glossary.languages)
        self.settings = Settings(cfg, tuple(_rules(opts, cfg)), lang, run_facts=False)
        self._resources: Any = None

    def __getstate__(self) -> dict[str, Any]:
        return {"glossary": self.glossary, "index": self.index, "settings": self.settings}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.glossary, self.index, self.settings = state["glossary"], state["index"], state["settings"]
        self._resources = None

    @property
    def resources(self) -> Any:
        if self._resources is None:
            from .resources import Resources

            self._resources = Resources.for_index(self.index)
        return self._resources

    def check_path(self, path: str | Path) -> list[dict[str, Any]]:
        """The findings of one file; a file that cannot be read or parsed raises SourceError."""
        from .errors import SourceError
        from .pipeline import finalize
        from .runner import Item, check_file

        outcome = check_file(Item(Path(path), str(path)), self.settings, self.index, self.resources, "write")
        if outcome.error is not None:
            raise outcome.error
        if outcome.analysed is None:
            if outcome.skipped:
                return []
            raise SourceError("not checked", str(path))
        return self._dicts(finalize(outcome.analysed, [], self.settings))

    def check_text(self, label: str, text: str, lang: str | None = None) -> list[dict[str, Any]]:
        """The findings of a text, read as a file named `label` (its extension chooses the format)."""
        from .pipeline import lint_text

        found = lint_text(label, text, lang or self.settings.lang, self.settings, self.index, self.resources)
        return self._dicts(found)

    def check_rows(self, rows: Iterable[tuple[Any, str, str]]) -> list[dict[str, Any]]:
        """The findings of segments given as (id, language, text), each as plain text, each finding
        with its segment's `id`."""
        out = []
        for ident, lang, text in rows:
            for found in self.check_text(str(ident), str(text), lang or None):
                out.append({"id": ident, **found})
        return out

    @staticmethod
    def _dicts(findings: list[Any]) -> list[dict[str, Any]]:
        from .reports.json import finding_dict

        return [finding_dict(f) for f in findings]


__all__ = ["Checker", "ConfigError", "GlossaryError"]
