"""The offline engine: no AI, deterministic, and labelled as such wherever its work appears.

It does not pretend to write or rewrite text. Generators see `info.is_ai` is False and build
what can honestly be built from the inputs alone; anything that truly needs a model asks for one
here and gets a clear refusal.
"""

from __future__ import annotations

from generators.domain.common import OFFLINE_ENGINE
from generators.errors import ModelUnavailableError
from generators.models.base import Message, T, Usage


class OfflineEngine:
    info = OFFLINE_ENGINE

    def __init__(self) -> None:
        self.usage = Usage()

    def generate(self, messages: list[Message], output: type[T]) -> T:
        raise ModelUnavailableError(
            "This needs a language model, and none is configured (offline engine, no AI). "
            "Set OPENAI_API_KEY, or OPENAI_BASE_URL for a local server such as Ollama."
        )
