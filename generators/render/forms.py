"""Paper forms: landscape pages, fixed-width tables with writing room, identity boxes.

Shared by the behaviour sheets, the goal-matched data sheets and the visual supports. Widths are
written to both the table grid (which LibreOffice and Google Docs lay out from) and each cell
(which Word reads), with a fixed layout, so a column set to 2.5 inches prints at 2.5 inches.
"""

from __future__ import annotations

from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt

from generators.render.docx_base import Writer
from generators.textwork import clean

PAGE_MARGIN = Inches(0.5)
TWIP = 635  # EMU in a twip


def landscape(writer: Writer, margin=PAGE_MARGIN) -> None:
    """Page setup, not typography: these forms need the page's long side for their columns."""
    section = writer.document.sections[0]
    width, height = section.page_width, section.page_height
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = max(width, height), min(width, height)
    narrow_margins(writer, margin)


def narrow_margins(writer: Writer, margin=PAGE_MARGIN) -> None:
    section = writer.document.sections[0]
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, margin)
    section.header_distance = Inches(0.25)
    section.footer_distance = Inches(0.25)


def usable_width(writer: Writer) -> float:
    """The text width in inches."""
    section = writer.document.sections[-1]
    return (section.page_width - section.left_margin - section.right_margin) / Inches(1)


def fit_widths(writer: Writer, weights: list[float]) -> list[int]:
    """Column widths in whole twips (as Word saves them), sharing the text width by weight."""
    total = usable_width(writer) * Inches(1)
    scale = total / sum(weights)
    return [int(weight * scale) // TWIP * TWIP for weight in weights]


def form_table(
    writer: Writer,
    header: list[str] | None,
    rows: list[list[str]],
    weights: list[float],
    *,
    height: float = 0,
    style: str = "Small",
    first_column_bold: bool = True,
):
    """A fixed-layout table. A cell's text may hold newlines (one paragraph each); `height` in
    points is each body row's least height, the writing room."""
    document = writer.document
    count = len(weights)
    table = document.add_table(rows=0, cols=count)
    table.style = writer.style("Table Grid")
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = fit_widths(writer, weights)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    narrow_cell_margins(table)
    style_id = writer.style(style).style_id
    if header:
        row = table.add_row()
        fill(row, header, widths, style_id, bold_all=True)
        repeat_as_header(row)
    for values in rows:
        row = table.add_row()
        fill(row, values, widths, style_id, bold_first=first_column_bold)
        if height:
            row.height = Pt(height)
    return table


def fill(row, values, widths, style_id: str, *, bold_all=False, bold_first=False) -> None:
    for index, (cell, text, width) in enumerate(zip(row.cells, values, widths, strict=True)):
        cell.width = width
        lines = [clean(line) for line in text.split("\n")] if text else [""]
        paragraph = cell.paragraphs[0]
        for number, line in enumerate(lines):
            if number:
                paragraph = cell.add_paragraph()
            # Every box is styled, empty ones too: an unstyled box holds a 12 pt Normal line.
            paragraph._p.get_or_add_pPr().style = style_id
            if len(lines) > 1:  # a list in a box: lines close together, as on a paper form
                paragraph.paragraph_format.space_after = Pt(0)
                paragraph.paragraph_format.line_spacing = 1.0
            if line:
                paragraph.add_run(line).bold = bold_all or (bold_first and index == 0)


def narrow_cell_margins(table, twips: int = 58) -> None:
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), str(twips))
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    # Word rejects a table whose properties are out of schema order: these go before tblLook.
    table._tbl.tblPr.insert_element_before(
        margins, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange"
    )


def repeat_as_header(row) -> None:
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)


def identity_boxes(writer: Writer, student_code: str, extra: tuple[str, ...] = ()) -> None:
    """Who, when and by whom, as boxes to fill in: the student's code, never a name."""
    labels = [f"Student: {student_code}", "Date:", "Observer initials:", *extra]
    form_table(writer, None, [labels], [1.0] * len(labels), height=20, first_column_bold=True)


def header_line(writer: Writer, text: str) -> None:
    """A small line in the page header, so it prints on every page (the footer holds the
    page label and "Page X of Y", written when the document is saved)."""
    header = writer.document.sections[0].header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    paragraph.text = clean(text)
    paragraph.style = writer.style("Small")


def end_small(writer: Writer) -> None:
    """Word ends a body with a paragraph; a small one after a table, not a 12 pt line."""
    writer.paragraph("", "Small")
