"""The rule registry: one module per rule, listed here explicitly (no discovery magic), each made a
`RuleInfo` by the contract (`contract.rule_info`, which checks its constants); and the one place rule
selectors (codes, names, former names, code prefixes, ALL) are resolved."""

from __future__ import annotations

from types import ModuleType

from . import (
    admitted_term,
    deprecated_term,
    doubled_word,
    foreign_rendering,
    gender_agreement,
    inconsistent_rendering,
    inconsistent_translation,
    missing_term,
    mixed_script,
    spelling,
    term_typo,
    unused_suppression,
)
from .contract import DOC_SECTIONS as DOC_SECTIONS  # the docs sections, where tests and docs look for them
from .contract import RuleInfo, rule_info

MODULES: tuple[ModuleType, ...] = (
    foreign_rendering,
    deprecated_term,
    admitted_term,
    inconsistent_rendering,
    gender_agreement,
    doubled_word,
    term_typo,
    mixed_script,
    spelling,
    missing_term,
    inconsistent_translation,
    unused_suppression,
)


RULES: tuple[RuleInfo, ...] = tuple(rule_info(m) for m in MODULES)


def _specificity(selector: str, rule: RuleInfo) -> int:
    """How specifically `selector` names `rule`: -1 not at all, 0 for ALL, the prefix length, 100 exact."""
    sel = selector.strip()
    if sel.upper() == rule.code or sel.lower() == rule.name or sel.lower() in rule.aliases:
        return 100
    if sel.upper() == "ALL":
        return 0
    return len(sel) if sel and rule.code.startswith(sel.upper()) else -1


def unknown_selectors(selectors: list[str]) -> list[str]:
    return [s for s in selectors if all(_specificity(s, r) < 0 for r in RULES)]


def nearest_rule(selector: str) -> str | None:
    """The rule code or name closest to a misspelt selector ('foriegn-rendering' → 'foreign-rendering'),
    for a "did you mean" hint; None when none is close."""
    from ..errors import nearest

    spellings = {s.lower(): s for r in RULES for s in (r.code, r.name, *r.aliases)}
    found = nearest(selector.strip().lower(), list(spellings))
    return spellings[found] if found else None


def unknown_rule(selector: str) -> str:
    """The message for a selector naming no rule: the nearest rule, else where the rules are listed."""
    hint = nearest_rule(selector)
    return f"unknown rule {selector!r}" + (f" (did you mean {hint!r}?)" if hint else "; `termcheck rules` lists them")


def lookup(selector: str) -> list[RuleInfo]:
    """Rules answering to a code, a name (or former name), a code prefix ("TC1") or ALL."""
    return [r for r in RULES if _specificity(selector, r) >= 0]


def select(
    select: list[str] | None = None, ignore: list[str] | None = None, extend: list[str] | None = None
) -> list[RuleInfo]:
    """The rules to run, as in ruff: `select` replaces the default set, `extend` adds to it,
    `ignore` removes; the most specific selector wins, and on a tie ignore wins."""
    chosen = []
    for rule in RULES:
        on = max((_specificity(s, rule) for s in select or ()), default=-1)
        enabled = rule.enabled if select is None else on >= 0
        more = max((_specificity(s, rule) for s in extend or ()), default=-1)
        if more >= 0:
            enabled, on = True, max(on, more)
        off = max((_specificity(s, rule) for s in ignore or ()), default=-1)
        if off >= 0 and off >= on:
            enabled = False
        if enabled:
            chosen.append(rule)
    return chosen
