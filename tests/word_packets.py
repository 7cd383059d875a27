"""Render the packets of tests/kind_cases.py, offline or through the stub model, once per run.

Several test modules read the same documents (schema, fonts, page labels), so each packet is
generated once per path and kept for the session.
"""

from __future__ import annotations

import functools

import pytest
from kind_cases import CASES

from generators import api, registry
from generators.domain.common import RenderedDocument
from generators.models import from_env
from generators.models.openai_compat import OpenAICompatibleModel

Packet = tuple[str, list[RenderedDocument]]  # (label, documents)


def kind_names() -> list[str]:
    return [kind.name for kind in registry.kinds()]


def case_for(kind: str):
    if kind not in CASES:
        pytest.fail(
            f"Material kind '{kind}' has no entry in tests/kind_cases.py CASES: add its "
            "requests (and stub responder) so its documents are checked for Word."
        )
    return CASES[kind]


@functools.cache
def offline_packets(kind: str) -> tuple[Packet, ...]:
    case = case_for(kind)
    model = from_env("offline")
    return tuple(
        (label, api.render(api.generate(kind, request, model)))
        for label, request in case.requests(False)
    )


def model_packets(kind: str, stub) -> tuple[Packet, ...]:
    """Through the loopback stub (the test's `stub_env` fixture), with the kind's responder."""
    case = case_for(kind)
    if case.responder is None:
        pytest.skip(f"'{kind}' makes no model call: its offline documents are its only ones")
    stub.set_responder(case.responder())
    model = from_env()
    assert isinstance(model, OpenAICompatibleModel), "stub_env should configure the model path"
    return tuple(
        (label, api.render(api.generate(kind, request, model)))
        for label, request in case.requests(True)
    )
