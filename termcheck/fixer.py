"""Apply fixes to a text: non-overlapping, in order, safe ones only unless unsafe fixes are allowed."""

from __future__ import annotations

from dataclasses import dataclass

from .findings import Finding, Fix


@dataclass
class FixStats:
    applied: int = 0
    unsafe_held: int = 0

    def add(self, other: FixStats) -> None:
        self.applied += other.applied
        self.unsafe_held += other.unsafe_held


def choose(findings: list[Finding], unsafe: bool) -> tuple[list[Fix], int]:
    """The fixes to apply (sorted, no two overlapping) and how many unsafe ones were held back."""
    fixes: list[Fix] = []
    held = 0
    for f in sorted((f for f in findings if f.fix), key=lambda f: (f.fix.start, f.fix.end)):  # type: ignore[union-attr]
        fix = f.fix
        assert fix is not None
        if not fix.safe and not unsafe:
            held += 1
            continue
        if fixes and fix.start < fixes[-1].end:
            continue  # overlaps the previous fix: the next round gets it
        fixes.append(fix)
    return fixes, held


def apply(text: str, fixes: list[Fix]) -> str:
    pieces, pos = [], 0
    for fix in fixes:
        pieces.append(text[pos : fix.start])
        pieces.append(fix.replacement)
        pos = fix.end
    pieces.append(text[pos:])
    return "".join(pieces)
