"""Word's hidden font in an uploaded assignment: never on the student copy, offered the teacher."""

from __future__ import annotations

import io

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx_read import all_text, open_docx

from generators import api, assignment, hidden_text, modify
from generators.models import OfflineEngine
from generators.sources import DEFAULT_LIMITS


def vanish(properties, value: str | None = None) -> None:
    mark = OxmlElement("w:vanish")
    if value is not None:
        mark.set(qn("w:val"), value)
    properties.append(mark)


def quiz_with_hidden_answers() -> bytes:
    """How teachers hide a key: a hidden run after a stem, a hidden character style, and a
    hidden paragraph style whose one run switches the hidden font off again."""
    document = docx.Document()
    styles = document.styles
    answer_style = styles.add_style("Hidden Answer", WD_STYLE_TYPE.CHARACTER)
    vanish(answer_style.element.get_or_add_rPr())
    key_style = styles.add_style("Teacher Key", WD_STYLE_TYPE.PARAGRAPH)
    vanish(key_style.element.get_or_add_rPr())
    document.add_paragraph("Rocks and Minerals Quiz", style="Title")
    document.add_paragraph("Directions: Circle the letter of the best answer.")
    stem = document.add_paragraph("1. Which rock forms when lava cools quickly?")
    hidden_run = stem.add_run(" Answer: b")
    vanish(hidden_run._r.get_or_add_rPr())
    for label, text in zip("abcd", ["sandstone", "basalt", "marble", "limestone"], strict=True):
        document.add_paragraph(f"{label}) {text}")
    stem = document.add_paragraph("2. Which rock is made of layers of sand pressed together?")
    stem.add_run(" (a)", style="Hidden Answer")
    for label, text in zip("abcd", ["sandstone", "granite", "obsidian", "slate"], strict=True):
        document.add_paragraph(f"{label}) {text}")
    document.add_paragraph("Key: 1 b, 2 a", style="Teacher Key")
    shown = document.add_paragraph("Key for the teacher: ", style="Teacher Key")
    visible = shown.add_run("Show your thinking on the back.")
    vanish(visible._r.get_or_add_rPr(), "0")  # hidden style, hidden font switched off here
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_hidden_runs_are_taken_out_before_the_assignment_is_read():
    found = assignment.parse_docx_bytes(quiz_with_hidden_answers(), "quiz.docx", DEFAULT_LIMITS)
    assert found.hidden_text == ("Answer: b", "(a)", "Key: 1 b, 2 a", "Key for the teacher:")
    stems = [item.stem for item in found.items]
    assert stems == ["Which rock forms when lava cools quickly?",
                     "Which rock is made of layers of sand pressed together?"]  # fmt: skip
    assert [len(item.choices) for item in found.items] == [4, 4]
    assert any("hidden text (Word's hidden font) in 4 places" in w for w in found.warnings)
    assert any("looks like an answer key" in w for w in found.warnings)
    blocks = [block for section in found.sections for block in section.blocks]
    words = " ".join([*found.directions, *(b.text for b in blocks if hasattr(b, "text"))])
    assert "Show your thinking on the back." in words  # the run that is not hidden stays


def test_the_student_copy_lacks_the_hidden_text_and_the_teacher_copy_offers_it_as_the_key():
    found = assignment.parse_docx_bytes(quiz_with_hidden_answers(), "quiz.docx", DEFAULT_LIMITS)
    request = modify.make_request(found, accommodations=["large-print"])
    student, teacher = api.render(api.generate("modify", request, OfflineEngine()))
    student_text = all_text(open_docx(student.data))
    for hidden in ("Answer: b", "(a)", "Key: 1 b", "Key for the teacher"):
        assert hidden not in student_text
    assert "Which rock forms when lava cools quickly?" in student_text
    teacher_doc = open_docx(teacher.data)
    headings = [p.text for p in teacher_doc.paragraphs if p.style.name.startswith("Heading")]
    assert "Answer key hidden in the original" in headings
    keys = [p.text for p in teacher_doc.paragraphs if p.style.name == "Key Answer"]
    assert "Answer: b" in keys and "Key: 1 b, 2 a" in keys


def test_hidden_text_that_is_not_an_answer_is_listed_plainly():
    assert not hidden_text.looks_like_answers(["Remember to print double-sided"])
    assert hidden_text.looks_like_answers(["7: c"]) and hidden_text.looks_like_answers(["B"])
