"""Start the real app as a subprocess on a free loopback port, and stop it (and its children)."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
START_TIMEOUT = 30.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def health(port: int) -> str | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as reply:
            return reply.read().decode()
    except OSError:
        return None


def wait_until_healthy(process: subprocess.Popen, port: int, log: Path) -> float:
    """Seconds until /_stcore/health said ok; fails with the server's own output otherwise."""
    started = time.monotonic()
    while time.monotonic() - started < START_TIMEOUT:
        if process.poll() is not None:
            raise AssertionError(f"the app exited ({process.returncode}):\n{log.read_text()}")
        if health(port) == "ok":
            return time.monotonic() - started
        time.sleep(0.2)
    raise AssertionError(f"no 'ok' from the app within {START_TIMEOUT:.0f} s:\n{log.read_text()}")


@contextlib.contextmanager
def running(
    command: Sequence[str], port: int, env: Mapping[str, str], log: Path
) -> Iterator[float]:
    """Run `command` in its own process group; yields the start-up time in seconds."""
    with open(log, "wb") as output:
        process = subprocess.Popen(
            list(command),
            cwd=ROOT,
            env={**os.environ, **env},
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            yield wait_until_healthy(process, port, log)
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
