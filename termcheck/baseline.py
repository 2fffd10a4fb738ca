"""Baselines: findings recorded by their fingerprints, so that later runs report only new ones
(`--write-baseline`, `--baseline`, `baseline import` from a reviewed QA workbook). A baseline file is
written whole or not at all."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from .errors import ConfigError
from .findings import Finding

BASELINE_VERSION = 1
BASELINE_LIMIT = 1 << 30  # bytes: a baseline is read whole


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
