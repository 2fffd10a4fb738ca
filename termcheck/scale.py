"""Checking past one machine: termcheck's per-document check as a pure function, with a compiled term
base that travels to the workers once.

A `Checker` holds a session (`app.session`: the compiled term base, rules, configuration and settings
of a run). It pickles as exactly that, so a cluster ships it to each worker once (Dask:
`client.scatter(checker, broadcast=True)`); what each worker loads for itself (the language model, the
word lists) it loads once, from its own cache. Its methods are pure functions of their input:

- `check_path(path)`: one file, read and checked as `termcheck lint` checks it on its own;
- `analyse_path(path)` on the workers, then `finish(results)` on the client: a run's files with the
  run-level stage too (consistency across files, `consistency_scope="directory"` or `"run"`), the
  findings `termcheck lint` reports for the same files;
- `check_text(label, text, lang=None)`: a text as if it were a file of that name;
- `check_rows(rows)`: segments of a translation memory or any export, as (id, language, text).

Each returns the findings as the JSON contract's finding objects (docs/json.md), the same objects
`termcheck lint --format json` prints. docs/scale.md shows a corpus checked with `dask.bag` and an
export checked with `dask.dataframe` on a local cluster.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ConfigError, GlossaryError
from .findings import Finding

if TYPE_CHECKING:
    from .glossary.index import GlossaryIndex
    from .glossary.model import TermBase
    from .pipeline import Analysed, Settings
    from .resources import Resources


class Checker:
    def __init__(
        self,
        glossary: Sequence[str] = ("builtin",),
        select: Sequence[str] | None = None,
        ignore: Sequence[str] = (),
        lang: str | None = None,
        config: str | None = None,
        consistency_scope: str | None = None,
    ) -> None:
        from .app.session import TermBaseProblems, open_session

        try:
            session = open_session(config_path=config, glossary=glossary, select=select, ignore=ignore, lang=lang,
                                   consistency_scope=consistency_scope)  # fmt: skip
        except TermBaseProblems as exc:
            raise GlossaryError(
                f"the term base has {len(exc.problems)} problem(s), the first: {exc.problems[0]}"
            ) from None
        self.session = session

    @property
    def settings(self) -> Settings:
        return self.session.settings

    @property
    def index(self) -> GlossaryIndex:
        return self.session.index

    @property
    def glossary(self) -> TermBase:
        return self.session.glossary

    @property
    def resources(self) -> Resources:
        return self.session.resources

    def analyse_path(self, path: str | Path) -> Analysed | None:
        """One file's per-file result (None: skipped, as a binary file); what a worker sends back for
        `finish` to complete. A file that cannot be read or parsed raises SourceError."""
        from .errors import SourceError
        from .runner import Item, check_file

        s = self.session
        outcome = check_file(Item(Path(path), str(path)), s.settings, s.index, s.resources, "write")
        if outcome.error is not None:
            raise outcome.error
        if outcome.analysed is None and not outcome.skipped:
            raise SourceError("not checked", str(path))
        return outcome.analysed

    def check_path(self, path: str | Path) -> list[dict[str, Any]]:
        """The findings of one file, without the run-level ones; a file that cannot be read or parsed
        raises SourceError."""
        from .pipeline import finalize

        analysed = self.analyse_path(path)
        return [] if analysed is None else self._dicts(finalize(analysed, [], self.settings))

    def finish(self, results: Iterable[Analysed | None]) -> list[dict[str, Any]]:
        """The run-level stage over the per-file results gathered from the workers (`analyse_path`):
        every file's final findings, cross-file consistency included, as `termcheck lint` reports them
        (sorted by path, then place)."""
        from .app.run import final_findings

        done = [a for a in results if a is not None]
        by_path = final_findings(self.session, done)
        return self._dicts(sorted((f for found in by_path.values() for f in found), key=Finding.sort_key))

    def check_text(self, label: str, text: str, lang: str | None = None) -> list[dict[str, Any]]:
        """The findings of a text, read as a file named `label` (its extension chooses the format)."""
        from .pipeline import lint_text

        s = self.session
        found = lint_text(label, text, lang or s.settings.lang, s.settings, s.index, s.resources)
        return self._dicts(found)

    def check_rows(self, rows: Iterable[tuple[Any, Any, Any]]) -> list[dict[str, Any]]:
        """The findings of segments given as (id, language, text), each as plain text, each finding
        with its segment's `id`. A missing language (empty, None, or a data frame's missing value:
        NaN, `pd.NA`) is identified from the text; a missing text is an empty one."""
        out = []
        for ident, lang, text in rows:
            tag = lang.strip() if isinstance(lang, str) else ""  # a tag is a string; NaN and pd.NA are not
            for found in self.check_text(str(ident), "" if _missing(text) else str(text), tag or None):
                out.append({"id": ident, **found})
        return out

    @staticmethod
    def _dicts(findings: list[Any]) -> list[dict[str, Any]]:
        from .reports.json import finding_dict

        return [finding_dict(f) for f in findings]


def _missing(value: Any) -> bool:
    """A data frame's missing value: None, NaN, pandas' NA or NaT (without importing pandas)."""
    if value is None or type(value).__name__ in ("NAType", "NaTType"):
        return True
    return isinstance(value, float) and value != value  # NaN, numpy's too


__all__ = ["Checker", "ConfigError", "GlossaryError"]
