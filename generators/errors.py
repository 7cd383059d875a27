"""Errors a user can cause or meet, each carrying a message fit to show them as is.

The CLI and the app print one line and nothing else, so every message must say what went wrong
and what to do about it, in plain words. A message is written for no front end in particular:
an error about one input names it as `{field}` and carries `field=` (e.g. "keep"); the CLI shows
that as its flag (--keep), the app as its form label, and `str(error)` as plain words
(`FIELD_NAMES`). No message in generators/ outside the CLI names a command-line flag.
"""

from __future__ import annotations

from collections.abc import Callable

FIELD = "{field}"
FIELD_NAMES = {  # how an input is named when no front end names it
    "accommodations": "the accommodations",
    "assignment": "the assignment",
    "cards": "the number of vocabulary cards",
    "frayer": "the number of Frayer cards",
    "glossary": "the glossary",
    "goal": "the IEP goal",
    "goal_index": "the goal's number",
    "group": "the group",
    "items": "the number of items",
    "keep": "the items to keep",
    "key": "the answer key",
    "level": "the target reading level",
    "levels": "the reading levels",
    "source": "the source text",
    "student": "the student's code",
    "students": "the students file",
    "terms": "the key terms",
    "topic": "the topic",
    "types": "the item types",
}


class ParaPrepError(Exception):
    """Base for every error whose message is meant for the user."""

    def __init__(self, message: str = "", *, field: str | None = None) -> None:
        self.template = message
        self.field = field
        super().__init__(self.render())

    def render(self, name_of: Callable[[str], str | None] | None = None) -> str:
        """The message with its field named by a front end (flag, form label) or in words."""
        if not self.field or FIELD not in self.template:
            return self.template
        name = (name_of(self.field) if name_of else None) or field_name(self.field)
        text = self.template.replace(FIELD, name)
        return text[0].upper() + text[1:] if self.template.startswith(FIELD) else text


def field_name(field: str) -> str:
    return FIELD_NAMES.get(field, field.replace("_", " "))


class InputError(ParaPrepError):
    """A request the user made cannot be served as asked (bad level, unknown id, ...)."""


class SourceError(ParaPrepError):
    """A file or text the user gave cannot be read safely."""


class ModelError(ParaPrepError):
    """The language model could not produce a usable answer."""


class ModelUnavailableError(ModelError):
    """The request needs a language model and none is configured."""
