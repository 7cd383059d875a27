"""Settings in the browser: connect a server by address, pick its model, test it; keys kept
out of the database; environment variables win; a running Ollama is offered."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from app_pages import click, errors, find, library, open_page, texts

from generators import settings_store

SECRET = "sk-test-0123456789abcdef"


@pytest.fixture(autouse=True)
def _no_real_keyring(monkeypatch):
    """Never write a developer's real keyring: keys go to the private file in the test folder."""
    monkeypatch.setenv(settings_store.KEYRING_ENV, "file")


def connect_by_address(at, address: str, key: str = ""):
    find(at.radio, "Make materials with").set_value("server")
    at.run()
    find(at.text_input, "Server address").input(address)
    if key:
        find(at.text_input, "API key").input(key)
    return click(at, "List the server's models")


def test_a_server_is_connected_by_address_its_models_listed_and_tested(stub):
    at = connect_by_address(open_page("settings"), stub.base_url, key=SECRET)
    assert not errors(at)
    picker = find(at.selectbox, "Model")
    assert list(picker.options) == ["gpt-4o-mini", "stub-model"]  # the server's own list
    picker.set_value("stub-model")
    at = click(at, "Save and use this model")
    assert "Saved: A local or school server, model stub-model" in texts(at)
    assert "In use: **AI model stub\\-model at 127\\.0\\.0\\.1" in texts(at)
    at = click(at, "Test connection")
    assert "It works. Connected to 127.0.0.1:" in at.success[-1].value
    assert stub.requests == []  # listing models sends no chat request, no student data


def test_an_address_without_v1_is_found_at_v1(stub):
    """Ollama, vLLM and LM Studio print their address without /v1; the server says 404 there."""
    bare = stub.base_url.removesuffix("/v1")
    at = connect_by_address(open_page("settings"), bare + "/")
    assert not errors(at)
    assert find(at.text_input, "Server address").value == stub.base_url
    assert "the address now ends in /v1" in texts(at)
    assert list(find(at.selectbox, "Model").options) == ["gpt-4o-mini", "stub-model"]


def test_a_wrong_path_still_says_what_is_wrong(stub):
    at = connect_by_address(open_page("settings"), stub.base_url + "/nothing")
    assert "has no /models endpoint" in errors(at)[0]


def test_the_key_is_kept_in_a_private_file_never_in_the_database(stub):
    at = connect_by_address(open_page("settings"), stub.base_url, key=SECRET)
    at = click(at, "Save and use this model")
    assert "kept in a file only you can read" in texts(at)
    key_file = settings_store.folder() / settings_store.KEY_FILE
    assert key_file.read_text() == SECRET
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(settings_store.folder() / "settings.json").st_mode) == 0o600
    assert SECRET not in (settings_store.folder() / "settings.json").read_text()
    database = library().url.removeprefix("sqlite:///")
    assert SECRET.encode() not in Path(database).read_bytes()
    # the worksheet page now uses the server, and says so
    at.switch_page("ui/pages/worksheet.py").run()
    assert "Engine: AI model gpt-4o-mini at 127.0.0.1" in texts(at)  # the first one listed


def test_a_wrong_address_is_a_plain_message(stub):
    at = connect_by_address(open_page("settings"), "127.0.0.1:11434")
    assert "starting with http:// or https://" in errors(at)[0]
    at = connect_by_address(at, stub.base_url.removesuffix("/v1") + "/nope")
    assert "no /models endpoint" in errors(at)[0]
    assert "OPENAI_BASE_URL" not in texts(at)


def test_environment_variables_win_over_settings(stub_env):
    settings_store.save(settings_store.ModelSettings("server", "http://127.0.0.1:9/v1", "other"))
    at = open_page("settings")
    assert "In use: **AI model stub\\-model" in texts(at)
    assert "they win over the choices on this page" in texts(at)
    assert not at.radio  # nothing to choose: the variables decide


def test_a_running_ollama_is_offered_and_used_in_one_click(stub, monkeypatch):
    monkeypatch.setenv(settings_store.OLLAMA_ENV, stub.base_url)  # the stub plays Ollama
    at = open_page("settings")
    assert any("Ollama is running on this computer" in info.value for info in at.sidebar.info)
    assert "Ollama is running on this computer with 2 models" in texts(at)
    at = click(at, "Use Ollama with")
    assert "In use: **AI model gpt\\-4o\\-mini at 127\\.0" in texts(at)
    assert settings_store.load().base_url == stub.base_url


def test_no_ollama_means_no_offer(monkeypatch):
    monkeypatch.setenv(settings_store.OLLAMA_ENV, "http://127.0.0.1:9/v1")  # nothing listens
    at = open_page("settings")
    assert "Ollama" not in texts(at) and not at.sidebar.info
