"""The para run sheet: one printed page the para reads from while teaching.

It must be one page for up to six students (tests print it through LibreOffice with realistic
replies). Three tables carry it: the clock across the page; I do | We do and stuck | check side
by side; the exit-ticket sort and each student's reminders as label | text rows. Each part is
named in a bold row of its table rather than by a heading, the text is 10 pt (the floor for
reading while teaching), and what a model writes for it is capped by the prompt and the
validator (generators/domain/small_group.py), never cut here. The offline engine's blanks are
ruled lines.
"""

from __future__ import annotations

from docx.enum.text import WD_LINE_SPACING
from docx.shared import Inches, Pt

from generators.domain import accommodations as catalogue
from generators.domain.common import RenderedDocument
from generators.domain.small_group import SORT, PlanContent, SmallGroupMaterial
from generators.render import tables
from generators.render.docx_base import TEACHER_COPY, Writer
from generators.render.plan_text import (
    check_minute,
    decision_rule,
    sort_means,
    stem,
)
from generators.textwork import clean

RUN_SHEET_MARGIN = 0.6  # inches, all round: 0.5 is the least a printer is sure to print
RUN_SHEET_WIDTH = 8.5 - 2 * RUN_SHEET_MARGIN  # inches between the margins of a Letter page
SCRIPT_STYLE = "Small"  # 10 pt (the floor), tight spacing: read aloud while teaching
DETAIL_STYLE = "Small"  # 10 pt: glanced at (the sort, each student's reminders)
WRITE_STYLE = "Form Line"  # a ruled line to write on, for the offline engine's blanks
CLOCK_LABEL = 0.9  # inches
HALVES = [RUN_SHEET_WIDTH / 2, RUN_SHEET_WIDTH / 2]
LABELLED = [1.1, RUN_SHEET_WIDTH - 1.1]  # a pile name or student code, then its text

# A line in a cell: text in the table's style, or (text, its own style).
Line = str | tuple[str, str]
# A part of the sheet: its bold row, then rows of cells, each cell one or more lines.
Part = tuple[list[str], list[list[list[Line]]]]


def render_run_sheet(material: SmallGroupMaterial) -> RenderedDocument:
    writer = Writer("standard")
    writer.label_pages(TEACHER_COPY)
    narrow_margins(writer)
    content = material.content
    # Not Title: its size and rule cost two lines. The group is listed in the reminders below.
    writer.heading(f"Run sheet: {material.minutes} minutes", level=2)
    goal = content.student_goal if content else material.objective
    writer.paragraph(f"Goal: {goal}", "Directions")
    phases = len(material.phases)
    clock_widths = [CLOCK_LABEL, *([(RUN_SHEET_WIDTH - CLOCK_LABEL) / phases] * phases)]
    sheet_table(writer, [timing(material)], clock_widths, SCRIPT_STYLE, labels=True)
    spacer(writer)  # two tables in a row would join into one
    parts = [scripts(material, content), stuck_and_check(material, content)]
    sheet_table(writer, parts, HALVES, SCRIPT_STYLE)
    spacer(writer)
    parts = [exit_sort(material, content), para_notes(material)]
    sheet_table(writer, parts, LABELLED, DETAIL_STYLE, labels=True)
    writer.paragraph(f"Made by {material.engine.label}.", DETAIL_STYLE)  # a body ends in text
    return RenderedDocument(
        filename=f"{stem(material)}_run-sheet_para.docx",
        role="para",
        title="Para run sheet",
        data=writer.to_bytes(),
    )


def spacer(writer: Writer) -> None:
    """A 3 pt gap between two tables (an empty 10 pt paragraph cost a line each)."""
    paragraph = writer.paragraph("", DETAIL_STYLE)
    fmt = paragraph.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(3)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY


def narrow_margins(writer: Writer) -> None:
    """Page setup, not typography: the template's 1-1.25 inch margins leave too little page."""
    section = writer.document.sections[0]
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Inches(RUN_SHEET_MARGIN))


def timing(material: SmallGroupMaterial) -> Part:
    """The clock across the page, one column per part, as the lesson runs left to right."""
    phases = material.phases
    clock = [["Clock"], *([f"{p.start}-{p.end} ({p.minutes} min)"] for p in phases)]
    return ["Part", *(p.name for p in phases)], [clock]


def scripts(material: SmallGroupMaterial, content: PlanContent | None) -> Part:
    i_do, we_do = material.phases[1], material.phases[2]
    header = [
        f"I do: show them (minutes {i_do.start}-{i_do.end})",
        f"We do: do it together (minutes {we_do.start}-{we_do.end})",
    ]
    if content:
        return header, [[numbered(content.i_do_script), numbered(content.we_do_script)]]
    steps = ["1.", "2.", "3."]
    return header, [[writing_lines("what you say, step by step", steps),
                     writing_lines("what you do together, step by step", steps)]]  # fmt: skip


def stuck_and_check(material: SmallGroupMaterial, content: PlanContent | None) -> Part:
    header = [
        "If a student is stuck (least help first)",
        f"Check, then decide (about minute {check_minute(material)})",
    ]
    if content:
        ladder = numbered(content.prompts)
        check = [f"Ask: {content.mid_check.question}"]
    else:
        steps = ["2. Point to (gestural):", "3. Say a hint (verbal):", "4. Show how (model):"]
        ladder = ["1. Wait 5 seconds.", *writing_lines("steps 2-4", steps)]
        check = writing_lines("the check question", ["Ask:", ""])
    return header, [[ladder, [*check, decision_rule(material)]]]


def writing_lines(what: str, labels: list[str]) -> list[Line]:
    """The offline engine's blanks on the run sheet: a note saying what to write and when, then
    ruled lines across the cell (an underscore blank in a half-page column wraps onto three
    lines and leaves less room to write)."""
    note = (f"Write before the lesson: {what}.", DETAIL_STYLE)
    return [note, *((label, WRITE_STYLE) for label in labels)]


def numbered(lines: list[str]) -> list[Line]:
    return [f"{number}. {line}" for number, line in enumerate(lines, 1)]


def exit_sort(material: SmallGroupMaterial, content: PlanContent | None) -> Part:
    means = sort_means(content)
    start = material.phases[-1].end - material.exit_minutes
    header = ["Sort", f"Exit ticket (from minute {start}): what each pile looks like"]
    return header, [[[pile], [means[pile]]] for pile in SORT]


def para_notes(material: SmallGroupMaterial) -> Part:
    rows = []
    for plan in material.students:
        notes = catalogue.reminders(e.id for e in plan.ledger if e.applied)
        rows.append([[plan.code], [f"{'; '.join(notes) or 'no special needs listed'}."]])
    return ["Student", "Remember for each student"], rows


def sheet_table(
    writer: Writer, parts: list[Part], widths: list[float], style: str, *, labels: bool = False
) -> None:
    """One table of fixed widths (inches) holding `parts`: each part's bold row, then its rows
    in `style`; with `labels` the first column names its row and is bold too."""
    count = sum(1 + len(body) for _, body in parts)
    table = writer.document.add_table(rows=count, cols=len(widths))
    table.style = writer.style("Table Grid")
    total = tables.text_width(writer.document.sections[-1])
    tables.apply_grid(table, tables.whole_twips([w * 72 for w in widths], total))
    rows = iter(table.rows)
    for header, body in parts:
        for cell, text in zip(next(rows).cells, header, strict=True):
            fill_cell(writer, cell, [text], style, bold=True)
        for values in body:
            for index, (cell, lines) in enumerate(zip(next(rows).cells, values, strict=True)):
                fill_cell(writer, cell, lines, style, bold=labels and index == 0)


def fill_cell(writer: Writer, cell, lines: list[Line], style: str, *, bold: bool) -> None:
    """One paragraph per line, in `style` unless the line names its own (a writing line)."""
    for index, line in enumerate(lines):
        text, name = line if isinstance(line, tuple) else (line, style)
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        paragraph.style = writer.style(name)
        paragraph.add_run(clean(text)).bold = bold
