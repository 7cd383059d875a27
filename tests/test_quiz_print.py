"""What the quiz and the study guide print, through LibreOffice (skipped where it is absent).

Realistic content: the offline quiz and guide from the fixture passages, and the guide a model
writes (the stub's definitions and Frayer cards at full length).
"""

from __future__ import annotations

from pathlib import Path

from leveled_texts import GRADE_8
from printed import needs_libreoffice, printed_pages
from quiz_stub import quiz_responder

from generators import api
from generators.models import OfflineEngine, from_env
from generators.quiz import make_request
from generators.study_guide import make_request as guide_request

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def quiz_documents(accommodations=()):
    request = make_request(source_text=(FIXTURES / "island_volcano.txt").read_text(),
                           levels=(4,), items=10, accommodations=accommodations)  # fmt: skip
    material = api.generate("quiz", request, OfflineEngine())
    return material, api.render(material)


def test_quiz_copies_pass_the_print_check_untouched():
    for accommodations in ((), ("large-print", "chunking", "larger-answer-space")):
        _, documents = quiz_documents(accommodations)
        assert all(not document.checks for document in documents), [d.checks for d in documents]


@needs_libreoffice
def test_quiz_student_copy_prints_passage_and_ten_items_on_four_pages():
    material, documents = quiz_documents()
    student, teacher = documents
    pages = printed_pages(student)
    assert len(pages) <= 4, len(pages)
    for page in pages:  # a section heading never ends a page without its first item
        assert not page.rstrip().endswith(("Circle the letter of the best answer.",
                                           "Circle True or False for each sentence."))  # fmt: skip
    text = " ".join(pages)
    assert f"out of {material.total_points} points" in pages[0]
    for number in range(1, len(material.items) + 1):
        assert f"{number}. " in text
    assert "Answer key" not in text
    assert len(printed_pages(teacher)) <= 3


@needs_libreoffice
def test_large_print_chunked_quiz_keeps_each_item_whole():
    _, documents = quiz_documents(("large-print", "chunking"))
    pages = printed_pages(documents[0])
    assert len(pages) >= 4  # the same items over more pages
    for page in pages:  # an item's choices never start a page without their question
        assert not page.strip().startswith(("A. ", "B. ", "C. ", "D. "))


def guide_pages(material):
    return printed_pages(api.render(material)[0])


@needs_libreoffice
def test_offline_guide_summary_is_one_page_and_answers_are_on_the_back():
    request = guide_request(source_text=(FIXTURES / "coral_reef.txt").read_text(), level=4,
                            terms=6, frayer=2)  # fmt: skip
    material = api.generate("study-guide", request, OfflineEngine())
    pages = guide_pages(material)
    assert "Key ideas" in pages[0] and "Vocabulary cards" not in pages[0]
    assert "Vocabulary cards" in pages[1]
    assert all(card.term in pages[1] for card in material.cards)  # six cards on one page
    assert "Frayer cards" in pages[2]
    assert "Self-check answers (back page)" in pages[-1]
    assert "Check yourself" not in pages[-1]
    assert len(pages) == 5, [p[:40] for p in pages]


@needs_libreoffice
def test_model_guide_with_definitions_prints_the_same_pages(stub_env):
    stub_env.set_responder(quiz_responder)
    request = guide_request(source_text=GRADE_8, level=5, terms=6, frayer=2)
    material = api.generate("study-guide", request, from_env())
    pages = guide_pages(material)
    assert "Key ideas" in pages[0] and "Vocabulary cards" in pages[1]
    assert all(card.term in pages[1] for card in material.cards)
    assert "Self-check answers (back page)" in pages[-1]
    assert len(pages) == 5, [p[:40] for p in pages]
