"""The IEP progress data sheet as a material kind: made offline from its inputs alone."""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from typing import Any

from generators import data_sheet
from generators.domain.data_sheet import DataSheetRequest
from generators.domain.students import Student, find_student
from generators.errors import InputError
from generators.kinds._cli import files_summary, standard_report
from generators.registry import CommandLine, Copy, Made, MaterialKind
from generators.render import data_sheet as data_sheet_render

SETTINGS = ("trials", "sessions", "measure", "mastery", "graph", "steps")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--goal", default="", help="the IEP goal, verbatim")
    parser.add_argument("--student", default="", help="the student's code, never a name")
    parser.add_argument("--goal-index", type=int, help="with --students: which goal (1, 2, ...)")
    parser.add_argument("--trials", type=int, default=10, help="trials per session (1-30)")
    parser.add_argument("--sessions", type=int, default=10, help="sessions on the sheet (1-30)")
    parser.add_argument(
        "--measure",
        default="auto",
        help="auto (chosen from the goal), accuracy, prompt-level, fluency or task-analysis",
    )
    parser.add_argument("--steps", help="task analysis: the steps, separated by ; (in order)")
    parser.add_argument("--mastery", help="e.g. '80%% in 4 of 5 sessions'")
    parser.add_argument("--graph", action="store_true", help="add a blank progress graph page")


def make_request(args: argparse.Namespace, roster: list[Student]) -> DataSheetRequest:
    goal, number = args.goal, None
    if roster and not goal.strip():
        student = find_student(data_sheet.check_code(args.student, roster), roster)
        goal, number = data_sheet.goal_from_roster(student, args.goal_index)
    elif args.goal_index is not None and not roster:
        raise InputError("--goal-index needs --students (the file that lists the goals).")
    return data_sheet.make_request(
        goal=goal,
        student_code=args.student,
        students=roster,
        goal_number=number,
        **{name: getattr(args, name) for name in SETTINGS},
    )


def copy_fields(args: argparse.Namespace) -> dict:
    if args.goal_index is not None:
        raise InputError("--goal-index picks one student's goal: give --student too.")
    return {"goal": args.goal, **{name: getattr(args, name) for name in SETTINGS}}


def summarize(made: Made) -> dict:
    material = made.material
    return {
        "kind": material.kind,
        "student": material.student_code,
        "trials": material.trials,
        "sessions": material.sessions,
        "measure": material.measure,
        "measure_reason": material.measure_reason,
        "mastery": material.mastery.model_dump() if material.mastery else None,
        **files_summary(made, material.warnings),
    }


def report(made: Made, summary: dict) -> list[str]:
    material = made.material
    why = f", because {material.measure_reason}" if material.measure_reason else ""
    heading = f"IEP data sheet for {material.student_code}: {material.measure} sheet{why}"
    return standard_report(heading, summary)


def copies(
    students: Sequence[Student], fields: Mapping[str, Any], roster: Sequence[Student]
) -> list[Copy]:
    """A sheet for every IEP goal of each student (or for the one goal given, if any)."""
    settings = {name: fields[name] for name in SETTINGS if name in fields}
    typed = str(fields.get("goal") or "").strip()
    made = []
    for student in students:
        goals = [(typed, None)] if typed else [(g, n) for n, g in enumerate(student.goals, 1)]
        if not goals:
            made.append(Copy((student.code,), note=f"No IEP goals on file for {student.code}, "
                             "so no sheet: add goals on the student's profile."))  # fmt: skip
        for goal, number in goals:
            request = data_sheet.make_request(
                goal=goal,
                student_code=student.code,
                students=roster,
                goal_number=number,
                **settings,
            )
            made.append(Copy((student.code,), request))
    return made


KIND = MaterialKind(
    name="data-sheet",
    title="IEP progress data sheet",
    description="Trial-by-trial grid for one IEP goal (offline, no model needed).",
    request_model=DataSheetRequest,
    generate=data_sheet.generate,
    render=data_sheet_render.render,
    roles=("data-sheet",),
    uses_model=False,
    cli=CommandLine(
        help="make an IEP progress data sheet (offline)",
        add_arguments=add_arguments,
        make_request=make_request,
        summarize=summarize,
        report=report,
        copy_fields=copy_fields,
        per_student=lambda args: not args.student.strip(),
    ),
    copies=copies,
    order=40,
)
