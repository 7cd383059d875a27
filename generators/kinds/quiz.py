"""The leveled quiz as a material kind: same items at several levels, one key, LMS export."""

from __future__ import annotations

import argparse
from pathlib import Path

from generators import qti, quiz, quiz_model, quiz_packet
from generators.domain import accommodations as catalogue
from generators.domain.levels import grade_name, parse_grade, parse_levels
from generators.domain.quiz import QuizMaterial, QuizRequest
from generators.domain.students import Student
from generators.errors import InputError
from generators.kinds._cli import read_optional
from generators.kinds.worksheet import levels as version_levels
from generators.kinds.worksheet import version_summary
from generators.registry import CommandLine, Made, MaterialKind
from generators.render import quiz as quiz_render


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--topic", default="", help="what the quiz is about")
    parser.add_argument("--source", help="passage file (.txt, .md, .docx, .pdf) or - for stdin")
    parser.add_argument(
        "--levels", help="grades, e.g. 3,6 (K for kindergarten); not with --students"
    )
    parser.add_argument("--items", type=int, default=8, help="number of items (3-20, default 8)")
    parser.add_argument("--types", default="mc,tf,short,matching",
                        help="item types, comma-separated: mc, tf, short, matching")  # fmt: skip
    parser.add_argument("--accommodations", default="", help="ids, comma-separated")
    parser.add_argument("--grade", help="the class's grade, to name below-grade versions")
    parser.add_argument(
        "--max-revisions", type=int, default=2, help="revisions per level to reach its band (0-5)"
    )
    parser.add_argument(
        "--no-answer-check", action="store_true", help="skip the model's check of each copy"
    )
    parser.add_argument(
        "--qti", action="store_true", help="also write a QTI 1.2 package and a CSV for an LMS"
    )


def make_request(args: argparse.Namespace, _roster: list[Student]) -> QuizRequest:
    if not args.levels:
        raise InputError(
            "Give the reading levels with --levels (e.g. 3,6), or --students FILE for a copy per "
            "student at their own level."
        )
    source_text, source_name = read_optional(args.source)
    return quiz.make_request(
        topic=args.topic,
        source_text=source_text,
        source_name=source_name,
        levels=parse_levels(args.levels),
        items=args.items,
        types=args.types,
        accommodations=[a.id for a in catalogue.parse_ids(args.accommodations)],
        class_grade=parse_grade(args.grade) if args.grade else None,
        max_revisions=args.max_revisions,
        check_answers=not args.no_answer_check,
        lms_export=args.qti,
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
    if args.qti:
        raise InputError(
            "--qti exports one quiz for an LMS: make it with --levels, not --students."
        )
    source_text, source_name = read_optional(args.source)
    return {
        "topic": args.topic,
        "source_text": source_text,
        "source_name": source_name,
        "items": args.items,
        "types": args.types,
        "max_revisions": args.max_revisions,
        "check_answers": not args.no_answer_check,
    }


def write_lms_files(made: Made) -> list[str]:
    """With --qti: the QTI package and the CSV, written beside the DOCX files."""
    material: QuizMaterial = made.material
    if not material.request.lms_export or not made.paths:
        return []
    folder = Path(made.paths[0]).parent
    written = []
    for name, data in qti.lms_files(material).items():
        (folder / name).write_bytes(data)
        written.append(str(folder / name))
    return written


def summarize(made: Made) -> dict:
    material: QuizMaterial = made.material
    return {
        "kind": material.kind,
        "title": material.title,
        "engine": material.engine.model_dump(),
        "files": [
            {"path": str(path), "role": d.role, "level": d.level, "print_check": list(d.checks)}
            for d, path in zip(made.documents, made.paths, strict=True)
        ],
        "lms_files": write_lms_files(made),
        "items": [
            {"number": n, "type": item.kind, "dok": item.dok, "points": item.points}
            for n, item in enumerate(material.items, 1)
        ],
        "versions": [
            {
                **version_summary(copy.version),
                "reworded": copy.reworded,
                "ambiguous_items": list(copy.ambiguous),
            }
            for copy in material.copies
        ],
        "ledger": [entry.model_dump() for entry in material.ledger],
        "warnings": list(material.warnings),
        "usage": made.model.usage.as_dict(),
        "seconds": round(made.elapsed, 3),
    }


def report(made: Made, summary: dict) -> list[str]:
    material: QuizMaterial = made.material
    lines = [f"{material.title} (quiz, {len(material.items)} items, "
             f"{material.total_points} points) — made by {material.engine.label}"]  # fmt: skip
    for copy in material.copies:
        version = copy.version
        measured = f"measured {version.measured.grade:.1f}" if version.measured else "not measured"
        lines.append(f"  grade {grade_name(version.target)}: {measured}, {version.status}")
    lines += [f"  warning: {warning}" for warning in material.warnings]
    for document, path in zip(made.documents, made.paths, strict=True):
        lines.append(f"  wrote {path} ({document.role})")
        lines += [f"    print check: {note}" for note in document.checks]
    lines += [f"  wrote {path} (LMS export)" for path in summary["lms_files"]]
    lines.append(f"  done in {made.elapsed:.1f} s")
    return lines


KIND = MaterialKind(
    name="quiz",
    title="Leveled quiz",
    description="The same items at several reading levels, one key with DOK tags; "
    "QTI export for Canvas and Schoology.",
    request_model=QuizRequest,
    generate=quiz_model.make,
    render=quiz_render.render,
    roles=("student", "teacher"),
    cli=CommandLine(
        help="make a leveled quiz with one answer key (and --qti for an LMS)",
        add_arguments=add_arguments,
        make_request=make_request,
        summarize=summarize,
        report=report,
        copy_fields=copy_fields,
        succeeded=lambda material: all(v.status != "failed" for v in material.versions),
    ),
    levels=version_levels,
    caseload=quiz_packet.caseload,
    order=50,
)
