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
from generators.domain.data_sheet import ERROR_CODE, PROMPT_CODES, DataSheetMaterial
from generators.render import tables
from generators.render.docx_base import Writer, slug
from generators.render.forms import form_table
from generators.textwork import a_or_an, clean

LABEL_WIDTH = Inches(1.6)  # "% independent" and "80% or more? (Y/N)" each on one line
STEP_LABEL_WIDTH = Inches(2.6)  # a task-analysis step ("7. Dry hands with a towel") on one line
PAGE_MARGIN = Inches(0.5)
GRAPH_STEPS = tuple(range(100, -1, -10))  # y axis, top to bottom
ROW_LABELS_AFTER_TRIALS = ("% correct", "% independent")
TALLY_ROW = "Initials"
TRIAL_HEIGHT = 17  # points (6 mm): room to write a code such as PP in a box
TWIP = 635  # EMU in a twip (1/1440 inch)
CELL_MARGIN_TWIPS = 58  # 0.04 inch each side: "30" still fits a column of a 30-session grid
NOTES = ("Notes (write the session number and date first):", "", "")
# The mastery decision, on the same ruled lines as the notes, from this point across.
DECISION = ("Mastery met:  Yes  /  Not yet", "Date:", "Checked by:")
DECISION_TAB = Inches(6.9)

# The row mastery is judged on: independence for prompt levels, accuracy for +/-.
JUDGED_ROW = {
    "prompt-level": "% independent",
    "accuracy": "% correct",
    "task-analysis": "% steps independent",
    "fluency": "words correct per minute",
}
FLUENCY_HEADER = ["Session", "Date", "Passage or probe", "Seconds read", "Words read",
                  "Errors", "Self-corrections", "Words correct per minute", "Accuracy %",
                  "Initials"]  # fmt: skip
FLUENCY_WEIGHTS = [0.7, 0.9, 2.3, 0.8, 0.8, 0.8, 1.0, 1.1, 0.9, 0.7]
PASSAGE_LINES = 16


def render(material: DataSheetMaterial) -> list[RenderedDocument]:
    return [render_data_sheet(material)]


def render_data_sheet(material: DataSheetMaterial) -> RenderedDocument:
    """The default sheet (10 trials x 10 sessions) is one landscape page, so the header is a
    few dense lines and the notes share their ruled lines with the mastery decision."""
    writer = Writer("standard")
    writer.label_pages(f"{material.student_code}: IEP data sheet")
    landscape(writer)
    writer.heading("IEP progress data sheet", level=2)  # not Title: it costs a line of grid
    write_identity(writer, material)
    goal_label = f"Goal {material.goal_number}" if material.goal_number else "Goal"
    writer.paragraph(f"{goal_label}: {material.goal}", "Passage")
    write_legend(writer, material)
    if material.measure == "fluency":
        write_fluency(writer, material)
    else:
        steps = material.measure == "task-analysis"
        grid(writer, grid_header(material), grid_rows(material), min_height=TRIAL_HEIGHT,
             label_width=STEP_LABEL_WIDTH if steps else LABEL_WIDTH)  # fmt: skip
    write_notes(writer)
    if material.measure == "fluency":
        write_passage_page(writer, material)
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


def write_identity(writer: Writer, material: DataSheetMaterial) -> None:
    """The student and the mastery criterion share a line: both are short, and checked first."""
    mastery = material.mastery
    criterion = mastery.text if mastery else "____________________ (copy it from the IEP)"
    paragraph = writer.paragraph(f"Student: {material.student_code}", "Directions")
    paragraph.add_run().add_tab()
    paragraph.add_run().add_tab()
    paragraph.add_run(clean(f"Mastery criterion: {criterion}"))


def write_legend(writer: Writer, material: DataSheetMaterial) -> None:
    """The codes in a box, then how to score, how mastery is judged and who made the sheet in
    one small paragraph (three short ones would each start a line)."""
    if material.measure in ("prompt-level", "task-analysis"):
        writer.paragraph(prompt_legend(), "Word Bank")
        unit = "step" if material.measure == "task-analysis" else "trial"
        how = (
            f"In each {unit} box write the code for the least help needed, or E for an incorrect "
            f"response. % independent = {unit}s marked I ÷ {unit}s run × 100; "
            f"% correct = {unit}s marked I, G, V, M, PP or FP ÷ {unit}s run × 100 "
            "(E and NR are not correct)."
        )
    elif material.measure == "fluency":
        writer.paragraph(
            "Record for each timed reading: words read, errors (omissions, substitutions, "
            "words supplied after 3 seconds) and self-corrections (not errors).",
            "Word Bank",
        )
        how = (
            "Words correct per minute = (words read − errors) × 60 ÷ seconds read. "
            "Accuracy % = (words read − errors) ÷ words read × 100. "
            "Mark the running word count at the end of each line of the passage (page 2)."
        )
    else:
        writer.paragraph("Marks:   + = correct   − = incorrect or no response   "
                         "(+) = correct after a prompt (circle the +)", "Word Bank")  # fmt: skip
        how = (
            "In each trial box write + or −, and circle a + that needed a prompt. "
            "% correct = all + ÷ trials run × 100; "
            "% independent = uncircled + ÷ trials run × 100."
        )
    made_by = f"Made by {material.engine.label}, from the inputs only."
    writer.paragraph(" ".join([how, *mastery_rule(material), *routing(material), made_by]),
                     "Small")  # fmt: skip


def prompt_legend() -> str:
    codes = [*PROMPT_CODES[:-1], ERROR_CODE, PROMPT_CODES[-1]]
    return "Prompt codes (least to most help), then errors: " + "   ".join(
        f"{code} = {meaning.split(':')[0].lower()}" for code, meaning in codes
    )


def routing(material: DataSheetMaterial) -> list[str]:
    """Say why this sheet was chosen, so a wrong choice is easy to spot and override."""
    if not material.measure_reason:
        return []
    sheet = a_or_an(f"{material.measure} sheet")
    return [f"{sheet[0].upper()}{sheet[1:]} because {material.measure_reason}."]


def mastery_rule(material: DataSheetMaterial) -> list[str]:
    mastery = material.mastery
    if mastery is None or not mastery.parsed or material.measure == "fluency":
        return []
    # The criterion is printed as the teacher typed it: "4 of 5 sessions" and "4 consecutive
    # sessions" are different rules, and a data sheet must not turn one into the other.
    return [
        f"Mastery, as written: {mastery.text.rstrip('.')}. A session counts at "
        f"{mastery.percent}% or more on the {JUDGED_ROW[material.measure]} row "
        "(unless the goal names another row); mark each session in the tally row."
    ]


def write_notes(writer: Writer) -> None:
    """Ruled lines under the grid, as on a paper form: the notes on the left and, on the same
    lines, the mastery decision on the right. Kept together if they move to the next page."""
    for number, (notes, decision) in enumerate(zip(NOTES, DECISION, strict=True), 1):
        paragraph = writer.paragraph(notes, "Form Line")
        if number < len(NOTES):
            paragraph.paragraph_format.keep_with_next = True
        paragraph.paragraph_format.tab_stops.add_tab_stop(DECISION_TAB)
        paragraph.add_run().add_tab()
        paragraph.add_run(decision)


def tally_label(material: DataSheetMaterial) -> str | None:
    mastery = material.mastery
    if mastery is None or not mastery.parsed or material.measure == "fluency":
        return None
    return f"{mastery.percent}% or more? (Y/N)"


def grid_header(material: DataSheetMaterial) -> list[str]:
    return ["Session", *(str(number) for number in range(1, material.sessions + 1))]


def grid_rows(material: DataSheetMaterial) -> list[list[str]]:
    """Date, one row per trial, then the per-session boxes. Rows follow the header's columns."""
    empty = [""] * material.sessions
    labels = ["Date", *trial_labels(material)]
    if material.measure == "task-analysis":
        labels += ["% steps independent", "% steps correct"]
    else:
        labels += list(ROW_LABELS_AFTER_TRIALS)
    tally = tally_label(material)
    if tally:
        labels.append(tally)
    labels.append(TALLY_ROW)
    return [[label, *empty] for label in labels]


def trial_labels(material: DataSheetMaterial) -> list[str]:
    """Trials by number; a task analysis's steps by name (or numbered blanks to write in)."""
    if material.measure != "task-analysis":
        return [f"Trial {n}" for n in range(1, material.trials + 1)]
    if material.steps:
        return [f"{n}. {step}" for n, step in enumerate(material.steps, 1)]
    return [f"Step {n}: ________" for n in range(1, material.trials + 1)]


def write_fluency(writer: Writer, material: DataSheetMaterial) -> None:
    """One row per timed reading: the columns a fluency probe is scored from."""
    rows = [[str(n), *[""] * (len(FLUENCY_HEADER) - 1)] for n in range(1, material.sessions + 1)]
    form_table(writer, FLUENCY_HEADER, rows, FLUENCY_WEIGHTS, height=24)


def write_passage_page(writer: Writer, material: DataSheetMaterial) -> None:
    """Room for the passage, a line at a time, with the running word count at each line's end."""
    writer.page_break()
    writer.heading(f"Passage record: {material.student_code}", level=2)
    writer.paragraph(
        "Copy or paste the probe passage one printed line per row (or staple the passage here), "
        "and write the running word count at the end of each line. Slash each error as it "
        "happens; write SC over a self-correction.",
        "Small",
    )
    rows = [[str(n), "", ""] for n in range(1, PASSAGE_LINES + 1)]
    form_table(writer, ["Line", "Passage text", "Running word count"], rows, [0.5, 8.3, 1.2],
               height=22)  # fmt: skip


def grid(
    writer: Writer,
    header: list[str],
    rows: list[list[str]],
    *,
    min_height: float,
    label_width: int = LABEL_WIDTH,
) -> None:
    """A fixed-width grid: a label column, then equal columns; the header repeats on each page."""
    document = writer.document
    table = document.add_table(rows=1, cols=len(header))
    table.style = document.styles["Table Grid"]
    table.autofit = False
    section = document.sections[-1]
    usable = section.page_width - section.left_margin - section.right_margin
    # Whole twips, as Word saves them: rounded up, 30 columns came to more than the page.
    other = (usable - label_width) // max(len(header) - 1, 1) // TWIP * TWIP
    widths = [label_width, *([other] * (len(header) - 1))]
    tables.apply_grid(table, [width // TWIP for width in widths])  # grid, cells, fixed, width
    narrow_cell_margins(table)
    style_id = writer.style("Small").style_id
    fill_row(table.rows[0], header, widths, style_id, bold=True)
    repeat_as_header(table.rows[0])
    for values in rows:
        row = table.add_row()
        fill_row(row, values, widths, style_id, bold=False)
        row.height = Pt(min_height)


def fill_row(row, values: list[str], widths: list[int], style_id: str, *, bold: bool) -> None:
    for index, (cell, text, width) in enumerate(zip(row.cells, values, widths, strict=True)):
        cell.width = width
        paragraph = cell.paragraphs[0]
        # Empty boxes too: an unstyled box holds a 12 pt Normal line, which sets the row's
        # height above `min_height` and, over 16 rows, pushed the notes onto a second page.
        paragraph._p.get_or_add_pPr().style = style_id
        if text:
            run = paragraph.add_run(clean(text))
            run.bold = bold or index == 0


def narrow_cell_margins(table) -> None:
    """Thin side margins in each box (see CELL_MARGIN_TWIPS)."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), str(CELL_MARGIN_TWIPS))
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
    writer.paragraph("", "Small")  # Word ends a body with a paragraph; a small one, not 12 pt
