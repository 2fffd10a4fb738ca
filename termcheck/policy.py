"""What happens to findings after the rules: per-file ignores, suppression comments, severities,
the baseline, and whether the run fails. Pure functions over findings."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from .config import Config
from .engine import RuleInfo
from .errors import ConfigError
from .findings import Finding, Severity, Span
from .sources.directives import Directive, suppress

BASELINE_VERSION = 1
BASELINE_LIMIT = 1 << 30  # bytes: a baseline is read whole


def per_file_ignores(findings: list[Finding], cfg: Config, path: str) -> list[Finding]:
    from .rules import lookup

    selectors = cfg.ignored_rules(path)
    if not selectors:
        return findings
    names = {r.name for sel in selectors for r in lookup(sel)}
    return [f for f in findings if f.rule not in names]


def apply_suppressions(findings: list[Finding], directives: list[Directive]) -> list[Finding]:
    return suppress(findings, directives)


def unused_suppressions(directives: list[Directive], path: str, language: str, rules: list[RuleInfo]) -> list[Finding]:
    """An info finding for each directive that covered nothing (when its rules run at all)."""
    from .rules import lookup

    unused_rule = next((r for r in rules if r.name == "unused-suppression"), None)
    if unused_rule is None:
        return []
    selected = {r.name for r in rules}
    out = []
    for d in directives:
        if d.used:
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


# --- baseline -------------------------------------------------------------------------------------


def write_baseline(path: str, findings: list[Finding]) -> int:
    """Record findings by their fingerprints (their rule, concept, text and the words around them)."""
    entries = [
        {"path": f.path, "rule": f.rule, "concept": f.concept, "text": f.text, "fingerprint": f.fingerprint}
        for f in findings
    ]
    _write_baseline(Path(path), {"schema_version": BASELINE_VERSION, "tool": "termcheck", "findings": entries})
    return len(entries)


def add_to_baseline(path: str, entries: list[dict[str, object]]) -> tuple[int, int]:
    """Add entries to a baseline file (made if there is none), each finding once: (added, already there)."""
    target = Path(path)
    old: list[dict[str, object]] = []
    if target.exists():
        old = _baseline_data(path)[0]  # a file that is not a baseline is an error, never overwritten
    have = Counter((str(e["path"]), str(e["fingerprint"])) for e in old)
    added = []
    for e in entries:
        key = (str(e["path"]), str(e["fingerprint"]))
        if have[key] > 0:
            have[key] -= 1
        else:
            added.append(e)
    _write_baseline(target, {"schema_version": BASELINE_VERSION, "tool": "termcheck", "findings": old + added})
    return len(added), len(entries) - len(added)


def _write_baseline(path: Path, data: dict[str, object]) -> None:
    """Write a baseline whole or not at all: a full disk leaves the old file as it was (an error)."""
    from .fileio import atomic_write

    try:
        atomic_write(path, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    except OSError as exc:
        raise ConfigError(
            f"cannot write the baseline: {exc.strerror or exc}; the file is as it was", str(path)
        ) from None


def read_baseline(path: str) -> Counter[tuple[str, str]]:
    return Counter(_baseline_data(path)[1])


def _baseline_data(path: str) -> tuple[list[dict[str, object]], list[tuple[str, str]]]:
    """A baseline file's entries and their keys (path, fingerprint), checked: a regular file holding
    termcheck's baseline JSON."""
    from .errors import SourceError
    from .sources.text import read_regular

    try:
        data = json.loads(read_regular(path, path, BASELINE_LIMIT))
        if data.get("schema_version") != BASELINE_VERSION:
            raise ValueError(f"unsupported schema_version {data.get('schema_version')!r}")
        return data["findings"], [(e["path"], e["fingerprint"]) for e in data["findings"]]
    except SourceError as exc:
        raise ConfigError(f"cannot read baseline: {exc.message}", path) from None
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ConfigError(f"not a termcheck baseline: {exc}", path) from None


def filter_baseline(findings: list[Finding], baseline: Counter[tuple[str, str]]) -> list[Finding]:
    """Findings not recorded in the baseline; each recorded entry absorbs one identical finding."""
    left = Counter(baseline)
    out = []
    for f in findings:
        key = (f.path, f.fingerprint)
        if left[key] > 0:
            left[key] -= 1
        else:
            out.append(f)
    return out
