"""reStructuredText lines of any length in linear time: the reStructuredText source (docutils and the
placing of its blocks) on one long line of prose, 1, 2 and 4 MB, and the paragraph check that turns
a paragraph docutils would need hours for (dense inline markup) into one error. Prints figures.

python bench/rst_long_lines.py
"""

from __future__ import annotations

import time

from termcheck.errors import SourceError
from termcheck.sources import rst


def _seconds(text: str) -> tuple[float, str]:
    start = time.perf_counter()
    try:
        outcome = f"{len(rst.read('bench.rst', text).segments)} segments"
    except SourceError as exc:
        outcome = f"error: {exc.message[:60]}..."
    return time.perf_counter() - start, outcome


def main() -> None:
    for mb in (1, 2, 4):
        prose = "Título\n======\n\n" + ("a casa da CSTO " * (mb * 70_000))[: mb * 1_000_000] + "\n"
        took, outcome = _seconds(prose)
        print(f"prose, one {mb} MB line: {took:.2f} s ({took / mb:.2f} s/MB), {outcome}")
    for mb in (1, 5):
        dense = "Um\n\n" + "*a* ``b`` `c`_ x " * (mb * 60_000) + "\n"
        took, outcome = _seconds(dense)
        print(f"dense inline markup, one {mb} MB line: {took:.2f} s, {outcome}")


if __name__ == "__main__":
    main()
