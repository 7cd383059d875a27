"""An in-process scripted model for tests: the same narrow boundary, answers from a script.

`ScriptedModel(responder)` answers each `generate(messages, Output)` from queued answers first
(`enqueue`), else from `responder(body)`, where `body` is the request as an OpenAI-compatible
server would receive it (messages and the json_schema named after the output class), so the
responders in paraprep_testing/ drive both this model and the loopback HTTP stub. Every call is
kept in `history` to assert on. An answer that does not fit the schema is a ModelError, as a
real model's would be once its retries are spent.

Chosen by name: `install(model)` and PARAPREP_ENGINE=scripted make `from_env()` return it, so
AppTest and CLI tests run every kind with model-written content and no server. It is never a
user's engine: without an installed script, choosing it is an error.
"""

from __future__ import annotations

import json
import threading
from collections import deque
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ValidationError

from generators.domain.common import EngineInfo
from generators.errors import ModelError, ModelUnavailableError
from generators.models.base import Message, T, Usage

Responder = Callable[[dict], Any]
LABEL = "Scripted model (tests)"


class ScriptedModel:
    def __init__(self, responder: Responder | None = None, *, label: str = LABEL) -> None:
        self.info = EngineInfo(kind="model", label=label, model="scripted")
        self.usage = Usage()
        self.responder = responder
        self.history: list[dict] = []
        self._queue: deque = deque()
        self._lock = threading.Lock()

    def enqueue(self, *answers: Any) -> None:
        """Answers given in order before the responder is asked: a dict, a pydantic object,
        JSON text, or an exception to raise (e.g. a ModelError, to script a failure)."""
        with self._lock:
            self._queue.extend(answers)

    def schemas(self) -> list[str]:
        """The output names asked for, in order: what tests assert on."""
        with self._lock:
            return [call["response_format"]["json_schema"]["name"] for call in self.history]

    def generate(self, messages: list[Message], output: type[T]) -> T:
        body = request_body(messages, output)
        with self._lock:
            self.history.append(body)
            answer = self._queue.popleft() if self._queue else None
        if answer is None:
            if self.responder is None:
                raise ModelError("The scripted model has no answer left for " + output.__name__)
            answer = self.responder(body)
        self.usage.add(prompt_tokens=sum(len(m.content) // 4 for m in messages))
        return parse(answer, output, self.usage)


def request_body(messages: list[Message], output: type[BaseModel]) -> dict:
    return {
        "model": "scripted",
        "messages": [{"role": m.role, "content": m.content} for m in messages],
        "response_format": {
            "type": "json_schema",
            "json_schema": {"name": output.__name__, "schema": output.model_json_schema()},
        },
    }


def parse(answer: Any, output: type[T], usage: Usage) -> T:
    if isinstance(answer, BaseException):
        raise answer
    if isinstance(answer, output):
        return answer
    if isinstance(answer, BaseModel):
        answer = answer.model_dump()
    try:
        data = json.loads(answer) if isinstance(answer, str | bytes) else answer
        return output.model_validate(data)
    except (ValueError, ValidationError) as error:
        usage.add_schema_failure()
        raise ModelError(
            f"The model's answer did not fit {output.__name__}: {str(error).splitlines()[0]}"
        ) from error


_installed: dict[str, ScriptedModel] = {}


def install(model: ScriptedModel | None) -> None:
    """Make `model` the one PARAPREP_ENGINE=scripted returns (None removes it)."""
    if model is None:
        _installed.pop("model", None)
    else:
        _installed["model"] = model


def installed() -> ScriptedModel:
    if "model" not in _installed:
        raise ModelUnavailableError(
            "The scripted engine is for tests only: no script is installed. Use offline or openai."
        )
    return _installed["model"]
