"""Students as ParaPrep knows them: a pseudonymous code plus what their materials need.

A real name, birthdate or student ID may be kept for the adult's own convenience, but they are
local-only fields: `for_model()` is the only view of a student that may go into a prompt, and
`redact()` replaces any of a caseload's names or IDs that slip into free text (lesson notes, IEP
goals) with the student's code before it is sent or printed; the matching itself, in every
spelling people use, lives in `generators.domain.redaction`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TypeVar

from pydantic import BaseModel, Field, field_validator, model_validator

from generators.domain import accommodations as catalogue
from generators.domain import redaction
from generators.domain.common import Frozen
from generators.domain.levels import level_for
from generators.errors import InputError

T = TypeVar("T")
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

    @field_validator("name", "birthdate", "student_id", mode="before")
    @classmethod
    def check_private_text(cls, value: object) -> object:
        """Private fields are text: a list or object would escape the matching that hides them."""
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)  # an ID typed as a JSON number
        raise ValueError(f"name, birthdate and student_id must be text, not {type(value).__name__}")

    @model_validator(mode="after")
    def check_code_is_not_private(self) -> Student:
        """The code is printed and sent: never the student's whole name, ID or birthdate, in
        any spelling. (A code that is one part of a name is refused for a whole caseload by
        `check_roster`, where the other students' names are known too.)"""
        code = " ".join(redaction.fold_text(self.code).replace("-", " ").lower().split())
        name = " ".join(redaction.fold_text(self.name or "").replace("-", " ").lower().split())
        if (name and code == name) or redaction.is_private_term(
            self.code, [self.model_copy(update={"name": None})]
        ):
            raise ValueError(
                f"student code '{self.code}' is the student's own name, ID or birthdate: use a "
                "pseudonym such as 'Student A' (the name stays on this machine)"
            )
        return self

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

    The forms as stored (full names, each part of two or more letters, birthdates, IDs): for
    look-ups such as "is this code a name". Finding them in free text, in any spelling, is
    `redact`'s job.
    """
    terms: dict[str, str] = {}
    for student in students:
        for value in (student.birthdate, student.student_id):  # exact forms, for look-ups
            if value and value.strip():
                terms[value.strip()] = student.code
        if student.name and student.name.strip():
            name = " ".join(student.name.split())
            terms[name] = student.code
            for part in name.split():
                if len(part) >= 2 and part.lower() != student.code.lower():
                    terms.setdefault(part, student.code)
    return terms


ID_PLACEHOLDER = redaction.ID_PLACEHOLDER
DATE_PLACEHOLDER = redaction.DATE_PLACEHOLDER


def scrub_identifiers(text: str) -> str:
    """Remove ID-like numbers and every numeric date from free text before it leaves the machine."""
    return redaction.replace_private(text, (), for_model=True)


def redact(text: str, students: Iterable[Student]) -> str:
    """What free text may say on a printed document: the caseload's names (in any spelling)
    become their codes, their IDs in any grouping too; other ID-like numbers and dates that
    look like birthdates (a caseload's, any after "born", any in the years students are born
    in) become placeholders. A goal's own deadline ("by 06/01/2027") is kept."""
    return redaction.replace_private(text, students, for_model=False)


def redact_for_model(text: str, students: Iterable[Student]) -> str:
    """What free text may say in a prompt: as `redact`, and no numeric date at all."""
    return redaction.replace_private(text, students, for_model=True)


def redact_caseload(text: str, students: Iterable[Student]) -> str:
    """Only the caseload's own names, IDs and birthdates, in any spelling: for a document the
    teacher supplied (an assignment), whose other numbers are content ("What is 45678 - 9?")."""
    return redaction.replace_private(text, students, for_model=False, generic=False)


def redact_passage(text: str, students: Iterable[Student]) -> str:
    """A published passage a material is made from (sent to a model, printed): the caseload's
    names, IDs and birthdates become codes and placeholders, while other people who share a
    student's first or last name ("George Washington") and the text's own numbers stay."""
    return redaction.replace_private(text, students, for_model=False, generic=False, published=True)


TOPIC_NOTE = "A student's name in the topic was replaced by their code."
PASSAGE_NOTE = "A student's name in the source passage was replaced by their code."


def keep_names_out(
    topic: str, passage: str | None, students: Iterable[Student]
) -> tuple[str, str | None, list[str]]:
    """The topic and the source passage as they may be sent to a model and printed, with a note
    for each that changed (the teacher should know their text was altered)."""
    roster = list(students)
    safe_topic = redact_for_model(topic, roster) if topic else topic
    safe_passage = redact_passage(passage, roster) if passage else passage
    notes = [TOPIC_NOTE] * (safe_topic != topic) + [PASSAGE_NOTE] * (safe_passage != passage)
    return safe_topic, safe_passage, notes


def redact_fields(value: T, students: Iterable[Student]) -> T:
    """Every string inside a frozen model (an assignment and its items), with `redact_caseload`."""
    roster = list(students)
    if not roster:
        return value
    return _redact_value(value, roster)


def _redact_value(value, roster):
    if isinstance(value, str):
        return redact_caseload(value, roster)
    if isinstance(value, tuple):
        return tuple(_redact_value(item, roster) for item in value)
    if isinstance(value, BaseModel):
        changes = {name: _redact_value(getattr(value, name), roster)
                   for name in type(value).model_fields}  # fmt: skip
        return value.model_copy(update=changes)
    return value


def is_private_term(text: str, students: Iterable[Student]) -> bool:
    """True when text is one of the caseload's names, name parts, IDs or birthdates."""
    return redaction.is_private_term(text, students)


def check_roster(students: Iterable[Student]) -> None:
    """Refuse a caseload where a code is a name: codes are printed and sent, names never are."""
    roster = list(students)
    for student in roster:
        if is_private_term(student.code, roster):
            raise InputError(
                f"Student code '{student.code}' is a name, birthdate or ID from the students "
                "file: use a pseudonym such as 'Student A' in the code column (the name column "
                "stays on this machine)."
            )


def find_student(code: str, students: Iterable[Student]) -> Student:
    wanted = " ".join(code.split()).lower()
    roster = list(students)
    check_roster(roster)  # a code that is a name would be printed on the found student's copy
    for student in roster:
        if student.code.lower() == wanted:
            return student
    known = ", ".join(student.code for student in roster) or "none"
    raise InputError(f"No student with code '{code}' in the students file. Codes: {known}.")
