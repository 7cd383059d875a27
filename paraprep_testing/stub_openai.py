"""An OpenAI-compatible HTTP server on loopback, for tests.

openai 3.x sends through httpx2, which respx cannot intercept, so tests talk to a real server
instead: the clients then run their true code paths (retries, timeouts, streaming, parsing).
Standard library only, so the stub cannot drift with the dependencies it is testing.

Typical use::

    with StubServer() as stub:
        stub.enqueue(Reply(status=429, headers={"Retry-After": "0"}), {"title": "Frogs"})
        client = openai.OpenAI(base_url=stub.base_url, api_key="x")
        ...
        assert "Ana" not in json.dumps(stub.requests)
"""

from __future__ import annotations

import contextlib
import json
import math
import random
import socket
import socketserver
import struct
import sys
import threading
import time
import uuid
from collections import Counter, deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

NO_REPLY_MESSAGE = "stub: no reply scripted"
MALFORMED_CONTENT = '{"title": "Truncated answer", "items": [{"text": '
MODELS = ("stub-model", "gpt-4o-mini")

_CLIENT_GONE = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError)
_ERROR_KINDS = {
    400: ("invalid_request_error", "bad_request"),
    401: ("invalid_request_error", "invalid_api_key"),
    403: ("invalid_request_error", "forbidden"),
    404: ("invalid_request_error", "not_found"),
    408: ("timeout", "timeout"),
    429: ("requests", "rate_limit_exceeded"),
    500: ("server_error", "internal_error"),
    502: ("server_error", "bad_gateway"),
    503: ("server_error", "service_unavailable"),
}


@dataclass
class Reply:
    """One scripted answer; the defaults are a plain successful completion."""

    content: str | dict | None = None
    status: int = 200
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)
    finish_reason: str = "stop"
    refusal: str | None = None
    raw_body: bytes | None = None
    reset: bool = False
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    drip: float = 0.0  # seconds between single bytes of the body: a server that never times out
    content_type: str = "application/json"  # e.g. "text/html" with raw_body: a captive portal

    @property
    def text(self) -> str | None:
        """The content as the wire carries it: models answer structured output as a JSON string."""
        if isinstance(self.content, dict):
            return json.dumps(self.content)
        return self.content


def _as_reply(item: Reply | dict | str) -> Reply:
    return item if isinstance(item, Reply) else Reply(content=item)


def _estimate_tokens(text: str) -> int:
    return max(1, math.ceil(len(text) / 4)) if text else 0


def _error_body(status: int, message: str) -> dict:
    kind, code = _ERROR_KINDS.get(status, ("server_error" if status >= 500 else "api_error", None))
    return {"error": {"message": message, "type": kind, "param": None, "code": code}}


def _split(text: str, parts: int = 3) -> list[str]:
    """Cuts the content into a few pieces so clients must reassemble a stream, as in real life."""
    size = max(1, math.ceil(len(text) / parts))
    return [text[i : i + size] for i in range(0, len(text), size)]


@dataclass
class _Faults:
    rate_429: float = 0.0
    rate_500: float = 0.0
    rate_malformed: float = 0.0
    rate_reset: float = 0.0
    rng: random.Random = field(default_factory=lambda: random.Random(0))

    def draw(self) -> str | None:
        """One draw per request, so the faults served depend only on the seed and the number of
        requests (with concurrent clients, which request meets which fault may vary)."""
        if not (self.rate_429 or self.rate_500 or self.rate_malformed or self.rate_reset):
            return None
        roll = self.rng.random()
        for kind, rate in (
            ("429", self.rate_429),
            ("500", self.rate_500),
            ("malformed", self.rate_malformed),
            ("reset", self.rate_reset),
        ):
            if roll < rate:
                return kind
            roll -= rate
        return None


@dataclass
class _Latency:
    ttft: float = 0.0
    tokens_per_second: float | None = None
    jitter: float = 0.0
    rng: random.Random = field(default_factory=lambda: random.Random(0))

    def draw(self, completion_tokens: int) -> tuple[float, float]:
        """Returns (time to first token, time for the rest), both scaled by one jitter factor."""
        factor = 1.0 + self.rng.uniform(-self.jitter, self.jitter) if self.jitter else 1.0
        generation = completion_tokens / self.tokens_per_second if self.tokens_per_second else 0.0
        return max(0.0, self.ttft * factor), max(0.0, generation * factor)


_FAULT_REPLIES = {
    # Like OpenAI: a whole-second Retry-After plus a precise retry-after-ms, which the SDK prefers.
    "429": lambda: Reply(
        status=429,
        content="stub: rate limited",
        headers={"Retry-After": "1", "retry-after-ms": "20"},
    ),
    "500": lambda: Reply(status=500, content="stub: injected server error"),
    "malformed": lambda: Reply(content=MALFORMED_CONTENT),
    "reset": lambda: Reply(reset=True),
}


class StubServer:
    """Scripted OpenAI endpoint; a reply comes from injected faults, then the queue, then the
    responder, else a 500 that names the missing script so the test fails loudly."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._closing = threading.Event()
        self._connections: set[socket.socket] = set()
        self.reset_state()
        self._httpd = _HTTPServer(self)
        host, port = self._httpd.server_address[:2]
        self.base_url = f"http://{host}:{port}/v1"
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.02},
            name=f"stub-openai-{port}",
            daemon=True,
        )
        self._thread.start()

    # --- scripting -------------------------------------------------------------------------

    def enqueue(self, *replies: Reply | dict | str) -> None:
        with self._lock:
            self._queue.extend(_as_reply(r) for r in replies)

    def set_responder(self, fn: Callable[[dict], Reply | dict | str] | None) -> None:
        with self._lock:
            self._responder = fn

    def set_faults(
        self,
        *,
        rate_429: float = 0.0,
        rate_500: float = 0.0,
        rate_malformed: float = 0.0,
        rate_reset: float = 0.0,
        seed: int = 0,
    ) -> None:
        if rate_429 + rate_500 + rate_malformed + rate_reset > 1.0:
            raise ValueError("fault rates add up to more than 1")
        with self._lock:
            self._faults = _Faults(
                rate_429, rate_500, rate_malformed, rate_reset, random.Random(seed)
            )

    def set_latency(
        self,
        ttft: float = 0.0,
        tokens_per_second: float | None = None,
        jitter: float = 0.0,
        seed: int = 0,
    ) -> None:
        with self._lock:
            self._latency = _Latency(ttft, tokens_per_second, jitter, random.Random(seed))

    def reset_state(self) -> None:
        """Forgets scripts, faults, latency and history, so one server can serve several phases."""
        with self._lock:
            self._queue: deque[Reply] = deque()
            self._responder: Callable[[dict], Reply | dict | str] | None = None
            self._faults = _Faults()
            self._latency = _Latency()
            self._requests: list[dict] = []
            self._calls = 0
            self._fault_counts: Counter[str] = Counter()

    # --- inspection ------------------------------------------------------------------------

    @property
    def requests(self) -> list[dict]:
        """A snapshot, so a test can iterate while client threads are still sending."""
        with self._lock:
            return list(self._requests)

    @property
    def calls(self) -> int:
        """Every HTTP request received, on any path (requests holds only the POST bodies)."""
        with self._lock:
            return self._calls

    @property
    def fault_counts(self) -> Counter[str]:
        """How many of each injected fault were served: keys "429", "500", "malformed", "reset"."""
        with self._lock:
            return Counter(self._fault_counts)

    # --- lifecycle -------------------------------------------------------------------------

    def close(self) -> None:
        """Wakes sleeping handlers and drops open connections first, so close never waits on
        a scripted delay or a client that keeps its socket open."""
        if self._closing.is_set():
            return
        self._closing.set()
        with self._lock:
            connections = list(self._connections)
        for conn in connections:
            _quietly(conn.shutdown, socket.SHUT_RDWR)
        self._httpd.shutdown()
        self._httpd.server_close()  # joins the handler threads
        self._thread.join(timeout=5)

    def __enter__(self) -> StubServer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- used by the handler ---------------------------------------------------------------

    def _record(self, body: dict | None) -> None:
        with self._lock:
            self._calls += 1
            if body is not None:
                self._requests.append(body)

    def _next_reply(self, body: dict) -> Reply:
        with self._lock:
            fault = self._faults.draw()
            if fault:
                self._fault_counts[fault] += 1
                return _FAULT_REPLIES[fault]()
            if self._queue:
                return self._queue.popleft()
            responder = self._responder
        if responder is None:
            return Reply(status=500, content=NO_REPLY_MESSAGE)
        try:
            return _as_reply(responder(body))
        except Exception as error:  # the test's bug; show it rather than drop the connection
            return Reply(status=500, content=f"stub: responder raised {error!r}")

    def _latency_for(self, completion_tokens: int) -> tuple[float, float]:
        with self._lock:
            return self._latency.draw(completion_tokens)

    def _sleep(self, seconds: float) -> bool:
        """Sleeps unless the server closes meanwhile; False means stop answering."""
        return seconds <= 0 or not self._closing.wait(seconds)

    def _track(self, conn: socket.socket, active: bool) -> None:
        with self._lock:
            (self._connections.add if active else self._connections.discard)(conn)


class _HTTPServer(ThreadingHTTPServer):
    # Handler threads are daemons yet still joined by server_close (block_on_close is True).
    daemon_threads = True
    request_queue_size = 128  # the default 5 makes bursts of parallel clients wait on SYN retries

    def __init__(self, stub: StubServer) -> None:
        self.stub = stub
        super().__init__(("127.0.0.1", 0), _Handler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind does a reverse DNS lookup (getfqdn); tests must not wait on DNS.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that gives up (timeout, reset) is expected in these tests; a stub bug is not.
        if not isinstance(sys.exc_info()[1], (*_CLIENT_GONE, TimeoutError)):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "StubOpenAI/1.0"
    timeout = 10  # bounds a read from a client that never finishes its request
    server: _HTTPServer

    def setup(self) -> None:
        super().setup()
        self.server.stub._track(self.connection, active=True)

    def finish(self) -> None:
        self.server.stub._track(self.connection, active=False)
        _quietly(super().finish)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep pytest output clean; the stub's history is in .requests

    # --- routing ---------------------------------------------------------------------------

    def do_GET(self) -> None:
        self.server.stub._record(None)
        self._guard(self._get)

    def do_POST(self) -> None:
        body = self._read_json()
        self.server.stub._record(body)
        self._guard(lambda: self._post(body))

    def _guard(self, action: Callable[[], None]) -> None:
        self.close_connection = True  # one request per connection keeps shutdown simple
        with contextlib.suppress(_CLIENT_GONE):
            action()

    def _get(self) -> None:
        if self.path.rstrip("/") != "/v1/models":
            self._send_json(404, _error_body(404, f"stub: unknown path {self.path}"))
            return
        models = [{"id": m, "object": "model", "created": 0, "owned_by": "stub"} for m in MODELS]
        self._send_json(200, {"object": "list", "data": models})

    def _post(self, body: dict) -> None:
        if self.path.rstrip("/") != "/v1/chat/completions":
            self._send_json(404, _error_body(404, f"stub: unknown path {self.path}"))
            return
        reply = self.server.stub._next_reply(body)
        if not self.server.stub._sleep(reply.delay):
            return
        if reply.reset:
            self._reset()
        elif reply.raw_body is not None:
            self._send_bytes(reply.status, reply.raw_body, reply.headers, reply)
        elif reply.status != 200:
            self._send_error(reply)
        elif body.get("stream"):
            self._send_stream(body, reply)
        else:
            self._send_completion(body, reply)

    # --- request ---------------------------------------------------------------------------

    def _read_json(self) -> dict:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            parsed = json.loads(raw or b"{}")
        except ValueError:
            return {"_unparsed_body": raw.decode("utf-8", "replace")}
        return parsed if isinstance(parsed, dict) else {"_body": parsed}

    # --- replies ---------------------------------------------------------------------------

    def _send_error(self, reply: Reply) -> None:
        if isinstance(reply.content, dict):
            payload = reply.content  # a test crafting the exact error body
        else:
            payload = _error_body(reply.status, reply.content or f"stub: HTTP {reply.status}")
        self._send_json(reply.status, payload, reply.headers)

    def _send_completion(self, body: dict, reply: Reply) -> None:
        usage = _usage(body, reply)
        ttft, rest = self.server.stub._latency_for(usage["completion_tokens"])
        if not self.server.stub._sleep(ttft + rest):
            return
        message = {
            "role": "assistant",
            "content": None if reply.refusal else reply.text,
            "refusal": reply.refusal,
        }
        completion = _envelope(body, "chat.completion")
        completion["choices"] = [
            {"index": 0, "message": message, "logprobs": None, "finish_reason": reply.finish_reason}
        ]
        completion["usage"] = usage
        self._send_bytes(200, json.dumps(completion).encode(), reply.headers, reply)

    def _send_stream(self, body: dict, reply: Reply) -> None:
        usage = _usage(body, reply)
        ttft, rest = self.server.stub._latency_for(usage["completion_tokens"])
        if not self.server.stub._sleep(ttft):
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self._send_common_headers(reply.headers)
        self.end_headers()
        chunks = list(_stream_chunks(body, reply, usage))
        pause = rest / max(1, len(chunks) - 1)
        for i, chunk in enumerate(chunks):
            if i and not self.server.stub._sleep(pause):
                return
            self.wfile.write(b"data: " + json.dumps(chunk).encode() + b"\n\n")
        self.wfile.write(b"data: [DONE]\n\n")

    def _reset(self) -> None:
        """SO_LINGER 0 makes close() send RST: the client sees a reset, not a clean EOF."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()

    def _send_json(self, status: int, payload: dict, headers: dict[str, str] | None = None) -> None:
        self._send_bytes(status, json.dumps(payload).encode(), headers or {})

    def _send_bytes(
        self, status: int, data: bytes, headers: dict[str, str], reply: Reply | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", reply.content_type if reply else "application/json")
        self.send_header("Content-Length", str(len(data)))
        self._send_common_headers(headers)
        self.end_headers()
        if reply is None or not reply.drip:
            self.wfile.write(data)
            return
        for index in range(len(data)):  # one byte at a time, flushed, until the client leaves
            if not self.server.stub._sleep(reply.drip):
                return
            self.wfile.write(data[index : index + 1])
            self.wfile.flush()

    def _send_common_headers(self, headers: dict[str, str]) -> None:
        self.send_header("Connection", "close")
        self.send_header("x-request-id", f"req_stub_{uuid.uuid4().hex[:12]}")
        for name, value in headers.items():
            self.send_header(name, value)


def _envelope(body: dict, kind: str, completion_id: str | None = None) -> dict:
    return {
        "id": completion_id or f"chatcmpl-stub{uuid.uuid4().hex[:16]}",
        "object": kind,
        "created": int(time.time()),
        "model": body.get("model") or MODELS[0],
        "system_fingerprint": "fp_stub",
    }


def _usage(body: dict, reply: Reply) -> dict[str, int]:
    prompt = reply.prompt_tokens
    if prompt is None:
        prompt = _estimate_tokens(json.dumps(body.get("messages", [])))
    completion = reply.completion_tokens
    if completion is None:
        completion = _estimate_tokens(reply.refusal or reply.text or "")
    return {
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "total_tokens": prompt + completion,
    }


def _stream_chunks(body: dict, reply: Reply, usage: dict[str, int]) -> Iterator[dict]:
    include_usage = bool((body.get("stream_options") or {}).get("include_usage"))
    completion_id = f"chatcmpl-stub{uuid.uuid4().hex[:16]}"  # one id for every chunk, as OpenAI

    def chunk(delta: dict, finish_reason: str | None = None) -> dict:
        envelope = _envelope(body, "chat.completion.chunk", completion_id)
        choice = {"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish_reason}
        return envelope | {"choices": [choice]} | ({"usage": None} if include_usage else {})

    yield chunk({"role": "assistant", "content": "", "refusal": None})
    key, text = ("refusal", reply.refusal) if reply.refusal else ("content", reply.text or "")
    for piece in _split(text):
        yield chunk({key: piece})
    yield chunk({}, reply.finish_reason)
    if include_usage:
        yield _envelope(body, "chat.completion.chunk", completion_id) | {
            "choices": [],
            "usage": usage,
        }


def _quietly(fn: Callable[..., object], *args: object) -> None:
    with contextlib.suppress(OSError):
        fn(*args)
