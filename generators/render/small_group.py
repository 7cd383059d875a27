"""Small-group documents, all from one SmallGroupMaterial: the teacher/para plan, the para run
sheet, one page per student (their code, never a name, with their own accommodations applied)
and, when asked, an IEP data sheet per goal.

From the offline engine the content only a model or teacher can write is a labelled blank
("Misconception 1: ______ (write before the lesson)"), never text posing as content; what the
inputs determine (timing, group, accommodations, decision rule, sort, data table) is filled in.
"""

from __future__ import annotations

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
from generators.render.docx_base import TEACHER_COPY, Writer, profile_for, slug
from generators.render.flow import kept_together
from generators.render.plan_text import (
    check_minute,
    decision_rule,
    group_codes,
    sort_means,
    stem,
)
from generators.render.run_sheet import render_run_sheet

LINE = "______________________"
BEFORE = "write before the lesson"
PRACTICE_LINES = 3
EXIT_LINES = 4
CHUNK_ITEMS = 2
NOTES_SHARE = 0.55  # the organizer's writing column: at least this share of the width
TABLE_STYLE = "Script Line"  # 11 pt, tight: the plan's tables are read, not written in
WHAT_HAPPENS_SHARE = 0.5
LIST_STYLE = "Teacher Note"  # 11 pt, tight: materials, look-fors and next steps, one a line
BLANK_BANK_WORDS = 4  # empty word-bank boxes when there are no key words to print

# What follows each pile of the exit-ticket sort: the same for every skill.
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


def clock(material: SmallGroupMaterial) -> list[list[str]]:
    return [
        [phase.name, str(phase.minutes), f"{phase.start}-{phase.end}"] for phase in material.phases
    ]


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
    writer.table(["Lesson", ""], rows, style=TABLE_STYLE)
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
        writer.paragraph(item, LIST_STYLE)


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
    # "What happens" is what the adult reads: at least half the width (was a quarter).
    writer.table(["Part", "Minutes", "Clock", "What happens"], rows, style=TABLE_STYLE,
                 min_share={3: WHAT_HAPPENS_SHARE})  # fmt: skip


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
    writer.table(header, rows, style=TABLE_STYLE)


def write_look_fors(writer: Writer, content: PlanContent | None) -> None:
    writer.heading("What to look for", level=2)
    lines = content.look_fors if content else [blank(f"Look for {n}") for n in (1, 2)]
    for line in lines:
        writer.paragraph(line, LIST_STYLE)


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
        style=TABLE_STYLE,
    )


def write_students(writer: Writer, material: SmallGroupMaterial) -> None:
    """One row per student: each accommodation with its category, and what was done spelled
    out only where the demand changed (MODIFICATION) or a need was not met. How each is applied
    shows on the student's own page and the para's reminders are on the run sheet, so the plan
    does not repeat them (it printed a full-width table per student)."""
    writer.heading("Each student's accommodations")
    writer.paragraph("Applied on that student's own page; (auto) = implied by their reading "
                     "level, not requested.", "Small")  # fmt: skip
    rows = [
        [f"{plan.code} (grade {grade_name(plan.reading_level)})", needs_summary(plan)]
        for plan in material.students
    ]
    writer.table(["Student", "Accommodations and modifications"], rows, style=TABLE_STYLE)
    applied = [e.id for plan in material.students for e in plan.ledger if e.applied]
    for note in catalogue.teacher_notes(dict.fromkeys(applied)):  # once for the group
        writer.paragraph(note, LIST_STYLE)


def needs_summary(plan: StudentPlan) -> str:
    parts = []
    for entry in plan.ledger:
        auto = "" if entry.requested else " (auto)"
        if entry.category == "MODIFICATION" or not entry.applied:
            state = "MODIFICATION" if entry.applied else f"NOT APPLIED ({entry.category})"
            parts.append(f"{entry.name}: {state}{auto}: {entry.detail.rstrip('.')}")
        else:
            parts.append(f"{entry.name} ({entry.category}){auto}")
    return "; ".join(parts) + "." if parts else "None listed: standard page."


def write_key(writer: Writer, material: SmallGroupMaterial) -> None:
    """Answers only: the items themselves are on each student's page, where they are used."""
    if material.content is None:
        return
    writer.heading("Practice answer key")
    writer.paragraph("The items are on each student's page; item numbers as printed there.",
                     "Small")  # fmt: skip
    for plan in material.students:
        answers = "   ".join(
            f"{number}. {item.answer}" for number, item in enumerate(plan.practice, 1)
        )
        writer.paragraph(f"{plan.code}: {answers}", "Key Answer")


def write_data_table(writer: Writer, material: SmallGroupMaterial) -> None:
    writer.heading("Data for today")
    rows = [[plan.code, "", " / ".join(SORT), ""] for plan in material.students]
    writer.table(
        ["Student", "Mid check (right / not yet)", "Exit ticket (circle)", "Notes"],
        rows,
        min_height=28,
        style=TABLE_STYLE,
        min_share={3: 0.3},
        writing=(1, 3),
    )
    if material.data_sheets:
        names = ", ".join(
            f"{sheet.student_code} goal {sheet.goal_number}" for sheet in material.data_sheets
        )
        writer.paragraph(f"IEP data sheets printed with this plan: {names}.", "Small")


def write_next_steps(writer: Writer, content: PlanContent | None) -> None:
    """What each pile does next is in the exit ticket's sort table, so it is not repeated."""
    writer.heading("Regrouping and next steps")
    if content:
        for line in content.next_steps:
            writer.paragraph(line, LIST_STYLE)
    else:
        writer.paragraph(blank("Next skill to teach", "write after the sort"), "Passage")


def write_warnings(writer: Writer, material: SmallGroupMaterial) -> None:
    if not material.warnings:
        return
    writer.heading("Check before you print")
    for warning in material.warnings:
        writer.paragraph(warning, "Teacher Note")


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
            with kept_together(self.writer):  # item, starter and lines on one page
                self.item(index, items)

    def item(self, index: int, items) -> None:
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
        self.writer.table(["Step", "My notes"], rows, min_height=48 if self.lines(1) > 1 else 32,
                          writing=(1,), min_share={1: NOTES_SHARE})  # fmt: skip

    def exit_ticket(self) -> None:
        writer = self.writer
        writer.heading("Exit ticket", cue=self.cue("WRITE"))
        writer.paragraph(f"{self.plan.code}      Date: __________", "Small")
        writer.paragraph("Do this on your own. Show your thinking.", "Directions")
        with kept_together(writer):
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
