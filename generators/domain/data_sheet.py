"""The IEP progress data sheet: what it records and how its inputs are checked.

Everything on a data sheet follows from its inputs (goal, code, trials, sessions, measurement,
mastery criterion), so it never needs a model: the material is the validated request plus the
engine label and any warnings.
"""

from __future__ import annotations

import re
from typing import Literal

from generators.domain.common import OFFLINE_ENGINE, EngineInfo, Frozen
from generators.errors import InputError

MIN_TRIALS, MAX_TRIALS, DEFAULT_TRIALS = 1, 30, 10
MIN_SESSIONS, MAX_SESSIONS, DEFAULT_SESSIONS = 1, 30, 10
MAX_GOAL_CHARS = 600
MAX_MASTERY_CHARS = 200

Measure = Literal["accuracy", "prompt-level"]
MEASURES: tuple[Measure, ...] = ("accuracy", "prompt-level")

# Least to most help, as paras record it: the code goes in the trial box.
PROMPT_CODES: tuple[tuple[str, str], ...] = (
    ("I", "Independent: correct with no prompt"),
    ("G", "Gestural: pointed, nodded or looked"),
    ("V", "Verbal: a spoken hint or direction"),
    ("M", "Model: the adult showed how"),
    ("PP", "Partial physical: a light touch to guide"),
    ("FP", "Full physical: hand over hand"),
    ("NR", "No response"),
)


class Mastery(Frozen):
    """A mastery criterion as the teacher wrote it, with its numbers when it has the usual form.

    Only "N% in X of Y sessions" (and "N% in X consecutive sessions") is read; any other
    wording is kept verbatim and printed as written, with no tally row.
    """

    text: str
    percent: int | None = None
    met: int | None = None  # sessions at or above `percent` ...
    window: int | None = None  # ... out of this many consecutive sessions

    @property
    def parsed(self) -> bool:
        return self.percent is not None


_OF_FORM = re.compile(
    r"(\d{1,3})\s*%[^\d]{0,40}?\b(?:in|on|across|over|for|during)\s+(\d{1,2})\s+"
    r"(?:out\s+)?of\s+(?:the\s+)?(?:last\s+)?(?:(\d{1,2})\s*)"
    r"(?:consecutive\s+)?(?:sessions?|days?|probes?|data\s+days?|opportunities)\b",
    re.IGNORECASE,
)
_CONSECUTIVE_FORM = re.compile(
    r"(\d{1,3})\s*%[^\d]{0,40}?\b(?:in|on|across|over|for|during)\s+(\d{1,2})\s+"
    r"consecutive\s+(?:sessions?|days?|probes?|data\s+days?)\b",
    re.IGNORECASE,
)


def parse_mastery(text: str | None) -> Mastery | None:
    """Read a criterion; numbers that cannot be right (120%, 6 of 5) are refused, not printed."""
    wording = " ".join((text or "").split())
    if not wording:
        return None
    if len(wording) > MAX_MASTERY_CHARS:
        raise InputError(f"The mastery criterion is over {MAX_MASTERY_CHARS} characters.")
    found = _OF_FORM.search(wording)
    if found:
        percent, met, window = (int(group) for group in found.groups())
    else:
        found = _CONSECUTIVE_FORM.search(wording)
        if not found:
            return Mastery(text=wording)
        percent, met = int(found.group(1)), int(found.group(2))
        window = met
    if not 1 <= percent <= 100:
        raise InputError(f"Mastery criterion '{wording}': {percent}% is not a percentage (1-100).")
    if not 1 <= met <= window:
        raise InputError(
            f"Mastery criterion '{wording}': {met} of {window} sessions cannot happen; "
            "the first number must be 1 to the second."
        )
    return Mastery(text=wording, percent=percent, met=met, window=window)


def check_count(value: int, low: int, high: int, what: str) -> int:
    if not low <= value <= high:
        raise InputError(f"{value} {what} asked for: choose from {low} to {high}.")
    return value


def check_measure(measure: str) -> Measure:
    key = measure.strip().lower().replace("_", "-").replace(" ", "-")
    aliases = {"prompt": "prompt-level", "prompts": "prompt-level", "+/-": "accuracy"}
    key = aliases.get(key, key)
    if key not in MEASURES:
        raise InputError(
            f"Unknown measure '{measure.strip()}': use accuracy (+/-) or prompt-level "
            "(I, G, V, M, PP, FP, NR)."
        )
    return key  # type: ignore[return-value]


def check_goal(goal: str) -> str:
    """The goal is printed verbatim (spaces tidied): it is the IEP's wording, not ours."""
    text = " ".join(goal.split())
    if not text:
        raise InputError("The IEP goal is empty: copy the goal's wording from the IEP.")
    if len(text) > MAX_GOAL_CHARS:
        raise InputError(f"The IEP goal is over {MAX_GOAL_CHARS} characters: is it one goal?")
    return text


class DataSheetRequest(Frozen):
    """Built by `generators.data_sheet.make_request`, which validates every field."""

    goal: str
    student_code: str
    trials: int = DEFAULT_TRIALS
    sessions: int = DEFAULT_SESSIONS
    measure: Measure = "prompt-level"
    mastery: Mastery | None = None
    graph: bool = False
    goal_number: int | None = None  # which of the student's goals, when taken from a roster


class DataSheetMaterial(Frozen):
    kind: Literal["data-sheet"] = "data-sheet"
    goal: str
    student_code: str
    trials: int
    sessions: int
    measure: Measure
    mastery: Mastery | None
    graph: bool
    goal_number: int | None = None
    engine: EngineInfo = OFFLINE_ENGINE
    warnings: tuple[str, ...] = ()
