"""The social story as a material kind: offline, a first-person template with labelled blanks
whose sentence types are checked against Gray's ratio; one per student under --students."""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from typing import Any

from generators import social_story
from generators.domain.social_story import SocialStoryRequest
from generators.domain.students import Student
from generators.kinds._cli import files_summary, standard_report
from generators.registry import CommandLine, Copy, Made, MaterialKind
from generators.render import social_story as social_story_render


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--topic", default="", help="the situation, e.g. 'a fire drill'")
    parser.add_argument("--student", default="", help="the student's code, never a name")


def make_request(args: argparse.Namespace, roster: list[Student]) -> SocialStoryRequest:
    return social_story.make_request(topic=args.topic, student_code=args.student,
                                     students=roster)  # fmt: skip


def copies(
    students: Sequence[Student], fields: Mapping[str, Any], roster: Sequence[Student]
) -> list[Copy]:
    return [
        Copy((student.code,), social_story.make_request(topic=fields.get("topic", ""),
                                                        student_code=student.code,
                                                        students=roster))
        for student in students
    ]  # fmt: skip


def summarize(made: Made) -> dict:
    material = made.material
    return {
        "kind": material.kind,
        "student": material.student_code,
        "title": material.title,
        "sentence_types": dict(material.counts),
        **files_summary(made, material.warnings),
    }


def report(made: Made, summary: dict) -> list[str]:
    material = made.material
    return standard_report(f"Social story for {material.student_code}", summary)


KIND = MaterialKind(
    name="social-story",
    title="Social story",
    description="A first-person story about one situation that describes more than it directs; "
    "offline, a template with labelled blanks.",
    request_model=SocialStoryRequest,
    generate=social_story.generate,
    render=social_story_render.render,
    roles=("student",),
    uses_model=False,
    cli=CommandLine(
        help="make a social story template (offline)",
        add_arguments=add_arguments,
        make_request=make_request,
        summarize=summarize,
        report=report,
        copy_fields=lambda args: {"topic": args.topic},
        per_student=lambda args: not args.student.strip(),
    ),
    copies=copies,
    order=65,
)
