"""The default report: `path:line:col: CODE rule message`, the source line with a caret, a summary."""

from __future__ import annotations

import unicodedata
from collections import Counter
from functools import cache

import click

from ..findings import BIDI_CONTROLS, Finding, Severity
from ..text.escapes import Escapes
from .model import RunResult

CONTEXT = 60
_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
# Text from the files checked (their names, lines, words in messages) made safe to print, by every report
# meant for a terminal or a log: shown escaped (`\x1b`, `\u202e`) rather than as they are, the C0 and C1
# controls, which a terminal acts on (an ESC sequence recolours, moves the cursor, retitles the window;
# BEL rings), the bidi controls, which reorder how a line reads ("Trojan Source"), and lone surrogates (a
# file name's undecodable bytes, which no encoder writes).
_UNPRINTABLE = ((0x00, 0x1F), (0x7F, 0x9F), (0xD800, 0xDFFF), *((ord(c), ord(c)) for c in BIDI_CONTROLS))


@cache
def _escapes() -> Escapes:
    return Escapes(*_UNPRINTABLE)  # its pattern compiled on first use: a run that prints nothing needs none


def printable(text: str) -> str:
    """`text` with the characters above written as their escapes."""
    return _escapes()(text)


def width(text: str) -> int:
    """How many terminal columns `text` takes: wide and full-width characters (CJK, most emoji) two,
    combining marks and format characters (a zero-width joiner, a variation selector) none."""
    if text.isascii():
        return len(text)
    return sum(_char_width(ch) for ch in text)


def _char_width(ch: str) -> int:
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    if "\U0001f3fb" <= ch <= "\U0001f3ff":  # a skin tone modifier joins the emoji before it
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _excerpt(line: str, f: Finding) -> tuple[str, int, int]:
    """The finding's line, cut to a window around the match, tabs as spaces and made safe to show:
    (text, caret column, caret width), measured in terminal columns on the text as shown, so that the
    caret stays under the match however many characters before it are shown escaped or wide."""
    start = f.span.column - 1
    span = (f.span.end_column - 1 - start) if f.span.end_line == f.span.line else len(line) - start
    lo, hi = max(0, start - CONTEXT), min(len(line), start + max(span, 1) + CONTEXT)
    before, match, after = (printable(line[a:b].replace("\t", " ")) for a, b in
                            ((lo, start), (start, start + span), (start + span, hi)))  # fmt: skip
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(line) else ""
    return prefix + before + match + after + suffix, width(prefix + before), max(1, width(match))


def _segment_excerpt(f: Finding) -> tuple[str, int, int] | None:
    """A bilingual file's finding in its segment as a reviewer reads it, not the file's raw line (no XML,
    no PO syntax, inline codes as {1}…{/1}): `label: text`, cut to a window, with the caret's place."""
    view = f.segment
    start, end = f.segment_span
    if view is None or not 0 <= start <= end <= len(view.text):
        return None
    label = f"{view.label}" + (f" ({view.state})" if view.state else "") + ": "
    text = view.text.replace("\r", " ").replace("\n", " ")  # one line, the offsets kept
    lo, hi = max(0, start - CONTEXT), min(len(text), max(end, start + 1) + CONTEXT)
    before, match, after = (printable(text[a:b].replace("\t", " ")) for a, b in ((lo, start), (start, end), (end, hi)))
    prefix = label + ("…" if lo > 0 else "")
    shown = prefix + before + match + after + ("…" if hi < len(text) else "")
    return shown, width(prefix + before), max(1, width(match))


def render_finding(f: Finding, show_line: bool = True) -> str:
    head = (
        f"{click.style(printable(f.path), bold=True)}:{f.span.line}:{f.span.column}: "
        f"{click.style(f.code, fg=_COLOURS[f.severity], bold=True)} {f.rule} {printable(f.message)}"
    )
    notes = "".join(f"\n    {note}" for note in f.notes)
    if not show_line or not f.line_text:
        return head + notes
    text, col, width = _segment_excerpt(f) or _excerpt(f.line_text, f)
    caret = click.style("^" * width, fg=_COLOURS[f.severity])
    return f"{head}\n    {text}\n    {' ' * col}{caret}{_source_lines(f)}{notes}"


def _source_lines(f: Finding) -> str:
    """A bilingual finding's source, under its translation, with the finding's concept marked in it."""
    view = f.segment
    if view is None or not view.source:
        return ""
    text = view.source.replace("\r", " ").replace("\n", " ")
    spans = [(a, b) for a, b, ids in view.source_terms if f.concept in ids and 0 <= a < b <= len(text)]
    a, b = spans[0] if spans else (0, 0)
    lo, hi = max(0, a - CONTEXT), min(len(text), max(b, a + 1) + CONTEXT)
    before, match, after = (printable(text[x:y].replace("\t", " ")) for x, y in ((lo, a), (a, b), (b, hi)))
    prefix = "source: " + ("…" if lo > 0 else "")
    line = f"\n    {prefix}{before}{match}{after}{'…' if hi < len(text) else ''}"
    return line + (f"\n    {' ' * width(prefix + before)}{'~' * max(1, width(match))}" if spans else "")


def render(result: RunResult) -> str:
    return "".join(render_finding(f) + "\n" for f in result.findings)


SUMMARY_FILES = 20  # files named in the summary's "By file" at most


def summary(result: RunResult, fixing: bool = False, unsafe: bool = False, shown: bool = False,
            diff: bool = False, breakdown: bool = True) -> str:  # fmt: skip
    """The run in a few lines (stderr): counts, fixes, notes; by rule and by file where that says more
    than the findings printed above it (`shown`): two rules or more, two files or more. Where the
    report went elsewhere (a file, JSON, HTML), both, the files up to SUMMARY_FILES."""
    lines = [f"note: {printable(path)}: skipped: {printable(reason)}" for path, reason in result.skipped]
    if not result.streamed:
        result.recount()
    n = sum(result.by_rule.values())
    with_findings = len(result.by_file)
    files = len(result.files)
    line = f"Found {n} finding{'s' * (n != 1)} in {with_findings} of {files} file{'s' * (files != 1)}"
    if result.errors:  # unreadable files, and fixes that could not be written (each an error line above)
        line += f"; {len(result.errors)} error{'s' * (len(result.errors) != 1)}"
    if result.baselined:
        line += f"; {result.baselined} more recorded in the baseline"
    lines.append(line + ".")
    if fixing or diff or result.fixed:
        done = "Would fix" if diff else "Fixed"
        lines.append(f"{done} {result.fixed} finding{'s' * (result.fixed != 1)}.")
    if result.unsafe_held and not unsafe:
        lines.append(f"{result.unsafe_held} more fix{'es' * (result.unsafe_held != 1)} held back as unsafe "
                     "(apply with --unsafe-fixes).")  # fmt: skip
    elif not (fixing or diff) and (result.fixable["safe"] or result.fixable["unsafe"]):
        lines.append(_fixable(result.fixable["safe"], result.fixable["unsafe"], unsafe))
    if not breakdown:  # --statistics: its table is the breakdown
        return "\n".join(lines) + "\n"
    if n and (not shown or len(result.by_rule) > 1):
        lines.append("By rule:")
        lines += _counts(result.by_rule)
    if n and (not shown or len(result.by_file) > 1):
        lines.append("By file:")
        top = Counter(dict(sorted(result.by_file.items(), key=lambda kv: (-kv[1], kv[0]))[:SUMMARY_FILES]))
        lines += _counts(top)
        if len(result.by_file) > SUMMARY_FILES:
            rest = len(result.by_file) - SUMMARY_FILES
            lines.append(f"  … and {rest} more file{'s' * (rest != 1)}")
    return "\n".join(lines) + "\n"


def _fixable(safe: int, unsafe_fixes: int, unsafe: bool) -> str:
    """What --fix would do (ruff's "[*] N fixable with the --fix option"), when nothing was fixed."""
    if unsafe:  # --unsafe-fixes without --fix: shown as available, applied only with --fix
        total = safe + unsafe_fixes
        return (f"[*] {total} fixable with --fix --unsafe-fixes ({unsafe_fixes} of them unsafe); "
                "nothing was changed: fixes apply only with --fix.")  # fmt: skip
    line = f"[*] {safe} fixable with --fix" if safe else "[*] no safe fixes"
    if unsafe_fixes:
        line += f" ({unsafe_fixes} more with --fix --unsafe-fixes)"
    return line + "."


def _counts(counter: Counter[str]) -> list[str]:
    rows = [(printable(key), count) for key, count in sorted(counter.items())]  # keys: rules, or file names
    width = max(len(key) for key, _ in rows)
    return [f"  {key:<{width}} {count:>5}" for key, count in rows]


def statistics(result: RunResult) -> str:
    """`--statistics`: one line per rule, most frequent first, with how many could be fixed."""
    counts = Counter((f.code, f.rule) for f in result.findings)
    for (code, rule, _severity), n in result.not_shown_by_rule.items():  # past max-findings-per-file
        counts[(code, rule)] += n
    safe = Counter((f.code, f.rule) for f in result.findings if f.fix and f.fix.safe)
    unsafe = Counter((f.code, f.rule) for f in result.findings if f.fix and not f.fix.safe)
    lines = []
    for (code, rule), count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"{count:>6}  {code}  {rule:<24}" + _fixes(safe[(code, rule)], unsafe[(code, rule)]) + "\n")
    return "".join(lines)


def _fixes(safe: int, unsafe: int) -> str:
    """ruff's habit: `[*]` where `--fix` would fix (safe fixes); fixes only `--unsafe-fixes` applies
    are counted without the mark."""
    if safe:
        return f" [*] {safe} fixable" + (f" ({unsafe} more unsafe)" if unsafe else "")
    return f"     {unsafe} fixable with --unsafe-fixes" if unsafe else ""
