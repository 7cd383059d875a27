"""Modifying an assignment with the offline engine: what needs no model is applied and read back;
what needs one is reported NOT APPLIED with the reason, never faked."""

from __future__ import annotations

import re

import pytest
from docx_read import all_text, effective_size, open_docx, page_breaks, starts_page
from samples import sample

from generators import api, assignment, modify
from generators.domain import accommodations as catalogue
from generators.domain.assignment import CHUNK_ITEMS
from generators.errors import InputError
from generators.models import OfflineEngine
from generators.students import parse_students

SAMPLES = ("fractions_assignment.docx", "main_idea_assignment.txt")
NO_MODEL_NEEDED = (
    "large-print,extra-spacing,chunking,read-aloud,visual-supports,larger-answer-space,"
    "extended-time,breaks,small-group-setting"
)
MANY_CHOICES = """Science Check

1. Which planet is largest?
a) Mars   b) Venus   c) Earth   d) Jupiter
2. Which gas do plants take in?
a) carbon dioxide   b) oxygen   c) helium   d) neon
3. Which is a mammal?
A. shark
B. whale
C. trout
D. eel
E. squid
4. Which is a solid at room temperature?
(a) water (b) steam (c) iron (d) air
5. Explain why the Moon has phases.
"""


def modified(source, accommodations, **extra):
    found = source if isinstance(source, assignment.Assignment) else assignment.load(sample(source))
    request = modify.make_request(found, accommodations=accommodations.split(","), **extra)
    material = api.generate("modify", request, OfflineEngine())
    return material, api.render(material)


def many_choices():
    return assignment.parse_text(MANY_CHOICES, "science.txt", "txt")


def student_items(document) -> list[str]:
    """The numbered items a student sees, in order."""
    return [
        p.text
        for p in open_docx(document.data).paragraphs
        if p.style.name == "Question" and re.match(r"\d+\. ", p.text)
    ]


def pages(document) -> list[list[str]]:
    """The student copy's item numbers, page by page (split at page breaks)."""
    result: list[list[str]] = [[]]
    for paragraph in open_docx(document.data).paragraphs:
        if starts_page(paragraph):
            result.append([])
        if paragraph.style.name == "Question":
            result[-1].append(paragraph.text.split(".")[0])
    return result


def longer_blanks(stem: str) -> str:
    """Larger answer space doubles each blank (at least ten underscores); nothing else moves."""
    return re.sub(r"_{2,}", lambda m: "_" * max(len(m.group()) * 2, 10), stem)


def ledger_ids(material) -> set[str]:
    return {entry.id for entry in material.ledger}


@pytest.mark.parametrize("name", SAMPLES)
def test_presentation_and_response_work_offline_on_both_samples(name):
    material, (student, teacher) = modified(name, NO_MODEL_NEEDED)
    original = material.original
    assert material.engine.label == "ParaPrep offline engine (no AI)"
    assert (student.role, teacher.role) == ("student", "teacher")
    # Same items, same order, same wording (blanks aside) on the student copy.
    shown = student_items(student)
    assert len(shown) == len(original.items) == 10
    for item, text in zip(original.items, shown, strict=True):
        assert text == f"{item.number}. {longer_blanks(item.stem)}"
    # Every accommodation asked for has a ledger line, every one of these applied.
    assert ledger_ids(material) == {a.strip() for a in NO_MODEL_NEEDED.split(",")}
    assert all(entry.applied for entry in material.ledger), material.ledger
    assert student.checks == ()  # the print check found nothing to fix or report


@pytest.mark.parametrize("name", SAMPLES)
def test_large_print_is_at_least_18_pt_everywhere_on_the_student_copy(name):
    _, (student, _) = modified(name, "large-print,visual-supports,breaks")
    document = open_docx(student.data)
    sizes = [effective_size(p) for p in document.paragraphs if p.text.strip()]
    cells = [p for t in document.tables for r in t.rows for c in r.cells for p in c.paragraphs]
    sizes += [effective_size(p) for p in cells if p.text.strip()]
    assert sizes and min(sizes) >= 18


def test_standard_print_is_smaller():
    _, (student, _) = modified("main_idea_assignment.txt", "chunking")
    questions = [p for p in open_docx(student.data).paragraphs if p.style.name == "Question"]
    assert effective_size(questions[0]) < 18


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # Parts of 4, 3 and 3 items: 2+2, 3, 3. Each part starts a new page.
        ("fractions_assignment.docx", [["1", "2"], ["3", "4"], ["5", "6", "7"], ["8", "9", "10"]]),
        # Ten items, no parts: near-equal chunks of at most three.
        ("main_idea_assignment.txt", [["1", "2", "3"], ["4", "5", "6"], ["7", "8"], ["9", "10"]]),
    ],
)
def test_chunking_puts_page_breaks_between_chunks(name, expected):
    material, (student, _) = modified(name, "chunking")
    assert pages(student) == expected
    assert page_breaks(open_docx(student.data)) == len(expected) - 1
    assert all(len(page) <= CHUNK_ITEMS for page in pages(student))
    plain, (plain_student, _) = modified(name, "large-print")
    assert page_breaks(open_docx(plain_student.data)) == 0
    assert [r.stem for r in material.items] == [r.stem for r in plain.items]


def test_breaks_print_checkpoints_between_sections():
    _, (student, teacher) = modified("fractions_assignment.docx", "breaks,extended-time")
    text = all_text(open_docx(student.data))
    assert text.count("Checkpoint: take a short break") == 2  # between three parts
    teacher_text = all_text(open_docx(teacher.data))
    assert "Extended time: allow 1.5 times the usual time" in teacher_text
    assert "Extended time" not in text


def test_extended_time_uses_the_time_the_directions_give():
    found = assignment.parse_text(
        "Quiz\nDirections: You have 20 minutes.\n1. What is 2+2?\n", "q.txt", "txt"
    )
    material, _ = modified(found, "extended-time")
    assert "allow 30 minutes (1.5x)" in material.ledger[0].detail


def test_model_work_is_not_applied_offline_and_says_why():
    material, (student, teacher) = modified(
        "main_idea_assignment.txt",
        "simplified-directions,sentence-starters,highlight-key-terms,word-bank,fewer-items,"
        "below-grade-text",
    )
    by_id = {entry.id: entry for entry in material.ledger}
    for accommodation_id in ("simplified-directions", "sentence-starters", "highlight-key-terms",
                             "word-bank", "fewer-items"):  # fmt: skip
        entry = by_id[accommodation_id]
        assert not entry.applied and "offline engine, no AI" in entry.detail, entry
    assert "no reading passage" in by_id["below-grade-text"].detail
    assert not by_id["below-grade-text"].applied
    # Nothing changed on the student copy: directions, items and wording as in the original.
    assert material.directions == material.original.directions
    assert all(not r.changes and r.starter is None for r in material.items)
    assert "Word bank" not in all_text(open_docx(student.data))
    assert "NOT APPLIED" in all_text(open_docx(teacher.data))


def test_teacher_named_key_terms_are_highlighted_offline_never_in_choices():
    material, (student, _) = modified(
        "main_idea_assignment.txt", "highlight-key-terms", terms_text="forager, colony"
    )
    assert material.key_terms == ("forager", "colony")
    document = open_docx(student.data)
    bold = [r.text for p in document.paragraphs for r in p.runs if r.style.name == "Key Term"]
    assert bold.count("forager") == 3 and bold.count("colony") == 2  # items 2, 3, 8; 5, 7
    choices = [p for p in document.paragraphs if p.style.name == "Choice"]
    assert all(r.style.name != "Key Term" for p in choices for r in p.runs)
    assert material.ledger[0].applied and "named by the teacher" in material.ledger[0].detail


def test_key_terms_must_be_in_the_assignment():
    found = assignment.load(sample("main_idea_assignment.txt"))
    with pytest.raises(InputError, match=r"not found in the assignment.*photosynthesis"):
        modify.make_request(
            found, accommodations=["highlight-key-terms"], terms_text="photosynthesis"
        )


# --- reduced-choices: the correct choice is never dropped ---


def test_reduced_choices_keep_the_correct_choice_on_every_item():
    key = {"1": "d", "2": "a", "3": "b", "4": "c"}  # last, first, middle, and of five choices
    found = many_choices()
    material, (student, teacher) = modified(
        found, "reduced-choices", key_text=",".join(f"{n}:{c}" for n, c in key.items())
    )
    student_text = all_text(open_docx(student.data))
    for item, result in zip(found.items[:4], material.items[:4], strict=True):
        correct = item.choices["abcde".index(key[item.number].lower())].text
        assert len(result.choices) == 3
        assert result.choices[result.correct].text == correct
        assert result.answer_source == "key"
        assert [c.label.lower() for c in result.choices] == ["a", "b", "c"]
        kept_texts = [c.text for c in result.choices]
        assert kept_texts == [c.text for c in item.choices if c.text in kept_texts]  # same order
        assert correct in student_text
    assert [c.label for c in material.items[2].choices] == ["A", "B", "C"]  # case kept
    entry = next(e for e in material.ledger if e.id == "reduced-choices")
    assert entry.category == "MODIFICATION" and entry.applied
    teacher_text = all_text(open_docx(teacher.data))
    assert "1. d) Jupiter" not in teacher_text and "1. c) Jupiter (teacher's key)" in teacher_text


def test_an_item_with_no_known_answer_is_left_unchanged_and_reported():
    found = many_choices()
    material, (_, teacher) = modified(found, "reduced-choices", key_text="1:d")
    assert len(material.items[0].choices) == 3
    for item, result in zip(found.items[1:4], material.items[1:4], strict=True):
        assert result.choices == item.choices and result.correct is None
        assert "NOT applied" in result.changes[0]
    refused = [e for e in material.ledger if e.id == "reduced-choices" and not e.applied]
    assert len(refused) == 1 and "items 2, 3, 4, left unchanged" in refused[0].detail
    assert refused[0].category == "MODIFICATION"
    assert "Reduced choices NOT applied" in all_text(open_docx(teacher.data))


def test_reduced_choices_offline_without_a_key_changes_nothing():
    material, _ = modified("main_idea_assignment.txt", "reduced-choices")
    assert [len(r.choices) for r in material.items if r.choices] == [4, 4]
    (entry,) = material.ledger
    assert not entry.applied and "items 7, 8" in entry.detail and "no AI" in entry.detail


# --- fewer-items: the teacher's pick offline ---


def test_fewer_items_with_the_teachers_pick():
    material, (student, teacher) = modified(
        "main_idea_assignment.txt", "fewer-items,large-print", keep_text="1, 3,7, 9"
    )
    assert student_items(student) == [
        "1. In your own words, what is the article mostly about? Write two or three sentences.",
        "2. How is the job of a house bee different from the job of a forager bee?",
        "3. Which word best describes how the bees in a colony work?",
        "4. Write a short paragraph (4-5 sentences) that explains how nectar becomes honey. Use "
        "the words nectar, enzymes, evaporate, and wax.",
    ]
    entry = next(e for e in material.ledger if e.id == "fewer-items")
    assert entry.applied and entry.category == "MODIFICATION"
    assert "4 of 10 items kept (the teacher's choice" in entry.detail
    teacher_text = all_text(open_docx(teacher.data))
    assert "7 (now 3)" in teacher_text and "2 (left out)" in teacher_text


@pytest.mark.parametrize(
    ("keep", "message"),
    [
        ("1,2,3,4,5,6,7,8,9,10", "lists every item"),
        ("1,12", "no item 12"),
        ("", "lists no items"),
    ],
)
def test_bad_keep_lists_are_refused(keep, message):
    found = assignment.load(sample("main_idea_assignment.txt"))
    with pytest.raises(InputError, match=message):
        modify.make_request(found, accommodations=["fewer-items"], keep_text=keep or " ")


def test_keep_without_fewer_items_is_refused():
    found = assignment.load(sample("main_idea_assignment.txt"))
    with pytest.raises(InputError, match="add fewer-items"):
        modify.make_request(found, accommodations=["large-print"], keep_text="1,2")


# --- The request ---


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("7", "not understood"),
        ("3:a", "item 3 is not multiple choice"),
        ("7:f", "item 7 has choices a, b, c, d only"),
        ("99:a", "no item 99"),
    ],
)
def test_bad_answer_keys_are_refused_clearly(key, message):
    found = assignment.load(sample("main_idea_assignment.txt"))
    with pytest.raises(InputError, match=message):
        modify.make_request(found, accommodations=["reduced-choices"], key_text=key)


def test_repeated_numbers_are_named_by_position():
    found = assignment.parse_text(
        "Part A\n1. Pick one. a) x b) y c) z d) w\nPart B\n1. Pick one. a) p b) q c) r d) s\n",
        "t.txt",
        "txt",
    )
    with pytest.raises(InputError, match="write #N"):
        modify.make_request(found, accommodations=["reduced-choices"], key_text="1:a")
    request = modify.make_request(found, accommodations=["reduced-choices"], key_text="#2:d")
    assert request.key == ((2, 3),)


def test_nothing_asked_for_is_refused():
    found = assignment.load(sample("main_idea_assignment.txt"))
    with pytest.raises(InputError, match="at least one accommodation"):
        modify.make_request(found)


def test_a_students_profile_adds_its_accommodations_and_says_so():
    roster = parse_students(
        "code,grade,accommodations,name\nStudent A,5,large-print;chunking,Maria Lopez\n"
    )
    material, (student, teacher) = modified(
        "main_idea_assignment.txt", "read-aloud", student_code="student a", caseload=roster
    )
    assert material.accommodations == ("large-print", "chunking", "read-aloud")
    assert material.from_profile == ("large-print", "chunking")
    details = {e.id: e.detail for e in material.ledger}
    assert details["chunking"].startswith("From Student A's profile.")
    assert not details["read-aloud"].startswith("From")
    assert "student-a" in student.filename
    for document in (student, teacher):
        assert "Maria" not in all_text(open_docx(document.data))


def test_student_without_a_students_file_is_refused():
    found = assignment.load(sample("main_idea_assignment.txt"))
    with pytest.raises(InputError, match="needs the students file that lists the student"):
        modify.make_request(found, accommodations=["large-print"], student_code="Student A")


# --- The documents ---


def test_student_copy_holds_no_ledger_key_or_label_and_teacher_copy_holds_all():
    material, (student, teacher) = modified(
        "fractions_assignment.docx", "reduced-choices,large-print,read-aloud", key_text="1:b,2:a"
    )
    student_text = all_text(open_docx(student.data))
    for word in ("MODIFICATION", "ledger", "Answer key", "teacher's key", "Read-aloud", "modified"):
        assert word.lower() not in student_text.lower()
    teacher_text = all_text(open_docx(teacher.data))
    assert "Made by: ParaPrep offline engine (no AI)." in teacher_text
    assert "Found: 3 sections, 10 items, 2 multiple choice, 1 table." in teacher_text
    assert "Item by item: original and student copy" in teacher_text
    for entry in material.ledger:
        assert entry.detail in teacher_text
    assert "MODIFICATION" in teacher_text
    assert "Which fraction is equivalent to 2/3? / (a) 3/4 / (b) 4/6 / (c) 2/6 / (d) 6/12" in (
        teacher_text
    )
    assert "Read-aloud script" in teacher_text
    assert "Item 1: read “Which fraction is equivalent to 2/3?”" in teacher_text
    assert "Score" in student_text and "Teacher comment" in student_text  # the table is kept


def test_every_change_on_the_student_copy_is_in_the_ledger():
    """Whatever an item's changes cite, the ledger has an applied line for it."""
    material, _ = modified(
        many_choices(), "reduced-choices,larger-answer-space,fewer-items,chunking",
        key_text="1:d,2:a", keep_text="1,2,5",
    )  # fmt: skip
    applied = {entry.id for entry in material.ledger if entry.applied}
    cited = {
        "reduced-choices" if "reduced-choices" in change else
        "fewer-items" if "fewer-items" in change or "Numbered" in change else
        "larger-answer-space" if "Larger answer space" in change else change
        for result in material.items for change in result.changes
    }  # fmt: skip
    assert cited and cited <= applied


def test_the_catalogue_decides_every_category():
    material, _ = modified("main_idea_assignment.txt", ",".join(catalogue.ids()))
    assert ledger_ids(material) == set(catalogue.ids())
    for entry in material.ledger:
        assert entry.category == catalogue.get(entry.id).category_label


def test_offline_is_deterministic():
    first, first_docs = modified("fractions_assignment.docx", NO_MODEL_NEEDED)
    second, _ = modified("fractions_assignment.docx", NO_MODEL_NEEDED)
    assert first == second
    assert len(first_docs) == 2
