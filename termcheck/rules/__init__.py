"""The rule registry: one module per rule, listed here explicitly (no discovery magic)."""

from __future__ import annotations

from types import ModuleType

from ..engine import RuleInfo
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


def _info(module: ModuleType) -> RuleInfo:
    return RuleInfo(
        code=module.CODE,
        name=module.NAME,
        severity=module.SEVERITY,
        enabled=module.ENABLED,
        summary=module.SUMMARY,
        doc=(module.__doc__ or "").strip(),
        check=module.check,
        collect=getattr(module, "collect", None),
        check_run=getattr(module, "check_run", None),
        aliases=getattr(module, "ALIASES", ()),
        fix=module.FIX,
    )


RULES: tuple[RuleInfo, ...] = tuple(_info(m) for m in MODULES)
DOC_SECTIONS = ("What it does", "Why is this bad?", "Example", "Fix safety", "Options")


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
