"""Build the real-prose speed corpus (issue 25) outside the repository. Stdlib only; prints what it wrote.

python bench/prose_corpus.py --mirror /work/.mirror/fastapi+fastapi/repo --mirror /work/.mirror/reactjs+react.dev/repo \
    ... --out /work/corpus/prose
python bench/prose_corpus.py --mirror-root /work/.mirror --out /work/corpus/prose --force

Sources (see bench/corpora/prose/README.md): the Markdown documentation of FastAPI (MIT), of React with its
translations (CC BY 4.0) and the Russian (CC BY 4.0) and Italian (MIT) translations of the Vue documentation,
read from bare git mirrors at the pinned commits below, and this machine's manual pages (English and translated),
rendered to plain text by man(1) at 80 columns. A mirror is a bare git directory named
<owner>+<name>/repo (or given with --mirror as .../<owner>+<name>/repo). Texts are copied byte for byte, never
edited. A file is kept only if it is prose, is written in the language it is filed under (function words; Cyrillic
for Russian), and holds 2 KB to 200 KB. Prose: its sentence-like lines (five words or more, mostly words, outside
fenced code) hold at least half of the characters of its non-blank lines; characters, not lines, are weighed since
a Markdown paragraph is one line however long. English manual pages are added, in a fixed pseudo-random order
(SHA-1 of the path), at most EN_MAN_PER_PACKAGE per Debian package and none of the generated Google Cloud CLI
reference, until they reach EN_MAN_BUDGET bytes; translated manual pages are all kept.

Writes <out>/<lang>/<flat name>.md|.txt and <out>/MANIFEST.tsv (lang, file, bytes, source, path, commit, licence).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

LANGS = ("en", "de", "ru", "pt", "es", "fr", "it")
MIN_BYTES = 2_000
MAX_BYTES = 200_000
PROSE_SHARE = 0.5
EN_MAN_BUDGET = 3_000_000
MAN_ROOT = Path("/usr/share/man")
EN_MAN_SECTIONS = ("man1", "man5", "man7", "man8")
EN_MAN_PER_PACKAGE = 25  # no package may fill the English pages
EN_MAN_SKIP = frozenset({"google-cloud-cli"})  # 16,000 generated command-reference pages
# Translated manual pages: folder under MAN_ROOT -> corpus language.
MAN_LANG_DIRS = {"de": "de", "ru": "ru", "pt": "pt", "pt_BR": "pt", "es": "es", "fr": "fr", "it": "it"}


@dataclass(frozen=True)
class GitSource:
    repo: str  # owner/name
    commit: str  # pinned
    licence: str
    tag: str  # file-name prefix
    prefixes: tuple[tuple[str, str], ...]  # (lang, folder in the repository)


FASTAPI_LANGS = ("en", "de", "ru", "pt", "es", "fr")
REACT = {  # repository -> (language, pinned commit); licence CC BY 4.0 (LICENSE-DOCS.md)
    "reactjs/react.dev": ("en", "12d692da47e77cdc558b928fcfbaf4e71c6d0cec"),
    "reactjs/de.react.dev": ("de", "2e664a02b30e6aefee68f35de685699dee3f6e75"),
    "reactjs/ru.react.dev": ("ru", "2361adda823b4cb04f0c46aade0303d20e6cb8a4"),
    "reactjs/pt-br.react.dev": ("pt", "ac8362350bbc25125a88b9309b54457589023c7e"),
    "reactjs/es.react.dev": ("es", "e91a76a98e0291fd3ae2abeb3da31442981a77f1"),
    "reactjs/fr.react.dev": ("fr", "d60169fc8269d36347b340dd1def35c7af8e031d"),
    "reactjs/it.react.dev": ("it", "8bd188a0e13e4d834874770af0616037365347dc"),
}
SOURCES = (
    GitSource(
        "fastapi/fastapi",
        "c3f316b7e814667e8ee81e03a7330d00ee61e45c",
        "MIT",
        "fastapi",
        tuple((lang, f"docs/{lang}/docs/") for lang in FASTAPI_LANGS),
    ),
    *(
        GitSource(repo, commit, "CC-BY-4.0", "react", ((lang, "src/content/"),))
        for repo, (lang, commit) in REACT.items()
    ),
    GitSource(
        "vuejs-translations/docs-ru", "ed53a951b62483bb8a9e70b98815edd7491b475c", "CC-BY-4.0", "vue", (("ru", "src/"),)
    ),
    GitSource(
        "vuejs-translations/docs-it", "cc1661807615bd413591d584764fdad9efb35028", "MIT", "vue", (("it", "src/"),)
    ),
)

# Frequent function words; a word listed for more than one language is dropped from all of them.
_STOPWORDS_RAW = {
    "en": "the and is are of to you that with this for it be can not your will when which from was",
    "de": "der die das und ist nicht mit sie ein eine den zu auf für werden wird auch sich dem des oder wenn",
    "fr": "le la les et est des une un du que pour dans vous pas sur qui avec ce sont au peut",
    "es": "el la los las y es del que una un para con por se su como lo más puedes pero está",
    "pt": "o os as e é do da dos das que uma um para com não em você no na se pode está",
    "it": "il lo la gli le e è di che una un per con non del della sono si come puoi può anche",
}


def _stopwords() -> dict[str, frozenset[str]]:
    sets = {lang: set(words.split()) for lang, words in _STOPWORDS_RAW.items()}
    shared = {w for lang, ws in sets.items() for w in ws if any(w in o for k, o in sets.items() if k != lang)}
    return {lang: frozenset(ws - shared) for lang, ws in sets.items()}


STOPWORDS = _stopwords()
_FENCE = re.compile(r"^\s*(```|~~~)")
_MARKER = re.compile(r"^(#{1,6}\s+|>\s*|[-*+]\s+|\d+[.)]\s+)+")
_WORDY = re.compile(r"^[\"'(«„“¿¡*_]*[^\W\d_]{2,}(['’-][^\W\d_]+)*[\"'),.;:!?»“”*_]*$")
_TOKEN = re.compile(r"[^\W\d_]+")
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


def is_sentence(line: str) -> bool:
    """A line that reads like running text: at least five words, and words make at least 60% of its tokens."""
    tokens = _MARKER.sub("", line.strip()).split()
    words = sum(1 for t in tokens if _WORDY.match(t))
    return words >= 5 and words >= 0.6 * len(tokens)


def prose_lines(text: str, markdown: bool) -> tuple[list[str], int]:
    """Sentence-like lines outside fenced code and front matter, and the characters of all non-blank lines."""
    lines = text.splitlines()
    if markdown and lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), 0)
        lines = lines[end + 1 :]
    sentences: list[str] = []
    nonblank = 0
    in_fence = False
    for line in lines:
        if not line.strip():
            continue
        nonblank += len(line.strip())
        if markdown and _FENCE.match(line):
            in_fence = not in_fence
            continue
        if not in_fence and is_sentence(line):
            sentences.append(line)
    return sentences, nonblank


def language_ok(sentences: list[str], lang: str) -> bool:
    """Is the prose written in lang? Russian: mostly Cyrillic letters; others: most of their own function words."""
    text = "\n".join(sentences)
    if lang == "ru":
        letters = sum(len(w) for w in _TOKEN.findall(text))
        return letters > 0 and len(_CYRILLIC.findall(text)) >= 0.5 * letters
    counts = dict.fromkeys(STOPWORDS, 0)
    for word in _TOKEN.findall(text.lower()):
        for other, words in STOPWORDS.items():
            if word in words:
                counts[other] += 1
    return counts[lang] > 0 and all(counts[lang] > n for other, n in counts.items() if other != lang)


def keep(data: bytes, lang: str, markdown: bool) -> bool:
    if not MIN_BYTES <= len(data) <= MAX_BYTES:
        return False
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    sentences, nonblank = prose_lines(text, markdown)
    prose = sum(len(line.strip()) for line in sentences)
    return nonblank > 0 and prose >= PROSE_SHARE * nonblank and language_ok(sentences, lang)


@dataclass(frozen=True)
class Item:
    lang: str
    name: str
    data: bytes
    source: str
    path: str
    commit: str
    licence: str


def git(git_dir: Path, *args: str) -> bytes:
    return subprocess.run(["git", f"--git-dir={git_dir}", *args], check=True, capture_output=True).stdout


def read_blobs(git_dir: Path, shas: list[str]) -> Iterator[bytes]:
    """Blob contents, in order, through one `git cat-file --batch`."""
    proc = subprocess.Popen(
        ["git", f"--git-dir={git_dir}", "cat-file", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write("".join(f"{sha}\n" for sha in shas).encode())
    proc.stdin.close()
    for _ in shas:
        size = int(proc.stdout.readline().split()[2])
        yield proc.stdout.read(size)
        proc.stdout.read(1)
    proc.wait()


def flat(*parts: str) -> str:
    return "__".join(p.strip("/").replace("/", "__") for p in parts if p)


def git_items(source: GitSource, git_dir: Path, at_head: bool) -> Iterator[Item]:
    commit = source.commit
    if at_head:
        commit = git(git_dir, "rev-parse", "HEAD").decode().strip()
    elif subprocess.run(["git", f"--git-dir={git_dir}", "cat-file", "-e", f"{commit}^{{commit}}"]).returncode:
        sys.exit(f"{git_dir}: pinned commit {commit} of {source.repo} is missing (use --at-head to read HEAD)")
    for lang, prefix in source.prefixes:
        rows = git(git_dir, "ls-tree", "-r", "-z", commit, "--", prefix).decode().split("\0")
        entries = []
        for row in rows:
            if not row:
                continue
            meta, path = row.split("\t", 1)
            mode, kind, sha = meta.split()
            if kind == "blob" and mode != "120000" and path.endswith(".md") and not Path(path).name.startswith("_"):
                entries.append((path, sha))
        for (path, _), data in zip(entries, read_blobs(git_dir, [sha for _, sha in entries]), strict=True):
            if keep(data, lang, markdown=True):
                name = flat(source.tag, path[len(prefix) :])
                yield Item(lang, name, data, source.repo, path, commit, source.licence)


def dpkg_owners() -> dict[str, str]:
    owners: dict[str, str] = {}
    for listing in Path("/var/lib/dpkg/info").glob("*.list"):
        package = listing.stem.split(":")[0]
        for line in listing.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith(str(MAN_ROOT)):
                owners[line] = package
    return owners


def dpkg_versions() -> dict[str, str]:
    out = subprocess.run(
        ["dpkg-query", "-W", "-f", "${Package} ${Version}\n"], check=True, capture_output=True, text=True
    ).stdout
    return dict(line.split(" ", 1) for line in out.splitlines() if " " in line)


def package_licence(package: str) -> str:
    """The licence of `Files: *` in a machine-readable copyright file, else a pointer to the file."""
    path = Path("/usr/share/doc") / package / "copyright"
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "unknown"
    for stanza in re.split(r"\n\s*\n", text):
        if re.search(r"^Files:\s*\*\s*$", stanza, re.MULTILINE):
            found = re.search(r"^License:\s*(\S.*)$", stanza, re.MULTILINE)
            if found:
                return found.group(1).strip()
    return f"see {path}"


def render_man(path: Path) -> bytes:
    env = dict(os.environ, LC_ALL="C.UTF-8", MANWIDTH="80", MAN_KEEP_FORMATTING="")
    env.pop("MANPAGER", None)
    env.pop("PAGER", None)
    done = subprocess.run(["man", "-l", "-P", "cat", str(path)], env=env, capture_output=True, timeout=60)
    return done.stdout if done.returncode == 0 else b""


def man_pages(folder: Path, sections: tuple[str, ...] | None) -> list[Path]:
    pages = []
    for section in sorted(folder.glob("man*")):
        if sections is not None and section.name not in sections:
            continue
        for page in section.iterdir():
            if page.is_symlink() or not page.is_file():
                continue
            opener = gzip.open if page.suffix == ".gz" else open
            with opener(page, "rb") as handle:
                if handle.read(4) == b".so ":
                    continue  # a redirect to another page
            pages.append(page)
    return pages


def man_items(en_budget: int) -> Iterator[Item]:
    owners, versions = dpkg_owners(), dpkg_versions()

    def item(lang: str, page: Path, data: bytes) -> Item:
        rel = page.relative_to(MAN_ROOT)
        stem = page.name.removesuffix(".gz")
        package = owners.get(str(page), "unknown")
        parts = ("man", *rel.parts[:-1], stem)
        return Item(
            lang,
            flat(*parts) + ".txt",
            data,
            f"debian:{package}",
            str(page),
            versions.get(package, "unknown"),
            package_licence(package),
        )

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 4) as pool:
        for folder, lang in sorted(MAN_LANG_DIRS.items()):
            pages = sorted(man_pages(MAN_ROOT / folder, None))
            for page, data in zip(pages, pool.map(render_man, pages), strict=True):
                if keep(data, lang, markdown=False):
                    yield item(lang, page, data)
        # English: a fixed pseudo-random order (SHA-1 of the path), rendered in batches until the budget is met.
        pages = sorted(man_pages(MAN_ROOT, EN_MAN_SECTIONS), key=lambda p: hashlib.sha1(str(p).encode()).hexdigest())
        pages = [page for page in pages if owners.get(str(page), "unknown") not in EN_MAN_SKIP]
        total = 0
        per_package: dict[str, int] = {}
        for start in range(0, len(pages), 64):
            batch = pages[start : start + 64]
            for page, data in zip(batch, pool.map(render_man, batch), strict=True):
                package = owners.get(str(page), "unknown")
                if total >= en_budget or per_package.get(package, 0) >= EN_MAN_PER_PACKAGE:
                    continue
                if keep(data, "en", markdown=False):
                    total += len(data)
                    per_package[package] = per_package.get(package, 0) + 1
                    yield item("en", page, data)
            if total >= en_budget:
                return


def find_mirror(repo: str, mirrors: list[Path], root: Path | None) -> Path:
    wanted = repo.replace("/", "+")
    for mirror in mirrors:
        if wanted in (mirror.name, mirror.parent.name):
            return mirror
    if root is not None and (root / wanted / "repo").is_dir():
        return root / wanted / "repo"
    sys.exit(f"no mirror of {repo}: pass --mirror .../{wanted}/repo or --mirror-root (fetch github:{repo})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mirror", type=Path, action="append", default=[], help="a bare git mirror (repeatable)")
    parser.add_argument("--mirror-root", type=Path, help="a folder of <owner>+<name>/repo mirrors")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--force", action="store_true", help="replace the language folders and manifest in --out")
    parser.add_argument("--at-head", action="store_true", help="read each mirror's HEAD instead of the pinned commit")
    parser.add_argument("--no-man", action="store_true", help="leave out the manual pages")
    args = parser.parse_args(argv)

    out: Path = args.out
    existing = [out / lang for lang in LANGS if (out / lang).exists()] + [
        p for p in [out / "MANIFEST.tsv"] if p.exists()
    ]
    if existing and not args.force:
        sys.exit(f"{out} already holds a corpus; pass --force to replace it")
    for path in existing:
        shutil.rmtree(path) if path.is_dir() else path.unlink()

    items: list[Item] = []
    for source in SOURCES:
        git_dir = find_mirror(source.repo, args.mirror, args.mirror_root)
        got = list(git_items(source, git_dir, args.at_head))
        commit = got[0].commit if got else source.commit
        print(f"{source.repo}@{commit}: {len(got)} files")
        items.extend(got)
    if not args.no_man:
        got = list(man_items(EN_MAN_BUDGET))
        print(f"manual pages under {MAN_ROOT}, rendered by man(1): {len(got)} files")
        items.extend(got)

    seen: set[tuple[str, str]] = set()
    rows = ["lang\tfile\tbytes\tsource\tpath\tcommit\tlicence"]
    for it in sorted(items, key=lambda i: (LANGS.index(i.lang), i.name)):
        if (it.lang, it.name) in seen:
            sys.exit(f"two sources give {it.lang}/{it.name}")
        seen.add((it.lang, it.name))
        target = out / it.lang / it.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(it.data)
        rows.append(f"{it.lang}\t{it.name}\t{len(it.data)}\t{it.source}\t{it.path}\t{it.commit}\t{it.licence}")
    (out / "MANIFEST.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")

    print(f"{'lang':<5} {'files':>6} {'md':>5} {'txt':>5} {'MB':>7}")
    grand = 0
    for lang in LANGS:
        mine = [i for i in items if i.lang == lang]
        size = sum(len(i.data) for i in mine)
        grand += size
        md = sum(1 for i in mine if i.name.endswith(".md"))
        print(f"{lang:<5} {len(mine):>6} {md:>5} {len(mine) - md:>5} {size / 1e6:>7.2f}")
    print(f"{'all':<5} {len(items):>6} {'':>5} {'':>5} {grand / 1e6:>7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
