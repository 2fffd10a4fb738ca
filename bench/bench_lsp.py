"""`termcheck server` answering edits: the time from sending textDocument/didChange on a 5 KB document to
receiving its textDocument/publishDiagnostics, with a real LSP client (pygls's LanguageClient) over
stdio. Prints figures (median and 90th percentile of many edits); needs the lsp extra.

    python bench/bench_lsp.py [--edits 41] [--pause 0]

The server waits for a pause in typing before it checks (`DEBOUNCE_SECONDS`, 0.3 s); `--pause` sets
that wait for the run (default 0: the time measured is the server's own), and the figures printed
leave it out either way. The document is 5 KB of Portuguese news (a seed repeated) with findings;
each edit types one character at the end of a line (an incremental change, as editors send), and
the next is sent once the diagnostics of the last have come. Measured twice: the language given by
the configuration, and identified.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "001_dab0a07f79a0557f.txt"  # Portuguese news, with findings to publish
SERVE = "import sys, termcheck.server as s; s.DEBOUNCE_SECONDS = float(sys.argv[1]); sys.exit(s.main())"


class _Client(LanguageClient):
    def __init__(self) -> None:
        super().__init__("bench-client", "1")
        self.arrived: asyncio.Queue[tuple[float, Sequence[types.Diagnostic]]] = asyncio.Queue()

        def published(params: types.PublishDiagnosticsParams) -> None:
            self.arrived.put_nowait((time.perf_counter(), params.diagnostics))

        self.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)(published)

    async def stop(self) -> None:  # pygls's own, which it leaves unannotated
        await LanguageClient.stop(self)

    async def next(self) -> tuple[float, Sequence[types.Diagnostic]]:
        return await asyncio.wait_for(self.arrived.get(), timeout=120)


async def _session(folder: Path, text: str, edits: int, pause: float) -> tuple[float, int, list[float]]:
    """The first check after didOpen (seconds, diagnostics) and each edit's time (seconds, pause left out)."""
    client = _Client()
    await client.start_io(sys.executable, "-c", SERVE, str(pause))
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities(),
                                                         root_uri=folder.as_uri()))  # fmt: skip
    client.initialized(types.InitializedParams())
    uri = (folder / "doc.txt").as_uri()
    start = time.perf_counter()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=text)))  # fmt: skip
    arrived, diagnostics = await client.next()
    first, count = arrived - start, len(diagnostics)
    lines = text.splitlines()
    times = []
    for version in range(2, edits + 2):
        line = (version * 7) % len(lines)  # a different line each time, one character typed at its end
        position = types.Position(line, len(lines[line]))
        change = types.TextDocumentContentChangePartial(range=types.Range(position, position), text="x")
        lines[line] += "x"
        start = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri, version=version), [change]))  # fmt: skip
        arrived, _diagnostics = await client.next()
        times.append(arrived - start - pause)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return first, count, times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=41, help="edits measured (default 41)")
    parser.add_argument("--pause", type=float, default=0.0, help="the server's wait for a pause in typing, s")
    args = parser.parse_args()
    seed = SEED.read_text(encoding="utf-8")
    text = (seed * 3)[:5000]
    for label, config in (("language given", 'language = { "*.txt" = "pt" }\n'), ("identified", None)):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            if config is not None:
                (folder / ".termcheck.toml").write_text(config, encoding="utf-8")
            (folder / "doc.txt").write_text(text, encoding="utf-8")
            first, count, times = asyncio.run(_session(folder, text, args.edits, args.pause))
        ms = sorted(t * 1000 for t in times)
        p90 = ms[min(len(ms) - 1, round(0.9 * (len(ms) - 1)))]
        print(f"{label}: didOpen to diagnostics {first * 1000:.0f} ms ({count} diagnostics, term base opened); "
              f"didChange to diagnostics, {len(ms)} edits of a {len(text.encode())} B document: median "
              f"{statistics.median(ms):.1f} ms, p90 {p90:.1f} ms, min {ms[0]:.1f} ms (the {args.pause:g} s pause "
              f"left out)")  # fmt: skip


if __name__ == "__main__":
    main()
