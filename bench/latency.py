"""A simulated model: the stub's scripted replies, delivered as slowly as a real model would.

tests/stub_openai.py answers instantly; a real model spends a time to first token and then
writes at some tokens per second. `SimulatedModel` wraps a stub responder so each reply takes
(ttft + completion tokens / tokens per second) x a jitter factor, and records every call at the
stub: which schema was asked for, the prompt, the tokens and the time the "model" spent on it.
That record is the denominator of the packet ratio: the slowest single call is the physical
limit for a packet, whatever the client does.

The delay is slept inside the responder (the stub calls responders outside its lock, one
thread per request), so an optional slot limit can model a server that runs only N requests
at once (e.g. Ollama's OLLAMA_NUM_PARALLEL); requests beyond it queue, and their queueing time is
recorded apart from their service time.
"""

from __future__ import annotations

import json
import math
import random
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass

from paraprep_testing.stub_openai import Reply

Responder = Callable[[dict], "Reply | dict | str"]


@dataclass(frozen=True)
class Latency:
    """How fast the simulated model is; zero ttft and no tokens/s means instant replies."""

    ttft: float = 0.3
    tokens_per_second: float | None = 60.0
    jitter: float = 0.2

    def seconds(self, completion_tokens: int, rng: random.Random) -> float:
        factor = 1.0 + rng.uniform(-self.jitter, self.jitter) if self.jitter else 1.0
        writing = completion_tokens / self.tokens_per_second if self.tokens_per_second else 0.0
        return max(0.0, (self.ttft + writing) * factor)


INSTANT = Latency(ttft=0.0, tokens_per_second=None, jitter=0.0)


@dataclass(frozen=True)
class Call:
    """One request as the simulated model saw it."""

    schema: str
    messages: tuple[dict, ...]
    prompt_tokens: int
    completion_tokens: int
    service: float  # seconds the model spent answering (the simulated latency)
    queued: float  # seconds waiting for a free slot (0 without a slot limit)
    started: float  # perf_counter when the request reached the stub
    finished: float


def estimate_tokens(text: str) -> int:
    """The stub's own usage estimate (4 characters a token), so both sides count alike."""
    return max(1, math.ceil(len(text) / 4)) if text else 0


def schema_name(body: dict) -> str:
    try:
        return body["response_format"]["json_schema"]["name"]
    except (KeyError, TypeError):
        return "(no schema)"


def reply_text(reply: Reply | dict | str) -> str:
    if isinstance(reply, Reply):
        return reply.refusal or reply.text or ""
    return json.dumps(reply) if isinstance(reply, dict) else str(reply)


class SimulatedModel:
    """Wraps a stub responder with latency and records every call; install with `install`."""

    def __init__(
        self,
        responder: Responder,
        latency: Latency = INSTANT,
        *,
        slots: int = 0,
        seed: int = 0,
    ) -> None:
        self.responder = responder
        self.latency = latency
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._slots: threading.Semaphore | None = threading.Semaphore(slots) if slots else None
        self._calls: list[Call] = []
        self._in_flight = 0
        self.peak_in_flight = 0

    def __call__(self, body: dict) -> Reply | dict | str:
        arrived = time.perf_counter()
        with self._lock:
            self._in_flight += 1
            self.peak_in_flight = max(self.peak_in_flight, self._in_flight)
        try:
            reply = self.responder(body)
            completion = estimate_tokens(reply_text(reply))
            with self._lock:
                delay = self.latency.seconds(completion, self._rng)
            slot: AbstractContextManager = self._slots or nullcontext()
            with slot:
                began = time.perf_counter()
                time.sleep(delay)
                finished = time.perf_counter()
        finally:
            with self._lock:
                self._in_flight -= 1
        call = Call(
            schema=schema_name(body),
            messages=tuple(body.get("messages", ())),
            prompt_tokens=estimate_tokens(json.dumps(body.get("messages", []))),
            completion_tokens=completion,
            service=finished - began,
            queued=began - arrived,
            started=arrived,
            finished=finished,
        )
        with self._lock:
            self._calls.append(call)
        return reply

    def take_calls(self) -> list[Call]:
        """The calls recorded since the last take, and a fresh start for the next phase."""
        with self._lock:
            calls, self._calls = self._calls, []
            self.peak_in_flight = self._in_flight
            return calls
