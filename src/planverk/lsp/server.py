"""The language server: the editor's messages wired to the plan folder and the features.

Every handler is guarded: an exception inside one is logged (to stderr and to the editor's
log) and answered with an empty result, so no plan file, however broken, stops the server.
Findings are published for every file of the plan set, open or not, as the user types:
after a pause of ``debounceMs`` (initialization option; 250 ms when not given) the changed
files are parsed again, the plan set is checked (only the parts the change touches, see
:mod:`planverk.lsp.checker`) and the files whose findings changed are published, the
changed files always.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import gc
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO, TypeVar, cast
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.exceptions import FeatureRequestError, JsonRpcException
from pygls.lsp.server import LanguageServer

from planverk import __version__
from planverk.core.gcpause import paused_gc
from planverk.loading.planset import PlanSetNotFound, find_plan_dir
from planverk.lsp import actions, completion, hover, navigation, rename
from planverk.lsp.diagnostics import diagnostic
from planverk.lsp.folder import Folder
from planverk.lsp.positions import UTF16

log = logging.getLogger("planverk.lsp")

DEFAULT_DEBOUNCE = 0.25  # seconds of quiet typing before the plan set is checked again
REQUEST_FAILED = -32803  # LSP's RequestFailed: the request was valid, the answer is no


class RequestRefused(JsonRpcException):
    """A request answered with a Swedish reason (a refused rename)."""

    CODE = REQUEST_FAILED


class PlanverkServer(LanguageServer):
    """`planverk lsp`: one :class:`Folder` per plan folder the editor has files open in."""

    def __init__(self) -> None:
        super().__init__(
            "planverk", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental
        )
        self.folders: dict[Path, Folder] = {}
        self.debounce = DEFAULT_DEBOUNCE
        self.roots: list[Path] = []
        self._dirty: dict[Path, set[Path]] = {}  # plan folder -> files changed since checked
        self._timers: dict[Path, asyncio.TimerHandle] = {}

    def report_server_error(self, error: Exception, source: Any) -> None:
        """A message the server could not read or answer: logged, and told to the editor's
        log in Swedish (pygls would show the library's English in a pop-up)."""
        log.debug("%s: %s", type(error).__name__, error)  # the library's words: debug only
        if source is FeatureRequestError:
            return  # the request was answered with the error already
        with contextlib.suppress(Exception):
            self.window_log_message(
                types.LogMessageParams(
                    types.MessageType.Error,
                    "planverk: ett meddelande från editorn kunde inte läsas eller hanteras; "
                    "servern fortsätter.",
                )
            )

    # --- Folders and files ----------------------------------------------------------------

    @property
    def encoding(self) -> str:
        try:
            encoding = self.workspace.position_encoding
        except Exception:  # before initialize
            return UTF16
        return str(getattr(encoding, "value", encoding) or UTF16)

    def folder_for(self, path: Path) -> Folder | None:
        """The plan folder ``path`` belongs to, loaded on first use (None outside any)."""
        for folder in self.folders.values():
            if folder.store.holds(path):
                return folder
        try:
            plan_dir = find_plan_dir(path)
        except (PlanSetNotFound, OSError):
            return None
        opened = self.open_folder(plan_dir)
        return opened if opened is not None and opened.store.holds(path) else None

    def open_folder(self, plan_dir: Path) -> Folder | None:
        plan_dir = plan_dir.resolve()
        if plan_dir in self.folders:
            return self.folders[plan_dir]
        folder = Folder(plan_dir, self.encoding)
        try:
            folder.load()
        except Exception:
            log.exception("planmappen %s kunde inte läsas", plan_dir)
            return None
        self.folders[plan_dir] = folder
        # Bring the open buffers in, then check and publish the whole set once.
        for document in list(self.workspace.text_documents.values()):
            path = path_of(document.uri)
            if path is not None and folder.store.holds(path):
                folder.store.set_text(path, document.source)
        folder.store.assemble()
        self.publish(folder)
        gc.collect()
        gc.freeze()  # the loaded plans are long-lived: later collections need not walk them
        return folder

    def changed(self, path: Path, *, now: bool = False) -> None:
        """Note that ``path`` changed; check its folder after the pause (or ``now``)."""
        folder = self.folder_for(path)
        if folder is None:
            return
        plan_dir = folder.store.plan_dir
        self._dirty.setdefault(plan_dir, set()).add(path)
        timer = self._timers.pop(plan_dir, None)
        if timer is not None:
            timer.cancel()
        if now or self.debounce <= 0:
            self.flush(folder)
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self.flush(folder)
            return
        self._timers[plan_dir] = loop.call_later(self.debounce, self.flush, folder)

    def flush(self, folder: Folder) -> None:
        """Parse the folder's changed files again, check the set, publish what changed."""
        try:
            plan_dir = folder.store.plan_dir
            self._timers.pop(plan_dir, None)
            dirty = self._dirty.pop(plan_dir, set())
            changed = False
            with paused_gc():
                for path in dirty:
                    text = self.buffer(path)
                    if text is not None:
                        changed |= folder.store.set_text(path, text)
                    else:
                        changed |= folder.store.reread(path)
                if changed:
                    folder.store.assemble()
            self.publish(folder, {folder.store.display(p) for p in dirty})
        except Exception:
            log.exception("kontrollen av planerna avbröts av ett internt fel")

    def publish(self, folder: Folder, force: set[str] | None = None) -> None:
        with paused_gc():
            folder.check()
            changed = folder.changed(force or set())
        for display, findings in changed.items():
            text = folder.store.text_of(display)
            lines = folder.lines(text) if text is not None else None
            document = self.document(folder.store.path_of(display))
            uri = document.uri if document is not None else folder.uri(display)
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(
                    uri=uri,
                    diagnostics=[diagnostic(f, lines) for f in findings],
                    version=document.version if document is not None else None,
                )
            )

    def document(self, path: Path) -> Any:
        """The editor's open document of ``path`` (a pygls TextDocument), or None."""
        documents = self.workspace.text_documents
        document = documents.get(path.as_uri())
        if document is None:  # the editor may spell the URI another way
            document = next((d for u, d in documents.items() if path_of(u) == path), None)
        return document

    def buffer(self, path: Path) -> str | None:
        """The editor's text of ``path`` when it is open, else None."""
        document = self.document(path)
        return str(document.source) if document is not None else None

    def located(self, uri: str) -> tuple[Folder, Any] | None:
        """The folder and parsed document of an open file, if it is a plan file."""
        path = path_of(uri)
        folder = self.folder_for(path) if path is not None else None
        if folder is None or path is None:
            return None
        pending = self._dirty.get(folder.store.plan_dir)
        if pending:  # answer from the text the editor has now, not from before the pause
            self.flush(folder)
        doc = folder.doc_of(path)
        return (folder, doc) if doc is not None else None

    def versions(self) -> dict[str, int | None]:
        return {uri: doc.version for uri, doc in self.workspace.text_documents.items()}


def path_of(uri: str) -> Path | None:
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    try:
        return Path(unquote(parsed.path)).resolve()
    except (OSError, ValueError):
        return None


F = TypeVar("F", bound=Callable[..., Any])


def guarded(empty: Callable[[], object]) -> Callable[[F], F]:
    """Answer ``empty()`` when the handler fails, after logging why; refusals pass through."""

    def decorate(handler: F) -> F:
        @functools.wraps(handler)
        def run(ls: PlanverkServer, params: Any) -> Any:
            try:
                return handler(ls, params)
            except rename.Refused as refused:
                raise RequestRefused(refused.message) from None
            except JsonRpcException:
                raise
            except Exception as err:
                log.exception("%s avbröts", handler.__name__)
                with contextlib.suppress(Exception):
                    ls.window_log_message(
                        types.LogMessageParams(
                            types.MessageType.Error,
                            f"planverk: internt fel i {handler.__name__} ({type(err).__name__}: "
                            f"{err}). Svaret blev tomt; servern fortsätter.",
                        )
                    )
                return empty()

        return run  # type: ignore[return-value]

    return decorate


def _none() -> None:
    return None


def build() -> PlanverkServer:
    """A server with every feature registered."""
    server = PlanverkServer()

    @server.feature(types.INITIALIZE)
    @guarded(_none)
    def initialize(ls: PlanverkServer, params: types.InitializeParams) -> None:
        options = params.initialization_options
        if isinstance(options, dict):
            debounce = options.get("debounceMs")
            if isinstance(debounce, int | float) and 0 <= debounce <= 10_000:
                ls.debounce = debounce / 1000
        roots = [f.uri for f in params.workspace_folders or []] or (
            [params.root_uri] if params.root_uri else []
        )
        ls.roots = [p for p in (path_of(uri) for uri in roots) if p is not None]

    @server.feature(types.INITIALIZED)
    @guarded(_none)
    def initialized(ls: PlanverkServer, params: types.InitializedParams) -> None:
        for root in ls.roots:
            try:
                plan_dir = find_plan_dir(root)
            except (PlanSetNotFound, OSError):
                continue
            ls.open_folder(plan_dir)
        capabilities = ls.client_capabilities.workspace
        watched = capabilities.did_change_watched_files if capabilities else None
        if watched is not None and watched.dynamic_registration:
            ls.client_register_capability(
                types.RegistrationParams(
                    [
                        types.Registration(
                            "planverk-filer",
                            types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                            types.DidChangeWatchedFilesRegistrationOptions(
                                [
                                    types.FileSystemWatcher("**/*.{yaml,yml}"),
                                    types.FileSystemWatcher("**/pyproject.toml"),
                                ]
                            ),
                        )
                    ]
                )
            )

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    @guarded(_none)
    def did_open(ls: PlanverkServer, params: types.DidOpenTextDocumentParams) -> None:
        path = path_of(params.text_document.uri)
        if path is not None:
            ls.changed(path, now=True)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    @guarded(_none)
    def did_change(ls: PlanverkServer, params: types.DidChangeTextDocumentParams) -> None:
        path = path_of(params.text_document.uri)
        if path is not None:
            ls.changed(path)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    @guarded(_none)
    def did_close(ls: PlanverkServer, params: types.DidCloseTextDocumentParams) -> None:
        path = path_of(params.text_document.uri)
        if path is not None:  # from now on the file on disk is what counts
            ls.changed(path, now=True)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    @guarded(_none)
    def did_change_watched(ls: PlanverkServer, params: types.DidChangeWatchedFilesParams) -> None:
        for change in params.changes:
            path = path_of(change.uri)
            if path is None:
                continue
            if path.name == "pyproject.toml":
                for folder in list(ls.folders.values()):
                    if folder.store.root == path.parent:
                        ls.publish(folder)
            elif ls.buffer(path) is None:  # an open file's buffer wins over the disk
                ls.changed(path)

    @server.feature(
        types.TEXT_DOCUMENT_COMPLETION,
        types.CompletionOptions(trigger_characters=[":", " ", "-", "[", ","]),
    )
    @guarded(lambda: types.CompletionList(is_incomplete=False, items=[]))
    def complete(ls: PlanverkServer, params: types.CompletionParams) -> types.CompletionList:
        path = path_of(params.text_document.uri)
        folder = ls.folder_for(path) if path is not None else None
        text = ls.buffer(path) if path is not None else None
        if folder is None or text is None:
            return types.CompletionList(is_incomplete=False, items=[])
        position = params.position
        return completion.complete(folder, text, position.line, position.character)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    @guarded(_none)
    def on_hover(ls: PlanverkServer, params: types.HoverParams) -> types.Hover | None:
        found = ls.located(params.text_document.uri)
        if found is None:
            return None
        folder, doc = found
        return hover.hover(folder, doc, folder.lines(doc.text).offset(params.position))

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    @guarded(list)
    def on_definition(ls: PlanverkServer, params: types.DefinitionParams) -> list[types.Location]:
        found = ls.located(params.text_document.uri)
        if found is None:
            return []
        folder, doc = found
        return navigation.definition(folder, doc, folder.lines(doc.text).offset(params.position))

    @server.feature(types.TEXT_DOCUMENT_REFERENCES)
    @guarded(list)
    def on_references(ls: PlanverkServer, params: types.ReferenceParams) -> list[types.Location]:
        found = ls.located(params.text_document.uri)
        if found is None:
            return []
        folder, doc = found
        return navigation.references(
            folder,
            doc,
            folder.lines(doc.text).offset(params.position),
            include_declaration=params.context.include_declaration,
        )

    @server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
    @guarded(_none)
    def on_prepare_rename(
        ls: PlanverkServer, params: types.PrepareRenameParams
    ) -> types.PrepareRenamePlaceholder | None:
        found = ls.located(params.text_document.uri)
        if found is None:
            raise rename.Refused("Filen hör inte till någon planmapp, eller går inte att läsa.")
        folder, doc = found
        return rename.prepare(folder, doc, folder.lines(doc.text).offset(params.position))

    @server.feature(types.TEXT_DOCUMENT_RENAME, types.RenameOptions(prepare_provider=True))
    @guarded(_none)
    def on_rename(ls: PlanverkServer, params: types.RenameParams) -> types.WorkspaceEdit | None:
        found = ls.located(params.text_document.uri)
        if found is None:
            raise rename.Refused("Filen hör inte till någon planmapp, eller går inte att läsa.")
        folder, doc = found
        offset = folder.lines(doc.text).offset(params.position)
        return rename.rename(folder, doc, offset, params.new_name, ls.versions())

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    @guarded(list)
    def on_code_action(
        ls: PlanverkServer, params: types.CodeActionParams
    ) -> list[types.CodeAction]:
        found = ls.located(params.text_document.uri)
        if found is None:
            return []
        folder, doc = found
        lines = folder.lines(doc.text)
        start = lines.offset(params.range.start)
        end = lines.offset(params.range.end)
        return actions.code_actions(folder, doc, start, end, ls.versions())

    @server.feature(types.SHUTDOWN)
    @guarded(_none)
    def on_shutdown(ls: PlanverkServer, params: None) -> None:
        for timer in ls._timers.values():
            timer.cancel()
        ls._timers.clear()

    return server


MAX_MESSAGE = 64 * 1024 * 1024  # bytes of one message: the size cap of a plan file, and more
MAX_HEADER = 64 * 1024  # bytes of one header line


class _BoundedStdin:
    """stdin for pygls's reader, with a bound on what one message may ask for: a header
    that announces gigabytes (a broken or hostile client) ends the server with a Swedish
    message instead of asking for the memory."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw

    def readline(self, size: int = -1) -> bytes:
        return self.raw.readline(MAX_HEADER)

    def read(self, size: int = -1) -> bytes:
        if size > MAX_MESSAGE:
            log.error(
                "editorn skickade ett meddelande på %d byte, mer än %d MB; servern avslutas",
                size,
                MAX_MESSAGE // (1024 * 1024),
            )
            return b""  # pygls ends its loop on an empty body
        return self.raw.read(size)


class _Formatter(logging.Formatter):
    """One Swedish line per problem; never a traceback or a library's English on stderr
    (the editor shows it in its output panel)."""

    def format(self, record: logging.LogRecord) -> str:
        level = "varning" if record.levelno < logging.ERROR else "fel"
        if record.exc_info and record.exc_info[0] is not None:
            kind = record.exc_info[0].__name__
            if record.name.startswith("planverk"):
                return f"planverk lsp: fel: {record.getMessage()} ({kind})"
            return (
                f"planverk lsp: {level}: ett meddelande från editorn kunde inte läsas eller "
                "hanteras; servern fortsätter."
            )
        if not record.name.startswith("planverk"):
            return f"planverk lsp: {level} i språkserverns bibliotek ({record.name})"
        return f"planverk lsp: {level}: {record.getMessage()}"


def serve() -> None:
    """Run the server over stdin and stdout until the editor ends it."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_Formatter())
    logging.basicConfig(handlers=[handler], level=logging.WARNING)
    gc.enable()  # a long-lived process: cycles (asyncio's, pygls's) must be collected
    build().start_io(cast(BinaryIO, _BoundedStdin(sys.stdin.buffer)))
