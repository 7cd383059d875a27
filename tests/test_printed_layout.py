"""What prints, with realistic content: page budgets, page flow and table grids.

The replies are tests/fixtures/realistic_*.json, written the way a capable model fills the
schemas (350-word passages, run-sheet lines at their 20-word cap, a paragraph in every practice
item). Documents go through the stub model and the real API; the printed tests convert them with
LibreOffice (one start per packet) and read the pages back; the grid tests run everywhere.
"""

from __future__ import annotations

import io

import pytest
from docx import Document
from docx.oxml.ns import qn
from printed import (
    broken_words,
    flow_faults,
    needs_libreoffice,
    realistic_plan_responder,
    realistic_worksheet_responder,
)
from pypdf import PdfReader
from stub_openai import StubServer

from generators import api, small_group, worksheet
from generators import printing as preview
from generators.domain.students import Student
from generators.models import from_env
from generators.render import tables

NEEDS = [
    ("large-print", "fewer-items", "sentence-starters"),
    ("sentence-starters", "word-bank", "read-aloud"),
    ("graphic-organizer", "chunking"),
    ("extended-time", "breaks", "highlight-key-terms"),
    ("visual-supports", "larger-answer-space"),
    (),
]
LEVELS = [2, 3, 4, 4, 3, 4]
GROUP = [
    Student(code=f"Student {letter}", grade=4, reading_level=level, accommodations=needs)
    for letter, level, needs in zip("ABCDEF", LEVELS, NEEDS, strict=True)
]
OBJECTIVE = "Find the main idea of an informational paragraph and two details that support it"


@pytest.fixture(scope="module")
def model_env():
    with StubServer() as stub, pytest.MonkeyPatch.context() as patch:
        patch.setenv("OPENAI_API_KEY", "test-key")
        patch.setenv("OPENAI_BASE_URL", stub.base_url)
        patch.setenv("PARAPREP_MODEL", "stub-model")
        yield stub


def group_packet(stub, size: int):
    stub.set_responder(realistic_plan_responder)
    request = small_group.make_request(
        objective=OBJECTIVE, subject="reading", grade=4, students=GROUP[:size]
    )
    return api.render(api.generate("group-plan", request, from_env()))


def worksheet_packet(stub, accommodations: tuple[str, ...]):
    stub.set_responder(realistic_worksheet_responder)
    request = worksheet.make_request(
        topic="How beavers change a river", levels=(3, 5, 7), accommodations=accommodations
    )
    return api.render(api.generate("worksheet", request, from_env()))


@pytest.fixture(scope="module")
def four_students(model_env):
    return group_packet(model_env, 4)


@pytest.fixture(scope="module")
def six_students(model_env):
    return group_packet(model_env, 6)


@pytest.fixture(scope="module")
def standard_worksheet(model_env):
    return worksheet_packet(model_env, ("sentence-starters",))


@pytest.fixture(scope="module")
def large_print_worksheet(model_env):
    return worksheet_packet(model_env, ("large-print", "sentence-starters"))


@pytest.fixture(scope="module")
def modified_quiz():
    from test_hidden_text import quiz_with_hidden_answers

    from generators import assignment, modify
    from generators.models import OfflineEngine
    from generators.sources import DEFAULT_LIMITS

    found = assignment.parse_docx_bytes(quiz_with_hidden_answers(), "quiz.docx", DEFAULT_LIMITS)
    request = modify.make_request(found, accommodations=["simplified-directions", "chunking"])
    return api.render(api.generate("modify", request, OfflineEngine()))


def by_role(documents, role):
    return [document for document in documents if document.role == role]


# --- Table grids (everywhere) ---


def every_table(documents):
    for document in documents:
        docx = Document(io.BytesIO(document.data))
        for table in docx.tables:
            yield document, docx, table


def header(table) -> list[str]:
    return [cell.text for cell in table.rows[0].cells]


def shares(table) -> list[float]:
    grid = tables.grid_twips(table)
    return [width / sum(grid) for width in grid]


@pytest.mark.parametrize(
    "packet", ["four_students", "six_students", "standard_worksheet", "large_print_worksheet",
               "modified_quiz"]
)  # fmt: skip
def test_every_table_has_a_fixed_grid_the_width_of_the_text(packet, request):
    documents = request.getfixturevalue(packet)
    checked = 0
    for document, docx, table in every_table(documents):
        section = docx.sections[-1]
        text_twips = (section.page_width - section.left_margin - section.right_margin) // 635
        grid = tables.grid_twips(table)
        assert abs(sum(grid) - text_twips) <= len(grid), (document.filename, header(table))
        layout = table._tbl.tblPr.find(qn("w:tblLayout"))
        assert layout is not None and layout.get(qn("w:type")) == "fixed"
        for row in table.rows:  # Word reads each cell's width: the grid columns it spans
            column = 0
            for cell in row._tr.tc_lst:
                span = cell.grid_span
                assert cell.width // 635 == sum(grid[column : column + span]), document.filename
                column += span
        checked += 1
    assert checked >= 2


def test_plan_columns_are_sized_to_what_they_hold(four_students):
    [plan] = by_role(four_students, "teacher")
    docx = Document(io.BytesIO(plan.data))
    found = {tuple(header(table)): shares(table) for table in docx.tables}
    part, minutes, clock, happens = found[("Part", "Minutes", "Clock", "What happens")]
    assert happens >= 0.5 and max(part, minutes, clock) < 0.15
    number, misconception, seen, move = found[
        ("#", "Misconception", "What you see or hear", "What the adult does")
    ]
    assert number < 0.06 and min(misconception, seen, move) > 0.2
    sort, looks, then = found[("Sort", "What it looks like", "Next")]
    assert sort < min(looks, then)
    student, needs = found[("Student", "Accommodations and modifications")]
    assert student < 0.25 < needs
    assert found[("Lesson", "")][0] < 0.15


def test_modified_copy_columns_give_the_wording_the_room(modified_quiz):
    [teacher] = by_role(modified_quiz, "teacher")
    docx = Document(io.BytesIO(teacher.data))
    items = next(t for t in docx.tables if header(t)[0] == "Item")
    number, original, student, changes = shares(items)
    assert number < 0.12 and changes < 0.25  # "No change to wording." needs little
    assert min(original, student) > 0.3 and abs(original - student) < 0.05  # same text, same room
    ledger = next(t for t in docx.tables if header(t)[0] == "Accommodation")
    name, category, applied, detail = shares(ledger)
    assert detail > max(name, category, applied)


def test_worksheet_columns_give_meanings_the_room(standard_worksheet):
    [teacher] = by_role(standard_worksheet, "teacher")
    docx = Document(io.BytesIO(teacher.data))
    versions = next(t for t in docx.tables if header(t)[0] == "Version")
    letter, _, _, status, passage = shares(versions)
    assert letter < status and passage < status
    student = Document(io.BytesIO(by_role(standard_worksheet, "student")[0].data))
    words = next(t for t in student.tables if header(t)[0] == "Word")
    word, meaning = shares(words)
    assert word < 0.3 < meaning


# --- Printed (LibreOffice) ---


def fills(document, pdf) -> list[float]:
    """How far down each printed page reaches (0-1), inside the document's own margins."""
    section = Document(io.BytesIO(document.data)).sections[0]
    return preview.page_fill(pdf, (section.top_margin.inches, section.bottom_margin.inches))


def printed(documents):
    """Each document's printed pages (text) and PDF, from one LibreOffice start."""
    pdfs = preview.to_pdfs(list(documents))
    return [
        (document, pdf, [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages])
        for document, pdf in zip(documents, pdfs, strict=True)
    ]


def table_header_words(document) -> list[str]:
    docx = Document(io.BytesIO(document.data))
    cells = [cell.text for table in docx.tables for cell in table.rows[0].cells]
    words = {word.strip("():,") for text in cells for word in text.split()}
    return sorted(word for word in words if len(word) >= 4)


@needs_libreoffice
def test_small_group_packet_prints_within_its_budget(four_students):
    results = printed(four_students)
    pages = {document.filename: texts for document, _, texts in results}
    [plan] = by_role(four_students, "teacher")
    [run_sheet] = by_role(four_students, "para")
    assert len(pages[plan.filename]) <= 4, f"plan printed on {len(pages[plan.filename])} pages"
    assert len(pages[run_sheet.filename]) == 1
    plan_pdf = next(pdf for document, pdf, _ in results if document is plan)
    assert all(fill >= 0.5 for fill in fills(plan, plan_pdf)[:-1])  # no half-empty page
    for document, _, texts in results:
        assert not flow_faults(texts), (document.filename, flow_faults(texts))
        assert not broken_words(table_header_words(document), texts), document.filename


@needs_libreoffice
def test_run_sheet_for_six_students_at_every_cap_prints_on_one_page(six_students):
    [run_sheet] = by_role(six_students, "para")
    [(_, _, pages)] = printed([run_sheet])
    assert len(pages) == 1, f"the run sheet printed on {len(pages)} pages"
    assert "Student F" in pages[0] and "Made by" in pages[0]  # the last lines, not cut off
    assert "Show how with the first paragraph, thinking aloud" in " ".join(pages[0].split())


@needs_libreoffice
def test_standard_worksheet_prints_in_five_pages_without_split_questions(standard_worksheet):
    for document, pdf, pages in printed(standard_worksheet):
        if document.role == "student":
            assert len(pages) <= 5, f"{document.filename}: {len(pages)} pages"
        assert all(fill >= 0.5 for fill in fills(document, pdf)[:-1]), document.filename
        assert not flow_faults(pages), (document.filename, flow_faults(pages))
        assert not broken_words(table_header_words(document), pages), document.filename


@needs_libreoffice
def test_large_print_worksheet_has_no_page_more_than_half_empty(large_print_worksheet):
    for document, pdf, pages in printed(by_role(large_print_worksheet, "student")):
        assert not flow_faults(pages), (document.filename, flow_faults(pages))
        filled = fills(document, pdf)
        assert all(fill >= 0.5 for fill in filled[:-1]), (document.filename, filled)
        assert not broken_words(table_header_words(document), pages), document.filename


# --- The checks themselves can fail ---


def test_the_flow_and_word_checks_catch_what_they_look_for():
    assert flow_faults(["1. Why?\nA. Yes", "C. Gas\nD. Solid\nVersion B Page 2 of 2"]) == [
        "page 2 starts with a choice: 'C. Gas'"
    ]
    assert flow_faults(["Title", "Version B Page 2 of 2"]) == [
        "page 2 holds only writing lines (or nothing)"
    ]
    assert broken_words(["Version", "them"], ["Versi\non", "both of the\nmain idea"]) == ["Version"]


def test_each_question_is_kept_with_its_choices_and_lines(standard_worksheet):
    """The structure behind the printed check, which runs without LibreOffice too."""
    docx = Document(io.BytesIO(by_role(standard_worksheet, "student")[0].data))
    paragraphs = docx.paragraphs
    units = 0
    for index, paragraph in enumerate(paragraphs):
        if paragraph.style.name != "Question":
            continue
        units += 1
        block = [paragraph]
        for following in paragraphs[index + 1 :]:
            if following.style.name not in ("Choice", "Starter", "Answer Line"):
                break
            block.append(following)
        assert len(block) >= 3, paragraph.text
        assert all(p.paragraph_format.keep_together for p in block)
        assert all(p.paragraph_format.keep_with_next for p in block[:-1]), paragraph.text
        assert not block[-1].paragraph_format.keep_with_next
    assert units == 6
