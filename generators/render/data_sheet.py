"""The IEP progress data sheet as a printable, landscape DOCX.

Sessions run across the page (one column each, with its date) and trials run down it, the way
paras fill a clipboard sheet left to right through the weeks. Under the trials sit the
per-session % correct, % independent, the mastery tally (when the criterion has numbers) and
the adult's initials. The optional graph page is a 0-100% table grid with one column per
session. The page shows the student code only: a name never reaches a data sheet.
"""

from __future__ import annotations

from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt

from generators.domain.common import RenderedDocument
from generators.domain.data_sheet import PROMPT_CODES, DataSheetMaterial
from generators.render.docx_base import Writer, slug
from generators.textwork import clean

LABEL_WIDTH = Inches(1.25)
PAGE_MARGIN = Inches(0.5)
GRAPH_STEPS = tuple(range(100, -1, -10))  # y axis, top to bottom
ROW_LABELS_AFTER_TRIALS = ("% correct", "% independent")
TALLY_ROW = "Initials"

# The row mastery is judged on: independence for prompt levels, accuracy for +/-.
JUDGED_ROW = {"prompt-level": "% independent", "accuracy": "% correct"}


def render(material: DataSheetMaterial) -> list[RenderedDocument]:
    return [render_data_sheet(material)]


def render_data_sheet(material: DataSheetMaterial) -> RenderedDocument:
    writer = Writer("standard")
    landscape(writer)
    writer.title("IEP progress data sheet")
    goal_label = f"   Goal {material.goal_number}" if material.goal_number else ""
    writer.paragraph(f"Student: {material.student_code}{goal_label}", "Directions")
    writer.heading("Goal", level=2)
    writer.paragraph(material.goal, "Passage")
    write_legend(writer, material)
    write_mastery(writer, material)
    grid(writer, grid_header(material), grid_rows(material), min_height=18)
    writer.paragraph("Notes (write the session number and date first)", "Heading 2")
    writer.answer_lines(4)
    writer.paragraph(
        "Mastery met:  Yes / Not yet      Date: ____________      Checked by: ____________",
        "Directions",
    )
    writer.paragraph(f"Made by {material.engine.label}: filled in from the inputs only.", "Small")
    if material.graph:
        write_graph(writer, material)
    goal_part = f"_goal-{material.goal_number}" if material.goal_number else ""
    return RenderedDocument(
        filename=f"data-sheet_{slug(material.student_code)}{goal_part}.docx",
        role="data-sheet",
        title=f"IEP data sheet, {material.student_code}"
        + (f", goal {material.goal_number}" if material.goal_number else ""),
        data=writer.to_bytes(),
    )


def landscape(writer: Writer) -> None:
    """Page setup, not typography: the grid needs the page's long side for its sessions."""
    section = writer.document.sections[0]
    width, height = section.page_width, section.page_height
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = max(width, height), min(width, height)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, PAGE_MARGIN)


def write_legend(writer: Writer, material: DataSheetMaterial) -> None:
    if material.measure == "prompt-level":
        writer.paragraph(
            "Prompt codes (least to most help): "
            + "   ".join(
                f"{code} = {meaning.split(':')[0].lower()}" for code, meaning in PROMPT_CODES
            ),
            "Word Bank",
        )
        writer.paragraph(
            "In each trial box write the code for the least help the student needed. "
            "% independent = trials marked I ÷ trials run × 100. "
            "% correct = trials not marked NR ÷ trials run × 100 (correct at any prompt level).",
            "Small",
        )
        return
    writer.paragraph("Marks:   + = correct   − = incorrect or no response   "
                     "(+) = correct after a prompt (circle the +)", "Word Bank")  # fmt: skip
    writer.paragraph(
        "In each trial box write + or −, and circle a + that needed a prompt. "
        "% correct = all + ÷ trials run × 100. % independent = uncircled + ÷ trials run × 100.",
        "Small",
    )


def write_mastery(writer: Writer, material: DataSheetMaterial) -> None:
    mastery = material.mastery
    if mastery is None:
        writer.paragraph("Mastery criterion: ____________________ (copy it from the IEP)",
                         "Directions")  # fmt: skip
        return
    writer.paragraph(f"Mastery criterion: {mastery.text}", "Directions")
    if mastery.parsed:
        writer.paragraph(
            f"Mastery is met when {mastery.met} of {mastery.window} consecutive sessions reach "
            f"{mastery.percent}% or more on the {JUDGED_ROW[material.measure]} row "
            "(unless the goal names another row). Mark each session in the tally row.",
            "Small",
        )


def tally_label(material: DataSheetMaterial) -> str | None:
    mastery = material.mastery
    if mastery is None or not mastery.parsed:
        return None
    return f"{mastery.percent}% or more? (Y/N)"


def grid_header(material: DataSheetMaterial) -> list[str]:
    return ["Session", *(str(number) for number in range(1, material.sessions + 1))]


def grid_rows(material: DataSheetMaterial) -> list[list[str]]:
    """Date, one row per trial, then the per-session boxes. Rows follow the header's columns."""
    empty = [""] * material.sessions
    labels = ["Date", *(f"Trial {n}" for n in range(1, material.trials + 1))]
    labels += list(ROW_LABELS_AFTER_TRIALS)
    tally = tally_label(material)
    if tally:
        labels.append(tally)
    labels.append(TALLY_ROW)
    return [[label, *empty] for label in labels]


def grid(writer: Writer, header: list[str], rows: list[list[str]], *, min_height: float) -> None:
    """A fixed-width grid: a label column, then equal columns; the header repeats on each page."""
    document = writer.document
    table = document.add_table(rows=1, cols=len(header))
    table.style = document.styles["Table Grid"]
    table.autofit = False
    section = document.sections[-1]
    usable = section.page_width - section.left_margin - section.right_margin
    other = int((usable - LABEL_WIDTH) / max(len(header) - 1, 1))
    widths = [LABEL_WIDTH, *([other] * (len(header) - 1))]
    fill_row(table.rows[0], header, widths, bold=True)
    repeat_as_header(table.rows[0])
    for values in rows:
        row = table.add_row()
        fill_row(row, values, widths, bold=False)
        row.height = Pt(min_height)
    document.add_paragraph()


def fill_row(row, values: list[str], widths: list[int], *, bold: bool) -> None:
    for index, (cell, text, width) in enumerate(zip(row.cells, values, widths, strict=True)):
        cell.width = width
        if not text:
            continue  # an empty box to write in; styling it costs time and shows nothing
        paragraph = cell.paragraphs[0]
        paragraph.style = "Small"
        run = paragraph.add_run(clean(text))
        run.bold = bold or index == 0


def repeat_as_header(row) -> None:
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)


def write_graph(writer: Writer, material: DataSheetMaterial) -> None:
    writer.page_break()
    writer.title("Progress graph")
    row_name = JUDGED_ROW[material.measure]
    writer.paragraph(
        f"Student: {material.student_code}. For each session, put a dot at its {row_name} "
        "and join the dots.",
        "Directions",
    )
    mastery = material.mastery
    percent = mastery.percent if mastery and mastery.parsed else None
    if percent is not None and percent % 10:
        writer.paragraph(f"Draw the mastery line at {percent}% (between the rows).", "Small")
    rows = []
    for step in GRAPH_STEPS:
        label = f"{step}%" + (" mastery" if step == percent else "")
        rows.append([label, *([""] * material.sessions)])
    grid(writer, grid_header(material), rows, min_height=24)
