"""`termcheck server` driven by a real LSP client (pygls's LanguageClient) over stdio: the diagnostics
are the CLI's findings, quick fixes come as code actions (safe ones preferred), hover shows the
concept in every language, and an edited term base is used without restarting the server."""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="pygls is not installed (the lsp extra: pip install 'termcheck[lsp]')")

from lsprotocol import types
from pygls.lsp.client import LanguageClient

from conftest import ROOT, Run

TEXT = "A OTSC e o CSTO. Bem como da da outra vez.\n# termcheck: ignore[TC101]\nO CSTO.\n"
GLOSSARY = """version: 1
concepts:
- id: csto
  gender: {pt: feminine}
  terms:
    en: [CSTO]
    pt: [OTSC]
    de: [OVKS]
"""


class _Client(LanguageClient):
    def __init__(self) -> None:
        super().__init__("test-client", "1")
        self.diagnostics: dict[str, asyncio.Queue[Sequence[types.Diagnostic]]] = {}

        def published(params: types.PublishDiagnosticsParams) -> None:
            self.diagnostics.setdefault(params.uri, asyncio.Queue()).put_nowait(params.diagnostics)

        self.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)(published)

    async def stop(self) -> None:  # pygls's own, which it leaves unannotated
        await LanguageClient.stop(self)

    async def next_diagnostics(self, uri: str) -> Sequence[types.Diagnostic]:
        return await asyncio.wait_for(self.diagnostics.setdefault(uri, asyncio.Queue()).get(), timeout=60)


async def _session(folder: Path, cli_findings: list[dict[str, object]]) -> None:
    client = _Client()
    await client.start_io(sys.executable, "-m", "termcheck", "server")
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities(),
                                                         root_uri=folder.as_uri()))  # fmt: skip
    client.initialized(types.InitializedParams())
    doc = folder / "a.txt"
    uri = doc.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=TEXT)))  # fmt: skip
    diagnostics = await client.next_diagnostics(uri)
    # The CLI's findings, with the suppression comment honoured: same codes, same places.
    got = sorted((d.code, d.range.start.line + 1, d.range.start.character + 1) for d in diagnostics)
    assert got == sorted((f["code"], f["line"], f["column"]) for f in cli_findings)
    assert {d.source for d in diagnostics} == {"termcheck"}
    # Code actions: the doubled word's fix is safe and preferred; the CSTO ones are offered too.
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri), range=types.Range(types.Position(0, 0), types.Position(1, 0)),
        context=types.CodeActionContext(diagnostics=diagnostics)))  # fmt: skip
    assert actions
    by_title = {a.title: a for a in actions if isinstance(a, types.CodeAction)}
    doubled = next(a for a in by_title.values() if a.diagnostics and a.diagnostics[0].code == "TC106")
    assert doubled.is_preferred and doubled.edit is not None and doubled.edit.changes is not None
    (edit,) = doubled.edit.changes[uri]
    line = TEXT.splitlines()[0]
    start, end = edit.range.start.character, edit.range.end.character
    assert line[:start] + edit.new_text + line[end:] == "A OTSC e o CSTO. Bem como da outra vez."
    assert any("OTSC" in t and not a.is_preferred for t, a in by_title.items())
    # Hover on CSTO: the concept in every language of the term base.
    hover = await client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(uri),
                                                                     types.Position(0, 12)))  # fmt: skip
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert "**csto**" in hover.contents.value and "| OVKS | preferred |" in hover.contents.value
    # The term base changes on disk: the next check uses it (no restart).
    (folder / "g.yaml").write_text(GLOSSARY.replace("pt: [OTSC]", "pt: [OTSC, CSTO]"), encoding="utf-8")
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        [types.TextDocumentContentChangeWholeDocument(text=TEXT + "\n")]))  # fmt: skip
    again = await client.next_diagnostics(uri)
    assert "TC101" not in {d.code for d in again}  # CSTO is now allowed in Portuguese
    client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri)))
    assert list(await client.next_diagnostics(uri)) == []  # closed: its diagnostics cleared
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()


def test_the_server_gives_the_cli_s_findings_fixes_and_hover(run: Run, tmp_path: Path) -> None:
    (tmp_path / "g.yaml").write_text(GLOSSARY, encoding="utf-8")
    (tmp_path / ".termcheck.toml").write_text(
        'glossary = ["g.yaml"]\nlanguage = { "*.txt" = "pt" }\n', encoding="utf-8"
    )
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    cli = run("lint", "a.txt", "--format", "json", cwd=tmp_path)
    findings = cli.json["findings"]
    # line 3: the gender slip stays, the foreign rendering is suppressed by the comment above it
    assert sorted((f["line"], f["code"]) for f in findings) == [(1, "TC101"), (1, "TC105"), (1, "TC106"), (3, "TC105")]
    asyncio.run(_session(tmp_path, findings))


def test_without_the_extra_the_command_says_what_to_install(tmp_path: Path) -> None:
    import subprocess

    blocker = tmp_path / "pygls.py"
    blocker.write_text("raise ImportError('pygls is hidden for this test')\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv[1]); "
                           "from termcheck.cli import main; sys.exit(main(['server']))", str(tmp_path)],
                          capture_output=True, text=True, check=False, cwd=ROOT)  # fmt: skip
    assert done.returncode == 2 and "pip install 'termcheck[lsp]'" in done.stderr
    assert json.dumps(done.stderr).count("\\n") <= 1  # one line, no traceback


async def _stale_session(folder: Path) -> None:
    client = _Client()
    await client.start_io(sys.executable, "-m", "termcheck", "server")
    capabilities = types.ClientCapabilities(
        workspace=types.WorkspaceClientCapabilities(workspace_edit=types.WorkspaceEditClientCapabilities(
            document_changes=True)))  # fmt: skip
    await client.initialize_async(types.InitializeParams(capabilities=capabilities, root_uri=folder.as_uri()))
    client.initialized(types.InitializedParams())
    uri = (folder / "a.txt").as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=TEXT)))  # fmt: skip
    diagnostics = await client.next_diagnostics(uri)
    everything = types.Range(types.Position(0, 0), types.Position(2, 0))

    async def fixes() -> dict[str, types.CodeAction]:
        found = await client.text_document_code_action_async(types.CodeActionParams(
            types.TextDocumentIdentifier(uri), everything, types.CodeActionContext(diagnostics=diagnostics)))  # fmt: skip
        return {str(a.diagnostics[0].code): a for a in found or [] if isinstance(a, types.CodeAction) and a.diagnostics}

    doubled = (await fixes())["TC106"]
    assert doubled.edit is not None and doubled.edit.document_changes is not None
    (change,) = doubled.edit.document_changes
    assert isinstance(change, types.TextDocumentEdit) and change.text_document.version == 1  # for that text only
    # The user edits the sentence; the old diagnostics' fixes no longer fit the text: none is offered.
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        [types.TextDocumentContentChangeWholeDocument(text=TEXT.replace("da da", "da"))]))  # fmt: skip
    assert "TC106" not in await fixes()
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()


def test_a_fix_is_made_for_the_document_version_it_was_computed_on(tmp_path: Path) -> None:
    """The server never writes files: a quick fix is an edit naming the document version it was made for
    (the client refuses it on another), and a fix whose text has changed since is not offered."""
    (tmp_path / "g.yaml").write_text(GLOSSARY, encoding="utf-8")
    (tmp_path / ".termcheck.toml").write_text(
        'glossary = ["g.yaml"]\nlanguage = { "*.txt" = "pt" }\n', encoding="utf-8"
    )
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    asyncio.run(_stale_session(tmp_path))
