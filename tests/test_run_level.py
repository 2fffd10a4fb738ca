"""The run-level stage (consistency across files) from every front end: the LSP server's workspace and the
Dask checker report the cross-file findings `termcheck lint` reports on the same files. The files are a
real catalogue (Sphinx's German one) in three copies, one of which translates a message otherwise."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, Run, sphinx_catalogues

KEY = ("path", "line", "column", "code", "message")


def _key(f: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(Path(f[k]).name if k == "path" else f[k] for k in KEY)


def test_the_dask_checker_gives_the_cli_s_cross_file_findings(run: Run, tmp_path: Path) -> None:
    pytest.importorskip("dask", reason="the dask extra is not installed: pip install 'termcheck[dask]'")
    pytest.importorskip("distributed", reason="the dask extra is not installed: pip install 'termcheck[dask]'")
    import dask.bag as db
    from dask.distributed import Client, LocalCluster

    from termcheck.scale import Checker

    sphinx_catalogues(tmp_path)
    files = sorted(str(p) for p in tmp_path.glob("*.po")) + sorted(str(p) for p in (ROOT / "seeds").glob("*.txt"))
    expected = run("lint", *files, "--consistency-scope", "run", "--format", "json").json["findings"]
    cross = [f for f in expected if f.get("scope") == "run"]
    assert [(Path(f["path"]).name, f["rule"], f["text"]) for f in cross] == [
        ("c.po", "inconsistent-translation", "Seitenleiste zuklappen")
    ]
    checker = Checker(glossary=["builtin"], consistency_scope="run")
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        shipped = client.scatter(checker, broadcast=True)
        results = db.from_sequence(files, npartitions=4).map(lambda path, c: c.analyse_path(path), shipped).compute()
    found = checker.finish(results)
    assert [_key(f) for f in found] == [_key(f) for f in expected]
    # Each file on its own (check_path) has no cross-file finding.
    alone = [f for path in files for f in checker.check_path(path)]
    assert not [f for f in alone if f.get("scope") == "run"] and len(alone) == len(expected) - 1


async def _workspace(folder: Path, cli: list[dict[str, Any]]) -> None:
    from lsprotocol import types
    from pygls.lsp.client import LanguageClient

    queues: dict[str, asyncio.Queue[list[types.Diagnostic]]] = {}
    client = LanguageClient("test-client", "1")

    def published(params: types.PublishDiagnosticsParams) -> None:
        queues.setdefault(params.uri, asyncio.Queue()).put_nowait(list(params.diagnostics))

    client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)(published)

    async def diagnostics(uri: str) -> list[types.Diagnostic]:
        return await asyncio.wait_for(queues.setdefault(uri, asyncio.Queue()).get(), timeout=120)

    def keyed(found: list[types.Diagnostic]) -> list[tuple[object, int, int, str]]:
        return sorted((d.code, d.range.start.line + 1, d.range.start.character + 1, d.message) for d in found)

    await client.start_io(sys.executable, "-m", "termcheck", "server")
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities(),
                                                         root_uri=folder.as_uri()))  # fmt: skip
    client.initialized(types.InitializedParams())
    c_po = folder / "c.po"
    uri, text = c_po.as_uri(), c_po.read_text(encoding="utf-8")
    # Only c.po is open: a.po and b.po count as the workspace has them on disk.
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri=uri, language_id="po", version=1, text=text)))  # fmt: skip
    got = await diagnostics(uri)
    mine = [f for f in cli if f["path"] == "c.po"]
    assert keyed(got) == sorted((f["code"], f["line"], f["column"], f["message"]) for f in mine)
    assert any(f.get("scope") == "run" for f in mine)
    # Edited back to the other files' translation: the cross-file finding goes as the text changes.
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        [types.TextDocumentContentChangeWholeDocument(
            text=text.replace('"Seitenleiste zuklappen"', '"Seitenleiste einklappen"'))]))  # fmt: skip
    again = await diagnostics(uri)
    assert keyed(again) == sorted((f["code"], f["line"], f["column"], f["message"]) for f in mine
                                  if f.get("scope") != "run")  # fmt: skip
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()


def test_the_server_s_workspace_gives_the_cli_s_cross_file_findings(run: Run, tmp_path: Path) -> None:
    pytest.importorskip("pygls", reason="pygls is not installed (the lsp extra: pip install 'termcheck[lsp]')")
    sphinx_catalogues(tmp_path)
    (tmp_path / ".termcheck.toml").write_text('consistency-scope = "run"\n', encoding="utf-8")
    cli = run("lint", ".", "--format", "json", cwd=tmp_path).json["findings"]
    assert [(f["path"], f["rule"]) for f in cli if f.get("scope") == "run"] == [("c.po", "inconsistent-translation")]
    asyncio.run(_workspace(tmp_path, cli))
