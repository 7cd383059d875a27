"""Behaviour data sheets: the seven recording methods and how their inputs are checked.

A behaviour sheet is fully determined by its inputs (method, behaviour, operational definition,
timing), so no model is ever asked. The definition is the team's wording and is printed word for
word; only runs of spaces are tidied. Every limit here exists so the sheet fits one landscape
page: a request that would not fit is refused with the numbers that would.
"""

from __future__ import annotations

import re
from typing import Literal

from generators.domain.common import OFFLINE_ENGINE, EngineInfo, Frozen
from generators.errors import InputError

Method = Literal[
    "abc", "frequency", "duration", "latency", "interval", "time-sampling", "scatterplot"
]
METHODS: tuple[Method, ...] = (
    "abc",
    "frequency",
    "duration",
    "latency",
    "interval",
    "time-sampling",
    "scatterplot",
)
METHOD_TITLES: dict[str, str] = {
    "abc": "ABC (antecedent-behaviour-consequence) record",
    "frequency": "Frequency and rate record",
    "duration": "Duration record",
    "latency": "Latency record",
    "interval": "Interval record",
    "time-sampling": "Momentary time-sampling record",
    "scatterplot": "Scatterplot (time of day by day)",
}
IntervalType = Literal["partial", "whole"]

ANTECEDENTS = (
    "demand placed",
    "transition",
    "denied access",
    "attention elsewhere",
    "unstructured time",
)
CONSEQUENCES = ("redirected", "break given", "ignored", "removed", "peer attention")

MAX_BEHAVIOR_CHARS = 80
MAX_DEFINITION_CHARS = 500
# Rows that fit one landscape page under the header, per method (found by printing them).
ROW_LIMITS: dict[str, tuple[int, int]] = {  # method -> (default, most)
    "abc": (5, 5),
    "frequency": (10, 14),
    "duration": (12, 14),
    "latency": (10, 14),
    "scatterplot": (10, 15),  # days (columns); rows are time slots
}
MIN_INTERVAL_SECONDS, MAX_INTERVAL_SECONDS = 5, 3600
DEFAULT_INTERVAL_SECONDS = {"interval": 10, "time-sampling": 60, "scatterplot": 1800}
MAX_BOXES = 90  # interval and time-sampling boxes on one page (6 rows of 15)
BOXES_PER_ROW = 15
MAX_SLOTS = 16  # scatterplot time-of-day rows
DEFAULT_SPAN_MINUTES = 10  # interval and time-sampling, when no start and end are given
DEFAULT_DAY = ("08:00", "15:00")  # scatterplot, when no start and end are given

_CLOCK = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*([ap]\.?m\.?)?\s*$", re.IGNORECASE)


def check_method(method: str) -> Method:
    key = method.strip().lower().replace("_", "-").replace(" ", "-")
    aliases = {"a-b-c": "abc", "momentary": "time-sampling", "time-sample": "time-sampling",
               "partial-interval": "interval", "whole-interval": "interval",
               "rate": "frequency", "scatter-plot": "scatterplot"}  # fmt: skip
    key = aliases.get(key, key)
    if key not in METHODS:
        raise InputError(f"Unknown method '{method.strip()}': use one of {', '.join(METHODS)}.")
    return key  # type: ignore[return-value]


def check_interval_type(value: str) -> IntervalType:
    key = value.strip().lower().removesuffix("-interval")
    if key not in ("partial", "whole"):
        raise InputError(f"Unknown interval type '{value.strip()}': use partial or whole.")
    return key  # type: ignore[return-value]


def check_behavior(name: str) -> str:
    text = " ".join(name.split())
    if not text:
        raise InputError(
            "Name the behaviour (e.g. 'leaving the seat'): it heads the sheet, with its definition."
        )
    if len(text) > MAX_BEHAVIOR_CHARS:
        raise InputError(
            f"The behaviour's name is over {MAX_BEHAVIOR_CHARS} characters: give a short name and "
            "put the detail in the operational definition."
        )
    return text


def check_definition(definition: str) -> str:
    """Printed word for word: an observer must be able to tell a yes from a no from it alone."""
    text = " ".join(definition.split())
    if not text:
        raise InputError(
            "The operational definition is empty: write what the behaviour looks like, so two "
            "observers would count the same thing (e.g. 'bottom leaves the chair for 3 seconds "
            "or more without permission')."
        )
    if len(text) > MAX_DEFINITION_CHARS:
        raise InputError(
            f"The operational definition is over {MAX_DEFINITION_CHARS} characters: keep it to "
            "what an observer needs to decide yes or no; attach the rest of the plan."
        )
    return text


def parse_clock(value: str, what: str) -> int:
    """Minutes after midnight from '09:05', '9.05' or '1:30 pm'."""
    found = _CLOCK.match(value or "")
    if not found:
        raise InputError(f"{what} '{value}' is not a time: write it as 09:00 or 1:30 pm.")
    hours, minutes, half = int(found.group(1)), int(found.group(2)), found.group(3)
    if half:
        if not 1 <= hours <= 12:
            raise InputError(f"{what} '{value}': with am/pm the hour is 1 to 12.")
        hours = hours % 12 + (12 if half.lower().startswith("p") else 0)
    if hours > 23 or minutes > 59:
        raise InputError(f"{what} '{value}' is not a time of day (00:00 to 23:59).")
    return hours * 60 + minutes


def clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def check_span(start: str | None, end: str | None) -> tuple[int, int] | None:
    """Both or neither; the end after the start (an observation does not run past midnight)."""
    if not start and not end:
        return None
    if not (start and end):
        raise InputError("Give both a start and an end time (e.g. 09:00 and 09:30), or neither.")
    first, last = parse_clock(start, "Start time"), parse_clock(end, "End time")
    if last <= first:
        raise InputError(f"The end time {clock(last)} is not after the start time {clock(first)}.")
    return first, last


def check_rows(method: str, rows: int | None) -> int:
    default, most = ROW_LIMITS[method]
    value = default if rows is None else rows
    what = "days" if method == "scatterplot" else "rows"
    if not 1 <= value <= most:
        raise InputError(
            f"{value} {what} asked for on a {method} sheet: choose 1 to {most}, so it prints on "
            "one page (use a second sheet for more)."
        )
    return value


def check_interval_seconds(seconds: int) -> int:
    if not MIN_INTERVAL_SECONDS <= seconds <= MAX_INTERVAL_SECONDS:
        raise InputError(
            f"An interval of {seconds} seconds: choose {MIN_INTERVAL_SECONDS} to "
            f"{MAX_INTERVAL_SECONDS} seconds."
        )
    return seconds


def count_boxes(span_seconds: int, interval_seconds: int) -> int:
    """How many whole intervals the span holds; none, or more than a page holds, is refused."""
    boxes = span_seconds // interval_seconds
    if boxes < 1:
        raise InputError(
            f"0 intervals: an observation of {span_seconds} seconds holds no interval of "
            f"{interval_seconds} seconds. Use a shorter interval or a longer observation."
        )
    if boxes > MAX_BOXES:
        longest = span_seconds // 60
        shortest = -(-span_seconds // MAX_BOXES)
        raise InputError(
            f"{boxes} intervals ({longest} minutes in {interval_seconds}-second intervals) will "
            f"not fit one page (at most {MAX_BOXES}): use intervals of {shortest} seconds or "
            "more, or a shorter observation."
        )
    if span_seconds % interval_seconds:
        raise InputError(
            f"The observation ({span_seconds} seconds) is not a whole number of "
            f"{interval_seconds}-second intervals: change the interval or the end time."
        )
    return boxes


class BehaviorRequest(Frozen):
    """Built by `generators.behavior_sheet.make_request`, which validates every field."""

    method: Method
    student_code: str
    behavior: str
    definition: str
    rows: int = 10  # episodes or sessions; for a scatterplot, the days
    interval_seconds: int | None = None
    interval_type: IntervalType = "partial"
    start: int | None = None  # minutes after midnight
    end: int | None = None


class BehaviorMaterial(Frozen):
    kind: Literal["behavior-sheet"] = "behavior-sheet"
    method: Method
    student_code: str
    behavior: str
    definition: str
    rows: int
    interval_seconds: int | None = None
    interval_type: IntervalType = "partial"
    start: int | None = None
    end: int | None = None
    boxes: tuple[str, ...] = ()  # interval labels (interval, time-sampling)
    slots: tuple[str, ...] = ()  # time-of-day rows (scatterplot)
    engine: EngineInfo = OFFLINE_ENGINE
    warnings: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        if self.method == "interval":
            return f"{self.interval_type.capitalize()}-interval record"
        return METHOD_TITLES[self.method]


def interval_labels(start: int | None, span_seconds: int, interval_seconds: int) -> list[str]:
    """Each box's start: the clock time when a start is given, else time elapsed (m:ss)."""
    boxes = count_boxes(span_seconds, interval_seconds)
    labels = []
    for index in range(boxes):
        offset = index * interval_seconds
        if start is None:
            labels.append(f"{offset // 60}:{offset % 60:02d}")
        else:
            seconds = start * 60 + offset
            hours, rest = divmod(seconds, 3600)
            if interval_seconds % 60:  # minutes:seconds; each row's label gives the hour
                labels.append(f":{rest // 60:02d}:{rest % 60:02d}")
            else:
                labels.append(f"{hours:02d}:{rest // 60:02d}")
    return labels


def slot_labels(start: int, end: int, interval_seconds: int) -> list[str]:
    """Scatterplot rows: 'start-end' for each slot of the day."""
    step = interval_seconds // 60
    if interval_seconds % 60 or step < 5:
        raise InputError(
            "A scatterplot's time slots are whole minutes, 5 or more (e.g. an interval of 1800 "
            "seconds for half-hour rows)."
        )
    slots = -(-(end - start) // step)
    if slots > MAX_SLOTS:
        raise InputError(
            f"{slots} time slots of {step} minutes from {clock(start)} to {clock(end)} will not "
            f"fit one page (at most {MAX_SLOTS}): use longer slots or a shorter day."
        )
    return [f"{clock(begin)}-{clock(min(begin + step, end))}" for begin in range(start, end, step)]
