"""Errors a user can cause or meet, each carrying a message fit to show them as is.

The CLI and the app print `str(error)` and nothing else, so every message must say what went
wrong and what to do about it, in plain words, on one line.
"""


class ParaPrepError(Exception):
    """Base for every error whose message is meant for the user."""


class InputError(ParaPrepError):
    """A request the user made cannot be served as asked (bad level, unknown id, ...)."""


class SourceError(ParaPrepError):
    """A file or text the user gave cannot be read safely."""


class ModelError(ParaPrepError):
    """The language model could not produce a usable answer."""


class ModelUnavailableError(ModelError):
    """The request needs a language model and none is configured."""
