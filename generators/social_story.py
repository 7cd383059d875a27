"""Social stories, offline: a first-person template with labelled blanks, its sentence types
checked against Gray's ratio. No model is asked."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from generators.data_sheet import check_code
from generators.domain.social_story import (
    SocialStoryMaterial,
    SocialStoryRequest,
    build,
    check_topic,
)
from generators.domain.students import Student, redact

Progress = Callable[[str], None]


def make_request(
    *, topic: str, student_code: str, students: Iterable[Student] = ()
) -> SocialStoryRequest:
    roster = list(students)
    return SocialStoryRequest(
        topic=redact(check_topic(topic), roster), student_code=check_code(student_code, roster)
    )


def generate(
    request: SocialStoryRequest, model: object = None, progress: Progress | None = None
) -> SocialStoryMaterial:
    """The model argument is accepted for the registry's signature and never used."""
    if progress:
        progress(f"Social story for {request.student_code}")
    return build(request)
