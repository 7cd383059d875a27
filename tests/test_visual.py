"""Visual supports: pictures from the bundled set, a box to draw in, cut lines, the credit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx_read import all_text, open_docx
from printed import needs_libreoffice, printed_pages

from generators import api
from generators.cli import main
from generators.domain.symbols import CREDIT, VOCABULARY, match
from generators.errors import InputError
from generators.render.visual import SYMBOLS
from generators.visual import make_request

SCHEDULE = "Morning meeting, Reading, Wash hands, Lunch, Recess, Occupational therapy"


def visual(**options):
    request = make_request(student_code="Student A", **options)
    material = api.generate("visual", request)
    [document] = api.render(material)
    return material, document


def footer(document) -> str:
    """The credit line: in the page header, so it prints on every page."""
    return open_docx(document.data).sections[0].header.paragraphs[0].text


def test_every_symbol_in_the_vocabulary_is_bundled_and_nothing_else():
    bundled = {path.stem for path in SYMBOLS.glob("*.png")}
    assert bundled == set(VOCABULARY)
    assert (SYMBOLS / "LICENSE.txt").read_text().startswith("Attribution-ShareAlike 4.0")
    assert "CC BY-SA 4.0" in (SYMBOLS / "NOTICE.txt").read_text()


@pytest.mark.parametrize(
    ("item", "hexcode"),
    [("Wash hands", "1F9FC"), ("Reading", "1F4D6"), ("LUNCH!", "1F37D"), ("Free time", "1F3B2"),
     ("Calm down corner", "1F6CB"), ("Occupational therapy", None), ("Mathematics", None),
     ("Breakfast", "1F37D"), ("Outbreak", None)],
)  # fmt: skip
def test_items_match_whole_words_only_or_nothing(item, hexcode):
    assert match(item).hexcode == hexcode


def test_schedule_has_a_picture_per_known_item_and_a_box_for_the_rest():
    material, document = visual(type="schedule", items=SCHEDULE)
    docx = open_docx(document.data)
    assert len(docx.inline_shapes) == 5  # six items, one without a symbol
    text = all_text(docx) + " ".join(c.text for t in docx.tables for r in t.rows for c in r.cells)
    assert "Draw or glue a picture of: Occupational therapy" in text
    assert any("Occupational therapy" in warning for warning in material.warnings)
    assert footer(document) == CREDIT
    borders = docx.tables[0]._tbl.tblPr.xml
    assert 'w:val="dashed"' in borders  # the cut lines


def test_first_then_has_two_large_pictures_and_the_credit():
    _, document = visual(type="first-then", items="Math worksheet, iPad")
    docx = open_docx(document.data)
    assert len(docx.inline_shapes) == 2
    assert all(shape.width >= 2_500_000 for shape in docx.inline_shapes)  # about 3 inches
    assert footer(document) == CREDIT


def test_token_board_has_the_reward_and_one_token_per_space():
    _, document = visual(type="token-board", tokens=4, reward="Legos")
    docx = open_docx(document.data)
    assert len(docx.inline_shapes) == 1 + 4  # the reward, then 4 tokens to cut out
    assert [c.text for c in docx.tables[0].rows[0].cells[1:]] == ["1", "2", "3", "4"]
    assert footer(document) == CREDIT


@needs_libreoffice
@pytest.mark.parametrize(
    "options",
    [{"type": "schedule", "items": SCHEDULE}, {"type": "first-then", "items": "Math, iPad"},
     {"type": "token-board", "tokens": 10, "reward": "Bubbles"}],
)  # fmt: skip
def test_each_support_prints_on_one_page_with_the_credit(options):
    _, document = visual(**options)
    pages = printed_pages(document)
    assert len(pages) == 1 and "OpenMoji" in pages[0] and "CC BY-SA 4.0" in pages[0]


BAD = [
    ({"type": "calendar"}, "Unknown visual support 'calendar'"),
    ({"type": "schedule"}, "A schedule needs its items"),
    ({"type": "schedule", "items": "a,b,c,d,e,f,g"}, "7 schedule items"),
    ({"type": "first-then", "items": "Math"}, "exactly 2 items"),
    ({"type": "token-board"}, "needs a reward, what the student works for"),
    ({"type": "token-board", "reward": "iPad", "tokens": 0}, "0 tokens: choose 1 to 10"),
    ({"type": "schedule", "items": "x" * 41}, "over 40 characters"),
]


@pytest.mark.parametrize(("options", "message"), BAD)
def test_bad_inputs_get_a_specific_message(options, message):
    with pytest.raises(InputError, match=message):
        make_request(student_code="Student A", **options)


def test_cli_makes_one_board_per_student_and_never_prints_a_name(tmp_path, capsys):
    roster = tmp_path / "students.csv"
    roster.write_text("code,grade,name\nStudent A,3,Maria Lopez\nStudent B,4,Jamal Brown\n")
    code = main(["visual", "--type", "first-then", "--items", "Reading, Maria's break",
                 "--students", str(roster), "--out", str(tmp_path / "out"), "--json"])  # fmt: skip
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    assert len(report["files"]) == 2
    for entry in report["files"]:
        text = all_text(open_docx(Path(entry["path"]).read_bytes()))
        docx = open_docx(Path(entry["path"]).read_bytes())
        text += " ".join(c.text for t in docx.tables for r in t.rows for c in r.cells)
        assert "Maria" not in text and "Student A's break" in text
