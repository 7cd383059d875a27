"""The small-group plan as a material kind: plan, para run sheet and a page per student."""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from typing import Any

from generators import small_group
from generators.domain.levels import parse_grade
from generators.domain.small_group import SmallGroupRequest
from generators.domain.students import Student
from generators.errors import InputError
from generators.kinds._cli import choose_group, files_summary, read_optional, standard_report
from generators.registry import CommandLine, Copy, Made, MaterialKind
from generators.render import small_group as small_group_render


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--objective", default="", help="the skill or objective to teach")
    parser.add_argument("--subject", default="", help="e.g. reading, math")
    parser.add_argument("--grade", default="", help="the group's grade (K or 1-12)")
    parser.add_argument("--minutes", type=int, default=20, help="lesson length (10-90, default 20)")
    parser.add_argument("--source", help="lesson text or notes file (.txt, .md, .docx, .pdf)")
    parser.add_argument("--notes", help="the teacher's lesson notes, as text")
    parser.add_argument("--standard", help="the standard, quoted as given (never invented)")
    parser.add_argument("--data-sheets", action="store_true", help="a data sheet per IEP goal")
    parser.add_argument(
        "--measure",
        default="auto",
        help="data sheets: auto (from each goal's wording, the default)|prompt-level|accuracy|"
        "fluency|task-analysis",
    )


def make_request(args: argparse.Namespace, roster: list[Student]) -> SmallGroupRequest:
    if not args.students:
        raise InputError("Give the group's students file with --students (CSV or JSON).")
    if not args.grade.strip():
        raise InputError("Give the group's grade with --grade (K or 1-12).")
    source_text, source_name = read_optional(args.source)
    return small_group.make_request(
        objective=args.objective,
        subject=args.subject,
        grade=parse_grade(args.grade),
        students=choose_group(roster, args.group),
        minutes=args.minutes,
        notes=args.notes,
        source_text=source_text,
        source_name=source_name,
        standard=args.standard,
        data_sheets=args.data_sheets,
        data_sheet_measure=args.measure,
    )


def summarize(made: Made) -> dict:
    material = made.material
    return {
        "kind": material.kind,
        "engine": material.engine.model_dump(),
        "minutes": material.minutes,
        "phases": [phase.model_dump() for phase in material.phases],
        "students": [
            {"code": plan.code, "ledger": [entry.model_dump() for entry in plan.ledger]}
            for plan in material.students
        ],
        **files_summary(made, material.warnings),
        "usage": made.model.usage.as_dict(),
    }


def report(made: Made, summary: dict) -> list[str]:
    return standard_report(f"Small-group plan — made by {made.material.engine.label}", summary)


def copies(
    students: Sequence[Student], fields: Mapping[str, Any], _roster: Sequence[Student]
) -> list[Copy]:
    """A group plan is one copy for the whole group."""
    request = small_group.make_request(students=students, **fields)
    return [Copy(codes=tuple(student.code for student in students), request=request)]


KIND = MaterialKind(
    name="group-plan",
    title="Small-group plan",
    description="Teacher/para plan, para run sheet and a page per student, timed.",
    request_model=SmallGroupRequest,
    generate=small_group.generate,
    render=small_group_render.render,
    roles=("teacher", "para", "student", "data-sheet"),
    cli=CommandLine(
        help="make a small-group plan, para run sheet and a page per student",
        add_arguments=add_arguments,
        make_request=make_request,
        summarize=summarize,
        report=report,
    ),
    copies=copies,
    order=20,
)
