"""Check that the configured model server answers, before anyone waits on a worksheet.

One GET {base_url}/models through the OpenAI SDK with a short timeout and no retries: it proves
the address, the key and (when the server lists it) the model name, and sends no student data.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from generators.errors import ModelError, ModelUnavailableError
from generators.models import is_configured
from generators.models.address import host_port

TEST_TIMEOUT = 5.0


class NoModelList(ModelError):
    """The server answered 404 for /models: most often the address lacks its /v1."""


@dataclass(frozen=True)
class ConnectionReport:
    base_url: str
    model: str
    models: tuple[str, ...]  # what the server lists (may be empty for some gateways)

    @property
    def model_listed(self) -> bool:
        return self.model in self.models

    @property
    def message(self) -> str:
        where = f"Connected to {self.base_url}"
        if not self.models:
            return f"{where}; it lists no models, so '{self.model}' could not be checked."
        if self.model_listed:
            return f"{where}; the model '{self.model}' is available."
        shown = ", ".join(self.models[:8]) + (" ..." if len(self.models) > 8 else "")
        return (
            f"{where}, but it does not list the model '{self.model}': check PARAPREP_MODEL. "
            f"It lists: {shown}."
        )


def check_connection(
    env: Mapping[str, str] = os.environ, timeout: float = TEST_TIMEOUT
) -> ConnectionReport:
    """List the server's models; every failure is a ModelError with a message to act on."""
    if not is_configured(env):
        raise ModelUnavailableError(
            "No model is configured, so there is nothing to connect to: the offline engine "
            "(no AI) works without one. Set OPENAI_API_KEY or OPENAI_BASE_URL to use a model."
        )
    import openai  # imported on demand: the SDK is slow to import and offline use never needs it

    from generators.models.openai_compat import DEFAULT_MODEL, explain

    base_url = env.get("OPENAI_BASE_URL") or None
    where = host_port(base_url)
    model = env.get("PARAPREP_MODEL") or DEFAULT_MODEL
    client = openai.OpenAI(
        api_key=env.get("OPENAI_API_KEY") or "not-needed",
        base_url=base_url,
        timeout=timeout,
        max_retries=0,
    )
    try:
        listed = tuple(sorted(entry.id for entry in client.models.list()))
    except openai.NotFoundError as error:
        raise NoModelList(
            f"{where} has no /models endpoint: is the address right (it usually ends in /v1)?"
        ) from error
    except openai.OpenAIError as error:
        if not isinstance(error, openai.APIError | openai.APITimeoutError):
            raise ModelError(f"{where} gave an answer that is not a model list.") from error
        raise ModelError(explain(error, base_url, timeout)) from error  # the generators' words
    except ValueError as error:
        raise ModelError(f"{where} gave an answer that is not a model list.") from error
    finally:
        client.close()
    return ConnectionReport(base_url=where, model=model, models=listed)
