"""The one narrow boundary between ParaPrep and any language model.

Generators only ever call `model.generate(messages, OutputModel)` and get a validated pydantic
object back, or a `ModelError` with a message fit for the user. Everything provider-specific
(HTTP, retries, JSON schema, token counts) stays behind this line.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Literal, Protocol, TypeVar

from pydantic import BaseModel

from generators.domain.common import EngineInfo

T = TypeVar("T", bound=BaseModel)


@dataclass(frozen=True)
class Message:
    role: Literal["system", "user", "assistant"]
    content: str


class Usage:
    """Calls and tokens spent, counted across threads (levels are generated concurrently)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.calls = 0
        self.prompt_tokens = 0
        self.completion_tokens = 0
        self.schema_failures = 0

    def add(self, prompt_tokens: int = 0, completion_tokens: int = 0) -> None:
        with self._lock:
            self.calls += 1
            self.prompt_tokens += prompt_tokens
            self.completion_tokens += completion_tokens

    def add_schema_failure(self) -> None:
        with self._lock:
            self.schema_failures += 1

    def as_dict(self) -> dict[str, int]:
        with self._lock:
            return {
                "calls": self.calls,
                "prompt_tokens": self.prompt_tokens,
                "completion_tokens": self.completion_tokens,
                "schema_failures": self.schema_failures,
            }


class Model(Protocol):
    info: EngineInfo
    usage: Usage

    def generate(self, messages: list[Message], output: type[T]) -> T: ...
