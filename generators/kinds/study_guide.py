"""The study guide as a material kind: key ideas, cut-out vocabulary cards, self-check."""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from typing import Any

from generators import sources, study_guide
from generators.domain import accommodations as catalogue
from generators.domain.levels import grade_name, parse_grade
from generators.domain.students import Student, keep_names_out
from generators.domain.study_guide import StudyGuideMaterial, StudyGuideRequest
from generators.errors import InputError
from generators.group_packet import for_codes, level_of, plan_parts
from generators.kinds._cli import files_summary, read_optional, standard_report
from generators.registry import CaseloadPacket, CommandLine, Made, MaterialKind
from generators.render import print_check
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


def caseload(
    students: Sequence[Student],
    fields: Mapping[str, Any],
    roster: Sequence[Student],
    model,
    progress,
) -> CaseloadPacket:
    """One guide per reading level the students need (one model call each), then each student's
    copy with their own accommodations, their code in its header and file name."""
    chosen = list(students)
    plan_parts(chosen)  # every student has a level, none is chosen twice
    settings = {name: fields[name] for name in SETTINGS if name in fields}
    topic, settings["source_text"], notes = keep_names_out(
        str(fields.get("topic") or ""), settings.get("source_text"), [*chosen, *roster]
    )
    requests = {}
    for student in chosen:  # every request is checked before any model call
        try:
            requests[student.code] = study_guide.make_request(
                topic=topic, level=level_of(student), accommodations=student.accommodations,
                class_grade=student.grade, **settings,
            )  # fmt: skip
        except InputError as error:
            raise InputError(f"For {student.code}: {error}") from error
    shared = {}
    for level in sorted({request.level for request in requests.values()}):
        progress(f"Study guide at grade {grade_name(level)}")
        base = requests[next(c for c, r in requests.items() if r.level == level)]
        shared[level] = study_guide.generate(
            base.model_copy(update={"accommodations": (), "class_grade": None}), model, progress
        )
    documents = []
    for student in chosen:
        request = requests[student.code]
        made = study_guide.for_request(shared[request.level], request)
        for document in map(print_check.check, study_guide_render.render(made)):
            stamp = document.role == "student"
            documents.append(for_codes(document, (student.code,), stamp=stamp))
    codes = tuple(student.code for student in chosen)
    first = next(iter(shared.values()))
    return CaseloadPacket(
        kind="study-guide",
        title=f"{first.title} ({', '.join(codes)})",
        codes=codes,
        materials=tuple(shared.values()),
        documents=tuple(documents),
        inputs={"students": list(codes),
                "requests": [r.model_dump(mode="json") for r in requests.values()]},
        warnings=tuple(dict.fromkeys([*notes, *(w for m in shared.values() for w in m.warnings)])),
    )  # fmt: skip


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
    caseload=caseload,
    order=55,
)
