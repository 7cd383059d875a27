"""Behaviour data sheets as a material kind: made offline from their inputs alone, one per
student (the code only), one landscape page each."""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from typing import Any

from generators import behavior_sheet
from generators.domain.behavior import METHODS, BehaviorRequest
from generators.domain.students import Student
from generators.kinds._cli import files_summary, standard_report
from generators.registry import CommandLine, Copy, Made, MaterialKind
from generators.render import behavior as behavior_render

SETTINGS = ("method", "behavior", "definition", "rows", "interval_seconds", "interval_type",
            "start", "end")  # fmt: skip


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--method", required=True, help=f"one of: {', '.join(METHODS)}")
    parser.add_argument("--student", default="", help="the student's code, never a name")
    parser.add_argument("--behavior", default="", help="the behaviour's short name")
    parser.add_argument("--definition", default="", help="the operational definition, verbatim")
    parser.add_argument("--sessions", dest="rows", type=int,
                        help="rows (episodes or sessions); days for a scatterplot")  # fmt: skip
    parser.add_argument("--interval-seconds", type=int,
                        help="interval length (interval, time-sampling); slot length "
                        "(scatterplot)")  # fmt: skip
    parser.add_argument("--interval-type", default="partial", help="interval: partial or whole")
    parser.add_argument("--start", help="observation start, e.g. 09:00")
    parser.add_argument("--end", help="observation end, e.g. 09:30")


def settings(args: argparse.Namespace) -> dict:
    return {name: getattr(args, name) for name in SETTINGS}


def make_request(args: argparse.Namespace, roster: list[Student]) -> BehaviorRequest:
    return behavior_sheet.make_request(student_code=args.student, students=roster,
                                       **settings(args))  # fmt: skip


def copies(
    students: Sequence[Student], fields: Mapping[str, Any], roster: Sequence[Student]
) -> list[Copy]:
    """The same sheet for each chosen student, under each one's code."""
    chosen = {name: fields[name] for name in SETTINGS if name in fields}
    return [
        Copy((student.code,), behavior_sheet.make_request(student_code=student.code,
                                                          students=roster, **chosen))
        for student in students
    ]  # fmt: skip


def summarize(made: Made) -> dict:
    material = made.material
    return {
        "kind": material.kind,
        "student": material.student_code,
        "method": material.method,
        "rows": material.rows,
        "intervals": len(material.boxes),
        "time_slots": len(material.slots),
        **files_summary(made, material.warnings),
    }


def report(made: Made, summary: dict) -> list[str]:
    material = made.material
    return standard_report(f"{material.title} for {material.student_code}", summary)


KIND = MaterialKind(
    name="behavior-sheet",
    title="Behaviour data sheet",
    description="ABC, frequency, duration, latency, interval, time-sampling or scatterplot "
    "recording, one landscape page (offline).",
    request_model=BehaviorRequest,
    generate=behavior_sheet.generate,
    render=behavior_render.render,
    roles=("behavior-sheet",),
    uses_model=False,
    cli=CommandLine(
        help="make a behaviour data sheet (offline)",
        add_arguments=add_arguments,
        make_request=make_request,
        summarize=summarize,
        report=report,
        copy_fields=settings,
        per_student=lambda args: not args.student.strip(),
    ),
    copies=copies,
    order=50,
)
