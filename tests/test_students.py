"""Students files and the privacy rules around them."""

from __future__ import annotations

import pytest

from generators.domain.students import Student, find_student, redact
from generators.errors import InputError, SourceError
from generators.students import load_students, parse_students

CSV = """code,grade,reading_level,accommodations,goals,name
Student A,3,2,large-print;sentence-starters,Reads 60 wcpm|Answers wh- questions,Maria Lopez
Student B,3,3,word-bank,,
"""


def test_csv_roundtrip(tmp_path):
    path = tmp_path / "students.csv"
    path.write_text(CSV)
    first, second = load_students(path)
    assert first.code == "Student A" and first.reading_level == 2
    assert first.accommodations == ("large-print", "sentence-starters")
    assert first.goals == ("Reads 60 wcpm", "Answers wh- questions")
    assert first.name == "Maria Lopez" and second.name is None


def test_json_is_accepted():
    students = parse_students('[{"code": "S1", "grade": "K", "accommodations": ["breaks"]}]')
    assert students[0].grade == 0 and students[0].accommodations == ("breaks",)


def test_model_view_never_holds_identifying_fields():
    student = Student(code="Student A", name="Maria Lopez", birthdate="2016-04-02",
                      student_id="123456789")  # fmt: skip
    view = str(student.for_model())
    assert "Maria" not in view and "2016" not in view and "123456789" not in view


def test_redact_replaces_names_parts_birthdates_and_ids():
    students = parse_students(CSV)
    students[1] = students[1].model_copy(update={"student_id": "99887766"})
    text = "maria LOPEZ and Maria read; Lopez's turn. ID 99887766. Mariachi stays."
    assert redact(text, students) == (
        "Student A and Student A read; Student A's turn. ID Student B. Mariachi stays."
    )


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("name\nMaria\n", "needs a 'code' column"),
        ("code,colour\nA,red\n", "unknown column colour"),
        ("code,grade\nA,14\n", "student 1: Reading level 14 is out of range"),
        ("code,accommodations\nA,big-font\n", "Unknown accommodation 'big-font'"),
        ("code\nA\na\n", "repeated: a"),
        ("code\n\n", "lists no students"),
        ("[1, 2]", "must be a JSON list of students"),
        ("[{", "not valid JSON"),
        ("code\n<script>\n", "student code '<script>'"),
    ],
)
def test_bad_students_files_say_what_is_wrong(text, fragment):
    with pytest.raises(InputError) as caught:
        parse_students(text, "students.csv")
    assert fragment in str(caught.value)


def test_missing_file(tmp_path):
    with pytest.raises(SourceError, match=r"not found: nope\.csv"):
        load_students(tmp_path / "nope.csv")


def test_find_student_lists_known_codes():
    students = parse_students(CSV)
    assert find_student("student b", students).code == "Student B"
    with pytest.raises(InputError, match="Codes: Student A, Student B"):
        find_student("Student Z", students)


@pytest.mark.parametrize(
    ("text", "for_model", "printed"),
    [
        ("ID 123456789, and SSN 555-12-3456.", "ID [number removed], and SSN [number removed].",
         "ID [number removed], and SSN [number removed]."),
        ("born 04/02/2016 or 4-2-16", "born [date removed] or [date removed]",
         "born [date removed] or [date removed]"),
        ("In 1869, 2,340 miles, 1,234,567 people, 3.14159265", None, None),  # quantities stay
        ("1/2 cup, room 12345, 12345678.5 tons", "1/2 cup, room [number removed], 12345678.5 tons",
         "1/2 cup, room [number removed], 12345678.5 tons"),
        ("Review on 06/01/2027; World War II ran 1939-1945.",
         "Review on [date removed]; World War II ran 1939-1945.", None),  # a deadline is printed
        ("On May 18, 1980, Mount St. Helens erupted.", None, None),  # history is not private
    ],
)  # fmt: skip
def test_id_like_numbers_and_dates_are_scrubbed(text, for_model, printed):
    """Sent: every numeric date and ID-like number goes. Printed: IDs and birthdate-like dates
    go (the issue's 'Student ID 48213377, born 03/14/2015' on a plan), a goal's deadline stays."""
    from generators.domain.students import redact_for_model

    assert redact_for_model(text, []) == (for_model or text)
    assert redact(text, []) == (printed or text)
