"""Start the real app as a subprocess on a free loopback port, and stop it (and its children)."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
START_TIMEOUT = 30.0
CHROMIUM_PATHS = ("/usr/lib/chromium/chromium", "/usr/lib/chromium-browser/chromium-browser")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def chromium() -> str:
    """The browser binary, or skip (fail under PARAPREP_REQUIRE_BROWSER=1) saying why.

    Chromium is Debian's package (its real binary, not the /usr/bin wrapper), driven by
    Playwright's Python API with executable_path: no browser is downloaded."""
    named = os.environ.get("PARAPREP_CHROMIUM")
    found = next(
        (p for p in ([named] if named else CHROMIUM_PATHS) if p and Path(p).is_file()), None
    )
    problem = None
    if found is None:
        problem = "Chromium is not installed (apt-get install chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            problem = "the playwright package is not installed (pip install -e '.[dev]')"
    if problem:
        if os.environ.get("PARAPREP_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{problem}, and PARAPREP_REQUIRE_BROWSER=1 requires the browser test")
        pytest.skip(problem)
    return found


@contextlib.contextmanager
def serving(folder: Path, env: Mapping[str, str]) -> Iterator[str]:
    """The real app (`streamlit run`) on a free loopback port with its own data folder; yields
    its URL. Keys go to a private file there, never to a real keyring."""
    port = free_port()
    command = [
        str(Path(sys.executable).parent / "streamlit"), "run", "app.py",
        "--server.address", "127.0.0.1", "--server.port", str(port),
        "--server.headless", "true",
    ]  # fmt: skip
    env = {
        "PARAPREP_DATA_DIR": str(folder / "data"),
        "PARAPREP_KEYRING": "file",
        "PARAPREP_OLLAMA_URL": "http://127.0.0.1:9/v1",  # nothing listens: no Ollama offered
        **env,
    }
    with running(command, port, env, folder / "server.log"):
        yield f"http://127.0.0.1:{port}"


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
