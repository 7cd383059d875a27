"""Page setup and page furniture every ParaPrep document shares.

Margins, the footer that says which page of which copy a sheet is ("Version B  Page 2 of 5"),
and the end of the page flow (no blank last page after a closing table, no last page holding a
single line). `Writer` calls these, so a new material kind gets them without code of its own.
Element order follows ECMA-376: Word rejects what LibreOffice forgives.
"""

from __future__ import annotations

import math

from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Inches, Pt
from docx.text.paragraph import Paragraph

# Classroom sheets use about 0.6-0.75 in; Word's 1 in / 1.25 in defaults waste a fifth of the
# page. At 0.7 in a large-print line holds about 47 characters and a dyslexia-friendly line about
# 68 (measured through LibreOffice), both readable, so no profile needs wider margins.
MARGIN = Inches(0.7)
EDGE = Inches(0.3)  # header and footer distance from the page edge: inside the margin
ENDING_TOGETHER = 3  # the last paragraphs that move to a new page together
# Characters a line holds at 0.7 in margins, by profile, rounded down (for the word bank columns)
LINE_CHARACTERS = {"standard": 90, "dyslexia-friendly": 60, "large-print": 45}
BANK_COLUMNS = 4
BLANK_WIDTH = 12  # characters an empty box leaves for a handwritten word
WRITING_HEIGHT = 28  # points: a handwritten word in an empty box


def set_margins(section: Section) -> None:
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)
    section.header_distance = EDGE
    section.footer_distance = EDGE


def text_width(section: Section) -> int:
    return section.page_width - section.left_margin - section.right_margin


def finish(document: DocxDocument, label: str) -> None:
    for section in document.sections:
        write_footer(section, label)
    shrink_closing_paragraph(document)
    keep_ending_together(document)


# --- Footer ---


def write_footer(section: Section, label: str) -> None:
    """One line: the copy's label at the left, "Page X of Y" at the right margin. Fields, so
    Word and LibreOffice number the pages as they print them."""
    footer = section.footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    for run in list(paragraph.runs):
        run._r.getparent().remove(run._r)
    paragraph.style = section.part.document.styles["Footer"]
    paragraph.paragraph_format.tab_stops.add_tab_stop(text_width(section), WD_TAB_ALIGNMENT.RIGHT)
    if label:
        paragraph.add_run(label)
    paragraph.add_run("\tPage ")
    add_field(paragraph, "PAGE", "1")
    paragraph.add_run(" of ")
    add_field(paragraph, "NUMPAGES", "1")


def add_field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A complex field (begin, instruction, separate, last value, end)."""
    for kind in ("begin", "instruction", "separate", "value", "end"):
        run = paragraph.add_run()
        if kind == "instruction":
            text = OxmlElement("w:instrText")
            text.set(qn("xml:space"), "preserve")
            text.text = f" {instruction} "
            run._r.append(text)
        elif kind == "value":
            run.text = shown
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)


# --- The end of the page flow ---


def body_blocks(document: DocxDocument) -> list:
    """The body's paragraphs and tables, in order, without the final section properties."""
    return [child for child in document.element.body if child.tag in (qn("w:p"), qn("w:tbl"))]


def shrink_closing_paragraph(document: DocxDocument) -> None:
    """Word ends a body with a paragraph; after a closing table it is empty, and when the table
    fills the page it printed alone on a blank last page. A 1 pt paragraph fits under it."""
    blocks = body_blocks(document)
    if len(blocks) < 2 or blocks[-2].tag != qn("w:tbl") or blocks[-1].tag != qn("w:p"):
        return
    paragraph = Paragraph(blocks[-1], document._body)
    if paragraph.text.strip():
        return
    fmt = paragraph.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(1)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.page_break_before = False
    mark = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "2")
    mark.append(size)
    paragraph._p.get_or_add_pPr().insert_element_before(mark, "w:sectPr", "w:pPrChange")


def keep_ending_together(document: DocxDocument) -> None:
    """The end of a document keeps together: the writing lines after the last item, and the
    item's paragraphs with text before them (up to three: starter, question, heading). If the
    end does not fit, it moves over whole, so a last page never holds one line, or the tail of
    the last item's writing lines, alone. It stops at the writing lines of the item before:
    a longer chain could outgrow a page, and then Word and LibreOffice ignore it altogether."""
    ending, texts = [], 0
    for block in reversed(body_blocks(document)):
        if block.tag != qn("w:p"):
            break
        paragraph = Paragraph(block, document._body)
        has_text = bool(paragraph.text.strip())
        if texts and not has_text:
            break
        ending.append(paragraph)
        texts += has_text
        if texts == ENDING_TOGETHER or paragraph.paragraph_format.page_break_before:
            break
    for paragraph in ending[1:]:  # every one but the last keeps with the one after it
        paragraph.paragraph_format.keep_with_next = True


# --- The word bank ---


def word_bank_table(writer, words: list[str], label: str) -> None:
    """A boxed table: the label across the top, then one cell per word, as many columns as
    the profile's line holds for the longest word (up to four)."""
    document = writer.document
    longest = max([len(word) for word in words] + [BLANK_WIDTH])
    fits = LINE_CHARACTERS.get(writer.profile, 90) // (longest + 6)
    columns = max(1, min(BANK_COLUMNS, len(words), fits))
    rows = math.ceil(len(words) / columns)
    table = document.add_table(rows=rows + 1, cols=columns)
    table.style = writer.style("Table Grid")
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    set_fixed_grid(table, [text_width(document.sections[-1]) // columns] * columns)
    top = table.rows[0].cells[0].merge(table.rows[0].cells[-1])
    top.paragraphs[0].add_run(label).bold = True
    for index, word in enumerate(words):
        cell = table.rows[1 + index // columns].cells[index % columns]
        cell.paragraphs[0].add_run(word)
    for row in table.rows[1:]:
        if not any(words):  # boxes to write words in: room for handwriting
            row.height = Pt(WRITING_HEIGHT)
    for row in table.rows:
        cant_split(row)
    document.add_paragraph()


def set_fixed_grid(table, widths: list[int]) -> None:
    """Both the grid (which LibreOffice and Google Docs lay out from) and each cell's width
    (which Word reads), in a fixed layout."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def cant_split(row) -> None:
    marker = OxmlElement("w:cantSplit")
    row._tr.get_or_add_trPr().insert(0, marker)
