"""A quiz for students on the caseload: each at their level, with their accommodations, one key.

One generation makes the items and every level the students need, so the whole group takes the
same quiz and a model is paid once. Students who need the same documents (same accommodations
and class grade) form a part; each part's quiz is assembled from that generation by
`quiz.for_request` (which applies fewer items / reduced choices and writes the ledger) and
rendered, with one copy per student carrying their code and one teacher copy per part.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from generators import quiz, quiz_model
from generators.domain.common import RenderedDocument
from generators.domain.students import Student, keep_names_out
from generators.errors import InputError
from generators.group_packet import Part, caseload_line, for_codes, level_of, plan_parts
from generators.registry import CaseloadPacket
from generators.render import print_check
from generators.render import quiz as quiz_render

FIELDS = ("topic", "source_text", "source_name", "items", "types", "max_revisions", "check_answers")


def caseload(
    students: Sequence[Student],
    fields: Mapping[str, Any],
    roster: Sequence[Student],
    model,
    progress,
) -> CaseloadPacket:
    chosen = list(students)
    parts = plan_parts(chosen)
    settings = {name: fields[name] for name in FIELDS if name in fields}
    topic = str(settings.pop("topic", "") or "")
    safe_topic, settings["source_text"], warnings = keep_names_out(
        topic, settings.get("source_text"), [*chosen, *roster]
    )
    requests = []
    for part in parts:  # every part is checked before any model call
        try:
            requests.append(
                quiz.make_request(
                    topic=safe_topic,
                    levels=part.levels,
                    accommodations=part.accommodations,
                    class_grade=part.class_grade,
                    **settings,
                )
            )
        except InputError as error:
            raise InputError(f"For {', '.join(part.codes)}: {error}") from error
    every_level = sorted({level for part in parts for level in part.levels})
    shared = quiz.make_request(topic=safe_topic, levels=every_level, **settings)
    progress(caseload_line(chosen, parts, every_level))
    material = quiz_model.make(shared, model, progress)
    documents: list[RenderedDocument] = []
    for part, request in zip(parts, requests, strict=True):
        progress(f"Copies for {', '.join(part.codes)}")
        rendered = quiz_render.render(quiz.for_request(material, request))
        documents += copies_for(part, [print_check.check(d) for d in rendered])
    codes = tuple(student.code for student in chosen)
    inputs = shared.model_dump(mode="json")
    inputs["students"] = list(codes)
    inputs["copies"] = [
        {"students": list(part.codes), "accommodations": list(part.accommodations),
         "class_grade": part.class_grade, "levels": list(part.levels)}
        for part in parts
    ]  # fmt: skip
    return CaseloadPacket(
        kind="quiz",
        title=f"{material.title} ({', '.join(codes)})",
        codes=codes,
        materials=(material,),
        documents=tuple(documents),
        inputs=inputs,
        warnings=tuple(warnings) + material.warnings,
    )


def copies_for(part: Part, documents: list[RenderedDocument]) -> list[RenderedDocument]:
    """A copy of its level's quiz for each student, their code in its name and page header; the
    part's teacher copy is named after all its students."""
    labelled = []
    for document in documents:
        if document.role == "student" and document.level is not None:
            for student in part.students:
                if level_of(student) == document.level:
                    labelled.append(for_codes(document, (student.code,), stamp=True))
        else:
            labelled.append(for_codes(document, part.codes))
    return labelled
