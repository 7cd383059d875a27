"""Documents for a modified assignment: the student copy and the teacher/para copy.

Both come from one ModifyMaterial. The student copy carries the accommodations and nothing
about them (no ledger, no key, no "modified" label); the teacher/para copy shows, item by item,
the original beside what the student gets, the ledger with every change and its category, the
answer key where one is known, the read-aloud script and the timing notes.
"""

from __future__ import annotations

from generators.domain.assignment import Item, ItemResult, ModifyMaterial, Section, TextBlock
from generators.domain.common import RenderedDocument
from generators.hidden_text import looks_like_answers
from generators.render.docx_base import (
    STEP_LETTERS,
    TEACHER_COPY,
    Writer,
    ledger_table,
    profile_for,
    slug,
)
from generators.render.flow import kept_together


def render(material: ModifyMaterial) -> list[RenderedDocument]:
    stem = slug(material.title) + (
        f"_{slug(material.student_code)}" if material.student_code else ""
    )
    return [
        RenderedDocument(
            filename=f"{stem}_modified_student.docx",
            role="student",
            title="Student copy (modified)",
            data=StudentCopy(material).build(),
        ),
        RenderedDocument(
            filename=f"{stem}_modified_teacher.docx",
            role="teacher",
            title="Teacher / para copy: changes, ledger and key",
            data=TeacherCopy(material).build(),
        ),
    ]


CUES = {"multiple_choice": "CIRCLE", "fill_in": "FILL IN", "written": "WRITE"}


def cue_for(items: list[Item]) -> str:
    """The action words for a visual cue: what the student does in this part, in order."""
    return " / ".join(dict.fromkeys(CUES[item.kind] for item in items))


# --- Student copy ---


class StudentCopy:
    """Layout is decided by the accommodations; wording comes from the material, unchanged."""

    def __init__(self, material: ModifyMaterial) -> None:
        self.material = material
        self.chosen = set(material.accommodations)
        self.writer = Writer(profile_for(self.chosen), extra_spacing="extra-spacing" in self.chosen)
        self.started = False  # an item has been printed: later chunk starts need a page break

    def build(self) -> bytes:
        material, writer = self.material, self.writer
        writer.label_pages(material.student_code or material.title)
        writer.title(material.title)
        writer.paragraph("Name: ____________________   Date: __________")
        if material.directions_simplified:
            writer.steps(material.directions, material.key_terms)
        else:
            for text in material.directions:
                writer.highlighted(text, material.key_terms, "Directions")
        if material.word_bank:
            writer.word_bank(material.word_bank)
        for index, section in enumerate(material.original.sections):
            self.section(index, section)
        return writer.to_bytes()

    def section(self, index: int, section: Section) -> None:
        kept = [i for i in section.items if not self.material.result(i.ref).removed]
        if section.items and not kept and not self.has_other_blocks(section):
            return  # every item of this part was left out (fewer-items)
        if kept and kept[0].ref in self.material.chunk_starts and self.started:
            self.writer.page_break()
        cue = cue_for(kept) if "visual-supports" in self.chosen and kept else None
        if section.heading:
            self.writer.heading(section.heading, cue=cue)
        elif cue:  # body size, not "Cue": large print must stay 18 pt everywhere
            self.writer.paragraph(cue, "Directions")
        for block_index, block in enumerate(section.blocks):
            if isinstance(block, Item):
                self.item(block, self.material.result(block.ref), first=block is kept[0])
            elif isinstance(block, TextBlock):
                self.text(index, block_index, block)
            else:
                rows = [list(row) for row in block.rows]
                self.writer.table(rows[0], rows[1:])

    def has_other_blocks(self, section: Section) -> bool:
        return any(not isinstance(block, Item) for block in section.blocks)

    def item(self, item: Item, result: ItemResult, *, first: bool) -> None:
        if result.removed:
            return
        if result.ref in self.material.chunk_starts and not first:
            self.writer.page_break()
        self.started = True
        with kept_together(self.writer):
            self.item_block(item, result)
        if result.ref in self.material.checkpoints:
            self.writer.paragraph("Checkpoint: take a short break, then go on.", "Checkpoint")

    def item_block(self, item: Item, result: ItemResult) -> None:
        """Stem, choices, starter and writing lines print on one page (see render/flow.py)."""
        writer = self.writer
        writer.highlighted(f"{result.number}. {result.stem}", self.material.key_terms, "Question")
        for choice in result.choices:  # never highlighted: bold in one choice would point at it
            writer.paragraph(item.label(choice), "Choice")
        if result.starter:
            writer.paragraph(result.starter, "Starter")
        writer.answer_lines(result.lines)

    def text(self, section: int, block: int, text: TextBlock) -> None:
        rewritten = self.material.passage(section, block)
        paragraphs = rewritten.paragraphs if rewritten else (text.text,)
        style = {"passage": "Passage", "directions": "Directions", "note": "Normal"}[text.role]
        for paragraph in paragraphs:
            self.writer.highlighted(paragraph, self.material.key_terms, style)


# --- Teacher / para copy ---


class TeacherCopy:
    def __init__(self, material: ModifyMaterial) -> None:
        self.material = material
        self.writer = Writer("standard")
        self.writer.label_pages(TEACHER_COPY)

    def build(self) -> bytes:
        self.header()
        self.warnings()
        self.hidden()
        self.ledger()
        self.adult_notes()
        self.directions()
        self.items()
        self.passages()
        self.key()
        self.read_aloud()
        return self.writer.to_bytes()

    def header(self) -> None:
        m, w = self.material, self.writer
        w.title(f"{m.title}: modified copy")
        w.paragraph(
            "Teacher / para copy: do not hand out. It lists every change made to the student "
            "copy, so you can check that nothing changed that should not have.",
            "Directions",
        )
        w.paragraph(f"Made by: {m.engine.label}.", "Teacher Note")
        w.paragraph(f"Original: {m.original.source_name}. Found: {m.original.summary()}.",
                    "Teacher Note")  # fmt: skip
        if m.student_code:
            w.paragraph(f"Student: {m.student_code}.", "Teacher Note")
        w.paragraph(
            "The student copy is retyped from the original in ParaPrep's print styles; its "
            "wording is the original's except where the tables below say otherwise. Item "
            "numbers in the ledger are the original's.",
            "Teacher Note",
        )

    def warnings(self) -> None:
        if not self.material.warnings:
            return
        self.writer.heading("Check before you print")
        for warning in self.material.warnings:
            self.writer.paragraph(f"- {warning}", "Teacher Note")

    def hidden(self) -> None:
        """Text the original hid with Word's hidden font, which the student copy leaves off:
        when it looks like answers, it is offered as the key."""
        hidden = self.material.original.hidden_text
        if not hidden:
            return
        answers = looks_like_answers(list(hidden))
        self.writer.heading("Answer key hidden in the original" if answers
                            else "Hidden text in the original")  # fmt: skip
        self.writer.paragraph(
            "The original hides this with Word's hidden font, so it did not print there and is "
            "left off the student copy. Item numbers are the original's: check them against "
            "the student copy.",
            "Small",
        )
        for text in hidden:
            self.writer.paragraph(text, "Key Answer" if answers else "Teacher Note")

    def ledger(self) -> None:
        self.writer.heading("Accommodations and modifications")
        ledger_table(self.writer, self.material.ledger)

    def adult_notes(self) -> None:
        if not self.material.adult_notes:
            return
        self.writer.heading("For the adult working with the student")
        for note in self.material.adult_notes:
            self.writer.paragraph(note, "Teacher Note")

    def directions(self) -> None:
        m = self.material
        if not m.directions_simplified:
            return
        self.writer.heading("Directions: original and simplified")
        lettered = zip(STEP_LETTERS, m.directions, strict=False)
        rows = [[" ".join(m.original.directions), " ".join(f"{n}. {s}" for n, s in lettered)]]
        self.writer.table(["Original", "On the student copy"], rows)

    def items(self) -> None:
        self.writer.heading("Item by item: original and student copy")
        rows = []
        for item in self.material.original.items:
            result = self.material.result(item.ref)
            rows.append(
                [
                    number_cell(item, result),
                    item_text(item, item.stem, item.choices),
                    "Left out (fewer-items)"
                    if result.removed
                    else item_text(item, result.stem, result.choices, result.starter),
                    " ".join(result.changes) or "No change to wording.",
                ]
            )
        self.writer.table(["Item", "Original", "Student copy", "Changes"], rows)

    def passages(self) -> None:
        for passage in self.material.passages:
            original = self.material.original.sections[passage.section].blocks[passage.block]
            assert isinstance(original, TextBlock)
            self.writer.heading("Passage: original and rewritten", level=2)
            rows = [[original.text, " ".join(passage.paragraphs)]]
            self.writer.table(["Original", "On the student copy"], rows)

    def key(self) -> None:
        known = [r for r in self.material.items if r.correct is not None and not r.removed]
        if not known:
            return
        self.writer.heading("Answer key (multiple choice, as on the student copy)")
        for item in self.material.original.items:
            result = self.material.result(item.ref)
            if result.correct is None or result.removed:
                continue
            source = "teacher's key" if result.answer_source == "key" else "model: check it"
            answer = item.label(result.choices[result.correct])
            self.writer.paragraph(f"{result.number}. {answer} ({source})", "Key Answer")

    def read_aloud(self) -> None:
        if not self.material.read_aloud:
            return
        self.writer.heading("Read-aloud script")
        for number, line in enumerate(self.material.read_aloud, 1):
            self.writer.paragraph(f"{number}. {line}", "Teacher Note")


def number_cell(item: Item, result: ItemResult) -> str:
    if result.removed:
        return f"{item.number} (left out)"
    if result.number != item.number:
        return f"{item.number} (now {result.number})"
    return item.number


def item_text(item: Item, stem: str, choices, starter: str | None = None) -> str:
    parts = [stem, *(item.label(choice) for choice in choices)]
    if starter:
        parts.append(f"Starter: {starter}")
    return " / ".join(parts)
