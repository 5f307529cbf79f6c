"""A handler that fails logs why and answers empty; the server goes on."""

from __future__ import annotations

import logging

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
