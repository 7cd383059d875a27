"""The leveled quiz with the offline engine: same items per level, one key, printable."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx_read import all_text, open_docx

from generators import api, items, textwork
from generators.domain.quiz import ITEM_KINDS
from generators.errors import InputError, ModelUnavailableError
from generators.models import OfflineEngine
from generators.quiz import make_request, parse_types

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def offline_quiz(name="island_volcano.txt", levels=(3, 6), **extra):
    request = make_request(
        source_text=(FIXTURES / name).read_text(), source_name=name, levels=levels, **extra
    )
    material = api.generate("quiz", request, OfflineEngine())
    return material, api.render(material)


def test_one_student_copy_per_level_and_one_teacher_copy():
    material, documents = offline_quiz()
    assert [(d.role, d.level) for d in documents] == [
        ("student", 3), ("student", 6), ("teacher", None),
    ]  # fmt: skip
    assert material.engine.label == "ParaPrep offline engine (no AI)"
    assert len(material.items) == 8
    assert {item.kind for item in material.items} == set(ITEM_KINDS)
    assert all(not copy.version.rewritten for copy in material.copies)


def test_every_copy_prints_the_same_items_and_no_key():
    material, documents = offline_quiz()
    students = [all_text(open_docx(d.data)) for d in documents if d.role == "student"]
    for text in students:
        assert "Answer:" not in text and "Answer key" not in text and "DOK" not in text
        assert not [item for item in material.items if item.rationale in text]
        assert "grade" not in text.lower()
        assert f"out of {material.total_points} points" in text  # the score box
        for number, item in enumerate(material.items, 1):
            assert f"{number}. {item.stem}" in text
            assert "point" in text.split(f"{number}. {item.stem}", 1)[1].split("\n", 1)[0]
    assert students[0].split("Multiple choice", 1)[1] == students[1].split("Multiple choice", 1)[1]


def test_the_teacher_key_gives_answer_rationale_source_dok_and_type():
    material, documents = offline_quiz()
    teacher = all_text(open_docx(documents[-1].data))
    assert "Answer key" in teacher and "DOK" in teacher
    assert "offline engine (no AI)" in teacher.lower() or "Offline engine (no AI)" in teacher
    for item in material.items:
        assert item.rationale in teacher
        assert item.source_sentence.split(".")[0] in teacher
        assert 1 <= item.dok <= 3
    for item in material.items:
        if item.kind == "multiple_choice":
            letter = "ABCD"[item.correct_choice]
            assert f"{letter}. {item.choices[item.correct_choice]}" in teacher


def test_offline_items_are_decided_by_the_text():
    material, _ = offline_quiz()
    source = textwork.split_title((FIXTURES / "island_volcano.txt").read_text())[1]
    text = " ".join(source)
    for item in material.items:
        if item.kind == "multiple_choice":
            assert len(set(item.choices)) == 4
            assert item.choices[item.correct_choice] == item.answer
            assert item.source_sentence in text
            assert not any("of the above" in choice for choice in item.choices)
        if item.kind == "true_false":
            assert item.choices == ["True", "False"]
            assert (item.stem == item.source_sentence) == (item.answer == "True")
        if item.kind == "matching":
            terms = [pair.term for pair in item.pairs]
            assert len(terms) >= 3 and len(set(map(items.word_family, terms))) == len(terms)
    positions = [i.correct_choice for i in material.items if i.kind == "multiple_choice"]
    assert len(positions) < 2 or len(set(positions)) > 1


def test_reduced_choices_keeps_the_correct_answer_and_fewer_items_keeps_every_type():
    full, _ = offline_quiz(items=9)
    material, documents = offline_quiz(items=9, accommodations=["reduced-choices", "fewer-items"])
    assert {i.kind for i in material.items} == {i.kind for i in full.items}
    assert len(material.items) == 6  # two thirds of 9
    for item in material.items:
        if item.kind == "multiple_choice":
            assert len(item.choices) == 3
            assert item.choices[item.correct_choice] == item.answer
    for copy in material.copies:
        for item, words in zip(material.items, copy.wording, strict=True):
            assert len(words.choices) == len(item.choices)
    ledger = {entry.id: entry for entry in material.ledger}
    assert (
        ledger["reduced-choices"].category == "MODIFICATION" and ledger["reduced-choices"].applied
    )
    assert ledger["fewer-items"].category == "MODIFICATION"
    teacher = all_text(open_docx(documents[-1].data))
    assert "MODIFICATION" in teacher and "correct choice is always kept" in teacher


def test_layout_accommodations_change_layout_not_content():
    plain, _ = offline_quiz()
    material, documents = offline_quiz(
        accommodations=["large-print", "chunking", "visual-supports", "larger-answer-space"]
    )
    assert material.items == plain.items
    student = open_docx(documents[0].data)
    text = all_text(student)
    assert "CIRCLE: Multiple choice" in text and "READ: Read the passage" in text
    assert student.element.body.xml.count("<w:pageBreakBefore/>") >= 2


def test_types_and_counts_are_validated_with_clear_messages():
    assert parse_types("tf, mc") == ("multiple_choice", "true_false")
    with pytest.raises(InputError, match="Unknown item type 'essay'"):
        parse_types("mc,essay")
    with pytest.raises(InputError, match="between 3 and 20"):
        make_request(source_text="Text.", levels=[3], items=40)
    with pytest.raises(ModelUnavailableError, match="topic alone"):
        api.generate("quiz", make_request(topic="Volcanoes", levels=[3]), OfflineEngine())


def test_only_the_chosen_types_and_an_honest_count():
    material, _ = offline_quiz(types="tf", items=12)
    assert {item.kind for item in material.items} == {"true_false"}
    if len(material.items) < 12:
        assert any("Only" in w and "could be built" in w for w in material.warnings)
