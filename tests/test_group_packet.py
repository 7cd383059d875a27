"""Worksheets for students on the caseload: one generation, each student's level and needs."""

from __future__ import annotations

import json

import pytest
from docx_read import open_docx
from samples import sample
from worksheet_stub import worksheet_responder

from generators import group_packet
from generators.domain.students import Student
from generators.errors import InputError
from generators.models import from_env

A = Student(code="Student A", name="Maria Lopez", grade=5, reading_level=3,
            accommodations=("large-print", "fewer-items"))  # fmt: skip
B = Student(code="Student B", grade=5, reading_level=5)
C = Student(code="Student C", grade=5, reading_level=4)


def test_students_with_the_same_needs_share_a_part():
    parts = group_packet.plan_parts([A, B, C])
    assert [part.codes for part in parts] == [("Student A",), ("Student B", "Student C")]
    assert [part.levels for part in parts] == [(3,), (4, 5)]
    assert parts[0].accommodations == ("fewer-items", "large-print")


@pytest.mark.parametrize(
    ("students", "message"),
    [
        ([], "Choose at least one student"),
        ([B, B], "chosen twice"),
        ([Student(code="Student D")], "Student D has no reading level or grade"),
    ],
)
def test_bad_choices_are_refused_before_any_work(students, message):
    with pytest.raises(InputError, match=message):
        group_packet.plan_parts(students)


def test_offline_each_part_gets_its_copies_and_its_own_ledger():
    packet = group_packet.generate([A, B, C], source_text=sample("water_cycle.txt").read_text())
    assert [(d.filename, d.level) for d in packet.documents] == [
        ("student-a_the-water-cycle_grade-3_student.docx", 3),
        ("student-a_the-water-cycle_teacher.docx", None),
        ("student-c_the-water-cycle_grade-4_student.docx", 4),
        ("student-b_the-water-cycle_grade-5_student.docx", 5),
        ("student-b-student-c_the-water-cycle_teacher.docx", None),
    ]
    (_, for_a), (_, for_bc) = packet.parts
    assert len(for_a.questions) < len(for_bc.questions)  # fewer-items for Student A only
    assert {entry.id for entry in for_a.ledger} == {"fewer-items", "large-print"}
    assert for_bc.ledger == ()
    assert [v.target for v in packet.material.versions] == [3, 4, 5]  # generated once
    assert open_docx(packet.documents[0].data).styles["Normal"].font.size.pt >= 18


def test_with_a_model_one_generation_serves_everyone_and_no_name_is_sent(stub):
    stub.set_responder(worksheet_responder)
    model = from_env("openai", {"OPENAI_API_KEY": "k", "OPENAI_BASE_URL": stub.base_url,
                                "PARAPREP_MODEL": "stub-model"})  # fmt: skip
    packet = group_packet.generate(
        [A, B],
        topic="Water for Maria",
        source_text=sample("water_cycle.txt").read_text(),
        model=model,
        progress=lambda _: None,
    )
    assert packet.warnings[0] == "A student's name in the topic was replaced by their code."
    schemas = [body["response_format"]["json_schema"]["name"] for body in stub.requests]
    assert schemas.count("WorksheetCore") == 1  # the questions are asked for once, shared
    (_, for_a), (_, for_b) = packet.parts
    assert for_b.questions[0] == for_a.questions[0] and for_a.engine.is_ai
    sent = json.dumps(stub.requests)
    assert "Maria" not in sent and "Lopez" not in sent


def test_a_glossary_student_needs_the_language_named():
    needs = Student(code="Student E", reading_level=4, accommodations=("bilingual-glossary",))
    with pytest.raises(InputError, match="For Student E: bilingual-glossary needs a glossary"):
        group_packet.generate([needs, B], source_text=sample("water_cycle.txt").read_text())


def test_each_copy_knows_its_student_and_letters_mean_one_level_everywhere():
    """A caseload packet: one copy per student with their code on it and no one else's; the
    teacher copy lists which code got which version; a letter names one level in every part."""
    d = Student(code="Student D", grade=5, reading_level=5)
    e = Student(code="Student E", grade=5, reading_level=3)
    packet = group_packet.generate([A, B, C, d, e],
                                   source_text=sample("water_cycle.txt").read_text())  # fmt: skip
    codes = ["Student A", "Student B", "Student C", "Student D", "Student E"]
    copies = [doc for doc in packet.documents if doc.role == "student"]
    assert sorted(doc.title.split(":")[0] for doc in copies) == codes
    letter_of_level = {3: "A", 4: "B", 5: "C"}  # every level in the packet, lowest first
    for doc in copies:
        code = doc.title.split(":")[0]
        text = "\n".join(p.text for p in open_docx(doc.data).paragraphs)
        assert code in text and not [other for other in codes if other != code and other in text]
        assert f"Version {letter_of_level[doc.level]}" in text, doc.title
    teachers = [open_docx(doc.data) for doc in packet.documents if doc.role == "teacher"]
    listed = {}
    for teacher in teachers:
        [versions] = [t for t in teacher.tables if t.rows[0].cells[0].text == "Version"]
        assert versions.rows[0].cells[-1].text == "Students"
        for row in versions.rows[1:]:
            letter, students = row.cells[0].text, row.cells[-1].text
            listed.update({code: letter for code in students.split(", ")})
    assert listed == {"Student A": "A", "Student E": "A", "Student C": "B", "Student B": "C",
                      "Student D": "C"}  # fmt: skip
