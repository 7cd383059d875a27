"""Prompt templates: Jinja2 files in prompts/, rendered in a sandbox with StrictUndefined.

Templates are data, kept beside the code rather than inside it. Text from users or files is only
ever passed in as a variable (never compiled as a template) and is fenced by `delimit()` so a
source that says "ignore your instructions" is read as data, not obeyed.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from generators.models.base import Message

PROMPTS_DIR = Path(__file__).resolve().parent.parent / "prompts"


@cache
def environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(
        loader=FileSystemLoader(PROMPTS_DIR),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )


FENCES = ("source", "draft")


def delimit(text: str) -> str:
    """Neutralise anything in untrusted text that could close or reopen a data fence."""
    for tag in FENCES:
        text = re.sub(rf"<(/?)\s*{tag}", rf"&lt;\1{tag}", text, flags=re.IGNORECASE)
    return text


def render(name: str, **variables: object) -> str:
    return environment().get_template(name).render(**variables).strip()


def messages(name: str, **variables: object) -> list[Message]:
    """Render `<name>.system.j2` (stable, first, so providers can cache it) and `<name>.user.j2`."""
    return [
        Message("system", render(f"{name}.system.j2")),
        Message("user", render(f"{name}.user.j2", **variables)),
    ]
