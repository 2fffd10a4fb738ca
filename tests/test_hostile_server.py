"""`termcheck server` fed what no editor should send, over real stdio (raw bytes written to the server
process): an announced length of 10^12, garbage between messages, malformed JSON, invalid requests and
params, positions outside the document, documents never opened, a document above max-file-size, a
FIFO for a configuration, `exit` with and without `shutdown`. Each case is answered (or logged in one
line) and the server goes on; nothing hangs, nothing is allocated because a header says so."""

from __future__ import annotations

import io
import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pygls", reason="pygls is not installed (the lsp extra: pip install 'termcheck[lsp]')")

from conftest import ROOT
from termcheck.jsonrpc import Framing, Problem

GLOSSARY = "version: 1\nconcepts:\n- id: csto\n  terms:\n    en: [CSTO]\n    pt: [OTSC]\n"
CONFIG = 'glossary = ["g.yaml"]\nlanguage = { "*.txt" = "pt" }\n'
TEXT = "A CSTO defende a cooperação.\n"
TIMEOUT = 20  # seconds: a hang guard, far above what each step takes
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX pipes and FIFOs")


class Server:
    """`python -m termcheck server` with raw stdio: frames written as bytes, messages read as they come."""

    def __init__(self, folder: Path, env: dict[str, str] | None = None, initialize: bool = True,
                 command: tuple[str, ...] = ("-m", "termcheck", "server")) -> None:  # fmt: skip
        self.folder = folder
        self.proc = subprocess.Popen([sys.executable, *command], cwd=folder,
                                     env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
        self.inbox: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.seen: list[dict[str, Any]] = []
        self.ids = 0
        self.stderr = b""
        threading.Thread(target=self._messages, daemon=True).start()
        threading.Thread(target=self._errors, daemon=True).start()
        if initialize:
            self.initialize()

    def initialize(self) -> dict[str, Any]:
        reply = self.request("initialize", {"processId": None, "rootUri": self.folder.as_uri(), "capabilities": {}})
        self.notify("initialized", {})
        return reply

    def _errors(self) -> None:
        assert self.proc.stderr is not None
        self.stderr = self.proc.stderr.read()

    def _messages(self) -> None:
        assert self.proc.stdout is not None
        length = 0
        while header := self.proc.stdout.readline():
            if header.startswith(b"Content-Length: "):
                length = int(header.split()[1])
            elif header == b"\r\n":
                self.inbox.put(json.loads(self.proc.stdout.read(length)))
        self.inbox.put(None)

    def raw(self, data: bytes) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps(message).encode()
        self.raw(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))

    def notify(self, method: str, params: Any = None) -> None:
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method: str, params: Any = None) -> dict[str, Any]:
        self.ids += 1
        self.send({"jsonrpc": "2.0", "id": self.ids, "method": method, "params": params})
        return self.reply(self.ids)

    def reply(self, msg_id: int | str | None) -> dict[str, Any]:
        return self.wait(lambda m: "method" not in m and m.get("id") == msg_id)

    def diagnostics(self, uri: str) -> list[dict[str, Any]]:
        found = self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri)
        return list(found["params"]["diagnostics"])

    def wait(self, wanted: Any) -> dict[str, Any]:
        """The first message received that is `wanted` (those that are not are kept for later waits)."""
        deadline = time.monotonic() + TIMEOUT
        while True:
            for message in self.seen:
                if wanted(message):
                    self.seen.remove(message)
                    return message
            received = self.inbox.get(timeout=max(0.0, deadline - time.monotonic()))
            assert received is not None, f"the server closed its output: {self.stderr.decode()}"
            self.seen.append(received)

    def open(self, name: str, text: str = TEXT) -> str:
        uri = (self.folder / name).as_uri()
        document = {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}
        self.notify("textDocument/didOpen", {"textDocument": document})
        return uri

    def hover(self, uri: str, line: int, character: int) -> dict[str, Any]:
        return self.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                   "position": {"line": line, "character": character}})  # fmt: skip

    def end(self, shutdown: bool = True) -> int:
        """Shut down (or not), say exit, and the exit code; stderr must hold no traceback."""
        if shutdown:
            assert self.reply_to_shutdown() == {"jsonrpc": "2.0", "id": self.ids, "result": None}
        self.notify("exit")
        code = self.proc.wait(timeout=TIMEOUT)
        time.sleep(0.05)  # the stderr reader's last read
        assert b"Traceback" not in self.stderr, self.stderr.decode()
        return code

    def reply_to_shutdown(self) -> dict[str, Any]:
        return self.request("shutdown")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "g.yaml").write_text(GLOSSARY, encoding="utf-8")
    (tmp_path / ".termcheck.toml").write_text(CONFIG, encoding="utf-8")
    return tmp_path


def _error(message: dict[str, Any]) -> tuple[int, str]:
    return message["error"]["code"], message["error"]["message"]


# --- framing: what a header announces is never allocated --------------------------------------------------


def test_content_length_of_10_to_the_12_is_refused_and_the_server_stays_up(folder: Path) -> None:
    server = Server(folder)
    server.raw(b"Content-Length: 1000000000000\r\n\r\n{}")  # a lie: the next header follows at once
    code, message = _error(server.reply(None))
    assert code == -32600 and "refused a message of 1000000000000 bytes" in message
    uri = server.open("a.txt")
    assert [d["code"] for d in server.diagnostics(uri)] == ["TC101"]
    assert server.end() == 0
    assert server.stderr.decode().splitlines() == [
        "termcheck server: error: refused a message of 1000000000000 bytes, above the limit of 134217728 bytes",
        "termcheck server: warning: the refused message ended at a header after 2 bytes",
    ]


def test_a_body_above_the_limit_is_skipped_not_kept_and_the_next_message_is_read(folder: Path) -> None:
    server = Server(folder, env={"TERMCHECK_LSP_MAX_MESSAGE": "2000"})
    server.open("big.txt", TEXT * 200)  # a valid message of 6 KB, above the 2000 bytes allowed here
    message = _error(server.reply(None))[1]  # its size depends on the length of the folder's name
    size = int(message.removeprefix("refused a message of ").split(" ", 1)[0])
    assert size > 6000 and message == f"refused a message of {size} bytes, above the limit of 2000 bytes"
    code, message = _error(server.hover((folder / "big.txt").as_uri(), 0, 3))
    assert code == -32602 and "is not open" in message  # it was never opened
    assert server.end() == 0


def test_garbage_long_header_lines_and_huge_digit_strings_are_skipped(folder: Path) -> None:
    server = Server(folder)
    server.raw(b"garbage\r\n" + b"x" * 100_000 + b"\r\nContent-Length: " + b"9" * 5000 + b"\r\n\r\n")
    server.raw(b"{}Content-Length: 2\r\n\r\n{}")  # garbage glued to the next header: still found
    assert "refused a message" in _error(server.reply(None))[1]
    assert _error(server.reply(None))[0] == -32600  # `{}` is no message
    uri = server.open("a.txt")
    assert [d["code"] for d in server.diagnostics(uri)] == ["TC101"]
    assert server.end() == 0
    assert "bytes that are not a message header" in server.stderr.decode()


def test_framing_reads_what_trickles_in_byte_by_byte() -> None:
    class Trickle(io.RawIOBase):
        def __init__(self, data: bytes) -> None:
            self.data = data

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: Any) -> int:
            if not self.data:
                return 0
            buffer[0], self.data = self.data[0], self.data[1:]
            return 1

    lie = b"Content-Length: 99999999999\r\n\r\n{"
    framing = Framing(io.BufferedReader(Trickle(lie + b"Content-Length: 2\r\nX: y\r\n\r\n{}"), 1), limit=1000)
    refused, ended = framing.next(), framing.next()
    assert isinstance(refused, Problem) and refused.answer and "99999999999 bytes" in refused.message
    assert isinstance(ended, Problem) and not ended.answer and "at a header after 1 bytes" in ended.message
    assert framing.next() == b"{}" and framing.next() is None


# --- messages: every malformed one gets its JSON-RPC error --------------------------------------------------


MALFORMED = [
    (b"{oops", -32700, None),
    (b"\xff\xfe\x00not utf-8", -32700, None),
    (b"[" * 100_000, -32700, None),  # nested past the parser's depth
    (b"[1, 2]", -32600, None),
    (b'{"jsonrpc": "1.0", "id": 3, "method": "shutdown"}', -32600, 3),
    (b'{"jsonrpc": "2.0", "id": true, "method": "shutdown"}', -32600, None),
    (b'{"jsonrpc": "2.0", "id": 4, "method": 5}', -32600, 4),
    (b'{"jsonrpc": "2.0", "id": 5}', -32600, 5),
    (b'{"jsonrpc": "2.0", "id": 6, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///a"},'
     b' "position": {"line": 0, "character": -1}}}', -32602, 6),
    (b'{"jsonrpc": "2.0", "id": 7, "method": "textDocument/hover", "params": {"position": 1}}', -32602, 7),
    (b'{"jsonrpc": "2.0", "id": 8, "method": "no/such/method", "params": {}}', -32601, 8),
    (b"", -32700, None),  # Content-Length: 0
    (b'{"jsonrpc": "2.0", "id": 9, "method": "textDocument/hover", "params": 5}', -32602, 9),
    (b'{"jsonrpc": "2.0", "id": 10, "method": "textDocument/hover", "params": []}', -32602, 10),
    (b'{"jsonrpc": "2.0", "id": 11, "method": "textDocument/hover"}', -32602, 11),
    (b'{"jsonrpc": "2.0", "id": 12, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///a"},'
     b' "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "context": 3}}', -32602, 12),
    (b'{"jsonrpc": "2.0", "id": 13, "method": "initialize", "params": {"capabilities": {}}}', -32600, 13),  # twice
    (b'{"jsonrpc": "2.0", "id": 14, "method": "textDocument/didOpen", "params": {}}', -32600, 14),  # a notification
    (b'{"jsonrpc": "2.0", "id": "15", "method": "exit"}', -32600, "15"),  # a notification: the server stays up
]  # fmt: skip


def test_malformed_json_invalid_requests_and_params_each_get_their_error(folder: Path) -> None:
    server = Server(folder)
    for body, code, msg_id in MALFORMED:
        server.raw(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        error = server.reply(msg_id)["error"]
        assert error["code"] == code and "data" not in error and "Traceback" not in error["message"], body[:80]
    uri = server.open("a.txt")  # and the server goes on, as it was
    assert [d["code"] for d in server.diagnostics(uri)] == ["TC101"]
    assert server.end() == 0
    assert "invalid params for textDocument/hover: Position.character should be in range" in server.stderr.decode()


# --- requests: positions, documents ----------------------------------------------------------------------


def test_positions_outside_the_document_are_errors_and_past_a_line_end_is_its_end(folder: Path) -> None:
    server = Server(folder)
    uri = server.open("a.txt")
    diagnostics = server.diagnostics(uri)
    assert _error(server.hover(uri, 1_000_000, 0)) == (-32602, "line 1000000 is past the end of the document (1 lines)")
    far = {"start": {"line": 0, "character": 0}, "end": {"line": 1_000_000, "character": 0}}
    context = {"diagnostics": diagnostics}
    action = server.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": far, "context": context})
    assert _error(action)[0] == -32602
    assert server.hover(uri, 0, 1_000_000)["result"] is None  # the line's end: no term there
    assert server.hover(uri, 0, 3)["result"]["range"]["start"] == {"line": 0, "character": 2}
    # A diagnostic whose fix no longer fits the document (or is not termcheck's) gives no action, no error.
    stale = [{**diagnostics[0], "data": {"start": 10**9, "end": 10**9 + 4, "replacement": "OTSC"}},
             {**diagnostics[0], "data": {"start": "x", "end": None, "replacement": 3}}]  # fmt: skip
    line = {"start": {"line": 0, "character": 0}, "end": {"line": 1, "character": 0}}
    params = {"textDocument": {"uri": uri}, "range": line, "context": {"diagnostics": stale}}
    assert server.request("textDocument/codeAction", params)["result"] == []
    assert server.end() == 0


def test_a_document_never_opened_is_an_error_and_never_read_from_disk(folder: Path) -> None:
    os.mkfifo(folder / "pipe.txt")  # reading it would hang the server
    server = Server(folder)
    uri = (folder / "pipe.txt").as_uri()
    code, message = _error(server.hover(uri, 0, 0))
    assert code == -32602 and message == f"the document {uri} is not open (textDocument/didOpen first)"
    changed = {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": "x"}]}
    server.notify("textDocument/didChange", changed)
    server.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    line = {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}
    params = {"textDocument": {"uri": uri}, "range": line, "context": {"diagnostics": []}}
    assert _error(server.request("textDocument/codeAction", params)) == (
        -32602, f"the document {uri} is not open (textDocument/didOpen first)")  # fmt: skip
    assert server.end() == 0
    assert f"ignored textDocument/didSave: the document {uri} is not open" in server.stderr.decode()


def test_before_initialize_a_request_is_an_error_and_a_notification_is_dropped(folder: Path) -> None:
    """The LSP's rule: -32002 for a request before `initialize`, a notification dropped (never a traceback
    from a workspace that does not exist yet); then `initialize` once, and a second one is refused."""
    server = Server(folder, initialize=False)
    uri = server.open("a.txt")  # dropped
    assert _error(server.hover(uri, 0, 3)) == (-32002, "server not initialized: send initialize before "
                                                       "textDocument/hover")  # fmt: skip
    assert "result" in server.initialize()
    server.open("a.txt")
    assert [d["code"] for d in server.diagnostics(uri)] == ["TC101"]
    again = server.request("initialize", {"processId": None, "rootUri": folder.as_uri(), "capabilities": {}})
    assert _error(again) == (-32600, "invalid request: the server is initialized already (initialize is sent once)")
    assert server.hover(uri, 0, 3)["result"] is not None  # the open document is still open
    assert server.end() == 0
    assert "ignored textDocument/didOpen: the server is not initialized yet" in server.stderr.decode()


PLANTED = (
    "import sys\n"
    "import termcheck.server as server\n"
    "def hover(ls, params):\n"
    "    raise ZeroDivisionError('a planted bug')\n"
    "server.hover = hover\n"
    "sys.exit(server.main())\n"
)


def test_a_bug_in_a_handler_is_an_internal_error_without_a_traceback(folder: Path) -> None:
    """A handler that raises (a bug planted in the real server): -32603 with one line, no traceback in
    the response (pygls would send one in its data) nor on stderr; the server goes on."""
    server = Server(folder, command=("-c", PLANTED))
    uri = server.open("a.txt")
    assert [d["code"] for d in server.diagnostics(uri)] == ["TC101"]
    reply = server.hover(uri, 0, 3)
    assert reply["error"] == {"code": -32603, "message": "ZeroDivisionError: a planted bug"}
    line = {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}
    params = {"textDocument": {"uri": uri}, "range": line, "context": {"diagnostics": []}}
    assert server.request("textDocument/codeAction", params)["result"] == []
    assert server.end() == 0
    assert "a planted bug" in server.stderr.decode()


# --- the session: exit codes, large documents, configuration ---------------------------------------------


def test_exit_without_shutdown_exits_1_and_after_shutdown_0(folder: Path) -> None:
    assert Server(folder).end(shutdown=False) == 1
    assert Server(folder).end(shutdown=True) == 0
    closed = Server(folder)
    assert closed.proc.stdin is not None
    closed.proc.stdin.close()  # the client went away without a word
    assert closed.proc.wait(timeout=TIMEOUT) == 1


def test_a_request_after_shutdown_is_an_invalid_request(folder: Path) -> None:
    server = Server(folder)
    assert server.request("shutdown")["result"] is None
    assert _error(server.hover((folder / "a.txt").as_uri(), 0, 0)) == (
        -32600,
        "invalid request: the server is shut down",
    )
    server.notify("exit")
    assert server.proc.wait(timeout=TIMEOUT) == 0


def test_a_document_above_max_file_size_is_not_checked_and_one_diagnostic_says_so(folder: Path) -> None:
    (folder / ".termcheck.toml").write_text(CONFIG + 'max-file-size = "1 KB"\n', encoding="utf-8")
    server = Server(folder)
    (diagnostic,) = server.diagnostics(server.open("big.txt", TEXT * 100))
    assert diagnostic["message"] == "termcheck: not checked: 3 KB is more than max-file-size (1 KB); raise it to check"
    assert [d["code"] for d in server.diagnostics(server.open("small.txt"))] == ["TC101"]
    assert server.end() == 0


def test_requests_are_answered_while_a_large_document_is_checked(folder: Path) -> None:
    server = Server(folder)
    small = server.open("small.txt")
    server.diagnostics(small)  # the checker is built
    server.open("large.txt", TEXT * 70_000)  # 2 MB, 70,000 findings: seconds of checking
    assert server.hover(small, 0, 3)["result"] is not None  # answered meanwhile
    assert not any(m.get("method") == "textDocument/publishDiagnostics" for m in server.seen)  # still checking
    assert server.end() == 0  # exit does not wait for the check either


def test_a_fifo_for_a_configuration_does_not_hang_the_server(folder: Path) -> None:
    (folder / "sub").mkdir()
    os.mkfifo(folder / "sub" / ".termcheck.toml")
    server = Server(folder)
    (diagnostic,) = server.diagnostics(server.open("sub/a.txt"))
    assert "not a regular file (a FIFO)" in diagnostic["message"] and diagnostic["severity"] == 1
    assert server.hover(server.open("a.txt"), 0, 3)["result"] is not None  # the rest goes on
    assert server.end() == 0
