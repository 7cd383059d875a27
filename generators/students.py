"""Read a students file (CSV or JSON) into pseudonymous Student records.

CSV columns: code (required), grade, reading_level, accommodations (ids separated by ';' or
','), goals (separated by '|'), name, birthdate, student_id. JSON: a list of objects with the
same keys (accommodations and goals as lists). Grades are K or 1-12. Names stay on this machine.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from pydantic import ValidationError

from generators import textwork
from generators.domain.levels import parse_grade
from generators.domain.students import Student, check_roster
from generators.errors import InputError, ParaPrepError, SourceError

MAX_BYTES = 1024 * 1024
MAX_STUDENTS = 200
FIELDS = ("code", "grade", "reading_level", "accommodations", "goals", "name", "birthdate",
          "student_id")  # fmt: skip


def load_students(path: str | Path) -> list[Student]:
    path = Path(path)
    if not path.is_file():
        raise SourceError(f"Students file not found: {path.name}.")
    if path.stat().st_size > MAX_BYTES:
        raise SourceError(f"Students file {path.name} is over 1 MB: is it the right file?")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise SourceError(
            f"Students file {path.name} is not UTF-8 text: save it as CSV UTF-8."
        ) from error
    return parse_students(text, path.name)


def parse_students(text: str, name: str = "students") -> list[Student]:
    rows = parse_json(text, name) if text.lstrip().startswith(("[", "{")) else parse_csv(text, name)
    if not rows:
        raise InputError(f"{name} lists no students.")
    if len(rows) > MAX_STUDENTS:
        raise InputError(f"{name} lists {len(rows)} students: at most {MAX_STUDENTS}.")
    students = [to_student(row, number, name) for number, row in enumerate(rows, 1)]
    codes = [student.code.lower() for student in students]
    duplicates = sorted({code for code in codes if codes.count(code) > 1})
    if duplicates:
        raise InputError(
            f"{name}: student codes must be unique; repeated: {', '.join(duplicates)}."
        )
    try:
        check_roster(students)
    except InputError as error:
        raise InputError(f"{name}: {error}") from error
    return students


def parse_csv(text: str, name: str) -> list[dict]:
    reader = csv.DictReader(io.StringIO(text))
    headers = [h.strip().lower() for h in reader.fieldnames or []]
    if "code" not in headers:
        raise InputError(
            f"{name} needs a 'code' column (e.g. Student A). Columns: {', '.join(FIELDS)}."
        )
    unknown = [h for h in headers if h and h not in FIELDS]
    if unknown:
        raise InputError(
            f"{name}: unknown {textwork.numbered('column', unknown)}. Known: {', '.join(FIELDS)}."
        )
    rows = []
    for raw in reader:
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items() if k}
        if any(row.values()):
            rows.append(row)
    return rows


def parse_json(text: str, name: str) -> list[dict]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"{name} is not valid JSON (line {error.lineno}): {error.msg}.") from error
    if isinstance(data, dict):
        data = data.get("students", [])
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise InputError(f"{name} must be a JSON list of students (objects with a 'code').")
    return data


def to_student(row: dict, number: int, name: str) -> Student:
    where = f"{name}, student {number}"
    try:
        return Student(
            code=str(row.get("code") or "").strip(),
            grade=optional_grade(row.get("grade")),
            reading_level=optional_grade(row.get("reading_level")),
            accommodations=split_list(row.get("accommodations"), ";,"),
            goals=split_list(row.get("goals"), "|"),
            name=private_text(row.get("name")),
            birthdate=private_text(row.get("birthdate")),
            student_id=private_text(row.get("student_id")),
        )
    except ParaPrepError as error:
        raise InputError(f"{where}: {error}") from error
    except ValidationError as error:
        first = error.errors()[0]
        raise InputError(f"{where}: {first['msg'].removeprefix('Value error, ')}.") from error


def optional_grade(value: object) -> int | None:
    if value is None or str(value).strip() == "":
        return None
    return parse_grade(str(value))


def optional_text(value: object) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text or None


def private_text(value: object) -> object:
    """Text stripped; anything else passed through for the model to refuse (a list as a name
    would be printed as "['José', ...]" and slip past every name match)."""
    if isinstance(value, str):
        return value.strip() or None
    return value


def split_list(value: object, separators: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, list):
        return tuple(str(item).strip() for item in value if str(item).strip())
    text = str(value)
    for separator in separators[1:]:
        text = text.replace(separator, separators[0])
    return tuple(part.strip() for part in text.split(separators[0]) if part.strip())
