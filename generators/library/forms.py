"""Checking what a user typed for the library (a student's form, a packet's title) and what a
packet may keep (its inputs without names, birthdates or IDs). Pure: no database here."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from pydantic import ValidationError

from generators.domain.levels import level_for
from generators.domain.students import Student
from generators.errors import InputError

MAX_GROUP_NAME = 60
MAX_TITLE = 200
MAX_NAME = 120
MAX_GOAL_CHARS = 600
PRIVATE_FIELDS = ("name", "birthdate", "student_id")


# --- Checking what a user typed ---


def make_student(
    *,
    code: str,
    name: str | None = None,
    grade: int | None = None,
    reading_level: int | None = None,
    accommodations: Iterable[str] = (),
    goals: str | Iterable[str] = (),
) -> Student:
    """A Student from form values; goals come one per line. Every problem is one InputError."""
    if isinstance(goals, str):
        goals = goals.splitlines()
    goal_list = tuple(" ".join(goal.split()) for goal in goals if goal.strip())
    for goal in goal_list:
        if len(goal) > MAX_GOAL_CHARS:
            raise InputError(f"An IEP goal is over {MAX_GOAL_CHARS} characters: shorten it.")
    name = " ".join((name or "").split()) or None
    if name and len(name) > MAX_NAME:
        raise InputError(f"The name is over {MAX_NAME} characters.")
    if not " ".join((code or "").split()):
        raise InputError("Give the student a code, e.g. Student A (a pseudonym, not their name).")
    for grade_value in (grade, reading_level):
        if grade_value is not None:
            level_for(grade_value)
    try:
        student = Student(
            code=code,
            name=name,
            grade=grade,
            reading_level=reading_level,
            accommodations=tuple(accommodations),
            goals=goal_list,
        )
    except ValidationError as error:
        message = str(error.errors()[0]["msg"]).removeprefix("Value error, ")
        raise InputError(f"{message[0].upper()}{message[1:]}.") from error
    if name and student.code.lower() in {name.lower(), *(p.lower() for p in name.split())}:
        raise InputError(
            "The code is the student's name: use a pseudonym such as Student A, so the name "
            "never reaches a document or a model."
        )
    return student


def scrub(value: Any) -> Any:
    """Packet inputs without private fields: any record with a code loses name, birthdate, ID."""
    if isinstance(value, dict):
        private = "code" in value
        return {
            key: scrub(item)
            for key, item in value.items()
            if not (private and key in PRIVATE_FIELDS)
        }
    if isinstance(value, list | tuple):
        return [scrub(item) for item in value]
    return value


def clip_title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise InputError("Give the packet a title.")
    if len(title) > MAX_TITLE:
        raise InputError(f"The title is over {MAX_TITLE} characters: shorten it.")
    return title


def json_safe(value: Any) -> Any:
    """Round-trip through JSON so what is stored is exactly what will be read back."""
    return json.loads(json.dumps(value, default=str))
