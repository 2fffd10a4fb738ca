"""False findings per 1,000 strings and per 10,000 words on corpora from outside. Prints figures; asserts nothing.

python bench/outside.py CORPUS                      # every set found under CORPUS (default /work/corpus/round2)
python bench/outside.py CORPUS --sets po tmx        # some sets only
python bench/outside.py CORPUS --show false         # also list every false finding with its class

A corpus holds up to six sets, each a folder: news/dev and news/heldout (plain text, one folder per language,
linted with --lang), po, xliff, tmx and docs (Markdown, MDX, reStructuredText, text; linted by name, so that a
folder walk that skips a format does not change the figures). Every finding of news/dev, po, xliff, tmx and docs
is looked up in an annotations file (bench/corpora/round2/annotations.tsv: path relative to CORPUS, line, column,
rule, text, verdict, class, note), judged by hand. Held-out news findings are only counted, per rule, until the
annotations judge some of them (once the fixes they hold out are done): then they are looked up like the others.
Each judged set ends with its precision (true / judged).

Sizes: a string is a translated unit (a PO entry with a msgstr, not fuzzy or obsolete; an XLIFF unit with a target;
a TMX unit with a segment in a language other than its source language) or, in prose, a paragraph outside fenced
code; words are counted in the translations (PO msgstr or msgstr[0], XLIFF targets, TMX non-source segments) and,
in prose, outside fenced code.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parent.parent
ANNOTATIONS = ROOT / "bench" / "corpora" / "round2" / "annotations.tsv"
WORD_RE = re.compile(r"[^\W\d_]+")
FENCE_RE = re.compile(r"^\s*(```|~~~).*?^\s*\1[^\n]*$", re.M | re.S)
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SUFFIXES = {"po": (".po",), "xliff": (".xlf", ".xliff", ".sdlxliff"), "tmx": (".tmx",),
            "docs": (".md", ".mdx", ".rst", ".txt")}  # fmt: skip
Key = tuple[str, int, int, str]


def lint(files: list[Path], *args: str) -> list[dict]:  # type: ignore[type-arg]
    command = [sys.executable, "-m", "termcheck", "lint", *map(str, files), "--format", "json", "-q", "--exit-zero"]
    # The term base of this checkout, named: `builtin` is the installed package's, another checkout's in an older one.
    command += ["--no-cache", "--glossary", str(ROOT / "glossary"), *args]
    out = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    if out.stderr.strip():
        print("  termcheck says: " + out.stderr.strip().replace("\n", "\n  termcheck says: "))
    return json.loads(out.stdout)["findings"]  # type: ignore[no-any-return]


def words(text: str) -> int:
    return len(WORD_RE.findall(text))


def _po_string(line: str) -> str:
    body = line.split('"', 1)[1].rsplit('"', 1)[0] if '"' in line else ""
    return body.encode("latin-1", "backslashreplace").decode("unicode_escape", "replace") if "\\" in body else body


def po_size(text: str) -> tuple[int, int]:
    """Translated entries (msgid not empty, a msgstr, not fuzzy, not obsolete) and the words of their msgstr[0]."""
    strings = total = 0
    for block in re.split(r"\n\s*\n", text):
        fields: dict[str, str] = {}
        field = ""
        fuzzy = False
        for line in block.splitlines():
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            elif line.startswith("#"):
                continue
            elif line.startswith(("msgctxt", "msgid", "msgstr")):
                field = line.split()[0]
                fields[field] = _po_string(line)
            elif line.startswith('"') and field:
                fields[field] += _po_string(line)
        target = fields.get("msgstr") or fields.get("msgstr[0]") or ""
        if fields.get("msgid") and target and not fuzzy:
            strings += 1
            total += words(target)
    return strings, total


def xml_size(text: str, kind: str) -> tuple[int, int]:
    """XLIFF units with a target, or TMX units with a segment outside the source language, and their words."""
    root = ElementTree.fromstring(text.encode("utf-8"))
    strings = total = 0
    if kind == "xliff":
        for unit in root.iter():
            if unit.tag.rsplit("}", 1)[-1] in ("trans-unit", "segment"):
                targets = [e for e in unit if e.tag.rsplit("}", 1)[-1] == "target"]
                text_ = "".join("".join(t.itertext()) for t in targets)
                if text_.strip():
                    strings += 1
                    total += words(text_)
        return strings, total
    header = root.find("header")
    source = (header.get("srclang", "") if header is not None else "").lower()
    for unit in root.iter("tu"):
        targets = [v for v in unit.iter("tuv") if (v.get(XML_LANG) or v.get("lang") or "").lower() != source]
        text_ = " ".join("".join(seg.itertext()) for v in targets for seg in v.iter("seg"))
        if text_.strip():
            strings += 1
            total += words(text_)
    return strings, total


def prose_size(text: str) -> tuple[int, int]:
    """Paragraphs and words outside fenced code blocks."""
    prose = FENCE_RE.sub("", text)
    return sum(1 for block in re.split(r"\n\s*\n", prose) if block.strip()), words(prose)


def size(path: Path, kind: str) -> tuple[int, int]:
    text = path.read_text(encoding="utf-8", errors="replace")
    if kind == "po":
        return po_size(text)
    if kind in ("xliff", "tmx"):
        return xml_size(text, kind)
    return prose_size(text)


def load_annotations(path: Path) -> dict[Key, dict[str, str]]:
    with open(path, encoding="utf-8") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return {(r["path"], int(r["line"]), int(r["column"]), r["rule"]): r for r in rows}


def report(corpus: Path, name: str, annotations: dict[Key, dict[str, str]], show: str | None) -> None:
    folder = corpus / name
    found: list[dict] = []  # type: ignore[type-arg]
    strings = total = files = 0
    if name.startswith("news/"):
        for lang_dir in sorted(p for p in folder.iterdir() if p.is_dir()):
            texts = sorted(lang_dir.glob("*.txt"))
            files += len(texts)
            for text in texts:
                s, w = size(text, "docs")
                strings, total = strings + s, total + w
            found += lint(texts, "--lang", lang_dir.name) if texts else []
    else:
        paths = sorted(p for p in folder.rglob("*") if p.is_file() and p.name.endswith(SUFFIXES[name]))
        files = len(paths)
        for path in paths:
            s, w = size(path, name)
            strings, total = strings + s, total + w
        found = lint(paths) if paths else []
    judged = not name.endswith("heldout") or any(k[0].startswith(name + "/") for k in annotations)
    print(f"{name}: {files} files, {strings:,} strings, {total:,} words, {len(found)} findings")
    print(f"  {'rule':<26} {'findings':>8} {'true':>5} {'false':>6} {'unjudged':>8}", end="")
    print(f" {'false/1k str':>12} {'false/10k w':>11}")
    per_rule: dict[str, Counter[str]] = {}
    classes: Counter[str] = Counter()
    reported: set[Key] = set()
    for f in found:
        key = (Path(f["path"]).relative_to(corpus).as_posix(), f["line"], f["column"], f["rule"])
        reported.add(key)
        row = annotations.get(key) if judged else None
        verdict = row["verdict"] if row else ("unjudged" if judged else "counted")
        per_rule.setdefault(f["rule"], Counter())[verdict] += 1
        if verdict == "false" and row:
            classes[row["class"]] += 1
        if show and (show == verdict or show == "all"):
            note = f" [{row['class']}] {row['note']}" if row else ""
            print(f"    {key[0]}:{key[1]}:{key[2]} {key[3]} {f['text']!r} {verdict}{note}")
    for rule, counts in sorted(per_rule.items()):
        false = counts["false"]
        print(f"  {rule:<26} {sum(counts.values()):>8} {counts['true']:>5} {false:>6} {counts['unjudged']:>8} "
              f"{false * 1000 / max(strings, 1):>12.2f} {false * 10_000 / max(total, 1):>11.2f}")  # fmt: skip
    true, false = (sum(c[v] for c in per_rule.values()) for v in ("true", "false"))
    if judged and true + false:
        print(f"  precision {true / (true + false):.3f} ({true} true of {true + false} judged)")
    for label, count in classes.most_common():
        print(f"  false, {label}: {count}")
    gone = [k for k in annotations if k[0].startswith(name + "/") and k not in reported]
    if judged and gone:
        lost = sum(annotations[k]["verdict"] == "true" for k in gone)
        print(f"  {len(gone)} judged finding(s) no longer reported ({lost} of them true: a recall change to look at)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", type=Path, nargs="?", default=Path("/work/corpus/round2"))
    parser.add_argument("--sets", nargs="*", default=["news/dev", "news/heldout", "po", "xliff", "tmx", "docs"])
    parser.add_argument("--annotations", type=Path, default=ANNOTATIONS)
    parser.add_argument("--show", choices=["true", "false", "unjudged", "all"], help="list these findings too")
    args = parser.parse_args()
    annotations = load_annotations(args.annotations)
    for name in args.sets:
        if (args.corpus / name).is_dir():
            report(args.corpus.resolve(), name, annotations, args.show)
        else:
            print(f"{name}: {args.corpus / name} not found (see bench/corpora/round2/README.md)")


if __name__ == "__main__":
    main()
