"""A session: what every run needs, built once, by keyword, from the configuration and the command line.

`open_session(...)` resolves, in this order and in one place, what the CLI's `lint` and `compare`,
`glossary candidates`, the LSP server and the Dask checker used to build each by hand:

- the configuration (a file given, or the nearest one from a folder);
- the rule selection: the options' `select`/`extend_select`/`ignore` over the configuration's, every
  selector checked (a misspelt rule is an error);
- the term base and its compiled index (from the cache when its files are unchanged);
- the languages given (`--lang`, `--source-lang`), checked against the term base;
- the resources (language model, word lists) and the per-file `Settings` the pipeline takes.

A `Session` is never changed afterwards: a front end that wants other settings opens another. What
happens over files is `app.run`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..errors import ConfigError, TermcheckError

if TYPE_CHECKING:
    from ..config import Config
    from ..glossary.index import GlossaryIndex
    from ..glossary.model import Problem, TermBase
    from ..pipeline import Settings
    from ..resources import Resources
    from ..rules.contract import RuleInfo


class TermBaseProblems(TermcheckError):
    """The term base cannot be used: its located problems (printed one per line by the CLI)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(f"the term base has {len(problems)} problem(s); `termcheck glossary check` shows them")


def print_problems(exc: TermBaseProblems, err: TextIO) -> None:
    """The term base's problems, one line each, then what to do."""
    for problem in exc.problems:
        print(f"error: {problem}", file=err)
    print(f"error: {exc}", file=err)


@dataclass(frozen=True)
class Session:
    """The resolved configuration, rules, term base and settings of a run."""

    config: Config
    rules: tuple[RuleInfo, ...]
    glossary: TermBase
    index: GlossaryIndex
    resources: Resources
    settings: Settings
    consistency_scope: str  # file, directory or run: which files the run-level rules compare
    fail_level: str
    baseline: str | None


def load_term_base(paths: Sequence[str], use_cache: bool = True) -> tuple[TermBase, GlossaryIndex]:
    """The term base and its compiled index (from the cache when the files are unchanged); its
    located problems raise `TermBaseProblems`."""
    from ..glossary.cache import load_index

    loaded = load_index(list(paths), use_cache=use_cache)
    if isinstance(loaded, list):
        raise TermBaseProblems(loaded)
    return loaded


def resolve_rules(
    config: Config,
    select: Sequence[str] | None = None,
    extend_select: Sequence[str] = (),
    ignore: Sequence[str] = (),
) -> tuple[RuleInfo, ...]:
    """The rules to run: the options first, then the configuration (ruff's habit)."""
    from ..rules import select as select_rules
    from ..rules import unknown_rule, unknown_selectors

    chosen = list(select) if select is not None else (list(config.select) if config.select is not None else None)
    ignored = [*ignore, *config.ignore]
    extend = [*extend_select, *config.extend_select]
    bad = unknown_selectors([*(chosen or []), *ignored, *extend])
    if bad:
        raise ConfigError(unknown_rule(bad[0]))
    return tuple(select_rules(chosen, ignored, extend))


def open_session(
    *,
    config: Config | None = None,
    config_path: str | None = None,
    start: Path | None = None,
    glossary: Sequence[str] = (),
    select: Sequence[str] | None = None,
    extend_select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    lang: str | None = None,
    source_lang: str | None = None,
    include_fuzzy: bool = False,
    check_source: bool = False,
    fix: bool = False,
    unsafe_fixes: bool = False,
    consistency_scope: str | None = None,
    usage: bool = False,
    date: str | None = None,
    fail_level: str | None = None,
    baseline: str | None = None,
    use_cache: bool = True,
    identify: bool = True,
) -> Session:
    """A session from the configuration (`config`, else the file `config_path`, else the nearest one
    from `start` or the working directory) and the options; each option left out takes the
    configuration's value."""
    from .. import config as config_mod
    from ..languages import checked
    from ..pipeline import Settings
    from ..resources import Resources
    from ..sources.formats import ReadOptions

    cfg = config if config is not None else config_mod.load(config_path, start=start)
    rules = resolve_rules(cfg, select, extend_select, ignore)
    term_base, index = load_term_base(list(glossary) or list(cfg.glossary) or ["builtin"], use_cache)
    if lang:
        lang = checked(lang, term_base.languages)
    if source_lang:
        source_lang = checked(source_lang, term_base.languages, "--source-lang")
    scope = consistency_scope or cfg.consistency_scope
    read = ReadOptions(source_lang or cfg.source_language, include_fuzzy)
    settings = Settings(cfg, rules, lang, fix, unsafe_fixes, check_source, read, run_facts=scope != "file",
                        usage=usage, date=date)  # fmt: skip
    return Session(cfg, rules, term_base, index, Resources.for_index(index, identify=identify), settings, scope,
                   fail_level or cfg.fail_level, baseline or cfg.baseline)  # fmt: skip
