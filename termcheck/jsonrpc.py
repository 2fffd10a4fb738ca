"""JSON-RPC over a byte stream, as `termcheck server` reads it from its client: defensively.

The LSP frames each message with a `Content-Length` header. A client (or whatever writes to the server's
stdin) may announce 10^12 bytes, send a header line without end, garbage between messages, a body that
is not JSON or JSON that is not a message. None of these may kill the server, make it allocate what a
header announces or hang it: `Framing` reads in chunks of bounded size, hands out bodies no larger than
its limit, skips a larger one without keeping it (finding the next header inside it when the announced
length was a lie: a raw line break never occurs inside JSON text, so `Content-Length: N` at the end of
a line can only be a header) and reports each problem as a `Problem`. `parse` turns a body into a
message or the JSON-RPC error to answer (-32700 parse error, -32600 invalid request).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import io

MAX_MESSAGE_BYTES = 128 * 1024 * 1024  # a 50 MB document (the default max-file-size), escaped, fits
PARSE_ERROR, INVALID_REQUEST, INVALID_PARAMS, INTERNAL_ERROR = -32700, -32600, -32602, -32603
SERVER_NOT_INITIALIZED = -32002  # the LSP's: a request before `initialize`
_CHUNK = 64 * 1024
_HEADER_LINE = 8 * 1024  # bytes: a longer "header" line is garbage
_TAIL = 64  # bytes kept when dropping garbage: a header may begin there
_LENGTH = re.compile(rb"Content-Length:[ \t]*(\d+)[ \t]*\r?\n", re.IGNORECASE)
_MAX_DIGITS = 18  # more is above any limit (and int() of thousands of digits is refused)


@dataclass(frozen=True)
class Problem:
    """Something wrong on the wire: `answer` says whether the client gets an error response (id null
    unless the message's id is known)."""

    message: str
    answer: bool = False
    code: int = INVALID_REQUEST
    msg_id: int | str | None = None


class Framing:
    """Message bodies from a stream framed by `Content-Length` headers, read in bounded chunks.

    `next()` gives a body (bytes), a `Problem` (then call it again: the stream goes on) or None at the
    end of the stream. It blocks: call it from a thread, not the event loop."""

    def __init__(self, stream: io.BufferedIOBase, limit: int = MAX_MESSAGE_BYTES) -> None:
        self.stream, self.limit = stream, limit
        self.buffer = bytearray()
        self.garbage = 0  # bytes skipped since the last message: reported with the next header
        self.length: int | None = None  # announced by headers already read, body not yet read
        self.skip = 0  # bytes of a refused body still to skip

    def _fill(self) -> bool:
        """Read what is available (at least a byte, at most a chunk); False at the end of the stream."""
        chunk = self.stream.read1(_CHUNK)
        self.buffer += chunk
        return bool(chunk)

    def _drop(self, count: int) -> None:
        del self.buffer[:count]

    def _line(self) -> bytes | None:
        """The next line (with its line end), at most `_HEADER_LINE` bytes: the head of a longer one is
        dropped as garbage (b"" returned). None at the end of the stream."""
        searched = 0
        while (end := self.buffer.find(b"\n", searched)) < 0:
            if len(self.buffer) > _HEADER_LINE:
                self.garbage += len(self.buffer) - _TAIL
                self._drop(len(self.buffer) - _TAIL)
                return b""
            searched = len(self.buffer)
            if not self._fill():
                return None
        line = bytes(self.buffer[: end + 1])
        self._drop(end + 1)
        return line

    def _headers(self) -> int | None:
        """Read header lines up to the blank line after a `Content-Length`: the length announced (None
        at the end of the stream). Lines before a `Content-Length` header are counted as garbage."""
        length: int | None = None
        while (line := self._line()) is not None:
            found = _LENGTH.search(line)
            if found is not None:
                self.garbage += found.start()
                digits = found.group(1).lstrip(b"0") or b"0"
                length = int(digits) if len(digits) <= _MAX_DIGITS else self.limit + 1
            elif line in (b"\r\n", b"\n") and length is not None:
                return length
            elif length is None:
                self.garbage += len(line)
        return None

    def next(self) -> bytes | Problem | None:
        """The next message body, a problem met on the way, or None at the end of the stream."""
        if self.skip:
            note, self.skip = self._skip(self.skip), 0
            if note is None or note:
                return None if note is None else Problem(note)
        if self.length is None:
            self.length = self._headers()
            if self.length is None:
                return None
            if self.garbage:  # reported first; the body is read on the next call
                garbage, self.garbage = self.garbage, 0
                return Problem(f"skipped {garbage} bytes that are not a message header")
        length, self.length = self.length, None
        if length > self.limit:  # refused at once; its body is skipped on the next call
            self.skip = length
            return Problem(f"refused a message of {length} bytes, above the limit of {self.limit} bytes", True)
        while len(self.buffer) < length:
            if not self._fill():
                return None
        body = bytes(self.buffer[:length])
        self._drop(length)
        return body

    def _skip(self, length: int) -> str | None:
        """Skip a refused body without keeping it: "" when done, a note when a header inside it ends it
        early (the announced length was a lie), None at the end of the stream."""
        left = length
        while True:
            found = _LENGTH.search(self.buffer, 0, min(left, len(self.buffer)))
            if found is not None:
                self._drop(found.start())
                return f"the refused message ended at a header after {length - left + found.start()} bytes"
            if len(self.buffer) >= left:
                self._drop(left)
                return ""
            dropped = max(0, len(self.buffer) - _TAIL)
            self._drop(dropped)
            left -= dropped
            if not self._fill():
                return None


def parse(body: bytes) -> dict[str, Any] | Problem:
    """A message (a JSON object with `jsonrpc` "2.0" and a valid id and method) or the error to answer."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError) as exc:  # not JSON, not UTF-8, nested past the parser's depth
        return Problem(f"parse error: {first_line(exc)}", True, PARSE_ERROR)
    if not isinstance(data, dict):
        return Problem(f"invalid request: a message is a JSON object, not {type(data).__name__}", True)
    if "id" in data and not _valid_id(data["id"]):
        return Problem("invalid request: an id is a string or an integer", True)
    msg_id = data.get("id")
    if data.get("jsonrpc") != "2.0":
        return Problem('invalid request: "jsonrpc" must be "2.0"', True, msg_id=msg_id)
    if "method" in data and not isinstance(data["method"], str):
        return Problem("invalid request: the method must be a string", True, msg_id=msg_id)
    if "method" not in data and ("id" not in data or not ("result" in data or "error" in data)):
        return Problem("invalid request: neither a request, a notification nor a response", True, msg_id=msg_id)
    return data


def error_response(msg_id: int | str | None, code: int, message: str) -> bytes:
    """A framed JSON-RPC error response."""
    body = json.dumps({"jsonrpc": "2.0", "id": msg_id, "error": {"code": code, "message": message}}).encode()
    return b"Content-Length: %d\r\n\r\n%s" % (len(body), body)


def _valid_id(value: object) -> bool:
    return isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool))


def first_line(exc: BaseException) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0][:300]
