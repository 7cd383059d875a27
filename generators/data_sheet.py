"""IEP progress data sheets: fully determined by their inputs, so no model is ever asked.

`make_request` turns what a user typed into a checked request (every problem one InputError);
`generate` adds the engine label and warnings; the renderer draws the grid.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from pydantic import ValidationError

from generators.domain.data_sheet import (
    AUTO,
    DEFAULT_SESSIONS,
    DEFAULT_TRIALS,
    MAX_SESSIONS,
    MAX_TRIALS,
    MIN_SESSIONS,
    MIN_TRIALS,
    DataSheetMaterial,
    DataSheetRequest,
    check_count,
    check_goal,
    check_measure,
    parse_mastery,
    parse_steps,
    route_measure,
)
from generators.domain.students import Student, check_roster, private_terms, redact
from generators.errors import FIELD, InputError

Progress = Callable[[str], None]


def make_request(
    *,
    goal: str,
    student_code: str,
    trials: int = DEFAULT_TRIALS,
    sessions: int = DEFAULT_SESSIONS,
    measure: str = "prompt-level",
    mastery: str | None = None,
    graph: bool = False,
    students: Iterable[Student] = (),
    goal_number: int | None = None,
    steps: str | None = None,
) -> DataSheetRequest:
    """Validate a data sheet request. With a roster, names are refused as codes and any name
    left in the goal is replaced by the student's code, so no name reaches the page."""
    roster = list(students)
    check_roster(roster)
    code = check_code(student_code, roster)
    text = redact(check_goal(goal), roster)
    chosen, reason = check_measure(measure), None
    task_steps = parse_steps(steps)
    if chosen == AUTO and task_steps:
        chosen, reason = "task-analysis", "its steps were given"
    elif chosen == AUTO:
        chosen, reason = route_measure(text)
    if task_steps and chosen != "task-analysis":
        raise InputError(
            f"Steps are only for a task-analysis sheet, and the measure is {chosen}: choose "
            "task-analysis (or auto), or leave the steps out."
        )
    if chosen == "task-analysis" and task_steps:
        trials = len(task_steps)
    return DataSheetRequest(
        goal=text,
        student_code=code,
        trials=check_count(trials, MIN_TRIALS, MAX_TRIALS, "trials per session"),
        sessions=check_count(sessions, MIN_SESSIONS, MAX_SESSIONS, "sessions"),
        measure=chosen,
        mastery=parse_mastery(mastery),
        graph=graph,
        goal_number=goal_number,
        measure_reason=reason,
        steps=task_steps,
    )


def check_code(code: str, roster: list[Student]) -> str:
    """A student code, never a name: refused when it is (part of) a name in the roster."""
    text = " ".join(code.split())
    if not text:
        raise InputError("Give the student's code (e.g. Student A), never their name.")
    known = {student.code.lower(): student.code for student in roster}
    if text.lower() in known:
        return known[text.lower()]
    for term, owner in private_terms(roster).items():
        if term.lower() == text.lower():
            raise InputError(
                f"'{text}' is a name, birthdate or ID from the students file: use the student's "
                f"code ({owner}) so no name is printed."
            )
    if roster:
        codes = ", ".join(student.code for student in roster)
        raise InputError(f"No student with code '{text}' in the students file. Codes: {codes}.")
    try:
        return Student(code=text).code  # the code's own rules (length, characters)
    except ValidationError as error:
        message = error.errors()[0]["msg"].removeprefix("Value error, ")
        raise InputError(f"{message[0].upper()}{message[1:]}.") from error


def goal_from_roster(student: Student, goal_index: int | None) -> tuple[str, int]:
    """Pick one of a student's IEP goals by its 1-based number (or the only one)."""
    if not student.goals:
        raise InputError(
            f"{student.code} has no goals in the students file: give {FIELD}.", field="goal"
        )
    if goal_index is None:
        if len(student.goals) == 1:
            return student.goals[0], 1
        raise InputError(
            f"{student.code} has {len(student.goals)} goals: choose one with {FIELD} "
            f"1-{len(student.goals)}.",
            field="goal_index",
        )
    if not 1 <= goal_index <= len(student.goals):
        raise InputError(
            f"Goal {goal_index} asked for, but {student.code} has {len(student.goals)} "
            f"{'goal' if len(student.goals) == 1 else 'goals'}: choose 1-{len(student.goals)}."
        )
    return student.goals[goal_index - 1], goal_index


def generate(
    request: DataSheetRequest, model: object = None, progress: Progress | None = None
) -> DataSheetMaterial:
    """The model argument is accepted for the registry's signature and never used."""
    if progress:
        progress(f"Data sheet for {request.student_code}: {request.sessions} sessions")
    return material_for(request)


def material_for(request: DataSheetRequest) -> DataSheetMaterial:
    warnings = []
    mastery = request.mastery
    if mastery and mastery.window and mastery.window > request.sessions:
        warnings.append(
            f"The mastery window ({mastery.window} sessions) is longer than this sheet "
            f"({request.sessions} sessions): continue on a second sheet to judge mastery."
        )
    if mastery and not mastery.parsed:
        warnings.append(
            "The mastery criterion is not in the form 'N% in X of Y sessions': it is printed "
            "as written, without a tally row."
        )
    return DataSheetMaterial(
        goal=request.goal,
        student_code=request.student_code,
        trials=request.trials,
        sessions=request.sessions,
        measure=request.measure,
        mastery=request.mastery,
        graph=request.graph,
        goal_number=request.goal_number,
        measure_reason=request.measure_reason,
        steps=request.steps,
        warnings=tuple(warnings),
    )
