"""A handler that fails logs why and answers empty; the server goes on."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest
from lsprotocol import types

from planverk.lsp import rename
from planverk.lsp.server import PlanverkServer, RequestRefused, build, guarded


def test_a_failing_handler_answers_empty_and_logs(caplog: pytest.LogCaptureFixture) -> None:
    server = PlanverkServer()

    @guarded(list)
    def references(ls: PlanverkServer, params: object) -> list[types.Location]:
        raise KeyError("ett fel i planverk")

    with caplog.at_level(logging.ERROR, logger="planverk.lsp"):
        assert references(server, None) == []
    assert "references avbröts" in caplog.text
    assert "KeyError" in caplog.text


def test_a_refusal_reaches_the_editor_as_an_error_with_its_swedish_reason() -> None:
    server = PlanverkServer()

    @guarded(lambda: None)
    def on_rename(ls: PlanverkServer, params: object) -> None:
        raise rename.Refused("Id:t 'x' används redan.")

    with pytest.raises(RequestRefused) as refused:
        on_rename(server, None)
    assert refused.value.message == "Id:t 'x' används redan."
    assert refused.value.code == -32803  # RequestFailed: VS Code shows the message


def test_every_feature_is_guarded() -> None:
    server = build()
    features = server.protocol.fm.features
    for method in (
        types.TEXT_DOCUMENT_COMPLETION,
        types.TEXT_DOCUMENT_HOVER,
        types.TEXT_DOCUMENT_DEFINITION,
        types.TEXT_DOCUMENT_REFERENCES,
        types.TEXT_DOCUMENT_RENAME,
        types.TEXT_DOCUMENT_PREPARE_RENAME,
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.TEXT_DOCUMENT_DID_CHANGE,
    ):
        handler = features[method]
        wrapped = getattr(handler, "func", handler)
        assert getattr(wrapped, "__wrapped__", None) is not None, method


def _message(body: str) -> bytes:
    raw = body.encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(raw) + raw


def test_garbage_from_the_editor_is_logged_in_swedish_and_the_server_answers_on(
    tmp_path: Path,
) -> None:
    init = json.dumps(
        {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}
    )
    stream = b"nonsens\r\n" + _message("{{{{") + _message('{"jsonrpc": "2.0"}') + _message(init)
    run = subprocess.run(
        [sys.executable, "-m", "planverk", "lsp"],
        input=stream,
        capture_output=True,
        timeout=120,
        cwd=tmp_path,
        check=False,
    )
    assert run.returncode == 0
    out = run.stdout.decode("utf-8")
    bodies = [json.loads(part.split("\r\n\r\n", 1)[1]) for part in out.split("Content-Length")[1:]]
    answer = next(b for b in bodies if b.get("id") == 1)
    assert answer["result"]["serverInfo"]["name"] == "planverk"
    logged = [b["params"]["message"] for b in bodies if b.get("method") == "window/logMessage"]
    assert logged and all("servern fortsätter" in m for m in logged)
    assert not [b for b in bodies if b.get("method") == "window/showMessage"]
