"""The glossary exchange use cases: export, import, show, search. Each returns an exit code."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path
from typing import TextIO

from ..errors import ConfigError, GlossaryError, SourceError
from ..glossary.model import Concept, Glossary, Status, language_name

FORMATS = ("xlsx", "tbx", "csv", "po")


def _load(paths: list[str], err: TextIO) -> Glossary | None:
    from ..glossary.load import load

    glossary, problems = load(paths or ["builtin"])
    for p in problems:
        print(f"error: {p}", file=err)
    return None if problems else glossary


def _version(glossary: Glossary) -> str:
    """A short hash of the term base's content: which version a workbook was exported from."""
    digest = hashlib.sha256()
    for c in glossary.concepts:
        digest.update(repr((c.id, c.terms, c.definition, c.gender)).encode())
    return digest.hexdigest()[:12]


def export(paths: list[str], fmt: str, output: str, langs: list[str], source: str | None, target: str | None,
           out: TextIO | None = None, err: TextIO | None = None) -> int:  # fmt: skip
    """Write the export to `output`; `-` is standard output (through a temporary file: the exporters
    write whole files)."""
    out, err = out or sys.stdout, err or sys.stderr
    if output != "-":
        return _export(paths, fmt, output, langs, source, target, err)
    if fmt == "xlsx" and out.isatty():
        raise ConfigError("a workbook is binary: give -o FILE, or pipe standard output to a file")
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"export.{fmt}"
        code = _export(paths, fmt, str(path), langs, source, target, err, label="standard output")
        if code == 0:
            out.flush()
            stream = getattr(out, "buffer", None)
            if stream is not None:
                stream.write(path.read_bytes())
                stream.flush()
            else:  # a text stream (tests): the text formats as text
                out.write(path.read_bytes().decode("utf-8-sig" if fmt == "csv" else "utf-8"))
    return code


def _export(paths: list[str], fmt: str, output: str, langs: list[str], source: str | None, target: str | None,
            err: TextIO, label: str | None = None) -> int:  # fmt: skip
    label = label or output
    glossary = _load(paths, err)
    if glossary is None:
        return 2
    path = Path(output)
    version = _version(glossary)
    if fmt == "xlsx":
        from .xlsx import export as to_xlsx

        table = to_xlsx(glossary, path, langs, version)
    elif fmt == "tbx":
        from .tbx import export as to_tbx

        table = to_tbx(glossary, path, langs, version)
    elif fmt == "csv":
        from .csvfile import export as to_csv

        table = to_csv(glossary, path, langs)
    else:
        if not source or not target:
            raise ConfigError("a PO glossary needs --source and --target (e.g. --source en --target de)")
        from .po import export as to_po

        count = to_po(glossary, path, source, target, version)
        print(f"Wrote {count} entries ({language_name(source)} → {language_name(target)}) to {label}.", file=err)
        return 0
    print(f"Wrote {len(table.concepts)} concepts, {len(table.terms)} terms ({', '.join(table.langs)}) to {label}.",
          file=err)  # fmt: skip
    return 0


def _read(path: Path, label: str) -> tuple[object, list[str]]:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        from .xlsx import read
    elif suffix == ".csv":
        from .csvfile import read
    elif suffix in (".tbx", ".xml"):
        from .tbx import read
    else:
        raise SourceError("cannot tell the format from the name: use .xlsx, .csv or .tbx", label)
    return read(path, label)


def import_(file: str, output: str, diff: bool, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Read a workbook, CSV or TBX file, check it, and update the YAML term base in `output`.
    Nothing is written when anything is wrong; with `diff`, nothing is written at all."""
    import difflib

    from .yamlwrite import apply, validate

    out, err = out or sys.stdout, err or sys.stderr
    path, folder = Path(file), Path(output)
    if not path.is_file():
        raise SourceError("no such file", file)
    if folder.exists() and not folder.is_dir():
        raise ConfigError(f"{output} is not a directory")
    table, problems = _read(path, file)
    if not problems:
        folder.mkdir(parents=True, exist_ok=True)
        changes = apply(table, folder)  # type: ignore[arg-type]
        problems = validate(changes, folder)
    if problems:
        for p in problems:
            print(f"error: {p}", file=err)
        print(f"error: {file}: {len(problems)} problem(s); nothing was written", file=err)
        return 2
    for line in changes.summary:
        print(line, file=out)
    if diff:
        for target, (old, new) in changes.files.items():
            out.writelines(difflib.unified_diff((old or "").splitlines(True), new.splitlines(True),
                                                f"a/{target}", f"b/{target}"))  # fmt: skip
    else:
        from ..fileio import atomic_write

        for target, (_old, new) in changes.files.items():
            atomic_write(target, new.encode("utf-8"))
    verb = "would change" if diff else "changed"
    print(f"{len(changes.summary)} change(s); {verb} {len(changes.files)} file(s) in {output}.", file=err)
    return 0


def show(concept_id: str, paths: list[str], out: TextIO | None = None, err: TextIO | None = None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    glossary = _load(paths, err)
    if glossary is None:
        return 2
    concept = glossary.concept(concept_id)
    if concept is None:
        from ..errors import nearest

        hint = nearest(concept_id, [c.id for c in glossary.concepts])
        raise GlossaryError(f"no concept {concept_id!r}" + (f" (did you mean {hint!r}?)" if hint else ""))
    out.write(_render(concept))
    return 0


def _render(c: Concept) -> str:
    marks = {Status.PREFERRED: "", Status.ADMITTED: " (admitted)", Status.DEPRECATED: " (deprecated: do not use)"}
    lines = [f"{c.id}" + (f"  [{c.domain}]" if c.domain else "")]
    lines += [f"  {lang}: {text}" for lang, text in c.definition.items()]
    if c.note:
        lines.append(f"  note: {c.note}")
    for lang, terms in c.terms.items():
        gender = c.gender_for(lang)
        head = f"{lang:<6} {language_name(lang)}" + (f", {gender}" if gender else "")
        lines.append(head)
        for t in terms:
            extra = ", ".join(x for x in (t.type, f"group {t.group}" if t.group else None, t.note) if x)
            lines.append(f"         {t.text}{marks[t.status]}" + (f"  ({extra})" if extra else ""))
    for e in c.examples:
        lines.append(f"  example ({e.lang}, {'good' if e.good else 'bad'}): {e.text}")
    return "\n".join(lines) + "\n"


def _fold(text: str) -> str:
    from ..text.tokenize import strip_accents

    return strip_accents(text.casefold())


def search(query: str, paths: list[str], limit: int = 10, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Concepts by any rendering: case- and accent-insensitive, then fuzzy. Exit 1 when nothing is found."""
    from rapidfuzz import fuzz

    out, err = out or sys.stdout, err or sys.stderr
    glossary = _load(paths, err)
    if glossary is None:
        return 2
    wanted = _fold(query)
    scored: list[tuple[float, str, Concept]] = []
    for c in glossary.concepts:
        best, why = 0.0, ""
        for lang, terms in c.terms.items():
            for t in terms:
                folded = _fold(t.text)
                score = 100.0 if folded == wanted else 95.0 if wanted in folded else fuzz.WRatio(wanted, folded)
                if score > best:
                    best, why = score, f"{t.text} ({lang}, {t.status.value})"
        if best >= 80:
            scored.append((best, why, c))
    scored.sort(key=lambda s: (-s[0], s[2].id))
    for _score, why, c in scored[:limit]:
        pref = " / ".join(
            f"{lang}: {c.name_for(lang)}" for lang in ("en", "de", "ru", "pt", "fr", "es") if c.terms_for(lang)
        )
        out.write(f"{c.id:<30} {why:<40} {pref}\n")
    if not scored:
        print(f"no concept matches {query!r}", file=err)
    return 0 if scored else 1
