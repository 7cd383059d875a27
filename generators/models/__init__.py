"""Choose the engine: a configured OpenAI-compatible model, or the offline engine (no AI)."""

from __future__ import annotations

import os
from collections.abc import Mapping

from generators.errors import InputError, ModelUnavailableError
from generators.models.base import Message, Model, Usage
from generators.models.offline import OfflineEngine

__all__ = ["ENGINES", "Message", "Model", "OfflineEngine", "Usage", "from_env", "is_configured"]

ENGINES = ("auto", "offline", "openai")  # what a user may choose
SCRIPTED = "scripted"  # tests choose generators.models.scripted.ScriptedModel by this name


def is_configured(env: Mapping[str, str] = os.environ) -> bool:
    """A model is configured when a key or a server address (Ollama needs no key) is set."""
    return bool(env.get("OPENAI_API_KEY") or env.get("OPENAI_BASE_URL"))


def from_env(engine: str | None = None, env: Mapping[str, str] = os.environ) -> Model:
    """Build the engine named by `engine` (or PARAPREP_ENGINE), defaulting to what is configured."""
    choice = (engine or env.get("PARAPREP_ENGINE") or "auto").strip().lower()
    if choice == SCRIPTED:  # tests only: the in-process model a test installed
        from generators.models.scripted import installed

        return installed()
    if choice not in ENGINES:
        raise InputError(f"Unknown engine '{choice}': use one of {', '.join(ENGINES)}.")
    if choice == "offline" or (choice == "auto" and not is_configured(env)):
        return OfflineEngine()
    if not is_configured(env):
        raise ModelUnavailableError(
            "The openai engine needs OPENAI_API_KEY (or OPENAI_BASE_URL for a local server)."
        )
    # Imported here: LangChain and the OpenAI SDK take most of a second to import, which the
    # offline engine (and `paraprep level`) should not pay.
    from generators.models.openai_compat import DEFAULT_MODEL, OpenAICompatibleModel

    return OpenAICompatibleModel(
        model=env.get("PARAPREP_MODEL") or DEFAULT_MODEL,
        api_key=env.get("OPENAI_API_KEY"),
        base_url=env.get("OPENAI_BASE_URL") or None,
        timeout=read_timeout(env.get("PARAPREP_TIMEOUT")),
        max_concurrent_calls=read_limit(env.get("PARAPREP_MAX_CONCURRENT_CALLS")),
    )


def read_limit(value: str | None) -> int:
    if not value:
        return 8
    if not value.strip().isdigit() or not 1 <= int(value) <= 64:
        raise InputError(
            f"PARAPREP_MAX_CONCURRENT_CALLS={value!r} is not a number of calls from 1 to 64."
        )
    return int(value)


def read_timeout(value: str | None) -> float:
    if not value:
        return 60.0
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0.0
    if not 1 <= seconds <= 600:
        raise InputError(f"PARAPREP_TIMEOUT={value!r} is not a number of seconds from 1 to 600.")
    return seconds
