"""The study guide as a material kind: key ideas, cut-out vocabulary cards, self-check."""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from typing import Any

from generators import sources, study_guide
from generators.domain import accommodations as catalogue
from generators.domain.levels import grade_name, parse_grade
from generators.domain.students import Student, redact_for_model
from generators.domain.study_guide import StudyGuideMaterial, StudyGuideRequest
from generators.errors import InputError
from generators.group_packet import level_of
from generators.kinds._cli import files_summary, read_optional, standard_report
from generators.registry import CommandLine, Copy, Made, MaterialKind
from generators.render import study_guide as study_guide_render

SETTINGS = ("source_text", "source_name", "terms", "frayer", "glossary_text")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--topic", default="", help="what the guide is about")
    parser.add_argument("--source", help="passage file (.txt, .md, .docx, .pdf) or - for stdin")
    parser.add_argument("--level", help="the reading level (grade, K-12); not with --students")
    parser.add_argument("--cards", type=int, default=6, help="vocabulary cards (3-12, default 6)")
    parser.add_argument("--frayer", type=int, default=0, help="Frayer cards for the hardest terms")
    parser.add_argument("--glossary", help="file of 'term: definition' lines for the cards")
    parser.add_argument("--accommodations", default="", help="ids, comma-separated")
    parser.add_argument("--grade", help="the class's grade, to name a below-grade guide")


def glossary_text(args: argparse.Namespace) -> str | None:
    return sources.read_source(args.glossary) if args.glossary else None


def make_request(args: argparse.Namespace, _roster: list[Student]) -> StudyGuideRequest:
    if not args.level:
        raise InputError(
            "Give the reading level with --level (e.g. 4), or --students FILE for a guide per "
            "student at their own level."
        )
    source_text, source_name = read_optional(args.source)
    return study_guide.make_request(
        topic=args.topic,
        source_text=source_text,
        source_name=source_name,
        level=parse_grade(args.level),
        terms=args.cards,
        frayer=args.frayer,
        glossary_text=glossary_text(args),
        accommodations=[a.id for a in catalogue.parse_ids(args.accommodations)],
        class_grade=parse_grade(args.grade) if args.grade else None,
    )


def copy_fields(args: argparse.Namespace) -> dict:
    for flag, value in (("--level", args.level), ("--accommodations", args.accommodations),
                        ("--grade", args.grade)):  # fmt: skip
        if value:
            raise InputError(
                f"With --students each guide takes the student's own level, grade and "
                f"accommodations from the file: leave out {flag}."
            )
    source_text, source_name = read_optional(args.source)
    return {"topic": args.topic, "source_text": source_text, "source_name": source_name,
            "terms": args.cards, "frayer": args.frayer,
            "glossary_text": glossary_text(args)}  # fmt: skip


def copies(
    students: Sequence[Student], fields: Mapping[str, Any], roster: Sequence[Student]
) -> list[Copy]:
    """One guide per reading level and set of accommodations; students who share both share it."""
    topic = redact_for_model(str(fields.get("topic") or ""), [*students, *roster])
    settings = {name: fields[name] for name in SETTINGS if name in fields}
    groups: dict[tuple, list[Student]] = {}
    for student in students:
        key = (level_of(student), tuple(sorted(student.accommodations)), student.grade)
        groups.setdefault(key, []).append(student)
    made = []
    for (level, accommodations, grade), members in groups.items():
        codes = tuple(student.code for student in members)
        try:
            request = study_guide.make_request(topic=topic, level=level,
                                               accommodations=accommodations, class_grade=grade,
                                               **settings)  # fmt: skip
        except InputError as error:
            raise InputError(f"For {', '.join(codes)}: {error}") from error
        made.append(Copy(codes, request))
    return made


def summarize(made: Made) -> dict:
    material: StudyGuideMaterial = made.material
    measured = material.measured
    return {
        "kind": material.kind,
        "title": material.title,
        "engine": material.engine.model_dump(),
        "level": material.level,
        "key_ideas_measured": measured.grade if measured else None,
        "key_ideas_rewritten": material.ideas_rewritten,
        "cards": [{"term": c.term, "definition": c.source} for c in material.cards],
        "frayer": [card.term for card in material.frayer],
        "self_check": len(material.self_check),
        "ledger": [entry.model_dump() for entry in material.ledger],
        **files_summary(made, material.warnings),
        "usage": made.model.usage.as_dict(),
    }


def report(made: Made, summary: dict) -> list[str]:
    material: StudyGuideMaterial = made.material
    heading = (f"{material.title} (study guide, grade {grade_name(material.level)}, "
               f"{len(material.cards)} cards) — made by {material.engine.label}")  # fmt: skip
    return standard_report(heading, summary)


def levels(material: StudyGuideMaterial) -> list[dict[str, Any]]:
    measured = material.measured
    return [
        {
            "target": material.level,
            "measured": round(measured.grade, 1) if measured else None,
            "low": round(measured.low, 1) if measured else None,
            "high": round(measured.high, 1) if measured else None,
            "status": "in-band" if measured and abs(measured.grade - material.level) <= 1
            else "out-of-band",
            "revisions": 0,
            "passage": "key ideas written" if material.ideas_rewritten else "key sentences",
        }
    ]  # fmt: skip


KIND = MaterialKind(
    name="study-guide",
    title="Study guide and vocabulary cards",
    description="Key ideas on one page, cut-out vocabulary cards, Frayer cards and a self-check "
    "with answers on the back.",
    request_model=StudyGuideRequest,
    generate=study_guide.generate,
    render=study_guide_render.render,
    roles=("student", "teacher"),
    cli=CommandLine(
        help="make a study guide with vocabulary cards and a self-check",
        add_arguments=add_arguments,
        make_request=make_request,
        summarize=summarize,
        report=report,
        copy_fields=copy_fields,
    ),
    levels=levels,
    copies=copies,
    order=55,
)
