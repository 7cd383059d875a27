"""The modified assignment as a material kind: an existing assignment reworked for a student."""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from typing import Any

from generators import assignment as assignments
from generators import modify, sources
from generators.domain import accommodations as catalogue
from generators.domain.assignment import ModifyRequest
from generators.domain.levels import parse_grade
from generators.domain.students import Student
from generators.errors import InputError
from generators.kinds._cli import files_summary, standard_report
from generators.registry import CommandLine, Copy, Made, MaterialKind
from generators.render import modify as modify_render


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--assignment", required=True, help="the assignment (.docx .pdf .txt .md)")
    parser.add_argument("--accommodations", default="", help="ids, comma-separated")
    parser.add_argument("--student", help="a student's code from --students; adds their profile")
    parser.add_argument("--key", help='answer key for multiple choice, e.g. "7:c,8:c"')
    parser.add_argument("--key-file", help="answer key file, one item:letter per line or comma")
    parser.add_argument("--keep", help="fewer-items: the item numbers to keep, e.g. 1,3,5")
    parser.add_argument("--terms", help='key terms to highlight, e.g. "equivalent, simplify"')
    parser.add_argument("--level", help="below-grade-text: target grade (default: the student's)")


def copy_fields(args: argparse.Namespace) -> dict:
    """Everything but the student: the same for every copy."""
    key = ",".join(
        part
        for part in (args.key, sources.read_source(args.key_file) if args.key_file else None)
        if part
    )
    return {
        "assignment": assignments.load(args.assignment),
        "accommodations": [a.id for a in catalogue.parse_ids(args.accommodations)],
        "key_text": key or None,
        "keep_text": args.keep,
        "reading_level": parse_grade(args.level) if args.level else None,
        "terms_text": args.terms,
    }


def make_request(args: argparse.Namespace, roster: list[Student]) -> ModifyRequest:
    if args.student and not roster:
        raise InputError("--student needs --students FILE: the file that lists the student.")
    fields = copy_fields(args)
    return modify.make_request(
        fields.pop("assignment"), student_code=args.student, caseload=roster, **fields
    )


def summarize(made: Made) -> dict:
    material = made.material
    return {
        "kind": material.kind,
        "title": material.title,
        "engine": material.engine.model_dump(),
        "student": material.student_code,
        "summary": material.original.summary(),
        "items": [
            {
                "original": item.number,
                "student_copy": result.number,
                "changes": list(result.changes),
            }
            for item, result in zip(material.original.items, material.items, strict=True)
        ],
        "ledger": [entry.model_dump() for entry in material.ledger],
        **files_summary(made, material.warnings),
        "usage": made.model.usage.as_dict(),
    }


def report(made: Made, summary: dict) -> list[str]:
    material = made.material
    heading = [f"{material.title} — made by {material.engine.label}"]
    heading.append(f"  found: {summary['summary']}")
    for entry in material.ledger:
        state = "applied    " if entry.applied else "NOT APPLIED"
        heading.append(f"  {state} {entry.name} [{entry.category}]: {entry.detail}")
    return standard_report("\n".join(heading), summary)


def copies(
    students: Sequence[Student], fields: Mapping[str, Any], roster: Sequence[Student]
) -> list[Copy]:
    """A copy per student: their profile's accommodations added to the ones chosen."""
    values = dict(fields)
    work_on = values.pop("assignment")
    return [
        Copy(
            (student.code,),
            modify.make_request(work_on, student_code=student.code, caseload=roster, **values),
        )
        for student in students
    ]


KIND = MaterialKind(
    name="modify",
    title="Modified assignment",
    description="An existing assignment reworked for a student's accommodations, "
    "with a change ledger.",
    request_model=ModifyRequest,
    generate=modify.generate,
    render=modify_render.render,
    roles=("student", "teacher"),
    cli=CommandLine(
        help="rework an existing assignment for a student's accommodations",
        add_arguments=add_arguments,
        make_request=make_request,
        summarize=summarize,
        report=report,
        copy_fields=copy_fields,
        per_student=lambda args: not args.student,
    ),
    copies=copies,
    order=30,
)
