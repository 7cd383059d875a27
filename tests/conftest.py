"""Shared test setup: the suite runs offline, and a scripted OpenAI stub stands in for the model.

The guard and the environment scrub run at import time rather than in a fixture, because pytest
imports test modules (and whatever they import) before any fixture runs; a module that builds a
client or opens a socket at import must meet the same rules as a test.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from collections.abc import Iterator

import pytest
from stub_openai import StubServer

from generators.models.scripted import ScriptedModel, install

# --- offline by default ---------------------------------------------------------------------

# Anything that could point the code at a real model; tests that need one set it themselves.
SCRUBBED_ENV = ("OPENAI_API_KEY", "OPENAI_BASE_URL", "PARAPREP_MODEL", "PARAPREP_ENGINE",
                "PARAPREP_DATABASE_URL")  # fmt: skip
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _is_loopback(host: object) -> bool:
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if not isinstance(host, str):
        return False
    host = host.split("%", 1)[0]  # IPv6 scope id, e.g. fe80::1%eth0
    if host.lower().rstrip(".") == "localhost":
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False  # any other host name is by definition not allowed
    mapped = getattr(address, "ipv4_mapped", None)
    return (mapped or address).is_loopback


def _check_destination(sock: socket.socket, address: object) -> None:
    if sock.family not in (socket.AF_INET, socket.AF_INET6):
        return  # AF_UNIX and friends never leave the machine
    host = address[0] if isinstance(address, tuple) and address else address
    if not _is_loopback(host):
        raise OSError(f"network disabled in tests: {host}")


def _guarded_connect(self: socket.socket, address: object) -> None:
    _check_destination(self, address)
    return _real_connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: object) -> int:
    _check_destination(self, address)
    return _real_connect_ex(self, address)


def _install_network_guard() -> None:
    """socket.create_connection, asyncio, ssl and httpx/httpx2 all end in these two methods."""
    socket.socket.connect = _guarded_connect
    socket.socket.connect_ex = _guarded_connect_ex


def _scrub_environment() -> None:
    for name in SCRUBBED_ENV:
        os.environ.pop(name, None)
    # A developer's HTTP(S)_PROXY would route even loopback calls through the proxy (and into
    # the guard); the stub must always be reached directly.
    for name in ("NO_PROXY", "no_proxy"):
        present = [h for h in os.environ.get(name, "").split(",") if h.strip()]
        os.environ[name] = ",".join(dict.fromkeys([*present, *LOOPBACK_NAMES]))


_install_network_guard()
_scrub_environment()


@pytest.fixture(autouse=True, scope="session")
def _offline_session() -> None:
    """Fails fast if a plugin or another conftest replaced the guard after import."""
    if socket.socket.connect is not _guarded_connect:
        pytest.fail("the network guard in tests/conftest.py was replaced; tests must run offline")


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Every test gets its own empty library: none touches the user's real ParaPrep data."""
    monkeypatch.setenv("PARAPREP_DATA_DIR", str(tmp_path_factory.mktemp("paraprep-data")))


# --- OpenAI stub ----------------------------------------------------------------------------


@pytest.fixture
def stub() -> Iterator[StubServer]:
    """A fresh server per test, so scripted replies and recorded requests never leak across."""
    with StubServer() as server:
        yield server


@pytest.fixture
def stub_env(stub: StubServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[StubServer]:
    """Points the app's own configuration (not just a hand-built client) at the stub."""
    monkeypatch.setenv("OPENAI_API_KEY", "test-key")
    monkeypatch.setenv("OPENAI_BASE_URL", stub.base_url)
    monkeypatch.setenv("PARAPREP_MODEL", "stub-model")
    yield stub


# --- In-process scripted model --------------------------------------------------------------


@pytest.fixture
def scripted(monkeypatch: pytest.MonkeyPatch) -> Iterator[ScriptedModel]:
    """A ScriptedModel chosen by name (PARAPREP_ENGINE=scripted): the app, the CLI and the API
    all get it from `from_env()`. Set its `responder` or `enqueue` answers in the test."""
    model = ScriptedModel()
    install(model)
    monkeypatch.setenv("PARAPREP_ENGINE", "scripted")
    yield model
    install(None)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_file: reads the SQLite file itself (SQLite only)")
