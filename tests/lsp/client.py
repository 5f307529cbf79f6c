"""A real LSP client (pytest-lsp's, on pygls) driving `planverk lsp` over stdio."""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

SERVER = [sys.executable, "-m", "planverk", "lsp", "--stdio"]


class Client(LanguageClient):
    """pytest-lsp's client, keeping every diagnostics notification (with when it came)."""

    def __init__(self) -> None:
        super().__init__(converter_factory=default_converter)
        self.published: list[tuple[float, types.PublishDiagnosticsParams]] = []
        self.registrations: list[types.Registration] = []


def make_client() -> Client:
    client = Client()
    register_lsp_features(
        client,
        {
            k: v
            for k, v in DEFAULT_CLIENT_FEATURES.items()
            if k != types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS
        },
    )

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def publish(ls: Client, params: types.PublishDiagnosticsParams) -> None:
        ls.published.append((time.perf_counter(), params))
        ls.diagnostics[params.uri] = params.diagnostics

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(ls: Client, params: types.RegistrationParams) -> None:
        ls.registrations.extend(params.registrations)

    return client


class Editor:
    """The client with what an editor keeps: open documents and their versions."""

    def __init__(self, client: Client, root: Path) -> None:
        self.client = client
        self.root = root
        self.versions: dict[str, int] = {}
        self.texts: dict[str, str] = {}

    def uri(self, relative: str) -> str:
        return (self.root / relative).resolve().as_uri()

    def open(self, relative: str) -> str:
        uri = self.uri(relative)
        text = (self.root / relative).read_text(encoding="utf-8")
        self.versions[uri] = 1
        self.texts[uri] = text
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "yaml", 1, text))
        )
        return uri

    def replace_all(self, uri: str, text: str) -> None:
        """Send the whole new text as one change (as an editor's 'replace all' does)."""
        self.versions[uri] += 1
        self.texts[uri] = text
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(version=self.versions[uri], uri=uri),
                [types.TextDocumentContentChangeWholeDocument(text)],
            )
        )

    def edit(self, uri: str, old: str, new: str, *, nth: int = 0) -> None:
        """Replace the ``nth`` occurrence of ``old`` with ``new`` as an incremental change."""
        text = self.texts[uri]
        offset = -1
        for _ in range(nth + 1):
            offset = text.index(old, offset + 1)
        start = position(text, offset)
        end = position(text, offset + len(old))
        self.versions[uri] += 1
        self.texts[uri] = text[:offset] + new + text[offset + len(old) :]
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(version=self.versions[uri], uri=uri),
                [types.TextDocumentContentChangePartial(types.Range(start, end), new)],
            )
        )

    def diagnostics(self, relative_or_uri: str) -> list[types.Diagnostic]:
        uri = relative_or_uri if "://" in relative_or_uri else self.uri(relative_or_uri)
        return list(self.client.diagnostics.get(uri, []))

    async def until(self, what: Callable[[], Any], timeout: float = 30.0) -> Any:
        """Wait until ``what()`` is true (its value is returned); fail after ``timeout``."""
        deadline = time.monotonic() + timeout
        while True:
            value = what()
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"väntade förgäves i {timeout} s: {what}")
            await asyncio.sleep(0.02)


def path_of(uri: str) -> Path:
    """The file a ``file://`` URI names."""
    parsed = urlparse(uri)
    assert parsed.scheme == "file", uri
    return Path(unquote(parsed.path))


def position(text: str, offset: int) -> types.Position:
    """The protocol position (UTF-16 columns) of a character offset."""
    line = text.count("\n", 0, offset)
    start = text.rfind("\n", 0, offset) + 1
    return types.Position(line, len(text[start:offset].encode("utf-16-le")) // 2)


def offset_of(text: str, pos: types.Position) -> int:
    lines = text.split("\n")
    start = sum(len(line) + 1 for line in lines[: pos.line])
    line = lines[pos.line] if pos.line < len(lines) else ""
    units = 0
    for index, char in enumerate(line):
        if units >= pos.character:
            return start + index
        units += len(char.encode("utf-16-le")) // 2
    return start + len(line)


def apply(text: str, edits: list[types.TextEdit]) -> str:
    """``text`` with ``edits`` applied (as an editor applies a workspace edit)."""
    spans = sorted(
        ((offset_of(text, e.range.start), offset_of(text, e.range.end), e.new_text) for e in edits),
        reverse=True,
    )
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def server_process(client: LanguageClient) -> asyncio.subprocess.Process | None:
    """The server's process. pygls 2.1 keeps it in ``LanguageClient._server`` and offers no
    public way to it; test_server_process_is_known fails if that changes."""
    process = getattr(client, "_server", None)
    return process if isinstance(process, asyncio.subprocess.Process) else None


@asynccontextmanager
async def started(
    root: Path,
    *,
    debounce_ms: int = 20,
    capabilities: str | types.ClientCapabilities = "visual-studio-code",
    env: dict[str, str] | None = None,
) -> AsyncIterator[Editor]:
    """`planverk lsp` started as an editor starts it, initialized on the folder ``root``."""
    client = make_client()
    await client.start_io(*SERVER, cwd=str(root), env=env)
    try:
        await client.initialize_session(
            types.InitializeParams(
                capabilities=client_capabilities(capabilities)
                if isinstance(capabilities, str)
                else capabilities,
                root_uri=root.resolve().as_uri(),
                workspace_folders=[types.WorkspaceFolder(root.resolve().as_uri(), root.name)],
                initialization_options={"debounceMs": debounce_ms},
            )
        )
        yield Editor(client, root)
        await asyncio.wait_for(client.shutdown_session(), 30)
    finally:
        server = server_process(client)  # ended if it is still running
        if server is not None and server.returncode is None:
            await asyncio.sleep(0.5)
            if server.returncode is None:
                server.kill()
        await client.stop()
