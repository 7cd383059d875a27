"""Progress graphs from entered session data: offline, computed, never a model's guess.

`make_request` reads the CSV text and checks every input (a bad value is refused with its row);
`generate` computes the aim line, trend line and the decision sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from generators.data_sheet import check_code
from generators.domain.data_sheet import check_goal, parse_mastery
from generators.domain.progress import (
    ProgressMaterial,
    ProgressRequest,
    build,
    check_aim,
    guess_unit,
    parse_sessions,
    split_by_student,
    value_column,
)
from generators.domain.students import Student, redact
from generators.errors import FIELD, InputError

Progress = Callable[[str], None]


def make_request(
    *,
    data_text: str,
    goal: str,
    student_code: str,
    aim: float | None = None,
    baseline: int | None = None,
    mastery: str | None = None,
    students: Iterable[Student] = (),
) -> ProgressRequest:
    roster = list(students)
    code = check_code(student_code, roster)
    data_text = rows_for_student(data_text, code, roster)
    sessions = tuple(
        session.model_copy(
            update={"label": redact(session.label, roster), "phase": redact(session.phase, roster)}
        )
        for session in parse_sessions(data_text, baseline)
    )
    unit = guess_unit(sessions, value_column(data_text))
    criterion = parse_mastery(mastery)
    if criterion and criterion.parsed and unit != "%":
        raise InputError(
            f"The mastery criterion '{criterion.text}' is a percentage, but the data is a count "
            f"or rate: give {FIELD} instead, in the data's own unit.",
            field="aim",
        )
    if aim is None and criterion and criterion.parsed:
        aim = float(criterion.percent)  # the criterion's percentage is the aim to draw
    return ProgressRequest(
        goal=redact(check_goal(goal), roster),
        student_code=code,
        sessions=sessions,
        aim=check_aim(aim, unit),
        mastery=criterion,
        unit=unit,
    )


def rows_for_student(text: str, code: str, roster: Iterable[Student]) -> str:
    """A file for several students (a `student` column) narrowed to one student's rows; a
    file without that column is taken as this student's. A name in the column counts as the
    student's code, and the column itself is dropped, so no name goes further."""
    by_student = split_by_student(text)
    if by_student is None:
        return text
    found = {redact(key, roster).lower(): rows for key, rows in by_student.items()}
    if code.lower() not in found:
        listed = ", ".join(sorted(redact(key, roster) for key in by_student)) or "none"
        raise InputError(f"The data file has no rows for {code} (students in it: {listed}).")
    return found[code.lower()]


def students_in(text: str, roster: Iterable[Student]) -> set[str] | None:
    """The codes a multi-student data file has rows for (None: no student column)."""
    by_student = split_by_student(text)
    if by_student is None:
        return None
    return {redact(key, roster).lower() for key in by_student}


def generate(
    request: ProgressRequest, model: object = None, progress: Progress | None = None
) -> ProgressMaterial:
    """The model argument is accepted for the registry's signature and never used."""
    if progress:
        progress(f"Graph for {request.student_code}: {len(request.sessions)} sessions")
    warnings = []
    if request.aim is None and not (request.mastery and request.mastery.parsed):
        warnings.append("No aim and no mastery criterion: the graph has no aim line to judge by.")
    if request.mastery and not request.mastery.parsed:
        warnings.append(
            "The mastery criterion is not in the form 'N% in X of Y sessions': it is printed as "
            "written and not judged."
        )
    return build(request, warnings)
