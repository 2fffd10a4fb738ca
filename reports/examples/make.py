"""Remake the example reports in this folder from the seeds and examples, as the documented commands make
them: `python reports/examples/make.py` (from the repository's top). With `--check`, remake nothing and
exit 1 naming each report that is stale (tests/test_examples_reports.py runs it so). glossary.html is the
shipped term base's page for editors: `termcheck glossary export --format html -o glossary.html`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

TOP = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
# (report file, the arguments of `termcheck lint` that make it). A text report is what a terminal shows:
# `termcheck lint seeds/ --exit-zero > seeds.txt 2>&1`, the summary included; the others are the report
# alone: `termcheck lint seeds/ --format json --exit-zero -q > seeds.json`. A line whose arguments start with
# `glossary` runs that command instead, its standard output alone (the term base's page).
REPORTS = (
    ("seeds.txt", ("seeds/",)),
    ("seeds.json", ("seeds/", "--format", "json", "-q")),
    ("seeds.sarif", ("seeds/", "--format", "sarif", "-q")),
    ("examples.txt", ("examples/",)),
    ("examples.json", ("examples/", "--format", "json", "-q")),
    ("seeds.html", ("seeds/", "examples/", "--format", "html", "-q")),
    ("glossary.html", ("glossary", "export", "--format", "html", "-o", "-")),
)


def made(args: tuple[str, ...]) -> bytes:
    """A report as `termcheck lint ARGS --exit-zero` writes it (standard output, then standard error); or
    what `termcheck glossary ARGS` writes to standard output."""
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(TOP)}
    if args[0] == "glossary":
        command = [sys.executable, "-m", "termcheck", *args]
        return subprocess.run(command, cwd=TOP, env=env, capture_output=True, check=True).stdout
    command = [sys.executable, "-m", "termcheck", "lint", *args, "--exit-zero"]
    done = subprocess.run(command, cwd=TOP, env=env, capture_output=True, check=True)
    return done.stdout + done.stderr


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for name, args in REPORTS:
        target, content = HERE / name, made(args)
        if check:
            if not target.exists() or target.read_bytes() != content:
                stale.append(name)
        else:
            target.write_bytes(content)
            command = " ".join(args) if args[0] == "glossary" else f"lint {' '.join(args)}"
            print(f"wrote reports/examples/{name}: termcheck {command}")
    for name in stale:
        print(f"reports/examples/{name} is stale: run `python reports/examples/make.py`", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
