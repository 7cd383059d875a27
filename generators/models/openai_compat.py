"""Any OpenAI-compatible chat model (OpenAI, Ollama, vLLM, LM Studio, gateways) via LangChain.

Structured output uses the provider's strict JSON schema, so every reply is parsed straight into
the pydantic model the generator asked for. Transient HTTP faults (429, 5xx, connection errors,
timeouts) are retried by the OpenAI SDK itself, with backoff and Retry-After: retrying again here
would multiply the waits. What the SDK cannot fix, a reply that does not fit the schema, is
re-asked here with the validation message, the way instructor does.
"""

from __future__ import annotations

import json
import threading
import time

import openai
from langchain_core.exceptions import ModelRefusalError, OutputParserException
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from langchain_openai import ChatOpenAI
from pydantic import ValidationError

from generators.domain.common import EngineInfo
from generators.errors import ModelError
from generators.models import deadline, stopping
from generators.models.address import host_port
from generators.models.base import Message, T, Usage

DEFAULT_MODEL = "gpt-4o-mini"
DEFAULT_TIMEOUT = 60.0
DEFAULT_MAX_RETRIES = 4  # 5 attempts: a school API at 15% transient faults still delivers
DEFAULT_VALIDATION_RETRIES = 2
DEFAULT_MAX_CONCURRENT_CALLS = 8
MIN_REPLY_TOKENS = 4096  # a six-student group plan runs to about 3,000 tokens
MAX_REPLY_TOKENS = 16384

_slots_lock = threading.Lock()
_slots: dict[int, threading.BoundedSemaphore] = {}


def call_slots(limit: int) -> threading.BoundedSemaphore:
    """One process-wide gate per limit: every packet, CLI run and app session shares it.

    Without it, 20 packets put 80 requests in flight; a server that answers a few at a time
    (Ollama, a small vLLM) then keeps the late ones queued past their timeout. Waiting here
    instead means each call's timeout starts when it is actually sent, and waiters are woken
    in arrival order, so the first packets finish first.
    """
    with _slots_lock:
        return _slots.setdefault(limit, threading.BoundedSemaphore(limit))


class OpenAICompatibleModel:
    def __init__(
        self,
        model: str = DEFAULT_MODEL,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        validation_retries: int = DEFAULT_VALIDATION_RETRIES,
        temperature: float | None = 0.3,
        max_concurrent_calls: int = DEFAULT_MAX_CONCURRENT_CALLS,
    ) -> None:
        self.base_url = base_url
        self.timeout = timeout
        self.validation_retries = validation_retries
        self.slots = call_slots(max_concurrent_calls)
        self.usage = Usage()
        self.info = EngineInfo(kind="model", label=describe(model, base_url), model=model)
        self._http = deadline.http_client(timeout)
        self._chat = ChatOpenAI(
            model=model,
            api_key=api_key or "not-needed",  # local servers such as Ollama ignore the key
            base_url=base_url,
            timeout=deadline.timeouts(timeout),
            max_retries=max_retries,
            temperature=temperature,
            http_client=self._http,
            # httpx's own proxy detection (a school's HTTP(S)_PROXY), and no warning printed
            # about langchain's keep-alive transport replacing it
            http_socket_options=(),
        )
        stopping.on_stop(self._http)  # Ctrl-C: calls in flight end now, not at the deadline

    def generate(self, messages: list[Message], output: type[T]) -> T:
        """Ask for `output`; re-ask with the validation error when the reply does not fit."""
        sized = self._chat.model_copy(update={"max_tokens": reply_budget(messages)})
        chat = sized.with_structured_output(
            output, method="json_schema", strict=True, include_raw=True
        )
        history: list[BaseMessage] = [to_langchain(message) for message in messages]
        for attempt in range(self.validation_retries + 1):
            parsed, raw_content, error = self._ask(chat, history)
            if error is None and isinstance(parsed, output):
                return parsed
            if isinstance(error, ModelRefusalError | openai.OpenAIError):
                raise ModelError(
                    explain(error, self.base_url, self.timeout)
                )  # re-asking won't help
            self.usage.add_schema_failure()
            if attempt == self.validation_retries:
                raise ModelError(
                    f"The model's answer did not fit the expected form after "
                    f"{attempt + 1} tries ({summarise(error)}). Try again, or use a larger model."
                )
            if raw_content:
                history.append(AIMessage(content=raw_content))
            history.append(
                HumanMessage(
                    content="Your reply did not match the required JSON schema: "
                    f"{summarise(error)}. Reply again with JSON that matches the schema exactly."
                )
            )
        raise AssertionError("unreachable")  # pragma: no cover

    def _ask(self, chat, history: list[BaseMessage]) -> tuple[object, str, object]:
        """One call: (parsed, raw text, schema error or None). Provider faults raise ModelError.

        Depending on where parsing fails, LangChain either reports a schema problem in
        `parsing_error` or raises it (malformed JSON raises a pydantic ValidationError from
        inside the client); both are the model's mistake and worth one more try.
        """
        if stopping.is_stopped():
            raise stopping.Stopped("stopped")
        started = time.monotonic()
        try:
            with self.slots:
                started = time.monotonic()  # the deadline runs from sending, not queueing
                result = chat.invoke(history)
        except json.JSONDecodeError as error:  # the HTTP body itself: a model's bad JSON is a
            raise ModelError(not_the_api(self.base_url)) from error  # ValidationError instead
        except (ValidationError, OutputParserException) as error:
            self.usage.add()
            return None, "", error
        except (openai.LengthFinishReasonError, ModelRefusalError) as error:
            self.usage.add()
            raise ModelError(explain(error, self.base_url, self.timeout)) from error
        except ValueError as error:  # LangChain: a reply with neither content nor refusal
            if isinstance(error, openai.OpenAIError):
                raise ModelError(explain(error, self.base_url, self.timeout)) from error
            self.usage.add()
            return None, "", error
        except (AttributeError, TypeError, KeyError) as error:  # a 200 that is not the API's JSON
            raise ModelError(not_the_api(self.base_url)) from error
        except Exception as error:  # every provider failure becomes one clear user message
            if stopping.is_stopped():
                raise stopping.Stopped("stopped") from error
            waited = time.monotonic() - started
            raise ModelError(explain(error, self.base_url, self.timeout, waited)) from error
        raw = result["raw"]
        self._count(raw)
        return result["parsed"], str(getattr(raw, "content", "") or ""), result["parsing_error"]

    def _count(self, raw: object) -> None:
        usage = getattr(raw, "usage_metadata", None) or {}
        self.usage.add(usage.get("input_tokens", 0), usage.get("output_tokens", 0))


def to_langchain(message: Message) -> BaseMessage:
    kinds = {"system": SystemMessage, "user": HumanMessage, "assistant": AIMessage}
    return kinds[message.role](content=message.content)


def describe(model: str, base_url: str | None) -> str:
    """Name the engine for the teacher copy: the model and where it runs, never the key."""
    return f"AI model {model} at {host_port(base_url)}"


def summarise(error: object) -> str:
    if isinstance(error, ValidationError):
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "reply"
        return f"{where}: {first['msg']}"
    text = " ".join(str(error).split())
    return text[:300] if text else "no usable JSON in the reply"


def reply_budget(messages: list[Message]) -> int:
    """max_tokens sized to the request: twice the prompt (a rewrite is about as long as its
    source) plus room for the structured parts, never under what a full plan or quiz needs,
    never a runaway reply (a 5 MB "passage" stops near 64 KB)."""
    prompt_tokens = sum(len(message.content) for message in messages) // 4
    return max(MIN_REPLY_TOKENS, min(MAX_REPLY_TOKENS, prompt_tokens * 2 + 2048))


def not_the_api(base_url: str | None) -> str:
    return (
        f"The server at {host_port(base_url)} did not answer like an OpenAI-compatible API (its "
        "reply was not the JSON such an API sends; a login page or proxy may be in the way): "
        "check OPENAI_BASE_URL, which usually ends in /v1."
    )


def explain(
    error: Exception, base_url: str | None, timeout: float, waited: float | None = None
) -> str:
    """Turn a provider exception into one line a teacher's IT person can act on."""
    where = host_port(base_url)
    if isinstance(error, openai.APITimeoutError):
        spent = f" (waited {waited:.1f} s in all, with retries)" if waited is not None else ""
        return (
            f"The model at {where} did not answer within {timeout:g} s per try{spent}. "
            "Try again later."
        )
    if isinstance(error, openai.APIResponseValidationError):
        return not_the_api(base_url)
    if isinstance(error, openai.APIConnectionError):
        return f"Could not reach the model server at {where}: check OPENAI_BASE_URL and the server."
    if isinstance(error, openai.AuthenticationError):
        return "The model server refused the API key: check OPENAI_API_KEY."
    if isinstance(error, openai.PermissionDeniedError):
        return "The API key is not allowed to use this model: check the account or PARAPREP_MODEL."
    if isinstance(error, openai.NotFoundError):
        return f"The model server at {where} does not know this model: check PARAPREP_MODEL."
    if isinstance(error, openai.RateLimitError):
        return (
            "The model server is rate-limiting requests (429) even after retries. Wait and retry."
        )
    if isinstance(error, openai.LengthFinishReasonError):
        return "The model's answer was cut off (too long for its limit). Try fewer questions."
    if isinstance(error, openai.ContentFilterFinishReasonError | ModelRefusalError):
        return "The model refused this request. Check the source text, or try another model."
    if isinstance(error, openai.BadRequestError):
        return f"The model server rejected the request: {summarise(error)}"
    if isinstance(error, openai.APIStatusError):
        return (
            f"The model server failed (HTTP {error.status_code}) even after retries. Retry later."
        )
    if isinstance(error, OutputParserException | ValueError):
        return f"The model's answer could not be read: {summarise(error)}"
    return f"The model call failed: {type(error).__name__}: {summarise(error)}"
