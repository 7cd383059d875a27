"""Measuring how many model requests overlap at the stub, to prove (or bound) concurrency."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class Overlap:
    """Wraps a stub responder: each counted request takes `seconds`, and `peak` records the
    most counted requests in progress at once."""

    def __init__(self, responder: Callable[[dict], object], seconds: float,
                 counted: Callable[[dict], bool] = lambda body: True) -> None:  # fmt: skip
        self.responder, self.seconds, self.counted = responder, seconds, counted
        self.active = self.peak = 0
        self.lock = threading.Lock()

    def __call__(self, body: dict) -> object:
        if not self.counted(body):
            return self.responder(body)
        with self.lock:
            self.active += 1
            self.peak = max(self.peak, self.active)
        time.sleep(self.seconds)
        with self.lock:
            self.active -= 1
        return self.responder(body)
