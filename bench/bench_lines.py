"""Seconds to read and check one very long line, per format and size (issue 21).

    python bench/bench_lines.py                 # 1, 5 and 10 MB, every format, a line of words and one word
    python bench/bench_lines.py --sizes 1 2     # other sizes (MB)
    python bench/bench_lines.py --hostile       # also: huge CDATA, attributes, element counts, deep Markdown

Each case runs in a process of its own under a timeout (a hang prints "timeout", it does not stop the
bench), and prints the seconds to read the file into segments (`read`) and to check it (`lint`, the
shipped term base, `--lang pt`, the term base loaded before the clock starts) and the process's peak
memory. Linear time shows as seconds that grow with the size, 10 MB taking about ten times 1 MB.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time

FORMATS = ("txt", "md", "html", "po", "xlf", "tmx")
FILLER = "uma casa grande fica perto do rio e tem janelas azuis. "


def wrap(fmt: str, line: str) -> str:
    """A file of `fmt` holding `line` as one line of text, between two short ones."""
    return {
        "txt": f"Início CSTO\n{line}\nFim CSTO\n",
        "md": f"# CSTO\n\n{line}\n\nFim CSTO\n",
        "html": f"<html><body><p>CSTO</p><p>{line}</p><p>Fim CSTO</p></body></html>\n",
        "po": f'msgid "x"\nmsgstr "{line}"\n\nmsgid "y"\nmsgstr "Fim CSTO"\n',
        "xlf": '<xliff version="1.2"><file source-language="en" target-language="pt"><body><trans-unit id="1">'
        f'<source>x</source><target>{line}</target></trans-unit><trans-unit id="2"><source>y</source>'
        "<target>Fim CSTO</target></trans-unit></body></file></xliff>\n",
        "tmx": '<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>x</seg></tuv>'
        f'<tuv xml:lang="pt"><seg>{line}</seg></tuv></tu><tu><tuv xml:lang="en"><seg>y</seg></tuv>'
        '<tuv xml:lang="pt"><seg>Fim CSTO</seg></tuv></tu></body></tmx>\n',
    }[fmt]


def lines(size: int) -> dict[str, str]:
    """A line of words (a term every few thousand characters) and a line that is one word."""
    block = FILLER * 50 + "CSTO "
    return {"words": (block * (size // len(block) + 1))[:size], "one word": "a" * size}


def hostile(size: int) -> dict[str, tuple[str, str]]:
    """Files of about `size` characters that once hung or were misread: (label, text)."""
    big = "a" * size
    count = size // 16
    return {
        "CDATA (xlf)": ("c.xlf", wrap("xlf", f"CSTO <![CDATA[{big}]]>")),
        "CDATA (tmx)": ("c.tmx", wrap("tmx", f"CSTO <![CDATA[{big}]]>")),
        "CDATA (html)": ("c.html", f"<html><body><p>CSTO <![CDATA[{big}]]></p></body></html>"),
        "unclosed CDATA (html)": ("u.html", f"<html><body><p>CSTO</p><![CDATA[{big}"),
        "attribute (html)": ("a.html", f'<html><body><p title="{big}">CSTO</p></body></html>'),
        "attribute (xlf)": ("a.xlf", wrap("xlf", "CSTO").replace('id="1"', f'id="1" resname="{big}"')),
        "elements (html)": ("e.html", "<html><body><p>CSTO</p>" + "<b>x" * count + "</p></body></html>"),
        "elements (xlf)": ("e.xlf", wrap("xlf", "CSTO " + "<x/>a" * count)),
        "nested elements (tmx)": ("n.tmx", wrap("tmx", "CSTO " + "<hi>" * count + "a" + "</hi>" * count)),
        "deep quotes (md)": ("q.md", "# CSTO\n\n" + ">" * size + " CSTO\n"),
        "deep lists (md)": ("l.md", "# CSTO\n\n" + "- " * (size // 2) + "CSTO\n"),
    }


def one(label: str, text: str) -> dict[str, object]:
    """Read and check one file in this process: seconds per stage, findings, or the error."""
    import resource

    from termcheck.config import Config
    from termcheck.errors import SourceError
    from termcheck.glossary.index import GlossaryIndex
    from termcheck.glossary.load import load
    from termcheck.pipeline import Settings, lint_document, read_source
    from termcheck.resources import Resources
    from termcheck.rules import select

    index = GlossaryIndex(load()[0])
    resources = Resources.for_index(index, identify=False)
    settings = Settings(Config(), tuple(select()), "pt")
    out: dict[str, object] = {}
    start = time.perf_counter()
    try:
        parsed = read_source(label, text, settings)
        out["read"] = time.perf_counter() - start
        start = time.perf_counter()
        out["findings"] = len(lint_document(parsed, index, settings, resources))
        out["lint"] = time.perf_counter() - start
    except SourceError as exc:
        out["error"] = str(exc)
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def measure(label: str, text: str, timeout: float) -> str:
    """One case in a process of its own: its figures, or "timeout"."""
    try:
        res = subprocess.run(
            [sys.executable, __file__, "--one", label],
            input=text,
            capture_output=True,
            text=True,
            timeout=timeout,
            encoding="utf-8",
        )
    except subprocess.TimeoutExpired:
        return f"timeout (> {timeout:.0f} s)"
    if res.returncode != 0:
        return "crashed: " + (res.stderr.strip().splitlines() or ["?"])[-1]
    got = json.loads(res.stdout)
    if "error" in got:
        return f"error: {got['error'][:90]}"
    return (
        f"read {got['read']:6.2f} s  lint {got['lint']:6.2f} s  findings {got['findings']:6}  "
        f"peak {got['peak_mb']:5.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", type=float, nargs="*", default=[1, 5, 10], help="line sizes in MB")
    parser.add_argument("--hostile", action="store_true", help="also the huge CDATA/attribute/element cases")
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one, sys.stdin.read())))
        return
    for mb in args.sizes:
        size = int(mb * 1024 * 1024)
        for kind, line in lines(size).items():
            for fmt in FORMATS:
                print(f"{mb:4g} MB line ({kind:8}) {fmt:5} {measure('t.' + fmt, wrap(fmt, line), args.timeout)}")
                sys.stdout.flush()
        if args.hostile:
            for name, (label, text) in hostile(size).items():
                print(f"{mb:4g} MB {name:27} {measure(label, text, args.timeout)}")
                sys.stdout.flush()


if __name__ == "__main__":
    main()
