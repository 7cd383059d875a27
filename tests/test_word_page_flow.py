"""Print details every kind shares, checked in the DOCX itself (no LibreOffice needed).

The printed twins of the page-end checks are in test_word_printed.py.
"""

from __future__ import annotations

import re

import pytest
from docx.oxml.ns import qn
from docx.shared import Inches
from docx.text.paragraph import Paragraph
from docx_read import open_docx, word_banks
from word_packets import kind_names, offline_packets

from generators.render.docx_base import TEACHER_COPY, Writer

NUMBERED = re.compile(r"^\d+[.)]\s")


def body_paragraphs(document) -> list:
    """The body's blocks in order: Paragraph objects, or None for a table."""
    blocks = []
    for child in document.element.body:
        if child.tag == qn("w:p"):
            blocks.append(Paragraph(child, document._body))
        elif child.tag == qn("w:tbl"):
            blocks.append(None)
    return blocks


def test_a_closing_table_is_followed_by_a_one_point_paragraph():
    writer = Writer("standard")
    writer.label_pages(TEACHER_COPY)
    writer.title("Item by item")
    writer.table(["Item", "Original"], [["1", "What is the main idea of the article?"]])
    *_, table, closing = body_paragraphs(open_docx(writer.to_bytes()))
    assert table is None and closing.text == ""
    fmt = closing.paragraph_format
    assert fmt.line_spacing.pt == 1 and fmt.space_before.pt == 0 and fmt.space_after.pt == 0
    assert closing._p.pPr.find(f"{qn('w:rPr')}/{qn('w:sz')}").get(qn("w:val")) == "2"


def test_a_paragraph_after_a_table_mid_page_keeps_its_size():
    writer = Writer("standard")
    writer.table(["Word", "What it means"], [["evaporation", "water turning into a gas"]])
    writer.paragraph("Answer each question on the lines.", "Directions")
    spacer = next(p for p in body_paragraphs(open_docx(writer.to_bytes())) if p is not None)
    assert spacer.text == "" and spacer.paragraph_format.line_spacing is None


@pytest.mark.parametrize("kind", kind_names())
def test_every_document_ends_with_its_last_lines_kept_together(kind):
    for label, documents in offline_packets(kind):
        for rendered in documents:
            blocks = body_paragraphs(open_docx(rendered.data))
            ending = []
            for block in reversed(blocks):
                if block is None:
                    break
                ending.append(block)
            texts = [p for p in ending if p.text.strip()]
            if len(texts) < 2:
                continue  # a document that ends in a table (and its 1 pt closing paragraph)
            # The last item with text, the lines after it, and the text just before it
            last_text = ending.index(texts[0])
            before = ending[last_text + 1 : last_text + 2]
            together = ending[1 : last_text + 1] + [p for p in before if p.text.strip()]
            kept = [p.paragraph_format.keep_with_next for p in together]
            assert all(kept), (kind, label, rendered.filename, [p.text[:30] for p in ending])


@pytest.mark.parametrize("kind", kind_names())
def test_directions_are_never_numbered_like_questions(kind):
    lettered = 0
    for label, documents in offline_packets(kind):
        for rendered in documents:
            for paragraph in open_docx(rendered.data).paragraphs:
                if paragraph.style.name == "Directions":
                    assert not NUMBERED.match(paragraph.text), (kind, label, paragraph.text)
                    lettered += paragraph.text.startswith(("a. ", "b. ", "c. "))
    # These simplify directions offline; a modified copy's steps come from the model and are
    # checked lettered in test_modify_model.py
    if kind in ("worksheet", "group-plan"):
        assert lettered >= 3, kind


@pytest.mark.parametrize("profile", ["standard", "large-print", "dyslexia-friendly"])
def test_the_word_bank_prints_each_word_in_a_box_of_its_own(profile):
    words = ["evaporation", "condenses", "precipitation", "groundwater", "transpiration",
             "aquifers", "water vapor"]  # fmt: skip
    writer = Writer(profile)
    writer.word_bank(words)
    document = open_docx(writer.to_bytes())
    assert word_banks(document) == [words]
    (table,) = document.tables
    columns = len(table.columns)
    assert columns == {"standard": 4, "large-print": 2, "dyslexia-friendly": 3}[profile]
    grid = table._tbl.tblGrid.findall(qn("w:gridCol"))
    total = sum(int(col.get(qn("w:w"))) for col in grid) / 1440
    assert total == pytest.approx(8.5 - 2 * 0.7, abs=0.01)  # the full text width
    assert table.rows[0].cells[0].text == "Word bank" and len(table.rows) == 1 + -(-7 // columns)
    assert all(Inches(1) < cell.width for cell in table.rows[1].cells)


def test_every_word_bank_in_the_packets_holds_one_word_per_cell():
    (_, documents), *_ = [p for p in offline_packets("worksheet") if p[0] == "standard"]
    banks = [bank for d in documents for bank in word_banks(open_docx(d.data))]
    assert banks, "the word-bank accommodation printed no word bank"
    for bank in banks:
        assert len(bank) == len(set(bank)) >= 3
        assert not any("   " in word for word in bank)  # no run-on line of words
