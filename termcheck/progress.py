"""A progress bar on stderr for runs that take a while: files done of all, findings so far, the rate.
Shown only on a terminal, once a second has passed (a short run never flickers), never with --quiet
or under CI; click's own progress bar draws it. Findings written to the same terminal meanwhile
clear it first and draw it again after."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from .runner import Outcome

AFTER_SECONDS = 1.0


def wanted(err: TextIO, quiet: bool) -> bool:
    return not quiet and not os.environ.get("CI") and hasattr(err, "isatty") and err.isatty()


class Progress:
    """The bar: `track` moves it with lint's outcomes, `tick` with anything else counted (an import's
    concepts: `label` and `unit` say what)."""

    def __init__(self, total: int, err: TextIO, enabled: bool, label: str = "Checking", unit: str = "files") -> None:
        self.total, self.err, self.enabled = total, err, enabled and total > 1
        self.label, self.unit = label, unit
        self.start = time.monotonic()
        self.bar: Any = None
        self.done = self.findings = 0

    def track(self, outcomes: Iterator[Outcome]) -> Iterator[Outcome]:
        """The outcomes as they come, the bar moved after each."""
        try:
            for outcome in outcomes:
                self.done += 1
                self.findings += len(outcome.analysed.findings) if outcome.analysed is not None else 0
                self._draw()
                yield outcome
        finally:
            self.close()

    def tick(self, count: int = 1) -> None:
        """`count` more done."""
        self.done += count
        self._draw()

    def _label(self) -> str:
        elapsed = max(time.monotonic() - self.start, 1e-6)
        rate = f"{self.done / elapsed:.0f} {self.unit}/s"
        return f"{self.findings} finding{'s' * (self.findings != 1)}, {rate}" if self.unit == "files" else rate

    def _draw(self) -> None:
        if not self.enabled:
            return
        if self.bar is None:
            if time.monotonic() - self.start < AFTER_SECONDS:
                return
            import click

            self.bar = click.progressbar(length=self.total, file=self.err, show_pos=True, show_percent=False,
                                         width=30, label=self.label)  # fmt: skip
            self.bar.__enter__()
        self.bar.label = f"{self.label} ({self._label()})"
        self.bar.update(self.done - self.bar.pos)

    def clear(self) -> None:
        """Take the bar off the line before something else is written to the terminal."""
        if self.bar is not None:
            self.err.write("\r\033[K")
            self.err.flush()

    def redraw(self) -> None:
        if self.bar is not None:
            self.bar.render_progress()

    def close(self) -> None:
        if self.bar is not None:
            self.err.write("\r\033[K\033[?25h")  # the line cleared, the cursor click hid shown again
            self.err.flush()
            self.bar.finished = True  # nothing more: the summary follows on a clean line
            self.bar = None
