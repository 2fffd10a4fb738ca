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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from ..findings import Finding
from .base import line_starts
from .document import fingerprint

_DIRECTIVE_RE = re.compile(
    r"(?P<lead>^[ \t]*)?(?:<!--|\{/\*|#|//|\.\.|(?:<notes>[ \t]*)?<note\b[^>\n]*>)[ \t]*(?P<body>termcheck:[ \t]*"
    r"(?P<kind>ignore-file|ignore|disable|enable)(?:\[(?P<rules>[^\]\n]*)\])?)",
    re.MULTILINE,
)


@dataclass(frozen=True)
class Directive:
    """A suppression comment: its kind, the rules it names as written (code, name or prefix), where it
    stands, and the lines it covers. Immutable: what it suppressed is counted by `Suppressions`."""

    kind: str
    rules: tuple[str, ...]
    start: int
    end: int
    line: int
    column: int
    first_line: int = 0
    last_line: int = 0
    line_text: str = ""
    fingerprint: str = ""

    @property
    def text(self) -> str:
        return f"termcheck: {self.kind}" + (f"[{','.join(self.rules)}]" if self.rules else "")


def parse(text: str, line_groups: dict[int, tuple[int, int]] | None = None) -> list[Directive]:
    """Directives of a text, with the lines each covers. `line_groups` widens an `ignore` on a line
    to a group of lines (a PO entry: a comment above it covers its msgstr)."""
    if "termcheck:" not in text:
        return []
    starts = line_starts(text)
    last = len(starts)
    out: list[Directive] = []
    open_blocks: dict[int, Directive] = {}  # disable blocks not yet closed, by their place in `out`
    for m in _DIRECTIVE_RE.finditer(text):
        line = bisect.bisect_right(starts, m.start()) - 1
        rules = tuple(r.strip() for r in (m.group("rules") or "").split(",") if r.strip())
        kind, start = m.group("kind"), m.start("body")
        if kind == "enable":  # closes the blocks it names (all when it names none)
            for i, block in list(open_blocks.items()):
                if not rules or set(block.rules) & set(rules):
                    out[i] = replace(block, last_line=line + 1)
                    del open_blocks[i]
            continue
        line_end = starts[line + 1] if line + 1 < len(starts) else len(text)
        d = Directive(kind, rules, start, m.end("body"), line + 1, start - starts[line] + 1,
                      line_text=text[starts[line] : line_end].rstrip("\r\n"))  # fmt: skip
        d = replace(d, fingerprint=fingerprint(text, "unused-suppression", None, d.start, d.end, d.text))
        first, final = _covered(d, m.group("lead") is not None, last, line_groups)
        if kind == "disable":
            open_blocks[len(out)] = replace(d, first_line=first, last_line=final)
        out.append(replace(d, first_line=first, last_line=final))
    return out


def _covered(d: Directive, alone: bool, last: int, line_groups: dict[int, tuple[int, int]] | None) -> tuple[int, int]:
    """The first and last lines a directive covers (`alone`: it stands alone on its line)."""
    if d.kind == "ignore-file":
        return 1, last
    if d.kind == "disable":
        return d.line, last
    first, final = d.line, d.line + 1 if alone else d.line
    if line_groups and final in line_groups:
        final = max(final, line_groups[final][1])
    if line_groups and d.line in line_groups:  # an XLIFF note may follow the target it is about
        first = min(first, line_groups[d.line][0])
    return first, final


class Suppressions:
    """The directives of a file, indexed by line once, and what each suppressed: a finding is measured
    only against those that cover its line (an `ignore` covers one or two lines; the few that reach far
    are kept apart), so checking grows with the findings, not with findings times directives.
    `names_of` gives the rules a selector names (resolved once per directive); `used[i]` counts the
    findings directive i covered, starting from `used` (a file's count so far)."""

    NEAR = 8  # lines: a directive covering no more is indexed by each of its lines

    def __init__(
        self,
        directives: Sequence[Directive],
        names_of: Callable[[str], Iterable[str]],
        used: Sequence[int] = (),
    ) -> None:
        self.used = list(used) or [0] * len(directives)
        self.by_line: dict[int, list[int]] = {}
        self.wide: list[int] = []
        self.names: list[frozenset[str] | None] = []
        self.directives = directives
        for i, d in enumerate(directives):
            self.names.append(frozenset(n for sel in d.rules for n in names_of(sel)) if d.rules else None)
            if d.last_line - d.first_line < self.NEAR:
                for line in range(d.first_line, d.last_line + 1):
                    self.by_line.setdefault(line, []).append(i)
            else:
                self.wide.append(i)

    def hidden(self, f: Finding) -> bool:
        """Whether a directive covers the finding; each that does counts it."""
        line = f.span.line
        found = False
        for group in (self.by_line.get(line, ()), self.wide):
            for i in group:
                d, names = self.directives[i], self.names[i]
                if d.first_line <= line <= d.last_line and (names is None or f.rule in names):
                    self.used[i] += 1
                    found = True
        return found

    def suppress(self, findings: list[Finding]) -> list[Finding]:
        """The findings no directive covers."""
        if not self.directives:
            return findings
        return [f for f in findings if not self.hidden(f)]
