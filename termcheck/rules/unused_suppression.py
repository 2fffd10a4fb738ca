"""A suppression comment that suppressed nothing (information).

## What it does
Reports a `termcheck: ignore`, `ignore[...]`, `disable[...]` or `ignore-file` comment that covered no
finding in this run, and one that names a rule termcheck does not know.

## Why is this bad?
Stale suppressions pile up: the text they excused was rewritten, or the term base changed, and the
comment now hides nothing but may one day hide a real problem.

## Example
`<!-- termcheck: ignore[foreign-rendering] -->` above a line with no foreign rendering is reported;
delete the comment.

## Fix safety
No fix: deleting a comment is left to the author.

## Options
Information only: it does not fail a run unless `fail-level = "info"`. A suppression whose rule is not
selected in this run is not reported (it may be used by a run that selects it).
"""

from __future__ import annotations

from ..findings import Finding, Severity
from .contract import Context, FixApplicability, RuleInfo

CODE = "TC901"
NAME = "unused-suppression"
SEVERITY = Severity.INFO
ENABLED = True
FIX = FixApplicability.NONE
SUMMARY = "a suppression comment that suppressed nothing"


def check(ctx: Context, rule: RuleInfo) -> list[Finding]:
    """Nothing to find in the text itself: the suppression step reports unused directives."""
    return []
