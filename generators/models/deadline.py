"""A total deadline for each HTTP call to a model server: connect, first byte and whole reply.

httpx's timeouts are per operation: a read timeout of 60 s is met by a server that sends one
byte a second forever. The transport here starts a clock when a request is sent and checks it
after every chunk of the reply, so a dripping server is cut off at the deadline; a silent one
trips the read timeout, which is set to the same deadline. The SDK then sees an ordinary
timeout (and retries it like one), and the user is told the real time waited.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx2

CONNECT_SECONDS = 10.0


class DeadlineExceeded(httpx2.ReadTimeout):
    """The whole reply did not arrive within the call's deadline."""


class _DeadlineStream(httpx2.SyncByteStream):
    def __init__(self, stream: httpx2.SyncByteStream, started: float, seconds: float) -> None:
        self._stream = stream
        self._started = started
        self._seconds = seconds

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._stream:
            if time.monotonic() - self._started > self._seconds:
                self.close()
                raise DeadlineExceeded(f"no complete reply within {self._seconds:g} s")
            yield chunk

    def close(self) -> None:
        self._stream.close()


class DeadlineTransport(httpx2.HTTPTransport):
    """An HTTP transport whose every request must be answered in full within `seconds`."""

    def __init__(self, seconds: float, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.seconds = seconds

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        started = time.monotonic()
        response = super().handle_request(request)
        if time.monotonic() - started > self.seconds:
            response.close()
            raise DeadlineExceeded(f"no reply within {self.seconds:g} s", request=request)
        response.stream = _DeadlineStream(response.stream, started, self.seconds)
        return response


def timeouts(seconds: float) -> httpx2.Timeout:
    """Per-operation limits inside the total: connecting never takes the whole budget."""
    return httpx2.Timeout(seconds, connect=min(CONNECT_SECONDS, seconds))


def http_client(seconds: float) -> httpx2.Client:
    """The client the OpenAI SDK sends through (trust_env keeps proxies and NO_PROXY working)."""
    return httpx2.Client(
        transport=DeadlineTransport(seconds, trust_env=True),
        timeout=timeouts(seconds),
        follow_redirects=True,
    )
