"""Behaviour data sheets (ABC, frequency, duration, latency, interval, time-sampling,
scatterplot): fully determined by their inputs, so no model is ever asked.

`make_request` turns what a user typed into a checked request (every problem one InputError);
`generate` works out the boxes and time slots the renderer draws.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from generators.data_sheet import check_code
from generators.domain.behavior import (
    DEFAULT_DAY,
    DEFAULT_INTERVAL_SECONDS,
    DEFAULT_SPAN_MINUTES,
    BehaviorMaterial,
    BehaviorRequest,
    check_behavior,
    check_definition,
    check_interval_seconds,
    check_interval_type,
    check_method,
    check_rows,
    check_span,
    interval_labels,
    parse_clock,
    slot_labels,
)
from generators.domain.students import Student, redact

Progress = Callable[[str], None]
TIMED = ("interval", "time-sampling", "scatterplot")
ROWED = ("abc", "frequency", "duration", "latency", "scatterplot")  # rows (or days) asked for


def make_request(
    *,
    method: str,
    student_code: str,
    behavior: str,
    definition: str,
    rows: int | None = None,
    interval_seconds: int | None = None,
    interval_type: str = "partial",
    start: str | None = None,
    end: str | None = None,
    students: Iterable[Student] = (),
) -> BehaviorRequest:
    """Validate a behaviour sheet request. With a roster, names are refused as codes and a name
    left in the behaviour or its definition is printed as the student's code."""
    roster = list(students)
    chosen = check_method(method)
    span = check_span(start, end)
    seconds = None
    if chosen in TIMED:
        default = DEFAULT_INTERVAL_SECONDS[chosen]
        seconds = check_interval_seconds(default if interval_seconds is None else interval_seconds)
    request = BehaviorRequest(
        method=chosen,
        student_code=check_code(student_code, roster),
        behavior=redact(check_behavior(behavior), roster),
        definition=redact(check_definition(definition), roster),
        rows=check_rows(chosen, rows) if chosen in ROWED else 0,
        interval_seconds=seconds,
        interval_type=check_interval_type(interval_type),
        start=span[0] if span else None,
        end=span[1] if span else None,
    )
    layout(request)  # refuse now, with the numbers, a sheet that would not fit its page
    return request


def layout(request: BehaviorRequest) -> tuple[list[str], list[str]]:
    """The interval boxes and the scatterplot's time slots for a request."""
    if request.method in ("interval", "time-sampling"):
        if request.start is None:
            span = DEFAULT_SPAN_MINUTES * 60
        else:
            span = (request.end - request.start) * 60
        return interval_labels(request.start, span, request.interval_seconds), []
    if request.method == "scatterplot":
        start = request.start if request.start is not None else parse_clock(DEFAULT_DAY[0], "")
        end = request.end if request.end is not None else parse_clock(DEFAULT_DAY[1], "")
        return [], slot_labels(start, end, request.interval_seconds)
    return [], []


def generate(
    request: BehaviorRequest, model: object = None, progress: Progress | None = None
) -> BehaviorMaterial:
    """The model argument is accepted for the registry's signature and never used."""
    if progress:
        progress(f"{request.method} sheet for {request.student_code}")
    boxes, slots = layout(request)
    warnings = []
    if request.method in ("interval", "time-sampling") and request.start is None:
        warnings.append(
            f"No start and end times given: the boxes cover {DEFAULT_SPAN_MINUTES} minutes, "
            "labelled by time elapsed."
        )
    return BehaviorMaterial(
        **request.model_dump(),
        boxes=tuple(boxes),
        slots=tuple(slots),
        warnings=tuple(warnings),
    )
