"""Settings' "Test connection": one GET /models against the configured server."""

from __future__ import annotations

import socket

import pytest

from generators.errors import ModelError, ModelUnavailableError
from generators.models.connection import check_connection


def env(base_url: str, model: str = "stub-model") -> dict[str, str]:
    return {"OPENAI_API_KEY": "k", "OPENAI_BASE_URL": base_url, "PARAPREP_MODEL": model}


def test_a_listed_model_is_confirmed(stub):
    report = check_connection(env(stub.base_url))
    assert report.model_listed and "is available" in report.message
    assert stub.calls == 1 and stub.requests == []  # one GET, no body: nothing about anyone


def test_an_unlisted_model_is_named(stub):
    report = check_connection(env(stub.base_url, "llama-9000"))
    assert not report.model_listed
    assert (
        "does not list the model 'llama-9000'" in report.message and "stub-model" in report.message
    )


def test_no_model_configured_says_offline_needs_none():
    with pytest.raises(ModelUnavailableError, match="offline engine"):
        check_connection({})


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_server_that_is_not_there_is_a_clear_message():
    with pytest.raises(ModelError, match="Could not reach"):
        check_connection(env(f"http://127.0.0.1:{free_port()}/v1"), timeout=2)


def test_a_wrong_path_is_a_clear_message(stub):
    with pytest.raises(ModelError, match="no /models endpoint"):
        check_connection(env(stub.base_url.rstrip("/").removesuffix("/v1") + "/wrong"))


def test_a_server_that_hangs_times_out():
    with socket.socket() as listener:  # accepts the connection, never answers
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        with pytest.raises(ModelError, match=r"did not answer within 0\.5 s"):
            check_connection(env(f"http://127.0.0.1:{port}/v1"), timeout=0.5)
