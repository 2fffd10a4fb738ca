"""What changed in a term base, for translators: concepts added and removed, terms added, removed or
changed in status (a new deprecation is what a translator must learn first). Pure: two lists of concepts
in, a `Diff` out; `read_revision` and `read_folder` bring the lists (a git revision, a folder)."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import GlossaryError
from .model import Concept, Term


@dataclass(frozen=True, slots=True)
class TermChange:
    lang: str
    term: str
    old: str | None  # the status before (None: the term is new)
    new: str | None  # the status now (None: the term was removed)
    since: str | None = None

    @property
    def kind(self) -> str:
        return "added" if self.old is None else "removed" if self.new is None else "status"


@dataclass(frozen=True, slots=True)
class ConceptChange:
    id: str
    domain: str | None
    terms: tuple[TermChange, ...]


@dataclass
class Diff:
    old_label: str
    new_label: str
    added: list[Concept] = field(default_factory=list)
    removed: list[Concept] = field(default_factory=list)
    changed: list[ConceptChange] = field(default_factory=list)
    new_concepts: list[Concept] = field(default_factory=list)  # the whole term base now (for "use instead")

    @property
    def deprecations(self) -> list[tuple[str, TermChange]]:
        """Terms that became deprecated (or came in deprecated) in concepts that existed and in new ones."""
        out = [(c.id, t) for c in self.changed for t in c.terms if t.new == "deprecated"]
        out += [(c.id, TermChange(t.lang, t.text, None, "deprecated", t.since)) for c in self.added
                for ts in c.terms.values() for t in ts if t.status.value == "deprecated"]  # fmt: skip
        return out

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


def diff(old: list[Concept], new: list[Concept], old_label: str, new_label: str) -> Diff:
    before = {c.id: c for c in old}
    after = {c.id: c for c in new}
    out = Diff(old_label, new_label, new_concepts=list(new))
    out.added = [c for c in new if c.id not in before]
    out.removed = [c for c in old if c.id not in after]
    for c in new:
        if c.id in before:
            terms = _term_changes(before[c.id], c)
            if terms:
                out.changed.append(ConceptChange(c.id, c.domain, terms))
    return out


def _terms(c: Concept) -> dict[tuple[str, str], Term]:
    return {(lang, t.text): t for lang, ts in c.terms.items() for t in ts}


def _term_changes(old: Concept, new: Concept) -> tuple[TermChange, ...]:
    a, b = _terms(old), _terms(new)
    out = []
    for key, t in b.items():
        was = a.get(key)
        if was is None:
            out.append(TermChange(t.lang, t.text, None, t.status.value, t.since))
        elif was.status is not t.status:
            out.append(TermChange(t.lang, t.text, was.status.value, t.status.value, t.since))
    out += [TermChange(t.lang, t.text, t.status.value, None) for key, t in a.items() if key not in b]
    return tuple(sorted(out, key=lambda x: (x.lang, x.kind, x.term)))


def read_folder(folder: str) -> list[Concept]:
    """The concepts of a term base folder or file (`builtin` too); a file with errors is an error."""
    from .files import expand
    from .load import errors, read_file

    concepts: list[Concept] = []
    for path, label in expand([folder]):
        found, problems = read_file(path, label)
        _fail_on(errors(problems))
        concepts += found
    return concepts


def read_revision(rev: str, folder: str) -> list[Concept]:
    """The concepts of `folder`'s YAML files as they were at the git revision `rev`."""
    from .load import errors, read_text

    where = Path(folder)
    cwd = where if where.is_dir() else where.parent
    top = Path(_git(["rev-parse", "--show-toplevel"], cwd).strip())
    try:
        rel = where.resolve().relative_to(top.resolve()).as_posix()
    except ValueError:
        raise GlossaryError("the term base is not in the git repository it is compared with", folder) from None
    # From the top: in a subfolder, ls-tree would list only what lies under that subfolder's own path.
    cwd = top
    names = _git(["ls-tree", "-r", "--name-only", f"{rev}:{'' if rel == '.' else rel}"], cwd, rev).splitlines()
    concepts: list[Concept] = []
    for name in sorted(n for n in names if n.endswith((".yaml", ".yml"))):
        path = name if rel == "." else f"{rel}/{name}"
        found, problems = read_text(_git(["show", f"{rev}:{path}"], cwd, rev), f"{rev}:{path}")
        _fail_on(errors(problems))
        concepts += found
    return concepts


def _git(args: list[str], cwd: Path, rev: str | None = None) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise GlossaryError(f"cannot run git: {exc.strerror or exc}") from None
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["git failed"])[-1]
        what = f"revision {rev!r}: " if rev else ""
        raise GlossaryError(f"{what}{last.removeprefix('fatal: ')}", str(cwd))
    return done.stdout


def _fail_on(problems: list[Any]) -> None:
    if problems:
        p = problems[0]
        more = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
        raise GlossaryError(f"{p.message}{more}", p.path, p.line, p.column)


def summary(d: Diff) -> dict[str, int]:
    kinds = [t.kind for c in d.changed for t in c.terms]
    return {"concepts_added": len(d.added), "concepts_removed": len(d.removed), "concepts_changed": len(d.changed),
            "terms_added": kinds.count("added"), "terms_removed": kinds.count("removed"),
            "status_changes": kinds.count("status"), "new_deprecations": len(d.deprecations)}  # fmt: skip


def as_json(d: Diff) -> dict[str, Any]:
    def concept(c: Concept) -> dict[str, Any]:
        terms = {lang: [{"term": t.text, "status": t.status.value} for t in ts] for lang, ts in c.terms.items()}
        return {"id": c.id, "domain": c.domain, "terms": terms}

    def change(t: TermChange) -> dict[str, Any]:
        return {"lang": t.lang, "term": t.term, "change": t.kind, "old": t.old, "new": t.new, "since": t.since}

    return {"version": 1, "old": d.old_label, "new": d.new_label, "added": [concept(c) for c in d.added],
            "removed": [concept(c) for c in d.removed],
            "changed": [{"id": c.id, "domain": c.domain, "terms": [change(t) for t in c.terms]} for c in d.changed],
            "summary": summary(d)}  # fmt: skip


def as_text(d: Diff) -> list[str]:
    lines = []
    for title, items in (("Added", d.added), ("Removed", d.removed)):
        if items:
            lines.append(f"{title} concepts ({len(items)}):")
            mark = "+" if title == "Added" else "-"
            lines += [f"  {mark} {c.id}" + (f"  [{c.domain}]" if c.domain else "") + f"  {_names(c)}" for c in items]
    if d.changed:
        lines.append(f"Changed concepts ({len(d.changed)}):")
        for c in d.changed:
            lines.append(f"  ~ {c.id}")
            lines += [f"      {_change(t)}" for t in c.terms]
    return lines


def _names(c: Concept) -> str:
    return " · ".join(f"{lang} {c.preferred(lang)[0].text}" for lang in c.terms if c.preferred(lang))


def _change(t: TermChange) -> str:
    since = f" (since {t.since})" if t.since else ""
    if t.kind == "added":
        return f"{t.lang}: + {t.term} ({t.new}){since}"
    if t.kind == "removed":
        return f"{t.lang}: - {t.term} (was {t.old})"
    return f"{t.lang}: {t.term}: {t.old} → {t.new}{since}"


def default_folder() -> str:
    """The term base a command works on when none is named: ./glossary where there is one, else the shipped one."""
    return "glossary" if Path("glossary").is_dir() else "builtin"


def concepts_of(spec: str, folder: str) -> tuple[list[Concept], str]:
    """A folder or file of the term base, or the term base `folder` at the git revision `spec`."""
    if spec == "builtin" or Path(spec).exists():
        return read_folder(spec), spec
    if folder == "builtin":
        from .files import builtin_dir

        folder = str(builtin_dir())
    return read_revision(spec, folder), f"{spec}:{folder}"


def command(specs: list[str], folder: str | None, fmt: str, out: Any, err: Any) -> int:
    """`glossary diff [REV | OLD NEW]`: since a revision (HEAD when none is given) up to the files as they
    are now, or between two folders (or revisions). Exit 0; the changes go to `out`, the count to `err`."""
    import json

    folder = folder or default_folder()
    if len(specs) > 2:
        raise GlossaryError("give a revision, or two folders or revisions (OLD NEW)")
    old_spec, new_spec = [*specs, folder][:2] if specs else ["HEAD", folder]
    old, old_label = concepts_of(old_spec, folder)
    new, new_label = concepts_of(new_spec, folder)
    d = diff(old, new, old_label, new_label)
    if fmt == "json":
        json.dump(as_json(d), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        for line in as_text(d):
            print(line, file=out)
    s = summary(d)
    terms = (f"{s['terms_added']} term(s) added, {s['terms_removed']} removed, {s['status_changes']} status "
             f"change(s); {s['new_deprecations']} new deprecation(s)")  # fmt: skip
    print(f"{old_label} → {new_label}: {s['concepts_added']} concept(s) added, {s['concepts_removed']} removed, "
          f"{s['concepts_changed']} changed ({terms}).", file=err)  # fmt: skip
    return 0
