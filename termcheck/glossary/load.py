"""Read term base YAML files with the position of every key and value, and build the model.

PyYAML's C parser does the parsing; our constructor records positions so that every schema
problem can be reported as file:line:col with its key path (as pre-commit's cfgv and Vale do).
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import GlossaryError, nearest
from ..languages import normalize
from .compile import ordered_map, workers_for
from .files import expand
from .model import (
    CASE_MODES,
    GENDERS,
    TERM_TYPES,
    Concept,
    Example,
    Glossary,
    Position,
    Problem,
    Source,
    Status,
    Term,
    past_date,
    valid_id,
)

TOP_KEYS = ("version", "concepts")
CONCEPT_KEYS = ("id", "domain", "definition", "note", "gender", "territory", "sources", "terms", "examples")
TERM_KEYS = ("term", "status", "type", "group", "gender", "case", "inflect", "quoted", "note", "since", "homograph")
SOURCE_KEYS = ("title", "url", "checked", "langs", "note")
TERRITORY_RE = re.compile(r"^(?:[A-Z]{2}|\d{3})$")
EXAMPLE_KEYS = ("lang", "good", "bad", "rule")
TERM_BASE_LIMIT = 1 << 30  # bytes: a term base file is read whole; larger is not a term base


def errors(problems: list[Problem]) -> list[Problem]:
    """The problems that stop a term base from being used: not the warnings."""
    return [p for p in problems if not p.warning]


class _Map(dict):  # type: ignore[type-arg]
    """A mapping that remembers where it, its keys and its values stand (1-based)."""

    pos: tuple[int, int]
    key_pos: dict[Any, tuple[int, int]]
    val_pos: dict[Any, tuple[int, int]]


class _Seq(list):  # type: ignore[type-arg]
    pos: tuple[int, int]
    item_pos: list[tuple[int, int]]


def _mark(node: yaml.Node, offset: int = 0) -> tuple[int, int]:
    return (node.start_mark.line + 1 + offset, node.start_mark.column + 1)


_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    duplicates: list[tuple[tuple[int, int], Any]]
    label: str
    offset: int  # lines of the file before the text parsed (a part of a large file: `_read_in_parts`)


def _construct_map(loader: _Loader, node: yaml.MappingNode) -> _Map:
    loader.flatten_mapping(node)
    offset = loader.offset
    data = _Map()
    data.pos, data.key_pos, data.val_pos = _mark(node, offset), {}, {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):  # `? [a, b]`: YAML allows it, a term base never has it
            line, col = _mark(key_node, offset)
            raise GlossaryError("a key must be a plain value, not a list or a mapping", loader.label, line, col)
        key = loader.construct_object(key_node, deep=True)
        if key in data:
            loader.duplicates.append((_mark(key_node, offset), key))
        data[key] = loader.construct_object(value_node, deep=True)
        data.key_pos[key] = _mark(key_node, offset)
        data.val_pos[key] = _mark(value_node, offset)
    return data


def _construct_seq(loader: _Loader, node: yaml.SequenceNode) -> _Seq:
    data = _Seq(loader.construct_object(child, deep=True) for child in node.value)
    data.pos = _mark(node, loader.offset)
    data.item_pos = [_mark(child, loader.offset) for child in node.value]
    return data


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)


def parse_yaml(text: str, path: str, offset: int = 0) -> tuple[Any, list[Problem]]:
    """Parse YAML text; a syntax error becomes a located GlossaryError. `offset`: the lines of the
    file before `text`, added to every line reported."""
    loader = _Loader(text)
    loader.duplicates = []
    loader.label = path
    loader.offset = offset
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1 + offset, mark.column + 1) if mark else (None, None)
        what = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        raise GlossaryError(f"YAML syntax error: {what}", path, line, col) from None
    except yaml.YAMLError as exc:
        raise GlossaryError(f"YAML error: {exc}", path) from None
    finally:
        loader.dispose()
    problems = [Problem(path, ln, col, f"duplicate key {key!r}") for (ln, col), key in loader.duplicates]
    return data, problems


class _Builder:
    """Turns one parsed file into Concepts, collecting every problem rather than stopping at the first."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def problem(self, where: tuple[int, int], keypath: str, message: str) -> None:
        self.problems.append(Problem(self.path, where[0], where[1], f"{keypath}: {message}"))

    def check_keys(self, data: _Map, allowed: tuple[str, ...], keypath: str) -> None:
        for key in data:
            if key not in allowed:
                hint = nearest(str(key), allowed)
                extra = f" (did you mean {hint!r}?)" if hint else f" (valid keys: {', '.join(allowed)})"
                self.problem(data.key_pos[key], keypath, f"unknown key {key!r}{extra}")

    def text(self, data: _Map, key: str, keypath: str, required: bool = False) -> str | None:
        if key not in data:
            if required:
                self.problem(data.pos, keypath, f"missing required key {key!r}")
            return None
        value = data[key]
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.problem(
                data.val_pos[key],
                f"{keypath}.{key}",
                f"expected text, got {_kind(value)}"
                + (" (quote it: YAML reads yes/no/on/off as booleans)" if isinstance(value, bool) else ""),
            )
            return None
        value = str(value)
        if unicodedata.normalize("NFC", value) != value:
            self.problem(data.val_pos[key], f"{keypath}.{key}", f"{value!r} is not in Unicode NFC form")
        return value

    def choice(self, data: _Map, key: str, keypath: str, choices: tuple[str, ...]) -> str | None:
        value = self.text(data, key, keypath)
        if value is not None and value not in choices:
            hint = nearest(value, choices)
            extra = f" (did you mean {hint!r}?)" if hint else ""
            self.problem(data.val_pos[key], f"{keypath}.{key}", f"{value!r} is not one of {', '.join(choices)}{extra}")
            return None
        return value

    def flag(self, data: _Map, key: str, keypath: str, default: bool) -> bool:
        if key not in data:
            return default
        if not isinstance(data[key], bool):
            self.problem(data.val_pos[key], f"{keypath}.{key}", f"expected true or false, got {data[key]!r}")
            return default
        return bool(data[key])

    def lang_map(self, data: _Map, key: str, keypath: str, choices: tuple[str, ...] | None = None) -> dict[str, str]:
        """A per-language mapping ({en: ..., de: ...}); a bare string counts as English."""
        if key not in data:
            return {}
        value = data[key]
        if isinstance(value, str):
            return {"en": value}
        if not isinstance(value, _Map):
            self.problem(
                data.val_pos[key], f"{keypath}.{key}", f"expected a mapping of language to text, got {_kind(value)}"
            )
            return {}
        out: dict[str, str] = {}
        for raw, lang in self.languages(value, f"{keypath}.{key}"):
            item = (
                self.choice(value, raw, f"{keypath}.{key}", choices)
                if choices
                else self.text(value, raw, f"{keypath}.{key}")
            )
            if item is not None:
                out[lang] = item
        return out

    def languages(self, data: _Map, keypath: str) -> list[tuple[Any, str]]:
        """The keys of a per-language mapping, each with its tag in canonical case (`DE-DE`, `pt_br`:
        de-DE, pt-BR); a key that is no tag, or a second spelling of a tag already there, is a problem."""
        out: list[tuple[Any, str]] = []
        seen: dict[str, Any] = {}
        for raw in data:
            lang = normalize(raw) if isinstance(raw, str) else None
            if lang is None:
                self.problem(data.key_pos[raw], keypath, f"{raw!r} is not a BCP 47 language tag (en, de, pt-BR, ...)")
            elif lang in seen:
                self.problem(data.key_pos[raw], keypath, f"{raw!r} is the language {seen[lang]!r} again ({lang})")
            else:
                seen[lang] = raw
                out.append((raw, lang))
        return out

    def build(self, data: Any) -> list[Concept]:
        if data is None:
            return []
        if not isinstance(data, _Map):
            self.problems.append(
                Problem(self.path, 1, 1, "a term base file is a mapping with 'version' and 'concepts'")
            )
            return []
        self.check_keys(data, TOP_KEYS, "(top)")
        if "version" in data and data["version"] != 1:
            self.problem(
                data.val_pos["version"],
                "version",
                f"unsupported version {data['version']!r} (this termcheck reads version 1)",
            )
        if "concepts" not in data:
            return []  # a misspelt key ("conbepts") is reported by check_keys with the nearest valid key
        concepts = data["concepts"]
        if not isinstance(concepts, _Seq):
            if concepts is not None:
                self.problem(
                    data.val_pos["concepts"], "concepts", f"expected a list of concepts, got {_kind(concepts)}"
                )
            return []
        out = []
        for i, item in enumerate(concepts):
            concept = self.concept(item, concepts.item_pos[i], f"concepts[{i}]")
            if concept is not None:
                out.append(concept)
        return out

    def concept(self, data: Any, where: tuple[int, int], keypath: str) -> Concept | None:
        if not isinstance(data, _Map):
            self.problem(where, keypath, f"expected a concept mapping, got {_kind(data)}")
            return None
        cid = self.text(data, "id", keypath, required=True)
        self.check_keys(data, CONCEPT_KEYS, f"{keypath}({cid})" if cid else keypath)
        if cid is None:
            return None
        if not valid_id(cid):
            self.problem(
                data.val_pos["id"],
                f"{keypath}.id",
                f"{cid!r} is not a valid id (lower-case letters and digits of any script, then also '-', '_', '.')",
            )
        keypath = f"{keypath}({cid})"
        gender = self.lang_map(data, "gender", keypath, GENDERS)
        terms: dict[str, tuple[Term, ...]] = {}
        raw_terms = data.get("terms")
        if not isinstance(raw_terms, _Map):
            self.problem(
                data.val_pos.get("terms", data.pos),
                f"{keypath}.terms",
                "expected a mapping of language to a list of terms",
            )
        else:
            for raw, lang in self.languages(raw_terms, f"{keypath}.terms"):
                terms[lang] = self.term_list(
                    cid, lang, raw_terms[raw], raw_terms.val_pos[raw], f"{keypath}.terms.{raw}"
                )
        note = self.text(data, "note", keypath) if not isinstance(data.get("note"), _Map) else None
        return Concept(
            id=cid,
            domain=self.text(data, "domain", keypath),
            definition=self.lang_map(data, "definition", keypath),
            note=note,
            gender=gender,
            terms=terms,
            examples=self.examples(data, keypath),
            position=Position(self.path, *data.pos),
            sources=self.sources(data, keypath),
            territory=self.territory(data, keypath),
        )

    def territory(self, data: _Map, keypath: str) -> str | None:
        code = self.text(data, "territory", keypath)
        if code is not None and not TERRITORY_RE.match(code):
            self.problem(
                data.val_pos["territory"],
                f"{keypath}.territory",
                f"{code!r} is not a CLDR territory code (KZ, US, 419)",
            )
            return None
        return code

    def date(self, data: _Map, key: str, keypath: str, required: bool = False, full: bool = False) -> str | None:
        """A date as YYYY-MM-DD (YYYY or YYYY-MM too unless `full`), a real one and not in the future."""
        raw = data.get(key)
        if isinstance(raw, datetime.date):  # YAML reads an unquoted 2026-12-06 as a date
            data[key] = raw.isoformat()[:10] if not isinstance(raw, datetime.datetime) else str(raw)
        value = self.text(data, key, keypath, required)
        if value is None:
            return None
        if not past_date(value, full):
            shape = "YYYY-MM-DD" if full else "YYYY, YYYY-MM or YYYY-MM-DD"
            self.problem(data.val_pos[key], f"{keypath}.{key}", f"{value!r} is not a past date ({shape})")
            return None
        return value

    def sources(self, data: _Map, keypath: str) -> tuple[Source, ...]:
        items = data.get("sources")
        if items is None:
            return ()
        if not isinstance(items, _Seq):
            self.problem(data.val_pos["sources"], f"{keypath}.sources", "expected a list of sources")
            return ()
        out = []
        for i, item in enumerate(items):
            kp = f"{keypath}.sources[{i}]"
            if not isinstance(item, _Map):
                self.problem(
                    items.item_pos[i], kp, f"expected a source mapping (title, url, checked, langs), got {_kind(item)}"
                )
                continue
            self.check_keys(item, SOURCE_KEYS, kp)
            title = self.text(item, "title", kp, required=True)
            checked = self.date(item, "checked", kp, required=True, full=True)
            url = self.text(item, "url", kp)
            if url is not None and not url.startswith(("https://", "http://")):
                self.problem(item.val_pos["url"], f"{kp}.url", f"{url!r} is not an http(s) address")
                url = None
            langs = self.lang_list(item, "langs", kp)
            if title is not None and checked is not None:
                out.append(Source(title, checked, url, langs, self.text(item, "note", kp)))
        return tuple(out)

    def lang_list(self, data: _Map, key: str, keypath: str) -> tuple[str, ...]:
        value = data.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.problem(data.val_pos[key], f"{keypath}.{key}", f"expected a list of language tags, got {_kind(value)}")
            return ()
        tags = [normalize(v) if isinstance(v, str) else None for v in value]
        bad = [v for v, tag in zip(value, tags, strict=True) if tag is None]
        if bad:
            self.problem(
                data.val_pos[key], f"{keypath}.{key}", f"{bad[0]!r} is not a BCP 47 language tag (en, de, pt-BR, ...)"
            )
        return tuple(dict.fromkeys(tag for tag in tags if tag is not None))

    def term_list(self, cid: str, lang: str, items: Any, where: tuple[int, int], keypath: str) -> tuple[Term, ...]:
        if not isinstance(items, _Seq):
            self.problem(where, keypath, f"expected a list of terms, got {_kind(items)}")
            return ()
        out = []
        for i, item in enumerate(items):
            if isinstance(item, str):  # shorthand: a bare term is preferred
                item = _Map({"term": item})
                item.pos = items.item_pos[i]
                item.key_pos = {"term": item.pos}
                item.val_pos = {"term": item.pos}
            term = self.term(cid, lang, item, items.item_pos[i], f"{keypath}[{i}]")
            if term is not None:
                out.append(term)
        return tuple(out)

    def term(self, cid: str, lang: str, data: Any, where: tuple[int, int], keypath: str) -> Term | None:
        if not isinstance(data, _Map):
            self.problem(where, keypath, f"expected a term mapping, got {_kind(data)}")
            return None
        self.check_keys(data, TERM_KEYS, keypath)
        text = self.text(data, "term", keypath, required=True)
        if text is None:
            return None
        if text != text.strip() or not text:
            self.problem(data.val_pos["term"], f"{keypath}.term", f"{text!r} has leading or trailing spaces")
            text = text.strip()
        status = self.choice(data, "status", keypath, tuple(s.value for s in Status)) or "preferred"
        acronym = is_acronym(text)
        case = self.choice(data, "case", keypath, CASE_MODES) or default_case(text)
        return Term(
            text=text,
            lang=lang,
            status=Status(status),
            concept_id=cid,
            type=self.choice(data, "type", keypath, TERM_TYPES) or ("acronym" if acronym else None),
            group=self.text(data, "group", keypath),
            gender=self.choice(data, "gender", keypath, GENDERS),
            case=case,
            inflect=self.flag(data, "inflect", keypath, case != "exact"),
            quoted=self.flag(data, "quoted", keypath, False),
            note=self.text(data, "note", keypath),
            position=Position(self.path, *data.val_pos["term"]),
            since=self.date(data, "since", keypath),
            homograph=self.flag(data, "homograph", keypath, False),
        )

    def examples(self, data: _Map, keypath: str) -> tuple[Example, ...]:
        items = data.get("examples")
        if items is None:
            return ()
        if not isinstance(items, _Seq):
            self.problem(data.val_pos["examples"], f"{keypath}.examples", "expected a list of examples")
            return ()
        out = []
        for i, item in enumerate(items):
            kp = f"{keypath}.examples[{i}]"
            if not isinstance(item, _Map):
                self.problem(items.item_pos[i], kp, f"expected an example mapping, got {_kind(item)}")
                continue
            self.check_keys(item, EXAMPLE_KEYS, kp)
            raw = self.text(item, "lang", kp, required=True)
            lang = normalize(raw) if raw is not None else None
            if raw is not None and lang is None:
                self.problem(
                    item.val_pos["lang"], f"{kp}.lang", f"{raw!r} is not a BCP 47 language tag (en, de, pt-BR, ...)"
                )
            good, bad = self.text(item, "good", kp), self.text(item, "bad", kp)
            if (good is None) == (bad is None):
                self.problem(item.pos, kp, "an example has exactly one of 'good' or 'bad'")
                continue
            if lang is None:
                continue
            out.append(
                Example(
                    lang=lang,
                    text=good if good is not None else str(bad),
                    good=good is not None,
                    rule=self.text(item, "rule", kp),
                    position=Position(self.path, *item.pos),
                )
            )
        return tuple(out)


def is_acronym(text: str) -> bool:
    if " " in text:
        return False  # most terms: no need to look at their letters
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and " " not in text


def default_case(text: str) -> str:
    """Acronyms match as written; names with capitals as written or in ALL CAPS; other words in any case."""
    if is_acronym(text):
        return "exact"
    if any(c.isupper() for c in text):
        return "name"
    return "ignore"


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    for kind, name in ((bool, "a boolean"), (dict, "a mapping"), (list, "a list"), (str, "text")):
        if isinstance(value, kind):
            return name
    return f"a {type(value).__name__}"


def read_file(path: Path, label: str | None = None) -> tuple[list[Concept], list[Problem]]:
    """Load one file; unreadable or unparseable files raise GlossaryError."""
    name = label or path.as_posix()
    from ..errors import SourceError
    from ..sources.text import read_regular

    try:
        raw = read_regular(path, name, TERM_BASE_LIMIT)
    except SourceError as exc:
        raise GlossaryError(f"cannot read term base: {exc.message}", name) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GlossaryError(f"term base is not valid UTF-8 at byte {exc.start}", name) from None
    return read_text(text, name)


def read_text(text: str, name: str) -> tuple[list[Concept], list[Problem]]:
    """Load one file's text (a file as it was at a git revision, say); `name` labels its problems."""
    if len(text) >= PARTS_FROM:
        parts = _read_in_parts(text, name)
        if parts is not None:
            return parts
    data, problems = parse_yaml(text, name)
    builder = _Builder(name)
    concepts = builder.build(data)
    return concepts, problems + builder.problems


PARTS_FROM = 1 << 20  # characters: a file this large is read a few hundred concepts at a time
_PART = 500  # concepts parsed at once
_CONCEPTS_LINE = re.compile(r"concepts:[ \t]*(?:#.*)?")
_CONCEPTS_AT = re.compile(r"^concepts:[ \t]*(?:#[^\n]*)?$", re.MULTILINE)  # a line _CONCEPTS_LINE matches whole
# YAML that ties one part of a file to another (anchors, aliases, tags, merge keys, directives,
# several documents) or that a line-based split could misread (tabs): such a file is read whole. A
# false alarm (an asterisk in a term) only costs the memory that reading in parts saves.
_WHOLE_ONLY = re.compile(r"(?:^|[\s\[{,])[&*!]\S|<<\s*:|^(?:---|\.\.\.|%)|\t", re.MULTILINE)


# A part of a file read in parts (`_read_part`): its parser's problems, its concepts and their problems.
_PartResult = tuple[list[Problem], list[Concept], list[Problem]] | None


@dataclass(frozen=True, slots=True)
class ConceptLines:
    """A file cut at its concepts: its lines, the line of `concepts:`, the column of the concepts'
    dashes, the first line of each concept, and the line where the list ends (trailing blank lines
    left out)."""

    lines: list[str]
    head: int
    indent: int
    starts: list[int]
    end: int


def concept_lines(text: str) -> ConceptLines | None:
    """Where each concept of a file starts, when its concepts are a block list under one top-level
    `concepts:` key and nothing ties one part of the file to another (see _WHOLE_ONLY); else None."""
    if _WHOLE_ONLY.search(text):
        return None
    lines = text.split("\n")
    heads = _heads(text)
    if len(heads) != 1:
        return None
    first = next(
        (i for i in range(heads[0] + 1, len(lines)) if lines[i].strip() and not lines[i].lstrip().startswith("#")), None
    )
    if first is None:
        return None
    indent = len(lines[first]) - len(lines[first].lstrip(" "))
    if not lines[first][indent:].startswith("-"):
        return None
    end, starts = len(lines), []
    for i in range(first, len(lines)):
        line = lines[i]
        body = line.lstrip(" ")
        if not body or body.startswith("#"):
            continue
        depth = len(line) - len(body)
        if depth == indent and (body == "-" or body.startswith("- ")):
            starts.append(i)
        elif depth <= indent:
            end = i  # the next top-level key
            break
    while end > first and not lines[end - 1].strip():
        end -= 1
    return ConceptLines(lines, heads[0], indent, starts, end)


def _heads(text: str) -> list[int]:
    """The lines (from 0) that are a top-level `concepts:` key: those of `text.split("\\n")` that
    _CONCEPTS_LINE matches whole, found by one search of the text rather than a match per line."""
    heads, line, at = [], 0, 0
    for m in _CONCEPTS_AT.finditer(text):
        line += text.count("\n", at, m.start())
        at = m.start()
        heads.append(line)
    return heads


def _read_in_parts(text: str, name: str) -> tuple[list[Concept], list[Problem]] | None:
    """A large file whose concepts are a block list under a top-level `concepts:` key, read a few
    hundred concepts at a time: the YAML nodes of 100,000 concepts at once took 6 GB. The same
    concepts and problems as reading it whole (a test compares both); None when the file is not laid
    out so (it is then read whole), and a part that does not parse as a list of concepts sends the
    whole file to the parser, so that any error is the one the whole file gives."""
    cut = concept_lines(text)
    if cut is None:
        return None
    lines, heads, starts, end = cut.lines, [cut.head], cut.starts, cut.end
    head = "\n".join(lines[: heads[0] + 1] + [""] * (end - heads[0] - 1) + lines[end:])
    try:
        data, problems = parse_yaml(head, name)
    except GlossaryError:
        return None
    if not isinstance(data, _Map) or data.get("concepts", 0) is not None:
        return None
    before = [p for p in problems if p.line <= heads[0] + 1]
    after = [p for p in problems if p.line > heads[0] + 1]
    builder = _Builder(name)
    builder.build(data)  # the top-level keys and the version; no concepts in this text
    concepts: list[Concept] = []

    def calls() -> Iterator[tuple[str, str, int, int, int]]:
        for n in range(0, len(starts), _PART):
            a, b = starts[n], starts[n + _PART] if n + _PART < len(starts) else end
            yield name, "\n".join(lines[a:b]), a, n, len(starts[n : n + _PART])

    parts = _parts(calls, -(-len(starts) // _PART))
    for part in parts:
        if part is None:
            return None
        found, built, problems = part
        before += found
        concepts += built
        builder.problems += problems
    return concepts, before + after + builder.problems


def _parts(calls: Callable[[], Iterator[tuple[str, str, int, int, int]]], count: int) -> Iterable[_PartResult]:
    """`_read_part` of each call, in order: in worker processes where there are enough parts and CPUs
    (`compile.workers_for`), else here, one part at a time. Workers that cannot start or that die
    (a script run without `if __name__ == "__main__"`, which they would run again) leave it to this one."""
    workers = workers_for(count)
    if workers:
        from concurrent.futures.process import BrokenProcessPool

        try:
            return list(ordered_map(_read_sent_part, calls(), workers))
        except (BrokenProcessPool, OSError, RuntimeError):
            pass
    return (_read_part(*args) for args in calls())


# The strings of this module that a concept may hold (a term's case and type when the file gives none,
# a definition given as bare text): interned, as every constant that looks like a name is. Sent from a
# worker process they arrive as copies that are not, and `marshal`, which marks interned strings,
# would then write the compiled term base other than a single process does: they are put back.
_CONSTANTS = {s: s for s in ("exact", "name", "ignore", "acronym", "en")}


def _read_sent_part(name: str, text: str, offset: int, first: int, count: int) -> _PartResult:
    """`_read_part` in a worker process: its concepts with the constants they hold marked, put back in
    place where the part arrives (`_restored`)."""
    part = _read_part(name, text, offset, first, count)
    return None if part is None else _Part(part)


class _Part(tuple):  # type: ignore[type-arg]
    """A part read in a worker: (parser's problems, concepts, problems), which pickles with the places
    of the module's constants among its concepts, and unpickles with those constants put back."""

    def __reduce__(self) -> tuple[Any, ...]:
        constant = _CONSTANTS.get
        marks = []
        for i, concept in enumerate(self[1]):
            for field in ("definition", "gender"):
                if any(constant(key) is key for key in getattr(concept, field)):
                    marks.append((i, field, 0))
            for lang, terms in concept.terms.items():
                for k, term in enumerate(terms):
                    bits = (term.case is not None and constant(term.case) is term.case) | (
                        (term.type is not None and constant(term.type) is term.type) << 1
                    )
                    if bits:
                        marks.append((i, lang, k * 4 + bits))
        return (_restored, (tuple(self), marks))


def _restored(part: tuple[Any, ...], marks: list[tuple[int, str, int]]) -> tuple[Any, ...]:
    setter = object.__setattr__
    concepts = part[1]
    for i, where, code in marks:
        concept = concepts[i]
        if where in ("definition", "gender"):
            mapping = getattr(concept, where)
            setter(
                concept, where, {(_CONSTANTS["en"] if key == "en" else key): value for key, value in mapping.items()}
            )
            continue
        term = concept.terms[where][code // 4]
        if code & 1:
            setter(term, "case", _CONSTANTS[term.case])
        if code & 2:
            setter(term, "type", _CONSTANTS[term.type])
    return part


def _read_part(name: str, text: str, offset: int, first: int, count: int) -> _PartResult:
    """One part of a file read in parts: its parser's problems, its concepts (the first numbered
    `first`) and their problems; None if it is not a list of `count` concepts. Run in a worker process
    where the file has many parts (`compile.ordered_map`, `_read_sent_part`)."""
    try:
        items, found = parse_yaml(text, name, offset=offset)
    except GlossaryError:
        return None
    if not isinstance(items, _Seq) or len(items) != count:
        return None
    builder = _Builder(name)
    concepts = []
    for i, item in enumerate(items):
        concept = builder.concept(item, items.item_pos[i], f"concepts[{first + i}]")
        if concept is not None:
            concepts.append(concept)
    return found, concepts, builder.problems


def load(paths: list[str] | None = None) -> tuple[Glossary, list[Problem]]:
    """Load and validate term base files (the built-in one when `paths` is empty)."""
    from .validate import validate

    sources = expand(paths or ["builtin"])
    concepts: list[Concept] = []
    problems: list[Problem] = []
    for path, label in sources:
        found, probs = read_file(path, label)
        concepts += found
        problems += probs
    glossary = Glossary(tuple(concepts), tuple(label for _, label in sources))
    return glossary, problems + validate(glossary)
