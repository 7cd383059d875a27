"""The quiz and study-guide pages, driven by AppTest (offline engine, and per student)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from app_pages import TWO_STUDENTS, downloads, errors, find, generate, library, open_page, seed
from docx_read import all_text, open_docx

from generators import qti

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def page(name: str):
    at = open_page()
    at.switch_page(f"ui/pages/{name}.py").run()
    assert not at.exception, at.exception
    return at


def test_quiz_page_offline_saves_the_packet_and_offers_the_lms_export():
    at = page("quiz")
    find(at.text_area, "...or paste the passage here").input(
        (FIXTURES / "island_volcano.txt").read_text()
    )
    done = generate(at)
    assert not errors(done), errors(done)
    [summary] = library().packets()
    assert summary.kind == "quiz"
    roles = [d.role for d in library().packet(summary.id).documents]
    assert roles == ["student", "student", "teacher"]
    labels = downloads(done)
    assert "QTI 1.2 package" in labels and "Items and answers (CSV)" in labels
    result = done.session_state["result:quiz"]  # what the download buttons were built from
    assert result.material.kind == "quiz"
    assert qti.check_package(qti.package(result.material)) == []


def test_quiz_page_without_a_passage_offline_is_a_message():
    at = page("quiz")
    find(at.text_input, "Topic").input("Volcanoes")
    done = generate(at)
    assert errors(done) and "topic alone" in errors(done)[0]
    assert "--" not in errors(done)[0]


def test_quiz_for_students_on_the_caseload():
    ids = seed(library(), *TWO_STUDENTS)
    at = page("quiz")
    at.radio[0].set_value("Students on my caseload").run()
    find(at.multiselect, "Students").set_value(ids)
    find(at.text_area, "...or paste the passage here").input(
        (FIXTURES / "island_volcano.txt").read_text()
    )
    done = generate(at)
    assert not errors(done), errors(done)
    [summary] = library().packets()
    documents = library().packet(summary.id).documents
    students = [d for d in documents if d.role == "student"]
    assert [(d.title.split(":")[0], d.level) for d in students] == [
        ("Student A", 3), ("Student B", 5),
    ]  # fmt: skip
    for document in documents:
        assert "Maria" not in all_text(open_docx(document.data))


def test_study_guide_page_offline_with_a_glossary():
    at = page("study_guide")
    find(at.text_area, "...or paste the passage here").input(
        (FIXTURES / "coral_reef.txt").read_text()
    )
    find(at.text_area, "Glossary").input("polyps: Tiny soft animals that build coral.")
    done = generate(at)
    assert not errors(done), errors(done)
    [summary] = library().packets()
    assert summary.kind == "study-guide"
    student = library().packet(summary.id).documents[0]
    text = all_text(open_docx(student.data))
    assert "Meaning: Tiny soft animals that build coral." in text
    assert "Self-check answers (back page)" in text


def test_lms_package_bytes_from_the_page_helper_are_valid():
    """AppTest cannot read a download's bytes: the page builds them with qti.lms_files."""
    from generators import api
    from generators.models import OfflineEngine
    from generators.quiz import make_request

    request = make_request(source_text=(FIXTURES / "island_volcano.txt").read_text(),
                           levels=(3, 6))  # fmt: skip
    files = qti.lms_files(api.generate("quiz", request, OfflineEngine()))
    package = next(data for name, data in files.items() if name.endswith(".zip"))
    assert qti.check_package(package) == []
    assert "imsmanifest.xml" in zipfile.ZipFile(io.BytesIO(package)).namelist()
