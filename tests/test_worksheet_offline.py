"""The leveled worksheet with the offline engine: honest, deterministic, printable."""

from __future__ import annotations

import pytest
from docx_read import all_text, effective_size, open_docx, page_breaks
from samples import PASSAGES, sample

from generators import api
from generators.errors import InputError, ModelUnavailableError
from generators.models import OfflineEngine
from generators.worksheet import make_request


def offline_packet(name="water_cycle.txt", levels=(2, 5, 8), accommodations=(), **extra):
    text = sample(name).read_text()
    request = make_request(
        source_text=text,
        source_name=name,
        levels=levels,
        accommodations=accommodations,
        **extra,
    )
    material = api.generate("worksheet", request, OfflineEngine())
    return material, api.render(material)


@pytest.mark.parametrize("name", PASSAGES)
def test_offline_packet_has_a_student_copy_per_level_and_a_teacher_copy(name):
    material, documents = offline_packet(name)
    roles = [(d.role, d.level) for d in documents]
    assert roles == [("student", 2), ("student", 5), ("student", 8), ("teacher", None)]
    assert material.engine.label == "ParaPrep offline engine (no AI)"
    assert all(not v.rewritten and v.measured for v in material.versions)


def test_offline_is_deterministic():
    first, _ = offline_packet()
    second, _ = offline_packet()
    assert first == second


def test_student_copies_hold_no_answers_and_the_teacher_copy_holds_all():
    material, documents = offline_packet()
    teacher = all_text(open_docx(documents[-1].data))
    assert "Answer key" in teacher
    for student in documents[:-1]:
        text = all_text(open_docx(student.data))
        assert "Answer:" not in text and "Answer key" not in text
        assert "grade" not in text.lower()  # no level label on a student's sheet
        for item in material.cloze:
            assert item.text in text  # the blanked sentence is there ...
        for question in material.questions:
            if question.kind != "multiple_choice":
                assert question.answer not in text  # ... and no written-answer key text
    for question in material.questions:
        if question.kind == "multiple_choice":
            letter = "ABCD"[question.correct_choice]
            assert f"Answer: {letter}. {question.choices[question.correct_choice]}" in teacher


def test_teacher_copy_shows_target_measured_and_offline_label():
    material, documents = offline_packet()
    teacher = all_text(open_docx(documents[-1].data))
    assert "offline engine (no AI)" in teacher
    assert "not rewrite" in teacher
    for version in material.versions:
        assert f"{version.measured.grade:.1f}" in teacher
    assert "OUT OF BAND" in teacher  # the sample passages read far above grade 2


def test_offline_multiple_choice_keys_are_the_authors_own_words():
    material, _ = offline_packet()
    choice_items = [q for q in material.questions if q.kind == "multiple_choice"]
    assert choice_items
    for question in choice_items:
        correct = question.choices[question.correct_choice]
        assert correct == question.answer
        assert correct in question.evidence  # the sentence from the passage holds the word


def test_cloze_items_never_reveal_each_others_answers():
    material, _ = offline_packet("honeybees.txt")
    answers = {item.answer for item in material.cloze}
    for item in material.cloze:
        for other in answers - {item.answer}:
            assert other.lower() not in item.text.lower().split()


def test_large_print_body_is_at_least_18pt():
    _, documents = offline_packet(accommodations=["large-print"])
    student = open_docx(documents[0].data)
    body = [p for p in student.paragraphs if p.style.name in {"Passage", "Question", "Normal"}]
    assert body and min(effective_size(p) for p in body) >= 18


def test_standard_print_is_smaller_than_large_print():
    _, documents = offline_packet()
    student = open_docx(documents[0].data)
    passage = [p for p in student.paragraphs if p.style.name == "Passage"]
    assert effective_size(passage[0]) < 18


def test_written_questions_have_writing_lines_and_numbers_restart():
    _, documents = offline_packet(accommodations=["larger-answer-space"])
    student = open_docx(documents[0].data)
    paragraphs = student.paragraphs
    for index, paragraph in enumerate(paragraphs):
        if paragraph.style.name == "Question" and "Reread paragraph" in paragraph.text:
            following = [p.style.name for p in paragraphs[index + 1 : index + 7]]
            assert following == ["Answer Line"] * 6  # 3 lines, doubled
    numbers = [p.text.split(".")[0] for p in paragraphs if p.style.name == "Question"]
    assert numbers.count("1") >= 2  # word study, questions and fill-in each start at 1


def test_chunking_adds_page_breaks_and_keeps_every_item():
    plain_material, plain = offline_packet()
    chunked_material, chunked = offline_packet(accommodations=["chunking"])
    assert page_breaks(open_docx(chunked[0].data)) > page_breaks(open_docx(plain[0].data)) + 2
    assert chunked_material.questions == plain_material.questions


def test_reduced_choices_keeps_the_correct_choice_and_is_a_modification():
    full, _ = offline_packet()
    reduced, documents = offline_packet(accommodations=["reduced-choices"])
    for before, after in zip(full.questions, reduced.questions, strict=True):
        if before.kind == "multiple_choice":
            assert len(after.choices) == 3
            assert after.choices[after.correct_choice] == before.choices[before.correct_choice]
    entry = next(e for e in reduced.ledger if e.id == "reduced-choices")
    assert entry.category == "MODIFICATION" and entry.applied
    assert "MODIFICATION" in all_text(open_docx(documents[-1].data))


def test_fewer_items_keeps_every_kind_of_question():
    full, _ = offline_packet(questions=9)
    fewer, _ = offline_packet(questions=9, accommodations=["fewer-items"])
    assert len(fewer.questions) < len(full.questions)
    assert {q.kind for q in fewer.questions} == {q.kind for q in full.questions}


def test_model_only_accommodations_are_reported_not_faked():
    material, _ = offline_packet(
        accommodations=["bilingual-glossary", "below-grade-text"], glossary_language="Spanish"
    )
    ledger = {entry.id: entry for entry in material.ledger}
    assert not ledger["bilingual-glossary"].applied
    assert "needs a language model" in ledger["bilingual-glossary"].detail
    assert not ledger["below-grade-text"].applied
    assert all(entry.translation is None for entry in material.vocabulary)


def test_offline_topic_only_request_says_a_model_is_needed():
    request = make_request(topic="Volcanoes", levels=[3])
    with pytest.raises(ModelUnavailableError, match="cannot write a passage"):
        api.generate("worksheet", request, OfflineEngine())


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"topic": "", "levels": [3]}, "topic or a source"),
        ({"topic": "x", "levels": []}, "at least one"),
        ({"topic": "x", "levels": [3], "questions": 0}, "between 3 and 20"),
        ({"topic": "x", "levels": [3], "questions": 500}, "between 3 and 20"),
        ({"topic": "x", "levels": [14]}, "out of range"),
        ({"topic": "x", "levels": [3], "accommodations": ["nope"]}, "Unknown accommodation"),
        ({"topic": "x", "levels": [3], "accommodations": ["bilingual-glossary"]}, "language"),
    ],
)
def test_bad_requests_get_specific_messages(kwargs, fragment):
    with pytest.raises(InputError, match=fragment):
        make_request(**kwargs)
