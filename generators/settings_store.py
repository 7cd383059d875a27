"""The model connection chosen in the app's Settings, kept on this computer.

Which engine (offline, OpenAI, or an OpenAI-compatible server at an address) and which model go
to `settings.json` in the data folder; an API key goes to the OS keyring through `keyring` when
this computer has one, otherwise to a file only this user can read (mode 0600). Neither ever goes
into the library database, so an export or a copied database carries no key.

Environment variables still win: when OPENAI_API_KEY, OPENAI_BASE_URL or PARAPREP_ENGINE is set
(a server started by IT, CI), the stored choice is not used. Everything here is plain I/O, no
Streamlit, so the CLI could read the same settings.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

from generators.errors import InputError, ModelError
from generators.library import data_dir
from generators.models import Model, from_env, is_configured

Provider = Literal["offline", "openai", "server"]
PROVIDERS: tuple[Provider, ...] = ("offline", "openai", "server")
SETTINGS_FILE = "settings.json"
KEY_FILE = "openai-key"
KEYRING_SERVICE = "paraprep"
KEYRING_USER = "model-api-key"
KEYRING_ENV = "PARAPREP_KEYRING"  # "file" keeps the key in the private file even with a keyring
OLLAMA_ENV = "PARAPREP_OLLAMA_URL"
OLLAMA_URL = "http://127.0.0.1:11434/v1"
OVERRIDING_ENV = ("OPENAI_API_KEY", "OPENAI_BASE_URL", "PARAPREP_ENGINE")
MAX_KEY_CHARS = 400


@dataclass(frozen=True)
class ModelSettings:
    provider: Provider = "offline"
    base_url: str = ""  # for "server": e.g. http://127.0.0.1:11434/v1
    model: str = ""


def folder(env: Mapping[str, str] = os.environ) -> Path:
    return data_dir(env)


def load(env: Mapping[str, str] = os.environ) -> ModelSettings:
    """The stored choice; a missing or damaged file reads as the offline engine."""
    path = folder(env) / SETTINGS_FILE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        settings = ModelSettings(
            **{k: str(raw.get(k, "")) for k in ("provider", "base_url", "model")}
        )
    except (OSError, ValueError, TypeError):
        return ModelSettings()
    return settings if settings.provider in PROVIDERS else ModelSettings()


def save(settings: ModelSettings, env: Mapping[str, str] = os.environ) -> None:
    if settings.provider not in PROVIDERS:
        raise InputError(f"Unknown engine choice '{settings.provider}'.")
    if settings.provider == "server":
        check_address(settings.base_url)
    write_private(folder(env) / SETTINGS_FILE, json.dumps(asdict(settings), indent=2))


def check_address(address: str) -> str:
    """A server address must be an http(s) URL: say so plainly instead of failing later."""
    address = address.strip()
    if not address.startswith(("http://", "https://")) or len(address) < 10:
        raise InputError(
            "Give the server's address starting with http:// or https://, e.g. "
            "http://127.0.0.1:11434/v1 for Ollama on this computer."
        )
    if "@" in address.split("//", 1)[1].split("/", 1)[0]:  # user info is never stored
        raise InputError(
            "Leave the user name and password out of the server address (the part before @): "
            "give a key in the API key field instead, which is kept in the system keyring."
        )
    return address.rstrip("/")


def write_private(path: Path, text: str) -> None:
    """Write a file only this user can read, replacing it whole (no half-written file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.chmod(partial, 0o600)
    os.replace(partial, path)


# --- the API key ---


def keyring_backend(env: Mapping[str, str] = os.environ):
    """The OS keyring, or None when this computer has none (or it is turned off)."""
    if env.get(KEYRING_ENV, "").strip().lower() in ("file", "off", "0", "no"):
        return None
    try:
        import keyring

        backend = keyring.get_keyring()
    except Exception:  # a broken keyring install must not stop the app
        return None
    return backend if getattr(backend, "priority", 0) > 0 else None


def save_key(key: str, env: Mapping[str, str] = os.environ) -> str:
    """Store the key; returns where, in words for the Settings page."""
    key = key.strip()
    if not key or len(key) > MAX_KEY_CHARS or any(c.isspace() for c in key):
        raise InputError("The API key looks wrong: paste it again, without spaces.")
    backend = keyring_backend(env)
    if backend is not None:
        try:
            backend.set_password(KEYRING_SERVICE, KEYRING_USER, key)
            remove_key_file(env)
            return "the system keyring"
        except Exception:
            pass  # e.g. a locked or absent Secret Service: fall back to the private file
    write_private(folder(env) / KEY_FILE, key)
    return "a file only you can read, in the data folder"


def read_key(env: Mapping[str, str] = os.environ) -> str | None:
    backend = keyring_backend(env)
    if backend is not None:
        with contextlib.suppress(Exception):
            key = backend.get_password(KEYRING_SERVICE, KEYRING_USER)
            if key:
                return key
    try:
        return (folder(env) / KEY_FILE).read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def forget_key(env: Mapping[str, str] = os.environ) -> None:
    backend = keyring_backend(env)
    if backend is not None:
        with contextlib.suppress(Exception):
            backend.delete_password(KEYRING_SERVICE, KEYRING_USER)
    remove_key_file(env)


def remove_key_file(env: Mapping[str, str]) -> None:
    with contextlib.suppress(FileNotFoundError):
        (folder(env) / KEY_FILE).unlink()


# --- what the generators use ---


def env_wins(env: Mapping[str, str] = os.environ) -> bool:
    """True when environment variables choose the engine (they win over Settings)."""
    return any(env.get(name) for name in OVERRIDING_ENV)


def model_env(env: Mapping[str, str] = os.environ) -> dict[str, str]:
    """The variables `generators.models.from_env` reads: the environment's own when it names an
    engine, else the stored Settings on top of it."""
    merged = dict(env)
    if env_wins(env):
        return merged
    stored = load(env)
    if stored.provider == "offline":
        merged["PARAPREP_ENGINE"] = "offline"
        return merged
    key = read_key(env)
    if stored.provider == "server":
        merged["OPENAI_BASE_URL"] = stored.base_url
        merged["OPENAI_API_KEY"] = key or "not-needed"
    elif key:
        merged["OPENAI_API_KEY"] = key
    if stored.model:
        merged.setdefault("PARAPREP_MODEL", stored.model)
    return merged


def model(env: Mapping[str, str] = os.environ) -> Model:
    """The engine to use now: environment variables first, then Settings, else offline."""
    return from_env(env=model_env(env))


def signature(env: Mapping[str, str] = os.environ) -> tuple:
    """What decides the engine, to know when one already built can be reused (the key only as a
    hash)."""
    merged = model_env(env)
    names = ("OPENAI_BASE_URL", "PARAPREP_MODEL", "PARAPREP_ENGINE", "PARAPREP_TIMEOUT",
             "PARAPREP_MAX_CONCURRENT_CALLS")  # fmt: skip
    return (hash(merged.get("OPENAI_API_KEY")), *(merged.get(name) for name in names))


def is_model_set(env: Mapping[str, str] = os.environ) -> bool:
    return is_configured(model_env(env)) and model_env(env).get("PARAPREP_ENGINE") != "offline"


def list_models(base_url: str | None, key: str | None, timeout: float = 5.0) -> tuple[str, ...]:
    """The model names a server lists at /models (GET, no student data); a ModelError says why
    not."""
    from generators.models.connection import check_connection

    env = {"OPENAI_API_KEY": key or "not-needed"}
    if base_url:
        env["OPENAI_BASE_URL"] = check_address(base_url)
    return check_connection(env, timeout=timeout).models


def find_models(
    base_url: str, key: str | None, timeout: float = 5.0
) -> tuple[str, tuple[str, ...]]:
    """(the address that answered, its models): an address typed without its /v1 (as Ollama,
    vLLM and LM Studio print it) is tried again with /v1 when the server says 404."""
    from generators.models.connection import NoModelList

    address = check_address(base_url)
    try:
        return address, list_models(address, key, timeout)
    except NoModelList:
        if address.endswith("/v1"):
            raise
        return address + "/v1", list_models(address + "/v1", key, timeout)


def detect_ollama(env: Mapping[str, str] = os.environ, timeout: float = 0.5) -> tuple[str, ...]:
    """The models of an Ollama running on this computer, or () when none answers."""
    try:
        return list_models(env.get(OLLAMA_ENV) or OLLAMA_URL, None, timeout=timeout)
    except (ModelError, InputError):
        return ()


def ollama_url(env: Mapping[str, str] = os.environ) -> str:
    return env.get(OLLAMA_ENV) or OLLAMA_URL
