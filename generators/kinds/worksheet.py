"""The leveled worksheet as a material kind: one passage at several levels, shared questions."""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from typing import Any

from generators import group_packet, textwork, worksheet
from generators.domain import accommodations as catalogue
from generators.domain.levels import grade_name, parse_grade, parse_levels
from generators.domain.students import Student
from generators.domain.worksheet import WorksheetMaterial, WorksheetRequest
from generators.errors import InputError
from generators.kinds._cli import read_optional
from generators.registry import CommandLine, Made, MaterialKind, Retry
from generators.render import worksheet as worksheet_render


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--topic", default="", help="what the worksheet is about")
    parser.add_argument("--source", help="passage file (.txt, .md, .docx, .pdf) or - for stdin")
    parser.add_argument(
        "--levels", help="grades, e.g. 2,5,8 (K for kindergarten); not with --students"
    )
    parser.add_argument("--accommodations", default="", help="ids, comma-separated")
    parser.add_argument("--questions", type=int, default=6, help="number of questions (3-20)")
    parser.add_argument("--grade", help="the class's grade, to name below-grade versions")
    parser.add_argument("--glossary-language", help="language for bilingual-glossary")
    parser.add_argument(
        "--max-revisions", type=int, default=2, help="revisions per level to reach its band (0-5)"
    )
    parser.add_argument(
        "--no-answer-check", action="store_true", help="skip the model's check of the questions"
    )


def make_request(args: argparse.Namespace, _roster: list[Student]) -> WorksheetRequest:
    if not args.levels:
        raise InputError(
            "Give the reading levels with --levels (e.g. 2,5,8), or --students FILE for a copy "
            "per student at their own level."
        )
    source_text, source_name = read_optional(args.source)
    return worksheet.make_request(
        topic=args.topic,
        source_text=source_text,
        source_name=source_name,
        levels=parse_levels(args.levels),
        accommodations=[a.id for a in catalogue.parse_ids(args.accommodations)],
        questions=args.questions,
        class_grade=parse_grade(args.grade) if args.grade else None,
        glossary_language=args.glossary_language,
        max_revisions=args.max_revisions,
        check_answers=not args.no_answer_check,
    )


def copy_fields(args: argparse.Namespace) -> dict:
    """With --students each copy is at the student's level with their own accommodations."""
    for flag, value in (("--levels", args.levels), ("--accommodations", args.accommodations),
                        ("--grade", args.grade)):  # fmt: skip
        if value:
            raise InputError(
                f"With --students each copy takes the student's own level, grade and "
                f"accommodations from the file: leave out {flag}."
            )
    source_text, source_name = read_optional(args.source)
    return {
        "topic": args.topic,
        "source_text": source_text,
        "source_name": source_name,
        "questions": args.questions,
        "glossary_language": args.glossary_language,
    }


def summarize(made: Made) -> dict:
    material = made.material
    return {
        "kind": material.kind,
        "title": material.title,
        "engine": material.engine.model_dump(),
        "files": [
            {
                "path": str(path),
                "role": document.role,
                "level": document.level,
                "print_check": list(document.checks),
            }
            for document, path in zip(made.documents, made.paths, strict=True)
        ],
        "versions": [version_summary(version) for version in material.versions],
        "ledger": [entry.model_dump() for entry in material.ledger],
        "warnings": list(material.warnings),
        "usage": made.model.usage.as_dict(),
        "seconds": round(made.elapsed, 3),
    }


def version_summary(version) -> dict:
    measured = version.measured
    return {
        "target": version.target,
        "measured": measured.grade if measured else None,
        "range": [measured.low, measured.high] if measured else None,
        "status": version.status,
        "rewritten": version.rewritten,
        "revisions": version.revisions,
        "first_measured": version.first_grade,
        "facts": list(version.facts),
        "unanswerable_questions": list(version.unanswerable),
        "warnings": list(version.warnings),
        "error": version.error,
    }


def report(made: Made, _summary: dict) -> list[str]:
    material = made.material
    lines = [f"{material.title} — made by {material.engine.label}"]
    for version in material.versions:
        measured = (
            f"measured {version.measured.grade:.1f} "
            f"({version.measured.low:.1f}-{version.measured.high:.1f})"
            if version.measured
            else "not measured"
        )
        revised = (
            f" after {textwork.plural(version.revisions, 'revision')}" if version.revisions else ""
        )
        why = f": {version.error}" if version.error else ""  # a failed level says why
        lines.append(
            f"  grade {grade_name(version.target)}: {measured}, {version.status}{revised}{why}"
        )
    lines += [f"  warning: {warning}" for warning in material.warnings]
    for document, path in zip(made.documents, made.paths, strict=True):
        lines.append(f"  wrote {path} ({document.role})")
        lines += [f"    print check: {note}" for note in document.checks]
    lines.append(f"  done in {made.elapsed:.1f} s")
    return lines


def levels(material: WorksheetMaterial) -> list[dict[str, Any]]:
    """Each version's target and measured level, as the library keeps them."""
    rows = []
    for version in material.versions:
        measured = version.measured
        rows.append(
            {
                "target": version.target,
                "measured": round(measured.grade, 1) if measured else None,
                "low": round(measured.low, 1) if measured else None,
                "high": round(measured.high, 1) if measured else None,
                "status": version.status,
                "revisions": version.revisions,
                "passage": "rewritten" if version.rewritten else "as written",
            }
        )
    return rows


def failed_levels(material: WorksheetMaterial) -> list[str]:
    return [f"grade {grade_name(v.target)}" for v in material.versions if v.status == "failed"]


def caseload(
    students: Sequence[Student],
    fields: Mapping[str, Any],
    roster: Sequence[Student],
    model,
    progress,
):
    """One generation at every level the students need, then a copy per set of needs."""
    return group_packet.to_caseload(
        group_packet.generate(students, model=model, progress=progress, roster=roster, **fields)
    )


KIND = MaterialKind(
    name="worksheet",
    title="Leveled worksheet",
    description="One passage at several reading levels, shared questions, answer key.",
    request_model=WorksheetRequest,
    generate=worksheet.generate,
    render=worksheet_render.render,
    roles=("student", "teacher"),
    cli=CommandLine(
        help="make a leveled worksheet packet",
        add_arguments=add_arguments,
        make_request=make_request,
        summarize=summarize,
        report=report,
        copy_fields=copy_fields,
        succeeded=lambda material: all(v.status != "failed" for v in material.versions),
    ),
    levels=levels,
    retry=Retry(failed=failed_levels, run=worksheet.retry_failed),
    caseload=caseload,
    order=10,
)
