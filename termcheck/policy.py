"""What happens to findings after the rules: per-file ignores, suppression comments, unused
suppressions, severities, and whether the run fails. Pure functions over findings (the baseline, which
reads and writes a file, is `baseline`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from .config import Config
from .findings import Finding, Severity, Span
from .rules.contract import RuleInfo
from .sources.directives import Directive, Suppressions


def per_file_ignores(findings: list[Finding], cfg: Config, path: str) -> list[Finding]:
    from .rules import lookup

    selectors = cfg.ignored_rules(path)
    if not selectors:
        return findings
    names = {r.name for sel in selectors for r in lookup(sel)}
    return [f for f in findings if f.rule not in names]


def rule_names(selector: str) -> frozenset[str]:
    """The names of the rules a selector (code, name, former name, prefix, ALL) stands for."""
    from .rules import lookup

    return frozenset(r.name for r in lookup(selector))


def suppressions(directives: Sequence[Directive], used: Sequence[int] = ()) -> Suppressions:
    """A file's suppression comments, ready to suppress findings and count what each covered."""
    return Suppressions(directives, rule_names, used)


def unused_suppressions(
    directives: Sequence[Directive], used: Sequence[int], path: str, language: str, rules: Sequence[RuleInfo]
) -> list[Finding]:
    """An info finding for each directive that covered nothing (`used[i]`: what directive i covered),
    when its rules run at all."""
    from .rules import lookup

    unused_rule = next((r for r in rules if r.name == "unused-suppression"), None)
    if unused_rule is None:
        return []
    selected = {r.name for r in rules}
    out = []
    for d, count in zip(directives, used, strict=True):
        if count:
            continue
        unknown = [sel for sel in d.rules if not lookup(sel)]
        named = {r.name for sel in d.rules for r in lookup(sel)}
        if not unknown and d.rules and not named & selected:
            continue
        what = d.text
        message = (
            f"'{what}' names unknown rule {unknown[0]!r}" if unknown else f"'{what}' suppresses nothing; remove it"
        )
        span = Span(d.start, d.end, d.line, d.column, d.line, d.column + d.end - d.start)
        out.append(
            Finding(
                path,
                span,
                unused_rule.code,
                unused_rule.name,
                unused_rule.severity,
                message,
                what,
                None,
                language,
                line_text=d.line_text,
                fingerprint=d.fingerprint,
            )
        )
    return out


def severities(findings: list[Finding], cfg: Config) -> list[Finding]:
    """Severities set per rule in the configuration."""
    from .rules import lookup

    if not cfg.severity:
        return findings
    level = {r.name: Severity.parse(sev) for sel, sev in cfg.severity for r in lookup(sel)}
    return [replace(f, severity=level[f.rule]) if f.rule in level else f for f in findings]


def fails(findings: Iterable[Finding], level: str) -> bool:
    threshold = Severity.parse(level)
    return any(f.severity >= threshold for f in findings)
