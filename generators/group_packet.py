"""A leveled worksheet for students on the caseload: each at their level, with their accommodations.

One generation makes the shared content (the passage at every reading level the students need,
the questions and the key), so the whole group works on the same questions and a model is paid
once. Students are then sorted into parts that need the same documents (same accommodations,
same class grade) and each part's material is assembled from that one generation by the
worksheet kind's own `for_request` (which applies fewer-items/reduced-choices and writes the ledger)
and rendered. Each part gets its own teacher/para copy, because its ledger and key differ.

Only codes reach a document or a model: file names and titles carry codes, and a name typed into
the topic is replaced by the student's code.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from generators import api, delivery, worksheet
from generators.domain.common import RenderedDocument
from generators.domain.levels import grade_name
from generators.domain.students import Student, redact_for_model
from generators.domain.worksheet import WorksheetMaterial, WorksheetRequest
from generators.errors import InputError
from generators.models.base import Model
from generators.render.docx_base import slug
from generators.render.worksheet import version_letter

Progress = Callable[[str], None]
MAX_STUDENTS = 30


@dataclass(frozen=True)
class Part:
    """Students who get the same documents: same accommodations and class grade."""

    students: tuple[Student, ...]
    accommodations: tuple[str, ...]
    class_grade: int | None

    @property
    def levels(self) -> tuple[int, ...]:
        return tuple(sorted({level_of(student) for student in self.students}))

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(student.code for student in self.students)


@dataclass(frozen=True)
class GroupPacket:
    material: WorksheetMaterial  # the shared generation: every level, no accommodations
    request: WorksheetRequest
    parts: tuple[tuple[Part, WorksheetMaterial], ...]
    documents: tuple[RenderedDocument, ...]
    warnings: tuple[str, ...]


def level_of(student: Student) -> int:
    """The reading level a student's copy is written at: their reading level, else their grade."""
    if student.reading_level is not None:
        return student.reading_level
    if student.grade is not None:
        return student.grade
    raise InputError(f"{student.code} has no reading level or grade: add one on the Students page.")


def plan_parts(students: Sequence[Student]) -> list[Part]:
    if not students:
        raise InputError("Choose at least one student (or a group).")
    if len(students) > MAX_STUDENTS:
        raise InputError(f"{len(students)} students chosen: at most {MAX_STUDENTS} at once.")
    codes = [student.code.lower() for student in students]
    if len(set(codes)) != len(codes):
        raise InputError("A student was chosen twice: each student needs a different code.")
    parts: dict[tuple, list[Student]] = {}
    for student in students:
        level_of(student)  # every student must have a level before anything is generated
        key = (tuple(sorted(student.accommodations)), student.grade)
        parts.setdefault(key, []).append(student)
    return [
        Part(students=tuple(members), accommodations=key[0], class_grade=key[1])
        for key, members in parts.items()
    ]


def generate(
    students: Sequence[Student],
    *,
    topic: str = "",
    source_text: str | None = None,
    source_name: str | None = None,
    questions: int = 6,
    glossary_language: str | None = None,
    model: Model | None = None,
    progress: Progress | None = None,
) -> GroupPacket:
    """Validate every part first (so a missing glossary language is reported before any model
    call), generate once, then assemble and render each part."""
    progress = progress or worksheet.ignore_progress
    roster = list(students)
    parts = plan_parts(roster)
    safe_topic = redact_for_model(topic, roster)
    warnings = []
    if safe_topic != topic:
        warnings.append("A student's name in the topic was replaced by their code.")

    def request_for(levels, accommodations=(), class_grade=None, language=None):
        return worksheet.make_request(
            topic=safe_topic,
            source_text=source_text,
            source_name=source_name,
            levels=levels,
            accommodations=accommodations,
            questions=questions,
            class_grade=class_grade,
            glossary_language=language,
        )

    part_requests = []
    for part in parts:
        try:
            part_requests.append(
                request_for(part.levels, part.accommodations, part.class_grade, glossary_language)
            )
        except InputError as error:
            raise InputError(f"For {', '.join(part.codes)}: {error}") from error
    glossary = any("bilingual-glossary" in r.accommodations for r in part_requests)
    every_level = sorted({level for part in parts for level in part.levels})
    shared = request_for(
        every_level,
        ("bilingual-glossary",) if glossary else (),
        language=glossary_language if glossary else None,
    )
    progress(
        f"{len(roster)} students, {len(parts)} sets of accommodations, reading levels "
        + ", ".join(grade_name(level) for level in every_level)
    )
    material = api.generate("worksheet", shared, model, progress)
    assembled = []
    documents: list[RenderedDocument] = []
    letters = {level: version_letter(index) for index, level in enumerate(every_level)}
    for part, request in zip(parts, part_requests, strict=True):
        progress(f"Copies for {', '.join(part.codes)}")
        part_material = for_students(worksheet.for_request(material, request), part, letters)
        assembled.append((part, part_material))
        documents.extend(label(api.render(part_material), part))
    return GroupPacket(
        material=material,
        request=shared,
        parts=tuple(assembled),
        documents=tuple(delivery.unique_filenames(documents)),  # "Student-A", "student_a"
        warnings=tuple(warnings) + material.warnings,
    )


def for_students(
    material: WorksheetMaterial, part: Part, letters: dict[int, str]
) -> WorksheetMaterial:
    """A part's material printing one copy per student (their code on it) and lettering each
    version by its reading level across the packet, so "Version B" means one level
    everywhere and the teacher copy can list which code got which version."""
    return material.model_copy(
        update={
            "version_letters": tuple(letters[v.target] for v in material.versions),
            "copies_for": tuple(
                sorted(((s.code, level_of(s)) for s in part.students), key=lambda c: c[1])
            ),
        }
    )


def label(documents: list[RenderedDocument], part: Part) -> list[RenderedDocument]:
    """Name each adult's file and title after the students it is for (codes only); each
    student's copy is already named after its student."""
    labelled = []
    for document in documents:
        if document.role == "student":
            labelled.append(document)
            continue
        codes = part.codes
        labelled.append(
            document.model_copy(
                update={
                    "filename": f"{slug('-'.join(codes))}_{document.filename}",
                    "title": f"{', '.join(codes)}: {document.title}",
                }
            )
        )
    return labelled
