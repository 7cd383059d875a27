"""Stopping a run on Ctrl-C: pending calls cancelled, calls in flight cut, out within 2 s.

A worksheet waits on model calls in worker threads. Python delivers Ctrl-C to the main thread
only, and a thread pool then waits for its workers, so a hung call used to keep the CLI alive
for minutes. Here the SIGINT handler first closes every model HTTP client (calls in flight end
with an error at once) and refuses new calls, then raises KeyboardInterrupt as usual; a
watchdog makes sure the process is gone two seconds later even if something still hangs.
Files already written are complete: each is written whole before the next call starts.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import weakref
from collections.abc import Iterator

from generators.errors import ModelError

STOPPED_MESSAGE = "stopped."
GRACE_SECONDS = 1.5

_stopped = threading.Event()
_announced = threading.Event()
_closables: weakref.WeakSet = weakref.WeakSet()  # HTTP clients with calls that may be in flight
_closables_lock = threading.Lock()


class Stopped(ModelError):
    """The user stopped the run (Ctrl-C): no further call is made."""


def stop_all() -> None:
    """Cancel every call in flight and refuse new ones."""
    _stopped.set()
    with _closables_lock:
        closables = list(_closables)
    for closable in closables:
        try:
            closable.close()
        except Exception:  # stopping must go on whatever one client does
            continue


def resume() -> None:
    """Allow calls again (a new run in the same process, as tests do)."""
    _stopped.clear()
    _announced.clear()


def on_stop(closable: object) -> None:
    """Register a client whose `close()` aborts its calls in flight (held weakly)."""
    with _closables_lock:
        _closables.add(closable)


def is_stopped() -> bool:
    return _stopped.is_set()


def announce() -> None:
    """Say "stopped" once, whoever gets there first (the CLI or the watchdog)."""
    if not _announced.is_set():
        _announced.set()
        print(f"error: {STOPPED_MESSAGE}", file=sys.stderr, flush=True)


def _exit_now() -> None:
    announce()
    os._exit(130)


def _on_sigint(signum: int, frame: object) -> None:
    stop_all()
    watchdog = threading.Timer(GRACE_SECONDS, _exit_now)
    watchdog.daemon = True
    watchdog.start()
    raise KeyboardInterrupt


@contextlib.contextmanager
def stop_on_interrupt() -> Iterator[None]:
    """Within this block (the CLI's run), Ctrl-C stops every model call and exits within 2 s."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, _on_sigint)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
