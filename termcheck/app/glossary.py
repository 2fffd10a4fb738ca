"""The glossary exchange use cases: export (with --since), import (review workbooks too), show, search,
candidates. Each returns an exit code."""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from ..errors import ConfigError, GlossaryError, SourceError
from ..glossary.model import Concept, Glossary, Status, language_name

if TYPE_CHECKING:
    from ..config import Config
    from ..curation.candidates import Proposal
    from ..glossary.index import GlossaryIndex
    from ..glossary.model import TermBase
    from ..pipeline import Settings
    from ..sources.base import Parsed

FORMATS = ("xlsx", "tbx", "csv", "po", "html")


def _changes_since(rev: str, paths: list[str], glossary: Glossary) -> Any:
    """The term base's changes since the git revision `rev` (its folder's files then, the loaded ones now)."""
    from ..glossary.diff import diff, read_revision
    from ..glossary.files import builtin_dir

    specs = paths or ["builtin"]
    if len(specs) != 1:
        raise ConfigError("--since compares one term base folder with its history: give one --glossary")
    folder = str(builtin_dir()) if specs[0] == "builtin" else specs[0]
    return diff(read_revision(rev, folder), list(glossary.concepts), rev, "now")


def _load(paths: list[str], err: TextIO) -> Glossary | None:
    from ..glossary.load import errors, load

    glossary, problems = load(paths or ["builtin"])
    for p in errors(problems):
        print(f"error: {p}", file=err)
    return None if errors(problems) else glossary


def _version(glossary: Glossary) -> str:
    """A short hash of the term base's content: which version a workbook was exported from."""
    digest = hashlib.sha256()
    for c in glossary.concepts:
        digest.update(repr((c.id, c.terms, c.definition, c.gender)).encode())
    return digest.hexdigest()[:12]


def export(paths: list[str], fmt: str, output: str, langs: list[str], source: str | None, target: str | None,
           out: TextIO | None = None, err: TextIO | None = None, since: str | None = None) -> int:  # fmt: skip
    """Write the export to `output`; `-` is standard output (through a temporary file: the exporters
    write whole files)."""
    out, err = out or sys.stdout, err or sys.stderr
    if since is not None and fmt != "xlsx":
        raise ConfigError("--since makes the workbook's Changes sheet: use it with --format xlsx")
    if output != "-":
        try:
            return _export(paths, fmt, output, langs, source, target, err, since=since)
        except OSError as exc:  # a full disk, a folder that is not writable: the old file stays as it was
            raise SourceError(
                f"cannot write the export: {exc.strerror or exc}; the file is as it was", output
            ) from None
    if fmt == "xlsx" and out.isatty():
        raise ConfigError("a workbook is binary: give -o FILE, or pipe standard output to a file")
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"export.{fmt}"
        code = _export(paths, fmt, str(path), langs, source, target, err, label="standard output", since=since)
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
            err: TextIO, label: str | None = None, since: str | None = None) -> int:  # fmt: skip
    label = label or output
    glossary = _load(paths, err)
    if glossary is None:
        return 2
    for lang in langs:
        _had(glossary, lang, "--lang")
    if fmt == "po" and source:
        _had(glossary, source, "--source")
    path = Path(output)
    version = _version(glossary)
    if fmt == "xlsx":
        from ..exchange.xlsx import export as to_xlsx

        changes = _changes_since(since, paths, glossary) if since is not None else None
        table = to_xlsx(glossary, path, langs, version, changes)
    elif fmt == "tbx":
        from ..exchange.tbx import export as to_tbx

        table = to_tbx(glossary, path, langs, version)
    elif fmt == "csv":
        from ..exchange.csvfile import export as to_csv

        table = to_csv(glossary, path, langs)
    elif fmt == "html":
        from ..exchange.html import export as to_html

        page = to_html(glossary, path, langs, version)
        print(f"Wrote {page.concepts} concepts, {page.terms} terms ({', '.join(page.langs)}) to {label} "
              f"({page.size / 1024:.0f} KB).", file=err)  # fmt: skip
        return 0
    else:
        if not source or not target:
            raise ConfigError("a PO glossary needs --source and --target (e.g. --source en --target de)")
        from ..exchange.po import export as to_po

        count = to_po(glossary, path, source, target, version)
        print(f"Wrote {count} entries ({language_name(source)} → {language_name(target)}) to {label}.", file=err)
        return 0
    print(f"Wrote {len(table.concepts)} concepts, {len(table.terms)} terms ({', '.join(table.langs)}) to {label}.",
          file=err)  # fmt: skip
    return 0


def _had(glossary: Glossary, tag: str, where: str) -> None:
    """A ConfigError unless the term base has `tag` (a term, a definition or a gender in it or one of its
    regions: `--lang pt` exports pt, pt-BR and pt-PT), naming the languages it has and the nearest one."""
    from ..errors import nearest
    from ..languages import checked, lookup, normalize

    wanted = normalize(tag) or tag
    had = sorted({key for c in glossary.concepts for key in [*c.terms, *c.definition, *c.gender]})
    if any(key == wanted or key.split("-", 1)[0] == wanted for key in had):
        return
    if normalize(tag) is None:  # not a language tag at all (German, en_GB): that error, with its hint
        checked(tag, tuple(had), where)
    served = lookup(wanted, had)  # the language a region falls back to (de-AT: de), else the nearest tag
    hint = served[0] if served else nearest(wanted, had) or nearest(wanted.split("-", 1)[0], had)
    suggestion = f"; did you mean {hint!r}?" if hint else ""
    raise ConfigError(f"{where}: the term base has no language {tag!r} (it has {', '.join(had)}){suggestion}")


def _read(path: Path, label: str, source: str | None = None, target: str | None = None,
          schema: Path | None = None, folder: Path | None = None) -> tuple[object, list[str]]:  # fmt: skip
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        from ..curation.review import is_review

        if is_review(path):  # a reviewed `glossary candidates` workbook: its accepted rows
            from ..curation.review import read as read_review

            return read_review(path, label, folder)
        from ..exchange.xlsx import read as read_xlsx

        return read_xlsx(path, label)
    if suffix in (".csv", ".tsv"):
        from ..exchange.csvfile import read as read_csv

        return read_csv(path, label, source, target)
    if suffix in (".tbx", ".xml"):
        from ..exchange.tbx import read as read_tbx

        return read_tbx(path, label, schema)
    raise SourceError("cannot tell the format from the name: use .xlsx, .csv or .tbx", label)


def import_(file: str, output: str, diff: bool, out: TextIO | None = None, err: TextIO | None = None,
            source: str | None = None, target: str | None = None, schema: str | None = None) -> int:  # fmt: skip
    """Read a workbook, CSV or TBX file, check it, and update the YAML term base in `output`.
    Nothing is written when anything is wrong; with `diff`, nothing is written at all."""
    import difflib

    from ..exchange.yamlwrite import validate

    out, err = out or sys.stdout, err or sys.stderr
    path, folder = Path(file), Path(output)
    _regular(path, file, "no such file")
    if folder.exists() and not folder.is_dir():
        raise ConfigError(f"{output} is not a directory")
    from ..languages import checked

    if schema is not None:
        _regular(Path(schema), schema, "schema not found")
    source, target = source and checked(source, (), "--source-lang"), target and checked(target, (), "--target-lang")
    table, problems = _read(path, file, source, target, Path(schema) if schema else None, folder)
    from ..exchange.records import Table, mark_homonyms, merge_duplicates

    if isinstance(table, Table):  # a term listed twice in one concept: one term, and said where
        table.warnings += merge_duplicates(table)
    if isinstance(table, Table) and table.has_concepts:
        marked = mark_homonyms(table)
        if marked:
            table.warnings.append(f"{file}: {len(marked)} concepts share a term with another concept of the file "
                                  f"(homonyms): marked with a 'homonym:' note line ({', '.join(marked[:5])}"
                                  f"{' …' if len(marked) > 5 else ''})")  # fmt: skip
    for warning in getattr(table, "warnings", []):
        print(f"warning: {warning}", file=err)
    if not problems:
        folder.mkdir(parents=True, exist_ok=True)
        changes = _apply_with_progress(table, folder, err)
        # Problems of the term base the import would make: in files not written, so named as such.
        problems = [f"{file}: the term base after the import: {folder}/{p}" for p in validate(changes, folder)]
    if problems:
        for p in problems:
            print(f"error: {p}", file=err)
        print(f"error: {file}: {len(problems)} problem(s); nothing was written", file=err)
        return 2
    for line in changes.summary:
        print(line, file=out)
    if diff:
        for changed, (old, new) in changes.files.items():
            out.writelines(difflib.unified_diff((old or "").splitlines(True), new.splitlines(True),
                                                f"a/{changed}", f"b/{changed}"))  # fmt: skip
    else:
        from ..fileio import NotReplaced, write_all

        try:  # all files or none; a file edited meanwhile is not overwritten
            write_all([(changed, new.encode("utf-8"), "absent" if old is None else old)
                       for changed, (old, new) in changes.files.items()])  # fmt: skip
        except NotReplaced as exc:
            print(f"error: {exc.filename}: {exc.reason}; nothing was written (import again)", file=err)
            return 2
        except OSError as exc:
            print(f"error: {output}: cannot write the term base: {exc.strerror or exc}; nothing was written",
                  file=err)  # fmt: skip
            return 2
    verb = "would change" if diff else "changed"
    print(f"{len(changes.summary)} change(s); {verb} {len(changes.files)} file(s) in {output}.", file=err)
    return 0


def _regular(path: Path, label: str, missing: str) -> None:
    """A file to read must be a regular file: a FIFO or a device is a located error (never opened, so
    never waited on); the readers open it without blocking too, in case it is replaced meanwhile."""
    import os
    import stat

    from ..sources.text import file_kind

    try:
        mode = os.stat(path).st_mode
    except OSError:
        raise SourceError(missing, label) from None
    if not stat.S_ISREG(mode):
        raise SourceError(f"not a regular file ({file_kind(mode)}); not read", label)


def _apply_with_progress(table: Any, folder: Path, err: TextIO) -> Any:
    """yamlwrite.apply, with a progress bar on a terminal for a long import (two passes per concept)."""
    from ..exchange.yamlwrite import apply
    from ..progress import Progress, wanted

    ids = {c.id for c in table.concepts} | {t.concept for t in table.terms}
    bar = Progress(2 * len(ids), err, wanted(err, quiet=False), label="Importing", unit="concepts")
    try:
        return apply(table, folder, bar.tick)
    finally:
        bar.close()


def show(query: str, paths: list[str], out: TextIO | None = None, err: TextIO | None = None) -> int:
    """A concept by its id or by any of its renderings, inflected forms included (`glossary show
    CSTO`, `show Mitgliedstaaten`, `show Зася`); every concept a homonym names. A near miss is
    offered, never shown as if it were the concept."""
    out, err = out or sys.stdout, err or sys.stderr
    loaded = _load_index(paths, err)
    if loaded is None:
        return 2
    glossary, index = loaded
    concept = glossary.concept(query)
    found = [concept] if concept is not None else [c for c, how, _why in lookup(query, glossary, index)
                                                   if how in ("exact", "inflected")]  # fmt: skip
    if not found:
        from ..errors import nearest

        near = [c.id for c, _how, _why in lookup(query, glossary, index)[:3]]
        hint = near[0] if near else nearest(query, [c.id for c in glossary.concepts])
        raise GlossaryError(
            f"no concept {query!r}, and no term written so" + (f" (did you mean {hint!r}?)" if hint else "")
        )
    complete = getattr(glossary, "with_sources", None)  # a compiled term base keeps them apart
    out.write("\n".join(_render(complete(c) if complete else c) for c in found))
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
            since = f"since {t.since}" if t.since else None
            extra = ", ".join(x for x in (t.type, f"group {t.group}" if t.group else None, since, t.note) if x)
            lines.append(f"         {t.text}{marks[t.status]}" + (f"  ({extra})" if extra else ""))
    for e in c.examples:
        lines.append(f"  example ({e.lang}, {'good' if e.good else 'bad'}): {e.text}")
    if c.territory:
        lines.append(f"  territory: {c.territory}")
    for s in c.sources:
        lines.append(f"  source: {s.label()}" + (f" ({s.note})" if s.note else ""))
    if not c.sources:
        lines.append("  source: none given")
    return "\n".join(lines) + "\n"


def _fold(text: str) -> str:
    from ..text.tokenize import strip_accents

    return strip_accents(text.casefold())


def _load_index(paths: list[str], err: TextIO) -> tuple[TermBase, GlossaryIndex] | None:
    """The term base and its compiled index (from the cache), or None after printing its problems."""
    from .session import TermBaseProblems, load_term_base, print_problems

    try:
        return load_term_base(paths or ["builtin"])
    except TermBaseProblems as exc:
        print_problems(exc, err)
        return None


# How a concept was found, best first, and its rank.
_RANK = {"exact": 0, "inflected": 1, "contains": 2, "within": 3, "near miss": 4, "similar": 5}


def lookup(query: str, glossary: TermBase, index: object) -> list[tuple[Concept, str, str]]:
    """Concepts a query names, best first, as (concept, how, which term): the query is a term
    (exact: case and accents aside), an inflected form or compound of one (the matcher `lint`
    uses: Mitgliedstaaten, OVKS-Generalsekretär, Зася), has a term in it, is part of a term, is a
    near miss of one (term-typo's matcher: a swapped letter in an acronym, CTSO and OTCS; a typo; a
    transliteration), or is similar to one (rapidfuzz, for what is left)."""
    from ..glossary.index import GlossaryIndex

    assert isinstance(index, GlossaryIndex)
    text = " ".join(query.split())
    wanted = _fold(text)
    best: dict[str, tuple[str, str]] = {}

    def note(concept_id: str, how: str, term: str, lang: str, status: str) -> None:
        if concept_id not in best or _RANK[how] < _RANK[best[concept_id][0]]:
            best[concept_id] = (how, f"{term} ({lang}, {status})")

    for m in index.find(text):
        whole = m.start == 0 and m.end == len(text)
        for e in m.entries:
            t = e.term
            how = ("exact" if _fold(t.text) == wanted else "inflected") if whole else "contains"
            note(t.concept_id, how, t.text, t.lang, t.status.value)
    for c in glossary.concepts:
        for lang, terms in c.terms.items():
            for t in terms:
                folded = _fold(t.text)
                if folded == wanted:
                    note(c.id, "exact", t.text, lang, t.status.value)
                elif len(wanted) >= 3 and wanted in folded:
                    note(c.id, "within", t.text, lang, t.status.value)
    if not any(how in ("exact", "inflected") for how, _ in best.values()):
        from ..text.tokenize import strip_accents

        typos = index.typos
        for word in text.split():
            if len(word) < 3:
                continue
            # Case and accents aside: the word as typed and without its accents; an acronym's slip in
            # capitals whatever the case typed (ctso, otcs, ÓTCS: CSTO and OTSC).
            forms = dict.fromkeys((word, strip_accents(word)))
            cands = [c for f in forms if f.isalpha() and len(f) >= 4 for c in typos.acronym(f.upper())]
            for form in forms:
                for lang in glossary.languages:
                    cands += typos.case_slip(form, lang) + typos.fuzzy(form, lang) + typos.transliteration(form, lang)
            for cand in cands:
                if len(cand.entry.words) > len(text.split()):
                    continue  # CTSO is a slip of CSTO, not of "CSTO Collective Peacekeeping Forces"
                t = cand.entry.term
                note(t.concept_id, "near miss", t.text, t.lang, t.status.value)
    if not best:
        from rapidfuzz import fuzz

        for c in glossary.concepts:
            for lang, terms in c.terms.items():
                for t in terms:
                    if fuzz.WRatio(wanted, _fold(t.text)) >= 85:
                        note(c.id, "similar", t.text, lang, t.status.value)
    concepts = {c.id: c for c in glossary.concepts}
    ranked = sorted(best.items(), key=lambda kv: (_RANK[kv[1][0]], kv[0]))
    return [(concepts[cid], how, why) for cid, (how, why) in ranked if cid in concepts]


def search(query: str, paths: list[str], limit: int = 10, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Concepts by any rendering in any language (see `lookup`). Exit 1 when nothing is found."""
    out, err = out or sys.stdout, err or sys.stderr
    loaded = _load_index(paths, err)
    if loaded is None:
        return 2
    glossary, index = loaded
    found = lookup(query, glossary, index)
    for c, how, why in found[:limit]:
        pref = " / ".join(
            f"{lang}: {c.name_for(lang)}" for lang in ("en", "de", "ru", "pt", "fr", "es") if c.terms_for(lang)
        )
        out.write(f"{c.id:<30} {how:<10} {why:<40} {pref}\n")
    if not found:
        print(f"no concept matches {query!r}", file=err)
    return 0 if found else 1


# --- glossary candidates ---------------------------------------------------------------------------------


def candidates(paths: list[str], glossary_paths: list[str], lang: str | None, config: str | None, fmt: str,
               output: str | None, min_count: int, limit: int | None, source_lang: str | None = None,
               out: TextIO | None = None, err: TextIO | None = None) -> int:  # fmt: skip
    """`termcheck glossary candidates`: read the texts as `lint` does (language, formats, suppressions),
    propose term base additions (curation/candidates.py), and report them as text, JSON or a review
    workbook. Exit 0, or 2 when a file cannot be read (the others are still read)."""
    from ..curation.candidates import Observed, observe, propose
    from .session import TermBaseProblems, open_session, print_problems

    out, err = out or sys.stdout, err or sys.stderr
    if fmt == "xlsx" and not output:
        raise ConfigError("a review workbook is binary: give -o FILE")
    try:  # check_source: the sources of bilingual files are read too, to align them with their targets
        session = open_session(config_path=config, glossary=glossary_paths, select=["term-typo", "foreign-rendering"],
                               lang=lang, source_lang=source_lang, check_source=True,
                               consistency_scope="file")  # fmt: skip
    except TermBaseProblems as exc:
        print_problems(exc, err)
        return 2
    termbase, index, settings, cfg = session.glossary, session.index, session.settings, session.config
    resources = session.resources
    observed: list[Observed] = []
    errors = 0
    for parsed in _parsed_files(paths, cfg, settings, err):
        if parsed is None:
            errors += 1
        else:
            observed.append(observe(parsed, index, settings, resources))
    proposals = propose(observed, [c.id for c in termbase.concepts], min_count)
    shown = proposals[:limit] if limit else proposals
    _write_candidates(shown, fmt, output, list(termbase.sources), out)
    variants = sum(p.kind == "variant" for p in shown)
    print(f"{len(shown)} candidate(s): {variants} variant(s) of known concepts, {len(shown) - variants} new "
          f"concept(s), from {len(observed)} file(s)" + (f" (of {len(proposals)})" if len(shown) < len(proposals)
                                                          else "") + ".", file=err)  # fmt: skip
    return 2 if errors else 0


def _parsed_files(paths: list[str], cfg: Config, settings: Settings, err: TextIO) -> Iterator[Parsed | None]:
    """Each file read by the source of its format (as `lint` reads it); None after printing why not."""
    from ..pipeline import read_source
    from ..sources.text import BinaryFile, NotRegular, read_text
    from ..sources.walk import walk

    found = walk(paths, cfg)
    for problem in found.errors:
        print(f"error: {problem}", file=err)
        yield None
    for path, label in found.files:
        try:
            yield read_source(label, read_text(path, label, cfg.max_file_size).text, settings)
        except (BinaryFile, NotRegular):
            continue
        except SourceError as exc:
            print(f"error: {exc}", file=err)
            yield None


def _write_candidates(proposals: list[Proposal], fmt: str, output: str | None, sources: list[str],
                      out: TextIO) -> None:  # fmt: skip
    """The report: text or JSON to `output` (or standard output), the review workbook to `output`."""
    from .. import __version__
    from ..curation.candidates import render_text, to_json

    if fmt == "xlsx":
        from ..curation.review import write

        write(proposals, Path(str(output)))
        return
    if fmt == "json":
        import json

        text = json.dumps(to_json(proposals, __version__, sources), ensure_ascii=False, indent=2) + "\n"
    else:
        text = render_text(proposals)
    if output and output != "-":
        from ..fileio import atomic_write

        atomic_write(Path(output), text.encode("utf-8"))
    else:
        out.write(text)


def check(paths: list[str], out: TextIO | None = None, err: TextIO | None = None, fmt: str = "text",
          ignore: tuple[str, ...] = ()) -> int:  # fmt: skip
    """`termcheck glossary check`: validate the term base files, run their QA and their examples."""
    from ..curation.check import check as check_term_base

    return check_term_base(paths or ["builtin"], out or sys.stdout, err or sys.stderr, fmt, ignore)
