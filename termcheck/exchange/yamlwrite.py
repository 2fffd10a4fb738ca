"""Apply imported rows to the YAML term base, concept by concept, with ruamel.yaml's round trip:
comments, key order, quoting and flow style stay as they were; what no one edited stays byte for byte."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import GlossaryError
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


class _Writer:
    """Applies rows to the YAML files. `plain`: the files read by PyYAML's C parser into plain values, to
    find quickly which concepts change (ruamel's round-trip parser, which keeps comments, is some
    thirty times slower); `only`: the files to read (the ones with changes), all when None."""

    def __init__(self, folder: Path, plain: bool = False, only: set[Path] | None = None) -> None:
        self.folder = folder
        self.yaml = _yaml()
        self.docs: dict[Path, tuple[str | None, Any]] = {}
        self.where: dict[str, Any] = {}
        self.path_of: dict[str, Path] = {}
        self.changed: dict[str, Path] = {}  # concept → its file, for every concept with a change
        self.changes = Changes()
        for path in sorted(p for p in folder.glob("*.y*ml") if p.is_file()):
            if only is not None and path not in only:
                continue
            text = path.read_text(encoding="utf-8")
            data = _plain_load(text) if plain else self.yaml.load(text)
            self.docs[path] = (text, data)
            for node in (data or {}).get("concepts") or []:
                self.where[str(node.get("id"))] = node
                self.path_of[str(node.get("id"))] = path

    def note(self, cid: str, message: str) -> None:
        self.changes.summary.append(f"{cid}: {message}")
        self.changed.setdefault(cid, self.path_of.get(cid, self.folder / DEFAULT_FILE))

    def concept(self, cid: str, file: str | None) -> Any:
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        if cid in self.where:
            return self.where[cid]
        path = self.folder / (file or DEFAULT_FILE)
        if path not in self.docs:
            self.docs[path] = (None, CommentedMap([("version", 1), ("concepts", CommentedSeq())]))
        node = CommentedMap([("id", cid)])
        self.docs[path][1]["concepts"].append(node)
        self.where[cid] = node
        self.path_of[cid] = path
        self.note(cid, f"new concept (in {path.name})")
        return node

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
        import yaml

        for path, (text, data) in self.docs.items():
            out = io.StringIO()
            self.yaml.dump(data, out)
            try:
                wrong = misread(data, yaml.load(out.getvalue(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
            except yaml.YAMLError:  # not YAML at all to a 1.1 reader: quote each string that is not safe plain
                wrong = {t for t in misread(data, None) if not _plain_reads_back(t)}
            if wrong:
                out = io.StringIO()
                self.yaml.dump(quote(data, wrong), out)
            if out.getvalue() != text:
                self.changes.files[path] = (text, out.getvalue())


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


def apply(table: Table, folder: Path) -> Changes:
    """What importing `table` into the term base in `folder` changes (nothing is written here). First
    on plain values, to find the concepts that change; then, with comments kept, on their files alone."""
    ids = list(dict.fromkeys([c.id for c in table.concepts] + [t.concept for t in table.terms]))
    try:
        probe = _Writer(folder, plain=True)
    except Exception:  # a file the fast reader refuses: the careful one will say why
        probe = None
    if probe is not None:
        _apply(probe, table, ids)
        ids = [cid for cid in ids if cid in probe.changed]
    writer = _Writer(folder, only=set(probe.changed.values()) if probe is not None else None)
    _apply(writer, table, ids)
    writer.dump()
    return writer.changes


def _apply(writer: _Writer, table: Table, ids: list[str]) -> None:
    concept_rows: dict[str, ConceptRow] = {c.id: c for c in table.concepts}
    terms_of: dict[str, list[TermRow]] = {}
    for t in table.terms:
        terms_of.setdefault(t.concept, []).append(t)
    examples_of: dict[str, list[ExampleRow]] = {}
    for e in table.examples:
        examples_of.setdefault(e.concept, []).append(e)
    for cid in ids:
        row = concept_rows.get(cid)
        node = writer.concept(cid, row.file if row else None)
        if row is not None and table.has_concepts:
            writer.scalar(node, "domain", row.domain, cid)
            writer.scalar(node, "note", row.note, cid)
            writer.per_language(node, "definition", row.definition, table.langs, cid)
            writer.per_language(node, "gender", row.gender, table.langs, cid)
            if row.sources is not None:
                writer.sources(node, row.sources, cid)
        mine = terms_of.get(cid, [])
        for lang in table.langs:
            writer.terms(node, cid, lang, [t for t in mine if t.lang == lang])
        if table.has_examples:
            writer.examples(node, cid, examples_of.get(cid, []), table.langs)


def validate(changes: Changes, folder: Path) -> list[str]:
    """The term base as it would be after the import, checked like `termcheck glossary check`."""
    from ..glossary.load import _Builder, parse_yaml
    from ..glossary.model import Glossary
    from ..glossary.validate import validate as validate_glossary

    concepts = []
    problems: list[str] = []
    paths = sorted({*[p for p in folder.glob("*.y*ml") if p.is_file()], *changes.files})
    for path in paths:
        text = changes.files[path][1] if path in changes.files else path.read_text(encoding="utf-8")
        try:
            data, dup = parse_yaml(text, path.name)
        except GlossaryError as exc:
            problems.append(str(exc))
            continue
        builder = _Builder(path.name)
        concepts += builder.build(data)
        problems += [str(p) for p in dup + builder.problems]
    problems += [str(p) for p in validate_glossary(Glossary(tuple(concepts), tuple(p.name for p in paths)))
                 if not p.warning]  # fmt: skip
    return problems
