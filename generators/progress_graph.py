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
    value_column,
)
from generators.domain.students import Student, redact
from generators.errors import InputError

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
            f"The mastery criterion '{criterion.text}' is a percentage, but the data has values "
            "over 100 (a count or rate): give --aim instead, in the data's own unit."
        )
    return ProgressRequest(
        goal=redact(check_goal(goal), roster),
        student_code=check_code(student_code, roster),
        sessions=sessions,
        aim=check_aim(aim, unit),
        mastery=criterion,
        unit=unit,
    )


def generate(
    request: ProgressRequest, model: object = None, progress: Progress | None = None
) -> ProgressMaterial:
    """The model argument is accepted for the registry's signature and never used."""
    if progress:
        progress(f"Graph for {request.student_code}: {len(request.sessions)} sessions")
    warnings = []
    if request.aim is None and not (request.mastery and request.mastery.parsed):
        warnings.append("No --aim and no mastery criterion: the graph has no aim line to judge by.")
    if request.mastery and not request.mastery.parsed:
        warnings.append(
            "The mastery criterion is not in the form 'N% in X of Y sessions': it is printed as "
            "written and not judged."
        )
    return build(request, warnings)
