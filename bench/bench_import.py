"""What `glossary import` costs as the file grows: a generated TBX-Basic file and termcheck's own CSV of
N concepts (four terms in three languages each), imported in-process into an empty folder, then again
into that term base with one concept in ten changed. Prints CPU seconds per size and per 1,000
concepts (linear growth: the last column stays flat); asserts nothing.

python bench/bench_import.py                     # 2,000 / 8,000 / 32,000 concepts
python bench/bench_import.py --sizes 2000 64000
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from termcheck.app.glossary import import_  # noqa: E402


def concepts(n: int, changed: bool) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """(id, [(language, term, status)]) for n concepts; with `changed`, one in ten has a new German term."""
    out = []
    for i in range(n):
        mark = "x" if changed and i % 10 == 0 else ""
        terms = [("en", f"word{i} alpha", "preferred"), ("en", f"WORD{i}", "admitted"),
                 ("de", f"Wort{i} Beta{mark}", "preferred"), ("pt", f"palavra{i} gama", "preferred")]  # fmt: skip
        out.append((f"c{i}", terms))
    return out


def tbx(rows: list[tuple[str, list[tuple[str, str, str]]]]) -> str:
    status = {"preferred": "preferredTerm-admn-sts", "admitted": "admittedTerm-admn-sts"}
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" '
             'style="dca" xml:lang="en"><text><body>\n']  # fmt: skip
    for cid, terms in rows:
        parts.append(f'<conceptEntry id="{cid}"><descrip type="subjectField">bench</descrip>')
        for lang in ("en", "de", "pt"):
            parts.append(f'<langSec xml:lang="{lang}">')
            for term_lang, term, st in terms:
                if term_lang == lang:
                    parts.append(f'<termSec><term>{term}</term><termNote type="administrativeStatus">{status[st]}'
                                 "</termNote></termSec>")  # fmt: skip
            parts.append("</langSec>")
        parts.append("</conceptEntry>\n")
    return "".join(parts) + "</body></text></tbx>\n"


def csv(rows: list[tuple[str, list[tuple[str, str, str]]]]) -> str:
    lines = ["concept,language,term,status\n"]
    lines += [f"{cid},{lang},{term},{st}\n" for cid, terms in rows for lang, term, st in terms]
    return "".join(lines)


def timed(file: Path, folder: Path) -> float:
    start = time.process_time()
    code = import_(str(file), str(folder), False, out=io.StringIO(), err=io.StringIO())
    assert code == 0, code
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 8000, 32000])
    args = parser.parse_args()
    print(f"{'format':<6} {'concepts':>9} {'MB':>6} {'into empty':>11} {'s/1k':>6} {'10% changed':>12} {'s/1k':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        for fmt, make in (("tbx", tbx), ("csv", csv)):
            for n in args.sizes:
                base = Path(tmp) / f"{fmt}{n}"
                first, second = base.with_suffix(f".{fmt}"), base.with_name(f"{fmt}{n}-changed.{fmt}")
                first.write_text(make(concepts(n, False)), encoding="utf-8")
                second.write_text(make(concepts(n, True)), encoding="utf-8")
                folder = base.with_name(f"{fmt}{n}-tb")
                empty = timed(first, folder)
                again = timed(second, folder)
                size = first.stat().st_size / 1e6
                print(f"{fmt:<6} {n:>9} {size:>6.1f} {empty:>10.1f}s {empty / n * 1000:>6.2f} {again:>11.1f}s "
                      f"{again / n * 1000:>6.2f}", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
