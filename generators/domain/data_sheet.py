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

Measure = Literal["accuracy", "prompt-level", "fluency", "task-analysis"]
MEASURES: tuple[Measure, ...] = ("accuracy", "prompt-level", "fluency", "task-analysis")
AUTO = "auto"  # route the goal by the rules in `route_measure`
MAX_STEPS = 20
MAX_STEP_CHARS = 80

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
# An incorrect response is not a prompt level: it gets its own code, so a wrong answer can be
# told from no answer (NR) and from a correct one at some prompt level.
ERROR_CODE = ("E", "Error: an incorrect response")


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


def check_measure(measure: str) -> Measure | str:
    """A measure by name, or "auto" (the goal's wording chooses: see `route_measure`)."""
    key = measure.strip().lower().replace("_", "-").replace(" ", "-")
    aliases = {"prompt": "prompt-level", "prompts": "prompt-level", "+/-": "accuracy",
               "wcpm": "fluency", "task": "task-analysis", "steps": "task-analysis",
               "": AUTO}  # fmt: skip
    key = aliases.get(key, key)
    if key != AUTO and key not in MEASURES:
        raise InputError(
            f"Unknown measure '{measure.strip()}': use accuracy (+/-), prompt-level "
            "(I, G, V, M, PP, FP, E, NR), fluency (words correct per minute), task-analysis "
            "(one row per step), or auto (chosen from the goal's wording)."
        )
    return key


# Routing rules, first match wins. Each is (measure, pattern, why); the why is printed.
_ROUTES: tuple[tuple[Measure, re.Pattern[str], str], ...] = (
    (
        "fluency",
        re.compile(
            r"\b(per minute|wcpm|cwpm|wpm|words correct|correct words|"
            r"fluen\w*|oral reading rate|digits correct)\b",
            re.I,
        ),
        "the goal measures a rate (per minute) or fluency",
    ),
    (
        "task-analysis",
        re.compile(
            r"\b(task analysis|steps? of|\d+\s*(?:/|of)\s*\d+\s+steps|"
            r"all steps|each step|multi-?step routine|routine of|"
            r"steps? (?:in|for) (?:a|the)|\d+-step)\b",
            re.I,
        ),
        "the goal is a sequence of steps",
    ),
    (
        "prompt-level",
        re.compile(
            r"\b(prompt\w*|independent\w*|cue[sd]?|cueing|gestur\w*|"
            r"model(?:ing|ed)?|hand[- ]over[- ]hand|assistance|support)\b",
            re.I,
        ),
        "the goal names a level of prompting or independence",
    ),
    (
        "accuracy",
        re.compile(
            r"\b(accura\w*|correct\w*|\d+\s*%|percent|out of|\d+\s+of\s+"
            r"\d+\s+(?:trials|opportunities|items|problems|questions))",
            re.I,
        ),
        "the goal counts correct responses",
    ),
)


def route_measure(goal: str) -> tuple[Measure, str]:
    """Which sheet a goal needs, by clear rules (first match wins), and why.

    Fluency before everything (a rate goal also says "correct"); task analysis before prompt
    level (a routine goal often says "independently"); prompt level before accuracy. A goal
    that names none of these gets the prompt-level sheet, which records both help and errors.
    """
    for measure, pattern, why in _ROUTES:
        found = pattern.search(goal)
        if found:
            return measure, f"{why} ('{found.group(0)}')"
    return "prompt-level", "no rule matched, so the sheet records prompt level and errors"


def parse_steps(text: str | None) -> tuple[str, ...]:
    """Task-analysis steps, one per line or separated by semicolons, in order."""
    if not text or not text.strip():
        return ()
    parts = re.split(r"\s*(?:;|\n)\s*", text.strip())
    steps = tuple(re.sub(r"^\d+[.)]\s*", "", " ".join(part.split())) for part in parts)
    steps = tuple(step for step in steps if step)
    if len(steps) > MAX_STEPS:
        raise InputError(f"{len(steps)} steps given: a task analysis holds at most {MAX_STEPS}.")
    for step in steps:
        if len(step) > MAX_STEP_CHARS:
            raise InputError(
                f"Step '{step[:40]}...' is over {MAX_STEP_CHARS} characters: one short action "
                "per step."
            )
    return steps


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
    measure_reason: str | None = None  # why the goal was routed to this measure ("auto")
    steps: tuple[str, ...] = ()  # task analysis: the steps, in order


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
    measure_reason: str | None = None
    steps: tuple[str, ...] = ()
    engine: EngineInfo = OFFLINE_ENGINE
    warnings: tuple[str, ...] = ()
