"""What MDX and heading attributes add to Markdown: code written among the prose, blanked before the
Markdown is parsed, so that none of it is checked and the prose around it keeps its place in the file.

In every Markdown file: a heading's attribute block at its end (`## Title {#custom-id}`, Pandoc's and
kramdown's `{#id .class}`, MDX's escaped `\\{#id\\}`): the id is a slug, not prose.

In MDX (`.mdx`), also:
- ESM: an `import` or `export` block (a paragraph that starts with the word, at the start of a line);
- expressions `{…}`, comments `{/* … */}` among them (a backslash-escaped `\\{` is text);
- JSX tags: components (`<Tabs groupId="x">`, `<TabItem value="npm" label="npm">`, `<Note />`,
  `<motion.div>`), fragments (`<>`, `</>`) and any tag with an expression among its attributes
  (`<img src={x} />`), each with its props. Lowercase HTML tags without expressions are left to the
  Markdown reader, which knows `<code>`, `<span lang>` and `translate="no"`. The text between a
  component's tags is Markdown and is checked, except inside components whose children are code
  (CODE_COMPONENTS: Docusaurus's `<CodeBlock>`, Starlight's `<FileTree>`).

Fenced code blocks and code spans are left as they are (MDX reads them as code, and so does the
Markdown reader). What is blanked turns into spaces, line ends kept; where it stands inside a line
of text, its first character becomes a MASK, so no word or term runs across it and no fix touches it.
A `{` or `<` that opens nothing complete is text, as it is to the Markdown reader.
"""

from __future__ import annotations

import bisect
import re

from .base import MASK, line_starts

CODE_COMPONENTS = frozenset({"CodeBlock", "FileTree"})

_HEADING_ID_RE = re.compile(r"^[ \t]{0,3}#{1,6}[ \t].*?[ \t](\\?\{#[^{}\r\n]*?\\?\})[ \t]*#*[ \t]*$", re.M)
_FENCE_RE = re.compile(r"[ \t]*(`{3,}|~{3,})")
_ESM_RE = re.compile(r"(?:import|export)(?=[\s{*])")
_NAME_RE = re.compile(r"[A-Za-z_$][\w$.:-]*")
_BLANK_LINE_RE = re.compile(r"\n[ \t]*\r?\n|\r[ \t]*\r")
_LINE_END_RE = re.compile(r"\r\n?|\n")
_BACKTICKS_RE = re.compile(r"`+")
_CLOSERS = {"{": "}", "(": ")", "[": "]"}
_TEXT_PROP_RE = re.compile(r"""(?<![\w.-])(alt|title)[ \t]*=[ \t]*(?:"([^"\r\n]*)"|'([^'\r\n]*)')""")


def heading_ids(text: str) -> list[tuple[int, int]]:
    """Where the attribute blocks at the end of headings stand (`{#custom-id}`, `\\{#id\\}`)."""
    return [m.span(1) for m in _HEADING_ID_RE.finditer(text)]


def blank(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with each span turned into spaces (line ends kept), its first character a MASK where
    the span shares its line with other text: the same length, so every offset stays."""
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            if chars[i] not in "\r\n":
                chars[i] = " "
    starts = line_starts(text)
    text_left: dict[int, bool] = {}  # by line: whether text is left on it
    for start, _end in spans:
        line = bisect.bisect_right(starts, start) - 1
        if line not in text_left:
            stop = starts[line + 1] if line + 1 < len(starts) else len(text)
            text_left[line] = bool("".join(chars[starts[line] : stop]).strip())
        if text_left[line]:
            chars[start] = MASK
    return "".join(chars)


def scan(text: str, mdx: bool) -> tuple[list[tuple[int, int]], list[tuple[int, int, str]]]:
    """What is code among the prose of a Markdown (`mdx`: MDX) file: heading ids, and in MDX its ESM,
    expressions and JSX (in file order, none overlapping); and the text props of its JSX tags
    (start, end, name), read as the HTML reader reads `alt` and `title` attributes."""
    if not mdx:
        return heading_ids(text), []
    scanner = _Scanner(text)
    return scanner.scan(), scanner.props


class _Scanner:
    """One pass over an MDX file, from left to right, past code blocks and code spans. An expression,
    a tag or a code span is looked for within its paragraph only (up to a blank line), and once one
    fails to close there no more are looked for in that paragraph: the pass stays linear."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans: list[tuple[int, int]] = []
        self.props: list[tuple[int, int, str]] = []
        self.para_end = -1  # where the paragraph being read ends
        self.failed = -1  # a paragraph where an expression or a tag did not close

    def scan(self) -> list[tuple[int, int]]:
        text, i = self.text, 0
        ids = dict(heading_ids(text))
        line_start = True
        while i < len(text):
            if line_start:
                past = self._block(i)
                if past != i:
                    i = past
                    continue
            ch = text[i]
            line_start = ch in "\r\n"
            if i >= self.para_end:
                m = _BLANK_LINE_RE.search(text, i)
                self.para_end = m.end() if m else len(text)
            if i in ids:
                self.spans.append((i, ids[i]))
                i = ids[i]
            elif ch == "\\":
                i += 2
            elif ch == "`":
                i = self._code_span(i)
            elif ch in "{<" and self.failed != self.para_end:
                end = _skip_js(text, i, self.para_end) if ch == "{" else self._tag(i)
                if end is None:
                    self.failed = self.para_end
                elif ch == "{":
                    self.spans.append((i, end))
                i = i + 1 if end is None else end
            else:
                i += 1
        return self.spans

    def _block(self, i: int) -> int:
        """Past a fenced code block or an ESM block that starts at `i` (a line's start), else `i`."""
        text = self.text
        fence = _FENCE_RE.match(text, i)
        if fence:
            mark = fence.group(1)
            closing = re.compile(rf"^[ \t]*{re.escape(mark[0])}{{{len(mark)},}}[ \t]*$", re.M)
            m = _LINE_END_RE.search(text, i)
            close = closing.search(text, m.end()) if m else None
            return len(text) if close is None else close.end()
        if _ESM_RE.match(text, i) and _after_blank_line(text, i):
            end = _esm_end(text, i)
            self.spans.append((i, end))
            return end
        return i

    def _code_span(self, i: int) -> int:
        """Past a code span opening at `i` (a run of backticks closed by a run as long in the same
        paragraph), else past the run, which is then text."""
        run = _BACKTICKS_RE.match(self.text, i)
        assert run is not None
        for m in _BACKTICKS_RE.finditer(self.text, run.end(), self.para_end):
            if len(m.group()) == len(run.group()):
                return m.end()
        return run.end()

    def _tag(self, i: int) -> int | None:
        """Past a JSX tag at `i`, blanked when it is a component's, a fragment's or holds an expression
        (and past the children of a component whose children are code); past the `<` alone where the
        tag is one the Markdown reader knows or no tag opens; None where a tag does not close."""
        text = self.text
        j = i + 1 + (text.startswith("/", i + 1))
        name = _NAME_RE.match(text, j)
        if name is None and not text.startswith(">", j):
            return i + 1
        end = _skip_tag(text, name.end() if name else j, self.para_end)
        if end is None:
            return None
        component = name is None or name.group()[0].isupper() or "." in name.group()
        if not component and "{" not in text[i:end]:
            return i + 1
        self.spans.append((i, end))
        for prop in _TEXT_PROP_RE.finditer(text, i, end):
            group = 2 if prop.group(2) is not None else 3
            self.props.append((prop.start(group), prop.end(group), prop.group(1)))
        tag = name.group() if name else ""
        if tag in CODE_COMPONENTS and text[i + 1] != "/" and text[end - 2] != "/":
            close = text.find(f"</{tag}", end)
            if close >= 0:
                self.spans.append((end, close))
                return close
        return end


def _after_blank_line(text: str, i: int) -> bool:
    """Whether a block may start at line start `i`: the file's first line, or one after a blank line."""
    if i == 0:
        return True
    previous = max(text.rfind("\n", 0, i - 1), text.rfind("\r", 0, i - 1)) + 1
    return not text[previous:i].strip()


def _esm_end(text: str, i: int) -> int:
    """Where an ESM block starting at `i` ends: at the first blank line outside brackets and strings."""
    depth, k = 0, i
    while k < len(text):
        ch = text[k]
        if ch in "'\"`":
            k = _skip_string(text, k, len(text))
            continue
        if ch in "{([":
            depth += 1
        elif ch in "})]":
            depth = max(0, depth - 1)
        elif ch in "\r\n" and depth == 0 and (m := _BLANK_LINE_RE.match(text, k)):
            return m.start()
        k += 1
    return len(text)


def _skip_js(text: str, i: int, limit: int) -> int | None:
    """Past the bracketed JavaScript opening at `i` (strings, template literals and comments inside
    read as such), or None where it does not close before `limit`."""
    stack = [_CLOSERS[text[i]]]
    k = i + 1
    while k < limit:
        ch = text[k]
        if ch in "'\"`":
            k = _skip_string(text, k, limit)
            continue
        if text.startswith("/*", k):
            close = text.find("*/", k + 2, limit)
            if close < 0:
                return None
            k = close + 2
            continue
        if ch in _CLOSERS:
            stack.append(_CLOSERS[ch])
        elif ch in "})]":
            if ch != stack.pop():
                return None
            if not stack:
                return k + 1
        k += 1
    return None


def _skip_string(text: str, i: int, limit: int) -> int:
    """Past a quoted string or a template literal opening at `i` (to `limit` if it does not close)."""
    quote, k = text[i], i + 1
    while k < limit:
        ch = text[k]
        if ch == "\\":
            k += 2
            continue
        if ch == quote:
            return k + 1
        if quote == "`" and text.startswith("${", k):
            end = _skip_js(text, k + 1, limit)
            k = end if end is not None else k + 2
            continue
        if quote != "`" and ch in "\r\n":
            return k  # an unclosed quote ends at its line
        k += 1
    return limit


def _skip_tag(text: str, k: int, limit: int) -> int | None:
    """Past the attributes and the closing `>` of a JSX tag whose name ends at `k`, or None where it
    does not close before `limit`."""
    while k < limit:
        ch = text[k]
        if ch == ">":
            return k + 1
        if ch in "\"'":
            close = text.find(ch, k + 1, limit)
            if close < 0:
                return None
            k = close + 1
        elif ch == "{":
            end = _skip_js(text, k, limit)
            if end is None:
                return None
            k = end
        elif ch == "<":
            return None
        else:
            k += 1
    return None
