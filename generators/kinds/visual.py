"""Visual supports as a material kind: schedule, first-then or token board, offline, with
bundled OpenMoji pictures; one per student under --students."""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from typing import Any

from generators import visual
from generators.domain.students import Student
from generators.domain.visual import VISUAL_TYPES, VisualRequest
from generators.kinds._cli import files_summary, standard_report
from generators.registry import CommandLine, Copy, Made, MaterialKind
from generators.render import visual as visual_render

SETTINGS = ("type", "items", "tokens", "reward")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--type", required=True, help=f"one of: {', '.join(VISUAL_TYPES)}")
    parser.add_argument("--student", default="", help="the student's code, never a name")
    parser.add_argument("--items", help='items in order, e.g. "Reading, Math, Lunch"')
    parser.add_argument("--tokens", type=int, default=5, help="token board: tokens (1-10)")
    parser.add_argument("--reward", help="token board: what the student works for")


def settings(args: argparse.Namespace) -> dict:
    return {name: getattr(args, name) for name in SETTINGS}


def make_request(args: argparse.Namespace, roster: list[Student]) -> VisualRequest:
    return visual.make_request(student_code=args.student, students=roster, **settings(args))


def copies(
    students: Sequence[Student], fields: Mapping[str, Any], roster: Sequence[Student]
) -> list[Copy]:
    chosen = {name: fields[name] for name in SETTINGS if name in fields}
    return [
        Copy((student.code,), visual.make_request(student_code=student.code, students=roster,
                                                  **chosen))
        for student in students
    ]  # fmt: skip


def summarize(made: Made) -> dict:
    material = made.material
    return {
        "kind": material.kind,
        "student": material.student_code,
        "type": material.type,
        "pictures": {card.item: card.name for card in material.cards},
        **files_summary(made, material.warnings),
    }


def report(made: Made, summary: dict) -> list[str]:
    material = made.material
    return standard_report(f"{material.title} for {material.student_code}", summary)


KIND = MaterialKind(
    name="visual",
    title="Visual support",
    description="Picture schedule, first-then board or token board with OpenMoji pictures, to "
    "cut out (offline).",
    request_model=VisualRequest,
    generate=visual.generate,
    render=visual_render.render,
    roles=("student",),
    uses_model=False,
    cli=CommandLine(
        help="make a picture schedule, first-then or token board (offline)",
        add_arguments=add_arguments,
        make_request=make_request,
        summarize=summarize,
        report=report,
        copy_fields=settings,
        per_student=lambda args: not args.student.strip(),
    ),
    copies=copies,
    order=60,
)
