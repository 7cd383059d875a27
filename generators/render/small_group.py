"""Small-group documents, all from one SmallGroupMaterial: the teacher/para plan, the para run
sheet, one page per student (their code, never a name, with their own accommodations applied)
and, when asked, an IEP data sheet per goal.

From the offline engine the content only a model or teacher can write is a labelled blank
("Misconception 1: ______ (write before the lesson)"), never text posing as content; what the
inputs determine (timing, group, accommodations, decision rule, sort, data table) is filled in.
"""

from __future__ import annotations

from docx.shared import Inches

from generators.domain import accommodations as catalogue
from generators.domain.common import RenderedDocument
from generators.domain.levels import grade_name
from generators.domain.small_group import (
    MIN_MISCONCEPTIONS,
    SORT,
    PlanContent,
    SmallGroupMaterial,
    StudentPlan,
)
from generators.render.data_sheet import render_data_sheet
from generators.render.docx_base import TEACHER_COPY, Writer, ledger_table, profile_for, slug
from generators.textwork import clean

LINE = "______________________"
BEFORE = "write before the lesson"
PRACTICE_LINES = 3
EXIT_LINES = 4
CHUNK_ITEMS = 2
BLANK_BANK_WORDS = 4  # empty word-bank boxes when there are no key words to print

# The sort's meaning and what follows it: the same for every skill, so filled in offline too.
SORT_MEANS = {
    "Got it": "Correct on the hardest case, on their own.",
    "Almost": "Right idea or method with one slip, or correct only after a prompt.",
    "Re-teach": "Wrong method or no answer.",
}
SORT_NEXT = {
    "Got it": "Move on: extend, or start the next skill.",
    "Almost": "A 5-minute re-check at the start of the next session.",
    "Re-teach": "Re-teach in a group of 2-3 with a new example and more We do.",
}
OFFLINE_STARTER = "My answer is ... I know because ..."
ORGANIZER_ROWS = ("What is the question asking?", "What I will do first", "My answer",
                  "How I checked")  # fmt: skip


def blank(label: str, hint: str = BEFORE) -> str:
    """A labelled blank: says what belongs there and who writes it, and is plainly empty."""
    return f"{label}: {LINE} ({hint})"


def render(material: SmallGroupMaterial) -> list[RenderedDocument]:
    documents = [render_plan(material), render_run_sheet(material)]
    documents += [render_student(material, plan) for plan in material.students]
    documents += [render_data_sheet(sheet) for sheet in material.data_sheets]
    return documents


def stem(material: SmallGroupMaterial) -> str:
    return f"group-plan_{slug(material.objective)[:40].strip('-')}"


def group_codes(material: SmallGroupMaterial) -> str:
    return ", ".join(plan.code for plan in material.students)


def clock(material: SmallGroupMaterial) -> list[list[str]]:
    return [
        [phase.name, str(phase.minutes), f"{phase.start}-{phase.end}"] for phase in material.phases
    ]


def decision_rule(material: SmallGroupMaterial) -> str:
    size, needed = len(material.students), material.mid_check_threshold
    otherwise = (
        material.content.mid_check.if_not_yet
        if material.content
        else "do one more We do example together, then check again."
    )
    who = f"all {size} students get" if needed == size else f"{needed} or more of the {size} get"
    if size == 1:
        who = "the student gets"
    return f"If {who} it right: go on to You do. If not: {otherwise}"


def sort_means(content: PlanContent | None) -> dict[str, str]:
    """What each pile looks like: the model's words for this skill, or the general meaning."""
    if content is None:
        return SORT_MEANS
    ticket = content.exit_ticket
    return {"Got it": ticket.got_it, "Almost": ticket.almost, "Re-teach": ticket.reteach}


def check_minute(material: SmallGroupMaterial) -> int:
    """The mid-lesson check comes in the last minute of We do."""
    return material.phases[2].end - 1


# --- Teacher / para plan ---


def render_plan(material: SmallGroupMaterial) -> RenderedDocument:
    writer = Writer("standard")
    writer.label_pages(TEACHER_COPY)
    content = material.content
    writer.title("Small-group plan")
    writer.paragraph("Teacher / para copy: holds answers and student needs. Do not hand out.",
                     "Directions")  # fmt: skip
    write_engine(writer, material)
    write_overview(writer, material, content)
    if material.notes:
        writer.heading("Your lesson notes", level=2)
        writer.paragraph(material.notes, "Teacher Note")
    write_sequence(writer, material, content)
    write_misconceptions(writer, content)
    write_look_fors(writer, content)
    write_mid_check(writer, material, content)
    write_exit_ticket(writer, material, content)
    write_students(writer, material)
    write_key(writer, material)
    write_data_table(writer, material)
    write_next_steps(writer, content)
    write_warnings(writer, material)
    return RenderedDocument(
        filename=f"{stem(material)}_plan_teacher.docx",
        role="teacher",
        title="Small-group plan (teacher / para)",
        data=writer.to_bytes(),
    )


def write_engine(writer: Writer, material: SmallGroupMaterial) -> None:
    writer.paragraph(f"Made by: {material.engine.label}.", "Teacher Note")
    if material.content is None:
        writer.paragraph(
            "Made by the offline engine (no AI): the timing, the group, each student's "
            "accommodations, the decision rule, the exit-ticket sort and the data table are "
            "filled in. Every line marked ______ is for you to write before the lesson.",
            "Teacher Note",
        )


def write_overview(writer: Writer, material: SmallGroupMaterial, content: PlanContent | None):
    rows = [
        ["Subject", material.subject],
        ["Grade", grade_name(material.grade)],
        ["Time", f"{material.minutes} minutes"],
        ["Group", group_codes(material)],
    ]
    if material.standard:  # quoted only when the teacher gave one
        rows.append(["Standard", material.standard])
    if material.source_name:
        rows.append(["Lesson text", material.source_name])
    writer.table(["Lesson", ""], rows)
    writer.heading("Objective")
    if content:
        writer.paragraph(content.objective, "Passage")
        writer.paragraph(f"Teacher's words: {material.objective}", "Small")
        writer.paragraph(f"For students: {content.student_goal}", "Small")
    else:
        writer.paragraph(f"Objective (as given): {material.objective}", "Passage")
        writer.paragraph(blank("Success looks like", "how many correct, e.g. 3 of 4"),
                         "Passage")  # fmt: skip
    writer.heading("Prerequisite skill", level=2)
    writer.paragraph(content.prerequisite if content else blank("Prerequisite skill"), "Passage")
    writer.heading("Materials", level=2)
    materials = list(content.materials) if content else []
    materials.append("A student page for each student (printed for their accommodations)")
    if material.source_name:
        materials.append(f"Copies of the lesson text: {material.source_name}")
    if not content:
        materials.append(blank("Other materials"))
    for item in materials:
        writer.paragraph(item, "Passage")


def phase_text(material: SmallGroupMaterial, name: str, content: PlanContent | None) -> str:
    you_do = material.phases[-1]
    practice = you_do.minutes - material.exit_minutes
    tail = (
        f"Students practise on their own pages ({practice} min), then the exit ticket "
        f"({material.exit_minutes} min, from minute {you_do.end - material.exit_minutes})."
    )
    if content:
        texts = {
            "Warm-up": content.warm_up,
            "I do": "Model it (script on the run sheet): " + content.i_do_script[0],
            "We do": "Practise together (script on the run sheet): " + content.we_do_script[0],
            "You do": f"{content.you_do} {tail}",
        }
    else:
        texts = {
            "Warm-up": blank("Quick review of the prerequisite"),
            "I do": blank("Model one example, thinking aloud"),
            "We do": blank("Examples to do together, with prompts"),
            "You do": tail,
        }
    return texts[name]


def write_sequence(writer: Writer, material: SmallGroupMaterial, content: PlanContent | None):
    writer.heading("Timed sequence")
    rows = [[*row, phase_text(material, row[0], content)] for row in clock(material)]
    rows.append(["Total", str(sum(phase.minutes for phase in material.phases)), "", ""])
    writer.table(["Part", "Minutes", "Clock", "What happens"], rows)


def write_misconceptions(writer: Writer, content: PlanContent | None) -> None:
    writer.heading("Likely misconceptions")
    header = ["#", "Misconception", "What you see or hear", "What the adult does"]
    if content:
        rows = [
            [str(n), item.misconception, item.looks_like, item.adult_move]
            for n, item in enumerate(content.misconceptions, 1)
        ]
    else:
        rows = [
            [str(n), blank(f"Misconception {n}"), blank("Looks like"), blank("Adult move")]
            for n in range(1, MIN_MISCONCEPTIONS + 1)
        ]
    writer.table(header, rows)


def write_look_fors(writer: Writer, content: PlanContent | None) -> None:
    writer.heading("What to look for", level=2)
    lines = content.look_fors if content else [blank(f"Look for {n}") for n in (1, 2)]
    for line in lines:
        writer.paragraph(line, "Passage")


def write_mid_check(writer: Writer, material: SmallGroupMaterial, content: PlanContent | None):
    minute = check_minute(material)
    writer.heading(f"Mid-lesson check (end of We do, about minute {minute})", level=2)
    if content:
        writer.paragraph(f"Ask: {content.mid_check.question}", "Passage")
        writer.paragraph(f"Answer: {content.mid_check.answer}", "Key Answer")
    else:
        writer.paragraph(blank("Check question"), "Passage")
        writer.paragraph(blank("Answer"), "Key Answer")
    writer.paragraph(f"Decision rule: {decision_rule(material)}", "Directions")


def write_exit_ticket(writer: Writer, material: SmallGroupMaterial, content: PlanContent | None):
    writer.heading("Exit ticket (the hardest case)")
    if content:
        writer.paragraph(content.exit_ticket.question, "Question")
        writer.paragraph(f"Answer: {content.exit_ticket.answer}", "Key Answer")
    else:
        writer.paragraph(blank("Exit-ticket item on the hardest case"), "Question")
        writer.paragraph(blank("Answer"), "Key Answer")
    means = sort_means(content)
    writer.paragraph("Sort every exit ticket into one pile:", "Directions")
    writer.table(
        ["Sort", "What it looks like", "Next"],
        [[pile, means[pile], SORT_NEXT[pile]] for pile in SORT],
    )


def write_students(writer: Writer, material: SmallGroupMaterial) -> None:
    writer.heading("Each student's accommodations")
    writer.paragraph("Applied on that student's own page; modifications are marked "
                     "MODIFICATION.", "Small")  # fmt: skip
    for plan in material.students:
        writer.heading(f"{plan.code} (practice at grade {grade_name(plan.reading_level)})",
                       level=2)  # fmt: skip
        if not plan.ledger:
            writer.paragraph("None listed: standard page.", "Teacher Note")
            continue
        ledger_table(writer, plan.ledger)
        for note in catalogue.teacher_notes(e.id for e in plan.ledger if e.applied):
            writer.paragraph(note, "Teacher Note")


def write_key(writer: Writer, material: SmallGroupMaterial) -> None:
    if material.content is None:
        return
    writer.heading("Practice answer key")
    for plan in material.students:
        writer.heading(plan.code, level=2)
        for number, item in enumerate(plan.practice, 1):
            writer.numbered(number, item.prompt)
            writer.paragraph(f"Answer: {item.answer}", "Key Answer")


def write_data_table(writer: Writer, material: SmallGroupMaterial) -> None:
    writer.heading("Data for today")
    rows = [[plan.code, "", " / ".join(SORT), ""] for plan in material.students]
    writer.table(
        ["Student", "Mid check (right / not yet)", "Exit ticket (circle)", "Notes"],
        rows,
        min_height=28,
    )
    if material.data_sheets:
        names = ", ".join(
            f"{sheet.student_code} goal {sheet.goal_number}" for sheet in material.data_sheets
        )
        writer.paragraph(f"IEP data sheets printed with this plan: {names}.", "Small")


def write_next_steps(writer: Writer, content: PlanContent | None) -> None:
    writer.heading("Regrouping and next steps")
    for pile in SORT:
        writer.paragraph(f"{pile}: {SORT_NEXT[pile]}", "Passage")
    if content:
        for line in content.next_steps:
            writer.paragraph(line, "Passage")
    else:
        writer.paragraph(blank("Next skill to teach", "write after the sort"), "Passage")


def write_warnings(writer: Writer, material: SmallGroupMaterial) -> None:
    if not material.warnings:
        return
    writer.heading("Check before you print")
    for warning in material.warnings:
        writer.paragraph(warning, "Teacher Note")


# --- Para run sheet: one page, plain words ---
#
# The para reads it while teaching, so it must be one printed page (tests/test_small_group.py
# prints it through LibreOffice). Three tables carry it: the clock across the page; I do | We do
# and stuck | check side by side; the exit-ticket sort and each student's reminders as
# label | text rows. Each part is named in a bold row of its table rather than by a heading,
# and the text is in the templates' 10-11 pt styles; the offline engine's blanks are ruled lines.

RUN_SHEET_MARGIN = 0.6  # inches, all round: 0.5 is the least a printer is sure to print
RUN_SHEET_WIDTH = 8.5 - 2 * RUN_SHEET_MARGIN  # inches between the margins of a Letter page
SCRIPT_STYLE = "Script Line"  # 11 pt, tight spacing: read aloud while teaching
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
    writer.heading("Run sheet", level=2)  # not Title: its size and rule cost two lines
    goal = content.student_goal if content else material.objective
    writer.paragraph(f"Goal: {goal}", "Directions")
    writer.paragraph(f"Group: {group_codes(material)}. {material.minutes} minutes.", DETAIL_STYLE)
    phases = len(material.phases)
    clock_widths = [CLOCK_LABEL, *([(RUN_SHEET_WIDTH - CLOCK_LABEL) / phases] * phases)]
    sheet_table(writer, [timing(material)], clock_widths, SCRIPT_STYLE, labels=True)
    writer.paragraph("", DETAIL_STYLE)  # two tables in a row would join into one
    parts = [scripts(material, content), stuck_and_check(material, content)]
    sheet_table(writer, parts, HALVES, SCRIPT_STYLE)
    writer.paragraph("", DETAIL_STYLE)
    parts = [exit_sort(material, content), para_notes(material)]
    sheet_table(writer, parts, LABELLED, DETAIL_STYLE, labels=True)
    writer.paragraph(f"Made by {material.engine.label}.", DETAIL_STYLE)  # a body ends in text
    return RenderedDocument(
        filename=f"{stem(material)}_run-sheet_para.docx",
        role="para",
        title="Para run sheet",
        data=writer.to_bytes(),
    )


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
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Inches(width)  # the grid, which LibreOffice reads
        for cell in column.cells:  # and each cell, which Word reads
            cell.width = Inches(width)
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


# --- One page per student ---


class StudentPage:
    """One student's own copy: their accommodations decide its layout and supports."""

    def __init__(self, material: SmallGroupMaterial, plan: StudentPlan) -> None:
        self.material = material
        self.plan = plan
        self.content = material.content
        self.chosen = set(plan.accommodations)
        self.writer = Writer(profile_for(self.chosen), extra_spacing="extra-spacing" in self.chosen)

    def has(self, accommodation_id: str) -> bool:
        return accommodation_id in self.chosen

    def cue(self, word: str) -> str | None:
        return word if self.has("visual-supports") else None

    def lines(self, count: int) -> int:
        return count * 2 if self.has("larger-answer-space") else count

    def starter(self, text: str | None) -> None:
        if self.has("sentence-starters"):
            self.writer.paragraph(text or OFFLINE_STARTER, "Starter")

    def terms(self) -> list[str]:
        return list(self.material.key_words) if self.has("highlight-key-terms") else []

    def build(self) -> bytes:
        writer = self.writer
        writer.label_pages(self.plan.code)
        writer.title(f"{self.material.subject.capitalize()} practice")
        writer.paragraph(f"{self.plan.code}      Date: __________", "Small")
        writer.heading("Today's goal", cue=self.cue("READ"))
        goal = self.content.student_goal if self.content else self.material.objective
        writer.paragraph(goal, "Passage")
        self.directions()
        self.words()
        self.practice()
        self.organizer()
        if self.has("breaks"):
            writer.paragraph("Checkpoint: take a short break, then do the exit ticket.",
                             "Checkpoint")  # fmt: skip
        writer.page_break()
        self.exit_ticket()
        return writer.to_bytes()

    def directions(self) -> None:
        self.writer.heading("Directions")
        if self.has("simplified-directions"):
            self.writer.steps(
                ["Read each item.", "Write your answer on the lines.", "Check your work."]
            )
        else:
            self.writer.paragraph(
                "Answer each practice item on the lines. Then do the exit ticket on your own.",
                "Directions",
            )

    def words(self) -> None:
        words = self.material.key_words
        if self.has("word-bank"):  # without key words, empty boxes the adult writes in
            label = "Word bank" if words else "Word bank (the adult writes the words)"
            self.writer.word_bank(words or [""] * BLANK_BANK_WORDS, label)
        elif self.has("highlight-key-terms") and words and self.content is None:
            self.writer.highlighted("Key words to look for: " + ", ".join(words), words,
                                    "Passage")  # fmt: skip

    def practice(self) -> None:
        self.writer.heading("Practice", cue=self.cue("WRITE"))
        items = self.plan.practice
        for index in range(self.plan.practice_count):
            if self.has("chunking") and index and index % CHUNK_ITEMS == 0:
                self.writer.page_break()
            number = index + 1
            if index < len(items):
                self.writer.highlighted(f"{number}. {items[index].prompt}", self.terms(),
                                        "Question")  # fmt: skip
                self.starter(items[index].starter)
            else:
                self.writer.numbered(
                    number, blank("Practice item", "the adult writes it before copying")
                )
                self.starter(None)
            self.writer.answer_lines(self.lines(PRACTICE_LINES))

    def organizer(self) -> None:
        if not self.has("graphic-organizer"):
            return
        self.writer.heading("Think it through", cue=self.cue("WRITE"))
        rows = [[label, ""] for label in ORGANIZER_ROWS]
        self.writer.table(["Step", "My notes"], rows, min_height=48 if self.lines(1) > 1 else 32)

    def exit_ticket(self) -> None:
        writer = self.writer
        writer.heading("Exit ticket", cue=self.cue("WRITE"))
        writer.paragraph(f"{self.plan.code}      Date: __________", "Small")
        writer.paragraph("Do this on your own. Show your thinking.", "Directions")
        if self.content:
            writer.highlighted(self.content.exit_ticket.question, self.terms(), "Question")
            self.starter(self.content.exit_ticket.starter)
        else:
            writer.paragraph(blank("Exit-ticket item", "the adult writes it before copying"),
                             "Question")  # fmt: skip
            self.starter(None)
        writer.answer_lines(self.lines(EXIT_LINES))


def render_student(material: SmallGroupMaterial, plan: StudentPlan) -> RenderedDocument:
    return RenderedDocument(
        filename=f"{stem(material)}_{slug(plan.code)}_student.docx",
        role="student",
        title=f"Student page, {plan.code}",
        level=plan.reading_level,
        data=StudentPage(material, plan).build(),
    )
