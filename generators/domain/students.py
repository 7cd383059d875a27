"""Students as ParaPrep knows them: a pseudonymous code plus what their materials need.

A real name, birthdate or student ID may be kept for the adult's own convenience, but they are
local-only fields: `for_model()` is the only view of a student that may go into a prompt, and
`redact()` replaces any of a caseload's names or IDs that slip into free text (lesson notes, IEP
goals) with the student's code before it is sent anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pydantic import Field, field_validator

from generators.domain import accommodations as catalogue
from generators.domain.common import Frozen
from generators.domain.levels import level_for
from generators.errors import InputError

CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._-]{0,31}$")


class Student(Frozen):
    code: str = Field(description="Pseudonym shown on documents and sent to models: 'Student A'.")
    grade: int | None = None
    reading_level: int | None = None
    accommodations: tuple[str, ...] = ()
    goals: tuple[str, ...] = ()
    name: str | None = None  # local only: never sent to a model, never printed for the code
    birthdate: str | None = None  # local only
    student_id: str | None = None  # local only

    @field_validator("code")
    @classmethod
    def check_code(cls, code: str) -> str:
        code = " ".join(code.split())
        if not CODE_PATTERN.match(code):
            raise ValueError(
                f"student code '{code}' must be 1-32 letters, digits, spaces, '.', '_' or '-'"
            )
        return code

    @field_validator("grade", "reading_level")
    @classmethod
    def check_grade(cls, grade: int | None) -> int | None:
        if grade is not None:
            level_for(grade)
        return grade

    @field_validator("accommodations")
    @classmethod
    def check_accommodations(cls, ids: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(a.id for a in catalogue.resolve(ids))

    def for_model(self) -> dict:
        """What a model may know about this student: code, levels, needs. Nothing identifying."""
        return {
            "code": self.code,
            "grade": self.grade,
            "reading_level": self.reading_level,
            "accommodations": list(self.accommodations),
        }


def private_terms(students: Iterable[Student]) -> dict[str, str]:
    """Every identifying string in a caseload mapped to the code that replaces it.

    Full names, and each part of a name of three or more letters (teachers type first names),
    plus birthdates and student IDs.
    """
    terms: dict[str, str] = {}
    for student in students:
        for value in (student.birthdate, student.student_id):
            if value and value.strip():
                terms[value.strip()] = student.code
        if student.name and student.name.strip():
            name = " ".join(student.name.split())
            terms[name] = student.code
            for part in name.split():
                if len(part) >= 3 and part.lower() != student.code.lower():
                    terms.setdefault(part, student.code)
    return terms


# Numbers shaped like identifiers or birthdates, whoever they belong to: SSN-like, long runs of
# digits (student and Medicaid IDs), and numeric dates. Quantities in lessons are written with
# commas ("2,340"), years have four digits, so neither is touched.
ID_LIKE = re.compile(
    r"(?<!\w)(?<!\d[.,])"
    r"(?:\d{3}-\d{2}-\d{4}|\d{7,}|\d{1,2}[/-]\d{1,2}[/-](?:\d{4}|\d{2}))"
    r"(?!\w|[.,/-]\d)"
)
ID_PLACEHOLDER = "[number removed]"


def scrub_identifiers(text: str) -> str:
    """Remove ID-like numbers and numeric dates from free text before it leaves the machine."""
    return ID_LIKE.sub(ID_PLACEHOLDER, text)


def redact(text: str, students: Iterable[Student]) -> str:
    """Replace a caseload's names, birthdates and IDs in free text with the students' codes.

    For text printed on this machine's documents (a goal keeps its dates). Text bound for a
    model goes through `redact_for_model`, which also removes other ID-like numbers.
    """
    terms = private_terms(students)
    if not terms:
        return text
    ordered = sorted(terms, key=len, reverse=True)  # "Maria Lopez" before "Maria"
    pattern = re.compile(
        "|".join(rf"(?<![\w]){re.escape(term)}(?![\w])" for term in ordered), re.IGNORECASE
    )
    lookup = {term.lower(): code for term, code in terms.items()}
    return pattern.sub(lambda match: lookup[match.group(0).lower()], text)


def redact_for_model(text: str, students: Iterable[Student]) -> str:
    """What free text may say in a prompt: codes for the caseload, no ID-like numbers at all."""
    return scrub_identifiers(redact(text, students))


def find_student(code: str, students: Iterable[Student]) -> Student:
    wanted = " ".join(code.split()).lower()
    roster = list(students)
    for student in roster:
        if student.code.lower() == wanted:
            return student
    known = ", ".join(student.code for student in roster) or "none"
    raise InputError(f"No student with code '{code}' in the students file. Codes: {known}.")
