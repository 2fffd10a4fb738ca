"""Directory walking against depth and breadth (it was cubic in depth: 600 levels took 93 s).
Prints seconds per tree; asserts nothing.

python bench/bench_walk.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path


def deep(root: Path, levels: int) -> None:
    folder = root
    for _ in range(levels):
        folder = folder / "x"
    folder.mkdir(parents=True)
    (folder / "a.txt").write_text("A CSTO.\n", encoding="utf-8")
    (root / ".gitignore").write_text("build/\n", encoding="utf-8")


def wide(root: Path, count: int) -> None:
    for i in range(count):
        folder = root / f"d{i % 100}"
        folder.mkdir(exist_ok=True)
        (folder / f"f{i}.md").write_text("# A CSTO\n", encoding="utf-8")


def timed(root: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "termcheck", "lint", ".", "--lang", "pt", "-q", "--exit-zero"], cwd=root,
                   capture_output=True, check=False)  # fmt: skip
    return time.perf_counter() - start


def main() -> None:
    for levels in (150, 300, 600):
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / ".git").mkdir()
            deep(Path(tmp), levels)
            print(f"{levels} levels deep, one file: {timed(Path(tmp)):.2f} s")
    for count in (1000, 4000):
        with tempfile.TemporaryDirectory() as tmp:
            wide(Path(tmp), count)
            print(f"{count} Markdown files in 100 folders: {timed(Path(tmp)):.2f} s")


if __name__ == "__main__":
    main()
