"""The stub is only worth having if the real clients accept it, so every test here goes through
openai / langchain-openai over real loopback HTTP. The fault tests also pin down which exception
each failure surfaces as on the pinned versions: the app maps exactly these to user messages, and a
dependency bump that changes them should fail here first."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import openai
import pydantic
import pytest
from langchain_core.exceptions import ModelRefusalError
from langchain_openai import ChatOpenAI
from pydantic import BaseModel
from stub_openai import MALFORMED_CONTENT, NO_REPLY_MESSAGE, Reply, StubServer

MESSAGES = [{"role": "user", "content": "Make a vocabulary card about frogs."}]
CARD = {"title": "Frogs", "words": ["tadpole", "amphibian"]}


class VocabCard(BaseModel):
    title: str
    words: list[str]


def sdk(stub: StubServer, *, max_retries: int = 0, timeout: float = 2.0) -> openai.OpenAI:
    return openai.OpenAI(
        base_url=stub.base_url, api_key="x", max_retries=max_retries, timeout=timeout
    )


def ask(stub: StubServer, **client_options: float) -> openai.types.chat.ChatCompletion:
    return sdk(stub, **client_options).chat.completions.create(
        model="stub-model", messages=MESSAGES
    )


def chat(stub: StubServer, *, timeout: float = 2.0) -> ChatOpenAI:
    return ChatOpenAI(
        base_url=stub.base_url, api_key="x", model="stub-model", timeout=timeout, max_retries=0
    )


def structured(stub: StubServer, *, timeout: float = 2.0):
    return chat(stub, timeout=timeout).with_structured_output(
        VocabCard, method="json_schema", strict=True
    )


# --- happy paths ------------------------------------------------------------------------------


def test_sdk_gets_enqueued_content_and_stub_records_request(stub):
    stub.enqueue("Hello, class!")

    completion = ask(stub)

    assert completion.choices[0].message.content == "Hello, class!"
    assert completion.choices[0].finish_reason == "stop"
    assert completion.usage.total_tokens > 0
    assert stub.requests[0]["messages"] == MESSAGES
    assert stub.requests[0]["model"] == "stub-model"
    assert stub.calls == 1


def test_langchain_structured_output_parses_dict_reply(stub):
    stub.enqueue(CARD)

    card = structured(stub).invoke("Make a vocabulary card about frogs.")

    assert card == VocabCard(**CARD)
    response_format = stub.requests[0]["response_format"]
    assert response_format["type"] == "json_schema"
    assert response_format["json_schema"]["name"] == "VocabCard"
    assert response_format["json_schema"]["strict"] is True


def test_responder_answers_by_schema_name_when_queue_is_empty(stub):
    def by_schema(body: dict) -> dict | str:
        name = body.get("response_format", {}).get("json_schema", {}).get("name")
        return CARD if name == "VocabCard" else "plain text"

    stub.set_responder(by_schema)

    assert structured(stub).invoke("frogs") == VocabCard(**CARD)
    assert ask(stub).choices[0].message.content == "plain text"


def test_queue_is_used_before_responder(stub):
    stub.set_responder(lambda body: "from responder")
    stub.enqueue("first", Reply(content="second"))

    answers = [ask(stub).choices[0].message.content for _ in range(3)]

    assert answers == ["first", "second", "from responder"]


def test_unscripted_request_fails_loudly(stub):
    with pytest.raises(openai.InternalServerError, match=NO_REPLY_MESSAGE):
        ask(stub)


def test_broken_responder_is_reported_not_swallowed(stub):
    stub.set_responder(lambda body: body["no such key"])

    with pytest.raises(openai.InternalServerError, match="responder raised KeyError"):
        ask(stub)


def test_streaming_returns_full_content_and_usage(stub):
    text = "Frogs start life as tadpoles and breathe with gills."
    stub.enqueue(Reply(content=text, completion_tokens=11))

    stream = sdk(stub).chat.completions.create(
        model="stub-model",
        messages=MESSAGES,
        stream=True,
        stream_options={"include_usage": True},
    )
    chunks = list(stream)

    pieces = [c.choices[0].delta.content or "" for c in chunks if c.choices]
    assert "".join(pieces) == text
    assert len([p for p in pieces if p]) > 1  # really split, so reassembly is exercised
    assert chunks[-1].usage.completion_tokens == 11
    assert stub.requests[0]["stream"] is True


def test_langchain_streaming_returns_full_content(stub):
    stub.enqueue("Tadpoles grow legs.")

    text = "".join(chunk.content for chunk in chat(stub).stream("frogs"))

    assert text == "Tadpoles grow legs."


def test_models_endpoint_lists_stub_model(stub):
    models = sdk(stub).models.list()

    assert "stub-model" in [m.id for m in models.data]
    assert stub.calls == 1
    assert stub.requests == []  # GET has no body to record


# --- faults: which exception each one becomes -------------------------------------------------


def test_malformed_json_content_breaks_structured_output(stub):
    stub.enqueue(MALFORMED_CONTENT)

    # openai's parse() validates with pydantic; neither it nor langchain wraps the error.
    with pytest.raises(pydantic.ValidationError, match="json_invalid"):
        structured(stub).invoke("frogs")


def test_content_of_wrong_shape_breaks_structured_output(stub):
    stub.enqueue({"title": 3})

    with pytest.raises(pydantic.ValidationError):
        structured(stub).invoke("frogs")


def test_malformed_http_body_surfaces_as_json_decode_error(stub):
    stub.enqueue(Reply(raw_body=b'{"id": "chatcmpl-1", "choices": ['))

    # Not an openai.APIError: the SDK lets json's ValueError through.
    with pytest.raises(json.JSONDecodeError):
        ask(stub)


def test_429_then_success_is_retried_by_sdk(stub):
    stub.enqueue(Reply(status=429, headers={"Retry-After": "0"}), "after retry")

    # Retry-After: 0 is not > 0, so the SDK falls back to its ~0.4-0.5 s backoff.
    completion = ask(stub, max_retries=1)

    assert completion.choices[0].message.content == "after retry"
    assert len(stub.requests) == 2


def test_429_without_retries_is_rate_limit_error(stub):
    stub.enqueue(Reply(status=429, headers={"Retry-After": "0"}))

    with pytest.raises(openai.RateLimitError) as caught:
        ask(stub)

    assert caught.value.body["code"] == "rate_limit_exceeded"


def test_500_is_internal_server_error(stub):
    stub.enqueue(Reply(status=500, content="boom"))

    with pytest.raises(openai.InternalServerError, match="boom"):
        ask(stub)


def test_delay_past_client_timeout_is_api_timeout_error(stub):
    stub.enqueue(Reply(content="too late", delay=1.5), "on time")

    started = time.monotonic()
    with pytest.raises(openai.APITimeoutError):
        ask(stub, timeout=0.5)

    assert time.monotonic() - started < 1.2
    # The handler still sleeping on the abandoned request must not stop the server answering.
    assert ask(stub).choices[0].message.content == "on time"


def test_length_finish_reason_raises_in_structured_output(stub):
    stub.enqueue(Reply(content=CARD, finish_reason="length"))

    # Raised even though the JSON is complete: parse() refuses any truncated completion.
    with pytest.raises(openai.LengthFinishReasonError):
        structured(stub).invoke("frogs")


def test_length_finish_reason_is_visible_to_plain_sdk_call(stub):
    stub.enqueue(Reply(content="Frogs are amphi", finish_reason="length"))

    choice = ask(stub).choices[0]

    assert choice.finish_reason == "length"
    assert choice.message.content == "Frogs are amphi"


def test_refusal_raises_in_structured_output(stub):
    stub.enqueue(Reply(refusal="I can't help with that."))

    with pytest.raises(ModelRefusalError, match="can't help"):
        structured(stub).invoke("frogs")


def test_refusal_reaches_sdk_with_null_content(stub):
    stub.enqueue(Reply(refusal="I can't help with that."))

    message = ask(stub).choices[0].message

    assert message.content is None
    assert message.refusal == "I can't help with that."


def test_connection_reset_is_api_connection_error(stub):
    stub.enqueue(Reply(reset=True))

    with pytest.raises(openai.APIConnectionError) as caught:
        ask(stub)

    assert not isinstance(caught.value, openai.APITimeoutError)
    assert stub.requests[0]["messages"] == MESSAGES  # recorded although never answered


@pytest.mark.parametrize(
    ("reply", "timeout", "sdk_error"),
    [
        (Reply(status=429, headers={"Retry-After": "0"}), 2.0, openai.RateLimitError),
        (Reply(status=500), 2.0, openai.InternalServerError),
        (Reply(reset=True), 2.0, openai.APIConnectionError),
        (Reply(content=CARD, delay=1.5), 0.5, openai.APITimeoutError),
    ],
    ids=["429", "500", "reset", "timeout"],
)
def test_langchain_wraps_transport_errors_as_subclasses_of_sdk_errors(
    stub, reply, timeout, sdk_error
):
    """langchain re-raises its own OpenAI*Error classes (also langchain_core ModelError), but
    they subclass the SDK's, so `except openai.X` keeps working with either client."""
    stub.enqueue(reply)

    with pytest.raises(sdk_error) as caught:
        structured(stub, timeout=timeout).invoke("frogs")

    assert type(caught.value).__module__ == "langchain_openai.chat_models.base"


# --- fault injection and latency --------------------------------------------------------------


def classify(client: openai.OpenAI) -> str:
    try:
        completion = client.chat.completions.create(model="stub-model", messages=MESSAGES)
    except openai.RateLimitError:
        return "429"
    except openai.InternalServerError:
        return "500"
    except openai.APIConnectionError:
        return "reset"
    return "malformed" if completion.choices[0].message.content == MALFORMED_CONTENT else "ok"


def test_fault_injection_is_deterministic_for_a_seed(stub):
    stub.set_faults(rate_429=0.1, rate_500=0.05, rate_malformed=0.05, rate_reset=0.05, seed=7)
    stub.set_responder(lambda body: "fine")

    client = sdk(stub)
    outcomes = Counter(classify(client) for _ in range(200))

    expected = {"429": 20, "500": 10, "malformed": 10, "reset": 10}  # rate x 200
    for fault, count in expected.items():
        assert abs(outcomes[fault] - count) <= count // 2 + 2, fault
    # Exact for seed 7: a change here means the fault sequence changed, not just the sample.
    assert outcomes == Counter({"ok": 140, "429": 25, "500": 12, "malformed": 11, "reset": 12})
    assert stub.fault_counts == outcomes - Counter({"ok": 140})
    assert len(stub.requests) == 200  # faulted requests are recorded too


def test_injected_429_carries_retry_after(stub):
    stub.set_faults(rate_429=1.0)

    with pytest.raises(openai.RateLimitError) as caught:
        ask(stub)

    assert caught.value.response.headers["retry-after"] == "1"
    assert caught.value.response.headers["retry-after-ms"] == "20"


def test_latency_is_simulated(stub):
    stub.set_latency(ttft=0.1, tokens_per_second=100)
    stub.enqueue(Reply(content="x", completion_tokens=20))  # 0.1 s + 20/100 s

    started = time.monotonic()
    ask(stub)

    assert 0.28 <= time.monotonic() - started < 1.0


def test_concurrent_requests_are_served_in_parallel(stub):
    """The app will fan out several generations at once; a serial stub would hide that."""
    stub.set_latency(ttft=0.3)
    stub.set_responder(lambda body: body["messages"][0]["content"])
    client = sdk(stub)

    def one(i: int) -> str:
        messages = [{"role": "user", "content": f"request {i}"}]
        completion = client.chat.completions.create(model="stub-model", messages=messages)
        return completion.choices[0].message.content

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=16) as pool:
        answers = list(pool.map(one, range(16)))

    assert answers == [f"request {i}" for i in range(16)]
    assert time.monotonic() - started < 1.5


def test_reset_state_forgets_script_faults_and_history(stub):
    stub.enqueue("left over")
    stub.set_faults(rate_500=1.0)
    with pytest.raises(openai.InternalServerError):
        ask(stub)

    stub.reset_state()

    assert (stub.calls, stub.requests, stub.fault_counts) == (0, [], Counter())
    stub.enqueue("fresh")
    assert ask(stub).choices[0].message.content == "fresh"


# --- lifecycle ----------------------------------------------------------------------------------


def test_close_joins_every_thread_even_mid_delay():
    before = set(threading.enumerate())
    server = StubServer()
    server.enqueue(Reply(content="never sent", delay=30))
    client = threading.Thread(target=lambda: _swallow(lambda: ask(server, timeout=5)))
    client.start()
    _wait_for(lambda: server.calls == 1)

    started = time.monotonic()
    server.close()
    client.join(timeout=5)

    assert time.monotonic() - started < 1.0
    assert set(threading.enumerate()) == before


def _swallow(fn) -> None:
    with contextlib.suppress(openai.APIError):
        fn()


def _wait_for(condition, timeout: float = 2.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.01)


# --- network guard ------------------------------------------------------------------------------


def test_guard_refuses_non_loopback_immediately():
    started = time.monotonic()
    with (
        socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock,
        pytest.raises(OSError, match=r"network disabled in tests: 10\.255\.255\.1"),
    ):
        sock.connect(("10.255.255.1", 9))

    assert time.monotonic() - started < 0.5


def test_guard_covers_create_connection_and_connect_ex():
    with pytest.raises(OSError, match="network disabled in tests"):
        socket.create_connection(("10.255.255.1", 9), timeout=0.5)
    with (
        socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock,
        pytest.raises(OSError, match="network disabled in tests"),
    ):
        sock.connect_ex(("10.255.255.1", 9))


def test_guard_refuses_real_api_through_the_sdk():
    client = openai.OpenAI(base_url="https://10.255.255.1/v1", api_key="x", max_retries=0)

    with pytest.raises(openai.APIConnectionError) as caught:
        client.models.list()

    assert "network disabled in tests: 10.255.255.1" in str(caught.value.__cause__)


def test_guard_allows_loopback():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        with socket.create_connection(listener.getsockname(), timeout=1):
            pass


def test_session_starts_without_real_credentials():
    assert "OPENAI_API_KEY" not in os.environ
    assert "OPENAI_BASE_URL" not in os.environ


def test_stub_env_points_configuration_at_stub(stub_env):
    assert os.environ["OPENAI_BASE_URL"] == stub_env.base_url
    stub_env.enqueue("configured")

    completion = openai.OpenAI(max_retries=0).chat.completions.create(
        model=os.environ["PARAPREP_MODEL"], messages=MESSAGES
    )

    assert completion.choices[0].message.content == "configured"
    assert stub_env.requests[0]["model"] == "stub-model"
