"""`termcheck server` under quick edits: a change that arrives while a check of its document runs,
whichever part of the check that is, is checked in turn, and the last diagnostics published are those
of the document's latest version (none is lost). The server's checks are driven in process, the
document and the check itself stood in for, so that a change can be sent at each step."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

pytest.importorskip("pygls", reason="pygls is not installed (the lsp extra: pip install 'termcheck[lsp]')")

from termcheck.server import TermcheckServer

URI = "file:///tmp/doc.txt"


class _Server(TermcheckServer):
    """The server with one open document, a check that only records the text it saw, and a pause (an
    event) in the step named by `hold`: "lint" (the document's own check) or "others" (the other
    documents of its workspace, after its diagnostics are published)."""

    def __init__(self, hold: str) -> None:
        super().__init__()
        self.doc = SimpleNamespace(version=1, path="/tmp/doc.txt", source="one")
        self._workspace = SimpleNamespace(text_documents={URI: self.doc}, get_text_document=lambda _uri: self.doc)
        self.hold, self.held, self.go_on = hold, threading.Event(), threading.Event()
        self.checked: list[str] = []
        self.published: list[int | None] = []

    @property
    def workspace(self) -> Any:
        return self._workspace

    def is_open(self, uri: str) -> bool:
        return uri == URI

    def _pause(self, step: str) -> None:
        if self.hold == step and not self.held.is_set():
            self.held.set()
            assert self.go_on.wait(10)

    def lint(self, path: Path, source: str) -> tuple[list[Any], list[Any]]:
        self.checked.append(source)
        self._pause("lint")
        return [], []

    def others(self, uri: str) -> list[tuple[str, int | None, list[Any]]]:
        self._pause("others")
        return []

    def text_document_publish_diagnostics(self, params: Any) -> None:
        self.published.append(params.version)


async def _edit_during(hold: str) -> _Server:
    server = _Server(hold)
    server.check(URI)
    await asyncio.get_running_loop().run_in_executor(None, server.held.wait, 10)
    server.doc.version, server.doc.source = 2, "two"  # the editor's change, then its check requested
    server.check(URI)
    server.go_on.set()
    for _ in range(500):
        await asyncio.sleep(0.01)
        if not server.running:
            break
    assert not server.running
    return server


@pytest.mark.parametrize("hold", ["lint", "others"])
def test_a_change_while_its_document_is_checked_is_checked_in_turn(hold: str) -> None:
    server = asyncio.run(_edit_during(hold))
    assert server.checked == ["one", "two"]
    assert server.published[-1] == 2  # the latest text's diagnostics come last
    if hold == "lint":
        assert server.published == [2]  # the outdated check's diagnostics were never sent


def test_a_check_requested_as_the_last_one_ends_starts_another() -> None:
    """The check's task is forgotten as it ends, not in a callback later: a request in between is not
    taken for one to fold into the ending check."""

    async def edit_at_the_end() -> _Server:
        server = _Server("none")
        server.check(URI)
        task = server.running[URI]
        while not task.done():
            await asyncio.sleep(0)
        assert URI not in server.running  # before any callback of the task has run
        server.doc.version, server.doc.source = 2, "two"
        server.check(URI)
        await server.running[URI]
        return server

    server = asyncio.run(edit_at_the_end())
    assert server.checked == ["one", "two"] and server.published == [1, 2]
