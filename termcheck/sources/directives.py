"""Suppression comments: `termcheck: ignore[rule,...]`, `disable[...]` / `enable`, `ignore-file`.

A directive stands in a comment: HTML/Markdown `<!-- -->`, MDX `{/* */}`, `#`, `//`, reStructuredText `..`, or an
XLIFF/TMX `<note>`. `ignore` applies to its own line; standing alone on a line, to the next line; in a
PO entry or an XLIFF/TMX unit, to the whole entry or unit. `disable` applies
until the matching `enable` (or the end of the file); `ignore-file` to the whole file. Without a
rule list a directive covers every rule; rules are named by code, name or code prefix.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

from ..findings import Finding
from .base import line_starts
from .document import fingerprint

_DIRECTIVE_RE = re.compile(
    r"(?P<lead>^[ \t]*)?(?:<!--|\{/\*|#|//|\.\.|(?:<notes>[ \t]*)?<note\b[^>\n]*>)[ \t]*(?P<body>termcheck:[ \t]*"
    r"(?P<kind>ignore-file|ignore|disable|enable)(?:\[(?P<rules>[^\]\n]*)\])?)",
    re.MULTILINE,
)


@dataclass
class Directive:
    kind: str
    rules: tuple[str, ...]
    start: int
    end: int
    line: int
    column: int
    first_line: int = 0
    last_line: int = 0
    used: int = field(default=0)
    line_text: str = ""
    fingerprint: str = ""

    @property
    def text(self) -> str:
        return f"termcheck: {self.kind}" + (f"[{','.join(self.rules)}]" if self.rules else "")

    def covers(self, finding: Finding) -> bool:
        return self.first_line <= finding.span.line <= self.last_line and self.covers_rule(finding.rule)

    def covers_rule(self, rule: str) -> bool:
        names = self._names
        return names is None or rule in names

    @cached_property
    def _names(self) -> frozenset[str] | None:
        """The names of the rules it covers (None: every rule), looked up once."""
        from ..rules import lookup

        return frozenset(r.name for sel in self.rules for r in lookup(sel)) if self.rules else None


def parse(text: str, line_groups: dict[int, tuple[int, int]] | None = None) -> list[Directive]:
    """Directives of a text, with the lines each covers. `line_groups` widens an `ignore` on a line
    to a group of lines (a PO entry: a comment above it covers its msgstr)."""
    if "termcheck:" not in text:
        return []
    starts = line_starts(text)
    last = len(starts)
    out: list[Directive] = []
    open_blocks: list[Directive] = []
    for m in _DIRECTIVE_RE.finditer(text):
        line = bisect.bisect_right(starts, m.start()) - 1
        rules = tuple(r.strip() for r in (m.group("rules") or "").split(",") if r.strip())
        start = m.start("body")
        d = Directive(m.group("kind"), rules, start, m.end("body"), line + 1, start - starts[line] + 1)
        line_end = starts[line + 1] if line + 1 < len(starts) else len(text)
        d.line_text = text[starts[line] : line_end].rstrip("\r\n")
        d.fingerprint = fingerprint(text, "unused-suppression", None, d.start, d.end, d.text)
        if d.kind == "ignore":
            alone = m.group("lead") is not None
            d.first_line = d.line
            d.last_line = d.line + 1 if alone else d.line
            if line_groups and d.last_line in line_groups:
                d.last_line = max(d.last_line, line_groups[d.last_line][1])
            if line_groups and d.line in line_groups:  # an XLIFF note may follow the target it is about
                d.first_line = min(d.first_line, line_groups[d.line][0])
        elif d.kind == "ignore-file":
            d.first_line, d.last_line = 1, last
        elif d.kind == "disable":
            d.first_line, d.last_line = d.line, last
            open_blocks.append(d)
        else:  # enable: closes the blocks it names (all when it names none)
            for block in [b for b in open_blocks if not rules or set(b.rules) & set(rules)]:
                block.last_line = d.line
                open_blocks.remove(block)
            continue
        out.append(d)
    return out


class Suppressions:
    """The directives of a file, indexed by line once: a finding is measured only against those that
    cover its line (an `ignore` covers one or two lines; the few that reach far are kept apart), so
    checking grows with the findings, not with findings times directives."""

    NEAR = 8  # lines: a directive covering no more is indexed by each of its lines

    def __init__(self, directives: list[Directive]) -> None:
        self.by_line: dict[int, list[Directive]] = {}
        self.wide: list[Directive] = []
        for d in directives:
            if d.last_line - d.first_line < self.NEAR:
                for line in range(d.first_line, d.last_line + 1):
                    self.by_line.setdefault(line, []).append(d)
            else:
                self.wide.append(d)

    def hidden(self, f: Finding) -> bool:
        """Whether a directive covers the finding; each that does counts it."""
        line = f.span.line
        found = False
        for group in (self.by_line.get(line, ()), self.wide):
            for d in group:
                if d.first_line <= line <= d.last_line and d.covers_rule(f.rule):
                    d.used += 1
                    found = True
        return found


def suppress(findings: list[Finding], directives: list[Directive]) -> list[Finding]:
    """The findings no directive covers; each directive counts what it covered."""
    if not directives:
        return findings
    suppressions = Suppressions(directives)
    return [f for f in findings if not suppressions.hidden(f)]
