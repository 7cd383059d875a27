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

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from docx import Document

from generators import delivery, textwork, worksheet
from generators.domain.common import RenderedDocument
from generators.domain.levels import grade_name
from generators.domain.students import Student, keep_names_out
from generators.domain.worksheet import WorksheetMaterial, WorksheetRequest
from generators.errors import InputError
from generators.models.base import Model
from generators.registry import CaseloadPacket
from generators.render import print_check
from generators.render import worksheet as worksheet_render
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


def caseload_line(chosen: Sequence[Student], parts: Sequence[Part], levels: Sequence[int]) -> str:
    """'3 students, 2 sets of accommodations, reading levels 2, 4': the progress line."""
    sets = textwork.plural(len(parts), "set", "sets") + " of accommodations"
    grades = textwork.numbered("reading level", [grade_name(level) for level in levels])
    return f"{textwork.plural(len(chosen), 'student')}, {sets}, {grades}"


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
    roster: Sequence[Student] = (),
) -> GroupPacket:
    """Validate every part first (so a missing glossary language is reported before any model
    call), generate once, then assemble and render each part. `roster` (the whole caseload,
    default the chosen students) is only used to keep names out of the topic."""
    progress = progress or worksheet.ignore_progress
    chosen = list(students)
    parts = plan_parts(chosen)
    safe_topic, source_text, warnings = keep_names_out(topic, source_text, [*chosen, *roster])

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
    if model is None:
        from generators.models import from_env

        model = from_env()
    progress(caseload_line(chosen, parts, every_level))
    material = worksheet.generate(shared, model, progress)
    assembled = []
    documents: list[RenderedDocument] = []
    letters = {level: version_letter(index) for index, level in enumerate(every_level)}
    for part, request in zip(parts, part_requests, strict=True):
        progress(f"Copies for {', '.join(part.codes)}")
        part_material = for_students(worksheet.for_request(material, request), part, letters)
        assembled.append((part, part_material))
        rendered = [print_check.check(d) for d in worksheet_render.render(part_material)]
        documents.extend(label(rendered, part))
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
    """One student copy per student with their code (never a name) at the top of every page;
    the part's teacher/para copy is named after all its students. A worksheet copy is already
    rendered for its student (see `for_students`); a copy made per level (the quiz's) is
    copied for each student at that level."""
    labelled = []
    for document in documents:
        if document.role != "student" or document.level is None:
            labelled.append(for_codes(document, part.codes))
            continue
        own = [s.code for s in part.students if document.title.startswith(f"{s.code}: ")]
        if own:
            labelled.append(document.model_copy(update={"data": stamp_code(document.data, own[0])}))
            continue
        for student in part.students:
            if level_of(student) == document.level:
                labelled.append(for_codes(document, (student.code,), stamp=True))
    return labelled


def for_codes(document: RenderedDocument, codes: tuple[str, ...], stamp: bool = False):
    update = {
        "filename": f"{slug('-'.join(codes))}_{document.filename}",
        "title": f"{', '.join(codes)}: {document.title}",
    }
    if stamp:
        update["data"] = stamp_code(document.data, codes[0])
    return document.model_copy(update=update)


def stamp_code(data: bytes, code: str) -> bytes:
    """Print the student's code at the top of every page (the page header), so copies that
    look alike are handed to the right student."""
    document = Document(io.BytesIO(data))
    for section in document.sections:
        headers = [section.header]
        if section.different_first_page_header_footer:
            headers.append(section.first_page_header)
        for header in headers:
            header.is_linked_to_previous = False
            blank = header.paragraphs and not header.paragraphs[0].text.strip()
            paragraph = header.paragraphs[0] if blank else header.add_paragraph()
            paragraph.text = f"Copy for {code}"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def to_caseload(packet: GroupPacket) -> CaseloadPacket:
    """The packet as the API hands every kind's caseload back: codes, documents, inputs."""
    codes = tuple(code for part, _ in packet.parts for code in part.codes)
    inputs = packet.request.model_dump(mode="json")
    inputs["students"] = list(codes)
    inputs["copies"] = [
        {"students": list(part.codes), "accommodations": list(part.accommodations),
         "class_grade": part.class_grade, "levels": list(part.levels)}
        for part, _ in packet.parts
    ]  # fmt: skip
    return CaseloadPacket(
        kind="worksheet",
        title=f"{packet.material.title} ({', '.join(codes)})",
        codes=codes,
        materials=(packet.material,),
        documents=packet.documents,
        inputs=inputs,
        warnings=packet.warnings,
    )
