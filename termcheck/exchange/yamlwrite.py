"""Apply imported rows to the YAML term base, concept by concept, with ruamel.yaml's round trip:
comments, key order, quoting and flow style stay as they were; what no one edited stays byte for byte.

Linear in the term base and in the file imported. A file laid out as a block list of concepts (see
glossary.load.concept_lines) is cut at its concepts: a first pass on plain values (PyYAML's C parser, a
few hundred concepts at a time) finds the concepts that change; only those are read back with their
comments, changed, written and put back in place, and new concepts are written a few hundred at a time
after the last. Any other file (anchors, tabs, a flow list) is read and written whole."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import GlossaryError
from ..glossary.load import ConceptLines
from .records import ConceptRow, ExampleRow, Table, TermRow

DEFAULT_FILE = "imported.yaml"


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=2, offset=0)
    return yaml


@dataclass
class Changes:
    """The new text of every file the import changes (None before: a new file), and what changed."""

    files: dict[Path, tuple[str | None, str]] = field(default_factory=dict)
    summary: list[str] = field(default_factory=list)


def _term_row(concept: str, lang: str, node: Any) -> TermRow:
    if isinstance(node, str):
        return TermRow(concept, lang, node)
    return TermRow(concept, lang, str(node.get("term", "")), node.get("status", "preferred"), node.get("type"),
                   node.get("gender"), node.get("group"), node.get("note"), node.get("case"), node.get("inflect"),
                   node.get("quoted"), since=None if node.get("since") is None else str(node.get("since")),
                   homograph=node.get("homograph"))  # fmt: skip


def _term_node(row: TermRow) -> Any:
    from ruamel.yaml.comments import CommentedMap

    data = row.as_yaml()
    if list(data) == ["term"]:
        return row.term
    node = CommentedMap(data)
    node.fa.set_flow_style()
    return node


_BATCH = 500  # concepts read, or new ones written, at once


@dataclass
class _File:
    """A term base file as read: its text (None: a new file) and, when it is laid out as a block list of
    concepts, where each starts (`cut`); else it is read and written whole."""

    path: Path
    text: str | None
    cut: ConceptLines | None = None

    def chunk(self, k: int) -> str:
        """The text of the file's k-th concept, its dashes moved to the first column."""
        assert self.cut is not None
        cut, starts = self.cut, self.cut.starts
        lines = cut.lines[starts[k] : starts[k + 1] if k + 1 < len(starts) else cut.end]
        pad = " " * cut.indent
        return "\n".join(line[cut.indent :] if line.startswith(pad) else line.lstrip(" ") for line in lines)


class _Folder:
    """The term base's files, each read once (regular files only, never more than the term base limit),
    and where every concept is: (file, its place in the file's cut, or None in a file read whole)."""

    def __init__(self, folder: Path) -> None:
        from ..glossary.load import TERM_BASE_LIMIT, concept_lines
        from ..sources.text import read_regular

        self.files: dict[Path, _File] = {}
        self.place: dict[str, tuple[Path, int | None]] = {}
        for path in sorted(p for p in folder.glob("*.y*ml") if p.is_file()):
            raw = read_regular(path, str(path), TERM_BASE_LIMIT)
            try:  # the text as Path.read_text gives it: what the file must still be when it is replaced
                text = raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
            except UnicodeDecodeError as exc:
                raise GlossaryError(f"term base is not valid UTF-8 at byte {exc.start}", str(path)) from None
            self.files[path] = _File(path, text, concept_lines(text))

    def plain(self) -> dict[str, Any] | None:
        """Every concept as plain values (PyYAML's C parser, a few hundred concepts at a time), or None
        when a file does not parse so (the round-trip reader then reads every file, and says why)."""
        nodes: dict[str, Any] = {}
        try:
            for f in self.files.values():
                items = self._cut_items(f) if f.cut is not None else None
                if items is None:
                    f.cut = None
                    data = _plain_load(f.text or "")
                    items = list((data or {}).get("concepts") or []) if isinstance(data, dict) else []
                for k, node in enumerate(items):
                    cid = str(node.get("id"))
                    nodes[cid], self.place[cid] = node, (f.path, k if f.cut is not None else None)
        except Exception:  # a file the fast reader refuses: the careful one will say why
            return None
        return nodes

    @staticmethod
    def _cut_items(f: _File) -> list[Any] | None:
        assert f.cut is not None
        starts, lines, items = f.cut.starts, f.cut.lines, []
        for n in range(0, len(starts), _BATCH):
            stop = starts[n + _BATCH] if n + _BATCH < len(starts) else f.cut.end
            part = _plain_load("\n".join(lines[starts[n] : stop]))
            if not isinstance(part, list) or len(part) != len(starts[n : n + _BATCH]):
                return None
            if not all(isinstance(item, dict) for item in part):
                return None
            items += part
        return items


class _Writer:
    """Applies rows to concepts. The probe (`nodes` given: plain values) only finds which concepts
    change; the writer reads those with comments (ruamel's round trip, some thirty times slower than
    PyYAML's C parser): a concept alone from a cut file, a file read whole at once."""

    def __init__(self, folder: Path, files: _Folder, nodes: dict[str, Any] | None = None) -> None:
        self.folder, self.files = folder, files
        self.yaml = _yaml()
        self.probe = nodes is not None
        self.nodes: dict[str, Any] = nodes or {}
        self.path_of: dict[str, Path] = {cid: place[0] for cid, place in files.place.items()}
        self.edited: dict[Path, dict[int, Any]] = {}  # a cut file's concepts read back, by place
        self.whole: dict[Path, Any] = {}  # the documents of files read whole
        self.new: dict[Path, list[Any]] = {}
        self.changed: dict[str, Path] = {}  # concept → its file, for every concept with a change
        self.changes = Changes()

    def note(self, cid: str, message: str) -> None:
        self.changes.summary.append(f"{cid}: {message}")
        self.changed.setdefault(cid, self.path_of.get(cid, self.folder / DEFAULT_FILE))

    def concept(self, cid: str, file: str | None) -> Any:
        """The concept's node (None in the probe for a new concept: it changes, nothing more to know)."""
        from ruamel.yaml.comments import CommentedMap

        if cid in self.nodes:
            return self.nodes[cid]
        if cid in self.files.place and not self.probe:
            return self._read(cid)
        path = self.folder / (file or DEFAULT_FILE)
        self.path_of[cid] = path
        if self.probe:
            self.changed[cid] = path
            return None
        node = self.nodes[cid] = CommentedMap([("id", cid)])
        doc = self._whole(path) if path in self.files.files and self.files.files[path].cut is None else None
        if doc is not None:
            doc["concepts"].append(node)
        else:
            self.new.setdefault(path, []).append(node)
        self.note(cid, f"new concept (in {path.name})")
        return node

    def _read(self, cid: str) -> Any:
        """An existing concept with its comments: alone from a cut file, or from its whole file."""
        path, k = self.files.place[cid]
        if k is None:
            self._whole(path)
        else:
            seq = self.yaml.load(self.files.files[path].chunk(k))
            self.edited.setdefault(path, {})[k] = seq
            self.nodes[cid] = seq[0]
        return self.nodes[cid]

    def _whole(self, path: Path) -> Any:
        """The document of a file read whole (once), its concepts indexed."""
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        if path not in self.whole:
            doc = self.yaml.load(self.files.files[path].text or "")
            if not isinstance(doc, dict):
                doc = CommentedMap([("version", 1)])
            if not isinstance(doc.get("concepts"), list):
                doc["concepts"] = CommentedSeq()
            self.whole[path] = doc
            for node in doc["concepts"]:
                if isinstance(node, dict):
                    self.nodes.setdefault(str(node.get("id")), node)
        return self.whole[path]

    def scalar(self, node: Any, key: str, value: str | None, cid: str) -> None:
        if node.get(key) == value or (value is None and key not in node):
            return
        if value is None:
            del node[key]
        else:
            node[key] = value
        self.note(cid, f"{key} → {value!r}")

    def sources(self, node: Any, lines: list[str], cid: str) -> None:
        """The concept's sources as the file gives them, one line each; the YAML's kept where they agree."""
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        from ..glossary.model import Source
        from .records import source_line, source_yaml

        def line(item: Any) -> str:
            langs = tuple(item.get("langs") or ())
            return source_line(Source(str(item.get("title")), str(item.get("checked")), item.get("url"), langs,
                                      item.get("note")))  # fmt: skip

        current = [line(item) for item in node.get("sources") or [] if isinstance(item, dict)]
        wanted = [text for text in lines if source_yaml(text) is not None]
        if current == wanted:
            return
        if not wanted:
            node.pop("sources", None)
        else:
            seq = CommentedSeq()
            for text in wanted:
                item = CommentedMap(source_yaml(text))
                item.fa.set_flow_style()
                seq.append(item)
            if "sources" not in node and "terms" in node and hasattr(node, "insert"):  # before the terms
                node.insert(list(node).index("terms"), "sources", seq)
            else:
                node["sources"] = seq
        self.note(cid, f"sources: {len(current)} → {len(wanted)}")

    def per_language(self, node: Any, key: str, wanted: dict[str, str], langs: tuple[str, ...], cid: str) -> None:
        from ruamel.yaml.comments import CommentedMap

        current = node.get(key)
        if isinstance(current, str):  # a bare definition is English
            current = {"en": current}
        current = dict(current or {})
        merged = {k: v for k, v in current.items() if k not in langs} | {k: v for k, v in wanted.items() if k in langs}
        if merged == current:
            return
        target = node.get(key)
        if not isinstance(target, dict):
            target = CommentedMap()
            target.fa.set_flow_style()
            node[key] = target
        for k in [k for k in target if k not in merged]:
            del target[k]
        for k, v in merged.items():
            target[k] = v
        if not target:
            del node[key]
        self.note(cid, f"{key} → {dict(merged)}")

    def terms(self, node: Any, cid: str, lang: str, rows: list[TermRow]) -> None:
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        terms = node.get("terms")
        if terms is None:
            terms = node["terms"] = CommentedMap()
        current = terms.get(lang)
        old = [(_term_row(cid, lang, n).as_yaml(), n) for n in (current or [])]
        if [d for d, _ in old] == [r.as_yaml() for r in rows]:
            return
        if not rows:
            del terms[lang]
            self.note(cid, f"{lang}: all terms removed")
            return
        pool = list(old)
        new_nodes = []
        for row in rows:
            reuse = next((i for i, (d, _) in enumerate(pool) if d == row.as_yaml()), None)
            new_nodes.append(pool.pop(reuse)[1] if reuse is not None else _term_node(row))
        before = {d["term"]: d for d, _ in old}
        for row in rows:
            if row.as_yaml() != before.get(row.term):
                self.note(cid, f"{lang}: {'changed' if row.term in before else 'added'} {row.term!r} ({row.status})")
        for gone in set(before) - {r.term for r in rows}:
            self.note(cid, f"{lang}: removed {gone!r}")
        if current is None:
            current = terms[lang] = CommentedSeq()
        current.clear()
        current.extend(new_nodes)

    def examples(self, node: Any, cid: str, rows: list[ExampleRow], langs: tuple[str, ...]) -> None:
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        current = node.get("examples") or []
        keep = [e for e in current if str(e.get("lang")) not in langs]
        mine = [dict(e) for e in current if str(e.get("lang")) in langs]
        wanted = [r.as_yaml() for r in rows]
        if sorted(map(repr, mine)) == sorted(map(repr, wanted)):
            return  # the same sentences (TBX groups them by language): keep the file's order
        fresh = []
        for data in wanted:
            match = next((e for e in current if dict(e) == data), None)
            if match is None:
                match = CommentedMap(data)
                match.fa.set_flow_style()
            fresh.append(match)
        seq = node.get("examples")
        if seq is None:
            seq = node["examples"] = CommentedSeq()
        seq.clear()
        seq.extend(keep + fresh)
        if not seq:
            del node["examples"]
        self.note(cid, f"examples: {len(mine)} → {len(wanted)}")

    def dump(self) -> None:
        """The new text of every file with a change: a cut file's changed concepts put back in place and
        its new ones after the last, everything else in it byte for byte; a file read whole, whole."""
        for path, doc in self.whole.items():
            self._keep(path, self._render(doc))
        for path in sorted({*self.edited, *self.new} - set(self.whole)):
            f = self.files.files.get(path) or _File(path, None)
            fresh = [self._render(batch, f.cut.indent if f.cut else 0)
                     for batch in _batches(self.new.get(path, []))]  # fmt: skip
            if f.cut is None:  # a new file
                self._keep(path, "version: 1\nconcepts:\n" + "".join(fresh))
                continue
            cut, edited = f.cut, self.edited.get(path, {})
            lines = cut.lines[: cut.starts[0]]
            for k, start in enumerate(cut.starts):
                stop = cut.starts[k + 1] if k + 1 < len(cut.starts) else cut.end
                if k in edited:
                    text = self._render(edited[k], cut.indent)
                    lines += (text if not cut.lines[stop - 1] else text[:-1]).split("\n")  # a blank line kept
                else:
                    lines += cut.lines[start:stop]
            lines += "".join(fresh).rstrip("\n").split("\n") if fresh else []
            self._keep(path, "\n".join(lines + cut.lines[cut.end :]))

    def _keep(self, path: Path, text: str) -> None:
        old = self.files.files[path].text if path in self.files.files else None
        if text != old:
            self.changes.files[path] = (old, text)

    def _render(self, data: Any, indent: int = 0) -> str:
        """`data` as YAML, every string a YAML 1.1 reader would take for something else quoted, each line
        moved right by `indent` columns."""
        import yaml

        out = io.StringIO()
        self.yaml.dump(data, out)
        try:
            wrong = misread(data, yaml.load(out.getvalue(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
        except yaml.YAMLError:  # not YAML at all to a 1.1 reader: quote each string that is not safe plain
            wrong = {t for t in misread(data, None) if not _plain_reads_back(t)}
        if wrong:
            out = io.StringIO()
            self.yaml.dump(quote(data, wrong), out)
        if not indent:
            return out.getvalue()
        pad = " " * indent
        return "".join(pad + line if line.strip() else line for line in out.getvalue().splitlines(True))


def _batches(nodes: list[Any]) -> Iterator[Any]:
    from ruamel.yaml.comments import CommentedSeq

    for n in range(0, len(nodes), _BATCH):
        yield CommentedSeq(nodes[n : n + _BATCH])


def misread(data: Any, loaded: Any, out: set[str] | None = None) -> set[str]:
    """The strings of `data` that a YAML 1.1 reader (PyYAML, as the term base loader) reads back as
    something else from what was written: `no`, `on`, `off`, `NO`, `~`, `1e3`, `?question` written plain."""
    out = set() if out is None else out
    if isinstance(data, str):
        if type(loaded) is not str or loaded != data:
            out.add(str(data))
    elif isinstance(data, dict):
        loaded_items = list(loaded.items()) if isinstance(loaded, dict) else []
        for k, (key, value) in enumerate(data.items()):
            other_key, other_value = loaded_items[k] if k < len(loaded_items) else (None, None)
            if isinstance(key, str) and (type(other_key) is not str or other_key != key):
                out.add(str(key))
            misread(value, other_value, out)
    elif isinstance(data, list):
        loaded_list = loaded if isinstance(loaded, list) else []
        for k, value in enumerate(data):
            misread(value, loaded_list[k] if k < len(loaded_list) else None, out)
    return out


def _plain_reads_back(text: str) -> bool:
    """Whether `text` written plain reads back as itself: in a block and a flow mapping, as value and key."""
    import yaml

    if not text or text != text.strip() or any(ch in text for ch in "\n\r\t"):
        return False
    for doc, where in ((f"- {text}\n", 0), (f"{{k: {text}}}\n", "k"), (f"{text}: 1\n", None)):
        try:
            loaded: Any = yaml.load(doc, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
            value = next(iter(loaded)) if where is None else loaded[where]
        except (yaml.YAMLError, TypeError, KeyError, IndexError, StopIteration):
            return False
        if type(value) is not str or value != text:
            return False
    return True


def quote(node: Any, texts: set[str]) -> Any:
    """The document with these strings (values and keys) written in double quotes."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    def fix(value: Any) -> Any:
        return DoubleQuotedScalarString(value) if isinstance(value, str) and value in texts else quote(value, texts)

    if isinstance(node, CommentedMap):
        for position, key in enumerate(list(node)):
            value, new_key = fix(node[key]), fix(key)
            if new_key is not key:
                del node[key]
                node.insert(position, new_key, value)
            else:
                node[key] = value
    elif isinstance(node, CommentedSeq):
        for i, value in enumerate(node):
            node[i] = fix(value)
    return node


def _plain_load(text: str) -> Any:
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def apply(table: Table, folder: Path, tick: Callable[[int], None] | None = None) -> Changes:
    """What importing `table` into the term base in `folder` changes (nothing is written here). First
    on plain values, to find the concepts that change; then, with comments kept, on those alone. `tick`
    is told how many concepts are done (a progress bar): those that change count twice."""
    ids = list(dict.fromkeys([c.id for c in table.concepts] + [t.concept for t in table.terms]))
    files = _Folder(folder)
    plain = files.plain()
    if plain is not None:
        probe = _Writer(folder, files, plain)
        _apply(probe, table, ids, tick)
        count = len(ids)
        ids = [cid for cid in ids if cid in probe.changed]
        if tick is not None:  # those that do not change are done
            tick(count - len(ids))
    else:  # every file read whole, with comments: the round-trip reader says what is wrong
        for f in files.files.values():
            f.cut = None
    writer = _Writer(folder, files)
    _apply(writer, table, ids, tick)
    writer.dump()
    return writer.changes


def _apply(writer: _Writer, table: Table, ids: list[str], tick: Callable[[int], None] | None) -> None:
    concept_rows: dict[str, ConceptRow] = {c.id: c for c in table.concepts}
    terms_of: dict[tuple[str, str], list[TermRow]] = {}
    for t in table.terms:
        terms_of.setdefault((t.concept, t.lang), []).append(t)
    examples_of: dict[str, list[ExampleRow]] = {}
    for e in table.examples:
        examples_of.setdefault(e.concept, []).append(e)
    for cid in ids:
        if tick is not None:
            tick(1)
        row = concept_rows.get(cid)
        node = writer.concept(cid, row.file if row else None)
        if node is None:
            continue
        if row is not None and table.has_concepts:
            writer.scalar(node, "domain", row.domain, cid)
            writer.scalar(node, "note", row.note, cid)
            writer.per_language(node, "definition", row.definition, table.langs, cid)
            writer.per_language(node, "gender", row.gender, table.langs, cid)
            if row.sources is not None:
                writer.sources(node, row.sources, cid)
        for lang in table.langs:
            writer.terms(node, cid, lang, terms_of.get((cid, lang), []))
        if table.has_examples:
            writer.examples(node, cid, examples_of.get(cid, []), table.langs)


def validate(changes: Changes, folder: Path) -> list[str]:
    """The term base as it would be after the import, checked like `termcheck glossary check` (a large
    file read a few hundred concepts at a time, as the loader reads it)."""
    from ..glossary.load import read_file, read_text
    from ..glossary.model import Glossary
    from ..glossary.validate import validate as validate_glossary

    concepts = []
    problems: list[str] = []
    paths = sorted({*[p for p in folder.glob("*.y*ml") if p.is_file()], *changes.files})
    for path in paths:
        try:
            found, probs = (read_text(changes.files[path][1], path.name) if path in changes.files
                            else read_file(path, path.name))  # fmt: skip
        except GlossaryError as exc:
            problems.append(str(exc))
            continue
        concepts += found
        problems += [str(p) for p in probs]
    problems += [str(p) for p in validate_glossary(Glossary(tuple(concepts), tuple(p.name for p in paths)))
                 if not p.warning]  # fmt: skip
    return problems
