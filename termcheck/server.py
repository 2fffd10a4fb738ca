"""`termcheck server`: a Language Server Protocol server over stdio (pygls, the `lsp` extra).

It checks each open document with the function `termcheck lint` uses for one file (`lint_text`):
the same rules, suppressions and configuration, found from the document's folder as the CLI finds
it from the working directory. Diagnostics on open and save, and on change after a pause; quick
fixes as code actions (safe ones preferred); hover on a term shows its concept in every language
with statuses; the term base is compiled again when one of its files changes.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from . import __version__
from . import config as config_mod
from .errors import TermcheckError
from .findings import Finding, Severity

if TYPE_CHECKING:
    from .glossary.index import GlossaryIndex
    from .glossary.model import TermBase
    from .pipeline import Settings
    from .resources import Resources

DEBOUNCE_SECONDS = 0.3
_SEVERITY = {Severity.ERROR: types.DiagnosticSeverity.Error, Severity.WARNING: types.DiagnosticSeverity.Warning,
             Severity.INFO: types.DiagnosticSeverity.Information}  # fmt: skip


@dataclass
class Checker:
    """What checking a document under one configuration needs, and the term base files' state it was
    made from (compiled again when they change)."""

    cfg: config_mod.Config
    settings: Settings
    glossary: TermBase
    index: GlossaryIndex
    resources: Resources
    stamps: dict[str, tuple[int, int]] = field(default_factory=dict)


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


class TermcheckServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("termcheck", __version__)
        self.checkers: dict[str, Checker] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.findings: dict[str, list[Finding]] = {}

    def checker(self, path: Path) -> Checker:
        """The checker for a document: its configuration (found from its folder), the term base that
        names, compiled again if a file of it changed since."""
        from .app import LintOptions, _rules, load_glossary
        from .pipeline import Settings
        from .resources import Resources

        cfg = config_mod.load(None, start=path.parent)
        glossary_paths = list(cfg.glossary) or ["builtin"]
        key = f"{cfg.path}|{'|'.join(glossary_paths)}"
        stamps = _stamps(glossary_paths)
        known = self.checkers.get(key)
        if known is not None and known.stamps == stamps:
            return known
        import io

        err = io.StringIO()
        loaded = load_glossary(glossary_paths, err)
        if loaded is None:
            raise TermcheckError(err.getvalue().strip().splitlines()[-1] if err.getvalue() else "term base problems")
        glossary, index = loaded
        rules = _rules(LintOptions([]), cfg)
        settings = Settings(cfg, tuple(rules), fix=True, unsafe_fixes=True, run_facts=False)
        checker = Checker(cfg, settings, glossary, index, Resources.for_index(index), stamps)
        self.checkers[key] = checker
        return checker

    def check(self, uri: str) -> None:
        """Lint the document and publish its diagnostics (an error in the term base or configuration
        is one diagnostic at the top, never a crash of the server)."""
        from .pipeline import lint_text

        document = self.workspace.get_text_document(uri)
        path = Path(document.path)
        try:
            checker = self.checker(path)
            label = checker.cfg.relative(str(path)) if checker.cfg.path is not None else path.name
            if checker.cfg.path is not None and checker.cfg.excluded(str(path)):
                findings: list[Finding] = []
            else:
                findings = lint_text(label, document.source, None, checker.settings, checker.index, checker.resources)
        except TermcheckError as exc:
            self.findings[uri] = []
            top = types.Range(types.Position(0, 0), types.Position(0, 0))
            problem = types.Diagnostic(top, f"termcheck: {exc}", types.DiagnosticSeverity.Error, source="termcheck")
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, [problem], document.version))
            return
        self.findings[uri] = findings
        lines = document.lines
        diagnostics = [_diagnostic(f, lines) for f in findings]
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, diagnostics, document.version))

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


def _utf16(line: str, column: int) -> int:
    """An LSP character offset (UTF-16 code units) from a 0-based code point column."""
    return len(line[:column].encode("utf-16-le")) // 2


def _position(lines: Sequence[str], offset: int) -> types.Position:
    """An LSP position from a character offset into the document (its lines keep their line ends)."""
    for number, text in enumerate(lines):
        if offset < len(text) or number == len(lines) - 1:
            return types.Position(number, _utf16(text, min(offset, len(text))))
        offset -= len(text)
    return types.Position(0, 0)


def _line(lines: Sequence[str], number: int) -> str:
    return lines[number - 1] if 0 < number <= len(lines) else ""


def _diagnostic(f: Finding, lines: Sequence[str]) -> types.Diagnostic:
    span = f.span
    start = types.Position(span.line - 1, _utf16(_line(lines, span.line), span.column - 1))
    end = types.Position(span.end_line - 1, _utf16(_line(lines, span.end_line), span.end_column - 1))
    data: dict[str, Any] = {"rule": f.rule}
    if f.fix is not None:
        data.update(start=f.fix.start, end=f.fix.end, replacement=f.fix.replacement, safe=f.fix.safe)
    return types.Diagnostic(types.Range(start, end), f.message, _SEVERITY[f.severity], code=f.code,
                            source="termcheck", data=data)  # fmt: skip


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

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: TermcheckServer, params: types.DidChangeWatchedFilesParams) -> None:
        ls.checkers.clear()  # a term base or configuration file changed: made again on the next check
        for uri in list(ls.findings):
            ls.check(uri)

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))  # fmt: skip
    def code_actions(ls: TermcheckServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        document = ls.workspace.get_text_document(params.text_document.uri)
        lines = document.lines
        out = []
        for diagnostic in params.context.diagnostics:
            data = diagnostic.data if isinstance(diagnostic.data, dict) else {}
            if diagnostic.source != "termcheck" or "replacement" not in data:
                continue
            edit = types.TextEdit(types.Range(_position(lines, data["start"]), _position(lines, data["end"])),
                                  data["replacement"])  # fmt: skip
            safe = bool(data.get("safe"))
            title = f"Write '{data['replacement']}'" + ("" if safe else " (check the sentence: unsafe fix)")
            change = types.WorkspaceEdit(changes={params.text_document.uri: [edit]})
            out.append(types.CodeAction(title, kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                                        is_preferred=safe, edit=change))  # fmt: skip
        return out

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: TermcheckServer, params: types.HoverParams) -> types.Hover | None:
        document = ls.workspace.get_text_document(params.text_document.uri)
        try:
            checker = ls.checker(Path(document.path))
        except TermcheckError:
            return None
        line = document.lines[params.position.line] if params.position.line < len(document.lines) else ""
        column = len(line.encode("utf-16-le")[: params.position.character * 2].decode("utf-16-le", "ignore"))
        for match in checker.index.find(line):
            if match.start <= column < match.end:
                concept = checker.index.concepts[match.entries[0].term.concept_id]
                start = types.Position(params.position.line, _utf16(line, match.start))
                end = types.Position(params.position.line, _utf16(line, match.end))
                content = types.MarkupContent(types.MarkupKind.Markdown, _hover_text(concept))
                return types.Hover(content, types.Range(start, end))
        return None

    return server


def main() -> int:
    """Serve over stdio until the client says exit."""
    os.environ.setdefault("TERMCHECK_SERVER", "1")
    build().start_io()
    return 0
