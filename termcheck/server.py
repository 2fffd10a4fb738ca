"""`termcheck server`: a Language Server Protocol server over stdio (pygls, the `lsp` extra).

Each configuration is a run (`app.session`), found from a document's folder as the CLI finds it from
the working directory: the same rules, suppressions and settings. A document is checked by the
pipeline `termcheck lint` uses for one file; where the configuration compares files with each other
(`consistency-scope` directory or run), the workspace is a run: every file of the configuration's
folder counts (open documents with the editor's text, the others as on disk) and each open document
gets the cross-file findings the CLI gives it, published again as any of them changes. Diagnostics on
open and save, and on change after a pause; quick fixes as code actions (safe ones preferred); hover
on a term shows its concept in every language with statuses; the term base is compiled again when one
of its files changes.

What the client sends is not trusted: messages are read by `termcheck.jsonrpc` (no size announced
by a header is allocated; malformed JSON, invalid requests and invalid params are answered with their
JSON-RPC errors, a request before `initialize` with the LSP's -32002, and no error response carries a
traceback), a request names an open document and a position inside it or gets an error, a
document above max-file-size is not checked (one diagnostic says so), and checks run in a background
thread, so that the server answers other requests while it checks a large document.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sys
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import accumulate
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast
from urllib.parse import unquote

from lsprotocol import types
from pygls.exceptions import JsonRpcException, JsonRpcInvalidParams
from pygls.io_ import StdoutWriter
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol

from . import __version__, jsonrpc
from . import config as config_mod
from .errors import TermcheckError
from .findings import Finding, Severity
from .jsonrpc import first_line as _first_line

if TYPE_CHECKING:
    import io

    from pygls.workspace import TextDocument

    from .app.session import Session
    from .glossary.index import GlossaryIndex
    from .pipeline import Analysed

DEBOUNCE_SECONDS = 0.3
MAX_MESSAGE_ENV = "TERMCHECK_LSP_MAX_MESSAGE"  # bytes; the default is jsonrpc.MAX_MESSAGE_BYTES
_SEVERITY = {Severity.ERROR: types.DiagnosticSeverity.Error, Severity.WARNING: types.DiagnosticSeverity.Warning,
             Severity.INFO: types.DiagnosticSeverity.Information}  # fmt: skip
# Notifications that name a document the client must have opened (pygls would read it from disk).
_ON_OPEN_DOCUMENTS = {types.TEXT_DOCUMENT_DID_CHANGE, types.TEXT_DOCUMENT_DID_SAVE, types.TEXT_DOCUMENT_DID_CLOSE}
log = logging.getLogger("termcheck.server")
T = TypeVar("T")


@dataclass
class Workspace:
    """A configuration's run: its session (rules, term base, settings), the term base files' state it
    was made from (made again when they change), and, where the configuration compares files with each
    other (consistency-scope directory or run), every file's per-file result by label: open documents
    with the editor's text, the others as on disk. The run-level stage over them gives each document
    the cross-file findings `termcheck lint` gives it."""

    session: Session
    stamps: dict[str, tuple[int, int]] = field(default_factory=dict)
    files: dict[str, Analysed] = field(default_factory=dict)
    walked: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def cfg(self) -> config_mod.Config:
        return self.session.config

    @property
    def index(self) -> GlossaryIndex:
        return self.session.index

    def label(self, path: Path) -> str:
        """A file's name in findings, as the CLI names it from the configuration's folder."""
        return self.cfg.relative(str(path)) if self.cfg.path is not None else path.name

    def findings(self, analysed: Analysed) -> list[Finding]:
        """A document's final findings: with its share of the run-level ones when files are compared."""
        from .app.run import final_findings
        from .pipeline import finalize

        if self.session.consistency_scope == "file":
            return finalize(analysed, [], self.session.settings)
        with self.lock:
            self.files[analysed.path] = analysed
            if not self.walked:
                self._walk()
            done = list(self.files.values())
        return final_findings(self.session, done)[analysed.path]

    def final(self, label: str) -> list[Finding] | None:
        """A known file's final findings as the workspace stands now (None: not in it)."""
        with self.lock:
            analysed = self.files.get(label)
        return None if analysed is None else self.findings(analysed)

    def _walk(self) -> None:
        """Every file of the configuration's folder, checked as on disk (those the editor has open are
        checked with its text instead)."""
        from .app.run import gather

        self.walked = True
        if self.cfg.path is None:
            return
        items, _errors, _skipped = gather([str(self.cfg.path.parent)], self.cfg)
        for item in items:
            if item.path is not None and self.label(item.path) not in self.files:
                self._read(item.path)

    def _read(self, path: Path) -> None:
        """A file of the workspace as it is on disk (gone, or not readable: not in the run)."""
        from .runner import Item, check_file

        s, label = self.session, self.label(path)
        outcome = check_file(Item(path, label), s.settings, s.index, s.resources, "write")  # no fix: read only
        if outcome.analysed is not None:
            self.files[label] = outcome.analysed
        else:
            self.files.pop(label, None)

    def closed(self, path: Path) -> None:
        """A document the editor closed counts as it is on disk again."""
        if self.session.consistency_scope != "file" and self.walked:
            with self.lock:
                self._read(path)


def _stamps(paths: list[str]) -> dict[str, tuple[int, int]]:
    """The term base files' modification times and sizes: a change to any makes a new checker."""
    from .glossary.files import expand

    out = {}
    for path, _label in expand(paths):
        try:
            info = path.stat()
        except OSError:
            continue
        out[str(path)] = (info.st_mtime_ns, info.st_size)
    return out


class Utf16:
    """LSP positions (UTF-16 code units) and code point columns on a document's lines, in time linear in
    the document: each line's astral characters (two units each) are found once, on first use."""

    def __init__(self, lines: Sequence[str]) -> None:
        self.lines = lines
        self._astral: dict[int, list[int]] = {}

    def line(self, number: int) -> str:
        """A line by its 0-based number ("" past the end)."""
        return self.lines[number] if 0 <= number < len(self.lines) else ""

    def _astrals(self, number: int) -> list[int]:
        known = self._astral.get(number)
        if known is None:
            line = self.line(number)
            known = [] if line.isascii() else [i for i, char in enumerate(line) if ord(char) > 0xFFFF]
            self._astral[number] = known
        return known

    def units(self, number: int, column: int) -> int:
        """UTF-16 units before a 0-based code point column of a line."""
        column = min(column, len(self.line(number)))
        return column + bisect_left(self._astrals(number), column)

    def column(self, number: int, units: int) -> int:
        """The code point column at UTF-16 units of a line (past its end: its end, as the LSP says)."""
        before = 0
        for position in self._astrals(number):
            if units <= position + before:
                break
            before += 1
            if units == position + before:  # between the two halves of a surrogate pair
                return position
        return min(units - before, len(self.line(number)))

    def position(self, starts: list[int], offset: int) -> types.Position:
        """An LSP position from a character offset into the document (`starts`: each line's offset)."""
        number = max(0, bisect_right(starts, offset) - 1)
        return types.Position(number, self.units(number, offset - starts[number] if starts else 0))


def _line_starts(lines: Sequence[str]) -> list[int]:
    return [0, *accumulate(len(line) for line in lines)][: max(1, len(lines))]


class _Protocol(LanguageServerProtocol):
    """pygls's protocol, except that an error response never carries a traceback (pygls puts an internal
    error's in its `data`): the client gets the code and the one-line message; the log line on stderr
    says where, with the traceback under TERMCHECK_DEBUG=1."""

    def _send_response(self, msg_id: Any, result: Any | None = None, error: types.ResponseError | None = None) -> None:
        if error is not None and isinstance(error.data, dict) and "traceback" in error.data:
            error = types.ResponseError(error.code, error.message)
        super()._send_response(msg_id, result, error)


def _notification(method: object) -> bool:
    """Whether the LSP defines `method` as a notification (which takes no id and gets no answer)."""
    kinds = types.METHOD_TO_TYPES.get(method) if isinstance(method, str) else None
    return kinds is not None and kinds[0].__name__.endswith("Notification")


class TermcheckServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("termcheck", __version__, protocol_cls=_Protocol)
        self.checkers: dict[str, Workspace] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.running: dict[str, asyncio.Task[None]] = {}
        self.again: set[str] = set()  # documents changed while being checked: checked again
        self.findings: dict[str, list[Finding]] = {}
        self.shut_down = False
        self.initialized = False  # an initialize request was received (the LSP allows one)

    # --- the wire ------------------------------------------------------------------------------------

    def serve(self, stdin: io.BufferedIOBase, stdout: io.BufferedIOBase, limit: int) -> int:
        """Serve until the client says exit or closes the stream: 0 after a shutdown request, else 1."""
        self._stop_event = threading.Event()
        self.protocol.set_writer(StdoutWriter(stdout))  # type: ignore[arg-type]
        try:
            asyncio.run(self._read(jsonrpc.Framing(stdin, limit)))
        except SystemExit:  # the exit notification: pygls ends the loop with it
            pass
        except BrokenPipeError:
            log.error("the client closed the connection")
        finally:
            self.shutdown()  # type: ignore[no-untyped-call]
        return 0 if self.shut_down else 1

    async def _read(self, framing: jsonrpc.Framing) -> None:
        loop = asyncio.get_running_loop()
        while (item := await loop.run_in_executor(self.thread_pool, framing.next)) is not None:
            if isinstance(item, jsonrpc.Problem):
                self.refuse(item)
            else:
                self.receive(item)

    def refuse(self, problem: jsonrpc.Problem) -> None:
        """Log a problem on the wire; answer it with its error when the client is owed an answer."""
        log.log(logging.ERROR if problem.answer else logging.WARNING, "%s", problem.message)
        if problem.answer and self.protocol.writer is not None:
            self.protocol.writer.write(jsonrpc.error_response(problem.msg_id, problem.code, problem.message))

    def receive(self, body: bytes) -> None:
        """Handle one message body: a malformed one is answered with its error, never a dead server."""
        data = jsonrpc.parse(body)
        if isinstance(data, jsonrpc.Problem):
            return self.refuse(data)
        method, msg_id = data.get("method"), data.get("id")
        request = method is not None and msg_id is not None
        if request and _notification(method):  # it would get no answer: the client would wait forever
            problem = f"invalid request: {method} is a notification, sent without an id"
            return self.refuse(jsonrpc.Problem(problem, True, msg_id=msg_id))
        if method == types.INITIALIZE and self.initialized and request:
            problem = "invalid request: the server is initialized already (initialize is sent once)"
            return self.refuse(jsonrpc.Problem(problem, True, msg_id=msg_id))
        if not self.initialized and method is not None and method not in (types.INITIALIZE, types.EXIT):
            if request:  # the LSP's rule: an error for a request, a notification dropped
                problem = f"server not initialized: send initialize before {method}"
                return self.refuse(jsonrpc.Problem(problem, True, jsonrpc.SERVER_NOT_INITIALIZED, msg_id))
            return log.warning("ignored %s: the server is not initialized yet", method)
        if method in _ON_OPEN_DOCUMENTS and not self.is_open(_uri(data)):
            return log.error("ignored %s: the document %s is not open", method, _uri(data))
        if self.shut_down and request:
            return self.refuse(jsonrpc.Problem("invalid request: the server is shut down", True, msg_id=msg_id))
        try:
            message = self.protocol.structure_message(data)
        except JsonRpcException as exc:
            problem = f"invalid params for {method}: {_invalid(exc)}"
            return self.refuse(jsonrpc.Problem(problem, request, jsonrpc.INVALID_PARAMS, msg_id))
        if method == types.INITIALIZE and request:
            self.initialized = True
        try:
            self.protocol.handle_message(message)
        except Exception as exc:  # a bug: one line on stderr, an error for a request, the server goes on
            problem = f"internal error in {method}: {exc!r}"
            self.refuse(jsonrpc.Problem(problem, request, jsonrpc.INTERNAL_ERROR, msg_id))
        return None

    def is_open(self, uri: str) -> bool:
        return isinstance(uri, str) and unquote(uri) in self.workspace.text_documents

    def document(self, uri: str) -> TextDocument:
        """An open document: a request on one the client never opened is an error (it is not read from
        disk: the client owns the text, and the path may name a FIFO)."""
        if not self.is_open(uri):
            raise JsonRpcInvalidParams(f"the document {uri} is not open (textDocument/didOpen first)")
        return self.workspace.get_text_document(uri)

    # --- checking ------------------------------------------------------------------------------------

    def checker(self, path: Path) -> Workspace:
        """The workspace run of a document: its configuration (found from its folder), the term base that
        names, compiled again if a file of it changed since."""
        from .app.session import TermBaseProblems, open_session

        cfg = config_mod.load(None, start=path.parent)
        glossary_paths = list(cfg.glossary) or ["builtin"]
        key = f"{cfg.path}|{'|'.join(glossary_paths)}"
        stamps = _stamps(glossary_paths)
        known = self.checkers.get(key)
        if known is not None and known.stamps == stamps:
            return known
        try:
            session = open_session(config=cfg)
        except TermBaseProblems as exc:
            raise TermcheckError(f"error: {exc}") from None
        workspace = Workspace(session, stamps)
        self.checkers[key] = workspace
        return workspace

    def lint(self, path: Path, source: str) -> tuple[list[Finding], list[types.Diagnostic]]:
        """A document's findings and their diagnostics (run in a background thread). A problem with
        the term base or configuration, or a document above max-file-size, is one diagnostic at the top."""
        from .pipeline import analyse, read_source

        try:
            workspace = self.checker(path)
            cfg, s = workspace.cfg, workspace.session
            too_large = _too_large(source, cfg.max_file_size)
            if too_large:
                return [], [_top(too_large, types.DiagnosticSeverity.Warning)]
            if cfg.path is not None and cfg.excluded(str(path)):
                return [], []
            parsed = read_source(workspace.label(path), source, s.settings)
            findings = workspace.findings(analyse(parsed, s.index, s.settings, s.resources))
        except TermcheckError as exc:
            return [], [_top(str(exc), types.DiagnosticSeverity.Error)]
        return findings, _diagnostics(findings, source)

    def closed(self, uri: str) -> None:
        """A closed document's file counts as on disk again in its workspace, and the open documents
        that share the workspace are checked again (their cross-file findings may change)."""
        from pygls.uris import to_fs_path

        path = to_fs_path(uri)
        if path is None:
            return
        try:
            workspace = self.checker(Path(path))
        except TermcheckError:
            return
        if workspace.session.consistency_scope == "file":
            return
        workspace.closed(Path(path))
        for other in list(self.findings):
            if self.is_open(other):
                self.check(other)

    def others(self, uri: str) -> list[tuple[str, int | None, list[types.Diagnostic]]]:
        """The other open documents of a workspace whose files are compared: their diagnostics again,
        since a change to one file can add or remove another's cross-file findings."""
        document = self.workspace.get_text_document(uri)
        try:
            workspace = self.checker(Path(document.path))
        except TermcheckError:
            return []
        if workspace.session.consistency_scope == "file":
            return []
        out = []
        for other, findings in list(self.findings.items()):
            if other == uri or not self.is_open(other):
                continue
            doc = self.workspace.get_text_document(other)
            now = workspace.final(workspace.label(Path(doc.path)))
            if now is not None and now != findings:
                self.findings[other] = now
                out.append((other, doc.version, _diagnostics(now, doc.source)))
        return out

    def check(self, uri: str) -> None:
        """Check an open document in the background and publish its diagnostics; while a check of it
        runs, another request for it checks it once more when that one ends (its latest text)."""
        if uri in self.running:
            self.again.add(uri)
            return
        task = asyncio.ensure_future(self._check(uri))
        self.running[uri] = task
        task.add_done_callback(partial(self._done, uri))

    def _done(self, uri: str, task: asyncio.Task[None]) -> None:
        """A check ended: the next request for its document starts another (a check cancelled before it
        began never reaches its own `finally`)."""
        if self.running.get(uri) is task:
            del self.running[uri]

    async def _check(self, uri: str) -> None:
        try:
            await self._check_until_current(uri)
        finally:  # at once, not in a callback later: a request meanwhile would wait for this check
            self._done(uri, cast("asyncio.Task[None]", asyncio.current_task()))

    async def _check_until_current(self, uri: str) -> None:
        while self.is_open(uri):
            self.again.discard(uri)
            document = self.workspace.get_text_document(uri)
            version, path, source = document.version, Path(document.path), document.source
            try:
                findings, diagnostics = await _in_thread(partial(self.lint, path, source))
            except Exception as exc:  # a bug: one line on stderr, the server goes on
                log.error("internal error checking %s: %r", uri, exc)
                return
            if uri in self.again:  # changed meanwhile: its latest text is checked instead
                continue
            if not self.is_open(uri):
                return
            self.findings[uri] = findings
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, diagnostics, version))
            for other, other_version, other_diagnostics in await _in_thread(partial(self.others, uri)):
                self.text_document_publish_diagnostics(
                    types.PublishDiagnosticsParams(other, other_diagnostics, other_version)
                )
            if uri not in self.again:  # a change while the others were checked is checked now, not lost
                return

    def later(self, uri: str) -> None:
        """Check after a pause in typing: each change restarts the wait."""
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()

        async def wait_then_check() -> None:
            await asyncio.sleep(DEBOUNCE_SECONDS)
            self.pending.pop(uri, None)
            self.check(uri)

        self.pending[uri] = asyncio.ensure_future(wait_then_check())


async def _in_thread(work: Callable[[], T]) -> T:
    """`work()` in a daemon thread (an exit never waits for a check), awaited on the event loop."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def settle(result: T | None, exc: BaseException | None) -> None:
        if not future.done():
            future.set_exception(exc) if exc is not None else future.set_result(result)  # type: ignore[arg-type]

    def run() -> None:
        try:
            result, exc = work(), None
        except BaseException as error:  # handed to the awaiting task
            result, exc = None, error
        with contextlib.suppress(RuntimeError):  # the loop closed meanwhile: the server is exiting
            loop.call_soon_threadsafe(settle, result, exc)

    threading.Thread(target=run, name="termcheck-check", daemon=True).start()
    return await future


def _uri(data: dict[str, Any]) -> str:
    params = data.get("params")
    document = params.get("textDocument") if isinstance(params, dict) else None
    uri = document.get("uri") if isinstance(document, dict) else None
    return uri if isinstance(uri, str) else ""


def _invalid(exc: JsonRpcException) -> str:
    """What is wrong in a message's params, from cattrs's account of it: the first fault and where."""
    from cattrs import transform_error
    from cattrs.errors import ClassValidationError

    cause = exc.__cause__
    if not isinstance(cause, ClassValidationError):
        return exc.message
    faults = transform_error(cause, format_exception=lambda e, _t: str(e) if isinstance(e, ValueError) else repr(e))
    return faults[0] if faults else exc.message


def _too_large(source: str, limit: int) -> str:
    """Why a document is not checked, if it is larger than max-file-size (UTF-8 bytes, as on disk)."""
    from .sources.text import human_size

    if len(source) <= limit // 4:  # no need to encode: even four bytes a character fit
        return ""
    size = len(source.encode("utf-8", "surrogatepass"))
    if size <= limit:
        return ""
    return f"not checked: {human_size(size)} is more than max-file-size ({human_size(limit)}); raise it to check"


def _diagnostics(findings: list[Finding], source: str) -> list[types.Diagnostic]:
    utf16 = Utf16(source.splitlines(keepends=True))
    return [_diagnostic(f, utf16, source) for f in findings]


def _top(message: str, severity: types.DiagnosticSeverity) -> types.Diagnostic:
    top = types.Range(types.Position(0, 0), types.Position(0, 0))
    return types.Diagnostic(top, f"termcheck: {message}", severity, source="termcheck")


def _diagnostic(f: Finding, utf16: Utf16, source: str) -> types.Diagnostic:
    span = f.span
    start = types.Position(span.line - 1, utf16.units(span.line - 1, span.column - 1))
    end = types.Position(span.end_line - 1, utf16.units(span.end_line - 1, span.end_column - 1))
    data: dict[str, Any] = {"rule": f.rule}
    if f.fix is not None:
        data.update(start=f.fix.start, end=f.fix.end, replacement=f.fix.replacement, safe=f.fix.safe,
                    was=source[f.fix.start : f.fix.end])  # fmt: skip
    return types.Diagnostic(types.Range(start, end), f.message, _SEVERITY[f.severity], code=f.code,
                            source="termcheck", data=data)  # fmt: skip


def _inside(lines: Sequence[str], *positions: types.Position) -> None:
    """A position past the document's end is an error (a character past a line's end is its end)."""
    for position in positions:
        if position.line > len(lines):
            raise JsonRpcInvalidParams(f"line {position.line} is past the end of the document ({len(lines)} lines)")


def _fix(data: object, source: str) -> tuple[int, int, str, bool] | None:
    """A termcheck diagnostic's fix (start, end, replacement, safe), if the document still holds, at
    the fix's place, the text it replaces: a fix computed on an earlier text is never applied to a
    later one (the editor changed it since)."""
    if not isinstance(data, dict):
        return None
    start, end, replacement = data.get("start"), data.get("end"), data.get("replacement")
    if not (isinstance(start, int) and isinstance(end, int) and isinstance(replacement, str)):
        return None
    if not 0 <= start <= end <= len(source) or source[start:end] != data.get("was"):
        return None
    return start, end, replacement, bool(data.get("safe"))


def _hover_text(concept: Any) -> str:
    from .glossary.model import Status, language_name

    marks = {Status.PREFERRED: "preferred", Status.ADMITTED: "admitted", Status.DEPRECATED: "deprecated: do not use"}
    out = [f"**{concept.id}**" + (f" ({concept.domain})" if concept.domain else "")]
    definition = concept.definition.get("en") or next(iter(concept.definition.values()), None)
    if definition:
        out.append(f"\n{definition}\n")
    out.append("| language | term | status |\n|---|---|---|")
    for lang, terms in concept.terms.items():
        for t in terms:
            out.append(f"| {language_name(lang)} ({lang}) | {t.text} | {marks[t.status]} |")
    return "\n".join(out)


def code_actions(ls: TermcheckServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    """Quick fixes for termcheck's diagnostics in the request (a stale or foreign one is skipped)."""
    uri = params.text_document.uri
    document = ls.document(uri)
    lines = document.lines
    _inside(lines, params.range.start, params.range.end)
    utf16, starts, source = Utf16(lines), _line_starts(lines), document.source
    # The edit names the version it was made for: a client applies it to that text or not at all.
    target = types.OptionalVersionedTextDocumentIdentifier(version=document.version, uri=uri)
    capabilities = ls.client_capabilities.workspace
    versioned = bool(capabilities and capabilities.workspace_edit and capabilities.workspace_edit.document_changes)
    out = []
    for diagnostic in params.context.diagnostics:
        fix = _fix(diagnostic.data, source) if diagnostic.source == "termcheck" else None
        if fix is None:
            continue
        start, end, replacement, safe = fix
        edit = types.TextEdit(types.Range(utf16.position(starts, start), utf16.position(starts, end)), replacement)
        title = f"Write '{replacement}'" + ("" if safe else " (check the sentence: unsafe fix)")
        change = (types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(target, [edit])]) if versioned
                  else types.WorkspaceEdit(changes={uri: [edit]}))  # fmt: skip
        out.append(types.CodeAction(title, kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                                    is_preferred=safe, edit=change))  # fmt: skip
    return out


def hover(ls: TermcheckServer, params: types.HoverParams) -> types.Hover | None:
    """The concept of the term under the cursor, in every language (None where there is no term)."""
    document = ls.document(params.text_document.uri)
    lines = document.lines
    _inside(lines, params.position)
    try:
        checker = ls.checker(Path(document.path))
    except TermcheckError:
        return None
    number, utf16 = params.position.line, Utf16(lines)
    line, column = utf16.line(number), utf16.column(number, params.position.character)
    for match in checker.index.find(line):
        if match.start <= column < match.end:
            concept = checker.index.concepts[match.entries[0].term.concept_id]
            start = types.Position(number, utf16.units(number, match.start))
            end = types.Position(number, utf16.units(number, match.end))
            content = types.MarkupContent(types.MarkupKind.Markdown, _hover_text(concept))
            return types.Hover(content, types.Range(start, end))
    return None


def build() -> TermcheckServer:
    server = TermcheckServer()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: TermcheckServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.check(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: TermcheckServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.later(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: TermcheckServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.check(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: TermcheckServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.findings.pop(uri, None)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))
        ls.closed(uri)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: TermcheckServer, params: types.DidChangeWatchedFilesParams) -> None:
        ls.checkers.clear()  # a term base or configuration file changed: made again on the next check
        for uri in list(ls.findings):
            ls.check(uri)

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: TermcheckServer, params: None) -> None:
        ls.shut_down = True

    quick_fixes = types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix])
    server.feature(types.TEXT_DOCUMENT_CODE_ACTION, quick_fixes)(code_actions)
    server.feature(types.TEXT_DOCUMENT_HOVER)(hover)
    return server


class _OneLine(logging.Formatter):
    """A log record as one line on stderr (the editor's log); the traceback only with TERMCHECK_DEBUG=1."""

    def format(self, record: logging.LogRecord) -> str:
        first = (record.getMessage().splitlines() or [""])[0]
        line = f"termcheck server: {record.levelname.lower()}: {first}"
        if record.exc_info and record.exc_info[1] is not None:
            line += f": {_first_line(record.exc_info[1])}"
        if record.exc_info and os.environ.get("TERMCHECK_DEBUG") == "1":
            line += "\n" + self.formatException(record.exc_info)
        return line


def _max_message() -> int:
    value = os.environ.get(MAX_MESSAGE_ENV, "")
    if value.isdigit() and int(value) > 0:
        return int(value)
    if value:
        log.error("%s=%r is not a number of bytes; using %d", MAX_MESSAGE_ENV, value, jsonrpc.MAX_MESSAGE_BYTES)
    return jsonrpc.MAX_MESSAGE_BYTES


def main() -> int:
    """Serve over stdio until the client says exit: 0 after a shutdown request, 1 without (the LSP's rule)."""
    os.environ.setdefault("TERMCHECK_SERVER", "1")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_OneLine())
    logging.basicConfig(level=logging.WARNING, handlers=[handler], force=True)
    stdin, stdout = cast("io.BufferedIOBase", sys.stdin.buffer), cast("io.BufferedIOBase", sys.stdout.buffer)
    return build().serve(stdin, stdout, _max_message())
