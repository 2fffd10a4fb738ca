"""What reading a format costs: the seeds written as plain text, Markdown, HTML, reStructuredText, a PO
catalogue and an XLIFF 2.0 file (each paragraph a paragraph, an entry or a unit), checked through the
whole pipeline with the language given. Prints MB/s per format; asserts nothing.

python bench/bench_formats.py            # about 2 MB per format
python bench/bench_formats.py --mb 0.5
"""

from __future__ import annotations

import argparse
import html
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from termcheck.config import Config  # noqa: E402
from termcheck.glossary.index import GlossaryIndex  # noqa: E402
from termcheck.glossary.load import load  # noqa: E402
from termcheck.pipeline import Settings, lint_text  # noqa: E402
from termcheck.resources import Resources  # noqa: E402
from termcheck.rules import select  # noqa: E402


def paragraphs() -> list[str]:
    seed = (ROOT / "seeds" / "000_bbfeb18460988360.txt").read_text(encoding="utf-8")
    return [p.strip() for p in seed.split("\n\n") if len(p.strip()) > 40]


def po_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def documents(paras: list[str], times: int) -> dict[str, tuple[str, str]]:
    body = paras * times
    xml = "".join(
        f'<unit id="u{i}"><segment><source>Paragraph {i}</source><target>{html.escape(p, quote=False)}</target>'
        "</segment></unit>\n"
        for i, p in enumerate(body)
    )
    return {
        "text": ("a.txt", "\n\n".join(body)),
        "markdown": ("a.md", "\n\n".join(f"## Parte {i}\n\n{p} *[OTSC](https://x.org)*" for i, p in enumerate(body))),
        "html": ("a.html", "".join(f"<h2>Parte {i}</h2><p>{html.escape(p)} <b>OTSC</b></p>\n"
                                   for i, p in enumerate(body))),
        "rst": ("a.rst", "\n\n".join(f"Parte {i}\n{'=' * (len(str(i)) + 6)}\n\n{p}" for i, p in enumerate(body))),
        "po": ("a.po", 'msgid ""\nmsgstr "Language: pt\\n"\n\n'
               + "".join(f"msgid {po_quote(f'Paragraph {i}')}\nmsgstr {po_quote(p)}\n\n" for i, p in enumerate(body))),
        "xliff": ("a.xlf", '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" '
                  f'trgLang="pt"><file id="f">\n{xml}</file></xliff>\n'),
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=2.0)
    args = parser.parse_args()
    paras = paragraphs()
    times = max(1, int(args.mb * 1_000_000 / len("\n\n".join(paras).encode())))
    index = GlossaryIndex(load()[0])
    settings = Settings(Config(), tuple(select()))
    resources = Resources.for_index(index)
    for fmt, (name, text) in documents(paras, times).items():
        size = len(text.encode()) / 1e6
        start = time.perf_counter()
        found = lint_text(name, text, "pt", settings, index, resources)
        elapsed = time.perf_counter() - start
        print(f"{fmt:<9} {size:5.1f} MB  {size / elapsed:5.2f} MB/s  {len(found)} findings")


if __name__ == "__main__":
    main()
