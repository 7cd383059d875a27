"""One packet's view of a model: replies checked beyond their schema, a deadline for the packet,
and a stop that cancels every call still to come.

A reply can fit its JSON schema and still be unusable: a passage with no complete sentence has
no prose to measure, a passage ten times its source's length is not a rewrite. Such a reply is
re-asked with the problem in words, exactly like a schema failure, and after the retries the
call fails with a ModelError, which the generators turn into one failed level, never a failed
packet. The packet deadline stops a packet from waiting on call after call: each call has its
own deadline (generators.models.deadline), and the whole packet gets a few calls' worth.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping

from pydantic import BaseModel

from generators.errors import ModelError
from generators.models.base import Message, Model, T
from generators.models.stopping import Stopped, is_stopped

Check = Callable[[BaseModel], str | None]  # a problem to tell the model, or None when usable
CHECK_RETRIES = 2
PACKET_CALLS = 6  # a packet may wait as long as this many calls' deadlines, in total


class PacketModel:
    """Wraps any Model for one packet; `generate` has the same contract as the model's."""

    def __init__(
        self,
        model: Model,
        checks: Mapping[type, Check] | None = None,
        deadline: float | None = None,
        started: float | None = None,
    ) -> None:
        self.model = model
        self.checks = dict(checks or {})
        self.deadline = deadline
        self.started = time.monotonic() if started is None else started

    @property
    def info(self):
        return self.model.info

    @property
    def usage(self):
        return self.model.usage

    def with_checks(self, checks: Mapping[type, Check]) -> PacketModel:
        """The same packet (same deadline) with more reply checks."""
        return PacketModel(self.model, {**self.checks, **checks}, self.deadline, self.started)

    def generate(self, messages: list[Message], output: type[T]) -> T:
        history = list(messages)
        check = self.checks.get(output)
        for attempt in range(CHECK_RETRIES + 1):
            self._check_time()
            reply = self.model.generate(history, output)
            problem = check(reply) if check else None
            if problem is None:
                return reply
            self.usage.add_schema_failure()
            if attempt == CHECK_RETRIES:
                raise ModelError(
                    f"The model's answer did not pass its checks after {attempt + 1} tries "
                    f"({problem}). Try again, or use a larger model."
                )
            history += [
                Message("assistant", reply.model_dump_json()),
                Message("user", f"Your reply could not be used: {problem}. Reply again with "
                        "JSON that matches the schema and fixes this."),
            ]  # fmt: skip
        raise AssertionError("unreachable")  # pragma: no cover

    def _check_time(self) -> None:
        if is_stopped():
            raise Stopped("stopped")
        waited = time.monotonic() - self.started
        if self.deadline is not None and waited > self.deadline:
            raise ModelError(
                f"The packet's time limit ran out: waited {waited:.0f} s in total (the limit is "
                f"{self.deadline:.0f} s), so this part was not written. Try again later, or "
                "set PARAPREP_TIMEOUT higher."
            )


def for_packet(model: Model) -> Model:
    """The model as one packet should use it: offline engines pass through unchanged."""
    if isinstance(model, PacketModel) or not model.info.is_ai:
        return model
    seconds = getattr(model, "timeout", None)
    return PacketModel(model, deadline=seconds * PACKET_CALLS if seconds else None)


def with_checks(model: Model, checks: Mapping[type, Check]) -> Model:
    """Add reply checks for this packet; an offline engine never replies, so needs none."""
    if isinstance(model, PacketModel):
        return model.with_checks(checks)
    if not model.info.is_ai:
        return model
    return PacketModel(model, checks)
