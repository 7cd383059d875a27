"""Visual supports as printable pages: large pictures, dashed cut lines, the credit line.

The OpenMoji credit is in the page footer, so it prints on every page. An item without a
picture gets an empty, labelled box of the same size to draw or glue one in.
"""

from __future__ import annotations

from pathlib import Path

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches

from generators.domain.common import RenderedDocument
from generators.domain.symbols import SymbolMatch
from generators.domain.visual import VisualMaterial
from generators.render.docx_base import Writer, slug
from generators.render.forms import (
    end_small,
    form_table,
    header_line,
    landscape,
    narrow_margins,
)

SYMBOLS = Path(__file__).resolve().parent.parent / "assets" / "symbols"
CUT_HINT = "✂ Cut along the dashed lines."


def render(material: VisualMaterial) -> list[RenderedDocument]:
    writer = Writer("standard")
    BODIES[material.type](writer, material)
    header_line(writer, material.credit)
    writer.label_pages(material.student_code)
    end_small(writer)
    return [
        RenderedDocument(
            filename=f"{material.type}_{slug(material.student_code)}.docx",
            role="student",
            title=f"{material.title}, {material.student_code}",
            data=writer.to_bytes(),
        )
    ]


def symbol_path(card: SymbolMatch) -> Path | None:
    if card.hexcode is None:
        return None
    path = SYMBOLS / f"{card.hexcode}.png"
    return path if path.is_file() else None


def picture_cell(
    cell, card: SymbolMatch, size: float, label_style: str | None, writer: Writer
) -> None:
    """The picture (or a box to draw in), with the item's words under it unless no style."""
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    paragraph = cell.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    path = symbol_path(card)
    if path:
        paragraph.add_run().add_picture(str(path), width=Inches(size), height=Inches(size))
    else:
        draw_box(paragraph, card.item, size, writer)
    if label_style:
        label = cell.add_paragraph(card.item, style=writer.style(label_style))
        label.alignment = WD_ALIGN_PARAGRAPH.CENTER


def draw_box(paragraph, item: str, size: float, writer: Writer) -> None:
    """An empty square the size of a picture, labelled, for a picture drawn by hand."""
    paragraph.style = writer.style("Small")
    run = paragraph.add_run(f"Draw or glue a picture of: {item}")
    for _ in range(max(int(size * 72 / 13) - 2, 1)):  # blank lines inside the border: the room
        run.add_break()
    border = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "single")
        edge.set(qn("w:sz"), "8")
        edge.set(qn("w:space"), "4")
        edge.set(qn("w:color"), "808080")
        border.append(edge)
    properties = paragraph._p.get_or_add_pPr()
    properties.insert_element_before(border, "w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc",
                                     "w:rPr")  # fmt: skip
    paragraph.paragraph_format.left_indent = Inches(0.15)
    paragraph.paragraph_format.right_indent = Inches(0.15)


def dashed(table) -> None:
    """Dashed borders all round and between the cells: the cut lines."""
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "dashed")
        edge.set(qn("w:sz"), "8")
        edge.set(qn("w:space"), "0")
        edge.set(qn("w:color"), "000000")
        borders.append(edge)
    properties = table._tbl.tblPr
    existing = properties.find(qn("w:tblBorders"))
    if existing is not None:
        properties.remove(existing)
    properties.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar",
                                     "w:tblLook", "w:tblCaption")  # fmt: skip


def header(writer: Writer, material: VisualMaterial, title: str) -> None:
    writer.heading(title, level=1)
    writer.paragraph(f"{material.student_code}   ·   {CUT_HINT}", "Small")


def schedule_body(writer: Writer, material: VisualMaterial) -> None:
    """One row per item, top to bottom: picture, words, and a box to mark it done."""
    narrow_margins(writer)
    header(writer, material, "My schedule")
    rows = [["", "", "Done"] for _ in material.cards]
    table = form_table(writer, None, rows, [1.9, 4.1, 1.5], height=96, first_column_bold=False)
    dashed(table)
    for row, card in zip(table.rows, material.cards, strict=True):
        picture_cell(row.cells[0], card, 1.25, None, writer)
        words = row.cells[1].paragraphs[0]
        words.style = writer.style("Heading 1")
        words.add_run(card.item)
        row.cells[1].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        row.cells[2].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def first_then_body(writer: Writer, material: VisualMaterial) -> None:
    landscape(writer)
    header(writer, material, "First, then")
    table = form_table(writer, ["FIRST", "THEN"], [["", ""]], [1, 1], height=330,
                       style="Heading 1", first_column_bold=False)  # fmt: skip
    dashed(table)
    for cell in table.rows[0].cells:
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for cell, card in zip(table.rows[1].cells, material.cards, strict=True):
        picture_cell(cell, card, 3.0, "Heading 1", writer)


def token_board_body(writer: Writer, material: VisualMaterial) -> None:
    """The board (reward and token spaces) and a strip of tokens to cut out."""
    landscape(writer)
    header(writer, material, "I am working for")
    board = form_table(writer, None, [["", *[""] * material.tokens]],
                       [2.6, *[7.4 / material.tokens] * material.tokens], height=150,
                       first_column_bold=False)  # fmt: skip
    dashed(board)
    picture_cell(board.rows[0].cells[0], material.reward, 1.8, "Heading 2", writer)
    for number, cell in enumerate(board.rows[0].cells[1:], 1):
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        cell.paragraphs[0].add_run(str(number))
    writer.paragraph(
        f"Put a token in a space each time the goal is met; when all {material.tokens} are full, "
        "the reward comes next. Tokens to cut out:",
        "Directions",
    )
    per_row = min(material.tokens, 5)
    rows = [[""] * per_row for _ in range(-(-material.tokens // per_row))]
    strip = form_table(writer, None, rows, [1.0] * per_row, height=96, first_column_bold=False)
    dashed(strip)
    placed = 0
    for row in strip.rows:
        for cell in row.cells:
            if placed < material.tokens:
                picture_cell(cell, material.token, 1.0, None, writer)
                placed += 1


BODIES = {
    "schedule": schedule_body,
    "first-then": first_then_body,
    "token-board": token_board_body,
}
